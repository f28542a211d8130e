"""Print an evaluation: the rules-alone and rules + model columns side by side, or as JSON.

    metric                           rules alone        rules + local
    question recall                  91.7% (11/12)      91.7% (11/12)
    status coarse                    81.8% (9/11)       72.7% (8/11)
    ...
    coarse status confusion (rows: label, columns: tool) ...
"""

from __future__ import annotations

import json
from typing import Any

from reviewer.evaluate.runner import EvalResult, ModelRun
from reviewer.evaluate.scoring import METRICS, Tally, confusion_table, figures

_ABBREV = {"given": "given", "not_held": "n-held", "withheld": "withh", "not_applicable": "n/a", "unanswered": "unans"}


def _cell(fig: dict[str, Any]) -> str:
    if fig["rate"] is None:
        return "n/a"
    return f"{100 * fig['rate']:.1f}% ({fig['hits']}/{fig['total']})"


def _confusion_lines(title: str, tally: Tally) -> list[str]:
    table = confusion_table(tally)
    cols = list(table)
    lines = [f"coarse status confusion, {title} (rows: label, columns: tool)"]
    lines.append(" " * 16 + "".join(f"{_ABBREV.get(c, c[:7]):>8}" for c in cols))
    for row in cols:
        lines.append(f"  {row:14}" + "".join(f"{table[row][c]:>8}" for c in cols))
    return lines


def _model_lines(run: ModelRun) -> list[str]:
    cost = "not priced (add the model to the price table, see docs/llm.md)" if run.cost is None else f"${run.cost:.4f}"
    lines = [
        f"model {run.model} at {run.endpoint}: reviewed {run.used} case(s), failed {len(run.failed)}",
        f"  calls {run.calls} sent, {run.cached_calls} from the cache; tokens {run.input_tokens} in, {run.output_tokens} out;"
        f" estimated cost {cost}; time {run.seconds:.1f} s",
        f"  rule-engine findings kept with the model review: {run.rule_findings_kept}/{run.rule_findings}",
    ]
    lines += [f"  {n}" for n in run.notes]
    lines += [f"  failed: {f}" for f in run.failed]
    return lines


def render_text(result: EvalResult) -> str:
    rules = figures(result.rules)
    model = figures(result.model) if result.model is not None else None
    name = f"rules + {result.model_run.model}" if result.model_run is not None else ""
    lines = [f"{result.cases} labelled case(s); rules alone took {result.rules_seconds:.1f} s", ""]
    lines.append((f"{'metric':32} {'rules alone':20}" + (f" {name}" if model else "")).rstrip())
    for metric, _, _ in METRICS:
        row = f"{metric.replace('_', ' '):32} {_cell(rules[metric]):20}"
        if model is not None:
            row += f" {_cell(model[metric])}"
        lines.append(row.rstrip())
    lines.append("")
    lines += _confusion_lines("rules alone", result.rules)
    if result.model is not None and result.model_run is not None:
        lines.append("")
        lines += _confusion_lines(name, result.model)
        lines.append("")
        lines += _model_lines(result.model_run)
    if result.model_off:
        lines += ["", f"model review off: {result.model_off}; rules alone"]
    for e in result.rules.errors:
        lines.append(f"error: {e}")
    return "\n".join(lines) + "\n"


def _column(tally: Tally) -> dict[str, Any]:
    return {"metrics": figures(tally), "confusion": confusion_table(tally), "per_case": tally.per_case}


def render_json(result: EvalResult) -> str:
    out: dict[str, Any] = {
        "cases": result.cases,
        "errors": list(result.rules.errors),
        "rules": {**_column(result.rules), "seconds": result.rules_seconds},
        "llm": None,
        "llm_off": result.model_off,
    }
    if result.model is not None and result.model_run is not None:
        run = result.model_run
        out["llm"] = {
            **_column(result.model),
            "model": run.model,
            "endpoint": run.endpoint,
            "cases_reviewed": run.used,
            "failed": run.failed,
            "calls": run.calls,
            "cached_calls": run.cached_calls,
            "tokens": {"input": run.input_tokens, "output": run.output_tokens},
            "cost_usd": run.cost,
            "seconds": run.seconds,
            "rule_findings": run.rule_findings,
            "rule_findings_kept": run.rule_findings_kept,
            "notes": run.notes,
        }
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"

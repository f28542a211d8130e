"""Review every labelled case with the rules alone and, when asked, with the model review too.

The rule-engine column is scored first from each record; the same reviews then go through the
model tier (all cases together, so `concurrency` requests are in flight across cases) and are
scored again. The model column also says how many of the rule engine's own findings it kept,
which must always be all of them: the model may add and refine, never remove.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reviewer.core.errors import ReviewerError
from reviewer.evaluate.labelled import LabelledCase
from reviewer.evaluate.scoring import Tally

if TYPE_CHECKING:
    from reviewer.core.model import Review
    from reviewer.llm.settings import LLMSettings
    from reviewer.pipeline import Options


@dataclass
class ModelRun:
    """What the model column cost: calls, tokens, money and time."""

    model: str
    endpoint: str
    used: int = 0  # cases the model review was done for
    failed: list[str] = field(default_factory=list)  # "case: reason"
    calls: int = 0
    cached_calls: int = 0
    input_tokens: int = 0  # as the server counted them where it said, else counted locally
    output_tokens: int = 0
    cost: float | None = None  # US dollars, from the price table; None: model not priced
    seconds: float = 0.0
    rule_findings: int = 0  # rule-engine findings in the rules-only column
    rule_findings_kept: int = 0  # ...still present, unchanged, with the model review
    notes: list[str] = field(default_factory=list)


@dataclass
class EvalResult:
    cases: int
    rules: Tally
    rules_seconds: float
    model: Tally | None = None
    model_run: ModelRun | None = None
    model_off: str | None = None  # why there is no model column although --llm was asked

    def as_text(self) -> str:
        """The score table (`evaluate.render`; the reporters call this, not the module above them)."""
        from reviewer.evaluate.render import render_text

        return render_text(self)

    def as_json(self) -> str:
        from reviewer.evaluate.render import render_json

        return render_json(self)


def _finding_key(f: dict[str, Any]) -> tuple[Any, ...]:
    ev = f.get("evidence") or {}
    return (f.get("code"), f.get("question_ref"), ev.get("start"), ev.get("end"), f.get("severity"))


def _model_tokens(review: Review) -> tuple[int, int]:
    """Input and output tokens of a review's calls: the server's count where it gave one."""
    info = review.llm
    sent = [c for c in info.per_call if not c.cached]
    if sent and all(c.input_tokens is not None for c in sent):
        return sum(c.input_tokens or 0 for c in sent), info.output_tokens
    return (info.input_tokens if sent else 0), info.output_tokens


def run_eval(cases: list[LabelledCase], options: Options, llm: LLMSettings | None = None) -> EvalResult:
    from reviewer.pipeline import review_files
    from reviewer.reporters.records import review_record

    rules = Tally()
    reviewed: list[tuple[LabelledCase, Review, dict[str, Any]]] = []
    started = time.perf_counter()
    for case in cases:
        try:
            review = review_files(case.request, case.response, options)
        except ReviewerError as exc:
            rules.errors.append(f"{case.id}: {exc}")
            continue
        record = review_record(review)
        rules.add(case.id, case.truth, record)
        reviewed.append((case, review, record))
    result = EvalResult(len(cases), rules, round(time.perf_counter() - started, 2))
    if llm is None:
        return result
    if not llm.configured:
        from reviewer.llm.review import NOT_CONFIGURED

        result.model_off = NOT_CONFIGURED
        return result
    from reviewer.llm.review import run_reviews
    from reviewer.llm.tokens import price_for

    run = ModelRun(llm.model, llm.endpoint_host)
    started = time.perf_counter()
    run_reviews([r for _, r, _ in reviewed], llm)
    run.seconds = round(time.perf_counter() - started, 2)
    tally = Tally(errors=list(rules.errors))
    for case, review, before in reviewed:
        after = review_record(review)
        tally.add(case.id, case.truth, after)
        info = review.llm
        if info.used:
            run.used += 1
        else:
            run.failed.append(f"{case.id}: {info.failed}")
        run.calls += sum(1 for c in info.per_call if not c.cached)
        run.cached_calls += sum(1 for c in info.per_call if c.cached)
        tokens_in, tokens_out = _model_tokens(review)
        run.input_tokens += tokens_in
        run.output_tokens += tokens_out
        kept = {_finding_key(f) for f in after["findings"] if f.get("origin") != "llm"}
        rule_keys = [_finding_key(f) for f in before["findings"]]
        run.rule_findings += len(rule_keys)
        run.rule_findings_kept += sum(k in kept for k in rule_keys)
        for note in review.notes:
            if note.startswith("model review:") and "rejected response_format" in note and note not in run.notes:
                run.notes.append(note)
    price = price_for(llm.model)
    run.cost = price.cost(run.input_tokens, run.output_tokens) if price is not None else None
    result.model, result.model_run = tally, run
    return result

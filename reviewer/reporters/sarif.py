"""`--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub, Azure DevOps, GitLab).

One run; the rules are the registry's; each finding is a result with a physical location in
the response file (line and column as the tool counts them, in Unicode code points, which the
run declares with `columnKind`), a `partialFingerprints` entry from `reviewer.reporters.baseline` so
code scanning tracks a finding across commits, `suppressions` for inline exceptions (with
their reason as the justification) and `baselineState` when a baseline is in use. Broken cases
are tool notifications of level error. Example (abridged)::

    {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "foi-reviewer", "rules": [...]}},
     "results": [{"ruleId": "RN001", "level": "error",
                  "message": {"text": "The draft refuses ... but does not offer an internal review"},
                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": "templates/refusal.md"},
                                 "region": {"startLine": 12, "startColumn": 1, "endLine": 12, "endColumn": 40}}}],
                  "partialFingerprints": {"foiReview/v1": "4f0c..."}}]}]}
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reviewer import __version__
from reviewer.reporters.baseline import with_fingerprints
from reviewer.reporters.common import display_path, end_position, shown_evidence
from reviewer.reporters.location import draft_of, line_position, place, where
from reviewer.text.masking import mask_case

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rules() -> list[dict[str, Any]]:
    import reviewer.checks  # noqa: F401  (registers the rules)
    from reviewer.checks.rule_cases import example_summary
    from reviewer.core.findings import RULES

    out = []
    for code in sorted(RULES):
        r = RULES[code]
        examples = example_summary(code)
        help_text = r.fix + (f"\n\n{examples}" if examples else "")
        out.append(
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.summary},
                "help": {"text": help_text},
                "defaultConfiguration": {"level": _LEVEL[r.severity.value]},
                "properties": {"category": r.category.value, "tags": ["foi", r.category.value]},
            }
        )
    return out


def _location(f: dict[str, Any], record: dict[str, Any], root: Path | None) -> dict[str, Any]:
    """A physical location with a region for a plain-text file; for a Word, PDF, Excel or
    e-mail file (or content outside the text, such as metadata) the file alone plus a logical
    location naming the place ("paragraph 7", "Costs!B4"): SARIF lines must be lines of the
    file itself, and are never 0."""
    ev = f.get("evidence")
    source = (ev or {}).get("source") or record.get("response") or record["case"]
    loc: dict[str, Any] = {"artifactLocation": {"uri": quote(display_path(source, root), safe="/:")}}
    out: dict[str, Any] = {"physicalLocation": loc}
    pos = line_position(ev)
    if ev and pos:
        end_line, end_col = end_position(ev)
        loc["region"] = {
            "startLine": pos[0],
            "startColumn": pos[1],
            "endLine": end_line,
            "endColumn": end_col,
            "snippet": {"text": shown_evidence(f)},
        }
    elif ev:
        named = place(ev)
        if named:
            out["logicalLocations"] = [{"name": named, "kind": "element"}]
    elif line_position({"source": source, "line": 1, "column": 1}):
        loc["region"] = {"startLine": 1}  # a finding about the whole draft: point at its start
    return out


def _result(
    f: dict[str, Any], record: dict[str, Any], index: dict[str, int], root: Path | None, suppression: dict[str, Any] | None
) -> dict[str, Any]:
    message = f["message"]
    if f.get("question_ref"):
        message = f"Q{f['question_ref']}: {message}"
    result: dict[str, Any] = {
        "ruleId": f["code"],
        "ruleIndex": index[f["code"]],
        "level": _LEVEL[f["severity"]],
        "message": {"text": f"{message.rstrip('.')}. Fix: {f['fix']}" if f.get("fix") else message},
        "locations": [_location(f, record, root)],
        "partialFingerprints": {"foiReview/v1": f["fingerprint"]},
        "properties": {"case": record["case"], "category": f["category"], **(record.get("metadata") or {})},
    }
    said = where(f.get("evidence"), draft_of(record))
    if said:
        result["properties"]["location"] = said  # the words every other output uses
    if f.get("evidence") and not line_position(f["evidence"]):
        result["properties"]["evidence"] = shown_evidence(f)
    if "baseline" in f:
        result["baselineState"] = f["baseline"]
    if suppression is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": suppression.get("reason", "")}]
    return result


def render(cases: Iterable[dict[str, Any]], root: Path | None = None, show_personal_data: bool = False) -> str:
    """SARIF for case records; file URIs are made relative to `root` where they lie under it.
    Contact details are masked (`mask_case`) unless `show_personal_data`."""
    rules = _rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for record in cases:
        if record.get("status") == "error" or not record.get("review"):
            where = record.get("response") or record.get("request")
            note: dict[str, Any] = {
                "level": "error",
                "message": {"text": f"case {record['case']} could not be reviewed: {record.get('error')}"},
            }
            if where:
                note["locations"] = [{"physicalLocation": {"artifactLocation": {"uri": quote(display_path(where, root), safe="/:")}}}]
            notifications.append(note)
            continue
        # fingerprints from the raw text, so masking never changes how a finding is tracked
        record = with_fingerprints(record)
        sup = record["review"].get("suppressed", [])
        fps = with_fingerprints({"case": record["case"], "review": {"findings": sup}})["review"]["findings"]
        record = mask_case({**record, "review": {**record["review"], "suppressed": fps}}, show_personal_data)
        for f in record["review"]["findings"]:
            results.append(_result(f, record, index, root, None))
        for s in record["review"]["suppressed"]:
            results.append(_result(s, record, index, root, s.get("suppression") or {}))
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "foi-reviewer",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
                ],
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"

"""`--format json`: the documented, stable machine-readable result.

Example (abridged)::

    {"schema_version": 1, "regime": "FOIA",
     "questions": [{"ref": "1", "status": "withheld", "exemptions": ["31(1)(a)"],
                    "evidence": {"text": "...", "line": 9, ...}, ...}],
     "exemptions": [{"citation": "31(1)(a)", "qualified": true,
                     "public_interest_test": "complete", "harm_explained": true, ...}],
     "refusal_notice": {"required": true, "internal_review": false, "regulator_complaint": false},
     "findings": [{"code": "RN001", "name": "internal-review-not-offered",
                   "category": "refusal-notice", "severity": "error", ...}],
     "summary": {"questions": 2, "errors": 2, "verdict": "fail", ...}}
"""

from __future__ import annotations

import json
from typing import Any

# Above this many characters of compact JSON the report is written compact, on one line.
COMPACT_ABOVE = 1_000_000


def render(record: dict[str, Any]) -> str:
    """The record as JSON: indented for a person to read, or compact when it is huge.

    `indent` makes Python use its pure-Python encoder, about five times slower than the C
    one: 0.6 s of a 2-3 s run for the 13 MB report of a draft citing an exemption 100,000
    times. Nobody reads a report that size by eye, so past `COMPACT_ABOVE` it is
    written compact (same keys and values, so any JSON reader gets the same data; `jq .`
    indents it). Normal reports, far below the limit, keep their indented text; measuring
    them first with the C encoder adds well under a millisecond.
    """
    compact = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    if len(compact) > COMPACT_ABOVE:
        return compact + "\n"
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"

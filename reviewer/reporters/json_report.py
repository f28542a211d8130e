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


def render(record: dict[str, Any]) -> str:
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"

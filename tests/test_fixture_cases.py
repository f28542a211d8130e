"""Every case folder in fixtures/cases is reviewed and compared with its expected.json.

expected.json holds the statuses per question ref, each exemption's public-interest and harm
result, the refusal-notice parts and the exact list of finding codes (see fixtures/README.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import CASES
from reviewer.audit.golden import expectation
from reviewer.pipeline import review_files
from reviewer.reporters.records import review_record

CASE_DIRS = sorted(p for p in CASES.iterdir() if (p / "expected.json").is_file())


def actual(case: Path, expected: dict[str, Any]) -> dict[str, Any]:
    """The same projection `foi-review test` compares (reviewer.audit.golden.expectation)."""
    request = case / expected["request"] if "request" in expected else None
    return expectation({"review": review_record(review_files(request, case / expected["response"]))})


def test_there_are_cases() -> None:
    assert len(CASE_DIRS) >= 8
    assert any(json.loads((c / "expected.json").read_text())["findings"] == [] for c in CASE_DIRS), "need clean cases"


@pytest.mark.parametrize("case", CASE_DIRS, ids=[c.name for c in CASE_DIRS])
def test_case_matches_expected(case: Path) -> None:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    got = actual(case, expected)
    for key in ("regime", "questions", "exemptions", "refusal_notice", "findings"):
        assert got[key] == expected[key], f"{case.name}: {key}"

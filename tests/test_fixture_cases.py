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
from reviewer.text.unwrap import unwrap

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


def _as_word(text: str, path: Path) -> Path:
    """The letter as an officer's Word file: a paragraph per line once its hard wrapping is
    undone, and no empty paragraphs (Word spaces paragraphs itself), so paragraphs are one
    line break apart, as the loader gives them."""
    import docx

    d = docx.Document()
    for line in unwrap(text).split("\n"):
        if line.strip():
            d.add_paragraph(line.strip())
    d.save(str(path))
    return path


# A known gap, kept visible: in the seed saved as Word, question 9's answer follows its echo
# on the same line ("... full contact details : The Service does not release staff
# information.") and the echo is matched so that the next line's "N/A" is read as the
# answer. strict: when fixed, the mark must go.
_WORD_GAPS = {"hwfrs-cctv-maintenance"}


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason="question 9 echo in the Word form")) if c.name in _WORD_GAPS else c
     for c in CASE_DIRS],
    ids=[c.name for c in CASE_DIRS],
)
def test_case_saved_as_word_reads_the_same(case: Path, tmp_path: Path) -> None:
    """The same request and draft as Word documents get the same statuses: nothing may hang on
    the blank lines between a text file's paragraphs ("Dear Mr Asker," then the answer)."""
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    request = case / expected["request"] if "request" in expected else None
    word_request = _as_word(request.read_text(encoding="utf-8"), tmp_path / "request.docx") if request else None
    draft = _as_word((case / expected["response"]).read_text(encoding="utf-8"), tmp_path / "draft.docx")
    got = expectation({"review": review_record(review_files(word_request, draft))})
    assert got["questions"] == expected["questions"], case.name

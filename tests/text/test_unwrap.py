"""Hard-wrapped drafts (plain-text e-mail, text taken from a PDF) review like unwrapped ones."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reviewer.core.document import Document
from reviewer.pipeline import review_texts
from reviewer.reporters.records import review_record
from reviewer.text.unwrap import soft_breaks, unwrap

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "cases"

WRAPPED = """Dear Ms Example,

Thank you for your request for information about the maintenance of the
council's CCTV cameras, which we received on 3 March and have dealt with
under the Freedom of Information Act 2000.

1. How many cameras does the council operate?
2. What was the cost of maintaining them?

We have searched our records but we were unable to locate any information
about the cost of maintenance for the cameras in the years you asked about.
If you are dissatisfied with this response you may request an internal
review by writing to foi@example.gov.uk within 40 working days.
"""


def wrap(text: str, width: int) -> str:
    """Wrap every line longer than `width`, as a mail client or a PDF does."""
    out = []
    for line in text.split("\n"):
        out.append("\n".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)) if len(line) > width else line)
    return "\n".join(out)


def summary(request: str | None, response: str) -> dict[str, object]:
    r = review_record(review_texts(request, response))
    notice = r["refusal_notice"]
    return {
        "statuses": [(q["ref"], q["status"]) for q in r["questions"]],
        "exemptions": sorted((e["citation"], e["public_interest_test"], e["harm_explained"]) for e in r["exemptions"]),
        "notice": {k: bool(notice.get(k)) for k in ("internal_review", "regulator_complaint", "advice_and_assistance")},
        "findings": sorted(f["code"] for f in r["findings"]),
    }


def test_only_the_breaks_inside_wrapped_sentences_are_soft() -> None:
    breaks = soft_breaks(WRAPPED)
    joined = unwrap(WRAPPED)
    assert len(joined) == len(WRAPPED) and all(WRAPPED[i] == "\n" for i in breaks)
    assert joined.split("\n") == [
        "Dear Ms Example,",
        "",
        "Thank you for your request for information about the maintenance of the council's CCTV cameras, "
        "which we received on 3 March and have dealt with under the Freedom of Information Act 2000.",
        "",
        "1. How many cameras does the council operate?",  # a list stays a list
        "2. What was the cost of maintaining them?",
        "",
        "We have searched our records but we were unable to locate any information about the cost of "
        "maintenance for the cameras in the years you asked about.",  # a sentence ending a line stays
        "If you are dissatisfied with this response you may request an internal review by writing to "
        "foi@example.gov.uk within 40 working days.",
        "",
    ]


def test_text_with_long_lines_or_few_lines_is_left_alone() -> None:
    one_line_a_paragraph = "\n".join(["This paragraph is written on one line as Word gives it. " * 3] * 6)
    assert soft_breaks(one_line_a_paragraph) == []
    assert soft_breaks("Yes\nNo\n") == []
    questions = "\n".join(f"What was the number of incidents attended by the service in year {n}" for n in range(8))
    assert unwrap(questions) == questions  # full lines, but each one starts a new question
    short = "Q1 How many?\n42\nQ2 Who?\nThe council\n"
    assert unwrap(short) == short


def test_offsets_lines_and_evidence_point_into_the_file_as_laid_out() -> None:
    doc = Document(WRAPPED, "draft.txt").unwrapped()
    assert doc.layout == WRAPPED and doc.text != WRAPPED and len(doc.text) == len(WRAPPED)
    at = WRAPPED.index("review by writing")
    assert doc.line_col(at) == (13, 1)
    span_start = WRAPPED.index("internal\nreview")
    from reviewer.core.document import Span

    assert doc.excerpt(Span(span_start, span_start + len("internal\nreview"))) == "internal\nreview"
    assert Document("no wrapping here", "x").unwrapped().layout == ""


def test_a_wrapped_review_offer_is_still_found() -> None:
    request = "1. How many cameras does the council operate?\n2. What was the cost of maintaining them?\n"
    record = review_record(review_texts(request, WRAPPED))
    assert record["refusal_notice"]["internal_review"] is not None


@pytest.mark.parametrize("width", [60, 72, 80])
@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if (p / "response.txt").exists()))
def test_wrapping_a_fixture_changes_nothing_in_its_review(case: str, width: int) -> None:
    folder = CASES / case
    request = (folder / "request.txt").read_text(encoding="utf-8") if (folder / "request.txt").exists() else None
    response = (folder / "response.txt").read_text(encoding="utf-8")
    wrapped = wrap(response, width)
    assert wrapped != response or max(len(line) for line in response.split("\n")) <= width
    assert summary(request, wrapped) == summary(request, response)
    if request is not None:
        assert summary(wrap(request, width), wrapped) == summary(request, response)

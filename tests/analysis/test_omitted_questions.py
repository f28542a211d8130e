"""Issue 13's property: a draft that leaves a question out never passes.

For generated requests of 1-12 questions and drafts that answer any subset of them, every
omitted question is reported `unanswered` and the verdict is never PASS, whether the draft is
plain text, a Word file using automatic numbering (the numbers exist only in numbering.xml),
or an e-mail reply with the request quoted underneath it. The letter around the answers has
everything a real reply has (a greeting, thanks, a sign-off, a contact block), because those
are exactly the lines that used to be taken for answers.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docbuild import eml_reply
from reviewer.pipeline import review_files
from reviewer.reporters.records import verdict

# Distinct subjects so that no answer shares its content words with another question.
ASKS = [
    ("How many parking fines were issued in 2023?", "We issued 41,212 parking fines in 2023."),
    ("What was the total spent on agency social workers?", "The total spent on agency social workers was £1,240,000."),
    ("Which company supplies your school meals?", "School meals are supplied by Harvest Catering Ltd."),
    ("How many potholes were repaired last year?", "We repaired 8,904 potholes last year."),
    ("When does the street lighting contract end?", "The street lighting contract ends on 31 March 2027."),
    ("How many library branches closed since 2019?", "Three library branches have closed since 2019."),
    ("What is the annual budget for graffiti removal?", "The annual graffiti removal budget is £85,000."),
    ("How many fly-tipping incidents were recorded?", "We recorded 2,317 fly-tipping incidents."),
    ("Who audits the pension fund accounts?", "The pension fund accounts are audited by Grant & Lowe LLP."),
    ("How many electric vehicle chargers do you own?", "We own 126 electric vehicle chargers."),
    ("What was spent on consultants for the town hall refurbishment?", "Consultants for the town hall refurbishment cost £310,500."),
    ("How many allotment plots are vacant?", "There are 57 vacant allotment plots."),
]

GREETING = ["Dear Ms Requester,", "", "Thank you for your request for information, which we received on 3 March 2025.",
            "We have dealt with it under the Freedom of Information Act 2000.", ""]
CLOSING = ["", "If you are unhappy with this response, you may ask for an internal review by writing to "
           "foi@example-council.gov.uk within 40 working days.",
           "", "Yours sincerely,", "", "Information Governance Team", "Example Borough Council", "foi@example-council.gov.uk"]


def _request(n: int) -> str:
    lines = ["Dear Example Borough Council,", "", "Please provide the following information:", ""]
    lines += [f"{i}. {ASKS[i - 1][0]}" for i in range(1, n + 1)]
    return "\n".join(lines + ["", "Yours faithfully,", "A. Requester"]) + "\n"


cases = st.integers(min_value=1, max_value=12).flatmap(
    lambda n: st.tuples(st.just(n), st.sets(st.integers(min_value=1, max_value=n), max_size=n - 1))
)


def _check(tmp: Path, request: Path | None, draft: Path, n: int, answered: set[int]) -> None:
    review = review_files(request, draft)
    status = {q.ref: a.status.value for q, a in zip(review.context.questions, review.context.answers)}
    for i in range(1, n + 1):
        if i not in answered:
            assert status.get(str(i)) == "unanswered", (i, status)
    assert verdict(review) != "pass"


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(cases)
def test_text_draft(case: tuple[int, set[int]]) -> None:
    n, answered = case
    body = GREETING + [f"{i}. {ASKS[i - 1][1]}" for i in sorted(answered)] + CLOSING
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        (tmp / "request.txt").write_text(_request(n), encoding="utf-8")
        (tmp / "draft.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
        _check(tmp, tmp / "request.txt", tmp / "draft.txt", n, answered)


def _word_draft(path: Path, answered: set[int]) -> Path:
    """Each answered question restated as an item of a Word numbered list ("List Number"
    style, the number only in numbering.xml), its answer in a plain paragraph below. With a
    question left out Word renumbers the rest, as it does for an officer who deletes one:
    the restated question, not the printed number, says which question an answer is for."""
    import docx

    d = docx.Document()
    for line in GREETING:
        d.add_paragraph(line)
    for i in sorted(answered):
        d.add_paragraph(ASKS[i - 1][0], style="List Number")
        d.add_paragraph(ASKS[i - 1][1])
    for line in CLOSING:
        d.add_paragraph(line)
    d.save(str(path))
    return path


@SETTINGS
@given(cases)
def test_word_auto_numbered_draft(case: tuple[int, set[int]]) -> None:
    n, answered = case
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        (tmp / "request.txt").write_text(_request(n), encoding="utf-8")
        _check(tmp, tmp / "request.txt", _word_draft(tmp / "draft.docx", answered), n, answered)


@SETTINGS
@given(cases, st.sampled_from(["outlook", "wrote"]))
def test_email_reply_quoting_the_request(case: tuple[int, set[int]], style: str) -> None:
    n, answered = case
    body = GREETING + [f"{i}. {ASKS[i - 1][1]}" for i in sorted(answered)] + CLOSING
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        (tmp / "request.txt").write_text(_request(n), encoding="utf-8")
        draft = eml_reply(tmp / "reply.eml", "\n".join(body) + "\n", _request(n), style=style)
        _check(tmp, tmp / "request.txt", draft, n, answered)
        # With no request given, the quoted request is used, and the result is the same.
        _check(tmp, None, draft, n, answered)


def test_a_one_line_pdf_that_answers_nothing_fails_with_one_clear_finding(tmp_path: Path) -> None:
    """Issue 13, case 1: a one-line PDF against a four-question request was a PASS."""
    from docbuild import pdf_from_text

    (tmp_path / "request.txt").write_text(_request(4), encoding="utf-8")
    draft = pdf_from_text("Thank you for your request for information, which we received on 3 March.", tmp_path / "draft.pdf")
    review = review_files(tmp_path / "request.txt", draft)
    assert [a.status.value for a in review.context.answers] == ["unanswered"] * 4
    assert verdict(review) == "fail"
    assert [f.rule.code for f in review.findings].count("CP005") == 1

"""Word: an answer in an automatically numbered list ends where the list ends.

In Word each answer is a paragraph and the sign-off ("Yours sincerely", the officer's name and
title) is the next paragraph, with no empty paragraph between. Read as lines, the last answer
ran on into the sign-off, so a "not held" answer's evidence quoted the closing. The files are
built with python-docx and Word's own numbering (tests/docbuild.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import docbuild
from reviewer.pipeline import review_files

ANSWERS = [
    "The maintenance contractor is Northgate Camera Services Ltd.",
    "£18,200 in 2021/22, £18,900 in 2022/23 and £19,450 in 2023/24.",
    "The contract covers 212 cameras.",
    "We do not hold an inspection report; inspections are recorded only as a pass or fail on the asset register.",
]
SIGN_OFF = ["Yours sincerely,", "Morgan Ashdown", "Information Rights Officer"]


@pytest.mark.parametrize("how", ["style", "numpr"])
@pytest.mark.parametrize("closing", [SIGN_OFF, ["Kind regards", "Information Governance Team"]])
def test_not_held_evidence_stops_at_the_answer(tmp_path: Path, how: str, closing: list[str]) -> None:
    request = tmp_path / "request.txt"
    request.write_text(docbuild.REQUEST, encoding="utf-8")
    draft = docbuild.docx_numbered(tmp_path / "reply.docx", ANSWERS, ["Dear A. Requester,"], closing, how=how)
    review = review_files(request, draft)
    text = review.context.response.text
    got = {a.question.ref: (a.status.value, text[a.span.start : a.span.end] if a.span else "") for a in review.context.answers}
    assert got["4"] == ("not_held", ANSWERS[3])
    assert [got[r][0] for r in "123"] == ["answered", "answered", "answered"]


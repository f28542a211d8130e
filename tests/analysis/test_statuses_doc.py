"""docs/statuses.md is executable: every example in it gets the status its heading names.

Each `## status` section holds one "- Question: ..." and one "- Answer: ..." line. The
request is the question; the draft repeats it and answers, the layout most drafts use.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reviewer.core.model import Status
from reviewer.pipeline import review_texts

DOC = Path(__file__).resolve().parents[2] / "docs" / "statuses.md"
_SECTION_RE = re.compile(r"^## `(?P<status>[a-z_]+)`\n(?P<body>.*?)(?=^## |\Z)", re.M | re.S)


def _examples() -> list[tuple[str, str, str]]:
    out = []
    for m in _SECTION_RE.finditer(DOC.read_text(encoding="utf-8")):
        body = m.group("body")
        question = re.search(r"^- Question: (.+)$", body, re.M)
        answer = re.search(r"^- Answer: (.+)$", body, re.M)
        assert question and answer, f"section {m.group('status')} needs a Question and an Answer line"
        out.append((m.group("status"), question.group(1), answer.group(1)))
    return out


def test_the_doc_covers_every_status() -> None:
    assert sorted(s for s, _, _ in _examples()) == sorted(s.value for s in Status)


@pytest.mark.parametrize(("status", "question", "answer"), _examples(), ids=[s for s, _, _ in _examples()])
def test_each_example_gets_its_status(status: str, question: str, answer: str) -> None:
    review = review_texts(f"1. {question}\n", f"1. {question}\n{answer}\n")
    [got] = review.context.answers
    assert got.status.value == status, got.note

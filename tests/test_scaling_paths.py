"""The fast paths added for huge drafts give exactly what the simple ones give."""

from __future__ import annotations

import random

from reviewer.citations import _Sentences
from reviewer.review import review_texts
from reviewer.reporters import terminal
from reviewer.reporters.records import review_record


def test_sentence_index_agrees_with_the_windows() -> None:
    rng = random.Random(4)
    for _ in range(200):
        text = "".join(rng.choice("ab .!;\n\t") for _ in range(rng.randrange(1, 2000)))
        index = _Sentences(text)
        index.calls = _Sentences._INDEX_AFTER  # the next lookup builds the index
        for _ in range(20):
            start = rng.randrange(len(text) + 1)
            end = rng.randrange(start, len(text) + 1)
            assert index.around(start, end) == _Sentences(text).around(start, end), (text, start, end)
        assert index.ends is not None


def test_placeholders_overlapping_and_redaction_lines_found_as_before() -> None:
    """Overlapping patterns take the first span; an XXXX on a line about redaction is not a
    placeholder however long the line (the bookkeeping is sorted spans and a newline index)."""
    filler = "word " * 3000
    draft = ("Dear [NAME],\nYour reference FOI/XXXX is dated XX/XX/XXXX.\n"
             f"{filler}The figure was redacted: XXXX.\n{filler}Amount £XX and XXXX here.\n")
    record = review_record(review_texts("1. How much?", draft))
    found = [(f["evidence"]["text"], f["evidence"]["line"]) for f in record["findings"] if f["code"] == "TP001"]
    # "[NAME]" lies inside "Dear [NAME]"; the XXXX on line 3 stands for redacted text
    assert found == [("Dear [NAME]", 1), ("FOI/XXXX", 2), ("XX/XX/XXXX", 2), ("£XX", 4), ("XXXX", 4)]


def test_terminal_shows_fifty_findings_of_a_rule_and_counts_the_rest() -> None:
    draft = "Dear Requester,\n\n1. Answer.\n" + "".join(f"Item {i}: [INSERT AMOUNT]\n" for i in range(60))
    record = review_record(review_texts("1. How much?", draft))
    placeholders = [f for f in record["findings"] if f["code"] == "TP001"]
    assert len(placeholders) == 60
    shown = terminal.render(record)
    assert shown.count("TP001") == 51  # 50 findings and the count line
    assert "... and 10 more TP001 finding(s), not shown here (--format json lists every one)" in shown


def test_terminal_shows_two_hundred_questions_and_counts_the_rest() -> None:
    request = "".join(f"{i}. How much was paid to supplier {i}?\n" for i in range(1, 231))
    record = review_record(review_texts(request, "Dear Requester,\n\nWe paid £10 to each supplier.\n"))
    assert len(record["questions"]) == 230
    shown = terminal.render(record, width=200)
    assert "How much was paid to supplier 200?" in shown and "supplier 201?" not in shown
    assert "... and 30 more question(s), not shown here (--format json lists every one)" in shown

"""The fast paths added for huge drafts give exactly what the simple ones give."""

from __future__ import annotations

import random
from pathlib import Path

from reviewer.analysis.citations import _Sentences
from reviewer.pipeline import review_texts
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


def test_masking_pattern_picks_what_the_flat_alternation_picks() -> None:
    """masking._any_of (a prefix tree) finds exactly the matches of the longest-first flat
    alternation it replaced, whitespace runs included, and falls back to it past its depth."""
    import random
    import re as re_mod

    from reviewer.text.masking import _any_of

    rng = random.Random(7)
    alphabet = "ab .@1"
    for _ in range(600):
        texts = {" ".join("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7))).split()) for _ in range(rng.randint(1, 8))}
        texts.discard("")
        if not texts:
            continue
        flat = re_mod.compile("|".join(r"\s+".join(map(re_mod.escape, t.split())) for t in sorted(texts, key=len, reverse=True)))
        tree = _any_of(texts)
        for _ in range(10):
            s = "".join(rng.choice(alphabet + "\n\t ") for _ in range(rng.randint(0, 40)))
            assert [m.span() for m in tree.finditer(s)] == [m.span() for m in flat.finditer(s)], (texts, s)
    nested = _any_of({"a" * i for i in range(1, 200)})  # 199 nested prefixes: the flat fallback
    assert nested.search("x" + "a" * 300).span() == (1, 200)


def test_masking_many_flagged_addresses_is_not_quadratic() -> None:
    """50,000 flagged addresses once took minutes to mask (a 50,000-way alternation tried at
    every position); the prefix tree compiles and matches in time set by their length."""
    import time

    from reviewer.text.masking import _any_of

    texts = {f"member.{i}@supplier{i % 97}.co.uk" for i in range(20_000)}
    record = " ".join(sorted(texts))
    t = time.process_time()
    pattern = _any_of(texts)
    assert len(pattern.findall(record)) == 20_000
    assert time.process_time() - t < 10


def test_heading_line_break_reads_only_the_end_of_a_paragraph_and_agrees() -> None:
    """request._tail/_short_heading (bounded reads) agree with the whole-paragraph slice they
    replaced, on paragraphs short and long, with trailing whitespace of any length."""
    from reviewer.analysis import request as rq

    rng = random.Random(5)
    for _ in range(3000):
        words = [rng.choice(["Costs", "fly-tipping:", "what", "is?", "the", "Please", "provide.", "a,", "\n", " ", "  \t"])
                 for _ in range(rng.randrange(0, 60))]
        text = "x\n" + " ".join(words) + " " * rng.choice([0, 1, 200]) + "\nrest"
        start, end = 2, len(text) - 5
        whole = text[start:end].rstrip()
        assert rq._tail(text, start, end) == whole[-len(rq._tail(text, start, end)):] if whole else rq._tail(text, start, end) == ""
        assert len(rq._tail(text, start, end)) >= min(len(whole), 70)
        assert rq._short_heading(text, start, end) == rq._is_heading(whole), repr(whole)


def test_a_request_of_one_long_paragraph_parses_in_linear_time() -> None:
    """Checking each line against its whole paragraph made a paragraph of many lines
    quadratic: 100,000 items (5 MB), whose numbers past 999 continue item 999, took 6.6 s."""
    import time

    from reviewer.analysis.request import parse_request

    text = "Please provide:\n\n" + "".join(f"{i + 1}. Please provide item {i} of the register.\n" for i in range(100_000))
    t = time.process_time()
    parse_request(text)
    assert time.process_time() - t < 3


def _shaded_table_pdf(path: Path, rows: int, dark_every: int = 0) -> Path:
    """One page of a table whose every cell is a filled (shaded) rectangle with text on it;
    with `dark_every`, every n-th cell is a black box drawn over its text."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(600, 10 + rows * 6))
    c.setFont("Helvetica", 4)
    for r in range(rows):
        for col in range(8):
            x, y = 10 + col * 70, 5 + r * 6
            c.setFillColorRGB(0.9, 0.9, 0.95)
            c.rect(x, y, 68, 5.5, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
            c.drawString(x + 1, y + 1, f"r{r}c{col} paid")
            if dark_every and (r * 8 + col) % dark_every == 0:
                c.rect(x, y, 68, 5.5, stroke=0, fill=1)
    c.save()
    return path


def test_pdf_shape_index_finds_what_every_shape_finds(tmp_path: Path) -> None:
    """_PageScan files shapes in a grid; judging each character against only its cell's
    shapes gives what judging it against every shape on the page gave."""
    from reviewer.loaders import pdf

    path = _shaded_table_pdf(tmp_path / "t.pdf", 40, dark_every=7)
    doc = pdf.load(path, path.read_bytes())
    original = pdf._PageScan._near
    pdf._PageScan._near = lambda self, x, y: self.shapes  # type: ignore[method-assign]
    try:
        brute = pdf.load(path, path.read_bytes())
    finally:
        pdf._PageScan._near = original  # type: ignore[method-assign]
    assert doc.hidden and doc.hidden == brute.hidden
    assert doc.text == brute.text



def test_a_huge_json_report_is_written_compact_with_the_same_data() -> None:
    """Past 1 MB the report skips `indent` (the pure-Python encoder, five times slower);
    a normal report keeps exactly the indented text it always had."""
    import json

    from reviewer.reporters import json_report

    small = review_record(review_texts("1. How much?", "Dear Requester,\n\nWe paid £10. Section 40(2) applies.\n"))
    assert json_report.render(small) == json.dumps(small, indent=2, ensure_ascii=False) + "\n"
    huge = {"mentions": [{"text": "section 40(2)", "line": i, "note": "é"} for i in range(40_000)]}
    text = json_report.render(huge)
    assert len(text) > json_report.COMPACT_ABOVE
    assert text.count("\n") == 1 and text.endswith("}\n") and "é" in text
    assert json.loads(text) == huge


def _cell_grid_pdf(path: Path, cols: int, rows: int) -> Path:
    """One page of a grid of shaded cells spaced apart, so pdfminer makes each cell's text its
    own text box (a table exported from a spreadsheet with a gap around every cell)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(20 + cols * 40, 40 + rows * 16))
    c.setFont("Helvetica", 8)
    c.drawString(10, 20 + rows * 16, "1. The suppliers paid in 2023/24.")
    for r in range(rows):
        for col in range(cols):
            x, y = 10 + col * 40, 10 + (rows - 1 - r) * 16  # row 0 at the top
            c.setFillColorRGB(0.9, 0.9, 0.95 if (r + col) % 2 else 0.85)
            c.rect(x, y, 38, 14, stroke=1, fill=1)
            c.setFillColorRGB(0, 0, 0)
            c.setFont("Helvetica", 5)
            c.drawString(x + 2, y + 4, f"R{r}C{col}")
    c.save()
    return path


def test_a_page_of_thousands_of_cells_is_read_in_bounded_time_and_says_so(tmp_path: Path) -> None:
    """pdfminer orders a page's text boxes in time quadratic in their number (1,500 cells
    took about 20 s); past MAX_LAYOUT_BOXES they are read by position, row by row, and the
    review notes that the page's layout was not analysed."""
    import time

    from reviewer.loaders import pdf

    path = _cell_grid_pdf(tmp_path / "grid.pdf", 30, 50)
    t = time.process_time()
    doc = pdf.load(path, path.read_bytes())
    assert time.process_time() - t < 6
    cells = [w for w in doc.text.split() if w.startswith("R")]
    assert cells == [f"R{r}C{c}" for r in range(50) for c in range(30)]  # every cell, row by row
    assert doc.skipped == (
        "the layout of page 1 (more than 250 text boxes a page): the text is read top to bottom, "
        "left to right, so some of it may be out of reading order",
    )
    assert [pdf._pages(p) for p in ([3], [2, 3, 4], [1, 2, 4, 5, 9])] == ["page 3", "pages 2-4", "pages 1-2, 4-5 and 9"]
    review = review_record(review_texts("1. Which suppliers were paid?", doc.text))
    assert review["questions"][0]["status"] == "answered"


def test_a_page_under_the_box_limit_gets_the_full_layout_analysis(tmp_path: Path) -> None:
    """Below the limit nothing changes; above it the text is the same lines, only ordered by
    position (checked by raising the limit on the same page)."""
    from reviewer.loaders import pdf

    path = _cell_grid_pdf(tmp_path / "grid.pdf", 15, 20)  # 301 boxes
    flat = pdf.load(path, path.read_bytes())
    assert flat.skipped
    limit = pdf.MAX_LAYOUT_BOXES
    pdf.MAX_LAYOUT_BOXES = 1000
    try:
        full = pdf.load(path, path.read_bytes())
    finally:
        pdf.MAX_LAYOUT_BOXES = limit
    assert full.skipped == ()
    assert sorted(full.text.split("\n")) == sorted(flat.text.split("\n"))

"""Loaders for Word, Excel, PDF, e-mail and HTML: visible text, locations, skipped parts."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest

import docbuild
from reviewer.core.errors import InputError
from reviewer.loaders import load


def test_docx_headers_tables_footers_in_order(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Council letterhead"
    d.sections[0].footer.paragraphs[0].text = "Page footer"
    d.add_paragraph("Intro paragraph.")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Year", "Cost"
    t.cell(1, 0).text, t.cell(1, 1).text = "2023", "£5,000"
    hidden = d.add_paragraph("Visible ").add_run("and hidden")
    hidden.font.hidden = True
    d.save(str(tmp_path / "a.docx"))
    doc = load(tmp_path / "a.docx")
    assert doc.text.split("\n")[:5] == ["Council letterhead", "Intro paragraph.", "Year | Cost", "2023 | £5,000", "Visible"]
    assert doc.location_label(doc.text.index("£5,000")) == "table 1 row 2"
    assert doc.location_label(doc.text.index("Page footer")) == "footer"
    assert [(h.kind, h.location, h.text) for h in doc.hidden if h.kind == "word-hidden-text"] == [
        ("word-hidden-text", "paragraph 2", "and hidden")
    ]


def test_xlsx_dates_hidden_rows_comments_names(tmp_path: Path) -> None:
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.workbook.defined_name import DefinedName

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Date", "Amount"])
    ws.append([datetime.date(2024, 3, 31), 12.5])
    ws.append(["secret row", 1])
    ws.row_dimensions[3].hidden = True
    ws["B2"].comment = Comment("Check with finance", "J. Smith")
    hidden = wb.create_sheet("Old")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "old data"
    wb.defined_names["OldData"] = DefinedName("OldData", attr_text="Old!$A$1")
    wb.save(str(tmp_path / "a.xlsx"))
    doc = load(tmp_path / "a.xlsx")
    assert "2024-03-31 | 12.5" in doc.text
    assert "secret row" not in doc.text and "old data" not in doc.text
    kinds = {(h.kind, h.location, h.count) for h in doc.hidden}
    assert kinds == {
        ("hidden-rows", "sheet 'Data' rows 3", 2),
        ("cell-comment", "Data!B2", 1),
        ("hidden-sheet", "sheet 'Old'", 1),
        ("hidden-named-range", "named range 'OldData'", 1),
    }


def test_html_drops_scripts_and_keeps_blocks(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        "<html><head><title>t</title><script>var x=1</script></head><body><h1>Reply</h1>"
        "<p>1. We hold it.</p><table><tr><td>A</td><td>B</td></tr></table></body></html>",
        encoding="utf-8",
    )
    doc = load(tmp_path / "a.html")
    assert doc.text == "Reply\n\n1. We hold it.\n\nA | B\n"


def test_eml_unsupported_attachment_is_skipped_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "x.zip").write_bytes(b"PK\x03\x04junk")
    (tmp_path / "bad.xlsx").write_bytes(b"not a workbook")
    from email.message import EmailMessage

    m = EmailMessage()
    m["Subject"] = "Reply"
    m.set_content("1. We hold it.")
    m.add_attachment(b"PK\x03\x04junk", maintype="application", subtype="zip", filename="x.zip")
    m.add_attachment(b"not a workbook", maintype="application", subtype="octet-stream", filename="bad.xlsx")
    (tmp_path / "m.eml").write_bytes(bytes(m))
    doc = load(tmp_path / "m.eml")
    assert "1. We hold it." in doc.text
    assert doc.skipped == (
        "attachment x.zip: not reviewed (unsupported file type)",
        "attachment bad.xlsx: not reviewed (not a valid Office file (it is not a zip package))",
    )


def test_msg_body_and_attachment(tmp_path: Path) -> None:
    """Outlook .msg (read with olefile): the draft in the body, each attachment in turn."""
    sheet = docbuild.excel_with_hidden_staff(tmp_path / "costs.xlsx")
    path = docbuild.msg_with_attachment(tmp_path / "reply.msg", sheet)
    doc = load(path)
    assert doc.location_label(doc.text.index("The supplier is Acme")) == "message body"
    assert doc.location_label(doc.text.index("42500")) == "attachment costs.xlsx, Costs!B3"
    assert "Subject: Your request FOI-2024-0113" in doc.text
    assert any(h.location.startswith("attachment costs.xlsx") for h in doc.hidden)


def test_msg_that_is_not_an_outlook_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.msg").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(InputError, match="Outlook message"):
        load(tmp_path / "a.msg")
    (tmp_path / "b.msg").write_bytes(b"From: someone\n\nplain text pretending")
    with pytest.raises(InputError, match="not an Outlook message"):
        load(tmp_path / "b.msg")


def test_pdf_page_limit_gives_partial_review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.loaders import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    docbuild.pdf_from_text("\n".join(f"Line {i}" for i in range(200)), tmp_path / "long.pdf")
    doc = load(tmp_path / "long.pdf")
    assert doc.skipped == ("pages 3-4 of 4 were not reviewed (limit 2 pages)",)
    assert doc.location_label(len(doc.text) - 2) == "page 2"


def _statuses(*args: str) -> list[tuple[str, str]]:
    out = subprocess.run(
        [sys.executable, "-m", "reviewer", "check", *args, "--format", "json", "--fail-on", "never"],
        capture_output=True, text=True, check=True,
    )
    return [(q["ref"], q["status"]) for q in json.loads(out.stdout)["questions"]]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "msg"])
def test_same_statuses_as_text(tmp_path: Path, fmt: str) -> None:
    req = tmp_path / "request.txt"
    req.write_text(docbuild.REQUEST, encoding="utf-8")
    txt = tmp_path / "response.txt"
    txt.write_text(docbuild.RESPONSE, encoding="utf-8")
    if fmt == "msg":
        other = docbuild.msg_with_attachment(tmp_path / "response.msg", None)
    else:
        build = docbuild.docx_from_text if fmt == "docx" else docbuild.pdf_from_text
        other = build(docbuild.RESPONSE, tmp_path / f"response.{fmt}")
    as_text = _statuses(str(req), str(txt))
    assert ("3", "not_held") in as_text and ("4", "withheld") in as_text
    assert _statuses(str(req), str(other)) == as_text


def test_request_can_be_a_word_file(tmp_path: Path) -> None:
    req = docbuild.docx_from_text(docbuild.REQUEST, tmp_path / "request.docx")
    txt = tmp_path / "response.txt"
    txt.write_text(docbuild.RESPONSE, encoding="utf-8")
    (tmp_path / "request.txt").write_text(docbuild.REQUEST, encoding="utf-8")
    assert _statuses(str(req), str(txt)) == _statuses(str(tmp_path / "request.txt"), str(txt))

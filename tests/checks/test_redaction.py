"""Real files built with python-docx, openpyxl, reportlab and the email package: each case
asserts the exact redaction and personal-data findings and where they point."""

from __future__ import annotations

from pathlib import Path

import pytest

import docbuild
from reviewer.loaders import load
from reviewer.pipeline import review_documents


def _findings(tmp_path: Path, response: Path) -> list[tuple[str, str, str | None]]:
    req = tmp_path / "request.txt"
    req.write_text(docbuild.REQUEST, encoding="utf-8")
    review = review_documents(load(req), load(response))
    return sorted(
        (f.rule.code, f.message, f.evidence.location if f.evidence else None)
        for f in review.findings
        if f.category.value in ("redaction", "personal-data")
    )


def test_word_comment_tracked_deletion_and_author(tmp_path: Path) -> None:
    path = docbuild.word_with_hidden_content(tmp_path / "reply.docx")
    assert _findings(tmp_path, path) == [
        ("PD001", "1 personal e-mail address in hidden content (paragraph 2)", "paragraph 2"),
        ("PD002", "1 personal telephone number in hidden content (paragraph 3)", "paragraph 3"),
        ("RD001", "Comment by Jane Smith on paragraph 3", "paragraph 3"),
        ("RD002", "Tracked deletion by Jane Smith in paragraph 2: the deleted text is still in the file", "paragraph 2"),
        ("RD004", "The document properties give the author", "document properties"),
    ]


def test_word_text_excludes_deleted_and_shows_masked_excerpt(tmp_path: Path) -> None:
    doc = load(docbuild.word_with_hidden_content(tmp_path / "reply.docx"))
    assert "Bob Jones" not in doc.text
    assert "2. The contract is managed by the facilities team." in doc.text
    review = review_documents(None, doc)
    deletion = next(f for f in review.findings if f.rule.code == "RD002")
    assert deletion.evidence is not None
    assert deletion.evidence.text == "B*** J*** (b***@council.gov.uk)"
    assert deletion.extra["count"] == 1


def test_excel_very_hidden_sheet_and_hidden_columns(tmp_path: Path) -> None:
    path = docbuild.excel_with_hidden_staff(tmp_path / "costs.xlsx")
    assert _findings(tmp_path, path) == [
        ("PD001", "2 personal e-mail addresses in hidden content (sheet 'Costs' columns C-D)", "sheet 'Costs' columns C-D"),
        ("PD001", "3 personal e-mail addresses in hidden content (sheet 'Staff')", "sheet 'Staff'"),
        ("RD007", "Very hidden sheet 'Staff' holds 8 non-blank cells (A1:B4)", "sheet 'Staff'"),
        ("RD008", "Hidden columns in sheet 'Costs' (columns C-D) hold 6 non-blank cells", "sheet 'Costs' columns C-D"),
    ]


def test_excel_visible_text_has_cell_references(tmp_path: Path) -> None:
    doc = load(docbuild.excel_with_hidden_staff(tmp_path / "costs.xlsx"))
    assert "Alice Brown" not in doc.text and "Dan Green" not in doc.text
    assert "2022/23 | 42500" in doc.text
    at = doc.text.index("42500")
    assert doc.location_label(at) == "Costs!B3"


def test_pdf_text_under_black_box(tmp_path: Path) -> None:
    path = docbuild.pdf_with_box_over_text(tmp_path / "reply.pdf")
    assert _findings(tmp_path, path) == [
        ("RD014", "11 characters of text under a black box on page 1 can still be copied", "page 1"),
    ]
    doc = load(path)
    assert "Alice Brown" not in doc.text
    assert doc.hidden[0].text == "Alice Brown."


def test_pdf_redacted_properly_has_no_finding(tmp_path: Path) -> None:
    path = docbuild.pdf_with_box_over_text(tmp_path / "reply.pdf", proper=True)
    assert _findings(tmp_path, path) == []
    doc = load(path)
    assert doc.location_label(doc.text.index("withheld")) == "page 2"


def test_eml_body_and_xlsx_attachment(tmp_path: Path) -> None:
    sheet = docbuild.excel_with_hidden_staff(tmp_path / "costs.xlsx")
    path = docbuild.eml_with_attachment(tmp_path / "reply.eml", sheet)
    a = "attachment costs.xlsx"
    assert _findings(tmp_path, path) == [
        ("PD001", f"2 personal e-mail addresses in hidden content ({a}, sheet 'Costs' columns C-D)", f"{a}, sheet 'Costs' columns C-D"),
        ("PD001", f"3 personal e-mail addresses in hidden content ({a}, sheet 'Staff')", f"{a}, sheet 'Staff'"),
        ("RD007", f"Very hidden sheet 'Staff' holds 8 non-blank cells (A1:B4) (in {a})", f"{a}, sheet 'Staff'"),
        ("RD008", f"Hidden columns in sheet 'Costs' (columns C-D) hold 6 non-blank cells (in {a})", f"{a}, sheet 'Costs' columns C-D"),
    ]
    doc = load(path)
    assert doc.location_label(doc.text.index("The supplier is Acme")) == "message body"
    assert doc.location_label(doc.text.index("42500")) == f"{a}, Costs!B3"


def test_redaction_reversed_label_in_clear_elsewhere(tmp_path: Path) -> None:
    sheet_text = "Contact: [REDACTED]\n"
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Contact", "Alice Brown"])
    wb.save(str(tmp_path / "list.xlsx"))
    path = docbuild.eml_with_attachment(tmp_path / "reply.eml", tmp_path / "list.xlsx", body=docbuild.RESPONSE + sheet_text)
    review = review_documents(None, load(path))
    rev = [f for f in review.findings if f.rule.code == "RD020"]
    assert len(rev) == 1
    assert rev[0].evidence is not None and rev[0].evidence.text == "Alice Brown"
    assert rev[0].evidence.location == "attachment list.xlsx, Sheet!B1"


def test_pdf_box_over_text_that_is_in_clear_elsewhere(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "r.pdf"))
    c.drawString(72, 800, "Prepared by Alice Brown, Contracts Officer.")
    c.drawString(72, 780, "The manager is Alice Brown.")
    c.rect(150, 776, 80, 14, fill=1, stroke=0)
    c.save()
    review = review_documents(None, load(tmp_path / "r.pdf"))
    codes = sorted(f.rule.code for f in review.findings if f.category.value == "redaction")
    assert codes == ["RD014", "RD020"]


@pytest.mark.parametrize("kind", ["white", "invisible"])
def test_pdf_invisible_and_white_text(tmp_path: Path, kind: str) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "r.pdf"))
    c.drawString(72, 800, "1. The supplier is Acme.")
    if kind == "white":
        c.setFillColorRGB(1, 1, 1)
        c.drawString(72, 780, "secret note")
    else:
        t = c.beginText(72, 780)
        t.setTextRenderMode(3)
        t.textLine("secret note")
        t.setTextRenderMode(0)
        c.drawText(t)
    c.save()
    review = review_documents(None, load(tmp_path / "r.pdf"))
    found = [(f.rule.code, f.message) for f in review.findings if f.category.value == "redaction"]
    want = "RD021" if kind == "white" else "RD017"
    assert [code for code, _ in found] == [want]
    assert "10 characters" in found[0][1]

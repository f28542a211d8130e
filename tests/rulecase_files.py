"""Run one rule case (reviewer/checks/cases/*.toml) through the real review.

The draft is written as the file a person would send: plain text, or a real Word, Excel or
PDF file built with python-docx, openpyxl or by hand (PDF objects written out), with the hidden
parts the case declares under `document`. Nothing here decides a result: the codes come from
`reviewer.pipeline.review_files`, as for `foi-review check`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docbuild
from reviewer.checks.rule_cases import RuleCase

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _add_parts(src: Path, parts: dict[str, str | bytes], rels: dict[str, str]) -> None:
    """Rewrite a real Office package in place with extra parts and relationships."""
    with zipfile.ZipFile(src) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as zout:
        for item, data in items:
            if item.filename in rels:
                data = data.replace(b"</Relationships>", rels[item.filename].encode() + b"</Relationships>")
            zout.writestr(item, data)
        for name, content in parts.items():
            zout.writestr(name, content)


# --- Word ---------------------------------------------------------------------------------------


def build_docx(text: str, spec: dict[str, Any], path: Path) -> Path:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    d.core_properties.author = spec.get("author", "Information Governance Team")
    d.core_properties.last_modified_by = spec.get("author", "Information Governance Team")
    paragraphs = [d.add_paragraph(line) for line in text.strip("\n").split("\n")]
    for c in spec.get("comment", []):
        run = paragraphs[c["paragraph"] - 1].runs[0]
        d.add_comment([run], text=c["text"], author=c.get("author", ""), initials="")
    for n, c in enumerate(spec.get("deleted", []), 1):
        paragraphs[c["paragraph"] - 1]._p.append(
            parse_xml(
                f'<w:del {nsdecls("w")} w:id="{n}" w:author="{c.get("author", "")}" w:date="2025-01-01T00:00:00Z">'
                f'<w:r><w:delText xml:space="preserve">{c["text"]}</w:delText></w:r></w:del>'
            )
        )
    for c in spec.get("hidden", []):
        run = paragraphs[c["paragraph"] - 1].add_run(" " + c["text"])
        run.font.hidden = True
    d.save(str(path))
    embedded = spec.get("embedded", [])
    if embedded:
        _add_parts(path, {f"word/embeddings/{name}": b"\xd0\xcf\x11\xe0" + b"\0" * 60 for name in embedded}, {})
    return path


# --- Excel --------------------------------------------------------------------------------------


def build_xlsx(text: str, spec: dict[str, Any], path: Path) -> Path:
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.workbook.defined_name import DefinedName

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = spec.get("title", "Response")
    for line in text.strip("\n").split("\n"):
        ws.append([cell.strip() for cell in line.split("|")])
    for col in spec.get("hidden_columns", []):
        ws.column_dimensions[col].hidden = True
    for row in spec.get("hidden_rows", []):
        ws.row_dimensions[row].hidden = True
    for c in spec.get("comment", []):
        ws[c["cell"]].comment = Comment(c["text"], c.get("author", ""))
    for c in spec.get("white", []):
        ws[c["cell"]] = c["text"]
        ws[c["cell"]].font = Font(color="FFFFFFFF")
        ws[c["cell"]].fill = PatternFill("solid", fgColor="FFFFFFFF")
    for s in spec.get("sheet", []):
        sheet = wb.create_sheet(s["title"])
        sheet.sheet_state = s.get("state", "visible")
        for row in s.get("rows", []):
            sheet.append(row)
    for n in spec.get("name", []):
        wb.defined_names[n["name"]] = DefinedName(n["name"], attr_text=n["ref"], hidden=n.get("hidden", False))
    wb.save(str(path))
    parts: dict[str, str | bytes] = {}
    rels: dict[str, str] = {}
    link = spec.get("external_link")
    if link:
        parts["xl/externalLinks/externalLink1.xml"] = f'<externalLink xmlns="{MAIN}" xmlns:r="{REL}"><externalBook r:id="rId1"/></externalLink>'
        parts["xl/externalLinks/_rels/externalLink1.xml.rels"] = (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/externalLinkPath" Target="{link}" TargetMode="External"/></Relationships>'
        )
        rels["xl/_rels/workbook.xml.rels"] = f'<Relationship Id="rId99" Type="{REL}/externalLink" Target="externalLinks/externalLink1.xml"/>'
    pivot = spec.get("pivot")
    if pivot:
        values = "".join(f'<s v="{v}"/>' for v in pivot["values"])
        parts["xl/pivotCache/pivotCacheDefinition1.xml"] = (
            f'<pivotCacheDefinition xmlns="{MAIN}" xmlns:r="{REL}" r:id="rId1" recordCount="{len(pivot["values"])}">'
            f'<cacheSource type="worksheet"><worksheetSource ref="{pivot["ref"]}" sheet="{pivot["sheet"]}"/></cacheSource>'
            f'<cacheFields count="1"><cacheField name="{pivot["field"]}"><sharedItems>{values}</sharedItems></cacheField></cacheFields>'
            "</pivotCacheDefinition>"
        )
        parts["xl/pivotCache/pivotCacheRecords1.xml"] = f'<pivotCacheRecords xmlns="{MAIN}" count="{len(pivot["values"])}"/>'
        parts["xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels"] = (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/pivotCacheRecords" Target="pivotCacheRecords1.xml"/></Relationships>'
        )
        rels["xl/_rels/workbook.xml.rels"] = rels.get("xl/_rels/workbook.xml.rels", "") + (
            f'<Relationship Id="rId98" Type="{REL}/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/>'
        )
    if parts:
        _add_parts(path, parts, rels)
    return path


# --- PDF (objects written out by hand, so every hidden kind can be placed exactly) --------------


def _pdf_string(s: str) -> str:
    return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def build_pdf(text: str, spec: dict[str, Any], path: Path) -> Path:
    ops: list[str] = []
    y = 760
    lines = text.strip("\n").split("\n")
    box = spec.get("box_over")
    for line in lines:
        ops.append(f"BT /F1 10 Tf 60 {y} Td {_pdf_string(line)} Tj ET")
        if box and box in line:
            x = 60 + 5.0 * line.index(box)
            ops.append(f"0 g {x:.1f} {y - 3} {5.2 * len(box):.1f} 13 re f")
        y -= 14
    if spec.get("white_text"):
        ops.append(f"BT 1 1 1 rg /F1 10 Tf 60 {y - 14} Td {_pdf_string(spec['white_text'])} Tj ET 0 0 0 rg")
    if spec.get("invisible_text"):
        ops.append(f"BT 3 Tr /F1 10 Tf 60 {y - 28} Td {_pdf_string(spec['invisible_text'])} Tj 0 Tr ET")
    content = "\n".join(ops).encode("latin-1")
    annots: list[str] = []
    for a in spec.get("annotation", []):
        extra = f" /OverlayText {_pdf_string(a['overlay'])}" if "overlay" in a else ""
        annots.append(
            f"<< /Type /Annot /Subtype /{a['subtype']} /Rect [400 700 420 720] /Contents {_pdf_string(a.get('contents', ''))}"
            f" /T {_pdf_string(a.get('author', ''))}{extra} >>"
        )
    if spec.get("attachment"):
        annots.append(
            "<< /Type /Annot /Subtype /FileAttachment /Rect [400 650 420 670] "
            f"/FS << /Type /Filespec /F {_pdf_string(spec['attachment'])} >> >>"
        )
    first_annot = 7
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /Annots ["
        + " ".join(f"{first_annot + i} 0 R" for i in range(len(annots))).encode()
        + b"] >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Author " + _pdf_string(spec.get("author", "")).encode("latin-1") + b" /Producer (Council print to PDF) >>",
        *[a.encode("latin-1") for a in annots],
    ]
    return docbuild.pdf_from_objects(path, objects, trailer="/Root 1 0 R /Info 6 0 R")


_BUILDERS = {"docx": build_docx, "xlsx": build_xlsx, "pdf": build_pdf}


def write_case(case: RuleCase, where: Path) -> tuple[Path | None, Path, Path | None]:
    """Write the case's files into `where`: (request, draft, settings file or None)."""
    request: Path | None = None
    if case.request is not None:
        request = where / "request.txt"
        request.write_text(case.request, encoding="utf-8")
    if case.format in _BUILDERS:
        draft = _BUILDERS[case.format](case.draft, case.document, where / f"draft.{case.format}")
    else:
        draft = where / "draft.txt"
        draft.write_text(case.draft, encoding="utf-8")
    for name, content in case.files:
        (where / name).write_text(content, encoding="utf-8")
    settings: Path | None = None
    if case.settings is not None:
        settings = where / ".foi-review.toml"
        settings.write_text(case.settings, encoding="utf-8")
    return request, draft, settings

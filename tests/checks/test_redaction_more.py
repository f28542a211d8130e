"""Hidden content that python-docx, openpyxl and reportlab cannot write directly: the files
are built with those libraries and the extra parts added with zipfile, or the PDF objects
written by hand, so each kind the loaders look for is exercised on a real file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docbuild
from reviewer.loaders import load
from reviewer.pipeline import review_documents

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _codes(tmp_path: Path, response: Path) -> set[str]:
    req = tmp_path / "request.txt"
    req.write_text(docbuild.REQUEST, encoding="utf-8")
    review = review_documents(load(req), load(response))
    return {f.rule.code for f in review.findings if f.category.value == "redaction"}


def _add_parts(src: Path, dst: Path, parts: dict[str, str | bytes], rels_edit: tuple[str, str] | None = None) -> Path:
    """Copy a real Office package, adding parts and (optionally) one relationship."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if rels_edit and item.filename == rels_edit[0]:
                data = data.replace(b"</Relationships>", rels_edit[1].encode() + b"</Relationships>")
            zout.writestr(item, data)
        for name, content in parts.items():
            zout.writestr(name, content)
    return dst


def test_word_embedded_object(tmp_path: Path) -> None:
    src = docbuild.docx_from_text(docbuild.RESPONSE, tmp_path / "plain.docx")
    path = _add_parts(src, tmp_path / "embedded.docx", {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 60})
    assert "RD005" in _codes(tmp_path, path)
    assert "RD005" not in _codes(tmp_path, src)


def _workbook(tmp_path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Costs"
    ws.append(["Year", "Cost"])
    ws.append(["2023", 42500])
    path = tmp_path / "plain.xlsx"
    wb.save(path)
    return path


def test_excel_external_link(tmp_path: Path) -> None:
    src = _workbook(tmp_path)
    link = (
        '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'xmlns:r="{REL}"><externalBook r:id="rId1"/></externalLink>'
    )
    link_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/externalLinkPath" '
        'Target="file:///S:/HR/Staff%20salaries.xlsx" TargetMode="External"/></Relationships>'
    )
    path = _add_parts(
        src,
        tmp_path / "linked.xlsx",
        {"xl/externalLinks/externalLink1.xml": link, "xl/externalLinks/_rels/externalLink1.xml.rels": link_rels},
        ("xl/_rels/workbook.xml.rels", f'<Relationship Id="rId99" Type="{REL}/externalLink" Target="externalLinks/externalLink1.xml"/>'),
    )
    assert "RD012" in _codes(tmp_path, path)
    assert "RD012" not in _codes(tmp_path, src)
    hidden = load(path).hidden
    assert any(h.kind == "external-link" and "Staff%20salaries.xlsx" in h.text for h in hidden)


def test_excel_pivot_cache_holding_source_data(tmp_path: Path) -> None:
    src = _workbook(tmp_path)
    cache = (
        '<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'xmlns:r="{REL}" r:id="rId1" recordCount="2">'
        '<cacheSource type="worksheet"><worksheetSource ref="A1:B3" sheet="Staff"/></cacheSource>'
        '<cacheFields count="1"><cacheField name="Name"><sharedItems>'
        '<s v="Alice Brown"/><s v="Bob Green"/></sharedItems></cacheField></cacheFields>'
        "</pivotCacheDefinition>"
    )
    records = '<pivotCacheRecords xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2"/>'
    cache_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/pivotCacheRecords" Target="pivotCacheRecords1.xml"/></Relationships>'
    )
    path = _add_parts(
        src,
        tmp_path / "pivot.xlsx",
        {
            "xl/pivotCache/pivotCacheDefinition1.xml": cache,
            "xl/pivotCache/pivotCacheRecords1.xml": records,
            "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": cache_rels,
        },
        ("xl/_rels/workbook.xml.rels", f'<Relationship Id="rId98" Type="{REL}/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/>'),
    )
    assert "RD013" in _codes(tmp_path, path)
    [item] = [h for h in load(path).hidden if h.kind == "pivot-cache"]
    assert "Alice Brown" in item.text and item.count == 2


def _pdf_with_annotations(path: Path, annots: list[str], catalog_extra: bytes = b"", extra: list[bytes] | None = None) -> Path:
    """A one-page PDF written by hand with the given annotation dictionaries (objects 6...),
    optional catalog entries and optional further objects after the annotations."""
    content = b"BT /F1 12 Tf 72 720 Td (1. The supplier is Acme Security Systems Ltd.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> /Annots ["
        + b" ".join(f"{6 + i} 0 R".encode() for i in range(len(annots)))
        + b"] >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *[a.encode() for a in annots],
        *(extra or []),
    ]
    return docbuild.pdf_from_objects(path, objects)


def test_pdf_unapplied_redaction_and_note_annotations(tmp_path: Path) -> None:
    path = _pdf_with_annotations(
        tmp_path / "annotated.pdf",
        [
            "<< /Type /Annot /Subtype /Redact /Rect [70 700 300 730] /OverlayText (Jane Smith 07700 900123) /T (J Officer) >>",
            "<< /Type /Annot /Subtype /Text /Rect [400 700 420 720] /Contents (Check with legal before release) /T (J Officer) >>",
        ],
    )
    codes = _codes(tmp_path, path)
    assert {"RD015", "RD016"} <= codes
    plain = _pdf_with_annotations(tmp_path / "plain.pdf", [])
    assert not {"RD015", "RD016"} & _codes(tmp_path, plain)


def test_pdf_attached_file_and_xmp_author(tmp_path: Path) -> None:
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq>'
        b"<rdf:li>Jane Smith</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    metadata = b"<< /Type /Metadata /Subtype /XML /Length " + str(len(xmp)).encode() + b" >>\nstream\n" + xmp + b"\nendstream"
    path = _pdf_with_annotations(
        tmp_path / "attached.pdf",
        ["<< /Type /Annot /Subtype /FileAttachment /Rect [400 700 420 720] /FS << /Type /Filespec /F (staff-list.xlsx) >> >>"],
        catalog_extra=b"/Metadata 7 0 R ",
        extra=[metadata],
    )
    codes = _codes(tmp_path, path)
    assert {"RD019", "RD018"} <= codes
    hidden = load(path).hidden
    assert any(h.kind == "embedded-file" and h.text == "staff-list.xlsx" for h in hidden)
    assert any(h.kind == "pdf-metadata" and h.text == "Jane Smith" for h in hidden)

"""Hostile and broken files: each gives exit 2 and ONE line on stderr, under a memory bound.

Run as a real subprocess (`python -m reviewer check ...`) with the address space capped by
`resource.setrlimit(RLIMIT_AS)`, so a loader that inflated a bomb or expanded entities would
die with MemoryError or be killed instead of passing quietly.
"""

from __future__ import annotations

import io
import random
import resource
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

import docbuild

MEMORY_LIMIT = 1024 * 1024 * 1024  # 1 GiB of address space for the whole process


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _check(tmp_path: Path, response: Path) -> subprocess.CompletedProcess[str]:
    req = tmp_path / "request.txt"
    req.write_text(docbuild.REQUEST, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "reviewer", "check", str(req), str(response)],
        capture_output=True, text=True, timeout=120, preexec_fn=_limit,
    )


def _docx_bytes(tmp_path: Path) -> bytes:
    return docbuild.docx_from_text(docbuild.RESPONSE, tmp_path / "base.docx").read_bytes()


def _replace_part(data: bytes, part: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == part else src.read(info.filename))
    return out.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def zip_bomb_ratio(tmp_path: Path) -> Path:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as z:
        with zipfile.ZipFile(io.BytesIO(_docx_bytes(tmp_path))) as src:
            for info in src.infolist():
                z.writestr(info.filename, src.read(info.filename))
        z.writestr("word/media/bomb.bin", b"\0" * (40 * 1024 * 1024))
    p = tmp_path / "bomb.docx"
    p.write_bytes(data.getvalue())
    return p


def zip_bomb_entries(tmp_path: Path) -> Path:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_STORED) as z:
        for i in range(6000):
            z.writestr(f"x/{i}", b"")
    p = tmp_path / "many.xlsx"
    p.write_bytes(data.getvalue())
    return p


def billion_laughs_docx(tmp_path: Path) -> Path:
    p = tmp_path / "laughs.docx"
    p.write_bytes(_replace_part(_docx_bytes(tmp_path), "word/document.xml", BILLION_LAUGHS))
    return p


def billion_laughs_xlsx(tmp_path: Path) -> Path:
    base = docbuild.excel_with_hidden_staff(tmp_path / "base.xlsx").read_bytes()
    p = tmp_path / "laughs.xlsx"
    p.write_bytes(_replace_part(base, "xl/worksheets/sheet1.xml", BILLION_LAUGHS))
    return p


def encrypted_pdf(tmp_path: Path) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    p = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(p), encrypt=StandardEncryption("secret-user", "secret-owner"))
    c.drawString(72, 800, "1. The supplier is Acme.")
    c.save()
    return p


def encrypted_docx(tmp_path: Path) -> Path:
    # Office writes a password-protected .docx as an OLE compound file, not a zip.
    p = tmp_path / "locked.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    return p


def pdf_flate_bomb(tmp_path: Path) -> Path:
    stream = zlib.compress(b" " * (200 * 1024 * 1024), 9)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    p = tmp_path / "flate.pdf"
    p.write_bytes(bytes(out))
    return p


def huge_file(tmp_path: Path) -> Path:
    p = tmp_path / "huge.pdf"
    with p.open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(25 * 1024 * 1024)
    return p


def _truncated(build: Callable[[Path], Path], name: str) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        data = build(tmp_path / f"full-{name}").read_bytes()
        p = tmp_path / name
        p.write_bytes(data[: len(data) // 2])
        return p

    return make


def _random(name: str) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        p = tmp_path / name
        p.write_bytes(random.Random(name).randbytes(50_000))
        return p

    return make


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "zip-bomb-ratio": (zip_bomb_ratio, "zip bomb"),
    "zip-bomb-entries": (zip_bomb_entries, "zip bomb"),
    "billion-laughs-docx": (billion_laughs_docx, "entity attack"),
    "billion-laughs-xlsx": (billion_laughs_xlsx, "entity attack"),
    "encrypted-pdf": (encrypted_pdf, "password-protected"),
    "encrypted-docx": (encrypted_docx, "password-protected"),
    "pdf-flate-bomb": (pdf_flate_bomb, "inflates past"),
    "huge-file": (huge_file, "too large"),
    "truncated-docx": (_truncated(lambda p: docbuild.docx_from_text(docbuild.RESPONSE, p), "cut.docx"), "damaged"),
    "truncated-xlsx": (_truncated(docbuild.excel_with_hidden_staff, "cut.xlsx"), "damaged"),
    "truncated-pdf": (_truncated(lambda p: docbuild.pdf_from_text(docbuild.RESPONSE, p), "cut.pdf"), "damaged"),
    "random-docx": (_random("noise.docx"), "not a valid Office file"),
    "random-xlsx": (_random("noise.xlsx"), "not a valid Office file"),
    "random-pdf": (_random("noise.pdf"), "not a PDF"),
    "random-eml": (_random("noise.eml"), "not"),
    "random-msg": (_random("noise.msg"), "not an Outlook message"),
    "truncated-msg": (_truncated(lambda p: docbuild.msg_with_attachment(p, None), "cut.msg"), "Outlook message"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input_exits_2_with_one_line(tmp_path: Path, case: str) -> None:
    build, expect = CASES[case]
    path = build(tmp_path)
    result = _check(tmp_path, path)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("foi-review: error: "), lines[0]
    assert "Traceback" not in result.stderr and "internal error" not in lines[0]
    assert expect in lines[0], lines[0]


def test_truncated_pdf_never_crashes(tmp_path: Path) -> None:
    """pdfminer recovers some truncated PDFs: then a review (exit 0/1), else exit 2, never a crash."""
    data = docbuild.pdf_from_text(docbuild.RESPONSE, tmp_path / "full.pdf").read_bytes()
    for cut in (100, len(data) // 3, len(data) - 200):
        p = tmp_path / f"cut{cut}.pdf"
        p.write_bytes(data[:cut])
        result = _check(tmp_path, p)
        assert result.returncode in (0, 1, 2)
        if result.returncode == 2:
            assert len(result.stderr.strip().splitlines()) == 1 and "internal error" not in result.stderr


def test_the_memory_bound_does_not_stop_a_normal_review(tmp_path: Path) -> None:
    result = _check(tmp_path, docbuild.pdf_with_box_over_text(tmp_path / "ok.pdf"))
    assert result.returncode == 1, result.stderr
    assert "RD014" in result.stdout

"""Start-up stays fast: a plain-text review never imports the PDF or Office machinery, and
checks never import reporters (they mask through reviewer.text.masking)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docbuild


def test_text_review_does_not_import_document_libraries(tmp_path: Path) -> None:
    req = tmp_path / "request.txt"
    req.write_text(docbuild.REQUEST, encoding="utf-8")
    resp = tmp_path / "response.txt"
    resp.write_text(docbuild.RESPONSE, encoding="utf-8")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reviewer.pipeline import review_files\n"
        f"review_files(Path({str(req)!r}), Path({str(resp)!r}))\n"
        "heavy = [m for m in ('pdfminer', 'defusedxml', 'cryptography', 'docx', 'openpyxl', 'reviewer.loaders.pdf',"
        " 'reviewer.loaders.docx', 'reviewer.loaders.xlsx', 'reviewer.reporters.terminal') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

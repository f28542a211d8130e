"""Benchmarks for document input: run `python bench/bench_documents.py` (needs the test extra).

Prints:
  - pages per second of the PDF loader (text in reading order plus the hidden-text scan:
    text under boxes, invisible and background-coloured text) on a generated 200-page PDF;
  - wall-clock time of the whole `foi-review check` process on a generated 20-page .docx;
  - the same for a plain-text draft (start-up cost; must stay under 0.30 s).
Files are generated into bench/out/ (git-ignored).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "tests"))

import docbuild  # noqa: E402

PARAGRAPH = (
    "The council holds information about the maintenance of its CCTV cameras across {n} sites. "
    "The contract was awarded in 2021 after an open tender and is reviewed every year by the "
    "facilities team, who report to the Director of Place on its cost and performance."
)


def make_pdf(pages: int) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = OUT / f"bench-{pages}p.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for p in range(pages):
        y = 800.0
        for line in range(45):
            c.setFont("Helvetica", 10)
            c.drawString(50, y, f"Page {p + 1} line {line + 1}: the council holds information about CCTV maintenance at site {line}.")
            y -= 16
        c.setFillColorRGB(0.9, 0.9, 0.9)
        c.rect(48, 80, 400, 14, fill=1, stroke=0)  # table shading drawn before text
        c.setFillColorRGB(0, 0, 0)
        c.drawString(50, 83, "Shaded row")
        c.rect(300, 400, 120, 14, fill=1, stroke=0)  # a black box over part of a line
        c.showPage()
    c.save()
    return path


def make_docx(pages: int) -> Path:
    text = "\n".join(docbuild.RESPONSE.split("\n"))
    filler = "\n".join(PARAGRAPH.format(n=i) for i in range(pages * 7))
    return docbuild.docx_from_text(text.replace("Yours sincerely,", filler + "\n\nYours sincerely,"), OUT / f"bench-{pages}p.docx")


def time_check(request: Path, response: Path, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reviewer", "check", str(request), str(response), "--fail-on", "never"],
            check=True, capture_output=True,
        )
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    from reviewer.loaders import load

    pdf = make_pdf(200)
    t0 = time.perf_counter()
    doc = load(pdf)
    elapsed = time.perf_counter() - t0
    boxes = sum(1 for h in doc.hidden if h.kind == "text-under-box")
    print(f"PDF: 200 pages in {elapsed:.2f} s = {200 / elapsed:.1f} pages/s ({boxes} pages with text under a box found)")

    request = OUT / "request.txt"
    request.write_text(docbuild.REQUEST, encoding="utf-8")
    docx = make_docx(20)
    words = len(load(docx).text.split())
    print(f"DOCX: whole-process check of a 20-page .docx ({words} words): {time_check(request, docx):.2f} s (median of 5)")
    txt = OUT / "response.txt"
    txt.write_text(docbuild.RESPONSE, encoding="utf-8")
    print(f"TXT: whole-process check of a 1-page .txt: {time_check(request, txt):.2f} s (median of 5)")


if __name__ == "__main__":
    main()

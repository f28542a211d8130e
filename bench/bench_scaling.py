"""How review time grows with the size of a draft, for every awkward shape a draft can take.

    python bench/bench_scaling.py [--sizes 100K,1M,5M] [--shapes numbers-line,emails] [--limit 120]
                                  [--stages] [--json OUT.json]

Each shape (one line of ten-digit numbers, a pasted mailing list, thousands of citations, list
markers, deep nesting, a long line with no newline, huge pipe/tab tables, real .xlsx and .pdf
tables, PDF pages of many shaded cells, many question echoes, ...) is generated at each size and reviewed in a child process:
the real `review_documents` pipeline, with each stage it calls timed in place (the functions
it imports are wrapped, so the figures follow the pipeline as it is, not a copy of it), then
the reporters. A child that runs past `--limit` seconds is killed and shown as `>LIMIT`, so a
quadratic stage cannot hold the benchmark for hours.

Prints one line per shape: the whole review's wall time at each size and the ratio of the
largest size to the one before it (5 MB / 1 MB by default: linear growth gives about 5, the
issue allows about 6); `--stages` adds the time of every stage. `--json` writes everything for
a test to check (tests/test_bench_scaling.py runs it on small sizes and checks the growth).
Wall-clock figures by default (a stall is what a user waits for); `--cpu` gives CPU time, which
a busy machine disturbs less (the test uses it).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

REQUEST = """Dear Council,

Under the Freedom of Information Act 2000 please provide:

1. The list of suppliers you paid in 2023/24, with the amount paid to each.
2. The distribution list used for your supplier newsletter.
3. Any reasons for withholding information.

Yours faithfully,
A. Requester
"""

HEAD = """Freedom of Information request reference FOI-2024-0999

Thank you for your request for information, which we have dealt with under the Freedom of
Information Act 2000.

1. The list of suppliers you paid in 2023/24, with the amount paid to each.
The list is below.

"""

TAIL = """

2. The distribution list used for your supplier newsletter.
The list is included above.

3. Any reasons for withholding information.
Some information is withheld under section 43(2) of the Act (commercial interests). We have
considered the public interest and concluded that it favours maintaining the exemption.

If you are dissatisfied with the handling of your request, you can ask for an internal review
by writing to foi@council.gov.uk within 40 working days. If you are still not satisfied you
may complain to the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow,
Cheshire SK9 5AF.

Yours sincerely,
Information Governance Team
"""

WORDS = ("the council paid supplier contract annual cost for services under the framework "
         "agreement in each year and reviewed its performance against agreed indicators").split()


def _repeat(unit: Callable[[int], str], size: int) -> str:
    """Units from `unit(i)` joined until the text reaches `size` characters."""
    out: list[str] = []
    n = i = 0
    while n < size:
        s = unit(i)
        out.append(s)
        n += len(s)
        i += 1
    return "".join(out)


def _draft(bulk: str) -> tuple[str, str]:
    return REQUEST, HEAD + bulk + TAIL


def numbers_line(size: int) -> tuple[str, str]:
    """One line of ten-digit numbers: a table pasted from a PDF or a web page."""
    rng = random.Random(1)
    return _draft(_repeat(lambda i: f"0{rng.randrange(10**8, 10**9)} ", size).rstrip())


def emails(size: int) -> tuple[str, str]:
    """A mailing list pasted into a reply: one address a line."""
    return _draft(_repeat(lambda i: f"member.{i}@supplier{i % 97}.co.uk\n", size))


def emails_line(size: int) -> tuple[str, str]:
    """The same list as one line, addresses separated by '; ' (copied from an address bar)."""
    return _draft(_repeat(lambda i: f"member.{i}@supplier{i % 97}.co.uk; ", size))


def citations(size: int) -> tuple[str, str]:
    """'section 40(2)' over and over (the issue's 100,000 citations in 1.7 MB)."""
    return _draft(_repeat(lambda i: "section 40(2)\n" if i % 20 == 19 else "section 40(2), ", size))


def citation_sentences(size: int) -> tuple[str, str]:
    """Many exemption sentences, each with a citation and reasoning words."""
    return _draft(_repeat(lambda i: f"Item {i} is withheld under section {(40, 43, 31)[i % 3]}(2) of the Act because disclosure would prejudice commercial interests.\n", size))


def list_markers(size: int) -> tuple[str, str]:
    """A numbered list of many items ("1." ... "N.")."""
    return _draft(_repeat(lambda i: f"{i + 1}. Supplier {i} was paid £{i * 7 % 9000:,}.\n", size))


def deep_nesting(size: int) -> tuple[str, str]:
    """1. / a. / i. nested lists, over and over."""
    romans = ("i", "ii", "iii", "iv")

    def unit(i: int) -> str:
        parts = [f"{i + 1}. Contract {i}\n"]
        for a in "abc":
            parts.append(f"  {a}. Lot {a}\n")
            parts.extend(f"    {r}. Item {r} costs £{i % 500}.\n" for r in romans)
        return "".join(parts)

    return _draft(_repeat(unit, size))


def long_line(size: int) -> tuple[str, str]:
    """Prose with no newline at all."""
    rng = random.Random(2)
    return _draft(_repeat(lambda i: rng.choice(WORDS) + ("." if i % 17 == 16 else "") + " ", size))


def no_spaces(size: int) -> tuple[str, str]:
    """One run of characters with no space or newline (an encoded blob pasted by mistake)."""
    return _draft(_repeat(lambda i: "QUJDRGVmZ2hpams0NTY3" if i % 2 else "bG1ub3BxcnN0dXZ3eHl6", size))


def pipe_table(size: int) -> tuple[str, str]:
    """A Markdown-style pipe table."""
    return _draft("| Supplier | Amount | Date |\n|---|---|---|\n" + _repeat(lambda i: f"| Supplier {i} Ltd | £{i * 13 % 99999:,} | 0{i % 9 + 1}/0{i % 9 + 1}/2024 |\n", size))


def tab_table(size: int) -> tuple[str, str]:
    """Tab-separated rows (pasted from a spreadsheet)."""
    return _draft("Supplier\tAmount\tDate\n" + _repeat(lambda i: f"Supplier {i} Ltd\t{i * 13 % 99999}\t2024-0{i % 9 + 1}-01\n", size))


def question_echoes(size: int) -> tuple[str, str]:
    """A request of many questions, each echoed in the draft with its answer."""
    half = size // 2
    qs = _repeat(lambda i: f"{i + 1}. How much did you pay supplier number {i} in 2023?\n", half)
    n = qs.count("\n")
    request = "Dear Council,\n\nPlease provide:\n\n" + qs + "\nYours faithfully,\nA. Requester\n"
    answers = "".join(f"{i + 1}. How much did you pay supplier number {i} in 2023?\nWe paid £{i * 17 % 9000:,}.\n\n" for i in range(n))
    return request, HEAD.split("1. The list")[0] + answers + TAIL.split("3. Any reasons")[1]


def request_list(size: int) -> tuple[str, str]:
    """A request that is one huge numbered list, answered by a short draft."""
    qs = _repeat(lambda i: f"{i + 1}. Please provide item {i} of the register.\n", size)
    return "Dear Council,\n\nPlease provide:\n\n" + qs + "\nThanks\n", HEAD + "We have attached the register." + TAIL


def placeholders(size: int) -> tuple[str, str]:
    """Template debris: placeholders and brackets everywhere."""
    return _draft(_repeat(lambda i: f"Dear [NAME], your reference {{ref_{i}}} is <<DATE>> and XXXX. ", size))


def redactions(size: int) -> tuple[str, str]:
    """Many redaction marks in running text."""
    return _draft(_repeat(lambda i: f"Payment {i} to [REDACTED] of █████ was approved by [redacted - s.40].\n", size))


def phones_and_names(size: int) -> tuple[str, str]:
    """A staff directory: names, job titles, phone numbers."""
    first = ("Alice", "Bharat", "Chloe", "Dafydd", "Eilidh", "Femi")
    last = ("Smith", "Patel", "Jones", "Evans", "Campbell", "Okoro")
    return _draft(_repeat(lambda i: f"{first[i % 6]} {last[i // 6 % 6]}, Procurement Officer, tel 01632 {i % 1000000:06d}\n", size))


def prose(size: int) -> tuple[str, str]:
    """Ordinary paragraphs (the shape of most drafts, for comparison)."""
    rng = random.Random(3)
    return _draft(_repeat(lambda i: rng.choice(WORDS) + (".\n\n" if i % 60 == 59 else ". " if i % 12 == 11 else " "), size))


TEXT_SHAPES: dict[str, Callable[[int], tuple[str, str]]] = {
    "numbers-line": numbers_line,
    "emails": emails,
    "emails-line": emails_line,
    "citations": citations,
    "citation-sentences": citation_sentences,
    "list-markers": list_markers,
    "deep-nesting": deep_nesting,
    "long-line": long_line,
    "no-spaces": no_spaces,
    "pipe-table": pipe_table,
    "tab-table": tab_table,
    "question-echoes": question_echoes,
    "request-list": request_list,
    "placeholders": placeholders,
    "redactions": redactions,
    "phones-names": phones_and_names,
    "prose": prose,
}


def _xlsx(size: int, path: Path) -> Path:
    """A real workbook whose cells hold about `size` characters."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Supplier", "Amount", "Date", "Notes"])
    n = 0
    i = 0
    while n < size:
        row = [f"Supplier {i} Ltd", i * 13 % 99999, f"2024-0{i % 9 + 1}-01", "paid on time"]
        ws.append(row)
        n += sum(len(str(c)) + 1 for c in row)
        i += 1
    out = path / "draft.xlsx"
    wb.save(str(out))
    return out


def _pdf(size: int, path: Path) -> Path:
    """A real PDF of table rows holding about `size` characters of text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = path / "draft.pdf"
    c = canvas.Canvas(str(out), pagesize=A4)
    lines = (HEAD + pipe_table(size)[1][len(HEAD):]).split("\n")
    y = 800.0
    for line in lines:
        if y < 60:
            c.showPage()
            y = 800.0
        c.setFont("Helvetica", 8)
        c.drawString(40, y, line.replace("|", "  ")[:120])
        y -= 10
    c.save()
    return out


def _pdf_cells(size: int, path: Path) -> Path:
    """A real PDF whose pages (A2) are grids of 1,280 shaded cells, each cell's text its own
    text box (a spreadsheet printed with a gap around every cell): pdfminer's ordering of a
    page's text boxes is quadratic in their number, so each page used to take 15 s or more."""
    from reportlab.lib.pagesizes import A2
    from reportlab.pdfgen import canvas

    out = path / "draft.pdf"
    c = canvas.Canvas(str(out), pagesize=A2)

    def lines(text: str) -> None:
        y = 1600.0
        c.setFont("Helvetica", 8)
        for line in text.split("\n"):
            c.drawString(40, y, line)
            y -= 10
        c.showPage()

    lines(HEAD)
    n = i = 0
    while n < size:  # a small size fills part of one page: the cells on a page grow with it
        r, k = divmod(i % 1280, 16)
        if i and not r and not k:
            c.showPage()
        x, y = 20 + k * 72, 1640 - r * 20
        c.setFillColorRGB(0.9, 0.9, 0.95 if (r + k) % 2 else 0.85)
        c.rect(x, y, 68, 15, stroke=1, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont("Helvetica", 5)
        cell = f"Supplier {i} Ltd £{i * 13 % 99999:,}"
        c.drawString(x + 2, y + 5, cell)
        n += len(cell) + 1
        i += 1
    c.showPage()
    lines(TAIL)
    c.save()
    return out


FILE_SHAPES: dict[str, Callable[[int, Path], Path]] = {"xlsx-table": _xlsx, "pdf-table": _pdf, "pdf-cells": _pdf_cells}
SHAPES = [*TEXT_SHAPES, *FILE_SHAPES]


def measure(shape: str, size: int, clock: Callable[[], float] = time.perf_counter) -> dict[str, float]:
    """Review one generated draft in this process; seconds per stage, and "review" in all.

    The stages are timed by wrapping the names `reviewer.pipeline` imported (and each check in
    `reviewer.checks.CHECKS`), so this is the real pipeline with stopwatches in it."""
    import reviewer.checks as checks_mod
    import reviewer.pipeline as rv
    from reviewer.core.document import Document
    from reviewer.reporters import html_report, json_report, terminal
    from reviewer.reporters.records import case_record, review_record

    spent: dict[str, float] = {}

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + clock() - t

        return wrapper

    for name in ("load", "split_combined", "detect_regime", "find_citations", "parse_request", "align",
                 "assess_exemptions", "detect_refusal_notice", "apply_policy"):
        setattr(rv, name, timed(name.replace("_", " "), getattr(rv, name)))
    checks_mod.CHECKS = tuple((n, timed(f"check {n}", lambda c, f=f: list(f(c)))) for n, f in checks_mod.CHECKS)
    Document.unwrapped = timed("unwrap", Document.unwrapped)  # type: ignore[method-assign]

    with tempfile.TemporaryDirectory() as tmp:
        rv.review_texts(REQUEST, HEAD + TAIL)  # warm up: regexes, law tables
        spent.clear()
        start = clock()
        if shape in FILE_SHAPES:
            req = Path(tmp) / "request.txt"
            req.write_text(REQUEST, encoding="utf-8")
            draft = FILE_SHAPES[shape](size, Path(tmp))
            start = clock()
            review = rv.review_files(req, draft)
        else:
            request, response = TEXT_SHAPES[shape](size)
            start = clock()
            review = rv.review_texts(request, response)
        spent["review"] = clock() - start
        t = clock()
        record = review_record(review)
        json_report.render(record)
        terminal.render(record)
        html_report.render([case_record("case", record, request="request.txt", response="response.txt", seconds=0.0)])
        spent["reporters"] = clock() - t
    return spent


def parse_size(s: str) -> int:
    s = s.strip().upper()
    mult = {"K": 1000, "M": 1000_000}.get(s[-1:], 1)
    return int(float(s.rstrip("KM")) * mult)


def run_child(shape: str, size: int, limit: float, cpu: bool = False) -> dict[str, float] | None:
    """Measure in a fresh process (no cache shared between sizes); None when past `limit`."""
    cmd = [sys.executable, __file__, "--one", shape, str(size), *(["--cpu"] if cpu else [])]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=limit, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"{shape} at {size}: {exc.stderr.strip().splitlines()[-1]}") from None
    result: dict[str, float] = json.loads(out.stdout)
    return result


def _fmt(v: float | None, limit: float) -> str:
    return f">{limit:.0f}s" if v is None else f"{v:.2f}s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100K,1M,5M", help="comma-separated sizes in characters (K, M suffixes)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help=f"comma-separated, from: {', '.join(SHAPES)}")
    ap.add_argument("--limit", type=float, default=120.0, help="seconds before one measurement is cut off")
    ap.add_argument("--stages", action="store_true", help="print the time of every stage too")
    ap.add_argument("--json", type=Path, help="write every figure to this file")
    ap.add_argument("--cpu", action="store_true", help="CPU time instead of wall-clock time (steadier on a busy machine)")
    ap.add_argument("--one", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(measure(a.one[0], int(a.one[1]), time.process_time if a.cpu else time.perf_counter)))
        return
    sizes = [parse_size(s) for s in a.sizes.split(",")]
    shapes = [s.strip() for s in a.shapes.split(",")]
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        raise SystemExit(f"unknown shape(s): {', '.join(unknown)}")
    labels = a.sizes.split(",")
    print(f"{'shape':24s}" + " ".join(f"{lab:>9s}" for lab in labels) + f"  {labels[-1]}/{labels[-2] if len(labels) > 1 else labels[-1]}")
    results: dict[str, list[dict[str, float] | None]] = {}
    for shape in shapes:
        row: list[dict[str, float] | None] = []
        for size in sizes:
            # Once one size is cut off, the larger ones would be too.
            row.append(run_child(shape, size, a.limit, a.cpu) if not row or row[-1] is not None else None)
        results[shape] = row
        totals = [r["review"] + r["reporters"] if r else None for r in row]
        ratio = "-"
        if len(totals) > 1 and totals[-1] is not None and totals[-2]:
            ratio = f"{totals[-1] / totals[-2]:.1f}"
        print(f"{shape:24s}" + " ".join(f"{_fmt(t, a.limit):>9s}" for t in totals) + f"  {ratio}", flush=True)
        if a.stages:
            names = sorted({k for r in row if r for k in r if k != "review"}, key=lambda k: -max((r or {}).get(k, 0.0) for r in row))
            for name in names:
                if max((r or {}).get(name, 0.0) for r in row) < 0.01:
                    continue
                cells = [f"{r.get(name, 0.0):.2f}s" if r else "-" for r in row]
                print(f"  {name:22s}" + " ".join(f"{c:>9s}" for c in cells), flush=True)
    if a.json:
        a.json.write_text(json.dumps({"sizes": sizes, "limit": a.limit, "results": results}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

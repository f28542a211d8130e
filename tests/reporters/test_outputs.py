"""Shareable outputs CI tools and auditors can trust (issue 14): valid SARIF and GitHub
annotations for every input format, personal data masked in every shared output, manifests
read like drafts, case discovery, and the audit HTML table."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from docbuild import (
    REQUEST,
    docx_from_text,
    eml_with_attachment,
    excel_with_hidden_staff,
    pdf_with_box_over_text,
    word_with_hidden_content,
)
from reviewer.cli import app

SCHEMA = Path(__file__).parents[1] / "data" / "sarif-2.1.0-rtm.5.json"
runner = CliRunner()


def _drafts(tmp: Path) -> dict[str, Path]:
    """A Word draft with a comment, a tracked deletion and an author; a PDF with a box over a
    name; a workbook with hidden columns and a very hidden sheet; an e-mail carrying it."""
    xlsx = excel_with_hidden_staff(tmp / "costs.xlsx")
    return {
        "docx": word_with_hidden_content(tmp / "reply.docx"),
        "pdf": pdf_with_box_over_text(tmp / "reply.pdf"),
        "xlsx": xlsx,
        "eml": eml_with_attachment(tmp / "reply.eml", xlsx),
    }


@pytest.mark.parametrize("kind", ["docx", "pdf", "xlsx", "eml"])
def test_item2_sarif_validates_for_docx_pdf_xlsx_eml(kind: str, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    request = tmp_path / "request.txt"
    request.write_text(REQUEST, encoding="utf-8")
    draft = _drafts(tmp_path)[kind]
    res = runner.invoke(app, ["check", str(request), str(draft), "--format", "sarif", "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    log = json.loads(res.stdout)
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    results = log["runs"][0]["results"]
    assert results, "the hidden content is reported"
    for r in results:
        for loc in r["locations"]:
            region = loc["physicalLocation"].get("region")
            if loc["physicalLocation"]["artifactLocation"]["uri"].endswith(draft.name):
                # a line of the extracted text is not a line of the binary file
                assert region is None, (r["ruleId"], region)
            else:  # the plain-text request keeps its lines, never 0
                assert region["startLine"] >= 1 and region.get("startColumn", 1) >= 1
    places = {ll["name"] for r in results for loc in r["locations"] for ll in loc.get("logicalLocations", [])}
    assert places, "findings in a binary file name their place logically"
    if kind == "docx":
        assert any(p.startswith("paragraph") or "comment" in p for p in places), places
    if kind == "eml":
        assert any("attachment costs.xlsx" in p for p in places), places
    gh = runner.invoke(app, ["check", str(request), str(draft), "--format", "github", "--fail-on", "never"])
    assert gh.exit_code == 0 and gh.stdout.strip()
    assert "line=0" not in gh.stdout and "col=0" not in gh.stdout
    for line in gh.stdout.splitlines():
        if f"{draft.name}," in line:
            assert not re.search(r"line=\d", line), "no line numbers for a binary file"


def test_item2_text_drafts_keep_their_lines(tmp_path: Path) -> None:
    request = tmp_path / "request.txt"
    request.write_text(REQUEST, encoding="utf-8")
    draft = tmp_path / "reply.txt"
    draft.write_text("1. The supplier is Acme.\n\nPlease write to jo.bloggs@council.gov.uk.\n", encoding="utf-8")
    log = json.loads(runner.invoke(app, ["check", str(request), str(draft), "--format", "sarif"]).stdout)
    regions = [loc["physicalLocation"].get("region") for r in log["runs"][0]["results"] for loc in r["locations"]]
    assert any(reg and reg["startLine"] == 3 and reg["startColumn"] >= 1 for reg in regions), regions
    assert all(reg is None or reg["startLine"] >= 1 for reg in regions)


OFFICER_REQUEST = """Dear Council,

Under the Freedom of Information Act 2000 please provide:

1. The name of the supplier of your CCTV maintenance contract.
2. The annual cost of the contract in each of the last three years.
3. A copy of the most recent inspection report.

Yours faithfully,
A. Requester
"""

OFFICER_DRAFT = """Thank you for your request for information under the Freedom of Information Act 2000.

1. The supplier is Acme Security Systems Ltd.

2. We are withholding the cost under section 43(2) of the Act. For queries contact Priya
Natarajan on priya.natarajan@council.gov.uk or her direct line 01632 960457.

3. We do not hold this information.

Yours sincerely,
Information Governance Team
"""
UNMASKED = ("priya.natarajan@", "960457", "Priya Natarajan")  # the officer is named in the findings


def _officer_case(tmp: Path) -> Path:
    case = tmp / "cases" / "FOI-0201"
    case.mkdir(parents=True)
    (case / "request.txt").write_text(OFFICER_REQUEST, encoding="utf-8")
    (case / "response.txt").write_text(OFFICER_DRAFT, encoding="utf-8")
    return case


def _leaks(text: str) -> list[str]:
    return [s for s in UNMASKED if s in text]


def test_item6_every_shareable_output_masks_personal_data(tmp_path: Path) -> None:
    case = _officer_case(tmp_path)
    req, resp = str(case / "request.txt"), str(case / "response.txt")
    raw = json.loads(runner.invoke(app, ["check", req, resp, "--format", "json"]).stdout)
    codes = {f["code"] for f in raw["findings"]}
    assert {"PD001", "PD002"} <= codes, "the officer's e-mail and direct line are flagged"
    other = [f for f in raw["findings"] if f["category"] != "personal-data" and _leaks((f.get("evidence") or {}).get("text", ""))]
    assert other, "the contact details also sit in another finding's evidence"

    outputs: dict[str, str] = {}
    for fmt in ("sarif", "junit", "github", "html"):
        res = runner.invoke(app, ["check", req, resp, "--format", fmt, "--fail-on", "never"])
        assert res.exit_code == 0, res.output
        outputs[f"check {fmt}"] = res.stdout
    root = case.parent
    csv_file, html_file = tmp_path / "f.csv", tmp_path / "r.html"
    for fmt in ("sarif", "junit", "github"):
        res = runner.invoke(
            app, ["audit", str(root), "--no-progress", "--fail-on", "never", "--format", fmt, "--csv", str(csv_file), "--html", str(html_file)]
        )
        assert res.exit_code == 0, res.output
        outputs[f"audit {fmt}"] = res.stdout
    outputs["audit csv"] = csv_file.read_text(encoding="utf-8")
    outputs["audit html"] = html_file.read_text(encoding="utf-8")
    leaked = {name: _leaks(text) for name, text in outputs.items() if _leaks(text)}
    assert not leaked, leaked
    assert "p***@council.gov.uk" in outputs["audit csv"]

    # and --show-personal-data shows them, in check and in audit
    res = runner.invoke(app, ["check", req, resp, "--format", "sarif", "--show-personal-data"])
    assert _leaks(res.stdout) == list(UNMASKED)
    res = runner.invoke(app, ["audit", str(root), "--no-progress", "--csv", str(csv_file), "--show-personal-data"])
    assert _leaks(csv_file.read_text(encoding="utf-8")) == list(UNMASKED)


def test_item6_masking_keeps_fingerprints(tmp_path: Path) -> None:
    """Masking must not change how code scanning tracks a finding across runs."""
    case = _officer_case(tmp_path)
    args = ["check", str(case / "request.txt"), str(case / "response.txt"), "--format", "sarif"]

    def prints(extra: list[str]) -> list[Any]:
        log = json.loads(runner.invoke(app, args + extra).stdout)
        return [r["partialFingerprints"] for r in log["runs"][0]["results"]]

    assert prints([]) == prints(["--show-personal-data"])


def test_item9_html_sorts_dates_and_ids_as_text_counts_unknown_dates_and_keeps_case_order() -> None:
    from reviewer.reporters import html_report

    def rec(case: str, date: str) -> dict[str, Any]:
        review = {"summary": {"verdict": "pass", "errors": 0, "warnings": 0}, "findings": [], "suppressed": []}
        return {"case": case, "metadata": {"date": date}, "review": review, "status": "ok", "response": f"{case}/r.txt"}

    # completion order after --resume: not the case order
    page = html_report.render(
        [rec("2024/0142", "03/04/2024"), rec("2024/0009", "2023-12-01"), rec("2024/0010", "sometime in May")]
    )
    assert 'data-sort="2024-04-03"' in page and 'data-sort="2023-12-01"' in page
    assert "sometime in May (date unknown)" in page
    assert re.search(r"<b>1</b>date unknown", page), "unreadable dates are counted"
    assert "date unknown</text>" in page, "and shown in the chart"
    table = page[page.index('<table id="cases">') :]
    order = [table.index(c) for c in ("2024/0009", "2024/0010", "2024/0142")]
    assert order == sorted(order), "the table is in case order"
    # ids and dates sort as text; only the count columns sort as numbers
    assert "parseFloat(x)-parseFloat(y)" in page and "hasAttribute('data-num')" in page
    assert "<th>Date</th>" in page and "<th data-num>Findings</th>" in page


def _write_case_files(folder: Path, request_name: str = "request.txt", response_name: str = "response.txt") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / request_name).write_text(OFFICER_REQUEST, encoding="utf-8")
    (folder / response_name).write_text(OFFICER_DRAFT.replace("priya.natarajan@council.gov.uk", "foi@council.gov.uk"), encoding="utf-8")


def test_item5_manifests_read_like_drafts(tmp_path: Path) -> None:
    from reviewer.audit.cases import discover

    for n in ("0001", "0002"):
        _write_case_files(tmp_path / n)
    # Excel's UK default: Windows-1252, with a pound sign, separated by semicolons
    manifest = tmp_path / "manifest.csv"
    manifest.write_bytes(
        "Reference;Response;Request;Cost\r\nFOI-1;0001/response.txt;0001/request.txt;£120\r\n"
        "FOI-2;0002/response.txt;0002/request.txt;£80\r\n".encode("cp1252")
    )
    cases = list(discover(manifest))
    assert [c.error for c in cases] == [None, None]
    assert [c.id for c in cases] == ["FOI-1", "FOI-2"]
    assert cases[0].metadata["Cost"] == "£120"
    res = runner.invoke(app, ["audit", str(manifest), "--no-progress", "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    assert "reviewed 2 case(s), 0 could not be reviewed" in res.stderr

    # a misnamed column: one line naming what is missing and what was found, before any review
    manifest.write_text("id,reply_file,request\nA,0001/response.txt,0001/request.txt\nB,0002/response.txt,\n", encoding="utf-8")
    res = runner.invoke(app, ["audit", str(tmp_path), "--no-progress"])
    assert res.exit_code == 2
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, res.stderr
    assert "no 'response' column" in lines[0] and "columns found: id, reply_file, request" in lines[0]
    broken = list(discover(tmp_path))
    assert len(broken) == 1 and "columns found" in (broken[0].error or "")


def test_item7_case_discovery_names_skips_and_reports(tmp_path: Path) -> None:
    from reviewer.audit.cases import discover

    tree = tmp_path / "cases"
    _write_case_files(tree / "FOI-0151", "FOI-0151-request.txt", "FOI-0151-response.txt")
    _write_case_files(tree / "FOI-0152", "request.txt", "Final reply.txt")
    _write_case_files(tree / "FOI-0153", "request.txt", "answer.md")
    _write_case_files(tree / "FOI-0154", "request.txt", "letter to requester.txt")
    (tree / "README.txt").write_text("How this folder is organised.\n", encoding="utf-8")
    (tree / "notes.md").write_text("Check 0153 again.\n", encoding="utf-8")
    excel_with_hidden_staff(tree / "costs.xlsx")
    skipped: list[str] = []
    cases = {c.id: c for c in discover(tree, skipped)}
    assert sorted(cases) == ["FOI-0151", "FOI-0152", "FOI-0153", "FOI-0154"], "one case per folder, no strays"
    assert cases["FOI-0151"].request and cases["FOI-0151"].request.name == "FOI-0151-request.txt"
    assert cases["FOI-0151"].response and cases["FOI-0151"].response.name == "FOI-0151-response.txt"
    assert cases["FOI-0152"].response and cases["FOI-0152"].response.name == "Final reply.txt"
    assert cases["FOI-0153"].response and cases["FOI-0153"].response.name == "answer.md"
    err = cases["FOI-0154"].error or ""
    assert "letter to requester.txt" in err and "reply.*" in err and "answer.*" in err, err
    assert sorted(skipped) == ["README.txt (not a case)", "costs.xlsx (not a case)", "notes.md (not a case)"]
    res = runner.invoke(app, ["audit", str(tree), "--no-progress", "--fail-on", "never"])
    assert "reviewed 3 case(s), 1 could not be reviewed" in res.stderr and "skipped 3: README.txt" in res.stderr, res.stderr
    assert "4 case(s), 3 reviewed, 1 could not be reviewed, 3 skipped (not cases)" in res.stdout, res.stdout
    assert "Skipped (not reviewed)" in res.stdout and "  notes.md (not a case)" in res.stdout

    # one case folder given directly is named after itself
    assert [c.id for c in discover(tree / "FOI-0152")] == ["FOI-0152"]

    # a manifest names two folders: the others are reported, not silently ignored
    (tree / "manifest.csv").write_text(
        "id,response,request\nA,FOI-0152/Final reply.txt,FOI-0152/request.txt\nB,FOI-0153/answer.md,FOI-0153/request.txt\n",
        encoding="utf-8",
    )
    skipped = []
    assert [c.id for c in discover(tree, skipped)] == ["A", "B"]
    assert "FOI-0151/ (not in manifest.csv)" in skipped and "FOI-0154/ (not in manifest.csv)" in skipped
    assert "README.txt (not in manifest.csv)" in skipped


LOCATION_DRAFT = """Dear Requester,

Thank you for your request.

1. The supplier is Acme Security Systems Ltd.

For queries contact Priya Natarajan on priya.natarajan@council.gov.uk or 01632 960457.

Yours sincerely,
Information Governance Team"""


def test_item_10_one_location_vocabulary(tmp_path: Path) -> None:
    """Every output gives a piece of evidence's place in the same words: "paragraph 5" in a Word
    draft (never "l.5", "line 0" or a column), "request.txt, line 6" for a question quoted
    from the request, "line 3" in a plain-text draft, the CSV in a `location` column."""
    import csv
    import io

    case = tmp_path / "cases" / "FOI-0301"
    case.mkdir(parents=True)
    (case / "request.txt").write_text(REQUEST, encoding="utf-8")
    docx_from_text(LOCATION_DRAFT, case / "response.docx")
    req, resp = str(case / "request.txt"), str(case / "response.docx")
    record = json.loads(runner.invoke(app, ["check", req, resp, "--format", "json"]).stdout)
    said = {(f["code"], f["question_ref"]): f["evidence"]["where"] for f in record["findings"]}
    assert said[("CP001", "2")] == "request.txt, line 6", "evidence outside the draft names its file"
    assert said[("PD001", None)] == "paragraph 7" and said[("PD002", None)] == "paragraph 7"
    assert record["questions"][0]["evidence"]["where"] == "paragraph 5"
    pd001 = next(f for f in record["findings"] if f["code"] == "PD001")
    assert "named in paragraph 7" in pd001["message"], pd001["message"]

    outputs = {fmt: runner.invoke(app, ["check", req, resp, "--format", fmt, "--fail-on", "never"]).stdout for fmt in ("terminal", "html", "sarif", "junit", "github")}
    csv_file, html_file = tmp_path / "f.csv", tmp_path / "r.html"
    res = runner.invoke(app, ["audit", str(case.parent), "--no-progress", "--fail-on", "never", "--csv", str(csv_file), "--html", str(html_file)])
    assert res.exit_code == 0, res.output
    outputs["audit html"] = html_file.read_text(encoding="utf-8")
    for fmt, text in outputs.items():
        assert text.strip(), fmt
        assert not re.search(r"\bl\.\d|line 0\b|col(umn)? 0\b|line=0|col=0|\"startLine\": 0", text), fmt
    words = set(said.values())
    for fmt in ("terminal", "html", "junit", "audit html"):
        for w in words:
            assert w in outputs[fmt], (fmt, w)
    assert "paragraph 5: The supplier" in outputs["terminal"], "the question table speaks like the findings"
    assert "paragraph 5: The supplier" in outputs["html"]
    assert "request.txt, line 6: error CP001" in outputs["junit"] and "response.docx, paragraph 7: error PD001" in outputs["junit"]
    sarif_log = json.loads(outputs["sarif"])
    assert {(r["ruleId"], r["properties"]["location"]) for r in sarif_log["runs"][0]["results"]} == {
        (code, w) for (code, _), w in said.items()
    }
    assert re.search(r"::error file=[^,]*response\.docx,title=PD001 staff-email::\(paragraph 7\)", outputs["github"])
    assert re.search(r"file=.*request\.txt,line=6,col=4", outputs["github"])
    rows = list(csv.DictReader(io.StringIO(csv_file.read_text(encoding="utf-8"))))
    assert {(r["code"], r["question"] or None, r["location"]) for r in rows} == {(c, q, w) for (c, q), w in said.items()}
    assert all(r["line"] == "" for r in rows if r["location"] == "paragraph 7"), "no line of a binary file"
    assert {r["line"] for r in rows if r["location"] == "request.txt, line 6"} == {"6"}

    # a plain-text draft: "line N" everywhere, and no file name for evidence in the draft
    text_draft = case / "response.txt"
    text_draft.write_text(LOCATION_DRAFT, encoding="utf-8")
    record = json.loads(runner.invoke(app, ["check", req, str(text_draft), "--format", "json"]).stdout)
    pd001 = next(f for f in record["findings"] if f["code"] == "PD001")
    assert pd001["evidence"]["where"] == "line 7" and record["questions"][0]["evidence"]["where"] == "line 5"
    terminal = runner.invoke(app, ["check", req, str(text_draft)]).stdout
    assert "line 5: The supplier" in terminal and "line 7: \u201c" in terminal


def test_thin_cli_one_reporter_interface_and_dispatch(tmp_path: Path) -> None:
    """Every output format is one `Reporter`, registered once; `check`, `audit`, `test` and
    `eval` dispatch through one function; each command's --format lists only what it can do
    (eval used to offer sarif/junit/github/html and fail on them)."""
    import reviewer.cli as cli_module
    from reviewer.reporters import formats

    every = [*formats.REPORTERS.values(), *formats.FILE_REPORTERS.values()]
    assert all(isinstance(r, formats.Reporter) for r in every)
    assert list(formats.REPORTERS) == ["terminal", "json", "sarif", "junit", "github", "html"]
    assert sorted(formats.FILE_REPORTERS) == ["--csv", "--html"]
    assert formats.choices("check") == ["terminal", "json", "sarif", "junit", "github", "html"]
    assert formats.choices("audit") == ["terminal", "json", "sarif", "junit", "github"]
    assert formats.choices("eval") == ["terminal", "json"]
    assert formats.choices("test") == ["terminal", "junit"]  # item 12: test writes JUnit too
    for command in ("check", "audit", "eval"):
        shown = runner.invoke(app, [command, "--help"]).stdout
        assert formats.metavar(command) in shown, (command, shown)
    res = runner.invoke(app, ["eval", str(tmp_path), "--format", "sarif"])
    assert res.exit_code == 2 and res.stderr.strip() == "foi-review: error: eval --format must be one of terminal, json, not 'sarif'"

    # the CLI picks a reporter and hands it the result; no format is rendered in cli.py
    src = Path(cli_module.__file__).read_text(encoding="utf-8")
    assert set(re.findall(r"reviewer\.reporters\.(\w+)", src)) <= {"formats", "records", "common", "baseline", "rule_reference"}
    assert not re.search(r"format (is|in|==|not in) ", src)
    assert len(re.findall(r"(?<![\w.])emit\(", src)) == 1, "one call of the dispatch, in _emit"

    # each format a command lists works through the dispatch, to stdout and to a file
    case = _officer_case(tmp_path)
    req, resp = str(case / "request.txt"), str(case / "response.txt")
    for fmt in formats.choices("check"):
        res = runner.invoke(app, ["check", req, resp, "--format", fmt, "--fail-on", "never"])
        assert res.exit_code == 0 and res.stdout.strip(), (fmt, res.output)
    for fmt in formats.choices("audit"):
        out = tmp_path / f"audit.{fmt}"
        res = runner.invoke(app, ["audit", str(case.parent), "--no-progress", "--fail-on", "never", "--format", fmt, "-o", str(out)])
        assert res.exit_code == 0 and out.read_text(encoding="utf-8").strip(), (fmt, res.output)
    res = runner.invoke(app, ["check", req, resp, "--format", "json", "-o", str(tmp_path / "no" / "such" / "dir.json")])
    assert res.exit_code == 2 and "cannot write" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_item_6_each_shareable_output_masks_unless_asked(tmp_path: Path) -> None:
    """Each shareable output of `check` and `audit` (CSV, HTML, SARIF, JUnit, GitHub) is
    grepped for the officer's e-mail and direct line: absent by default, present with
    --show-personal-data (so the flag reaches every format, and the masking is no accident
    of a format that drops the evidence)."""
    case = _officer_case(tmp_path)
    req, resp = str(case / "request.txt"), str(case / "response.txt")

    def outputs(extra: list[str]) -> dict[str, str]:
        got: dict[str, str] = {}
        for fmt in ("sarif", "junit", "github", "html"):
            res = runner.invoke(app, ["check", req, resp, "--format", fmt, "--fail-on", "never", *extra])
            assert res.exit_code == 0, res.output
            got[f"check {fmt}"] = res.stdout
        for fmt in ("sarif", "junit", "github"):
            csv_file, html_file, out = tmp_path / f"{fmt}.csv", tmp_path / f"{fmt}.html", tmp_path / f"audit.{fmt}"
            res = runner.invoke(app, [
                "audit", str(case.parent), "--no-progress", "--fail-on", "never", "--format", fmt, "-o", str(out),
                "--csv", str(csv_file), "--html", str(html_file), *extra,
            ])
            assert res.exit_code == 0, res.output
            got[f"audit {fmt}"] = out.read_text(encoding="utf-8")
            got["audit csv"] = csv_file.read_text(encoding="utf-8")
            got["audit html"] = html_file.read_text(encoding="utf-8")
        return got

    masked = outputs([])
    assert len(masked) == 9
    assert {name: _leaks(text) for name, text in masked.items() if _leaks(text)} == {}
    shown = outputs(["--show-personal-data"])
    assert {name: _leaks(text) for name, text in shown.items() if _leaks(text) != list(UNMASKED)} == {}


def test_item_2_audit_sarif_and_github_for_every_input_format(tmp_path: Path) -> None:
    """The audit path too (absolute paths, several cases in one run): a tree of Word, PDF,
    Excel and e-mail drafts gives SARIF that validates against the shipped schema, places
    named logically, and GitHub annotations with no line=0 or col=0."""
    jsonschema = pytest.importorskip("jsonschema")
    tree = tmp_path / "tree"
    for kind in ("docx", "pdf", "xlsx", "eml"):
        (tree / kind).mkdir(parents=True)
        (tree / kind / "request.txt").write_text(REQUEST, encoding="utf-8")
    xlsx = excel_with_hidden_staff(tree / "xlsx" / "response.xlsx")
    word_with_hidden_content(tree / "docx" / "response.docx")
    pdf_with_box_over_text(tree / "pdf" / "response.pdf")
    eml_with_attachment(tree / "eml" / "response.eml", xlsx)
    out = tmp_path / "audit.sarif"
    res = runner.invoke(app, ["audit", str(tree), "--no-progress", "--fail-on", "never", "--format", "sarif", "-o", str(out)])
    assert res.exit_code == 0 and "reviewed 4 case(s), 0 could not be reviewed" in res.stderr, res.output
    log = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    results = log["runs"][0]["results"]
    assert {r["properties"]["case"] for r in results} == {"docx", "pdf", "xlsx", "eml"}
    places = {ll["name"] for r in results for loc in r["locations"] for ll in loc.get("logicalLocations", [])}
    assert {"page 1", "document properties"} <= places and any(p.startswith("attachment response.xlsx") for p in places), places
    for r in results:
        for loc in r["locations"]:
            assert "region" not in loc["physicalLocation"] or loc["physicalLocation"]["region"]["startLine"] >= 1
    gh = runner.invoke(app, ["audit", str(tree), "--no-progress", "--fail-on", "never", "--format", "github"]).stdout
    assert gh.count("\n") >= len(results) and not re.search(r"(line|col)=0\b", gh)

"""Audits end to end: discovery, parallel run with broken cases, resume, baseline, outputs."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from casegen import generate_manifest, generate_tree
from conftest import SEED_HWFRS
from reviewer.audit.cases import Case, discover
from reviewer.audit.runner import completed_ids, read_results, run_audit
from reviewer.audit.summary import summarise
from reviewer.cli import app
from reviewer.pipeline import Options
from reviewer.reporters import csv_report, github, html_report, junit, sarif
from reviewer.reporters.baseline import Baseline, load_baseline, write_baseline

SCHEMA = Path(__file__).parents[1] / "data" / "sarif-2.1.0-rtm.5.json"
runner = CliRunner()


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("tree")
    broken = generate_tree(root, 200, broken_every=20)
    return root, broken


@pytest.fixture(scope="module")
def results(tree: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root, _ = tree
    out = tmp_path_factory.mktemp("out") / "results.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        stats = run_audit(discover(root), Options(), fh, jobs=2)
    assert stats.reviewed + stats.broken == 200
    return out


def test_200_cases_with_broken_ones_all_reported(tree: tuple[Path, list[str]], results: Path) -> None:
    _, broken = tree
    recs = list(read_results(results))
    assert len(recs) == 200
    assert len({r["case"] for r in recs}) == 200
    errors = {r["case"]: r["error"] for r in recs if r["status"] == "error"}
    assert sorted(errors) == sorted(broken)
    assert any("no response" in e for e in errors.values())
    assert any("empty" in e for e in errors.values())
    assert any("binary" in e for e in errors.values())
    ok = [r for r in recs if r["status"] == "ok"]
    assert all(r["review"]["questions"] for r in ok)
    summary = summarise(recs)
    assert summary["cases"] == 200 and summary["broken"] == 10
    assert {r["code"] for r in summary["by_rule"]} >= {"PD002", "RN001", "EX004"}
    assert len(summary["worst"]) == 10


def test_folder_case_metadata_from_case_json(results: Path) -> None:
    rec = next(r for r in read_results(results) if r["case"] == "2023/case-00000")
    assert rec["metadata"]["team"] == "Corporate"
    assert rec["metadata"]["reference"] == "FOI-2023-00000"
    assert rec["request"].endswith("request.txt") and rec["response"].endswith("response.txt")


def test_resume_skips_done_and_repairs_cut_off_line(tree: tuple[Path, list[str]], results: Path, tmp_path: Path) -> None:
    root, _ = tree
    lines = results.read_text(encoding="utf-8").splitlines(keepends=True)
    partial = tmp_path / "partial.jsonl"
    partial.write_text("".join(lines[:120]) + lines[120][:50], encoding="utf-8")  # interrupted mid-line
    done = completed_ids(partial)
    assert len(done) == 120
    with partial.open("a", encoding="utf-8") as fh:
        stats = run_audit(discover(root), Options(), fh, jobs=2, skip=done)
    assert stats.skipped == 120 and stats.reviewed + stats.broken == 80
    recs = list(read_results(partial))
    assert len(recs) == 200 and len({r["case"] for r in recs}) == 200


def test_missing_file_is_a_broken_case_not_a_stopped_run(tmp_path: Path) -> None:
    generate_tree(tmp_path, 6)
    cases = list(discover(tmp_path)) + [Case("ghost", tmp_path / "missing.txt")]
    out = io.StringIO()
    stats = run_audit(cases, Options(), out, jobs=2, chunk_size=2)
    assert stats.reviewed == 6 and stats.broken == 1
    ghost = next(json.loads(line) for line in out.getvalue().splitlines() if '"ghost"' in line)
    assert ghost["status"] == "error" and "no such file" in ghost["error"]


def _manifest_records(tmp_path: Path, fmt: str) -> list[dict[str, Any]]:
    manifest = generate_manifest(tmp_path, 12, fmt=fmt)
    out = io.StringIO()
    run_audit(discover(manifest), Options(), out, jobs=1)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_manifest_metadata_flows_into_csv_and_html(tmp_path: Path, fmt: str) -> None:
    recs = _manifest_records(tmp_path, fmt)
    assert len(recs) == 12 and all(r["status"] == "ok" for r in recs)
    assert recs[0]["case"] == "FOI-2023-00000" and recs[0]["metadata"]["team"]
    rows = list(csv.DictReader(io.StringIO(csv_report.render(recs))))
    assert {r["case"] for r in rows} == {r["case"] for r in recs}
    by_case = {r["case"]: r for r in rows}
    for rec in recs:
        row = by_case[rec["case"]]
        assert row["team"] == rec["metadata"]["team"]
        assert row["date"] == rec["metadata"]["date"]
        assert row["reference"] == rec["metadata"]["reference"]
    page = html_report.render(recs)
    assert "Findings by team" in page and "Findings over time" in page
    for rec in recs:
        assert rec["metadata"]["team"].replace("'", "&#x27;") in page
        assert rec["metadata"]["date"] in page


def test_bad_manifest_rows_are_broken_cases(tmp_path: Path) -> None:
    (tmp_path / "manifest.jsonl").write_text('{"response": "nope.txt"}\nnot json\n{"team": "x"}\n', encoding="utf-8")
    out = io.StringIO()
    stats = run_audit(discover(tmp_path), Options(), out, jobs=1)
    assert stats.broken == 3 and stats.reviewed == 0


def test_sarif_validates_against_the_2_1_0_schema(results: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    recs = list(read_results(results))
    log = json.loads(sarif.render(recs))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert run["results"], "findings become results"
    first = run["results"][0]
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and "startColumn" in region
    assert first["ruleId"] == run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 10 and all(n["level"] == "error" for n in notes)


def test_sarif_region_points_at_the_evidence_line(tmp_path: Path) -> None:
    generate_tree(tmp_path, 20)
    out = io.StringIO()
    run_audit(discover(tmp_path), Options(), out, jobs=1)
    recs = [json.loads(line) for line in out.getvalue().splitlines()]
    log = json.loads(sarif.render(recs, root=tmp_path))
    checked = 0
    for res in log["runs"][0]["results"]:
        loc = res["locations"][0]["physicalLocation"]
        if "startColumn" not in loc["region"]:
            continue
        lines = (tmp_path / loc["artifactLocation"]["uri"]).read_text(encoding="utf-8").split("\n")
        line = lines[loc["region"]["startLine"] - 1]
        start, end = loc["region"]["startColumn"] - 1, loc["region"]["endColumn"] - 1
        if res["ruleId"] not in ("PD002", "PD001"):
            assert line[start:end] == loc["region"]["snippet"]["text"]
        checked += 1
    assert checked


def test_junit_parses_back(results: Path) -> None:
    recs = list(read_results(results))
    root = ET.fromstring(junit.render(recs, fail_on="error"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == 200 == int(suite.get("tests", "0"))
    errors = [c for c in cases if c.find("error") is not None]
    failures = [c for c in cases if c.find("failure") is not None]
    assert len(errors) == 10 == int(suite.get("errors", "0"))
    assert len(failures) == int(suite.get("failures", "0")) == sum(
        1 for r in recs if r["status"] == "ok" and any(f["severity"] == "error" for f in r["review"]["findings"])
    )
    text = failures[0].find("failure").text or ""  # type: ignore[union-attr]
    assert ": error " in text


def test_github_annotations(results: Path) -> None:
    recs = list(read_results(results))
    out = github.render(recs)
    lines = out.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert any("line=" in line and "title=PD002 staff-phone" in line for line in lines)
    assert sum("cannot review" in line for line in lines) == 10


def test_baseline_new_fails_old_passes_fixed_reported(tmp_path: Path) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "request.txt").write_text("1. Who supplies your CCTV?\n2. What does it cost?\n", encoding="utf-8")
    resp = case / "response.txt"
    signed = "Yours sincerely,\n\nJane Morrison\nInformation Governance Officer\nDirect line: 01632 960 184\n"
    resp.write_text("Dear Mr Patel,\n\n1. Who supplies your CCTV?\nApex Ltd\n\n2. What does it cost?\n£4,000\n\n" + signed, encoding="utf-8")

    def audit() -> list[dict[str, Any]]:
        out = io.StringIO()
        run_audit(discover(tmp_path), Options(), out, jobs=1)
        return [json.loads(line) for line in out.getvalue().splitlines()]

    base_file = tmp_path / "baseline.json"
    first = audit()
    assert write_baseline(base_file, first) >= 1
    accepted = load_baseline(base_file)
    assert all(f["baseline"] == "unchanged" for f in accepted.annotate(first[0])["review"]["findings"])
    assert summarise([accepted.annotate(first[0])])["failing"] == 0  # old finding passes

    # a new finding (a second officer's line) fails; moving text around does not make old ones new
    resp.write_text("Dear Mr Patel,\n\nIntro paragraph added.\n\n1. Who supplies your CCTV?\nApex Ltd\n\n2. What does it cost?\n"
                    "£4,000. Contact Tom Reid on 01632 960 777.\n\n" + signed, encoding="utf-8")
    second = [accepted.annotate(r) for r in audit()]
    states = {(f["code"], f["baseline"]) for f in second[0]["review"]["findings"]}
    assert ("PD002", "new") in states and ("PD002", "unchanged") in states
    assert summarise(second)["failing"] == 1

    # the accepted finding fixed: reported as gone, nothing fails
    resp.write_text("Dear Mr Patel,\n\n1. Who supplies your CCTV?\nApex Ltd\n\n2. What does it cost?\n£4,000\n\n"
                    "Yours sincerely,\n\nInformation Governance Team\n", encoding="utf-8")
    third = [accepted.annotate(r) for r in audit()]
    s = summarise(third)
    assert s["failing"] == 0 and s["baseline"]["fixed"] >= 1
    assert any(f["code"] == "PD002" for f in s["fixed"])


def test_baseline_ignores_broken_cases_for_fixed() -> None:
    b = Baseline({"x": {"abc": {"case": "x", "code": "PD002", "fingerprint": "abc"}}})
    rec = {"case": "x", "status": "error", "error": "boom", "review": None}
    assert b.annotate(rec)["baseline_fixed"] == []


def test_cli_audit_outputs_and_exit_codes(tree: tuple[Path, list[str]], tmp_path: Path) -> None:
    root, _ = tree
    out, csv_file, html_file, base = (tmp_path / n for n in ("r.jsonl", "f.csv", "r.html", "b.json"))
    res = runner.invoke(app, ["audit", str(root), "--out", str(out), "--csv", str(csv_file), "--html", str(html_file),
                              "--jobs", "2", "--no-progress"])
    assert res.exit_code == 1, res.output
    assert "200 case(s), 190 reviewed, 10 could not be reviewed" in res.stdout
    assert "Most common findings" in res.stdout and "Worst cases" in res.stdout
    assert html_file.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert len(list(csv.DictReader(csv_file.open(encoding="utf-8")))) > 190
    # resume: nothing left to do, same outputs
    res = runner.invoke(app, ["audit", str(root), "--out", str(out), "--resume", "--no-progress", "-f", "json"])
    assert "200 already done" in res.stderr
    assert json.loads(res.stdout)["cases"] == 200
    # accept everything: the gate then fails only on the broken cases, reported as such
    res = runner.invoke(app, ["audit", str(root), "--out", str(out), "--resume", "--update-baseline", str(base),
                              "-f", "json", "--no-progress"])
    summary = json.loads(res.stdout)
    assert summary["failing"] == 10 and summary["baseline"]["new"] == 0
    res = runner.invoke(app, ["audit", str(root), "--out", str(out), "--resume", "--fail-on", "never", "--no-progress"])
    assert res.exit_code == 0
    res = runner.invoke(app, ["audit", str(root), "--resume"])
    assert res.exit_code == 2 and "--resume needs --results" in res.stderr


def test_cli_check_ci_formats(tmp_path: Path) -> None:
    seed = SEED_HWFRS
    res = runner.invoke(app, ["check", str(seed), "--format", "sarif"])
    assert res.exit_code == 1
    log = json.loads(res.stdout)
    assert log["version"] == "2.1.0" and log["runs"][0]["results"]
    res = runner.invoke(app, ["check", str(seed), "--format", "junit"])
    assert ET.fromstring(res.stdout).get("failures") == "1"
    res = runner.invoke(app, ["check", str(seed), "--format", "github"])
    assert res.stdout.startswith("::error file=")
    base = tmp_path / "b.json"
    res = runner.invoke(app, ["check", str(seed), "--update-baseline", str(base)])
    assert res.exit_code == 0
    res = runner.invoke(app, ["check", str(seed), "--baseline", str(base), "--format", "github"])
    assert res.exit_code == 0 and res.stdout == ""
    res = runner.invoke(app, ["check", str(seed), "--baseline", str(tmp_path / "missing.json")])
    assert res.exit_code == 2 and "baseline not found" in res.stderr


def test_audit_completes_when_worker_processes_cannot_start(tmp_path: Path) -> None:
    """A script without the `if __name__ == "__main__"` guard makes every forkserver worker
    die at start-up; the run must still review every case (in-process) and say so."""
    import subprocess
    import sys

    generate_tree(tmp_path / "cases", 30)
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import io, sys\nfrom pathlib import Path\n"
        "from reviewer.audit.cases import discover\nfrom reviewer.audit.runner import run_audit\n"
        "from reviewer.pipeline import Options\nout = io.StringIO()\n"
        f"stats = run_audit(discover(Path({str(tmp_path / 'cases')!r})), Options(), out, jobs=2)\n"
        "print(stats.reviewed, stats.broken, len(out.getvalue().splitlines()), stats.note, file=sys.__stdout__)\n",
        encoding="utf-8",
    )
    res = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False)
    first = res.stdout.strip().splitlines()[-1]
    assert first.startswith("30 0 30 worker processes kept dying"), (first, res.stderr[-500:])


def test_audit_with_the_model_tier_keeps_concurrency_bounded(tmp_path: Path, llm_server: Any) -> None:
    """--llm in an audit: every case gets a model review through the scripted server, and all
    workers together never have more than --concurrency requests in flight."""
    from llm_server import InFlight, Reply

    in_flight = InFlight(lambda: Reply.chat({"questions": [], "exemptions": [], "issues": []}), hold=0.05)
    llm_server.default = in_flight
    generate_tree(tmp_path / "cases", 24)
    env = {"OPENAI_BASE_URL": llm_server.base_url, "OPENAI_API_KEY": "test-key", "FOI_REVIEW_CACHE_DIR": str(tmp_path / "cache")}
    res = runner.invoke(
        app,
        ["audit", str(tmp_path / "cases"), "--llm", "--concurrency", "2", "--jobs", "2", "--out", str(tmp_path / "r.jsonl"),
         "--fail-on", "never", "--no-progress"],
        env=env,
    )
    assert res.exit_code == 0, res.output
    recs = list(read_results(tmp_path / "r.jsonl"))
    assert len(recs) == 24 and all(r["status"] == "ok" for r in recs)
    assert len(llm_server.requests) >= 24
    assert all(r["review"]["llm"]["used"] for r in recs), recs[0]["review"]["llm"]
    assert 1 <= in_flight.peak <= 2

"""The command line as a user meets it: help, version, exit codes, JSON, and bad input.

Every bad input must give exactly one line on stderr and exit code 2, or a correct review;
never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_HWFRS, SEED_ONS, run_cli
from reviewer import __version__

REQUEST = "1. How many parking fines were issued in 2023?\n2. Which company enforces parking?\n"
CLEAN = (
    "1. How many parking fines were issued in 2023?\n4,182.\n\n"
    "2. Which company enforces parking?\nWe do it ourselves; there is no company.\n"
)


def one_line_error(proc: subprocess.CompletedProcess[str], needle: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("foi-review: error:")
    assert needle in lines[0]


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    req = tmp_path / "request.txt"
    resp = tmp_path / "response.txt"
    req.write_text(REQUEST, encoding="utf-8")
    resp.write_text(CLEAN, encoding="utf-8")
    return req, resp


def test_version() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"foi-review {__version__}"


def test_help_mentions_commands_and_exit_codes() -> None:
    proc = run_cli("--help")
    assert proc.returncode == 0
    assert "check" in proc.stdout and "rules" in proc.stdout and "Exit codes" in proc.stdout
    sub = run_cli("check", "--help")
    assert sub.returncode == 0
    for option in ("--format", "--fail-on", "--allow-contact", "--config", "--output"):
        assert option in sub.stdout


def test_clean_draft_exits_zero(pair: tuple[Path, Path]) -> None:
    proc = run_cli("check", *pair)
    assert proc.returncode == 0, proc.stdout
    assert "PASS" in proc.stdout


def test_findings_exit_one_and_fail_on_levels() -> None:
    assert run_cli("check", SEED_ONS).returncode == 1  # errors
    assert run_cli("check", SEED_ONS, "--fail-on", "never").returncode == 0
    assert run_cli("check", SEED_HWFRS, "--fail-on", "warning").returncode == 1


def test_fail_on_warning_with_only_warnings(tmp_path: Path) -> None:
    req = tmp_path / "r.txt"
    resp = tmp_path / "d.txt"
    req.write_text("1. Please provide your published parking policy.\n", encoding="utf-8")
    resp.write_text("1. Please provide your published parking policy.\nIt is available on our website.\n", encoding="utf-8")
    doc = json.loads(run_cli("check", req, resp, "--format", "json", "--fail-on", "never").stdout)
    assert doc["summary"]["errors"] == 0 and doc["summary"]["warnings"] >= 1
    assert run_cli("check", req, resp).returncode == 0
    assert run_cli("check", req, resp, "--fail-on", "warning").returncode == 1


def test_bad_fail_on_is_a_usage_error(pair: tuple[Path, Path]) -> None:
    one_line_error(run_cli("check", *pair, "--fail-on", "sometimes"), "--fail-on")


def test_json_contract(pair: tuple[Path, Path]) -> None:
    proc = run_cli("check", SEED_ONS, "--format", "json", "--fail-on", "never")
    doc = json.loads(proc.stdout)
    for key in ("questions", "exemptions", "refusal_notice", "findings", "summary"):
        assert key in doc
    q = doc["questions"][0]
    assert {"ref", "text", "status", "evidence", "exemptions"} <= set(q)
    assert {"text", "line"} <= set(q["evidence"])
    e = doc["exemptions"][0]
    assert {"citation", "regime", "qualified", "public_interest_test", "harm_explained"} <= set(e)
    assert e["public_interest_test"] in ("complete", "incomplete", "missing", "not_required")
    assert {"required", "internal_review", "regulator_complaint"} <= set(doc["refusal_notice"])
    f = doc["findings"][0]
    assert {"code", "name", "category", "severity", "message", "question_ref", "evidence", "fix"} <= set(f)
    assert f["category"] in ("completeness", "exemptions", "refusal-notice", "personal-data", "redaction", "template")
    assert doc["summary"]["verdict"] in ("fail", "review", "pass")
    statuses = {"answered", "partial", "not_held", "withheld", "refused", "ncnd", "not_applicable", "redirected", "unanswered"}
    assert all(q["status"] in statuses for q in doc["questions"])


def test_output_file(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    proc = run_cli("check", *pair, "--format", "json", "-o", out)
    assert proc.returncode == 0 and proc.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["verdict"] == "pass"


def test_terminal_report_masks_leaked_contacts(tmp_path: Path) -> None:
    req = tmp_path / "r.txt"
    resp = tmp_path / "d.txt"
    req.write_text("1. How many staff work in the FOI team?\n", encoding="utf-8")
    resp.write_text(
        "1. How many staff work in the FOI team? Four.\n\nYours sincerely\n\nJane Smith\nFOI Officer\n"
        "Direct line: 01632 960777\njane.smith@example.gov.uk\n",
        encoding="utf-8",
    )
    proc = run_cli("check", req, resp)
    assert proc.returncode == 1
    assert "PD001" in proc.stdout and "PD002" in proc.stdout
    assert "jane.smith@example.gov.uk" not in proc.stdout
    assert "960777" not in proc.stdout
    doc = json.loads(run_cli("check", req, resp, "--format", "json").stdout)
    assert any(f["evidence"]["text"] == "jane.smith@example.gov.uk" for f in doc["findings"])


def test_allow_contact_option(tmp_path: Path) -> None:
    req = tmp_path / "r.txt"
    resp = tmp_path / "d.txt"
    req.write_text("1. Who do I contact about planning?\n", encoding="utf-8")
    resp.write_text("1. Who do I contact about planning? Call Jane Smith on her direct line 01632 960555.\n", encoding="utf-8")
    base = json.loads(run_cli("check", req, resp, "--format", "json").stdout)
    assert any(f["category"] == "personal-data" for f in base["findings"])
    allowed = json.loads(run_cli("check", req, resp, "--format", "json", "--allow-contact", "01632 960555").stdout)
    assert not any(f["category"] == "personal-data" for f in allowed["findings"])


def test_config_file_allow_list_and_bad_key(tmp_path: Path) -> None:
    (tmp_path / ".foi-review.toml").write_text('allow_contacts = ["01632 960555"]\nfail_on = "never"\n')
    req = tmp_path / "r.txt"
    resp = tmp_path / "d.txt"
    req.write_text("1. Who do I contact about planning?\n", encoding="utf-8")
    resp.write_text("1. Who do I contact about planning? Jane Smith, mobile 07700 900123 or 01632 960555.\n")
    proc = run_cli("check", req, resp, "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0  # fail_on = never from the file
    flagged = [f["evidence"]["text"] for f in json.loads(proc.stdout)["findings"] if f["category"] == "personal-data"]
    assert "07700 900123" in " ".join(flagged) and "01632 960555" not in " ".join(flagged)
    (tmp_path / ".foi-review.toml").write_text("allow_contact = []\n")
    one_line_error(run_cli("check", req, resp, cwd=tmp_path), "allow_contact")


# ---- bad input -------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    one_line_error(run_cli("check", tmp_path / "nope.txt", tmp_path / "also-nope.txt"), "no such file")


def test_empty_file(pair: tuple[Path, Path], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    one_line_error(run_cli("check", pair[0], empty), "empty")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n \t\n")
    one_line_error(run_cli("check", pair[0], blank), "no text")


def test_binary_file(pair: tuple[Path, Path], tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(os.urandom(4096) + b"\x00" * 10)
    one_line_error(run_cli("check", pair[0], junk), "binary")


def test_directory_instead_of_file(pair: tuple[Path, Path], tmp_path: Path) -> None:
    one_line_error(run_cli("check", pair[0], tmp_path), "folder")


def test_windows_1252_just_works(tmp_path: Path) -> None:
    req = tmp_path / "r.txt"
    resp = tmp_path / "d.txt"
    req.write_bytes("1. What did the council\u2019s CCTV cost in 2023?\n".encode("cp1252"))
    resp.write_bytes("1. What did the council\u2019s CCTV cost in 2023? \u00a312,000 \u2013 see below.\n".encode("cp1252"))
    proc = run_cli("check", req, resp, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["questions"][0]["status"] == "answered"
    assert "\u00a312,000" in doc["questions"][0]["evidence"]["text"]


def test_utf16_with_bom(tmp_path: Path) -> None:
    req = tmp_path / "r.txt"
    resp = tmp_path / "d.txt"
    req.write_text("1. How many libraries are open on Sundays?\n", encoding="utf-16")
    resp.write_text("1. How many libraries are open on Sundays? Three.\n", encoding="utf-16")
    proc = run_cli("check", req, resp, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["questions"][0]["status"] == "answered"


def test_fifty_megabyte_file(pair: tuple[Path, Path], tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = b"The council holds this information and it is provided below. " * 16 + b"\n"
    with big.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size >= 50 * 1024 * 1024
    one_line_error(run_cli("check", pair[0], big), "too large")


def test_unreadable_file(pair: tuple[Path, Path], tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    locked = tmp_path / "locked.txt"
    locked.write_text(CLEAN)
    locked.chmod(0)
    one_line_error(run_cli("check", pair[0], locked), "cannot be read")


def test_no_traceback_even_on_internal_error(pair: tuple[Path, Path], tmp_path: Path) -> None:
    # a request made only of a greeting has no questions: still a clean run, with a warning
    req = tmp_path / "hello.txt"
    req.write_text("Hello,\n\nThanks\n")
    proc = run_cli("check", req, pair[1], "--format", "json")
    assert "Traceback" not in proc.stderr
    doc = json.loads(proc.stdout)
    assert any(f["code"] == "CP002" for f in doc["findings"])


def test_rules_command_lists_every_rule() -> None:
    proc = run_cli("rules")
    assert proc.returncode == 0
    for code in ("CP001", "EX001", "RN001", "PD001", "TP001"):
        assert code in proc.stdout


def test_readme_check_help_matches_the_real_help() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("Usage: foi-review check", 1)[1].split("```", 1)[0]
    real = subprocess.run(
        [sys.executable, "-m", "reviewer", "check", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80", "TERM": "dumb"},
    ).stdout.replace("Usage: python -m reviewer check", "Usage: foi-review check")
    assert "Usage: foi-review check" + block.rstrip() == real.rstrip()


def test_ci_runs_the_readme_test_command() -> None:
    """CI must run exactly what the README tells a new developer to run."""
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines() if line.startswith("python3 -m venv .venv && ")]
    assert len(commands) == 2, commands  # install-and-run, then install-and-test
    ci = (root / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert commands[1] in ci
    assert "fixtures/cases/" in commands[0] and "foi-review check" in commands[0]

"""Issue 14, items 11, 12 and 13 (the model part), and the thin CLI: one test per item.

Everything here runs the real command line (a subprocess, or typer's runner for speed); the
model tier is pointed at the scripted server on 127.0.0.1, never patched.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import run_cli
from llm_server import ScriptedServer
from reviewer.cli import app

runner = CliRunner()

REQUEST = "1. Who supplies your CCTV?\n2. What does it cost?\n"
ANSWERS = "Dear Mr Patel,\n\n1. Who supplies your CCTV?\nApex Ltd\n\n2. What does it cost?\n£4,000 a year\n\n"
# A staff member's own contact details: a leak the personal-data check flags (an error).
LEAK = "If you have questions, contact me at jane.morrison@examplecouncil.gov.uk or on my direct line 01632 960 184.\n\n"
SIGN_OFF = "Yours sincerely,\n\nJane Morrison\nInformation Governance Officer\n"
PERSONAL = ("Jane Morrison", "jane.morrison@examplecouncil.gov.uk", "01632 960 184", "Patel")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def leaky(tmp_path: Path) -> tuple[Path, Path]:
    return write(tmp_path / "drafts" / "request.txt", REQUEST), write(tmp_path / "drafts" / "draft.txt", ANSWERS + LEAK + SIGN_OFF)


# -- Item 11: baselines with check ------------------------------------------------------------


def test_item_11_check_baseline_marks_new_and_accepted_and_keys_do_not_depend_on_the_folder(
    leaky: tuple[Path, Path], tmp_path: Path
) -> None:
    req, draft = leaky
    base = tmp_path / "ci" / "baseline.json"
    base.parent.mkdir()
    made = run_cli("check", req, draft, "--update-baseline", base)
    written = json.loads(base.read_text(encoding="utf-8"))["findings"]
    assert written and f"wrote {len(written)} accepted finding(s) to {base}" in made.stderr
    assert made.returncode == 0
    # the same draft, typed differently, from another folder: every finding is accepted
    again = run_cli("check", "../drafts/./request.txt", "../drafts/draft.txt", "--baseline", "baseline.json", cwd=base.parent)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "FAIL" not in again.stdout and "not ready to send" not in again.stdout
    assert "PASS" in again.stdout and f"{len(written)} accepted by the baseline" in again.stdout
    assert again.stdout.count("accepted (baseline)") == len(written)
    # a new error: the verdict is FAIL on it alone, and it is marked new
    write(draft, ANSWERS.replace("Dear Mr Patel", "Dear [NAME]") + LEAK + SIGN_OFF)  # TP001: a placeholder left
    worse = run_cli("check", req, draft, "--baseline", base)
    assert worse.returncode == 1
    assert "FAIL" in worse.stdout and "new finding(s)" in worse.stdout
    assert worse.stdout.count("accepted (baseline)") == len(written) and "  new" in worse.stdout
    record = json.loads(run_cli("check", req, draft, "--baseline", base, "--format", "json").stdout)
    assert record["summary"]["verdict"] == "fail" and record["summary"]["baseline"]["accepted"] == len(written)
    assert {f["baseline"] for f in record["findings"]} == {"new", "unchanged"}
    # judged against the old baseline while writing the next one
    refreshed = run_cli("check", req, draft, "--baseline", base, "--update-baseline", tmp_path / "next.json")
    assert refreshed.returncode == 1 and f"wrote {len(record['findings'])} accepted finding(s)" in refreshed.stderr
    assert len(json.loads((tmp_path / "next.json").read_text(encoding="utf-8"))["findings"]) == len(record["findings"])


def test_item_11_a_mistyped_baseline_fails_before_any_review(leaky: tuple[Path, Path], tmp_path: Path) -> None:
    """`check` and `audit` read the baseline first: an audit must not review every case, then fail."""
    results = tmp_path / "results.jsonl"
    proc = run_cli("audit", tmp_path / "drafts", "--results", results, "--baseline", tmp_path / "nosuch.json", "--no-progress")
    assert proc.returncode == 2 and proc.stdout == "" and "baseline not found" in proc.stderr
    assert not results.exists()
    proc = run_cli("check", *leaky, "--baseline", tmp_path / "nosuch.json")
    assert proc.returncode == 2 and proc.stdout == "" and "baseline not found" in proc.stderr


# -- Item 12: one name per concept --------------------------------------------------------------


COMMANDS = ("check", "audit", "test", "eval", "serve", "rules", "prompts")


def test_item_12_h_is_help() -> None:
    for args in ([], *([c] for c in COMMANDS)):
        short, long = run_cli(*args, "-h"), run_cli(*args, "--help")
        assert short.returncode == 0 and short.stdout == long.stdout and "Usage:" in short.stdout, args


def test_item_12_fail_on_and_regime_list_their_choices() -> None:
    for command in ("check", "audit", "test"):
        assert "--fail-on <error|warning|info|never>" in run_cli(command, "--help").stdout, command
    for command in ("check", "audit"):
        assert "--regime <FOIA|EIR|FOISA|EISR>" in run_cli(command, "--help").stdout
    bad = run_cli("check", "a.txt", "--regime", "GDPR")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "'GDPR' is not one of" in bad.stderr


def test_item_12_audit_results_option_and_the_old_out_still_works(leaky: tuple[Path, Path], tmp_path: Path) -> None:
    cases = tmp_path / "drafts"
    help_text = run_cli("audit", "--help").stdout
    assert "--results" in help_text and "--out " not in help_text and "-o, --output" in help_text
    new = runner.invoke(app, ["audit", str(cases), "--results", str(tmp_path / "new.jsonl"), "--no-progress", "-f", "json"])
    lines = (tmp_path / "new.jsonl").read_text(encoding="utf-8").splitlines()
    assert new.exit_code == 1 and len([ln for ln in lines if '"case"' in ln]) == 1  # after the {"audit": ...} header
    old = runner.invoke(app, ["audit", str(cases), "--out", str(tmp_path / "old.jsonl"), "--no-progress", "-f", "json"])
    assert old.exit_code == 1 and (tmp_path / "old.jsonl").is_file()
    assert "--out is deprecated; use --results" in old.stderr


def test_item_12_the_middle_verdict_is_one_word_in_every_output(tmp_path: Path) -> None:
    """A warnings-only draft: `REVIEW`/`review` everywhere; `CHECK`/`check` nowhere as a verdict."""
    req = write(tmp_path / "case" / "request.txt", REQUEST)
    draft = write(tmp_path / "case" / "response.txt", ANSWERS + SIGN_OFF)  # PD003 only: a named officer signs
    record = json.loads(run_cli("check", req, draft, "--format", "json").stdout)
    assert record["summary"]["verdict"] == "review", record["findings"]
    terminal = run_cli("check", req, draft).stdout
    assert " REVIEW " in terminal and "CHECK" not in terminal
    page = run_cli("check", req, draft, "--format", "html").stdout
    assert ">REVIEW<" in page and ">CHECK<" not in page
    html, csv_file = tmp_path / "audit.html", tmp_path / "audit.csv"
    summary = run_cli("audit", tmp_path / "case", "--html", html, "--csv", csv_file, "--no-progress").stdout
    assert "review 1" in summary and "check 1" not in summary
    assert ">review<" in html.read_text(encoding="utf-8") and ">check<" not in html.read_text(encoding="utf-8")
    assert {row["verdict"] for row in csv.DictReader(csv_file.open(encoding="utf-8"))} == {"review"}


def test_item_12_test_command_has_junit_and_fail_on(tmp_path: Path) -> None:
    case = tmp_path / "golden" / "leaky"
    write(case / "request.txt", REQUEST)
    write(case / "response.txt", ANSWERS + LEAK + SIGN_OFF)
    write(case / "expected.json", "{}\n")
    assert run_cli("test", tmp_path / "golden", "--update").returncode == 0
    pinned = run_cli("test", tmp_path / "golden", "--format", "junit")
    assert pinned.returncode == 0, pinned.stdout
    suite = ET.fromstring(pinned.stdout)
    assert suite.get("tests") == "1" and suite.get("failures") == "0"
    gated = run_cli("test", tmp_path / "golden", "--format", "junit", "--fail-on", "error", "-o", tmp_path / "golden.xml")
    assert gated.returncode == 1 and gated.stdout == ""
    failure = ET.parse(tmp_path / "golden.xml").getroot().find(".//testcase[@name='leaky']/failure")
    assert failure is not None and "at or above --fail-on error" in (failure.text or "")
    assert "findings at or above --fail-on error" in run_cli("test", tmp_path / "golden", "--fail-on", "error").stdout


def _offline_env(tmp_path: Path, server: ScriptedServer | None = None) -> dict[str, str]:
    return {
        "OPENAI_BASE_URL": server.base_url if server else "",
        "OPENAI_API_KEY": "test-key-123" if server else "",
        "FOI_REVIEW_CACHE_DIR": str(tmp_path / "cache"),
    }


def test_item_12_audit_llm_has_dry_run_no_cache_and_require_llm(
    leaky: tuple[Path, Path], tmp_path: Path, llm_server: ScriptedServer
) -> None:
    cases = str(tmp_path / "drafts")
    plan = runner.invoke(app, ["audit", cases, "--llm", "--dry-run", "--no-cache", "--no-progress"], env=_offline_env(tmp_path, llm_server))
    assert plan.exit_code == 0, plan.output
    assert "dry run:" in plan.stdout and "call(s) to send" in plan.stdout and llm_server.requests == []
    # no endpoint: --require-llm makes the missing model review an error (exit 2), not a pass
    required = runner.invoke(app, ["audit", cases, "--require-llm", "--no-progress", "--fail-on", "never"], env=_offline_env(tmp_path))
    assert required.exit_code == 2 and "--require-llm" in required.stderr
    for command in ("check", "audit"):
        options = run_cli(command, "--help").stdout
        for option in ("--llm", "--dry-run", "--show-payload", "--no-cache", "--require-llm", "--model", "--concurrency"):
            assert option in options, (command, option)


# -- Item 13: the prompt and the payload as sent --------------------------------------------------


def test_item_13_dry_run_shows_the_pseudonymised_payload_and_sends_nothing(
    leaky: tuple[Path, Path], tmp_path: Path, llm_server: ScriptedServer
) -> None:
    res = runner.invoke(app, ["check", *map(str, leaky), "--llm", "--dry-run", "--show-payload"], env=_offline_env(tmp_path, llm_server))
    assert res.exit_code == 0, res.output
    assert "--- call 1, system message ---" in res.stdout and "--- call 1, user message ---" in res.stdout
    assert "[EMAIL_1]" in res.stdout and "[PHONE_1]" in res.stdout
    for value in PERSONAL:
        assert value not in res.stdout, value
    assert llm_server.requests == []
    alone = run_cli("check", *leaky, "--show-payload")
    assert alone.returncode == 2 and alone.stderr.strip() == (
        "foi-review: error: --show-payload needs --dry-run: it shows what would be sent instead of sending it"
    )


def test_item_13_prompts_review_fills_the_prompt_as_sent_or_says_it_is_a_template(leaky: tuple[Path, Path]) -> None:
    template = run_cli("prompts", "review")
    assert template.returncode == 0 and "TEMPLATE" in template.stdout and "$draft" in template.stdout
    filled = run_cli("prompts", "review", *leaky)
    assert filled.returncode == 0 and "as sent for" in filled.stdout
    assert "$draft" not in filled.stdout and "Apex Ltd" in filled.stdout and "[PERSON_" in filled.stdout
    for value in PERSONAL:
        assert value not in filled.stdout, value


# -- A thin CLI ----------------------------------------------------------------------------------


def _options(command: str) -> dict[str, Any]:
    import typer.main

    cmd = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    return {p.opts[0]: p for p in cmd.params if p.opts[0].startswith("--")}


def test_thin_cli_shares_one_declaration_and_one_resolver(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check, audit = _options("check"), _options("audit")
    shared = [o for o in check if o in audit and o not in ("--format", "--output", "--case-timeout")]
    assert len(shared) >= 15
    for name in shared:
        same = [(p.help, type(p.type).__name__, getattr(p.type, "choices", None)) for p in (check[name], audit[name])]
        assert same[0] == same[1], name
    import reviewer.cli as cli

    assert not hasattr(cli, "_model_settings") and not hasattr(cli, "_settings") and not hasattr(cli, "_exit_code")
    from reviewer.resolve import Choices, resolve

    write(tmp_path / ".foi-review.toml", '[llm]\nenabled = true\nmodel = "file-model"\nconcurrency = 3\n')
    monkeypatch.delenv("FOI_REVIEW_MODEL", raising=False)
    from_file = resolve(Choices(), tmp_path)
    assert from_file.llm is not None and (from_file.llm.model, from_file.llm.concurrency) == ("file-model", 3)
    from_cli = resolve(Choices(model="cli-model", no_cache=True, fail_on="WARNING"), tmp_path)
    assert from_cli.llm is not None and (from_cli.llm.model, from_cli.llm.concurrency, from_cli.llm.use_cache) == ("cli-model", 3, False)
    assert from_cli.fail_on == "warning" and from_file.fail_on == "error"

"""`--case-timeout`: a case that runs over is reported as timed out and the audit goes on.

The pathological cases are genuinely slow, not mocked: a 10 MB draft of nothing but
citations takes tens of seconds however fast each stage is made (about a million citations to
parse, align and report), so under a one-second budget it times out on any machine, before
and after any speed-up, while an ordinary draft takes milliseconds.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casegen import generate_tree
from reviewer.audit import runner as audit_runner
from reviewer.audit.cases import discover
from reviewer.audit.runner import read_results, run_audit
from reviewer.audit.summary import summarise
from reviewer.audit.timelimit import ReviewTimedOut, time_limit
from reviewer.cli import app
from reviewer.pipeline import Options

cli = CliRunner()
REQUEST = "Dear Council,\n\nPlease provide:\n\n1. Your reasons for withholding the report.\n\nThanks\n"


def _walkthrough(command: str) -> list[str]:
    """The output lines shown after `command` in docs/audit.md's case-timeout walk-through
    ("..." stands for lines left out)."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "audit.md").read_text(encoding="utf-8")
    block = doc.split("<!-- case-timeout walk-through", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    out: list[str] = []
    taking = False
    for line in block.splitlines():
        if line.startswith("$ "):
            taking = line.startswith(command)
        elif taking and line != "...":
            out.append(line)
    assert out, command
    return out


def _huge_draft(folder: Path, megabytes: int = 10) -> None:
    folder.mkdir(parents=True)
    (folder / "request.txt").write_text(REQUEST, encoding="utf-8")
    line = "section 40(2), " * 19 + "section 40(2)\n"
    (folder / "response.txt").write_text("Dear Requester,\n\n" + line * (megabytes * 1_000_000 // len(line)), encoding="utf-8")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("timeouts")
    generate_tree(root, 198)
    _huge_draft(root / "2099" / "huge-a")
    _huge_draft(root / "2099" / "huge-b")
    return root


def test_audit_of_200_cases_reports_the_two_pathological_ones_as_timed_out(tree: Path, tmp_path: Path) -> None:
    out, csv_file, html_file = tmp_path / "r.jsonl", tmp_path / "f.csv", tmp_path / "r.html"
    started = time.monotonic()
    res = cli.invoke(app, ["audit", str(tree), "--out", str(out), "--csv", str(csv_file), "--html", str(html_file),
                           "--jobs", "2", "--no-progress", "--case-timeout", "1"])
    assert time.monotonic() - started < 60  # the two huge drafts alone would take minutes
    assert res.exit_code == 1, res.output
    terminal = res.stderr + res.stdout
    assert "200 case(s), 198 reviewed, 2 could not be reviewed (2 timed out)" in terminal
    assert "2099/huge-a: timed out after 1 s" in terminal
    recs = list(read_results(out))
    assert len(recs) == 200
    timed_out = sorted(r["case"] for r in recs if r["status"] == "timeout")
    assert timed_out == ["2099/huge-a", "2099/huge-b"]
    assert sum(r["status"] == "ok" for r in recs) == 198
    assert all("timed out after 1 s" in r["error"] for r in recs if r["status"] == "timeout")
    res = cli.invoke(app, ["audit", str(tree), "--out", str(out), "--resume", "--no-progress", "-f", "json"])
    summary = json.loads(res.stdout)
    assert summary["reviewed"] == 198 and summary["broken"] == 2 and summary["timed_out"] == 2
    assert {b["case"] for b in summary["broken_cases"]} == {"2099/huge-a", "2099/huge-b"}
    rows = [r for r in csv.DictReader(csv_file.open(encoding="utf-8")) if r["status"] == "timeout"]
    assert len(rows) == 2 and all(r["message"].startswith("timed out after 1 s") for r in rows)
    html = html_file.read_text(encoding="utf-8")
    assert html.count("Timed out: timed out after 1 s") == 2
    # the walk-through in docs/audit.md shows this run's output
    for line in _walkthrough("$ foi-review audit"):
        if " in " in line and "s with" in line:  # the run time varies
            assert re.search(re.escape(line.split(" in ")[0]) + r" in [\d.]+s with 2 worker\(s\)", terminal), line
        else:
            assert line in terminal, line


def test_one_worker_audit_times_out_in_process(tmp_path: Path) -> None:
    generate_tree(tmp_path, 8)
    _huge_draft(tmp_path / "2099" / "huge")
    out = io.StringIO()
    started = time.monotonic()
    stats = run_audit(discover(tmp_path), Options(), out, jobs=1, timeout=1.0)
    assert time.monotonic() - started < 30
    assert (stats.reviewed, stats.broken, stats.timed_out) == (8, 1, 1)
    recs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["case"] for r in recs if r["status"] == "timeout"] == ["2099/huge"]
    assert summarise(recs)["timed_out"] == 1


def test_a_worker_that_ignores_its_alarm_is_killed_and_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The backstop: with the workers' own alarm off, the parent sees the chunk overrun, kills
    the pool's workers, reruns the chunk's cases one at a time, and records the one that is
    stuck again as timed out; the cases around it are still reviewed."""
    generate_tree(tmp_path, 3)
    _huge_draft(tmp_path / "2099" / "huge")
    cases = list(discover(tmp_path))
    assert len(cases) == 4
    monkeypatch.setattr(audit_runner, "_GRACE", 1.0)
    lines: list[tuple[str, str, str]] = []
    started = time.monotonic()
    audit_runner._run_parallel(iter([cases]), Options(), 2, lines.extend, timeout=1.0, worker_alarm=False)
    assert time.monotonic() - started < 40
    status = {case_id: st for case_id, st, _ in lines}
    assert len(lines) == 4 and status.pop("2099/huge") == "timeout"
    assert set(status.values()) == {"ok"}
    huge = next(json.loads(line) for case_id, _, line in lines if case_id == "2099/huge")
    assert "its worker process was stopped" in huge["error"]


def test_check_gives_up_with_a_one_line_message(tmp_path: Path) -> None:
    _huge_draft(tmp_path / "huge", megabytes=5)
    res = cli.invoke(app, ["check", str(tmp_path / "huge" / "request.txt"), str(tmp_path / "huge" / "response.txt"),
                           "--case-timeout", "0.5"])
    assert res.exit_code == 2
    assert res.stderr.strip() == "foi-review: error: review timed out after 0.5 s (--case-timeout)"
    assert _walkthrough("$ foi-review check") == [res.stderr.strip()]


def test_time_limit_is_not_swallowed_by_except_exception() -> None:
    """The checks are isolated with `except Exception`; the budget must get through them."""
    with pytest.raises(ReviewTimedOut):
        with time_limit(0.05):
            try:
                while True:
                    pass
            except Exception:  # noqa: BLE001 - what a check isolation would do
                pass


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the dropped first alarm
def test_an_alarm_dropped_by_a_finaliser_is_followed_by_another() -> None:
    """Python prints and drops an exception raised in a __del__ or a garbage-collector
    callback (hypothesis installs one), so the first alarm can be lost; the budget holds."""

    class Finalised:
        def __del__(self) -> None:
            time.sleep(0.08)  # the first alarm goes off in here and is dropped

    started = time.monotonic()
    with pytest.raises(ReviewTimedOut):
        with time_limit(0.05):
            Finalised()
            while time.monotonic() - started < 5:
                pass
    assert time.monotonic() - started < 1


def test_no_limit_when_zero_or_none() -> None:
    with time_limit(0), time_limit(None):
        time.sleep(0.01)

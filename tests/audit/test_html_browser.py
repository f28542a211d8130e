"""The HTML audit report in a real headless browser (Debian's chromium).

Checks that the page renders, its script runs (it marks <body data-ready="1">), the charts and
the case table are there, the case links resolve, and the browser logged no console message
(the page logs nothing itself, so any console line is an error). Skips with a reason when
chromium is not installed; `.ci/run` tries to install it.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from casegen import generate_manifest
from reviewer.audit.cases import Case, discover
from reviewer.audit.runner import run_audit
from reviewer.pipeline import Options
from reviewer.reporters import html_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--enable-logging=stderr", "--v=0",
]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )


def test_html_report_renders_without_console_errors(tmp_path: Path) -> None:
    manifest = generate_manifest(tmp_path / "cases", 40)
    out = io.StringIO()
    run_audit([*discover(manifest), Case("broken-one", tmp_path / "missing.txt")], Options(), out, jobs=1)
    recs = [json.loads(line) for line in out.getvalue().splitlines()]
    page = tmp_path / "report.html"
    page.write_text(html_report.render(recs, title="Test audit"), encoding="utf-8")

    res = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert res.returncode == 0, res.stderr[-2000:]
    console = [line for line in res.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], console
    dom = res.stdout
    assert 'data-ready="1"' in dom, "the inline script did not run"
    assert len(re.findall(r'<svg[^>]*class="chart"', dom)) == 5  # rule, category, verdicts, time, team
    for caption in ("Findings by rule", "Findings by category", "Findings over time", "Findings by team"):
        assert caption in dom
    rows = re.findall(r'<tr><td><a href="#(c\d+)">', dom)
    assert len(rows) == 41
    assert all(f'id="{a}"' in dom for a in rows)
    assert "Could not be reviewed" in dom
    assert not re.search(r'(src|href)="(https?:)?//', dom), "the report must not load anything external"

    shot = tmp_path / "report.png"
    res = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,1400", "--hide-scrollbars", page.as_uri())
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

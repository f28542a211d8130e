"""The benchmark scripts still run and print their figures (on tiny inputs: no timing is
asserted here; speed targets are checked by running the benchmarks, not by tests)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def test_bench_core_prints_the_figures_the_readme_quotes() -> None:
    p = run("bench/bench_core.py", "--pairs", "5", "--runs", "1")
    assert p.returncode == 0, p.stderr
    assert "reviews/s" in p.stdout
    assert "installed (bytecode compiled)" in p.stdout
    assert "import typer, rich" in p.stdout


def test_bench_phases_prints_every_stage() -> None:
    p = run("bench/bench_phases.py", "--pairs", "5", "--repeat", "1")
    assert p.returncode == 0, p.stderr
    for stage in ("align answers", "assess exemptions", "check personal-data", "all stages"):
        assert stage in p.stdout


def test_snapshot_compares_equal_to_itself_and_reports_a_difference(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert run("bench/snapshot.py", str(first), "--pairs", "3").returncode == 0
    same = run("bench/snapshot.py", str(second), "--pairs", "3", "--compare", str(first))
    assert same.returncode == 0, same.stdout + same.stderr
    assert "0 of" in same.stdout
    lines = first.read_text(encoding="utf-8").splitlines()
    first.write_text("\n".join([lines[0].replace('"verdict": "', '"verdict": "x'), *lines[1:]]) + "\n", encoding="utf-8")
    differ = run("bench/snapshot.py", str(second), "--pairs", "3", "--compare", str(first))
    assert differ.returncode == 1
    assert "1 of" in differ.stdout


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="needs valgrind")
def test_bench_instructions_counts_both_checkouts_and_their_ratio() -> None:
    """The README's comparison, run against this checkout itself: the count does not vary, so
    the ratio is 1."""
    p = run("bench/bench_instructions.py", "--pairs", "1", "--against", str(ROOT))
    assert p.returncode == 0, p.stderr
    figures = [float(x) for x in re.findall(r"Ir ([\d.]+)M per review", p.stdout)]
    assert len(figures) == 2 and figures[0] > 1, p.stdout  # a review runs millions of instructions
    ratio = re.search(r"Ir: this / other = ([\d.]+)", p.stdout)
    assert ratio and 0.99 <= float(ratio.group(1)) <= 1.01, p.stdout

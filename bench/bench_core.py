"""Benchmark the rule engine: reviews per second and whole-process start-up.

    python bench/bench_core.py [--pairs 3000] [--runs 15]

Prints:
- reviews/s on generated 5-10 KB drafts, library level, one core (target >= 300/s);
- wall time of `foi-review check` on a bundled seed, whole process, median of N runs
  (target < 0.30 s), next to the cost of `python -c "import typer, rich"` for scale.

Start-up is measured twice. "installed" is the package with its bytecode compiled, which is
what `pip install foi-reviewer` leaves (pip compiles every module at install time) and what an
editable checkout has after its first run. "no bytecode" is a checkout run with
PYTHONDONTWRITEBYTECODE=1 and no `__pycache__` (as on this project's build machine, whose
environment sets it): every run then compiles the package's source first. The target is for
the installed package; the second figure shows what the source compile costs on top.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

import reviewer  # noqa: E402
from reviewer.pipeline import review_texts  # noqa: E402

SEED = ROOT / "fixtures" / "cases" / "hwfrs-cctv-maintenance" / "001_2e59bc44238aaadb.txt"


def reviews_per_second(count: int) -> tuple[float, float, int]:
    pairs = generate(count)
    review_texts(pairs[0].request, pairs[0].response)  # warm up (regex compilation, law tables)
    size = sum(len(p.response) for p in pairs) / len(pairs)
    start = time.process_time()
    findings = 0
    for p in pairs:
        findings += len(review_texts(p.request, p.response).findings)
    elapsed = time.process_time() - start
    return count / elapsed, size, findings


def wall(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _package_dir() -> Path:
    return Path(reviewer.__file__).resolve().parent


def _drop_bytecode(pkg: Path) -> None:
    for cache in pkg.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)


def startup(check: list[str], runs: int) -> tuple[float, float | None]:
    """(installed, no bytecode) wall times of `check`. The no-bytecode figure is only taken
    for a source checkout (an editable install), never by deleting an installed package's
    caches."""
    pkg = _package_dir()
    editable = (pkg.parent / "pyproject.toml").exists()
    cold: float | None = None
    if editable:
        _drop_bytecode(pkg)
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        cold = wall(check, runs, env)
    compileall.compile_dir(str(pkg), quiet=1)
    return wall(check, runs), cold


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()

    rate, size, findings = reviews_per_second(a.pairs)
    print(f"rule engine: {rate:7.0f} reviews/s  ({a.pairs} generated drafts, mean {size / 1024:.1f} KB, one core, CPU time)")
    exe = Path(sys.executable).parent / "foi-review"
    check = [str(exe), "check", str(SEED), "--format", "json"] if exe.exists() else [sys.executable, "-m", "reviewer", "check", str(SEED), "--format", "json"]
    check_t, cold_t = startup(check, a.runs)
    term_t = wall(check[:-2], a.runs)
    base_t = wall([sys.executable, "-c", "import typer, rich.console"], a.runs)
    bare_t = wall([sys.executable, "-c", "pass"], a.runs)
    print(f"foi-review check (json):     {check_t:.3f} s wall, median of {a.runs}, installed (bytecode compiled)")
    print(f"foi-review check (terminal): {term_t:.3f} s wall, installed")
    if cold_t is not None:
        print(f"foi-review check (json):     {cold_t:.3f} s wall with no bytecode (source compiled on every run)")
    print(f"python -c 'import typer, rich': {base_t:.3f} s   (bare python: {bare_t:.3f} s)")
    print(f"check / (typer+rich) = {check_t / base_t:.2f}x")


if __name__ == "__main__":
    main()

"""Benchmark the rule engine: reviews per second and whole-process start-up.

    python bench/bench_core.py [--pairs 3000] [--runs 15]

Prints:
- reviews/s on generated 5-10 KB drafts, library level, one core (target >= 300/s);
- wall time of `foi-review check` on a bundled seed, whole process, median of N runs
  (target < 0.30 s), next to the cost of `python -c "import typer, rich"` for scale.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from reviewer.review import review_texts  # noqa: E402

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


def wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()

    rate, size, findings = reviews_per_second(a.pairs)
    print(f"rule engine: {rate:7.0f} reviews/s  ({a.pairs} generated drafts, mean {size / 1024:.1f} KB, one core, CPU time)")
    exe = Path(sys.executable).parent / "foi-review"
    check = [str(exe), "check", str(SEED), "--format", "json"] if exe.exists() else [sys.executable, "-m", "reviewer", "check", str(SEED), "--format", "json"]
    check_t = wall(check, a.runs)
    term_t = wall(check[:-2], a.runs)
    base_t = wall([sys.executable, "-c", "import typer, rich.console"], a.runs)
    bare_t = wall([sys.executable, "-c", "pass"], a.runs)
    print(f"foi-review check (json):     {check_t:.3f} s wall, median of {a.runs}")
    print(f"foi-review check (terminal): {term_t:.3f} s wall")
    print(f"python -c 'import typer, rich': {base_t:.3f} s   (bare python: {bare_t:.3f} s)")
    print(f"check / (typer+rich) = {check_t / base_t:.2f}x")


if __name__ == "__main__":
    main()

"""Audit throughput and memory: 1,000 and 10,000 generated cases on 1..N worker processes.

    .venv/bin/python bench/bench_audit.py                 # 1,000 and 10,000 cases, 1 and all cores
    .venv/bin/python bench/bench_audit.py --cases 1000 --jobs 1,2

Each run is a fresh child process (`_child`), so its peak memory is its own: the parent's peak
RSS (`RUSAGE_SELF`: discovery, the bounded window of in-flight chunks, writing the JSONL and the
streaming summary) and the largest worker's (each worker reports its own `ru_maxrss`; with one
worker the review runs in the parent and this column is 0). The streaming design means
both stay flat from 1,000 to 10,000 cases: discovery is a generator, at most jobs*4 chunks are
in flight, workers return JSON lines that are written and dropped, and the summary is computed
by re-reading the results file. Cases are written by tests/casegen.py (our own wording).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def _child(root: str, jobs: int, out: str) -> None:
    from reviewer.audit.cases import discover
    from reviewer.audit.runner import read_results, run_audit
    from reviewer.audit.summary import summarise
    from reviewer.pipeline import Options

    started = time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh:
        stats = run_audit(discover(Path(root)), Options(), fh, jobs=jobs)
    summary = summarise(read_results(Path(out)))
    elapsed = time.perf_counter() - started
    print(json.dumps({
        "cases": summary["cases"], "broken": summary["broken"], "seconds": elapsed, "run_seconds": stats.seconds,
        "parent_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_rss_mb": max(stats.worker_peak_kb, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024,
    }))


def _burn(n: int) -> float:
    t = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - t


def _ceiling() -> float:
    """How much faster all cores finish one CPU-bound task each than one core finishes one:
    the best speed-up any parallel audit can show on this machine right now."""
    import multiprocessing

    n, cores = 5_000_000, os.cpu_count() or 1
    one = _burn(n)
    with multiprocessing.get_context("forkserver").Pool(cores) as pool:
        started = time.perf_counter()
        pool.map(_burn, [n] * cores)
        both = time.perf_counter() - started
    return cores * one / both


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default="1000,10000")
    ap.add_argument("--jobs", default=f"1,{os.cpu_count() or 1}")
    ap.add_argument("--repeat", type=int, default=2, help="runs per setting; the best rate is shown (the host is shared)")
    args = ap.parse_args()
    sizes = [int(x) for x in args.cases.split(",")]
    job_counts = sorted({int(x) for x in args.jobs.split(",")})
    from casegen import generate_tree

    print(f"cores: {os.cpu_count()}  python {sys.version.split()[0]}")
    print(f"raw CPU parallelism of this machine (pure-Python loop on all cores vs one): {_ceiling():.2f}x")
    print(f"{'cases':>7} {'workers':>7} {'cases/s':>9} {'seconds':>8} {'parent peak MB':>15} {'worker peak MB':>15}")
    with tempfile.TemporaryDirectory(prefix="foi-bench-") as tmp:
        for n in sizes:
            root = Path(tmp) / f"tree-{n}"
            t = time.perf_counter()
            generate_tree(root, n, broken_every=100)
            gen = time.perf_counter() - t
            print(f"# generated {n} cases ({n // 100} broken) in {gen:.1f}s", flush=True)
            for jobs in job_counts:
                out = Path(tmp) / f"results-{n}-{jobs}.jsonl"
                runs = []
                for _ in range(args.repeat):
                    res = subprocess.run(
                        [sys.executable, __file__, "--child", str(root), str(jobs), str(out)],
                        capture_output=True, text=True, check=True,
                    )
                    runs.append(json.loads(res.stdout.strip().splitlines()[-1]))
                    assert runs[-1]["cases"] == n, runs[-1]
                r = min(runs, key=lambda x: x["run_seconds"])
                r["parent_rss_mb"] = max(x["parent_rss_mb"] for x in runs)
                r["worker_rss_mb"] = max(x["worker_rss_mb"] for x in runs)
                print(
                    f"{n:>7} {jobs:>7} {n / r['run_seconds']:>9.1f} {r['seconds']:>8.1f} "
                    f"{r['parent_rss_mb']:>15.1f} {r['worker_rss_mb']:>15.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        _child(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        main()

"""Rule-engine cost in instructions per review, counted by valgrind: a figure that does not move.

    python bench/bench_instructions.py [--pairs 150] [--model] [--against OTHER_CHECKOUT]

`bench_core.py` times reviews on the CPU clock, which on a shared machine moves by 10% or more
from one run to the next: too much to tell whether a change costs 3%. This counts the
instructions the interpreter executes for `--pairs` generated reviews (bench/generate.py),
under valgrind's callgrind, as the difference between a run that reviews them and one that
only imports, generates and warms up; hash randomisation is fixed, so the count repeats to
within a few hundredths of a percent. `--model` adds callgrind's branch-predictor and cache
simulation and an estimated cycle count (instructions + 15 per mispredicted branch + 10 per
first-level miss + 100 per last-level miss), which weighs a regex engine's many branches.

With `--against`, the same is measured for another checkout (an older commit, say with
`git worktree add /tmp/old <commit>`) and the ratio printed: the way to check a speed budget
such as "within 10% of commit X". Needs valgrind on PATH; about a minute per checkout.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run in the checkout being measured, with that checkout first on sys.path.
_CHILD = """
import sys
sys.path[:0] = [{root!r} + "/bench", {root!r}]
from generate import generate
try:
    from reviewer.pipeline import review_texts
except ImportError:  # checkouts from before the package was split into layers
    from reviewer.review import review_texts
pairs = generate({pairs})
review_texts(pairs[0].request, pairs[0].response)
for p in pairs[:{count}]:
    review_texts(p.request, p.response)
"""


def _events(root: Path, pairs: int, count: int, model: bool) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
        if model:
            cmd += ["--branch-sim=yes", "--cache-sim=yes"]
        code = _CHILD.format(root=str(root), pairs=pairs, count=count)
        env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(root)}
        subprocess.run([*cmd, sys.executable, "-c", code], cwd=root, env=env, check=True, capture_output=True)
        text = out.read_text()
    names = re.search(r"^events: (.*)$", text, re.M)
    totals = re.search(r"^summary: (.*)$", text, re.M)
    assert names and totals, "callgrind wrote no summary"
    return dict(zip(names.group(1).split(), map(int, totals.group(1).split())))


def per_review(root: Path, pairs: int, model: bool) -> dict[str, float]:
    """Each event's count per review: reviewing `pairs` drafts less the run that reviews none."""
    idle = _events(root, pairs, 0, model)
    busy = _events(root, pairs, pairs, model)
    got = {k: (busy[k] - idle[k]) / pairs for k in busy}
    if model:
        first = sum(got.get(k, 0.0) for k in ("I1mr", "D1mr", "D1mw"))
        last = sum(got.get(k, 0.0) for k in ("ILmr", "DLmr", "DLmw"))
        got["cycles (est.)"] = got["Ir"] + 15 * (got.get("Bcm", 0.0) + got.get("Bim", 0.0)) + 10 * first + 100 * last
    return got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=150)
    ap.add_argument("--model", action="store_true", help="simulate branches and caches; estimate cycles")
    ap.add_argument("--against", type=Path, help="another checkout to measure the same way")
    a = ap.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("bench_instructions: valgrind is not installed (apt install valgrind)")
    roots = [ROOT] + ([a.against.resolve()] if a.against else [])
    figures = [per_review(r, a.pairs, a.model) for r in roots]
    keys = ["Ir", "cycles (est.)"] if a.model else ["Ir"]
    for root, got in zip(roots, figures):
        print(f"{root}: " + ", ".join(f"{k} {got[k] / 1e6:.2f}M per review" for k in keys))
    if len(figures) == 2:
        print(", ".join(f"{k}: this / other = {figures[0][k] / figures[1][k]:.3f}" for k in keys))


if __name__ == "__main__":
    main()

"""bench/bench_scaling.py on small sizes: no stage may grow much faster than the draft.

Sizes 12 KB and 60 KB (five times larger): a linear stage takes about 5 times longer, a
quadratic one about 25 times. The test allows 10, on CPU time (steadier than wall-clock time
on a shared machine), and only for stages that take long enough at the larger size to be
measured (0.1 s), so start-up costs and timer noise cannot fail it. It is about growth, not
speed: no wall-clock threshold.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_scaling  # noqa: E402

SHAPES = list(bench_scaling.SHAPES)  # every shape, the contact/request/masking ones included
MAX_RATIO = 10.0
MEASURABLE = 0.1  # seconds at the larger size


def growth_problems(result: dict[str, list[dict[str, float] | None]]) -> list[str]:
    problems = []
    for shape, (small, large) in result.items():
        if small is None or large is None:
            problems.append(f"{shape}: cut off at the time limit")
            continue
        for stage, secs in large.items():
            if secs >= MEASURABLE and secs / max(small.get(stage, 0.0), 0.01) > MAX_RATIO:
                problems.append(f"{shape}: {stage} {small.get(stage, 0.0):.3f}s -> {secs:.3f}s")
    return problems


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, float] | None]]:
    out = tmp_path_factory.mktemp("bench") / "scaling.json"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_scaling.py"), "--sizes", "12K,60K", "--cpu", "--limit", "60",
         "--shapes", ",".join(SHAPES), "--json", str(out)],
        check=True, capture_output=True, text=True, timeout=600,
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["sizes"] == [12_000, 60_000]
    results: dict[str, list[dict[str, float] | None]] = data["results"]
    return results


def test_every_shape_is_measured_with_every_stage(figures: dict[str, list[dict[str, float] | None]]) -> None:
    assert set(figures) == set(SHAPES)
    for shape, row in figures.items():
        for stages in row:
            assert stages is not None, shape
            assert {"review", "reporters", "find citations", "align", "check template"} <= set(stages), shape
    assert all(r is not None and "load" in r for r in figures["xlsx-table"] + figures["pdf-table"])


def test_no_stage_grows_faster_than_about_linearly(figures: dict[str, list[dict[str, float] | None]]) -> None:
    assert growth_problems(figures) == []


def test_the_growth_check_catches_a_quadratic_stage() -> None:
    """The check itself: 25 times the time for 5 times the size fails it, 5 times passes."""
    small = {"review": 0.02, "check template": 0.04}
    assert growth_problems({"x": [small, {"review": 0.1, "check template": 1.0}]}) == ["x: check template 0.040s -> 1.000s"]
    assert growth_problems({"x": [small, {"review": 0.1, "check template": 0.2}]}) == []
    assert growth_problems({"x": [small, None]}) == ["x: cut off at the time limit"]


def test_shapes_have_the_size_asked_for() -> None:
    for name, make in bench_scaling.TEXT_SHAPES.items():
        request, response = make(50_000)
        assert 50_000 <= len(request) + len(response) < 60_000, name


def test_the_readme_command_runs() -> None:
    """README.md shows the command that made its scaling table; run it on two small sizes."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.startswith(".venv/bin/python bench/bench_scaling.py"))
    args = command.split()[2:]
    res = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_scaling.py"), *args, "--sizes", "2K,4K", "--shapes", "prose"],
        check=True, capture_output=True, text=True, timeout=120,
    )
    lines = res.stdout.splitlines()
    assert lines[0].split() == ["shape", "2K", "4K", "4K/2K"]
    assert lines[1].startswith("prose ") and lines[1].count("s ") >= 2

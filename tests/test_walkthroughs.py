"""The README's and docs' CI and audit walk-throughs, run as written on a fresh clone.

Every ```console block in README.md, docs/ci.md and docs/audit.md that follows a
`<!-- walk-through: tests/test_walkthroughs.py ... -->` comment is run, one `$ ` command after
another, in one shell (so `cd` carries over) in a fresh `git clone` of this repository, with
this environment's `foi-review` and `python` first on PATH. The lines shown after a command
must come out of it, in that order (other lines may come between: the docs show the gist);
`...` stands for anything, durations and worker counts may differ, and the progress bar line
(`auditing ...`) is left out since it shows only on a terminal. A command whose shown output
has no `error:` must not exit 2.

The install lines of docs/ci.md are run too, against the clone (its file URL and HEAD commit
in place of `<repository URL>` and `<commit SHA>`), installing with `--no-deps --target` so the
test stays offline and quick; the installed package must hold the `foi-review` command.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MARK = "<!-- walk-through: tests/test_walkthroughs.py"
DOCS = ("README.md", "docs/ci.md", "docs/audit.md")
_SEP = "@@walk-through@@"


def _blocks(doc: str) -> list[tuple[str, int, str]]:
    """(document, block number, block text) for each marked console block."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    out = []
    for n, part in enumerate(text.split(MARK)[1:], start=1):
        body = part.split("```console\n", 1)[1].split("```", 1)[0]
        out.append((doc, n, "\n".join(line.strip() for line in body.splitlines())))
    return out


def _steps(block: str) -> list[tuple[str, list[str]]]:
    """(command, the output lines shown after it)."""
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps and line.strip():
            steps[-1][1].append(line)
    return steps


_DURATION = re.compile(r"\b\d+(?:\.\d+)?s\b")
_WORKERS = re.compile(r"with \d+ worker")


def _norm(line: str) -> str:
    line = _WORKERS.sub("with N worker", _DURATION.sub("Ns", line))
    return " ".join(line.split())


def _shown_in(shown: list[str], actual: str) -> list[str]:
    """The shown lines that do not come out, in order, of `actual` (empty: all do)."""
    lines = [_norm(line) for line in actual.splitlines()]
    at, missing = 0, []
    for want in shown:
        if want.strip() == "..." or want.startswith("auditing "):
            continue
        target = _norm(want)
        try:
            at = lines.index(target, at) + 1
        except ValueError:
            missing.append(want)
    return missing


def _fresh_clone(dest: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(ROOT), str(dest)], check=True, capture_output=True)
    # a walk-through documents the working tree being tested, committed or not
    diff = subprocess.run(["git", "-C", str(ROOT), "diff", "HEAD", "--binary"], check=True, capture_output=True).stdout
    if diff:
        subprocess.run(["git", "-C", str(dest), "apply", "--binary", "-"], input=diff, check=True, capture_output=True)
    for extra in subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "--others", "--exclude-standard"], check=True, capture_output=True, text=True
    ).stdout.splitlines():
        target = dest / extra
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((ROOT / extra).read_bytes())
    subprocess.run(["git", "-C", str(dest), "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "wip", "--allow-empty"], capture_output=True)
    return dest


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    return env


def _run(block: str, cwd: Path) -> list[tuple[str, int, str]]:
    steps = _steps(block)
    script = "exec 2>&1\n" + "".join(f"echo {_SEP}\n{cmd}\necho \"{_SEP} $?\"\n" for cmd, _ in steps)
    res = subprocess.run(["bash", "-c", script], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=600)
    chunks = res.stdout.split(f"{_SEP}\n")[1:]
    results = []
    for (cmd, _), chunk in zip(steps, chunks):
        output, _, code = chunk.rpartition(f"{_SEP} ")
        results.append((cmd, int(code.strip()), output))
    assert len(results) == len(steps), res.stdout
    return results


WALKTHROUGHS = [b for doc in DOCS for b in _blocks(doc)]


def test_the_docs_mark_the_walkthroughs() -> None:
    docs = {doc for doc, _, _ in WALKTHROUGHS}
    assert docs == set(DOCS)
    assert len(WALKTHROUGHS) >= 5


@pytest.mark.parametrize(("doc", "n", "block"), WALKTHROUGHS, ids=[f"{d}#{n}" for d, n, _ in WALKTHROUGHS])
def test_walkthrough_runs_as_written_on_a_fresh_clone(tmp_path: Path, doc: str, n: int, block: str) -> None:
    clone = _fresh_clone(tmp_path / "clone")
    for (cmd, shown), (_, code, output) in zip(_steps(block), _run(block, clone)):
        missing = _shown_in(shown, output)
        assert not missing, f"{doc} walk-through {n}: `{cmd}` did not print {missing!r}; it printed:\n{output}"
        if not any("error:" in line for line in shown):
            assert code != 2, f"{doc} walk-through {n}: `{cmd}` exited 2:\n{output}"


def _install_lines() -> list[str]:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    body = text.split("<!-- install walk-through", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in body.splitlines() if line.strip()]


def test_item_4_install_lines_of_ci_md_work_without_a_release(tmp_path: Path) -> None:
    clone = _fresh_clone(tmp_path / "clone")
    sha = subprocess.run(["git", "-C", str(clone), "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
    git_line, wheel_line = _install_lines()
    assert git_line.startswith("pip install ") and "git+<repository URL>@<commit SHA>" in git_line
    offline = "--no-deps --target"
    for n, line in enumerate([git_line, wheel_line]):
        target = tmp_path / f"site-{n}"
        line = line.replace("<repository URL>", clone.as_uri()).replace("<commit SHA>", sha)
        # the doc's line, as written, with --no-deps --target added to each `pip install`
        script = line.replace("pip install ", f"pip install -q {offline} {shlex.quote(str(target))} ")
        script = script.replace("pip wheel ", "pip wheel -q ")
        res = subprocess.run(["bash", "-c", script], cwd=clone, env=_env(), capture_output=True, text=True, timeout=600)
        assert res.returncode == 0, f"`{line}` failed:\n{res.stderr}"
        assert (target / "reviewer" / "cli.py").is_file()
        assert (target / "bin" / "foi-review").is_file()
        assert list(target.glob("foi_reviewer-*.dist-info"))

"""What an audit checks before it reviews anything, and what it says when it is stopped.

An audit of 6,000 cases takes minutes; every mistake that can be seen up front must stop it
before the first case rather than after the last: a baseline that does not exist, a results
file that would be overwritten (or resumed from another audit's results), a folder where no
case is found (a gate that checked nothing must not pass). Each is one line and exit code 2.

The results file starts with one header line, `{"audit": {"path": ...}}`, naming what was
audited, so `--resume` can refuse another tree's results instead of merging them. Readers of
the results skip it (it has no `"case"` key).
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

from reviewer.audit.cases import ACCEPTED_NAMES, Case, count, discover
from reviewer.audit.runner import read_results
from reviewer.core.errors import InputError

CASE_KINDS = (
    f"a case is a folder with {ACCEPTED_NAMES}, a file holding request and response, "
    "a Jinja template (.j2, .jinja) named by a golden case, or a row of manifest.csv / manifest.jsonl"
)


def audited(path: Path) -> str:
    """The audited path as the results header records it: absolute, so the same tree reached
    from another folder is still the same audit."""
    return str(path.resolve())


def header_line(path: Path) -> str:
    return json.dumps({"audit": {"path": audited(path)}}, ensure_ascii=False) + "\n"


def read_header(results: Path) -> dict[str, Any] | None:
    """The results file's header, or None (an empty file, or one written before headers)."""
    try:
        with results.open(encoding="utf-8") as fh:
            first = fh.readline()
        head = json.loads(first)
    except (OSError, ValueError):
        return None
    return head["audit"] if isinstance(head, dict) and isinstance(head.get("audit"), dict) else None


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def check_out(path: Path, out: Path | None, resume: bool, force: bool) -> None:
    """Refuse to overwrite results without --resume or --force, and to resume another audit's."""
    if out is None:
        if resume:
            raise InputError("--resume needs --results: the results file to resume")
        return
    if out.is_dir():
        raise InputError(f"--results {out}: is a folder; give the results file (e.g. {out / 'results.jsonl'})")
    if not out.parent.is_dir():
        raise InputError(f"--results {out}: no such folder {out.parent}")
    if resume and force:
        raise InputError("--resume and --force contradict each other: --resume goes on with the results, --force starts again")
    if not resume:
        if _has_content(out) and not force:
            held = sum(1 for _ in read_results(out))
            raise InputError(
                f"--results {out} already holds {held} case(s): add --resume to go on with them, "
                "or --force to start again and overwrite it"
            )
        return
    if not _has_content(out):
        return
    head = read_header(out)
    if head is not None and head.get("path") != audited(path):
        raise InputError(
            f"--resume: {out} holds the results of an audit of {head.get('path')}, not of {audited(path)}; "
            "give another --results, or --force to start again"
        )
    done = {str(rec.get("case")) for rec in read_results(out)}
    if done:
        for case in discover(path):
            done.discard(case.id)
            if not done:
                break
    if done:
        example = sorted(done)[0]
        raise InputError(
            f"--resume: {out} holds {len(done)} case(s) that {path} does not (e.g. {example!r}): "
            "it is another case list's results; give another --results, or --force to start again"
        )


def check_files(reports: Iterable[tuple[str, Path | None]]) -> None:
    """Each report file (--csv, --html, -o, --update-baseline) can be written where it is named."""
    for option, file in reports:
        if file is None:
            continue
        if file.is_dir():
            raise InputError(f"{option} {file}: is a folder, not a file")
        if not file.parent.is_dir():
            raise InputError(f"{option} {file}: no such folder {file.parent}")


def check_baseline(baseline: Path | None, update: Path | None) -> None:
    """--baseline is read now, not after every case has been reviewed (unless this run writes it)."""
    if baseline is None or (update is not None and baseline.resolve() == update.resolve()):
        return
    from reviewer.reporters.baseline import load_baseline

    load_baseline(baseline)


def cases_or_fail(path: Path, skipped: list[str]) -> Iterator[Case]:
    """The audit's cases, having looked at the first: none is an error naming the folder, what
    was skipped and the names a case is found by (a gate that checked nothing must not pass)."""
    cases = discover(path, skipped)
    first = next(cases, None)
    if first is None:
        seen = f" (skipped: {', '.join(skipped[:5])})" if skipped else ""
        raise InputError(f"{path}: no case found{seen}; {CASE_KINDS}")
    return chain([first], cases)


def audit_argv(path: Path, out: Path | None) -> list[str]:
    """The audit's arguments as typed (`sys.argv` after the program name), or the essentials
    when the command was not run from a command line (tests, another program)."""
    import sys

    args = sys.argv[1:]
    return args if "audit" in args else ["audit", str(path), *(["--results", str(out)] if out else [])]


def resume_command(argv: Sequence[str]) -> str:
    """The command that goes on with an interrupted audit: the same one, with --resume."""
    args = [a for a in argv if a != "--force"]
    if "--resume" not in args:
        args.append("--resume")
    return shlex.join(["foi-review", *args])


def interrupted_text(path: Path, results: Path, out: Path | None, argv: Sequence[str]) -> str:
    """One line for Ctrl-C: how many cases are saved and the exact command to go on."""
    saved = sum(1 for _ in read_results(results)) if results.exists() else 0
    try:
        total: int | str = count(path)
    except Exception:  # noqa: BLE001 - the count is a courtesy; the message must still come out
        total = "?"
    if out is None:
        return (
            f"foi-review: interrupted after {saved} of {total} case(s); nothing was kept (no --results). "
            f"To be able to resume: {shlex.join(['foi-review', *argv, '--results', 'results.jsonl'])}"
        )
    return (
        f"foi-review: interrupted: {saved} of {total} case(s) saved in {out}. "
        f"To go on: {resume_command(argv)}"
    )

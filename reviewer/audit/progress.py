"""The audit's progress bar: Rich, on stderr, with rate and ETA; off when stderr is not a
terminal (CI logs) or colour/animation is unwanted."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(total: int | None, enabled: bool) -> Iterator[Callable[[str, str], None]]:
    """Yield a callback `(case id, status)` that advances the bar by one case."""
    if not enabled or not sys.stderr.isatty():
        yield lambda case_id, status: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed or 0.0:6.1f} cases/s")

    console = Console(stderr=True, no_color="NO_COLOR" in os.environ)
    columns = (
        TextColumn("[bold]auditing"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
        RateColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        TimeElapsedColumn(), TextColumn("[red]{task.fields[broken]} broken"),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("audit", total=total, broken=0)
        broken = 0

        def advance(case_id: str, status: str) -> None:
            nonlocal broken
            if status != "ok":
                broken += 1
            progress.update(task, advance=1, broken=broken)

        yield advance

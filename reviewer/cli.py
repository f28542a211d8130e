"""`foi-review`: the command line. Thin on purpose.

It parses options, loads settings, calls `reviewer.review`, hands the record to a reporter
and turns the result into an exit code. Errors a person can fix become one line on stderr and
exit code 2; nothing here prints a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from reviewer import __version__
from reviewer.errors import ReviewerError
from reviewer.reporters import Format

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

_FAIL_RANK = {"error": 3, "warning": 2, "info": 1}

app = typer.Typer(
    name="foi-review",
    help=(
        "Review a draft Freedom of Information (FOIA, EIR, FOISA) response against its request "
        "before it is sent.\n\nExit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"foi-review {__version__}")
        raise typer.Exit(EXIT_CLEAN)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Global options only; the work is done by the commands."""


def _fail(message: str) -> None:
    typer.echo(f"foi-review: error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


@app.command()
def check(
    request: Annotated[Path, typer.Argument(metavar="REQUEST", help="The request, or one file holding both request and draft.", show_default=False)],
    response: Annotated[
        Optional[Path], typer.Argument(metavar="RESPONSE", help="The draft response (omit it when REQUEST holds both).", show_default=False)
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.TERMINAL,
    fail_on: Annotated[
        Optional[str],
        typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity: error, warning, info or never. [default: error]"),
    ] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Settings file (default: nearest .foi-review.toml or pyproject.toml).")] = None,
    allow_contact: Annotated[
        Optional[list[str]], typer.Option("--allow-contact", help="A published contact never to flag (repeatable).")
    ] = None,
    regime: Annotated[Optional[str], typer.Option("--regime", help="FOIA, EIR, FOISA or EISR (default: detect from the draft).")] = None,
) -> None:
    """Review a draft response against its request.

    \b
    foi-review check request.txt draft.txt
    foi-review check combined.txt            (request and response in one file)
    foi-review check request.txt draft.txt --format json --fail-on warning
    """
    from reviewer.config import ConfigError, load_config
    from reviewer.model import Regime
    from reviewer.reporters.records import review_record
    from reviewer.review import Options, review_files

    try:
        settings = load_config(config, Path.cwd())
    except ConfigError as exc:
        _fail(str(exc))
        return
    level = (fail_on or settings.fail_on).lower()
    if level not in ("error", "warning", "info", "never"):
        _fail(f"--fail-on must be error, warning, info or never, not '{fail_on}'")
    chosen_regime = settings.regime
    if regime is not None:
        if regime.upper() not in Regime.__members__:
            _fail(f"--regime must be FOIA, EIR, FOISA or EISR, not '{regime}'")
        chosen_regime = Regime[regime.upper()]
    options = Options(
        allow_contacts=settings.allow_contacts + tuple(allow_contact or ()),
        regime=chosen_regime,
    )
    request_file, response_file = (request, response) if response is not None else (None, request)
    try:
        review = review_files(request_file, response_file, options)
    except ReviewerError as exc:
        _fail(str(exc))
        return
    record = review_record(review)
    if format is Format.JSON:
        from reviewer.reporters.json_report import render as render_json

        text = render_json(record)
    else:
        from reviewer.reporters.terminal import render as render_terminal

        to_tty = output is None and sys.stdout.isatty()
        color = to_tty and "NO_COLOR" not in os.environ
        width = _width() if to_tty else 110
        text = render_terminal(record, color=color, width=width)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"{output}: cannot write ({exc.strerror or exc})")
    else:
        sys.stdout.write(text)
    raise typer.Exit(_exit_code(review.findings, level))


def _width() -> int:
    try:
        return max(80, min(160, os.get_terminal_size().columns))
    except OSError:
        return 110


def _exit_code(findings: list, level: str) -> int:  # type: ignore[type-arg]
    if level == "never":
        return EXIT_CLEAN
    threshold = _FAIL_RANK[level]
    return EXIT_FINDINGS if any(f.effective_severity.rank >= threshold for f in findings) else EXIT_CLEAN


@app.command()
def rules() -> None:
    """List every rule: code, name, category, default severity and what it flags."""
    import reviewer.checks  # noqa: F401  (registers the rules)
    from reviewer.findings import RULES

    for code in sorted(RULES):
        r = RULES[code]
        typer.echo(f"{r.code}  {r.name:38} {r.category.value:15} {r.severity.value:8} {r.summary}")


def main() -> None:
    """Console-script entry point: never let a traceback reach an FOI officer."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("foi-review: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - last line of defence
        if os.environ.get("FOI_REVIEW_DEBUG"):
            raise
        first_line = str(exc).splitlines()[0] if str(exc) else ""
        typer.echo(
            f"foi-review: internal error: {type(exc).__name__}: {first_line} (set FOI_REVIEW_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(EXIT_ERROR)

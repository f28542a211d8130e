"""Every output format behind one interface, registered once, dispatched by one function.

As in pip-audit's format interface, a format is an object with the same methods as every
other, one per kind of result a command produces:

    check(run, options)        one or more reviewed drafts (`foi-review check`)
    audit(run, options)        a tree of cases and its summary (`foi-review audit`)
    evaluation(result, opts)   scores on labelled cases (`foi-review eval`)
    golden(results, opts)      golden-case outcomes (`foi-review test`)

A format implements the ones it can show; which commands offer it is read from that, so a
command's `--format` lists exactly the formats that work for it (`choices`) and a format that
does not gets a one-line error naming those that do. The CLI calls `emit` and nothing else.

This module stays cheap to import (the CLI reads `choices` to declare its options): each
method imports the module that does the work when it is called.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from reviewer.core.errors import ReviewerError

if TYPE_CHECKING:
    from reviewer.core.model import GoldenResult, Review
    from reviewer.evaluate.runner import EvalResult

COMMANDS = ("check", "audit", "eval", "test")
_METHOD = {"check": "check", "audit": "audit", "eval": "evaluation", "test": "golden"}


class FormatError(ReviewerError):
    """A format a command cannot produce, or a report that cannot be written."""


@dataclass(frozen=True)
class Options:
    """How to render, whatever the format: each format reads the fields that concern it."""

    fail_on: str = "error"  # what fails a case in SARIF baselines, JUnit and GitHub
    show_personal_data: bool = False  # contact details unmasked in the shareable formats
    root: Path | None = None  # file paths are made relative to this (SARIF, GitHub, JUnit)
    color: bool = False
    width: int = 110
    title: str = ""  # of an HTML page


def options_for(output: Path | None, **fields: Any) -> Options:
    """Options for a report going to `output` (stdout when None): colour and the terminal's
    width only when a person is looking at a terminal (and NO_COLOR is not set)."""
    to_tty = output is None and sys.stdout.isatty()
    width = 110
    if to_tty:
        try:
            width = max(80, min(160, os.get_terminal_size().columns))
        except OSError:
            pass
    return Options(color=to_tty and "NO_COLOR" not in os.environ, width=width, root=Path.cwd(), **fields)


@dataclass(frozen=True)
class Checked:
    """What `check` reviewed: one case record per draft (`records.case_record`) and the
    reviews themselves (the HTML page shows each draft's text with its highlights)."""

    cases: list[dict[str, Any]]
    reviews: Sequence[Review] = ()


@dataclass(frozen=True)
class Audited:
    """What `audit` produced: `cases()` gives the case records afresh each time (they are
    streamed from the results file, never all held at once) and `summary` the totals."""

    cases: Callable[[], Iterable[dict[str, Any]]]
    summary: dict[str, Any] = field(default_factory=dict)


class Reporter:
    """One output format. Override the methods for the results the format can show; the
    others are not offered. `chunks` is what `emit` writes: one string unless a format
    streams (the CSV of a 10,000-case audit)."""

    name: ClassVar[str]
    file_option: ClassVar[str] = ""  # offered only as a file of `audit` ("--csv"), not by --format
    not_for: ClassVar[dict[str, str]] = {}  # command -> what to use instead, for the error

    def check(self, run: Checked, options: Options) -> str:
        raise NotImplementedError

    def audit(self, run: Audited, options: Options) -> str:
        raise NotImplementedError

    def evaluation(self, result: EvalResult, options: Options) -> str:
        raise NotImplementedError

    def golden(self, results: list[GoldenResult], options: Options) -> str:
        raise NotImplementedError

    @classmethod
    def supports(cls, command: str) -> bool:
        method = _METHOD[command]
        return getattr(cls, method) is not getattr(Reporter, method)

    def chunks(self, command: str, data: Any, options: Options) -> Iterator[str]:
        yield getattr(self, _METHOD[command])(data, options)


REPORTERS: dict[str, Reporter] = {}  # the --format formats, in the order help lists them
FILE_REPORTERS: dict[str, Reporter] = {}  # by option: formats written only to a file ("--csv")


def register(cls: type[Reporter]) -> type[Reporter]:
    if cls.file_option:
        FILE_REPORTERS[cls.file_option] = cls()
    else:
        REPORTERS[cls.name] = cls()
    return cls


def choices(command: str) -> list[str]:
    """The --format values `command` accepts."""
    return [name for name, r in REPORTERS.items() if r.supports(command)]


def metavar(command: str) -> str:
    """`<terminal|json>`, as the help shows every other option's choices."""
    return "<" + "|".join(choices(command)) + ">"


def reporter(command: str, fmt: str) -> Reporter:
    """The format `fmt` for `command`; a FormatError (one line: the CLI exits 2) otherwise."""
    chosen = REPORTERS.get(fmt.lower())
    if chosen is None or not chosen.supports(command):
        hint = chosen.not_for.get(command) if chosen is not None else None
        raise FormatError(hint or f"{command} --format must be one of {', '.join(choices(command))}, not '{fmt}'")
    return chosen


def emit(command: str, chosen: Reporter, data: Any, options: Options, output: Path | None = None) -> None:
    """Write `chosen`'s report of `data` to `output`, or to stdout when None."""
    if output is None:
        for chunk in chosen.chunks(command, data, options):
            sys.stdout.write(chunk)
        return
    try:
        with output.open("w", encoding="utf-8", newline="") as fh:
            for chunk in chosen.chunks(command, data, options):
                fh.write(chunk)
    except OSError as exc:
        raise FormatError(f"{output}: cannot write ({exc.strerror or exc})") from exc


@register
class Terminal(Reporter):
    """The reports a person reads: a review, an audit summary, scores, golden outcomes."""

    name = "terminal"

    def check(self, run: Checked, options: Options) -> str:
        from reviewer.reporters.terminal import render

        return "\n".join(render(c["review"], color=options.color, width=options.width) for c in run.cases)

    def audit(self, run: Audited, options: Options) -> str:
        from reviewer.reporters.audit_summary import render

        return render(run.summary, color=options.color, width=options.width)

    def evaluation(self, result: EvalResult, options: Options) -> str:
        return result.as_text()

    def golden(self, results: list[GoldenResult], options: Options) -> str:
        from reviewer.reporters.golden_report import render_text

        return render_text(results, options.fail_on)[0]


@register
class Json(Reporter):
    """The documented JSON: a review record (several under "reviews"), an audit's summary,
    an evaluation's scores."""

    name = "json"

    def check(self, run: Checked, options: Options) -> str:
        from reviewer.reporters.json_report import render

        records = [c["review"] for c in run.cases]
        return render(records[0]) if len(records) == 1 else render({"reviews": records})

    def audit(self, run: Audited, options: Options) -> str:
        from reviewer.reporters.json_report import render

        return render(run.summary)

    def evaluation(self, result: EvalResult, options: Options) -> str:
        return result.as_json()


class _CaseFormat(Reporter):
    """SARIF, JUnit and GitHub annotations: the same case records from `check` and `audit`,
    contact details masked unless `show_personal_data` (they are shared)."""

    def render(self, cases: Iterable[dict[str, Any]], options: Options) -> str:
        raise NotImplementedError

    def check(self, run: Checked, options: Options) -> str:
        return self.render(run.cases, options)

    def audit(self, run: Audited, options: Options) -> str:
        return self.render(run.cases(), options)


@register
class Sarif(_CaseFormat):
    name = "sarif"

    def render(self, cases: Iterable[dict[str, Any]], options: Options) -> str:
        from reviewer.reporters import sarif

        return sarif.render(cases, root=options.root, show_personal_data=options.show_personal_data)


@register
class Junit(_CaseFormat):
    name = "junit"

    def golden(self, results: list[GoldenResult], options: Options) -> str:
        from reviewer.reporters.golden_report import render_junit

        return render_junit(results, options.fail_on)[0]

    def render(self, cases: Iterable[dict[str, Any]], options: Options) -> str:
        from reviewer.reporters import junit

        return junit.render(cases, fail_on=options.fail_on, root=options.root, show_personal_data=options.show_personal_data)


@register
class Github(_CaseFormat):
    name = "github"

    def render(self, cases: Iterable[dict[str, Any]], options: Options) -> str:
        from reviewer.reporters import github

        return github.render(cases, root=options.root, show_personal_data=options.show_personal_data)


@register
class Html(Reporter):
    """One page per `check` run: each draft beside its findings. An audit's HTML report is a
    different page, written with `audit --html FILE` (`AuditHtml`)."""

    name = "html"
    not_for = {"audit": "audit writes its HTML report with --html FILE; --format html is for one draft (check)"}

    def check(self, run: Checked, options: Options) -> str:
        from reviewer.reporters.review_html import render, texts_of

        pages = [(c["review"], texts_of(r)) for c, r in zip(run.cases, run.reviews)]
        return render(pages, show_personal_data=options.show_personal_data, title=options.title or "FOI draft review")


@register
class Csv(Reporter):
    """`audit --csv FILE`: one row per finding, streamed."""

    name = "csv"
    file_option = "--csv"

    def audit(self, run: Audited, options: Options) -> str:
        return "".join(self.chunks("audit", run, options))

    def chunks(self, command: str, data: Any, options: Options) -> Iterator[str]:
        from reviewer.reporters.csv_report import rows

        yield from rows(data.cases(), options.show_personal_data)


@register
class AuditHtml(Reporter):
    """`audit --html FILE`: the auditors' report (charts, sortable case table, findings)."""

    name = "html"
    file_option = "--html"

    def audit(self, run: Audited, options: Options) -> str:
        from reviewer.reporters.html_report import render

        return render(run.cases(), title=options.title or "FOI response audit", show_personal_data=options.show_personal_data)


def file_reporter(option: str) -> Reporter:
    """The format behind an audit file option ("--csv", "--html")."""
    return FILE_REPORTERS[option]

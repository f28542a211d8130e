"""`foi-review`: the command line. Thin on purpose.

It parses options, resolves settings once (`reviewer.team.config.resolve`: the command line over the
settings file over the defaults), calls the back ends (`reviewer.pipeline`, `reviewer.audit`,
`reviewer.llm.review`, `reviewer.reporters.baseline`), hands the records to a reporter and turns the
result into an exit code. Errors a person can fix become one line on stderr and exit code 2;
nothing here prints a traceback.

The options that several commands share are declared once, below, as typed aliases, and each
command names its parameters after the fields of `reviewer.team.config.Choices`, so `_resolve` can
take them as they are: an option cannot mean one thing in `check` and another in `audit`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reviewer import __version__
from reviewer.audit.timelimit import DEFAULT_CASE_TIMEOUT, ReviewTimedOut, time_limit
from reviewer.core.errors import ReviewerError
from reviewer.reporters.formats import metavar

if TYPE_CHECKING:
    from reviewer.reporters.baseline import Baseline
    from reviewer.reporters.formats import Options as ReportOptions
    from reviewer.reporters.formats import Reporter
    from reviewer.resolve import Resolved

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

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
    context_settings={"help_option_names": ["-h", "--help"]},
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


# -- The shared options: declared once ---------------------------------------------------------


class FailOn(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"


class RegimeName(str, Enum):
    FOIA = "FOIA"
    EIR = "EIR"
    FOISA = "FOISA"
    EISR = "EISR"


_FORMAT_HELP = (
    "How to ask the model for JSON: auto (json_schema, falling back to json_object when the server rejects it), "
    "json_schema, or json_object (JSON mode with the schema, for llama.cpp-family servers). [default: auto]"
)

OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")]
FailOnOpt = Annotated[
    FailOn | None,
    typer.Option("--fail-on", case_sensitive=False, help="Exit 1 when a finding is at or above this severity (a case that cannot be reviewed fails too). [default: error]"),
]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Settings file (default: nearest .foi-review.toml or pyproject.toml).")]
AllowContactOpt = Annotated[list[str] | None, typer.Option("--allow-contact", help="A published contact never to flag (repeatable).")]
RegimeOpt = Annotated[RegimeName | None, typer.Option("--regime", case_sensitive=False, metavar="<FOIA|EIR|FOISA|EISR>", help="The law to check against (default: detect from each draft).")]
LlmOpt = Annotated[bool, typer.Option("--llm", help="Add a model review through an OpenAI-compatible endpoint (OPENAI_API_KEY, OPENAI_BASE_URL).")]
ModelOpt = Annotated[str | None, typer.Option("--model", help="Model for --llm. [default: gpt-4o-mini]")]
MaxInputTokensOpt = Annotated[int | None, typer.Option("--max-input-tokens", min=500, help="Split a draft into several calls above this many input tokens. [default: 12000]")]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Print the model calls, token counts and estimated cost; send nothing.")]
ShowPayloadOpt = Annotated[bool, typer.Option("--show-payload", help="With --dry-run: also print every message exactly as it would be sent (after pseudonymisation).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the model-answer cache.")]
RequireLlmOpt = Annotated[bool, typer.Option("--require-llm", help="Exit 2 when the model review cannot be done (implies --llm).")]
NoPseudonymiseOpt = Annotated[bool, typer.Option("--no-pseudonymise", help="Send names, e-mail addresses and numbers as written (the report says so).")]
ConcurrencyOpt = Annotated[int | None, typer.Option("--concurrency", min=1, max=64, help="Model requests in flight at once. [default: 4]")]
# A plain string checked by the resolver (its help already names the three choices), so a bad
# value gets the resolver's message, the one `[llm] response_format` gets in the settings file.
ResponseFormatOpt = Annotated[str | None, typer.Option("--response-format", metavar="<auto|json_schema|json_object>", help=_FORMAT_HELP)]
BaselineOpt = Annotated[Path | None, typer.Option("--baseline", help="Accepted findings (JSON): fail only on findings not in it.")]
UpdateBaselineOpt = Annotated[Path | None, typer.Option("--update-baseline", help="Write the findings of this run to a baseline file and accept them.")]
ShowPersonalDataOpt = Annotated[
    bool, typer.Option("--show-personal-data", help="Show leaked contact details unmasked in the shareable outputs (masked by default: they may be shared).")
]
CaseTimeoutOpt = Annotated[float, typer.Option("--case-timeout", min=0, help="Give up on a review after this many seconds (0: no limit).")]


def _resolve(given: dict[str, Any]) -> Resolved:
    """The settings of a run, built once from a command's parameters (its `locals()`): those
    named like a field of `Choices` are taken, enums by value. A bad settings file exits 2."""
    from dataclasses import fields

    from reviewer.resolve import Choices, resolve
    from reviewer.team.config import ConfigError

    names = {f.name for f in fields(Choices)}
    picked = {k: (v.value if isinstance(v, Enum) else v) for k, v in given.items() if k in names and v is not None}
    if "allow_contact" in picked:
        picked["allow_contact"] = tuple(picked["allow_contact"])
    try:
        return resolve(Choices(**picked), Path.cwd())
    except ConfigError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


def _load_baseline(baseline: Path | None, update: Path | None) -> Baseline | None:
    """The accepted findings, read before any review so a mistyped file fails at once."""
    if baseline is None or baseline == update:
        return None  # none, or the one about to be written
    from reviewer.reporters.baseline import load_baseline

    try:
        return load_baseline(baseline)
    except ReviewerError as exc:
        _fail(str(exc))
        raise  # unreachable


def _write_baseline(update: Path, records: Iterable[dict[str, Any]], key_of: Any = None) -> Baseline:
    """--update-baseline: write it, say what was written, and accept it for this run."""
    from reviewer.reporters.baseline import load_baseline, write_baseline

    try:
        n = write_baseline(update, records, key_of)
        typer.echo(f"foi-review: wrote {n} accepted finding(s) to {update}", err=True)
        return load_baseline(update)
    except ReviewerError as exc:
        _fail(str(exc))
        raise  # unreachable


def _model_missing(records: Iterable[dict[str, Any]]) -> None:
    """--require-llm: exit 2 when a reviewed case has no model review."""
    missing = sum(1 for r in records if r.get("review") and not r["review"]["llm"]["used"])
    if missing:
        _fail(f"--require-llm: the model review was not done for {missing} case(s) (see above)")


@app.command()
def check(
    request: Annotated[Path, typer.Argument(metavar="REQUEST", help="The request, or one file holding both request and draft.", show_default=False)],
    response: Annotated[
        Path | None, typer.Argument(metavar="RESPONSE", help="The draft response (omit it when REQUEST holds both).", show_default=False)
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar=metavar("check"), help="Output format.")] = "terminal",
    fail_on: FailOnOpt = None,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    allow_contact: AllowContactOpt = None,
    regime: RegimeOpt = None,
    pair: Annotated[
        list[str] | None,
        typer.Option("--pair", metavar="REQUEST:RESPONSE", help="Another draft to review in the same run (repeatable; a single FILE holds both)."),
    ] = None,
    llm: LlmOpt = False,
    model: ModelOpt = None,
    max_input_tokens: MaxInputTokensOpt = None,
    dry_run: DryRunOpt = False,
    show_payload: ShowPayloadOpt = False,
    no_cache: NoCacheOpt = False,
    require_llm: RequireLlmOpt = False,
    no_pseudonymise: NoPseudonymiseOpt = False,
    concurrency: ConcurrencyOpt = None,
    response_format: ResponseFormatOpt = None,
    baseline: BaselineOpt = None,
    update_baseline: UpdateBaselineOpt = None,
    show_personal_data: ShowPersonalDataOpt = False,
    case_timeout: CaseTimeoutOpt = DEFAULT_CASE_TIMEOUT,
) -> None:
    """Review a draft response against its request.

    \b
    foi-review check request.txt draft.txt
    foi-review check combined.txt            (request and response in one file)
    foi-review check request.txt draft.txt --format json --fail-on warning
    foi-review check request.txt draft.txt --llm --model gpt-4o-mini
    foi-review check combined.txt --dry-run     (token counts and cost; sends nothing)
    foi-review check combined.txt --dry-run --show-payload   (the messages as sent)
    foi-review check request.txt draft.docx --format html -o review.html
    """
    from reviewer.pipeline import review_files
    from reviewer.reporters.baseline import case_key
    from reviewer.reporters.common import case_fails
    from reviewer.reporters.formats import Checked, options_for
    from reviewer.reporters.records import case_record, review_record

    chosen = _reporter("check", format)  # a format check cannot write fails before any work
    run = _resolve(locals())
    accepted = _load_baseline(baseline, update_baseline)
    pairs = _pairs(request, response, pair)
    try:
        reviews = []
        for req_file, resp_file in pairs:
            with time_limit(case_timeout):  # each draft has its own budget
                reviews.append(review_files(req_file, resp_file, run.options))
    except ReviewerError as exc:
        _fail(str(exc))
        return
    except ReviewTimedOut as exc:
        _fail(f"{exc} (--case-timeout)")
        return
    if run.llm is not None:
        from reviewer.llm.review import dry_run as plan_only
        from reviewer.llm.review import run_reviews

        if run.dry_run:
            sys.stdout.write(plan_only(reviews, run.llm, show_payload=run.show_payload))
            raise typer.Exit(EXIT_CLEAN)
        run_reviews(reviews, run.llm)
    cases = [
        case_record(resp_file.as_posix(), review_record(r), request=str(req_file) if req_file else None, response=str(resp_file))
        for (req_file, resp_file), r in zip(pairs, reviews)
    ]
    base_file = baseline or update_baseline  # drafts are keyed by their path from its folder
    if update_baseline is not None:
        written = _write_baseline(update_baseline, cases, lambda c: case_key(c["response"], update_baseline))
        accepted = accepted if accepted is not None else written
    if accepted is not None and base_file is not None:
        cases = [accepted.annotate(c, case_key(c["response"], base_file)) for c in cases]
    if chosen.name != "terminal" or output is not None:  # the report cannot show them: stderr
        for r in reviews:
            for note in r.notes:
                if note.startswith("model review"):
                    typer.echo(f"foi-review: {r.context.response.source}: {note}", err=True)
    title = f"FOI draft review: {pairs[0][1].name}"
    shown = options_for(output, fail_on=run.fail_on, show_personal_data=show_personal_data, title=title)
    _emit("check", chosen, Checked(cases, reviews), shown, output)
    if run.require_llm:
        _model_missing(cases)
    raise typer.Exit(EXIT_FINDINGS if any(case_fails(c, run.fail_on) for c in cases) else EXIT_CLEAN)


def _pairs(request: Path, response: Path | None, more: list[str] | None) -> list[tuple[Path | None, Path]]:
    """(request, draft) for each draft of a `check`; None: the draft file holds both."""
    pairs: list[tuple[Path | None, Path]] = [(request, response) if response is not None else (None, request)]
    for spec in more or ():
        req, sep, resp = spec.rpartition(":")
        pairs.append((Path(req), Path(resp)) if sep and req else (None, Path(resp)))
    return pairs


@app.command()
def audit(
    path: Annotated[Path, typer.Argument(help="A folder of cases, a manifest (.csv/.jsonl), or one combined file.")],
    results: Annotated[
        Path | None, typer.Option("--results", help="Results, one JSON line per case (streamed; default: a temporary file).")
    ] = None,
    old_out: Annotated[Path | None, typer.Option("--out", hidden=True, help="Old name of --results.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Skip cases already in the --results file.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --results file if it already holds results.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes for the rule engine. [default: all cores]")] = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Write every finding to this CSV file.")] = None,
    html_file: Annotated[Path | None, typer.Option("--html", help="Write a self-contained HTML report to this file.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar=metavar("audit"), help="Summary (terminal/json) or CI format (sarif/junit/github).")] = "terminal",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the --format report to this file instead of stdout.")] = None,
    fail_on: FailOnOpt = None,
    baseline: BaselineOpt = None,
    update_baseline: UpdateBaselineOpt = None,
    config: ConfigOpt = None,
    allow_contact: AllowContactOpt = None,
    regime: RegimeOpt = None,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar on stderr (only on a terminal).")] = True,
    llm: LlmOpt = False,
    model: ModelOpt = None,
    max_input_tokens: MaxInputTokensOpt = None,
    dry_run: DryRunOpt = False,
    show_payload: ShowPayloadOpt = False,
    no_cache: NoCacheOpt = False,
    require_llm: RequireLlmOpt = False,
    no_pseudonymise: NoPseudonymiseOpt = False,
    concurrency: ConcurrencyOpt = None,
    response_format: ResponseFormatOpt = None,
    case_timeout: CaseTimeoutOpt = DEFAULT_CASE_TIMEOUT,
    show_personal_data: ShowPersonalDataOpt = False,
) -> None:
    """Review a whole tree of past cases: summary, CSV, HTML, SARIF/JUnit/GitHub.

    \b
    foi-review audit cases/ --results results.jsonl --html report.html --csv findings.csv
    foi-review audit manifest.csv --results results.jsonl --resume
    foi-review audit templates/ --format sarif -o foi.sarif --baseline .foi-baseline.json
    foi-review audit cases/ --llm --dry-run     (model calls and cost; sends nothing)
    """
    import tempfile

    from reviewer.audit import cases as case_finder
    from reviewer.audit.progress import progress_bar
    from reviewer.audit.runner import completed_ids, read_results, run_audit

    out_format = _reporter("audit", format)
    if old_out is not None:
        typer.echo("foi-review: warning: --out is deprecated; use --results (same meaning)", err=True)
    out = results or old_out
    run = _resolve(locals())
    if not path.exists():
        _fail(f"{path}: no such file or folder")
    if resume and out is None:
        _fail("--resume needs --results: the results file to resume")
    from reviewer.audit import guard

    skipped: list[str] = []
    try:  # everything that can be checked before the first case is reviewed
        case_finder.check_manifest(path)
        guard.check_out(path, out, resume, force)
        guard.check_files([("--csv", csv_file), ("--html", html_file), ("--output", output), ("--update-baseline", update_baseline)])
        guard.check_baseline(baseline, update_baseline)
        found = guard.cases_or_fail(path, skipped)
    except ReviewerError as exc:
        _fail(str(exc))
        return
    accepted = _load_baseline(baseline, update_baseline)
    if run.llm is not None and run.dry_run:
        _audit_dry_run(found, run)
    workers = jobs or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="foi-review-") as tmp:
        results = out if out is not None else Path(tmp) / "results.jsonl"
        try:
            skip = completed_ids(results) if resume else set()
            fresh = not (resume and results.exists() and results.stat().st_size)
            with results.open("w" if fresh else "a", encoding="utf-8") as fh:
                if fresh:
                    fh.write(guard.header_line(path))
                total = case_finder.count(path) if progress and sys.stderr.isatty() else None
                with progress_bar(total, progress) as advance:
                    if total and skip:
                        for _ in range(min(len(skip), total)):
                            advance("", "ok")
                    stats = run_audit(
                        found, run.options, fh, jobs=workers, skip=skip, progress=advance, llm=run.llm,
                        timeout=case_timeout or None,
                    )
        except OSError as exc:
            _fail(f"{results}: cannot write results ({exc.strerror or exc})")
            return
        except KeyboardInterrupt:
            typer.echo(guard.interrupted_text(path, results, out, guard.audit_argv(path, out)), err=True)
            raise typer.Exit(130) from None
        typer.echo(
            f"foi-review: reviewed {stats.reviewed} case(s), {stats.broken} could not be reviewed"
            + (f" ({stats.timed_out} timed out)" if stats.timed_out else "")
            + (f", {stats.skipped} already done" if stats.skipped else "")
            + f" in {stats.seconds:.1f}s with {workers} worker(s)",
            err=True,
        )
        if skipped:
            more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
            typer.echo(f"foi-review: skipped {len(skipped)}: {', '.join(skipped[:5])}{more}", err=True)
        if stats.note:
            typer.echo(f"foi-review: warning: {stats.note}", err=True)
        if update_baseline is not None:
            written = _write_baseline(update_baseline, read_results(results))
            accepted = accepted if accepted is not None else written

        def records() -> Iterator[dict[str, Any]]:
            for rec in read_results(results):
                yield accepted.annotate(rec) if accepted is not None else rec

        failing = _audit_reports(records, path, out_format, output, csv_file, html_file, run.fail_on, show_personal_data, skipped)
        if run.require_llm:
            _model_missing(records())
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


def _audit_dry_run(cases: Iterable[Any], run: Resolved) -> None:
    """`audit --llm --dry-run`: review every case with the rules, then print what the model
    review would send (calls, tokens, cost; with --show-payload the messages). Sends nothing."""
    from reviewer.audit.runner import review_of
    from reviewer.llm.review import dry_run as plan_only

    assert run.llm is not None
    reviews = []
    for case in cases:
        try:
            reviews.append(review_of(case, run.options))
        except ReviewerError as exc:
            typer.echo(f"foi-review: {case.id}: cannot be reviewed: {exc}", err=True)
    sys.stdout.write(plan_only(reviews, run.llm, show_payload=run.show_payload))
    raise typer.Exit(EXIT_CLEAN)


def _audit_reports(
    records: Any, path: Path, chosen: Reporter, output: Path | None, csv_file: Path | None, html_file: Path | None,
    level: str, show_personal_data: bool, skipped: list[str],
) -> int:
    """Write the audit's CSV and HTML files and its --format report; returns how many cases fail."""
    from reviewer.audit.summary import summarise
    from reviewer.reporters.formats import Audited, file_reporter, options_for

    shown = options_for(output, fail_on=level, show_personal_data=show_personal_data, title=f"FOI response audit: {path.name or path}")
    for option, file in (("--csv", csv_file), ("--html", html_file)):
        if file is not None:
            _emit("audit", file_reporter(option), Audited(records), shown, file)
    summary = summarise(records(), level, skipped=skipped)
    _emit("audit", chosen, Audited(records, summary), shown, output)
    return int(summary["failing"])


def _reporter(command: str, fmt: str) -> Reporter:
    """The --format reporter for `command`, checked before any work; exit 2 when it has none."""
    from reviewer.reporters.formats import FormatError, reporter

    try:
        return reporter(command, fmt)
    except FormatError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


def _emit(command: str, chosen: Reporter, data: Any, shown: ReportOptions, output: Path | None) -> None:
    """The one dispatch: `chosen` reports `data` to `output` (stdout when None)."""
    from reviewer.reporters.formats import FormatError, emit

    try:
        emit(command, chosen, data, shown, output)
    except FormatError as exc:
        _fail(str(exc))


@app.command("test")
def golden_test(
    fixtures: Annotated[Path, typer.Argument(help="Folder of golden cases (each with an expected.json).")] = Path("fixtures/cases"),
    update: Annotated[bool, typer.Option("--update", help="Rewrite each expected.json from the current result.")] = False,
    format: Annotated[str, typer.Option("--format", "-f", metavar=metavar("test"), help="Output format: the terminal lines, or JUnit XML for CI.")] = "terminal",
    output: OutputOpt = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", case_sensitive=False, help="Also fail a case with a finding at or above this severity, pinned or not (the settings file's fail_on does not apply here). [default: never]"),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Run golden cases: fail with a diff when a template change moves a result.

    \b
    foi-review test fixtures/cases
    foi-review test fixtures/cases --update     (accept the new results)
    foi-review test templates/ --fail-on error --format junit -o golden.xml
    """
    from reviewer.audit.golden import run_golden
    from reviewer.reporters.common import golden_failing
    from reviewer.reporters.formats import options_for

    chosen = _reporter("test", format)
    run = _resolve({"config": config})
    if not fixtures.is_dir():
        _fail(f"{fixtures}: no such folder")
    results = run_golden(fixtures, run.options, update)
    if not results:
        _fail(f"{fixtures}: no case folders with an expected.json (a golden case is a folder holding one, with the request and the template or draft; see docs/ci.md)")
    level = fail_on.value if fail_on is not None else "never"
    _emit("test", chosen, results, options_for(output, fail_on=level), output)
    raise typer.Exit(EXIT_FINDINGS if golden_failing(results, level) else EXIT_CLEAN)


@app.command("eval")
def evaluate(
    cases: Annotated[Path, typer.Argument(metavar="CASES", help="A folder of labelled cases: one folder per case with request.*, response.* and truth.json.")],
    format: Annotated[str, typer.Option("--format", "-f", metavar=metavar("eval"), help="Output format.")] = "terminal",
    output: OutputOpt = None,
    config: ConfigOpt = None,
    llm: Annotated[bool, typer.Option("--llm", help="Add a column for the rules with the model review (OPENAI_API_KEY, OPENAI_BASE_URL).")] = False,
    model: ModelOpt = None,
    concurrency: ConcurrencyOpt = None,
    response_format: ResponseFormatOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Score the tool on labelled past cases: rules alone and with --llm, side by side.

    \b
    foi-review eval past-cases/
    foi-review eval past-cases/ --llm --model gpt-4o-mini --format json
    """
    from reviewer.evaluate.labelled import find_cases
    from reviewer.evaluate.runner import run_eval
    from reviewer.reporters.formats import options_for

    chosen = _reporter("eval", format)
    run = _resolve(locals())
    try:
        result = run_eval(find_cases(cases), run.options, run.llm)
    except ReviewerError as exc:
        _fail(str(exc))
        return
    _emit("eval", chosen, result, options_for(output), output)


@app.command()
def serve(
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port for the page (0: any free port). [default: 8765]")] = 8765,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; anything but loopback needs --allow-remote.")] = "127.0.0.1",
    allow_remote: Annotated[bool, typer.Option("--allow-remote", help="Allow a --host other computers can reach (drafts then cross the network).")] = False,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open the page in the browser.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Open a review page in the browser: paste or upload a request and a draft.

    \b
    foi-review serve                  (http://127.0.0.1:8765/; needs: pip install 'foi-reviewer[web]')
    foi-review serve --port 9000 --no-browser
    """
    from reviewer.web import INSTALL_HINT, missing

    lacking = missing()
    if lacking is not None:
        _fail(f"serve needs the optional web extra ({lacking} is not installed): {INSTALL_HINT}")
    from reviewer.web.server import is_loopback
    from reviewer.web.server import serve as run_server

    if not is_loopback(host):
        if not allow_remote:
            _fail(f"--host {host} would let other computers reach the page and the drafts in it; add --allow-remote if you mean that")
        typer.echo(f"foi-review: warning: listening on {host}: anyone who can reach this address can use the page", err=True)
    from reviewer.resolve import model_settings

    run = _resolve({"config": config})
    try:
        run_server(run.options, host=host, port=port, open_browser=not no_browser, llm_settings=model_settings(run.config))
    except ReviewerError as exc:
        _fail(str(exc))


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(metavar="CODE", help="Show this rule in full: severity, law, fix and examples.", show_default=False)] = None,
    config: ConfigOpt = None,
) -> None:
    """List every rule with the severity in force under the settings file (* = changed), or show one."""
    from reviewer.reporters.rule_reference import load_rules, rule_detail, rule_list
    from reviewer.team.config import ConfigError, load_config

    try:
        settings = load_config(config, Path.cwd())
    except ConfigError as exc:
        _fail(str(exc))
        return
    if code is None:
        typer.echo(rule_list(settings.rules, settings.source), nl=False)
    elif code.upper() not in load_rules():
        _fail(f"no rule {code} (see `foi-review rules`)")
    else:
        typer.echo(rule_detail(code, settings.rules, settings.source), nl=False)


@app.command()
def prompts(
    name: Annotated[str | None, typer.Argument(help="Show this prompt in full (default: list them).")] = None,
    request: Annotated[Path | None, typer.Argument(metavar="[REQUEST]", help="With a draft: fill the prompt from this request.", show_default=False)] = None,
    response: Annotated[Path | None, typer.Argument(metavar="[RESPONSE]", help="The draft (omit it when REQUEST holds both).", show_default=False)] = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    max_input_tokens: MaxInputTokensOpt = None,
    no_pseudonymise: NoPseudonymiseOpt = False,
) -> None:
    """List the prompt templates the model review sends, or show one, so a team can review them.

    \b
    foi-review prompts                              (list them)
    foi-review prompts review                       (the template, with its $variables)
    foi-review prompts review request.txt draft.txt (filled and pseudonymised, exactly as sent)
    """
    from reviewer.llm.prompts import (
        REVIEW_PROMPT,
        PromptError,
        load_prompt,
        prompt_names,
    )

    try:
        if name is None:
            for n in prompt_names():
                p = load_prompt(n)
                typer.echo(f"{p.label:12} {p.description}")
            return
        p = load_prompt(name)
    except PromptError as exc:
        _fail(str(exc))
        return
    if request is None:
        typer.echo(
            f"# {p.label}: {p.description}\n# TEMPLATE: the $variables ({', '.join(sorted(p.variables))}) are filled for each "
            f"draft; run `foi-review prompts {p.name} REQUEST DRAFT` to see it filled and pseudonymised, exactly as sent.\n"
        )
        typer.echo(f"--- system ---\n{p.system}\n\n--- user ---\n{p.user}")
        return
    if p.name != REVIEW_PROMPT:
        _fail(f"only the '{REVIEW_PROMPT}' prompt is sent for a draft; '{p.name}' cannot be filled from files")
    from reviewer.llm.review import payload
    from reviewer.pipeline import review_files

    run = _resolve({**locals(), "dry_run": True})
    assert run.llm is not None
    try:
        review = review_files(request if response is not None else None, response or request, run.options)
    except ReviewerError as exc:
        _fail(str(exc))
        return
    sys.stdout.write(payload([review], run.llm))


def _usage_error(exc: Exception) -> str | None:
    """The one-line message of a command-line usage error (a bad --fail-on, a missing file
    name), else None. Duck-typed: typer raises click's exceptions or its vendored copies."""
    if getattr(exc, "exit_code", None) != EXIT_ERROR or not hasattr(exc, "format_message"):
        return None
    ctx = getattr(exc, "ctx", None)
    hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    return f"{exc.format_message()}{hint}"


def main() -> None:
    """Console-script entry point: never let a traceback reach an FOI officer, and give a
    usage error as one line, like every other error."""
    try:
        code = app(standalone_mode=False)
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("foi-review: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - last line of defence
        if type(exc).__name__ == "NoArgsIsHelpError":  # `foi-review` alone: the help, as ever
            exc.show()  # type: ignore[attr-defined]
            sys.exit(EXIT_ERROR)
        usage = _usage_error(exc)
        if usage is not None:
            typer.echo(f"foi-review: error: {usage}", err=True)
            sys.exit(EXIT_ERROR)
        if os.environ.get("FOI_REVIEW_DEBUG"):
            raise
        first_line = str(exc).splitlines()[0] if str(exc) else ""
        typer.echo(
            f"foi-review: internal error: {type(exc).__name__}: {first_line} (set FOI_REVIEW_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else EXIT_CLEAN)

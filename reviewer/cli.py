"""`foi-review`: the command line. Thin on purpose.

It parses options, loads settings, calls `reviewer.review`, hands the record to a reporter
and turns the result into an exit code. Errors a person can fix become one line on stderr and
exit code 2; nothing here prints a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from reviewer import __version__
from reviewer.errors import ReviewerError
from reviewer.reporters import Format
from reviewer.timelimit import DEFAULT_CASE_TIMEOUT, ReviewTimedOut, time_limit

if TYPE_CHECKING:
    from reviewer.config import Config
    from reviewer.llm.settings import LLMSettings
    from reviewer.review import Options

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


_FORMAT_HELP = (
    "How to ask the model for JSON: auto (json_schema, falling back to json_object when the server rejects it), "
    "json_schema, or json_object (JSON mode with the schema, for llama.cpp-family servers). [default: auto]"
)


def _response_format(value: Optional[str], settings: Config) -> str:
    """--response-format, else `[llm] response_format`, else auto; a bad value exits 2."""
    chosen = (value or settings.response_format or "auto").lower()
    if chosen not in ("auto", "json_schema", "json_object"):
        _fail(f"--response-format must be auto, json_schema or json_object, not '{value}'")
    return chosen


def _model_settings(
    settings: Config,
    *,
    model: Optional[str] = None,
    max_input_tokens: Optional[int] = None,
    concurrency: Optional[int] = None,
    response_format: Optional[str] = None,
    use_cache: bool = True,
    pseudonymise: bool = True,
) -> "LLMSettings":
    """The model settings every command uses: the command line over the settings file over
    the defaults; the endpoint from OPENAI_BASE_URL, else the file's `[llm] base_url`."""
    from reviewer.llm.settings import LLMSettings

    return LLMSettings.from_env(
        model=model or settings.model,
        max_input_tokens=max_input_tokens or settings.max_input_tokens,
        concurrency=concurrency or settings.concurrency,
        base_url=None if os.environ.get("OPENAI_BASE_URL") else settings.base_url,
        use_cache=use_cache,
        pseudonymise=pseudonymise,
        response_format=_response_format(response_format, settings),
        timeout=settings.timeout,
    )


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
    pair: Annotated[
        Optional[list[str]],
        typer.Option("--pair", metavar="REQUEST:RESPONSE", help="Another draft to review in the same run (repeatable; a single FILE holds both)."),
    ] = None,
    llm: Annotated[bool, typer.Option("--llm", help="Add a model review through an OpenAI-compatible endpoint (OPENAI_API_KEY, OPENAI_BASE_URL).")] = False,
    model: Annotated[Optional[str], typer.Option("--model", help="Model for --llm. [default: gpt-4o-mini]")] = None,
    max_input_tokens: Annotated[Optional[int], typer.Option("--max-input-tokens", min=500, help="Split a draft into several calls above this many input tokens. [default: 12000]")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the model calls, token counts and estimated cost; send nothing.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the model-answer cache.")] = False,
    require_llm: Annotated[bool, typer.Option("--require-llm", help="Exit 2 when the model review cannot be done (implies --llm).")] = False,
    no_pseudonymise: Annotated[bool, typer.Option("--no-pseudonymise", help="Send names, e-mail addresses and numbers as written (the report says so).")] = False,
    concurrency: Annotated[Optional[int], typer.Option("--concurrency", min=1, max=64, help="Model requests in flight at once. [default: 4]")] = None,
    response_format: Annotated[Optional[str], typer.Option("--response-format", help=_FORMAT_HELP)] = None,
    baseline: Annotated[
        Optional[Path], typer.Option("--baseline", help="Accepted findings (JSON): fail only on findings not in it.")
    ] = None,
    update_baseline: Annotated[
        Optional[Path], typer.Option("--update-baseline", help="Write this draft's findings to a baseline file and accept them.")
    ] = None,
    show_personal_data: Annotated[
        bool, typer.Option("--show-personal-data", help="Show leaked contact details unmasked in the HTML, SARIF, JUnit and GitHub output (masked by default: they may be shared).")
    ] = False,
    case_timeout: Annotated[float, typer.Option("--case-timeout", min=0, help="Give up on a review after this many seconds (0: no limit).")] = DEFAULT_CASE_TIMEOUT,
) -> None:
    """Review a draft response against its request.

    \b
    foi-review check request.txt draft.txt
    foi-review check combined.txt            (request and response in one file)
    foi-review check request.txt draft.txt --format json --fail-on warning
    foi-review check request.txt draft.txt --llm --model gpt-4o-mini
    foi-review check combined.txt --dry-run     (token counts and cost; sends nothing)
    foi-review check request.txt draft.docx --format html -o review.html
    """
    from reviewer.reporters import CASE_FORMATS, render_cases
    from reviewer.reporters.cases import case_fails
    from reviewer.reporters.records import case_record, review_record
    from reviewer.review import review_files

    settings, options, level = _settings(config, fail_on, allow_contact, regime)
    pairs: list[tuple[Path | None, Path]] = [(request, response) if response is not None else (None, request)]
    for spec in pair or ():
        req, sep, resp = spec.rpartition(":")
        pairs.append((Path(req), Path(resp)) if sep and req else (None, Path(resp)))
    try:
        reviews = []
        for req_file, resp_file in pairs:
            with time_limit(case_timeout):  # each draft has its own budget
                reviews.append(review_files(req_file, resp_file, options))
    except ReviewerError as exc:
        _fail(str(exc))
        return
    except ReviewTimedOut as exc:
        _fail(f"{exc} (--case-timeout)")
        return
    want_llm = llm or require_llm or settings.llm
    if want_llm or dry_run:
        llm_settings = _model_settings(
            settings, model=model, max_input_tokens=max_input_tokens, concurrency=concurrency,
            response_format=response_format, use_cache=not no_cache, pseudonymise=not no_pseudonymise,
        )
        if dry_run:
            from reviewer.llm.review import dry_run as plan_only

            sys.stdout.write(plan_only(reviews, llm_settings))
            raise typer.Exit(EXIT_CLEAN)
        from reviewer.llm.review import run_reviews

        run_reviews(reviews, llm_settings)
    cases = [
        case_record(
            resp_file.as_posix(), review_record(r),
            request=str(req_file) if req_file else None, response=str(resp_file),
        )
        for (req_file, resp_file), r in zip(pairs, reviews)
    ]
    cases = _apply_baseline(cases, baseline, update_baseline)
    records = [c["review"] for c in cases]
    if format in CASE_FORMATS:
        text = render_cases(format, cases, fail_on=level, root=Path.cwd(), show_personal_data=show_personal_data)
    elif format is Format.JSON:
        from reviewer.reporters.json_report import render as render_json

        text = render_json(records[0]) if len(records) == 1 else render_json({"reviews": records})
    elif format is Format.HTML:
        from reviewer.reporters.review_html import render as render_page, texts_of

        pages = [(rec, texts_of(r)) for rec, r in zip(records, reviews)]
        text = render_page(pages, show_personal_data=show_personal_data, title=f"FOI draft review: {pairs[0][1].name}")
    else:
        from reviewer.reporters.terminal import render as render_terminal

        to_tty = output is None and sys.stdout.isatty()
        color = to_tty and "NO_COLOR" not in os.environ
        width = _width() if to_tty else 110
        text = "\n".join(render_terminal(record, color=color, width=width) for record in records)
    if format is not Format.TERMINAL or output is not None:
        for r in reviews:
            for note in r.notes:
                if note.startswith("model review"):
                    typer.echo(f"foi-review: {r.context.response.source}: {note}", err=True)
    _emit(text, output)
    if require_llm and any(not r.llm.used for r in reviews):
        typer.echo("foi-review: error: --require-llm: the model review was not done (see above)", err=True)
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if any(case_fails(c, level) for c in cases) else EXIT_CLEAN)


def _settings(
    config: Optional[Path], fail_on: Optional[str], allow_contact: Optional[list[str]], regime: Optional[str]
) -> tuple[Config, Options, str]:
    """Settings, review options and the --fail-on level from the settings file and the command line."""
    from reviewer.config import ConfigError, load_config
    from reviewer.model import Regime
    from reviewer.review import Options

    try:
        settings = load_config(config, Path.cwd())
    except ConfigError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits
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
        rules=settings.rules,
        staff=settings.staff_list,
    )
    return settings, options, level


def _apply_baseline(
    cases: list[dict[str, Any]], baseline: Optional[Path], update: Optional[Path]
) -> list[dict[str, Any]]:
    """Write the baseline (--update-baseline) and/or mark findings new or unchanged (--baseline)."""
    if baseline is None and update is None:
        return cases  # the common case: not even the import (hashlib loads OpenSSL)
    from reviewer.baseline import load_baseline, write_baseline

    try:
        if update is not None:
            write_baseline(update, cases)
            baseline = baseline or update
        if baseline is None:
            return cases
        accepted = load_baseline(baseline)
    except ReviewerError as exc:
        _fail(str(exc))
        raise  # unreachable
    return [accepted.annotate(c) for c in cases]




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
def audit(
    path: Annotated[Path, typer.Argument(help="A folder of cases, a manifest (.csv/.jsonl), or one combined file.")],
    out: Annotated[
        Optional[Path], typer.Option("--out", help="Results, one JSON line per case (streamed; default: a temporary file).")
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Skip cases already in the --out results file.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --out results file if it already holds results.")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes for the rule engine. [default: all cores]")] = None,
    csv_file: Annotated[Optional[Path], typer.Option("--csv", help="Write every finding to this CSV file.")] = None,
    html_file: Annotated[Optional[Path], typer.Option("--html", help="Write a self-contained HTML report to this file.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Summary (terminal/json) or CI format (sarif/junit/github).")] = Format.TERMINAL,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the --format output to this file instead of stdout.")] = None,
    fail_on: Annotated[
        Optional[str],
        typer.Option("--fail-on", help="Exit 1 when a case has a finding at or above this severity (or could not be reviewed): error, warning, info or never. [default: error]"),
    ] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Accepted findings (JSON): fail only on new ones, report fixed ones.")] = None,
    update_baseline: Annotated[Optional[Path], typer.Option("--update-baseline", help="Write all findings of this audit to a baseline file.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Settings file (default: nearest .foi-review.toml or pyproject.toml).")] = None,
    allow_contact: Annotated[Optional[list[str]], typer.Option("--allow-contact", help="A published contact never to flag (repeatable).")] = None,
    regime: Annotated[Optional[str], typer.Option("--regime", help="FOIA, EIR, FOISA or EISR (default: detect from each draft).")] = None,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar on stderr (only on a terminal).")] = True,
    llm: Annotated[bool, typer.Option("--llm", help="Add the model review to every case (OPENAI_API_KEY, OPENAI_BASE_URL).")] = False,
    model: Annotated[Optional[str], typer.Option("--model", help="Model for --llm. [default: gpt-4o-mini]")] = None,
    concurrency: Annotated[
        Optional[int], typer.Option("--concurrency", min=1, max=64, help="Model requests in flight at once, across all workers. [default: 4]")
    ] = None,
    response_format: Annotated[Optional[str], typer.Option("--response-format", help=_FORMAT_HELP)] = None,
    case_timeout: Annotated[
        float, typer.Option("--case-timeout", min=0, help="Record a case as timed out after this many seconds and go on (0: no limit).")
    ] = DEFAULT_CASE_TIMEOUT,
    show_personal_data: Annotated[
        bool, typer.Option("--show-personal-data", help="Show leaked contact details unmasked in the CSV, HTML, SARIF, JUnit and GitHub output (masked by default: they may be shared).")
    ] = False,
) -> None:
    """Review a whole tree of past cases: summary, CSV, HTML, SARIF/JUnit/GitHub.

    \b
    foi-review audit cases/ --out results.jsonl --html report.html --csv findings.csv
    foi-review audit manifest.csv --out results.jsonl --resume
    foi-review audit templates/ --format sarif -o foi.sarif --baseline .foi-baseline.json
    """
    import tempfile

    from reviewer.audit import cases as case_finder
    from reviewer.audit.progress import progress_bar
    from reviewer.audit.runner import completed_ids, read_results, run_audit
    from reviewer.audit.summary import summarise
    from reviewer.reporters import CASE_FORMATS, render_cases

    if format is Format.HTML:
        _fail("audit writes its HTML report with --html FILE; --format html is for one draft (check)")
    settings, options, level = _settings(config, fail_on, allow_contact, regime)
    llm_settings = None
    if llm or settings.llm:
        llm_settings = _model_settings(settings, model=model, concurrency=concurrency, response_format=response_format)
    if not path.exists():
        _fail(f"{path}: no such file or folder")
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
                        found, options, fh, jobs=workers, skip=skip, progress=advance, llm=llm_settings,
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
        from reviewer.baseline import Baseline, load_baseline, write_baseline

        accepted: Baseline | None = None
        try:
            if update_baseline is not None:
                n = write_baseline(update_baseline, read_results(results))
                typer.echo(f"foi-review: wrote {n} accepted finding(s) to {update_baseline}", err=True)
            chosen = baseline or update_baseline
            accepted = load_baseline(chosen) if chosen is not None else None
        except ReviewerError as exc:
            _fail(str(exc))

        def records() -> Iterator[dict[str, Any]]:
            for rec in read_results(results):
                yield accepted.annotate(rec) if accepted is not None else rec

        try:
            if csv_file is not None:
                from reviewer.reporters.csv_report import rows

                with csv_file.open("w", encoding="utf-8", newline="") as cf:
                    for chunk in rows(records(), show_personal_data):
                        cf.write(chunk)
            if html_file is not None:
                from reviewer.reporters.html_report import render as render_html

                html_file.write_text(render_html(records(), title=f"FOI response audit: {path.name or path}", show_personal_data=show_personal_data), encoding="utf-8")
        except OSError as exc:
            _fail(f"cannot write a report ({exc.strerror or exc})")
        summary = summarise(records(), level, skipped=skipped)
        if format in CASE_FORMATS:
            text = render_cases(format, records(), fail_on=level, root=Path.cwd(), show_personal_data=show_personal_data)
        elif format is Format.JSON:
            import json

            text = json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
        else:
            from reviewer.reporters.audit_summary import render as render_summary

            to_tty = output is None and sys.stdout.isatty()
            text = render_summary(summary, color=to_tty and "NO_COLOR" not in os.environ, width=_width() if to_tty else 110)
        _emit(text, output)
    raise typer.Exit(EXIT_FINDINGS if summary["failing"] else EXIT_CLEAN)


def _emit(text: str, output: Optional[Path]) -> None:
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"{output}: cannot write ({exc.strerror or exc})")
    else:
        sys.stdout.write(text)


@app.command("test")
def golden_test(
    fixtures: Annotated[Path, typer.Argument(help="Folder of golden cases (each with an expected.json).")] = Path("fixtures/cases"),
    update: Annotated[bool, typer.Option("--update", help="Rewrite each expected.json from the current result.")] = False,
    config: Annotated[Optional[Path], typer.Option("--config", help="Settings file (default: nearest .foi-review.toml or pyproject.toml).")] = None,
) -> None:
    """Run golden cases: fail with a diff when a template change moves a result.

    \b
    foi-review test fixtures/cases
    foi-review test fixtures/cases --update     (accept the new results)
    """
    from reviewer.golden import ERROR, FAIL, PASS, run_golden

    _, options, _ = _settings(config, None, None, None)
    if not fixtures.is_dir():
        _fail(f"{fixtures}: no such folder")
    results = run_golden(fixtures, options, update)
    if not results:
        _fail(f"{fixtures}: no case folders with an expected.json (a golden case is a folder holding one, with the request and the template or draft; see docs/ci.md)")
    bad = 0
    for r in results:
        if r.outcome in (FAIL, ERROR):
            bad += 1
            typer.echo(f"FAIL  {r.case}")
            typer.echo(r.diff.rstrip("\n"))
        else:
            typer.echo(f"{r.outcome.upper():5} {r.case}")
    passed = sum(1 for r in results if r.outcome == PASS)
    typer.echo(f"{len(results)} case(s): {passed} passed, {bad} failed, {len(results) - passed - bad} updated")
    raise typer.Exit(EXIT_FINDINGS if bad else EXIT_CLEAN)


@app.command("eval")
def evaluate(
    cases: Annotated[Path, typer.Argument(metavar="CASES", help="A folder of labelled cases: one folder per case with request.*, response.* and truth.json.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="terminal or json.")] = Format.TERMINAL,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the scores to this file instead of stdout.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Settings file (default: nearest .foi-review.toml or pyproject.toml).")] = None,
    llm: Annotated[bool, typer.Option("--llm", help="Add a column for the rules with the model review (OPENAI_API_KEY, OPENAI_BASE_URL).")] = False,
    model: Annotated[Optional[str], typer.Option("--model", help="Model for --llm. [default: gpt-4o-mini]")] = None,
    concurrency: Annotated[Optional[int], typer.Option("--concurrency", min=1, max=64, help="Model requests in flight at once. [default: 4]")] = None,
    response_format: Annotated[Optional[str], typer.Option("--response-format", help=_FORMAT_HELP)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the model-answer cache.")] = False,
) -> None:
    """Score the tool on labelled past cases: rules alone and with --llm, side by side.

    \b
    foi-review eval past-cases/
    foi-review eval past-cases/ --llm --model gpt-4o-mini --format json
    """
    from reviewer.evaluate.cases import find_cases
    from reviewer.evaluate.render import render_json, render_text
    from reviewer.evaluate.runner import run_eval

    if format not in (Format.TERMINAL, Format.JSON):
        _fail("eval --format must be terminal or json")
    settings, options, _ = _settings(config, None, None, None)
    llm_settings = None
    if llm or settings.llm:
        llm_settings = _model_settings(
            settings, model=model, concurrency=concurrency, response_format=response_format, use_cache=not no_cache
        )
    try:
        result = run_eval(find_cases(cases), options, llm_settings)
    except ReviewerError as exc:
        _fail(str(exc))
        return
    _emit(render_json(result) if format is Format.JSON else render_text(result), output)


@app.command()
def serve(
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port for the page (0: any free port). [default: 8765]")] = 8765,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; anything but loopback needs --allow-remote.")] = "127.0.0.1",
    allow_remote: Annotated[bool, typer.Option("--allow-remote", help="Allow a --host other computers can reach (drafts then cross the network).")] = False,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open the page in the browser.")] = False,
    config: Annotated[Optional[Path], typer.Option("--config", help="Settings file (default: nearest .foi-review.toml or pyproject.toml).")] = None,
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
    from reviewer.web.server import is_loopback, serve as run_server

    if not is_loopback(host):
        if not allow_remote:
            _fail(f"--host {host} would let other computers reach the page and the drafts in it; add --allow-remote if you mean that")
        typer.echo(f"foi-review: warning: listening on {host}: anyone who can reach this address can use the page", err=True)
    settings, options, _ = _settings(config, None, None, None)
    llm_settings = _model_settings(settings)
    try:
        run_server(options, host=host, port=port, open_browser=not no_browser, llm_settings=llm_settings)
    except ReviewerError as exc:
        _fail(str(exc))


@app.command()
def rules() -> None:
    """List every rule: code, name, category, default severity and what it flags."""
    import reviewer.checks  # noqa: F401  (registers the rules)
    import reviewer.llm.rules  # noqa: F401  (the model tier's rules)
    from reviewer.findings import RULES

    for code in sorted(RULES):
        r = RULES[code]
        typer.echo(f"{r.code}  {r.name:38} {r.category.value:15} {r.severity.value:8} {r.summary}")


@app.command()
def prompts(
    name: Annotated[Optional[str], typer.Argument(help="Show this prompt in full (default: list them).")] = None,
) -> None:
    """List the prompt templates the model review sends, or show one, so a team can review them."""
    from reviewer.llm.prompts import PromptError, load_prompt, prompt_names

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
    typer.echo(f"# {p.label}: {p.description}\n# variables: {', '.join(sorted(p.variables))}\n")
    typer.echo(f"--- system ---\n{p.system}\n\n--- user ---\n{p.user}")


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

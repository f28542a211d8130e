"""Run cases in worker processes and stream one JSON line per case to the results file.

Memory stays flat however many cases there are:

* discovery is a generator, and at most `jobs * 4` chunks of `chunk_size` cases are in
  flight at once (a bounded window of futures, not `executor.map`, which would submit every
  case up front);
* workers serialise each result to a JSON line themselves; the parent only writes lines and
  forgets them;
* every report (summary, CSV, HTML, SARIF...) is made afterwards by reading the results file
  back as a stream.

A broken case (unreadable file, no request, a loader or template error, even a crash inside
the pipeline) becomes a line with `"status": "error"` and its reason; it never stops the run.
If a worker process dies outright, its chunk is retried one case at a time in a fresh pool, and
the case that kills a worker again is recorded as broken.

Resume: cases whose id is already in the results file are skipped, and a last line cut off by
an interrupted run is trimmed before appending.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from reviewer.audit.cases import Case
from reviewer.audit.timelimit import ReviewTimedOut, time_limit
from reviewer.core.document import Document
from reviewer.core.errors import ReviewerError
from reviewer.core.model import Review
from reviewer.pipeline import Options, review_documents, review_files
from reviewer.reporters.records import case_record, review_record

if TYPE_CHECKING:
    from reviewer.llm.settings import LLMSettings

ProgressFn = Callable[[str, str], None]  # (case id, "ok" | "error")


@dataclass
class RunStats:
    reviewed: int = 0
    broken: int = 0
    skipped: int = 0  # already in the results file (--resume)
    seconds: float = 0.0
    timed_out: int = 0  # of the broken ones: ran past the case timeout
    worker_peak_kb: int = 0  # the largest worker's peak resident memory (0 when run in-process)
    note: str = ""  # how the run degraded, if it did


def _review(case: Case, options: Options) -> Review:
    """Review one case's files (or rendered template). Raises on a broken case."""
    if case.error is not None:
        raise ReviewerError(case.error)
    if case.template is not None:
        from reviewer.audit.templating import render_template
        from reviewer.loaders import load

        text = render_template(case.template, case.data)
        from reviewer.audit.templates import inner_suffix

        fmt = "markdown" if inner_suffix(case.template) in (".md", ".markdown") else "text"
        req_doc = load(case.request) if case.request is not None else None
        return review_documents(req_doc, Document(text, str(case.template), fmt), options)
    assert case.response is not None
    return review_files(case.request, case.response, options)


def review_of(case: Case, options: Options) -> Review:
    """The rule-engine review of one case, in this process (`audit --dry-run` plans the model
    calls from it). Raises `ReviewerError` for a broken case."""
    return _review(case, options)


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ReviewerError):
        return str(exc)
    return f"internal error: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def _record(
    case: Case, review: Review | None, error: str | None, seconds: float, timed_out: bool = False
) -> dict[str, Any]:
    request = str(case.request) if case.request is not None else None
    response = str(case.template or case.response) if (case.template or case.response) else None
    reviewed = review_record(review) if review is not None else None
    if reviewed is not None and case.template is not None:
        from reviewer.audit.templates import relocate
        from reviewer.audit.templating import template_source

        relocate(reviewed, case.template, template_source(case.template))
    return case_record(
        case.id, reviewed, request=request, response=response,
        metadata=case.metadata, error=error, seconds=seconds, timed_out=timed_out,
    )


def timeout_text(seconds: float) -> str:
    """The reason recorded for a case that ran past `--case-timeout`."""
    return f"timed out after {seconds:g} s (--case-timeout): the review did not finish in time"


def review_case(case: Case, options: Options, timeout: float | None = None) -> dict[str, Any]:
    """Review one case into a case record, within `timeout` seconds if given. Never raises."""
    started = time.perf_counter()
    try:
        with time_limit(timeout):
            try:
                review = _review(case, options)
            except Exception as exc:  # noqa: BLE001 - one odd case must not stop an audit
                return _record(case, None, _error_text(exc), time.perf_counter() - started)
            try:
                return _record(case, review, None, time.perf_counter() - started)
            except Exception as exc:  # noqa: BLE001
                return _record(case, None, _error_text(exc), time.perf_counter() - started)
    except ReviewTimedOut as exc:
        return _record(case, None, timeout_text(exc.seconds), time.perf_counter() - started, timed_out=True)


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


# --- worker side ------------------------------------------------------------------------------

_WORKER_OPTIONS = Options()
_WORKER_LLM: LLMSettings | None = None
_WORKER_TIMEOUT: float | None = None


def _init_worker(options: Options, llm: LLMSettings | None = None, timeout: float | None = None) -> None:
    global _WORKER_OPTIONS, _WORKER_LLM, _WORKER_TIMEOUT
    import signal
    import threading

    if multiprocessing.parent_process() is not None and threading.current_thread() is threading.main_thread():
        # Ctrl-C reaches the whole process group: the parent says what was saved and stops the
        # workers; a worker must not print its own KeyboardInterrupt traceback
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_OPTIONS = options
    _WORKER_LLM = llm
    _WORKER_TIMEOUT = timeout


def _run_chunk(cases: list[Case]) -> list[tuple[str, str, str]]:
    """(case id, status, JSON line) for each case; run inside a worker process."""
    if _WORKER_LLM is not None:
        return _run_chunk_with_model(cases, _WORKER_LLM)
    out = []
    for case in cases:
        rec = review_case(case, _WORKER_OPTIONS, _WORKER_TIMEOUT)
        out.append((case.id, rec["status"], _line(rec)))
    return out


def _run_chunk_with_model(cases: list[Case], llm: LLMSettings) -> list[tuple[str, str, str]]:
    """Rule-engine review of each case, then the model review of the whole chunk at once, with
    at most `llm.concurrency` requests in flight from this worker (the model tier's own
    semaphore). The model tier never raises for model trouble; it notes it on the review."""
    from reviewer.llm.review import run_reviews

    started = time.perf_counter()
    done: list[tuple[Case, Review | None, str | None]] = []
    timed_out: set[str] = set()
    for case in cases:
        try:
            with time_limit(_WORKER_TIMEOUT):  # the rule engine's part; the model has its own timeout
                done.append((case, _review(case, _WORKER_OPTIONS), None))
        except ReviewTimedOut as exc:
            done.append((case, None, timeout_text(exc.seconds)))
            timed_out.add(case.id)
        except Exception as exc:  # noqa: BLE001
            done.append((case, None, _error_text(exc)))
    reviews = [r for _, r, _ in done if r is not None]
    if reviews:
        try:
            run_reviews(reviews, llm)
        except Exception as exc:  # noqa: BLE001 - the rule-engine results still stand
            for r in reviews:
                r.notes.append(f"model review failed: {type(exc).__name__}: {exc}")
    each = (time.perf_counter() - started) / max(1, len(cases))
    out = []
    for case, review, error in done:
        rec = _record(case, review, error, each, timed_out=case.id in timed_out)
        out.append((case.id, rec["status"], _line(rec)))
    return out


def _run_chunk_measured(cases: list[Case]) -> tuple[list[tuple[str, str, str]], int]:
    """`_run_chunk` plus this worker's peak RSS in KiB (workers are not our direct children
    under forkserver, so RUSAGE_CHILDREN in the parent would not see them)."""
    import resource

    return _run_chunk(cases), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# --- parent side ------------------------------------------------------------------------------


def completed_ids(path: Path) -> set[str]:
    """Case ids already in a results file, after trimming a cut-off last line."""
    if not path.exists():
        return set()
    with path.open("rb+") as fh:
        data_end = fh.seek(0, os.SEEK_END)
        if data_end:
            fh.seek(max(0, data_end - 1))
            if fh.read(1) != b"\n":  # an interrupted write: drop the partial line
                fh.seek(0)
                content = fh.read()
                fh.seek(content.rfind(b"\n") + 1)
                fh.truncate()
    done: set[str] = set()
    for rec in read_results(path):
        done.add(str(rec.get("case")))
    return done


def read_results(path: Path) -> Iterator[dict[str, Any]]:
    """Stream the case records of a results file, skipping lines that are not JSON objects."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if isinstance(rec, dict) and "case" in rec:
                yield rec


def _chunks(cases: Iterable[Case], size: int, skip: set[str], stats: RunStats) -> Iterator[list[Case]]:
    seen: set[str] = set()
    chunk: list[Case] = []
    for case in cases:
        if case.id in skip:
            stats.skipped += 1
            continue
        if case.id in seen:
            case = Case(case.id + f"#{len(seen)}", None, metadata=case.metadata, error=f"duplicate case id {case.id!r}")
        seen.add(case.id)
        chunk.append(case)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _pool(jobs: int, options: Options, llm: LLMSettings | None = None, timeout: float | None = None) -> ProcessPoolExecutor:
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["reviewer.audit.runner"])
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(options, llm, timeout))


def run_audit(
    cases: Iterable[Case],
    options: Options,
    out: IO[str],
    *,
    jobs: int = 1,
    skip: set[str] | None = None,
    progress: ProgressFn | None = None,
    chunk_size: int = 16,
    llm: LLMSettings | None = None,
    timeout: float | None = None,
) -> RunStats:
    """Review `cases`, writing one JSON line per case to `out` as results arrive.

    `jobs` 1 runs in this process; more uses that many worker processes. Cases whose id is in
    `skip` are not run (resume). With `llm`, each chunk also gets the model review; the model's
    concurrency budget is shared out so that all workers together keep at most
    `llm.concurrency` requests in flight. `timeout` (seconds, `--case-timeout`) bounds each
    case's review: a case that runs over is recorded with status "timeout" and the audit goes
    on (see `reviewer.audit.timelimit`; a worker that does not stop is killed and replaced).
    """
    if llm is not None and jobs > 1:
        llm = replace(llm, concurrency=max(1, llm.concurrency // jobs))
    stats = RunStats()
    started = time.perf_counter()

    def emit(results: list[tuple[str, str, str]]) -> None:
        for case_id, status, line in results:
            out.write(line)
            if status == "ok":
                stats.reviewed += 1
            else:
                stats.broken += 1
                stats.timed_out += status == "timeout"
            if progress is not None:
                progress(case_id, status)
        out.flush()

    chunks = _chunks(cases, chunk_size if jobs > 1 else 1, skip or set(), stats)
    if jobs <= 1:
        _init_worker(options, llm, timeout)
        for chunk in chunks:
            emit(_run_chunk(chunk))
    else:
        stats.worker_peak_kb, leftover = _run_parallel(chunks, options, jobs, emit, llm, timeout)
        if leftover:
            stats.note = "worker processes kept dying, so the remaining cases ran in this process"
            _init_worker(options, llm, timeout)
            for chunk in [*leftover, *chunks]:
                emit(_run_chunk(chunk))
    stats.seconds = time.perf_counter() - started
    return stats


_MAX_POOL_FAILURES = 3  # pools in a row that died before returning anything: give up on workers


_GRACE = 10.0  # seconds on top of the cases' budgets: starting a worker, sending results back


def _allowance(chunk: list[Case], timeout: float) -> float:
    """How long the parent waits for a chunk before it deems its worker stuck: every case may
    use its whole budget (the worker's own alarm stops each one), plus time to start a worker."""
    return len(chunk) * timeout + max(_GRACE, timeout)


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill a pool's worker processes. `ProcessPoolExecutor` has no public way to do this before
    Python 3.14 (`kill_workers`), and `shutdown` waits for the running work to finish, which is
    what a stuck worker never does."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        proc.kill()


def _run_parallel(
    chunks: Iterator[list[Case]],
    options: Options,
    jobs: int,
    emit: Callable[[list[tuple[str, str, str]]], None],
    llm: LLMSettings | None = None,
    timeout: float | None = None,
    worker_alarm: bool = True,
) -> tuple[int, list[list[Case]]]:
    """Run chunks in a pool of `jobs` workers.

    Returns the largest worker peak RSS (KiB) and the chunks left undone if worker processes
    cannot be kept alive at all (e.g. they cannot start): the caller runs those, and the rest
    of `chunks`, in-process, so the audit still completes.

    With `timeout`, each worker stops a case at its budget itself; as a backstop, a chunk that
    has not come back within `_allowance` means its worker is stuck where the alarm cannot reach
    (a C library): the pool's workers are killed and replaced, the stuck chunk's cases rerun one
    at a time and a single case that gets stuck again is recorded as timed out. Only `jobs`
    chunks are in flight then, so the time since a chunk was submitted is the time it has run.
    `worker_alarm` False leaves the backstop alone on duty (tests).
    """
    window = jobs if timeout else jobs * 4
    peak = 0
    failures = 0
    retry: list[list[Case]] = []  # chunks whose worker died: rerun one case at a time
    worker_timeout = timeout if worker_alarm else None
    pool = _pool(jobs, options, llm, worker_timeout)
    in_flight: dict[Future[tuple[list[tuple[str, str, str]], int]], tuple[list[Case], bool]] = {}
    deadline: dict[Future[tuple[list[tuple[str, str, str]], int]], float] = {}
    exhausted = False
    try:
        while True:
            broken = False
            while not broken and len(in_flight) < window and (retry or not exhausted):
                if retry:
                    chunk, single = retry.pop(), True
                else:
                    nxt = next(chunks, None)
                    if nxt is None:
                        exhausted = True
                        break
                    chunk, single = nxt, False
                try:
                    fut = pool.submit(_run_chunk_measured, chunk)
                except BrokenProcessPool:
                    broken = True
                    retry.append(chunk) if single else retry.extend([c] for c in chunk)
                    continue
                in_flight[fut] = (chunk, single)
                if timeout:
                    deadline[fut] = time.monotonic() + _allowance(chunk, timeout)
            if not in_flight and not broken:
                break
            done: set[Future[tuple[list[tuple[str, str, str]], int]]] = set()
            if in_flight:
                left = max(0.0, min(deadline.values()) - time.monotonic()) if deadline else None
                done = wait(in_flight, timeout=left, return_when=FIRST_COMPLETED)[0]
            for fut in done:
                chunk, single = in_flight.pop(fut)
                deadline.pop(fut, None)
                try:
                    results, rss = fut.result()
                except BrokenProcessPool:
                    broken = True
                    if single and failures == 0:
                        emit([(c.id, "error", _line(_died(c))) for c in chunk])
                    else:
                        retry.append(chunk) if single else retry.extend([c] for c in chunk)
                    continue
                failures = 0
                peak = max(peak, rss)
                emit(results)
            now = time.monotonic()
            stuck = [f for f, at in deadline.items() if at <= now and f in in_flight]
            if stuck and not broken and timeout:
                for fut in stuck:
                    chunk, single = in_flight.pop(fut)
                    if single:
                        emit([(c.id, "timeout", _line(_stuck(c, timeout))) for c in chunk])
                    else:
                        retry.extend([c] for c in chunk)
                for chunk, single in in_flight.values():
                    retry.append(chunk) if single else retry.extend([c] for c in chunk)
                in_flight.clear()
                deadline.clear()
                _kill_workers(pool)
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(jobs, options, llm, worker_timeout)
                continue
            if broken:
                # every other future of the dead pool fails too: requeue them singly
                for chunk, single in in_flight.values():
                    retry.append(chunk) if single else retry.extend([c] for c in chunk)
                in_flight.clear()
                deadline.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                failures += 1
                if failures >= _MAX_POOL_FAILURES:
                    return peak, retry
                pool = _pool(jobs, options, llm, worker_timeout)
    except KeyboardInterrupt:
        _kill_workers(pool)  # Ctrl-C: do not wait for the chunks in flight
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return peak, []


def _stuck(case: Case, timeout: float) -> dict[str, Any]:
    return case_record(
        case.id, None,
        request=str(case.request) if case.request else None,
        response=str(case.template or case.response) if (case.template or case.response) else None,
        metadata=case.metadata,
        error=timeout_text(timeout) + "; its worker process was stopped",
        seconds=timeout,
        timed_out=True,
    )


def _died(case: Case) -> dict[str, Any]:
    return case_record(
        case.id, None,
        request=str(case.request) if case.request else None,
        response=str(case.template or case.response) if (case.template or case.response) else None,
        metadata=case.metadata,
        error="the worker process reviewing this case died (out of memory or a crash in a library)",
    )

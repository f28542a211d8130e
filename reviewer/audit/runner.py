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
from reviewer.document import Document
from reviewer.errors import ReviewerError
from reviewer.reporters.records import case_record, review_record
from reviewer.model import Review
from reviewer.review import Options, review_documents, review_files

if TYPE_CHECKING:
    from reviewer.llm.settings import LLMSettings

ProgressFn = Callable[[str, str], None]  # (case id, "ok" | "error")


@dataclass
class RunStats:
    reviewed: int = 0
    broken: int = 0
    skipped: int = 0  # already in the results file (--resume)
    seconds: float = 0.0
    worker_peak_kb: int = 0  # the largest worker's peak resident memory (0 when run in-process)
    note: str = ""  # how the run degraded, if it did


def _review(case: Case, options: Options) -> Review:
    """Review one case's files (or rendered template). Raises on a broken case."""
    if case.error is not None:
        raise ReviewerError(case.error)
    if case.template is not None:
        from reviewer.loaders import load
        from reviewer.templating import render_template

        text = render_template(case.template, case.data)
        fmt = "markdown" if case.template.suffix.lower() in (".md", ".markdown") else "text"
        req_doc = load(case.request) if case.request is not None else None
        return review_documents(req_doc, Document(text, str(case.template), fmt), options)
    assert case.response is not None
    return review_files(case.request, case.response, options)


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ReviewerError):
        return str(exc)
    return f"internal error: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def _record(case: Case, review: Review | None, error: str | None, seconds: float) -> dict[str, Any]:
    request = str(case.request) if case.request is not None else None
    response = str(case.template or case.response) if (case.template or case.response) else None
    return case_record(
        case.id, review_record(review) if review is not None else None, request=request, response=response,
        metadata=case.metadata, error=error, seconds=seconds,
    )


def review_case(case: Case, options: Options) -> dict[str, Any]:
    """Review one case into a case record. Never raises."""
    started = time.perf_counter()
    try:
        review = _review(case, options)
    except Exception as exc:  # noqa: BLE001 - one odd case must not stop an audit
        return _record(case, None, _error_text(exc), time.perf_counter() - started)
    try:
        return _record(case, review, None, time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001
        return _record(case, None, _error_text(exc), time.perf_counter() - started)


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


# --- worker side ------------------------------------------------------------------------------

_WORKER_OPTIONS = Options()
_WORKER_LLM: LLMSettings | None = None


def _init_worker(options: Options, llm: LLMSettings | None = None) -> None:
    global _WORKER_OPTIONS, _WORKER_LLM
    _WORKER_OPTIONS = options
    _WORKER_LLM = llm


def _run_chunk(cases: list[Case]) -> list[tuple[str, str, str]]:
    """(case id, status, JSON line) for each case; run inside a worker process."""
    if _WORKER_LLM is not None:
        return _run_chunk_with_model(cases, _WORKER_LLM)
    out = []
    for case in cases:
        rec = review_case(case, _WORKER_OPTIONS)
        out.append((case.id, rec["status"], _line(rec)))
    return out


def _run_chunk_with_model(cases: list[Case], llm: LLMSettings) -> list[tuple[str, str, str]]:
    """Rule-engine review of each case, then the model review of the whole chunk at once, with
    at most `llm.concurrency` requests in flight from this worker (the model tier's own
    semaphore). The model tier never raises for model trouble; it notes it on the review."""
    from reviewer.llm.review import run_reviews

    started = time.perf_counter()
    done: list[tuple[Case, Review | None, str | None]] = []
    for case in cases:
        try:
            done.append((case, _review(case, _WORKER_OPTIONS), None))
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
        rec = _record(case, review, error, each)
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


def _pool(jobs: int, options: Options, llm: LLMSettings | None = None) -> ProcessPoolExecutor:
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["reviewer.audit.runner"])
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(options, llm))


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
) -> RunStats:
    """Review `cases`, writing one JSON line per case to `out` as results arrive.

    `jobs` 1 runs in this process; more uses that many worker processes. Cases whose id is in
    `skip` are not run (resume). With `llm`, each chunk also gets the model review; the model's
    concurrency budget is shared out so that all workers together keep at most
    `llm.concurrency` requests in flight.
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
            if progress is not None:
                progress(case_id, status)
        out.flush()

    chunks = _chunks(cases, chunk_size if jobs > 1 else 1, skip or set(), stats)
    if jobs <= 1:
        _init_worker(options, llm)
        for chunk in chunks:
            emit(_run_chunk(chunk))
    else:
        stats.worker_peak_kb, leftover = _run_parallel(chunks, options, jobs, emit, llm)
        if leftover:
            stats.note = "worker processes kept dying, so the remaining cases ran in this process"
            _init_worker(options, llm)
            for chunk in [*leftover, *chunks]:
                emit(_run_chunk(chunk))
    stats.seconds = time.perf_counter() - started
    return stats


_MAX_POOL_FAILURES = 3  # pools in a row that died before returning anything: give up on workers


def _run_parallel(
    chunks: Iterator[list[Case]],
    options: Options,
    jobs: int,
    emit: Callable[[list[tuple[str, str, str]]], None],
    llm: LLMSettings | None = None,
) -> tuple[int, list[list[Case]]]:
    """Run chunks in a pool of `jobs` workers.

    Returns the largest worker peak RSS (KiB) and the chunks left undone if worker processes
    cannot be kept alive at all (e.g. they cannot start): the caller runs those, and the rest
    of `chunks`, in-process, so the audit still completes.
    """
    window = jobs * 4
    peak = 0
    failures = 0
    retry: list[list[Case]] = []  # chunks whose worker died: rerun one case at a time
    pool = _pool(jobs, options, llm)
    in_flight: dict[Future[tuple[list[tuple[str, str, str]], int]], tuple[list[Case], bool]] = {}
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
                    in_flight[pool.submit(_run_chunk_measured, chunk)] = (chunk, single)
                except BrokenProcessPool:
                    broken = True
                    retry.append(chunk) if single else retry.extend([c] for c in chunk)
            if not in_flight and not broken:
                break
            done = wait(in_flight, return_when=FIRST_COMPLETED)[0] if in_flight else set()
            for fut in done:
                chunk, single = in_flight.pop(fut)
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
            if broken:
                # every other future of the dead pool fails too: requeue them singly
                for chunk, single in in_flight.values():
                    retry.append(chunk) if single else retry.extend([c] for c in chunk)
                in_flight.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                failures += 1
                if failures >= _MAX_POOL_FAILURES:
                    return peak, retry
                pool = _pool(jobs, options, llm)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return peak, []


def _died(case: Case) -> dict[str, Any]:
    return case_record(
        case.id, None,
        request=str(case.request) if case.request else None,
        response=str(case.template or case.response) if (case.template or case.response) else None,
        metadata=case.metadata,
        error="the worker process reviewing this case died (out of memory or a crash in a library)",
    )

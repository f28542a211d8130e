"""Shared test helpers: where the fixtures are, and how to run the real command line."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from reviewer.core.model import Regime, ReviewContext

from llm_server import ScriptedServer

# tests/casegen.py (generated cases for audits) is imported as `casegen`.
sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CASES = FIXTURES / "cases"
SEED_ONS = CASES / "ons-cctv-suppliers" / "000_9fdd8bb9b74a6a96.txt"
SEED_HWFRS = CASES / "hwfrs-cctv-maintenance" / "001_2e59bc44238aaadb.txt"
SEEDS = {p.name: p for p in (SEED_ONS, SEED_HWFRS)}


def run_cli(*args: str | Path, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `foi-review` as a user would: a separate process, real argv, real exit code."""
    return subprocess.run(
        [sys.executable, "-m", "reviewer", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    return run_cli


@pytest.fixture
def llm_server() -> Iterator[ScriptedServer]:
    """The scripted OpenAI-compatible server (tests/llm_server.py) on 127.0.0.1, random port."""
    server = ScriptedServer().start()
    try:
        yield server
    finally:
        server.stop()


def reply_ctx(
    response: str,
    request: str = "Please send me your FOI policy.",
    allow: tuple[str, ...] = (),
    *,
    cite: bool = False,
    regime: Regime | None = None,
) -> ReviewContext:
    """A ReviewContext for a reply and a one-line request, with no questions: for checks that
    only read the reply (personal data, template). `cite=True` also reads the reply as the
    pipeline does before the exemption and refusal checks: its regime (unless `regime` is
    given) and the provisions it cites."""
    from reviewer.analysis.citations import detect_regime, find_citations
    from reviewer.core.document import Document, Span
    from reviewer.core.model import Regime, ReviewContext

    regime_explicit, citations = False, []
    if cite:
        detected, regime_explicit = detect_regime(response)
        regime = regime or detected
        citations = find_citations(response, 0, len(response), regime)
    return ReviewContext(
        request=Document(request, "request.txt"), response=Document(response, "response.txt"),
        request_span=Span(0, len(request)), response_span=Span(0, len(response)),
        questions=[], answers=[], citations=citations, regime=regime or Regime.FOIA, regime_explicit=regime_explicit,
        allow_contacts=allow,
    )


def combined_ctx(text: str, split_at: str = "Response") -> ReviewContext:
    """A ReviewContext for one file holding request and reply, split at `split_at`, with no
    questions: for checks that only read the reply part."""
    from reviewer.core.document import Document, Span
    from reviewer.core.model import Regime, ReviewContext

    i = text.index(split_at)
    doc = Document(text, "combined.txt")
    return ReviewContext(
        request=doc, response=doc, request_span=Span(0, i), response_span=Span(i, len(text)),
        questions=[], answers=[], citations=[], regime=Regime.FOIA, regime_explicit=False,
    )

"""Helpers shared by the reporters that take case records (`records.case_record`).

What fails a gate is decided here once, so SARIF, JUnit, GitHub annotations, the audit summary
and the exit code agree: a broken case fails; so does a finding at or above the `--fail-on`
level that is not accepted by the baseline (`"baseline": "unchanged"`). Suppressed findings
live apart, under `review.suppressed`, and never fail anything.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer.core.model import GoldenResult

FAIL_RANK = {"error": 3, "warning": 2, "info": 1}


def at_or_above(severity: str, level: str) -> bool:
    if level == "never":
        return False
    return FAIL_RANK.get(severity, 0) >= FAIL_RANK[level]


def findings(record: dict[str, Any]) -> list[dict[str, Any]]:
    review = record.get("review")
    return list(review.get("findings", [])) if review else []


def suppressed(record: dict[str, Any]) -> list[dict[str, Any]]:
    review = record.get("review")
    return list(review.get("suppressed", [])) if review else []


def failing(record: dict[str, Any], level: str) -> list[dict[str, Any]]:
    """The findings of a case that fail the gate: at or above `level` and not in the baseline."""
    return [f for f in findings(record) if at_or_above(f["severity"], level) and f.get("baseline") != "unchanged"]


def case_fails(record: dict[str, Any], level: str) -> bool:
    """True when the case fails the gate; `never` never fails, not even on a broken case."""
    if level == "never":
        return False
    return record.get("status") in ("error", "timeout") or bool(failing(record, level))


def display_path(path: str | None, root: Path | None = None) -> str:
    """A file path as a repository-relative, forward-slash path where possible (for SARIF and
    GitHub annotations, which resolve paths against the checkout)."""
    if not path:
        return ""
    p = PurePath(path)
    if root is not None and p.is_absolute():
        try:
            p = PurePath(os.path.relpath(p, root)) if Path(p).resolve().is_relative_to(root.resolve()) else p
        except ValueError:
            pass
    return p.as_posix()


def end_position(evidence: dict[str, Any]) -> tuple[int, int]:
    """(line, column) just after the evidence text, 1-based, column exclusive."""
    text = str(evidence.get("text", ""))
    line, col = int(evidence["line"]), int(evidence["column"])
    if "\n" in text:
        return line + text.count("\n"), len(text) - text.rfind("\n")
    return line, col + len(text)


def shown_evidence(f: dict[str, Any]) -> str:
    """Evidence text on one line. Contact details are masked before this, for the whole case
    (`reviewer.text.masking.mask_case`), by every reporter whose output may be shared."""
    ev = f.get("evidence") or {}
    return " ".join(str(ev.get("text", "")).split())


def quoted(f: dict[str, Any], limit: int = 120) -> str:
    """The evidence as a short quotation for a one-line report (JUnit, GitHub), "" when there is
    none: in a Word or PDF draft the quote is how a reader finds the place. Masked with the
    rest of the case record, unless `--show-personal-data`."""
    text = shown_evidence(f)
    if not text:
        return ""
    return "\u201c" + (text if len(text) <= limit else text[: limit - 1] + "\u2026") + "\u201d"


def too_severe(result: GoldenResult, level: str) -> list[str]:
    """The findings of a case at or above `level` (`never`: none), as `CODE (severity)`."""
    return [f"{code} ({sev})" for code, sev in result.findings if at_or_above(sev, level)]


def golden_failing(results: Sequence[GoldenResult], level: str) -> int:
    """How many golden cases fail: moved, could not be run, or (with --fail-on) too severe."""
    from reviewer.core.model import ERROR, FAIL

    return sum(1 for r in results if r.outcome in (FAIL, ERROR) or too_severe(r, level))

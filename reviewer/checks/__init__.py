"""The rule engine's checks: one module per family, run in a fixed, explicit order.

Each module exposes `run(ctx) -> Iterable[Finding]` and declares its rules with
`reviewer.core.findings.register_rule` at import time. An explicit list beats discovery: the order
is the order findings of equal severity appear in, and a new module has to be added here on
purpose. The model tier's rules are declared here too (`model`), so the settings file,
inline directives and `foi-review rules` know every code whether or not a model runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reviewer.checks import (
    completeness,
    exemptions,
    model,  # noqa: F401  (registers the model tier's rules; it has no check of its own)
    personal_data,
    redaction,
    refusal_notice,
    staff,
    template,
)
from reviewer.core.findings import Finding
from reviewer.core.model import ReviewContext

CheckFn = Callable[[ReviewContext], Iterable[Finding]]

CHECKS: tuple[tuple[str, CheckFn], ...] = (
    ("completeness", completeness.run),
    ("exemptions", exemptions.run),
    ("refusal-notice", refusal_notice.run),
    ("personal-data", personal_data.run),
    ("redaction", redaction.run),
    ("template", template.run),
    ("staff-list", staff.run),
)


def run_checks(ctx: ReviewContext) -> tuple[list[Finding], list[str]]:
    """Run every check. A check that crashes is reported in the notes, never raised, so one
    odd draft cannot stop an audit of thousands."""
    findings: list[Finding] = []
    failures: list[str] = []
    for name, fn in CHECKS:
        try:
            findings.extend(fn(ctx))
        except Exception as exc:  # noqa: BLE001 - isolation is the point
            failures.append(f"check {name} failed: {type(exc).__name__}: {exc}")
    return findings, failures

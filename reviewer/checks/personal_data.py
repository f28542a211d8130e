"""Placeholder until this check family lands."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.findings import Finding
from reviewer.model import ReviewContext


def run(ctx: ReviewContext) -> Iterator[Finding]:
    return iter(())

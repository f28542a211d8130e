"""Output formats. Each takes the plain record from `records.review_record` (or, for the CI
formats, case records from `records.case_record`) and returns text; the CLI decides where the
text goes."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any


class Format(str, Enum):
    TERMINAL = "terminal"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    GITHUB = "github"
    HTML = "html"  # one draft's review beside its text (review_html.py)


CASE_FORMATS = (Format.SARIF, Format.JUNIT, Format.GITHUB)


def render_cases(
    fmt: Format, cases: Iterable[dict[str, Any]], *, fail_on: str = "error", root: Path | None = None, show_personal_data: bool = False
) -> str:
    """SARIF, JUnit or GitHub annotations for case records (one draft from `check`, or an audit).
    Contact details are masked in all of them unless `show_personal_data`: they are shared."""
    if fmt is Format.SARIF:
        from reviewer.reporters import sarif

        return sarif.render(cases, root=root, show_personal_data=show_personal_data)
    if fmt is Format.JUNIT:
        from reviewer.reporters import junit

        return junit.render(cases, fail_on=fail_on, root=root, show_personal_data=show_personal_data)
    if fmt is Format.GITHUB:
        from reviewer.reporters import github

        return github.render(cases, root=root, show_personal_data=show_personal_data)
    raise ValueError(f"{fmt.value} is not a case format")

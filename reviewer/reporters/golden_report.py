"""`foi-review test`'s report: one line per golden case on the terminal, or JUnit XML for CI.

A case fails when its result moved (a diff against `expected.json`), when it could not be run,
or, with `--fail-on LEVEL`, when its review has a finding at or above LEVEL: a template
repository can then pin its results and also refuse any error, pinned or not.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from reviewer.core.model import ERROR, FAIL, PASS, GoldenResult
from reviewer.reporters.common import too_severe


def render_text(results: Sequence[GoldenResult], level: str) -> tuple[str, int]:
    """The terminal lines and the number of failing cases."""
    lines: list[str] = []
    bad = 0
    for r in results:
        severe = too_severe(r, level)
        if r.outcome in (FAIL, ERROR) or severe:
            bad += 1
            lines.append(f"FAIL  {r.case}")
            if r.diff:
                lines.append(r.diff.rstrip("\n"))
            if severe:
                lines.append(f"  findings at or above --fail-on {level}: {', '.join(severe)}")
        else:
            lines.append(f"{r.outcome.upper():5} {r.case}")
    passed = sum(1 for r in results if r.outcome == PASS and not too_severe(r, level))
    updated = sum(1 for r in results if r.outcome not in (PASS, FAIL, ERROR) and not too_severe(r, level))
    lines.append(f"{len(results)} case(s): {passed} passed, {bad} failed, {updated} updated")
    return "\n".join(lines) + "\n", bad


def render_junit(results: Sequence[GoldenResult], level: str) -> tuple[str, int]:
    """JUnit XML (one `<testcase>` per golden case) and the number of failing cases."""
    failures = errors = 0
    suite = ET.Element("testsuite", name="foi-review test", tests=str(len(results)))
    for r in results:
        case = ET.SubElement(suite, "testcase", classname="foi-review.golden", name=r.case)
        severe = too_severe(r, level)
        if r.outcome == ERROR:
            errors += 1
            ET.SubElement(case, "error", message="the case could not be run").text = r.diff
        elif r.outcome == FAIL or severe:
            failures += 1
            message = "the result moved from expected.json" if r.outcome == FAIL else f"findings at or above {level}"
            body = r.diff + (f"findings at or above --fail-on {level}: {', '.join(severe)}\n" if severe else "")
            ET.SubElement(case, "failure", message=message).text = body
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    root = ET.Element("testsuites", name="foi-review test", tests=str(len(results)), failures=str(failures), errors=str(errors))
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n", failures + errors

"""`--format junit`: JUnit XML, which every CI system shows as a test report.

One `<testcase>` per case (per draft for `check`). A case fails (`<failure>`) when it has
findings at or above `--fail-on` that the baseline does not accept, one line per finding (its
file, its place, the rule, the message and the evidence quoted, contacts masked); a
case that could not be reviewed is an `<error>`. Lower findings, suppressed ones and notes go to
`<system-out>`. Example::

    <testsuites name="foi-review" tests="2" failures="1" errors="0">
      <testsuite name="foi-review" tests="2" failures="1" errors="0" skipped="0" time="0.041">
        <testcase classname="foi-review.templates" name="templates/refusal" file="templates/refusal/response.md" time="0.02">
          <failure type="RN001" message="1 finding at or above error: RN001">templates/refusal/response.md, line 12: error RN001 internal-review-not-offered: ...</failure>
        </testcase>
      </testsuite>
    </testsuites>
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reviewer.reporters.common import (
    display_path,
    failing,
    findings,
    quoted,
    suppressed,
)
from reviewer.reporters.location import place
from reviewer.text.masking import mask_case


def _line(f: dict[str, Any], path: str, root: Path | None) -> str:
    """One finding as "file, place: severity CODE name: message", the file being the one the
    evidence is in (the request, for an unanswered question) and the place in the words of
    every other output (`location.place`)."""
    ev = f.get("evidence")
    named = place(ev)
    file = display_path(ev["source"], root) if ev and ev.get("source") else path
    where = f"{file}, {named}" if named else file
    q = f" [Q{f['question_ref']}]" if f.get("question_ref") else ""
    quote = quoted(f)
    return f"{where}: {f['severity']} {f['code']} {f['name']}{q}: {f['message']}" + (f" {quote}" if quote else "")


def render(
    cases: Iterable[dict[str, Any]], fail_on: str = "error", root: Path | None = None, show_personal_data: bool = False
) -> str:
    """JUnit XML for case records; contact details masked (`mask_case`) unless `show_personal_data`."""
    suite = ET.Element("testsuite", name="foi-review")
    tests = failures = errors = 0
    total_time = 0.0
    for record in cases:
        record = mask_case(record, show_personal_data)
        tests += 1
        case_id = str(record["case"])
        path = display_path(record.get("response") or case_id, root)
        parent = case_id.rsplit("/", 1)[0] if "/" in case_id else ""
        seconds = float(record.get("seconds") or 0.0)
        total_time += seconds
        tc = ET.SubElement(
            suite, "testcase", classname="foi-review" + (f".{parent}" if parent else ""), name=case_id, file=path,
            time=f"{seconds:.3f}",
        )
        if record.get("status") == "error" or not record.get("review"):
            errors += 1
            err = ET.SubElement(tc, "error", type="input-error", message=f"could not review: {record.get('error')}")
            err.text = str(record.get("error"))
            continue
        bad = failing(record, fail_on)
        if bad:
            failures += 1
            codes = ", ".join(sorted({f["code"] for f in bad}))
            fail = ET.SubElement(
                tc, "failure", type=bad[0]["code"], message=f"{len(bad)} finding(s) at or above {fail_on}: {codes}"
            )
            fail.text = "\n".join(_line(f, path, root) for f in bad)
        rest = [f for f in findings(record) if f not in bad]
        out_lines = [_line(f, path, root) + (" (accepted in baseline)" if f.get("baseline") == "unchanged" else "") for f in rest]
        out_lines += [
            _line(s, path, root) + f" (suppressed: {(s.get('suppression') or {}).get('reason', '')})" for s in suppressed(record)
        ]
        out_lines += [f"note: {n}" for n in record["review"].get("notes", [])]
        if out_lines:
            ET.SubElement(tc, "system-out").text = "\n".join(out_lines)
    attrs = {"tests": str(tests), "failures": str(failures), "errors": str(errors)}
    suite.attrib.update({**attrs, "skipped": "0", "time": f"{total_time:.3f}"})
    root_el = ET.Element("testsuites", {"name": "foi-review", **attrs})
    root_el.append(suite)
    ET.indent(root_el)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root_el, encoding="unicode") + "\n"

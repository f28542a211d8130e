"""`--format github`: GitHub Actions workflow commands, shown as annotations on the file.

One command per finding that is not accepted by the baseline, at the finding's line and
column in the file its evidence is in, the evidence quoted in the message (contacts masked); error -> `::error`, warning -> `::warning`, info -> `::notice`.
Broken cases are `::error` on the file. Suppressed findings are left out. Example::

    ::error file=templates/refusal.md,line=12,col=1,endLine=12,endColumn=40,title=RN001 internal-review-not-offered::The draft refuses ... Fix: Add ...
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reviewer.reporters.common import display_path, end_position, findings, quoted
from reviewer.reporters.location import line_position, place
from reviewer.text.masking import mask_case

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(cases: Iterable[dict[str, Any]], root: Path | None = None, show_personal_data: bool = False) -> str:
    """Annotations at a line only in a plain-text file; in a Word, PDF, Excel or e-mail file
    the annotation is on the file and the message names the place ("paragraph 7"), as GitHub
    would otherwise show `line=0` or a line of the extracted text as a line of the binary file."""
    lines: list[str] = []
    for record in cases:
        record = mask_case(record, show_personal_data)
        response = display_path(record.get("response") or str(record["case"]), root)
        if record.get("status") == "error" or not record.get("review"):
            lines.append(f"::error file={_prop(response)},title={_prop('foi-review: cannot review')}::{_data(str(record.get('error')))}")
            continue
        for f in findings(record):
            if f.get("baseline") == "unchanged":
                continue
            ev = f.get("evidence")
            props = [f"file={_prop(display_path(ev.get('source') or response, root) if ev else response)}"]
            pos = line_position(ev)
            named = ""
            if ev and pos:
                end_line, end_col = end_position(ev)
                props.append(f"line={pos[0]},col={pos[1]},endLine={end_line}")
                if end_line == pos[0]:
                    props.append(f"endColumn={end_col}")
            elif place(ev):
                named = f"({place(ev)}) "
            props.append(f"title={_prop(f['code'] + ' ' + f['name'])}")
            q = named + (f"Q{f['question_ref']}: " if f.get("question_ref") else "")
            quote = quoted(f)
            said = q + f["message"].rstrip(".") + (f" {quote}" if quote else "") + ". Fix: " + f["fix"]
            lines.append(f"::{_COMMAND[f['severity']]} {','.join(props)}::{_data(said)}")
    return "\n".join(lines) + ("\n" if lines else "")

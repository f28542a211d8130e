"""One vocabulary for where evidence is, used by every reporter.

A person reading the terminal report, the CSV an auditor filters, the JUnit failure in CI and
the SARIF result in code scanning must be told the same place in the same words, or they
cannot match one output against another. So every reporter asks `where` (or, when the file is
named elsewhere, `place`) and none builds its own "l.3" or "line 0":

    line 5                          a plain-text file (lines a text editor shows)
    paragraph 7 / page 2 / Costs!B4 the loader's label in a Word, PDF or Excel file
    attachment claims.xlsx, page 2  inside an e-mail's attachment
    comment by J. Smith, paragraph 4  content a reader does not see (no line at all)
    request.txt, line 8             evidence outside the draft: the file is named

`line_position` says whether a line and column are real positions in the file itself (a
plain-text file, a position >= 1): only then do SARIF and GitHub annotations get a line. The
line of text extracted from a .docx is not a line of the .docx, and metadata has no line.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

_LINED_SUFFIXES = frozenset({"", ".txt", ".text", ".md", ".markdown", ".rst", ".j2", ".jinja", ".jinja2"})


def line_position(evidence: dict[str, Any] | None) -> tuple[int, int] | None:
    """(line, column) of the evidence where a line means something to a person or a CI tool:
    in a plain-text file, at a real position. None for a Word, PDF, Excel or e-mail file (its
    lines are those of the extracted text, not of the binary file) and for content found
    outside the visible text (metadata, comments), which has no position at all."""
    if not evidence:
        return None
    line, col = int(evidence.get("line") or 0), int(evidence.get("column") or 0)
    if line < 1 or col < 1:
        return None
    if PurePath(str(evidence.get("source") or "")).suffix.lower() not in _LINED_SUFFIXES:
        return None
    return line, col


def place(evidence: dict[str, Any] | None) -> str | None:
    """Where the evidence is inside its own file: the loader's label ("paragraph 7",
    "Costs!B4", "attachment claims.xlsx, page 2") where there is one, else "line 5" in a
    plain-text file, else the line of the extracted text, said as such. None when there is
    no place at all (a finding about the whole file)."""
    if not evidence:
        return None
    if evidence.get("location"):
        return str(evidence["location"])
    pos = line_position(evidence)
    if pos:
        return f"line {pos[0]}"
    line = int(evidence.get("line") or 0)
    return f"line {line} of the extracted text" if line >= 1 else None


def file_name(evidence: dict[str, Any] | None) -> str | None:
    """The name of the file the evidence is in (no folders: the report is about one case)."""
    source = (evidence or {}).get("source")
    return PurePath(str(source)).name if source else None


def where(evidence: dict[str, Any] | None, draft: str | None) -> str | None:
    """The words for the evidence's place, naming its file when that is not the draft (`draft`
    is the draft's source as the record gives it, `record["response"]["source"]`): a question
    left unanswered is quoted from the request, and "line 8" alone would send the officer to
    line 8 of the draft."""
    if not evidence:
        return None
    inside = place(evidence)
    source = evidence.get("source")
    if source and draft and str(source) != str(draft):
        name = file_name(evidence)
        return f"{name}, {inside}" if inside else name
    return inside


def draft_of(record: dict[str, Any]) -> str | None:
    """The draft's source name, from a review record or a case record."""
    review = record.get("review") if "review" in record else record
    return ((review or {}).get("response") or {}).get("source")

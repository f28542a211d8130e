"""`--csv FILE`: every finding of an audit as a spreadsheet row, for auditors.

One row per finding (suppressed ones too, with the reason); a case with no findings and a
broken case each get one row, so every case appears. Manifest metadata fills the `reference`,
`date` and `team` columns; any other metadata is kept as JSON in `metadata`. `location` gives the
evidence's place in the words of every other output ("line 5", "paragraph 7", "request.txt,
line 8"); `line` and `column` only where they are real positions in a plain-text file. Contact details flagged
as personal data are masked wherever they appear, as the sheet will be shared. Example::

    case,reference,date,team,response,status,verdict,code,name,category,severity,question,location,line,column,message,evidence,fix,baseline,suppressed,metadata
    2023/0142,FOI-0142,2023-04-03,Highways,cases/0142/response.txt,ok,fail,RN001,internal-review-not-offered,...

`rows` yields the text line by line, so the CLI streams a 10,000-case audit to disk.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from reviewer.reporters.common import shown_evidence
from reviewer.reporters.location import draft_of, line_position, where
from reviewer.text.masking import mask_case

COLUMNS = (
    "case", "reference", "date", "team", "response", "status", "verdict", "code", "name", "category", "severity",
    "question", "location", "line", "column", "message", "evidence", "fix", "baseline", "suppressed", "metadata",
)
_NAMED_META = ("reference", "date", "team")


def _row(record: dict[str, Any], f: dict[str, Any] | None, reason: str = "") -> list[str]:
    meta = record.get("metadata") or {}
    review = record.get("review") or {}
    other = {k: v for k, v in meta.items() if k not in _NAMED_META}
    base = {
        "case": record["case"],
        "reference": meta.get("reference", ""),
        "date": meta.get("date", ""),
        "team": meta.get("team", ""),
        "response": record.get("response") or "",
        "status": record.get("status", ""),
        "verdict": (review.get("summary") or {}).get("verdict", ""),
        "metadata": json.dumps(other, ensure_ascii=False) if other else "",
    }
    if f is None:
        base["message"] = record.get("error") or ("" if review else "")
    else:
        ev = f.get("evidence")
        pos = line_position(ev)
        base.update(
            code=f["code"], name=f["name"], category=f["category"], severity=f["severity"],
            question=f.get("question_ref") or "", location=where(ev, draft_of(record)) or "",
            line=pos[0] if pos else "", column=pos[1] if pos else "",
            message=f["message"], evidence=shown_evidence(f), fix=f.get("fix", ""),
            baseline=f.get("baseline", ""), suppressed=reason,
        )
    return [str(base.get(c, "")) for c in COLUMNS]


def rows(cases: Iterable[dict[str, Any]], show_personal_data: bool = False) -> Iterator[str]:
    """The sheet line by line; contact details masked in every cell (`mask_case`) unless
    `show_personal_data`."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")

    def take() -> str:
        s = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return s

    w.writerow(COLUMNS)
    yield take()
    for record in cases:
        record = mask_case(record, show_personal_data)
        review = record.get("review") or {}
        found = review.get("findings", [])
        supp = review.get("suppressed", [])
        if not found and not supp:
            w.writerow(_row(record, None))
        for f in found:
            w.writerow(_row(record, f))
        for s in supp:
            w.writerow(_row(record, s, (s.get("suppression") or {}).get("reason", "")))
        yield take()


def render(cases: Iterable[dict[str, Any]], show_personal_data: bool = False) -> str:
    return "".join(rows(cases, show_personal_data))

"""`foi-review test`: golden cases, the CI gate for a repository of response templates.

Every folder under FIXTURES that holds an `expected.json` is a case (see
`reviewer.audit.cases` for the layout: request and response files, or a `case.json` naming a
`template` and the `data` to render it with). The case is reviewed and the result reduced to
what a template change should not move by accident: the verdict, each question's status, and
the findings (rule, severity, question and the start of the evidence; line numbers are left out
so that inserting a paragraph does not break every case). A difference fails with a unified
diff; `--update` rewrites `expected.json` from the current result instead. To add a case,
create its folder with `{}` in `expected.json` and run `foi-review test --update`.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer.audit.cases import EXPECTED_FILE, Case, case_from_folder
from reviewer.audit.runner import review_case
from reviewer.review import Options

PASS, FAIL, UPDATED, ERROR = "pass", "fail", "updated", "error"
_EVIDENCE_CHARS = 80


@dataclass(frozen=True)
class GoldenResult:
    case: str
    outcome: str  # pass, fail, updated, error
    diff: str = ""


def expectation(record: dict[str, Any]) -> dict[str, Any]:
    """The part of a case record a golden file pins down."""
    review = record.get("review")
    if not review:
        return {"error": record.get("error")}

    def finding(f: dict[str, Any]) -> dict[str, Any]:
        ev = f.get("evidence") or {}
        text = " ".join(str(ev.get("text", "")).split())[:_EVIDENCE_CHARS]
        return {"code": f["code"], "severity": f["severity"], "question": f.get("question_ref"), "evidence": text}

    out: dict[str, Any] = {
        "verdict": review["summary"]["verdict"],
        "statuses": {q["ref"]: q["status"] for q in review["questions"]},
        "findings": sorted((finding(f) for f in review["findings"]), key=lambda d: json.dumps(d, sort_keys=True)),
    }
    if review.get("suppressed"):
        out["suppressed"] = sorted(
            ({"code": s["code"], "reason": (s.get("suppression") or {}).get("reason", "")} for s in review["suppressed"]),
            key=lambda d: (d["code"], d["reason"]),
        )
    return out


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def find_cases(root: Path) -> Iterator[Path]:
    """Folders at or under `root` holding an `expected.json`, in sorted order."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
        if EXPECTED_FILE in filenames:
            yield Path(dirpath)


def run_case(folder: Path, root: Path, options: Options, update: bool = False) -> GoldenResult:
    case_id = folder.relative_to(root).as_posix() if folder != root else folder.name
    case = case_from_folder(folder, case_id) or Case(case_id, None, error="no request/response or template found")
    actual = expectation(review_case(case, options))
    expected_path = folder / EXPECTED_FILE
    try:
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        if not update:
            return GoldenResult(case_id, ERROR, f"{expected_path}: cannot read ({exc})")
        expected = None
    if expected == actual:
        return GoldenResult(case_id, PASS)
    if update:
        expected_path.write_text(_dump(actual), encoding="utf-8")
        return GoldenResult(case_id, UPDATED)
    diff = "".join(
        difflib.unified_diff(
            _dump(expected).splitlines(keepends=True), _dump(actual).splitlines(keepends=True),
            fromfile=f"{case_id}/{EXPECTED_FILE}", tofile=f"{case_id} (actual)",
        )
    )
    return GoldenResult(case_id, FAIL, diff)


def run_golden(root: Path, options: Options, update: bool = False) -> list[GoldenResult]:
    return [run_case(folder, root, options, update) for folder in find_cases(root)]

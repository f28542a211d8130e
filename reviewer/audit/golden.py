"""`foi-review test`: golden cases, the CI gate for a repository of response templates.

Every folder under FIXTURES that holds an `expected.json` is a case (see
`reviewer.audit.cases` for the layout: request and response files, or a `case.json` naming a
`template` and the `data` to render it with). The case is reviewed and the result reduced to
what a template change should not move by accident, in the format of `fixtures/README.md`:
the regime, each question's status, the exemptions, the refusal-notice parts and the finding
codes (line numbers are left out so that inserting a paragraph does not break every case).
`expected.json` may name the files (`request`, `response`) or a `template` and its `data`;
otherwise the folder's layout is used (`request.txt` + `response.txt`, or a `case.json`). A difference fails with a unified
diff; `--update` rewrites `expected.json` from the current result instead. To add a case,
create its folder with `{}` in `expected.json` and run `foi-review test --update`.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reviewer.audit.cases import EXPECTED_FILE, Case, case_from_folder
from reviewer.audit.runner import review_case
from reviewer.core.model import ERROR, FAIL, PASS, UPDATED, GoldenResult
from reviewer.pipeline import Options

# Keys of expected.json that describe the case rather than pin its result; kept on --update.
_CASE_KEYS = ("description", "request", "response", "template", "data", "metadata")


def expectation(record: dict[str, Any]) -> dict[str, Any]:
    """The part of a case record a golden file pins down (the `fixtures/README.md` format:
    regime, status per question, exemptions, refusal-notice parts, sorted finding codes with
    repeats), plus suppressed findings with their reasons when there are any."""
    review = record.get("review")
    if not review:
        return {"error": record.get("error")}
    out: dict[str, Any] = {
        "regime": review["regime"],
        "questions": {q["ref"]: q["status"] for q in review["questions"]},
        "exemptions": {
            e["citation"]: {
                "public_interest_test": e["public_interest_test"],
                "harm_explained": e["harm_explained"],
                "questions": e["questions"],
            }
            for e in review["exemptions"]
        },
        "refusal_notice": {k: review["refusal_notice"][k] for k in ("required", "internal_review", "regulator_complaint")},
        "findings": sorted(f["code"] for f in review["findings"]),
    }
    if review.get("suppressed"):
        out["suppressed"] = sorted(
            f"{s['code']}: {(s.get('suppression') or {}).get('reason', '')}" for s in review["suppressed"]
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


def _case(folder: Path, case_id: str, expected: dict[str, Any]) -> Case:
    """The case to review: files named in expected.json, else the folder's own layout."""
    if any(k in expected for k in ("response", "template")):
        data = expected.get("data")
        return Case(
            case_id,
            folder / str(expected["response"]) if "response" in expected else None,
            folder / str(expected["request"]) if "request" in expected else None,
            template=folder / str(expected["template"]) if "template" in expected else None,
            data=data if isinstance(data, dict) else {},
        )
    return case_from_folder(folder, case_id) or Case(case_id, None, error="no request/response or template found")


def run_case(folder: Path, root: Path, options: Options, update: bool = False) -> GoldenResult:
    case_id = folder.relative_to(root).as_posix() if folder != root else folder.name
    expected_path = folder / EXPECTED_FILE
    try:
        loaded = json.loads(expected_path.read_text(encoding="utf-8"))
        if not isinstance(loaded, dict):
            raise ValueError("not a JSON object")
        expected: dict[str, Any] = loaded
    except (OSError, ValueError) as exc:
        return GoldenResult(case_id, ERROR, f"{expected_path}: cannot read ({exc})")
    record = review_case(_case(folder, case_id, expected), options)
    found = tuple((f["code"], f["severity"]) for f in (record.get("review") or {}).get("findings", []))
    actual = expectation(record)
    pinned = {k: v for k, v in expected.items() if k not in _CASE_KEYS}
    if pinned == actual:
        return GoldenResult(case_id, PASS, findings=found)
    if update:
        kept = {k: expected[k] for k in _CASE_KEYS if k in expected}
        expected_path.write_text(json.dumps({**kept, **actual}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return GoldenResult(case_id, UPDATED, findings=found)
    diff = "".join(
        difflib.unified_diff(
            _dump(pinned).splitlines(keepends=True), _dump(actual).splitlines(keepends=True),
            fromfile=f"{case_id}/{EXPECTED_FILE}", tofile=f"{case_id} (actual)",
        )
    )
    return GoldenResult(case_id, FAIL, diff, found)


def run_golden(root: Path, options: Options, update: bool = False) -> list[GoldenResult]:
    return [run_case(folder, root, options, update) for folder in find_cases(root)]

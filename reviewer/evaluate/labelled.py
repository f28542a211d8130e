"""Find labelled cases: one folder per case holding `request.*`, `response.*` and `truth.json`.

The truth file is checked for the keys the scorer reads, so a typo fails with one line naming
the case and the key instead of silently scoring zero.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer.core.errors import InputError

TRUTH_FILE = "truth.json"
STATUSES = ("answered", "partial", "not_held", "withheld", "refused", "ncnd", "not_applicable", "redirected", "unanswered")


@dataclass(frozen=True)
class LabelledCase:
    id: str
    request: Path
    response: Path
    truth: dict[str, Any]


def _one(folder: Path, stem: str) -> Path:
    from reviewer.loaders import supported_suffixes

    found = sorted(p for p in folder.iterdir() if p.is_file() and p.stem.lower() == stem and p.suffix.lower() in supported_suffixes())
    if not found:
        raise InputError(f"{folder}: no {stem} file ({stem}.txt, {stem}.docx, {stem}.pdf ...)")
    return found[0]


def _check_truth(where: Path, truth: Any) -> dict[str, Any]:
    if not isinstance(truth, dict):
        raise InputError(f"{where}: must be a JSON object")
    questions = truth.get("questions")
    if not isinstance(questions, list):
        raise InputError(f"{where}: 'questions' must be a list")
    for i, q in enumerate(questions):
        if not isinstance(q, dict) or not isinstance(q.get("text"), str) or q.get("status") not in STATUSES:
            raise InputError(f"{where}: questions[{i}] needs a 'text' and a 'status' (one of {', '.join(STATUSES)})")
    for key in ("exemptions", "staff_contact_leaks", "organisational_contacts"):
        if not isinstance(truth.get(key, []), list):
            raise InputError(f"{where}: '{key}' must be a list")
    for i, e in enumerate(truth.get("exemptions", [])):
        if not isinstance(e, dict) or not isinstance(e.get("citation"), str):
            raise InputError(f"{where}: exemptions[{i}] needs a 'citation'")
    for i, leak in enumerate(truth.get("staff_contact_leaks", [])):
        if not isinstance(leak, dict) or not isinstance(leak.get("text"), str):
            raise InputError(f"{where}: staff_contact_leaks[{i}] needs a 'text'")
    if not all(isinstance(o, str) for o in truth.get("organisational_contacts", [])):
        raise InputError(f"{where}: 'organisational_contacts' must be a list of strings")
    return truth


def load_case(folder: Path) -> LabelledCase:
    where = folder / TRUTH_FILE
    try:
        truth = json.loads(where.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{where}: cannot read ({exc.strerror or exc})") from exc
    except ValueError as exc:
        raise InputError(f"{where}: not valid JSON ({exc})") from exc
    return LabelledCase(folder.name, _one(folder, "request"), _one(folder, "response"), _check_truth(where, truth))


def find_cases(root: Path) -> list[LabelledCase]:
    """Every case folder under `root` (or `root` itself when it holds a truth file), sorted."""
    if not root.is_dir():
        raise InputError(f"{root}: no such folder")
    if (root / TRUTH_FILE).is_file():
        return [load_case(root)]
    folders = sorted(p for p in root.iterdir() if p.is_dir() and (p / TRUTH_FILE).is_file())
    if not folders:
        raise InputError(f"{root}: no case folders with a {TRUTH_FILE}")
    return [load_case(f) for f in folders]

"""Baselines: accept today's findings so a gate fails only on new ones.

An audit of last year's responses or a template repository adopting the tool starts with
findings nobody will fix this week. `--update-baseline FILE` records them; `--baseline FILE`
then marks each finding `new` or `unchanged`, fails only on new ones, and lists accepted
findings that have since gone away (`fixed`), so the baseline can be refreshed.

A finding is identified by its rule, its case and a fingerprint of its evidence: the rule code,
the question it is about and the evidence text with spacing and case normalised, plus an
occurrence number when the same text is flagged twice. Line numbers and messages are left out
on purpose, so an edit elsewhere in the template does not turn every old finding into a new one.

A case is keyed by its audit id (relative to the audit root) or, for `check`, by the draft's
path relative to the baseline file's folder (`case_key`): the same draft typed as
`drafts/a.txt`, `./drafts/a.txt` or an absolute path, from any folder, is the same case.

With a baseline, a review's verdict and its error/warning counts under `summary.baseline`
count the new findings only: accepted findings are shown, marked, but pass.

File format (JSON, sorted, so it diffs well in review)::

    {"version": 1, "findings": [{"case": "templates/refusal", "code": "PD003",
      "fingerprint": "4f0c...", "message": "A named officer signs the reply"}]}
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.core.errors import InputError

BASELINE_VERSION = 1
NEW = "new"
UNCHANGED = "unchanged"


def _basis(finding: dict[str, Any]) -> str:
    ev = finding.get("evidence") or {}
    text = " ".join(str(ev.get("text", "")).split()).lower()
    return "\x1f".join([str(finding.get("code")), str(finding.get("question_ref") or ""), text])


def fingerprints(case_id: str, findings: Iterable[dict[str, Any]]) -> list[str]:
    """A stable fingerprint for each finding of one case, in the same order."""
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        basis = case_id + "\x1f" + _basis(f)
        n = seen[basis]
        seen[basis] += 1
        out.append(hashlib.sha256(f"{basis}\x1f{n}".encode()).hexdigest()[:24])
    return out


def case_key(path: str | Path, baseline_file: Path) -> str:
    """A draft's key in a baseline: its path relative to the baseline file's folder, with
    forward slashes, however it was typed and wherever the command runs from (an absolute
    path when the two are on different drives)."""
    target = Path(path).resolve()
    try:
        return Path(os.path.relpath(target, baseline_file.resolve().parent)).as_posix()
    except ValueError:  # Windows: another drive
        return target.as_posix()


def with_fingerprints(record: dict[str, Any], key: str | None = None) -> dict[str, Any]:
    """A copy of a case record whose findings carry a `fingerprint` (of `key`, default the
    record's case id)."""
    review = record.get("review")
    if not review:
        return record
    findings = review.get("findings", [])
    fps = fingerprints(key if key is not None else str(record["case"]), findings)
    new_review = {**review, "findings": [{**f, "fingerprint": fp} for f, fp in zip(findings, fps)]}
    return {**record, "review": new_review}


@dataclass
class Baseline:
    """Accepted findings by case: {case id: {fingerprint: entry}}."""

    cases: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def __len__(self) -> int:
        return sum(len(v) for v in self.cases.values())

    def annotate(self, record: dict[str, Any], key: str | None = None) -> dict[str, Any]:
        """A copy of a case record with `baseline` on each finding, `baseline_fixed` listing
        accepted findings of this case that are gone, and a summary whose verdict counts the
        new findings only. `key`: the case's key in the baseline (default its case id). A
        broken case reports nothing as fixed."""
        key = key if key is not None else str(record["case"])
        record = with_fingerprints(record, key)
        review = record.get("review")
        accepted = self.cases.get(key, {})
        if not review:
            return {**record, "baseline_fixed": []}
        findings = [{**f, "baseline": UNCHANGED if f["fingerprint"] in accepted else NEW} for f in review["findings"]]
        seen = {f["fingerprint"] for f in findings}
        fixed = [e for fp, e in sorted(accepted.items()) if fp not in seen]
        summary = {**review.get("summary", {}), **_new_only(findings, len(fixed))}
        return {**record, "review": {**review, "findings": findings, "summary": summary}, "baseline_fixed": fixed}


def _new_only(findings: list[dict[str, Any]], fixed: int) -> dict[str, Any]:
    """The verdict and counts of the new findings: what the gate and the headline go by."""
    from reviewer.reporters.records import VERDICT_FAIL, VERDICT_PASS, VERDICT_REVIEW

    new = Counter(f["severity"] for f in findings if f["baseline"] == NEW)
    verdict = VERDICT_FAIL if new["error"] else VERDICT_REVIEW if new["warning"] else VERDICT_PASS
    accepted = sum(1 for f in findings if f["baseline"] == UNCHANGED)
    block = {"new": sum(new.values()), "errors": new["error"], "warnings": new["warning"], "accepted": accepted, "fixed": fixed}
    return {"verdict": verdict, "baseline": block}


def load_baseline(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: baseline not found (create it with --update-baseline)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the baseline ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise InputError(f"{path}: the baseline is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("findings"), list):
        raise InputError(f"{path}: not a foi-review baseline (version {BASELINE_VERSION})")
    b = Baseline()
    for e in data["findings"]:
        if isinstance(e, dict) and isinstance(e.get("case"), str) and isinstance(e.get("fingerprint"), str):
            b.cases.setdefault(e["case"], {})[e["fingerprint"]] = e
    return b


KeyOf = Callable[[dict[str, Any]], str]


def build_baseline(records: Iterable[dict[str, Any]], key_of: KeyOf | None = None) -> dict[str, Any]:
    """The baseline document accepting every finding of every reviewed case in `records`
    (each case keyed by `key_of(record)`, default its case id)."""
    entries = []
    for rec in records:
        key = key_of(rec) if key_of is not None else str(rec["case"])
        rec = with_fingerprints(rec, key)
        for f in (rec.get("review") or {}).get("findings", []):
            entries.append({"case": key, "code": f["code"], "fingerprint": f["fingerprint"], "message": f["message"]})
    entries.sort(key=lambda e: (e["case"], e["code"], e["fingerprint"]))
    return {"version": BASELINE_VERSION, "tool": "foi-reviewer", "findings": entries}


def write_baseline(path: Path, records: Iterable[dict[str, Any]], key_of: KeyOf | None = None) -> int:
    """Write the baseline accepting every finding in `records`; returns how many it holds."""
    doc = build_baseline(records, key_of)
    try:
        path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write the baseline ({exc.strerror or exc})") from None
    return len(doc["findings"])

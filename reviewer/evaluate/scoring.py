"""Compare one review record with its hand labels, and add the result to a running tally.

The definitions (kept identical to the project's dev-set scorer so figures can be compared):

- **Questions** are matched greedily by text similarity: every (truth, tool) pair is scored
  with difflib's ratio on lower-cased alphanumeric words, raised to at least
  `0.8 * shorter/longer + 0.2` when one text contains the other; pairs are taken best first,
  each question at most once, and pairs below 0.5 never match. Recall is matched/labelled,
  precision matched/found.
- **Status** is compared on matched questions, exactly and in coarse classes (given,
  not_held, withheld, not_applicable, unanswered), with a coarse confusion table.
- **Exemptions** are compared as sets of normalised citations ("s.31(1)(a)" = "section
  31(1)(a)").
- **Public-interest test**: for each labelled qualified exemption the tool also found, whether
  the tool saw a test (complete or incomplete) exactly when the label says there is one.
- **Refusal notice**: on cases with a withheld, refused or NCND question, whether the tool
  found the internal-review offer and the regulator right exactly when the label says so.
- **Personal data**: a labelled staff contact is caught when a personal-data finding's
  evidence or message covers it; an organisational contact is wrongly flagged when one does.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

COARSE = {
    "answered": "given", "partial": "given", "redirected": "given",
    "not_held": "not_held", "withheld": "withheld", "refused": "withheld", "ncnd": "withheld",
    "not_applicable": "not_applicable", "unanswered": "unanswered",
}  # fmt: skip
COARSE_CLASSES = ("given", "not_held", "withheld", "not_applicable", "unanswered")
REFUSALS = ("withheld", "refused", "ncnd")
MATCH_THRESHOLD = 0.5


def norm(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def norm_citation(citation: str | None) -> str:
    c = (citation or "").lower()
    c = re.sub(r"(section|sections|regulation|reg\.?|s\.|s(?=\d))", "", c)
    return re.sub(r"[^0-9a-z()]", "", c)


def similarity(a: str, b: str) -> float:
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    if a in b or b in a:
        ratio = max(ratio, 0.8 * min(len(a), len(b)) / max(len(a), len(b)) + 0.2)
    return ratio


def match_questions(truth: list[dict[str, Any]], tool: list[dict[str, Any]]) -> dict[int, int]:
    """Truth index -> tool index, best-scoring pairs first (ties: later indices first)."""
    scored: list[tuple[float, int, int]] = []
    tool_texts = [norm(q.get("text")) for q in tool]
    for i, t in enumerate(truth):
        a = norm(t.get("text"))
        if not a:
            continue
        for j, b in enumerate(tool_texts):
            if b:
                scored.append((similarity(a, b), i, j))
    scored.sort(reverse=True)
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for ratio, i, j in scored:
        if ratio < MATCH_THRESHOLD or i in matched or j in taken:
            continue
        matched[i] = j
        taken.add(j)
    return matched


def _covers(findings: list[dict[str, Any]], text: str) -> bool:
    want = norm(text)
    if not want:
        return False
    for f in findings:
        seen = (norm((f.get("evidence") or {}).get("text")) + " " + norm(f.get("message"))).strip()
        if want in seen or (seen and seen in want and len(seen) >= 6):
            return True
    return False


@dataclass
class Tally:
    """Running counts for one column (rules alone, or rules + model)."""

    n: Counter[str] = field(default_factory=Counter)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    per_case: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, case_id: str, truth: dict[str, Any], record: dict[str, Any]) -> None:
        n = self.n
        n["cases"] += 1
        tq: list[dict[str, Any]] = truth.get("questions", [])
        pq: list[dict[str, Any]] = record.get("questions", [])
        n["q_truth"] += len(tq)
        n["q_tool"] += len(pq)
        coarse_ok = 0
        matched = match_questions(tq, pq)
        for i, j in matched.items():
            want, got = tq[i]["status"], pq[j].get("status") or ""
            n["q_matched"] += 1
            n["status_exact"] += want == got
            ok = COARSE.get(want) == COARSE.get(got)
            n["status_coarse"] += ok
            coarse_ok += ok
            self.confusion[(COARSE.get(want, want), COARSE.get(got, got))] += 1
        self._exemptions(truth, record)
        self._refusal_notice(truth, record)
        pd = [f for f in record.get("findings", []) if f.get("category") == "personal-data"]
        for leak in truth.get("staff_contact_leaks", []):
            n["leak_n"] += 1
            n["leak_hit"] += _covers(pd, leak["text"])
        for org in truth.get("organisational_contacts", []):
            n["org_n"] += 1
            n["org_fp"] += _covers(pd, org)
        self.per_case[case_id] = {"truth_q": len(tq), "tool_q": len(pq), "matched": len(matched), "coarse_ok": coarse_ok}

    def _exemptions(self, truth: dict[str, Any], record: dict[str, Any]) -> None:
        n = self.n
        tool = record.get("exemptions", [])
        want = {norm_citation(e["citation"]) for e in truth.get("exemptions", [])}
        got = {norm_citation(e.get("citation")) for e in tool}
        n["ex_truth"] += len(want)
        n["ex_tool"] += len(got)
        n["ex_hit"] += len(want & got)
        for e in truth.get("exemptions", []):
            if not e.get("qualified"):
                continue
            key = norm_citation(e["citation"])
            found = next((x for x in tool if norm_citation(x.get("citation")) == key), None)
            if found is None:
                continue
            n["pit_n"] += 1
            n["pit_ok"] += (found.get("public_interest_test") in ("complete", "incomplete")) == bool(e.get("public_interest_test"))

    def _refusal_notice(self, truth: dict[str, Any], record: dict[str, Any]) -> None:
        if not any(q["status"] in REFUSALS for q in truth.get("questions", [])):
            return
        n = self.n
        rn = record.get("refusal_notice") or {}
        n["rn_n"] += 1
        for key, truth_key, tool_key in (
            ("ir", "internal_review_offered", "internal_review"),
            ("reg", "regulator_complaint_right", "regulator_complaint"),
        ):
            has = bool(truth.get(truth_key))
            side = "has" if has else "lacks"
            n[f"rn_{key}_{side}_n"] += 1
            n[f"rn_{key}_{side}_ok"] += bool(rn.get(tool_key)) == has


# (name, hits key, total key): the figures `eval` prints, in order.
METRICS: tuple[tuple[str, str, str], ...] = (
    ("question_recall", "q_matched", "q_truth"),
    ("question_precision", "q_matched", "q_tool"),
    ("status_exact", "status_exact", "q_matched"),
    ("status_coarse", "status_coarse", "q_matched"),
    ("exemption_recall", "ex_hit", "ex_truth"),
    ("exemption_precision", "ex_hit", "ex_tool"),
    ("pit_presence_acc", "pit_ok", "pit_n"),
    ("internal_review_found", "rn_ir_has_ok", "rn_ir_has_n"),
    ("internal_review_missing_caught", "rn_ir_lacks_ok", "rn_ir_lacks_n"),
    ("regulator_right_found", "rn_reg_has_ok", "rn_reg_has_n"),
    ("regulator_missing_caught", "rn_reg_lacks_ok", "rn_reg_lacks_n"),
    ("staff_leak_recall", "leak_hit", "leak_n"),
    ("org_contact_false_flags", "org_fp", "org_n"),
)


def figures(tally: Tally) -> dict[str, dict[str, Any]]:
    """Every metric as {hits, total, rate} (rate None when there is nothing to measure)."""
    out: dict[str, dict[str, Any]] = {}
    for name, hits, total in METRICS:
        h, t = tally.n[hits], tally.n[total]
        out[name] = {"hits": h, "total": t, "rate": round(h / t, 4) if t else None}
    return out


def confusion_table(tally: Tally) -> dict[str, dict[str, int]]:
    """Coarse truth class -> tool class -> count, every class present (zeros included)."""
    classes = list(COARSE_CLASSES) + sorted({c for pair in tally.confusion for c in pair} - set(COARSE_CLASSES))
    return {t: {p: tally.confusion.get((t, p), 0) for p in classes} for t in classes}

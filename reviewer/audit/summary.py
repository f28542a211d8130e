"""The audit summary: one streaming pass over the case records, bounded memory.

Counts are kept per rule, category, severity and verdict (bounded by the number of rules), the
worst cases in a fixed-size heap, and only the first few broken cases and fixed baseline
findings are listed, so summarising 10,000 cases costs the same memory as 100.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable
from typing import Any

from reviewer.reporters.common import case_fails, failing

LISTED = 20  # broken cases and fixed findings listed by name; the rest are counted


def summarise(
    records: Iterable[dict[str, Any]], fail_on: str = "error", worst: int = 10, skipped: list[str] | None = None
) -> dict[str, Any]:
    """A plain summary record (see `reporters.audit_summary`) of an audit's case records.
    `skipped` is what discovery found and left out (`reviewer.audit.cases.discover`): an
    auditor must see that a README or a folder missing from the manifest was not reviewed."""
    cases = reviewed = broken = timed_out = failing_cases = suppressed = 0
    verdicts: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    rule_cases: Counter[str] = Counter()
    rule_names: dict[str, str] = {}
    by_category: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    baseline: Counter[str] = Counter()
    broken_list: list[dict[str, str]] = []
    fixed_list: list[dict[str, Any]] = []
    heap: list[tuple[tuple[int, int, int], int, dict[str, Any]]] = []
    for i, rec in enumerate(records):
        cases += 1
        if case_fails(rec, fail_on):
            failing_cases += 1
        if rec.get("status") in ("error", "timeout") or not rec.get("review"):
            broken += 1
            timed_out += rec.get("status") == "timeout"
            if len(broken_list) < LISTED:
                broken_list.append({"case": str(rec["case"]), "error": str(rec.get("error"))})
            continue
        reviewed += 1
        review = rec["review"]
        summary = review.get("summary", {})
        verdicts[summary.get("verdict", "pass")] += 1
        codes = set()
        for f in review.get("findings", []):
            by_rule[f["code"]] += 1
            rule_names[f["code"]] = f["name"]
            by_category[f["category"]] += 1
            by_severity[f["severity"]] += 1
            codes.add(f["code"])
            if "baseline" in f:
                baseline[f["baseline"]] += 1
        for c in codes:
            rule_cases[c] += 1
        suppressed += len(review.get("suppressed", []))
        fixed = rec.get("baseline_fixed") or []
        if "baseline_fixed" in rec:
            baseline["fixed"] += len(fixed)
            baseline["new"] += 0
        for e in fixed:
            if len(fixed_list) < LISTED:
                fixed_list.append({"case": rec["case"], "code": e.get("code"), "message": e.get("message")})
        key = (summary.get("errors", 0), summary.get("warnings", 0), summary.get("findings", 0))
        if key > (0, 0, 0):
            entry = {
                "case": rec["case"],
                "verdict": summary.get("verdict"),
                "errors": key[0],
                "warnings": key[1],
                "findings": key[2],
                "gate_failures": len(failing(rec, fail_on)),
                "codes": sorted(codes),
                "metadata": rec.get("metadata") or {},
            }
            item = (key, -i, entry)
            if len(heap) < worst:
                heapq.heappush(heap, item)
            elif item[:2] > heap[0][:2]:
                heapq.heapreplace(heap, item)
    return {
        "fail_on": fail_on,
        "cases": cases,
        "reviewed": reviewed,
        "broken": broken,
        "timed_out": timed_out,
        "failing": failing_cases,
        "verdicts": {v: verdicts.get(v, 0) for v in ("fail", "review", "pass")},
        "findings": sum(by_rule.values()),
        "suppressed": suppressed,
        "by_severity": dict(by_severity),
        "by_category": dict(by_category.most_common()),
        "by_rule": [
            {"code": c, "name": rule_names[c], "findings": n, "cases": rule_cases[c]} for c, n in by_rule.most_common()
        ],
        "worst": [e for _, _, e in sorted(heap, key=lambda t: t[:2], reverse=True)],
        "broken_cases": broken_list,
        "baseline": {k: baseline.get(k, 0) for k in ("new", "unchanged", "fixed")} if baseline else None,
        "fixed": fixed_list,
        "skipped": len(skipped or []),
        "skipped_files": list((skipped or [])[:LISTED]),
    }

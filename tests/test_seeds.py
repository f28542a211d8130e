"""The issue's 'Must show' behaviour on the two seed responses, through the real command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import SEED_HWFRS, SEED_ONS, run_cli


def review(path: Path) -> dict[str, Any]:
    proc = run_cli("check", path, "--format", "json", "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def statuses(doc: dict[str, Any]) -> dict[str, str]:
    return {q["ref"]: q["status"] for q in doc["questions"]}


def codes(doc: dict[str, Any], category: str | None = None) -> list[str]:
    return [f["code"] for f in doc["findings"] if category is None or f["category"] == category]


def test_ons_two_questions_first_withheld_under_31_1_a() -> None:
    doc = review(SEED_ONS)
    assert list(statuses(doc)) == ["1", "2"]
    q1, q2 = doc["questions"]
    assert q1["status"] == "withheld"
    assert q1["exemptions"] == ["31(1)(a)"]
    assert q2["status"] in ("answered", "partial")
    assert q2["evidence"]["text"].startswith("The management of our CCTV system")


def test_ons_public_interest_complete_and_harm_explained() -> None:
    doc = review(SEED_ONS)
    [ex] = doc["exemptions"]
    assert ex["citation"] == "31(1)(a)" and ex["regime"] == "FOIA" and ex["qualified"] is True
    assert ex["public_interest_test"] == "complete"
    assert ex["harm_explained"] is True


def test_ons_refusal_notice_findings_and_no_personal_data() -> None:
    doc = review(SEED_ONS)
    rn = doc["refusal_notice"]
    assert rn == rn | {"required": True, "internal_review": False, "regulator_complaint": False}
    assert sorted(codes(doc, "refusal-notice")) == ["RN001", "RN002"]
    assert codes(doc, "personal-data") == []


def test_hwfrs_main_questions_and_both_branches_have_distinct_refs() -> None:
    doc = review(SEED_HWFRS)
    refs = [q["ref"] for q in doc["questions"]]
    assert len(refs) == len(set(refs))
    assert refs[:9] == [str(n) for n in range(1, 10)]
    branch_b = [q for q in doc["questions"] if q["branch"] and q["branch"].startswith("If there is no CCTV")]
    branch_c = [q for q in doc["questions"] if q["parent"] == "C"]
    assert [q["ref"] for q in branch_b] == ["B.1", "B.2", "B.3", "B.4", "B.5"]
    assert [q["ref"] for q in branch_c] == ["C.1", "C.2", "C.3", "C.4", "C.5"]
    # the two branches ask the same question about camera brands; each keeps its own ref
    assert branch_b[0]["text"] == branch_c[1]["text"]


def test_hwfrs_statuses() -> None:
    s = statuses(review(SEED_HWFRS))
    for ref in ("1", "2", "3", "4", "8"):
        assert s[ref] == "answered", ref
    for ref in ("6", "7", "9"):
        assert s[ref] == "withheld", ref
    for ref in ["B.1", "B.2", "B.3", "B.4", "B.5", "C", "C.1", "C.2", "C.3", "C.4", "C.5"]:
        assert s[ref] == "not_applicable", ref


def test_hwfrs_exemptions_cited_later_are_linked_to_6_and_7_but_not_9() -> None:
    doc = review(SEED_HWFRS)
    by_ref = {q["ref"]: q for q in doc["questions"]}
    assert by_ref["6"]["exemptions"] == ["31(1)(a)", "24(1)"]
    assert by_ref["7"]["exemptions"] == ["31(1)(a)", "24(1)"]
    assert by_ref["9"]["exemptions"] == []
    ex001 = [f for f in doc["findings"] if f["code"] == "EX001"]
    assert [f["question_ref"] for f in ex001] == ["9"]
    assert [e["citation"] for e in doc["exemptions"]] == ["31(1)(a)", "24(1)"]


def test_hwfrs_public_interest_incomplete_without_factors_for_disclosure() -> None:
    doc = review(SEED_HWFRS)
    for ex in doc["exemptions"]:
        assert ex["public_interest_test"] == "incomplete"
        assert ex["public_interest"]["factors_for"] is None
        assert ex["public_interest"]["conclusion"] is not None


def test_hwfrs_refusal_notice_review_missing_ico_present() -> None:
    doc = review(SEED_HWFRS)
    rn = doc["refusal_notice"]
    assert rn["required"] and not rn["internal_review"] and rn["regulator_complaint"]
    [finding] = [f for f in doc["findings"] if f["code"] == "RN001"]
    assert "outcome of the internal review" in finding["evidence"]["text"]
    assert "RN002" not in codes(doc)


def test_hwfrs_template_findings() -> None:
    doc = review(SEED_HWFRS)
    found = {(f["code"], f["evidence"]["text"]) for f in doc["findings"] if f["category"] == "template"}
    assert ("TP001", "Dear X") in found
    assert ("TP002", "incident information") in found


def test_hwfrs_organisational_contacts_are_not_personal_data() -> None:
    doc = review(SEED_HWFRS)
    assert codes(doc, "personal-data") == []
    flagged = " ".join(json.dumps(f) for f in doc["findings"] if f["category"] == "personal-data")
    for org in ("casework@ico.org.uk", "0303 123 1113", "01625 545745", "Wycliffe House", "www.hwfire.org.uk"):
        assert org not in flagged


def test_hwfrs_evidence_points_at_exact_text_and_line() -> None:
    doc = review(SEED_HWFRS)
    text = SEED_HWFRS.read_text(encoding="utf-8")
    for f in doc["findings"]:
        ev = f["evidence"]
        if ev is None:
            continue
        assert text[ev["start"] : ev["end"]] == ev["text"]
        assert text.count("\n", 0, ev["start"]) + 1 == ev["line"]

"""`foi-review eval`: scoring labelled cases (built here, with invented text) rules-alone and
with the model review, side by side."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from llm_server import Reply, ScriptedServer
from reviewer.cli import app
from reviewer.evaluate.scoring import (
    COARSE,
    Tally,
    confusion_table,
    figures,
    match_questions,
    norm_citation,
)

REQUEST_1 = """Dear Sir or Madam,

Under the Freedom of Information Act, please tell me:

1. How many gritting lorries does the council own?
2. Who supplies the road salt, and what was the contract price for 2023?

Yours faithfully,
A Requester
"""
RESPONSE_1 = """Freedom of Information request FOI-0001

Thank you for your request. Our response is below.

1. How many gritting lorries does the council own?
The council owns 14 gritting lorries.

2. Who supplies the road salt, and what was the contract price for 2023?
This information is withheld under section 43(2) of the Freedom of Information Act (commercial
interests). Disclosure would prejudice the supplier's position in the next tender. In favour of
disclosure, there is a public interest in transparency about how public money is spent. In
favour of withholding, there is a public interest in fair competition for public contracts. On
balance, the public interest favours withholding the information.

If you are unhappy with this response you may ask for an internal review by writing to
foi@example-council.gov.uk. If you remain dissatisfied you may complain to the Information
Commissioner's Office.

Information Governance Team
"""
REQUEST_2 = """Please provide:
1. A copy of the winter maintenance risk assessment.
2. The number of complaints about ungritted roads in 2023.
"""
RESPONSE_2 = """Response to your request

1. A copy of the winter maintenance risk assessment.
We do not hold this information. No such risk assessment has been produced.

2. The number of complaints about ungritted roads in 2023.
We received 37 complaints.

For further questions please contact Jo Bloggs, Highways Officer, on 01632 960 123 or jo.bloggs@example-council.gov.uk.
You can also call our contact centre on 0300 123 4567.
"""
TRUTH_1 = {
    "id": "gritting-fleet",
    "regime": "FOIA",
    "questions": [
        {"ref": "1", "text": "How many gritting lorries does the council own?", "status": "answered"},
        {"ref": "2", "text": "Who supplies the road salt, and what was the contract price for 2023?", "status": "withheld"},
    ],
    "exemptions": [{"citation": "s.43(2)", "act": "FOIA", "qualified": True, "public_interest_test": True}],
    "internal_review_offered": True,
    "regulator_complaint_right": True,
    "staff_contact_leaks": [],
    "organisational_contacts": ["foi@example-council.gov.uk"],
}
TRUTH_2 = {
    "id": "gritting-complaints",
    "regime": "FOIA",
    "questions": [
        {"ref": "1", "text": "A copy of the winter maintenance risk assessment.", "status": "not_held"},
        {"ref": "2", "text": "The number of complaints about ungritted roads in 2023.", "status": "answered"},
    ],
    "exemptions": [],
    "internal_review_offered": False,
    "regulator_complaint_right": False,
    "staff_contact_leaks": [{"kind": "email", "text": "jo.bloggs@example-council.gov.uk"}],
    "organisational_contacts": ["0300 123 4567"],
}


def build_cases(root: Path) -> Path:
    for name, req, resp, truth in (("a-fleet", REQUEST_1, RESPONSE_1, TRUTH_1), ("b-complaints", REQUEST_2, RESPONSE_2, TRUTH_2)):
        d = root / name
        d.mkdir(parents=True)
        (d / "request.txt").write_text(req, encoding="utf-8")
        (d / "response.txt").write_text(resp, encoding="utf-8")
        (d / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


def check_statuses(case: Path) -> list[str]:
    result = CliRunner().invoke(app, ["check", str(case / "request.txt"), str(case / "response.txt"), "--format", "json", "--fail-on", "never"])
    return [q["status"] for q in json.loads(result.stdout)["questions"]]


# --- the scoring definitions -------------------------------------------------------------------


def test_questions_match_greedily_best_pair_first_and_never_below_half() -> None:
    truth = [{"text": "How many bins were emptied?"}, {"text": "What did the bins cost?"}, {"text": "Who is the chief executive?"}]
    tool = [{"text": "What did the bins cost"}, {"text": "how many bins were emptied in 2023?"}, {"text": "Parking permits"}]
    assert match_questions(truth, tool) == {0: 1, 1: 0}
    assert match_questions([{"text": ""}], [{"text": ""}]) == {}


@pytest.mark.parametrize(("a", "b"), [("s.31(1)(a)", "section 31(1)(a)"), ("Regulation 12(5)(e)", "reg. 12(5)(e)"), ("s40(2)", "Section 40 (2)")])
def test_citations_are_compared_normalised(a: str, b: str) -> None:
    assert norm_citation(a) == norm_citation(b)


def test_tally_counts_every_figure_from_records() -> None:
    truth = {
        "questions": [{"text": "How many cameras?", "status": "answered"}, {"text": "Who maintains them?", "status": "withheld"}],
        "exemptions": [{"citation": "31(1)(a)", "qualified": True, "public_interest_test": True}, {"citation": "40(2)", "qualified": False}],
        "internal_review_offered": True,
        "regulator_complaint_right": False,
        "staff_contact_leaks": [{"text": "01632 960999"}],
        "organisational_contacts": ["foi@example.gov.uk"],
    }
    record: dict[str, Any] = {
        "questions": [{"text": "How many cameras?", "status": "partial"}, {"text": "Who maintains them?", "status": "refused"}, {"text": "Extra", "status": "answered"}],
        "exemptions": [{"citation": "s.31(1)(a)", "public_interest_test": "missing"}, {"citation": "s.43(2)", "public_interest_test": "complete"}],
        "refusal_notice": {"internal_review": True, "regulator_complaint": True},
        "findings": [{"category": "personal-data", "evidence": {"text": "call 01632 960999"}, "message": "A direct line"}],
    }
    tally = Tally()
    tally.add("x", truth, record)
    got = {k: (v["hits"], v["total"]) for k, v in figures(tally).items()}
    assert got["question_recall"] == (2, 2) and got["question_precision"] == (2, 3)
    assert got["status_exact"] == (0, 2) and got["status_coarse"] == (2, 2)  # partial~answered, refused~withheld
    assert got["exemption_recall"] == (1, 2) and got["exemption_precision"] == (1, 2)
    assert got["pit_presence_acc"] == (0, 1)  # the label has a test, the tool saw none
    assert got["internal_review_found"] == (1, 1) and got["regulator_missing_caught"] == (0, 1)
    assert got["staff_leak_recall"] == (1, 1) and got["org_contact_false_flags"] == (0, 1)
    assert confusion_table(tally)["withheld"]["withheld"] == 1 and COARSE["ncnd"] == "withheld"


# --- the command -------------------------------------------------------------------------------


def test_eval_scores_built_cases_rules_alone(tmp_path: Path) -> None:
    root = build_cases(tmp_path / "cases")
    result = CliRunner().invoke(app, ["eval", str(root), "--format", "json"], env={"OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""})
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["cases"] == 2 and out["errors"] == [] and out["llm"] is None
    m = out["rules"]["metrics"]
    assert (m["question_recall"]["hits"], m["question_recall"]["total"]) == (4, 4)
    assert m["exemption_recall"]["rate"] == 1.0 and m["exemption_precision"]["rate"] == 1.0
    assert m["pit_presence_acc"]["rate"] == 1.0
    assert m["internal_review_found"]["rate"] == 1.0 and m["regulator_right_found"]["rate"] == 1.0
    assert m["staff_leak_recall"]["hits"] == 1 and m["org_contact_false_flags"]["hits"] == 0
    # Status figures agree with what `check` says about each question.
    labels = ["answered", "withheld", "not_held", "answered"]
    tool = check_statuses(root / "a-fleet") + check_statuses(root / "b-complaints")
    assert m["status_exact"]["hits"] == sum(a == b for a, b in zip(labels, tool))
    assert m["status_coarse"]["hits"] == sum(COARSE[a] == COARSE[b] for a, b in zip(labels, tool))
    assert sum(sum(row.values()) for row in out["rules"]["confusion"].values()) == 4


def test_eval_terminal_prints_both_columns_with_a_model(llm_server: ScriptedServer, tmp_path: Path) -> None:
    root = build_cases(tmp_path / "cases")
    llm_server.default = Reply.chat({"questions": [], "exemptions": [], "issues": []})
    env = {"OPENAI_BASE_URL": llm_server.base_url, "OPENAI_API_KEY": "", "FOI_REVIEW_CACHE_DIR": str(tmp_path / "c")}
    result = CliRunner().invoke(app, ["eval", str(root), "--llm", "--model", "gpt-4o-mini"], env=env)
    assert result.exit_code == 0, result.output
    assert "rules alone" in result.output and "rules + gpt-4o-mini" in result.output
    assert "coarse status confusion, rules + gpt-4o-mini" in result.output
    assert "tokens 200 in, 100 out" in result.output  # two calls, as the scripted server counted them
    result = CliRunner().invoke(app, ["eval", str(root), "--llm", "--model", "gpt-4o-mini", "--format", "json", "--no-cache"], env=env)
    llm = json.loads(result.stdout)["llm"]
    assert llm["calls"] == 2 and llm["tokens"] == {"input": 200, "output": 100}
    assert llm["cost_usd"] is not None and llm["cost_usd"] > 0
    assert llm["rule_findings_kept"] == llm["rule_findings"] > 0
    assert llm["metrics"]["question_recall"]["hits"] == 4


def test_eval_without_an_endpoint_says_so_and_scores_the_rules(tmp_path: Path) -> None:
    root = build_cases(tmp_path / "cases")
    result = CliRunner().invoke(app, ["eval", str(root), "--llm"], env={"OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""})
    assert result.exit_code == 0
    assert "model review off: no endpoint configured" in result.output


def test_eval_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    assert CliRunner().invoke(app, ["eval", str(tmp_path / "nope")]).exit_code == 2
    root = build_cases(tmp_path / "cases")
    (root / "a-fleet" / "truth.json").write_text('{"questions": [{"text": "x", "status": "maybe"}]}', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(root)])
    assert result.exit_code == 2
    assert "questions[0] needs a 'text' and a 'status'" in result.output and "Traceback" not in result.output


DOC_REQUEST = """1. How many street lights were replaced with LED units in 2024?
2. Who carried out the work and at what cost?
"""
DOC_RESPONSE = """1. How many street lights were replaced with LED units in 2024?
1,240 street lights were replaced with LED units in 2024.

2. Who carried out the work and at what cost?
The work was carried out by Brightway Lighting Ltd. The cost is withheld under section 43(2)
(commercial interests): disclosure would prejudice the supplier in the next tender. In favour
of disclosure is transparency about public spending; in favour of withholding is fair
competition. On balance the public interest favours withholding the cost.

For questions about this reply please call Jo Bloggs on 01632 960123. Our contact centre is on
0300 123 4567. If you are unhappy you may ask for an internal review by writing to
foi@example-council.gov.uk, and you may complain to the Information Commissioner's Office.
"""


def test_the_documented_truth_file_and_commands_work(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "eval.md").read_text(encoding="utf-8")
    truth = json.loads(doc.split("```json", 1)[1].split("```", 1)[0])
    case = tmp_path / "past-cases" / truth["id"]
    case.mkdir(parents=True)
    (case / "request.txt").write_text(DOC_REQUEST, encoding="utf-8")
    (case / "response.txt").write_text(DOC_RESPONSE, encoding="utf-8")
    (case / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    env = {"OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""}
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "past-cases")], env=env)
    assert result.exit_code == 0, result.output
    assert "question recall                  100.0% (2/2)" in result.output
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "past-cases"), "--format", "json", "-o", str(out)], env=env)
    assert result.exit_code == 0 and json.loads(out.read_text())["rules"]["metrics"]["exemption_recall"]["rate"] == 1.0
    # the statuses the doc defines are exactly the ones truth files may use
    table = doc.split("### The statuses", 1)[1].split("## What is measured", 1)[0]
    from reviewer.evaluate.labelled import STATUSES

    assert [ln.split("`")[1] for ln in table.splitlines() if ln.startswith("| `")] == list(STATUSES)


# --- a weak model cannot make a review worse -------------------------------------------------------


def contrary_model(body: dict[str, Any]) -> Reply:
    """A weak model at its worst: for every question a status in another class than the rules
    gave, grounded in a real quote from the draft; every exemption's test called bare; every
    draft line flagged as stale boilerplate."""
    import re

    user = body["messages"][1]["content"]
    draft = user.split("<<<DRAFT", 1)[1].split("DRAFT>>>", 1)[0]
    quote = next(ln.strip() for ln in draft.splitlines() if len(ln.strip()) > 20 and "[" not in ln)
    other = {"answered": "not_held", "partial": "unanswered", "not_held": "not_applicable", "withheld": "not_held",
             "unanswered": "partial", "not_applicable": "redirected", "redirected": "not_held", "refused": "answered", "ncnd": "answered"}
    questions = [
        {"ref": ref, "status": other[status], "quote": quote, "missing": None, "reason": "contrary"}
        for ref, status in re.findall(r"^\[([^\]]+)\] \(rules: (\w+)\)", user, re.M)
    ]
    exemptions = [{"citation": c, "factors_for": None, "factors_against": None, "conclusion": quote, "harm_explained": False, "harm_quote": quote}
                  for c in re.findall(r"^- \w+ (\S+) ", user.split("Exemptions", 1)[-1], re.M)]
    issues = [{"kind": "stale_boilerplate", "quote": quote, "explanation": "contrary"}]
    return Reply.chat({"questions": questions, "exemptions": exemptions, "issues": issues})


def test_a_contrary_model_leaves_every_coarse_figure_and_rule_finding_as_the_rules_had_them(
    llm_server: ScriptedServer, tmp_path: Path
) -> None:
    root = build_cases(tmp_path / "cases")
    llm_server.default = contrary_model
    env = {"OPENAI_BASE_URL": llm_server.base_url, "OPENAI_API_KEY": "", "FOI_REVIEW_CACHE_DIR": str(tmp_path / "c")}
    result = CliRunner().invoke(app, ["eval", str(root), "--llm", "--model", "local", "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    rules, llm = out["rules"]["metrics"], out["llm"]["metrics"]
    assert out["llm"]["cases_reviewed"] == 2 and out["llm"]["failed"] == []
    for name in rules:
        if name != "status_exact":  # refinements within a class may move exact statuses
            assert llm[name] == rules[name], name
    assert out["llm"]["confusion"] == out["rules"]["confusion"]
    assert out["llm"]["rule_findings_kept"] == out["llm"]["rule_findings"] > 0
    # ...although its claims were grounded and reached the review, as second opinions.
    case = root / "b-complaints"
    check = CliRunner().invoke(
        app, ["check", str(case / "request.txt"), str(case / "response.txt"), "--llm", "--model", "local", "--format", "json", "--fail-on", "never"], env=env
    )
    opinions = [f for f in json.loads(check.stdout)["findings"] if f["message"].startswith("Second opinion")]
    assert len(opinions) == 2

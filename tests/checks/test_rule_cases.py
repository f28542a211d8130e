"""Every rule's examples are executable: each case in reviewer/checks/cases/*.toml is reviewed
for real and must produce the codes it names and none of those it rules out.

The meta-tests make the examples complete: every registered rule (the rule engine's and the
model tier's) has at least one failing and one passing case, and no case names a rule that
does not exist. The same cases are what `foi-review rules CODE` and docs/rules.md show.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import reviewer.checks  # noqa: F401  (registers every rule, the model tier's too)
from llm_server import Reply, ScriptedServer
from reviewer.checks.rule_cases import RuleCase, cases_for, load_cases
from reviewer.core.findings import RULES, Severity
from reviewer.core.model import Regime
from reviewer.pipeline import Options, review_files
from reviewer.team.config import load_config
from rulecase_files import write_case

CASES = load_cases()


def review_codes(case: RuleCase, where: Path, server: ScriptedServer | None = None) -> list[str]:
    """The finding codes of the case's draft, reviewed as `foi-review check` would."""
    request, draft, settings_file = write_case(case, where)
    settings = load_config(settings_file, where) if settings_file else None
    options = Options(
        allow_contacts=settings.allow_contacts if settings else (),
        regime=Regime[case.regime] if case.regime else (settings.regime if settings else None),
        rules=settings.rules if settings else (),
        staff=settings.staff_list if settings else None,
    )
    review = review_files(request, draft, options)
    if not options.rules:
        # A finding graded other than its rule's default must be one the rule says can be.
        odd = {f.rule.code for f in review.findings if f.effective_severity is not f.rule.severity}
        assert [code for code in sorted(odd) if not RULES[code].severity_note] == [], "severity change not in severity_note"
    if case.model_answer is not None:
        from reviewer.llm.review import run_reviews
        from reviewer.llm.settings import LLMSettings

        assert server is not None
        server.push(Reply.chat(json.loads(case.model_answer)))
        llm = LLMSettings(
            base_url=server.base_url, api_key="test-key-123", model="gpt-4o-mini", timeout=5.0,
            max_attempts=1, backoff_base=0.01, backoff_max=0.1, cache_dir=where / "cache",
        )
        run_reviews([review], llm)
        assert review.llm.failed is None, review.llm.failed
    return sorted(f.rule.code for f in review.findings)


@pytest.mark.parametrize("case", CASES, ids=[c.case_id for c in CASES])
def test_rule_case(case: RuleCase, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    server = request.getfixturevalue("llm_server") if case.model_answer is not None else None
    got = review_codes(case, tmp_path, server)
    missing = [c for c in case.must if c not in got]
    unwanted = [c for c in case.must_not if c in got]
    assert not missing and not unwanted, f"{case.about}: got {got}; missing {missing}; must not appear {unwanted}"


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    failing = {c.rule for c in CASES if c.failing}
    passing = {c.rule for c in CASES if not c.failing}
    without = sorted(code for code in RULES if code not in failing or code not in passing)
    assert without == [], f"rules without a failing or a passing case: {without}"


def test_cases_name_only_registered_rules() -> None:
    named = {code for c in CASES for code in (c.rule, *c.must, *c.must_not)}
    assert sorted(named - RULES.keys()) == []


def test_model_cases_only_for_model_rules() -> None:
    """The model's JSON answer is for the model tier's rules (1xx); a rule-engine case that
    needed one would be testing the model, not the rule."""
    for c in CASES:
        assert (c.model_answer is not None) == (c.rule[2] == "1"), c.case_id


# --- EX001's severity: one severity, the one the rule table gives -------------------------------


def test_item_13_ex001_is_an_error_even_when_other_answers_cite_an_exemption(tmp_path: Path) -> None:
    """s.17(1)(b): the notice must specify the exemption for *this* information. An exemption
    cited for question 2 does not cover question 3, so this is the rule's default (error), not
    the warning it used to be without the rule table saying so."""
    from reviewer.checks.exemptions import EX001

    [case] = [c for c in CASES if c.case_id == "EX001-exemption-cited-for-another-answer"]
    request, draft, _ = write_case(case, tmp_path)
    review = review_files(request, draft)
    assert review.context.citations, "the case must cite an exemption elsewhere"
    [finding] = [f for f in review.findings if f.rule.code == "EX001"]
    assert finding.question_ref == "3"
    assert finding.effective_severity is Severity.ERROR is EX001.severity


def test_readme_rule_table_gives_the_registered_defaults() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| ([A-Z]{2}\d{3}) \| [a-z0-9-]+ \| (\w+)", readme, re.M)}
    assert rows, "README has no rule table"
    assert dict(rows) == {code: RULES[code].severity.value for code in rows}
    assert rows["EX001"] == "error"
    graded = readme.split("A few rules grade one kind of finding differently", 1)[1].split("\n\n", 1)[0]
    assert set(re.findall(r"[A-Z]{2}\d{3}", graded)) == {code for code, r in RULES.items() if r.severity_note}


# --- docs/rules.md and `foi-review rules` --------------------------------------------------------


def test_docs_rules_md_is_up_to_date() -> None:
    from reviewer.reporters.rule_reference import markdown

    doc = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    assert doc.read_text(encoding="utf-8") == markdown(), "docs/rules.md is out of date: run python tools/build_rules_doc.py"


def test_every_rule_has_its_law() -> None:
    from reviewer.reporters.rule_reference import law_for

    assert [code for code in sorted(RULES) if law_for(code) is None] == []


def test_rules_code_prints_the_rule_its_law_examples_and_fix() -> None:
    from typer.testing import CliRunner

    from reviewer.cli import app

    result = CliRunner().invoke(app, ["rules", "rn004"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    failing, passing = cases_for("RN004")
    assert out.startswith("RN004 cost-refusal-without-advice: ")
    assert "Severity: warning" in out
    assert "Law: FOIA s.12, s.16 and s.17(5)" in out
    assert RULES["RN004"].fix[:40] in out
    assert f"Failing example:\n  {failing[0].about}" in out and f"Passing example:\n  {passing[0].about}" in out
    assert "the appropriate limit and we are refusing it under section 12(1)" in out  # the draft itself
    assert "Must report: RN004" in out and "Must not report: RN004" in out


def test_rules_code_unknown_is_a_usage_error() -> None:
    from typer.testing import CliRunner

    from reviewer.cli import app

    result = CliRunner().invoke(app, ["rules", "XX999"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "foi-review: error: no rule XX999 (see `foi-review rules`)"


def test_item_13_rules_list_shows_the_severities_in_force_under_the_settings_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from reviewer.cli import app

    settings = tmp_path / "team.toml"
    settings.write_text('[rules]\nEX005 = "error"\nPD003 = "off"\nTP002 = { severity = "warning" }\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["rules", "--config", str(settings)])
    assert result.exit_code == 0, result.output
    lines = {line[:5]: line for line in result.stdout.splitlines() if re.match(r"[A-Z]{2}\d{3} ", line)}
    assert set(lines) == set(RULES)
    assert re.search(r" error\* ", lines["EX005"]) and re.search(r" off\* ", lines["PD003"])
    assert re.search(r" warning ", lines["TP002"]) and "*" not in lines["TP002"]  # the same as the default
    assert re.search(r" error ", lines["EX001"]) and "*" not in lines["EX001"]
    assert result.stdout.rstrip().endswith(f"* changed by {settings}: EX005 warning -> error; PD003 warning -> off")
    detail = CliRunner().invoke(app, ["rules", "EX005", "--config", str(settings)])
    assert f"Severity: error (set in {settings}; default warning)" in detail.stdout


def test_rules_list_finds_the_nearest_settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from reviewer.cli import app

    (tmp_path / ".git").mkdir()
    (tmp_path / ".foi-review.toml").write_text('[rules]\nCP003 = "warning"\n', encoding="utf-8")
    sub = tmp_path / "drafts"
    sub.mkdir()
    monkeypatch.chdir(sub)
    result = CliRunner().invoke(app, ["rules"])
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.stdout.splitlines() if line.startswith("CP003 ")]
    assert " warning* " in line


def test_rules_with_a_bad_settings_file_is_a_usage_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from reviewer.cli import app

    bad = tmp_path / "bad.toml"
    bad.write_text('[rules]\nEX005 = "loud"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["rules", "--config", str(bad)])
    assert result.exit_code == 2 and "EX005" in result.stderr and "Traceback" not in result.output

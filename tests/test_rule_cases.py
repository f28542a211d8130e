"""Every rule's examples are executable: each case in reviewer/checks/cases/*.toml is reviewed
for real and must produce the codes it names and none of those it rules out.

The meta-tests make the examples complete: every registered rule (the rule engine's and the
model tier's) has at least one failing and one passing case, and no case names a rule that
does not exist. The same cases are what `foi-review rules CODE` and docs/rules.md show.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import reviewer.checks  # noqa: F401  (registers the rule engine's rules)
import reviewer.llm.rules  # noqa: F401  (and the model tier's)
from llm_server import Reply, ScriptedServer
from rulecase_files import write_case
from reviewer.checks.rule_cases import RuleCase, load_cases
from reviewer.config import load_config
from reviewer.findings import RULES
from reviewer.model import Regime
from reviewer.review import Options, review_files

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

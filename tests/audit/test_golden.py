"""Golden cases for template changes: pass, fail with a diff, --update; templates rendered."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reviewer.audit.golden import FAIL, PASS, UPDATED, run_golden
from reviewer.cli import app
from reviewer.pipeline import Options

runner = CliRunner()
FIXTURES = Path(__file__).parents[2] / "fixtures"

REQUEST = "1. Who supplies your CCTV maintenance?\n2. What is the annual cost?\n"
TEMPLATE = """Dear {{ requester_name }},

Thank you for your request about your CCTV maintenance contract, dealt with under the Freedom of Information Act 2000.

1. Who supplies your CCTV maintenance?
{{ supplier }}

2. What is the annual cost?
This information is withheld under section 43(2) of the Freedom of Information Act 2000, as disclosure would be likely to prejudice the supplier's commercial interests.
In favour of disclosure, there is a public interest in transparency about public spending. In favour of maintaining the exemption, disclosure would weaken our position in the next tender. We have concluded that the public interest in maintaining the exemption outweighs the public interest in disclosure.

If you are dissatisfied with the handling of your request, you may ask for an internal review by writing to foi@example-council.gov.uk within 40 working days.

If you are not content with the outcome of the internal review, you may complain to the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow SK9 5AF.

Yours sincerely,

Information Governance Team
"""


def make_repo(tmp_path: Path) -> tuple[Path, Path]:
    template = tmp_path / "templates" / "refusal.md"
    template.parent.mkdir(parents=True)
    template.write_text(TEMPLATE, encoding="utf-8")
    cases = tmp_path / "cases"
    for name, who in (("mr-patel", "Mr Patel"), ("ms-doyle", "Ms Doyle")):
        d = cases / name
        d.mkdir(parents=True)
        (d / "request.txt").write_text(REQUEST, encoding="utf-8")
        (d / "case.json").write_text(
            json.dumps({"template": "../../templates/refusal.md", "data": {"requester_name": who, "supplier": "Apex Ltd"}}),
            encoding="utf-8",
        )
        (d / "expected.json").write_text("{}\n", encoding="utf-8")
    return template, cases


def test_update_then_pass(tmp_path: Path) -> None:
    _, cases = make_repo(tmp_path)
    assert {r.outcome for r in run_golden(cases, Options(), update=True)} == {UPDATED}
    expected = json.loads((cases / "mr-patel" / "expected.json").read_text(encoding="utf-8"))
    assert expected["findings"] == []
    assert expected["questions"] == {"1": "answered", "2": "withheld"}
    assert {r.outcome for r in run_golden(cases, Options())} == {PASS}


def test_dropping_the_internal_review_paragraph_fails_with_a_diff(tmp_path: Path) -> None:
    template, cases = make_repo(tmp_path)
    run_golden(cases, Options(), update=True)
    text = template.read_text(encoding="utf-8")
    start = text.index("If you are dissatisfied")
    template.write_text(text[:start] + text[text.index("If you are not content"):], encoding="utf-8")
    results = run_golden(cases, Options())
    assert {r.outcome for r in results} == {FAIL}
    diff = results[0].diff
    assert diff.startswith("--- cases/mr-patel/expected.json") or "expected.json" in diff.splitlines()[0]
    assert '+    "RN001"' in diff
    assert '-    "internal_review": true,' in diff and '+    "internal_review": false,' in diff


def test_adding_an_officers_direct_line_fails(tmp_path: Path) -> None:
    template, cases = make_repo(tmp_path)
    run_golden(cases, Options(), update=True)
    template.write_text(
        TEMPLATE.replace("Information Governance Team\n", "Jane Morrison\nInformation Governance Officer\nDirect line: 01632 960 184\n"),
        encoding="utf-8",
    )
    results = run_golden(cases, Options())
    assert all(r.outcome == FAIL and '+    "PD002"' in r.diff for r in results)


def test_missing_template_variable_is_an_error_in_the_expectation(tmp_path: Path) -> None:
    template, cases = make_repo(tmp_path)
    run_golden(cases, Options(), update=True)
    template.write_text(TEMPLATE.replace("{{ supplier }}", "{{ supplier_name }}"), encoding="utf-8")
    results = run_golden(cases, Options())
    assert all(r.outcome == FAIL for r in results)
    assert "'supplier_name' is undefined" in results[0].diff


def test_cli_test_command(tmp_path: Path) -> None:
    template, cases = make_repo(tmp_path)
    res = runner.invoke(app, ["test", str(cases), "--update"])
    assert res.exit_code == 0 and "2 updated" in res.stdout
    res = runner.invoke(app, ["test", str(cases)])
    assert res.exit_code == 0 and "2 passed, 0 failed" in res.stdout
    start, end = TEMPLATE.index("If you are dissatisfied"), TEMPLATE.index("If you are not content")
    template.write_text(TEMPLATE[:start] + TEMPLATE[end:], encoding="utf-8")
    res = runner.invoke(app, ["test", str(cases)])
    assert res.exit_code == 1 and "FAIL  mr-patel" in res.stdout and "RN001" in res.stdout
    res = runner.invoke(app, ["test", str(tmp_path / "templates")])
    assert res.exit_code == 2 and "no case folders" in res.stderr


@pytest.mark.parametrize("folder", ["golden", "cases"])
def test_shipped_golden_cases_pass(tmp_path: Path, folder: str) -> None:
    """fixtures/golden (template cases) and the library's own fixtures/cases share one format."""
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    results = run_golden(tmp_path / "fixtures" / folder, Options())
    assert results and all(r.outcome == PASS for r in results), [r.diff for r in results if r.outcome != PASS]

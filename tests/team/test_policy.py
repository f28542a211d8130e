"""Config keys for rules, staff list and LLM; inline suppression; the staff list in a review."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEED_ONS
from reviewer.cli import app
from reviewer.core.findings import Severity
from reviewer.pipeline import Options, review_texts
from reviewer.team.config import ConfigError, load_config

runner = CliRunner()

REQUEST = "1. Who supplies your CCTV?\n2. What does it cost?\n"
BODY = "Dear Mr Patel,\n\n1. Who supplies your CCTV?\nApex Ltd\n\n2. What does it cost?\n£4,000 a year\n\n"
SIGNED = BODY + "Yours sincerely,\n\nJane Morrison\nInformation Governance Officer\nDirect line: 01632 960 184\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes(review: object) -> list[str]:
    return sorted(f.rule.code for f in review.findings)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('colour = "red"\n', "unknown key 'colour'"),
        ('[rules]\nXX001 = "off"\n', "key 'rules.XX001' is not a rule code"),
        ('[rules]\nPD003 = "loud"\n', "key 'rules.PD003' must be on, off or a severity"),
        ('[rules.PD003]\nseverity = "fatal"\n', "key 'rules.PD003.severity' must be one of error, warning, info"),
        ('[rules.PD003]\nenable = false\n', "key 'rules.PD003.enable' is not a rule setting"),
        ('[llm]\nconcurrency = 0\n', "key 'llm.concurrency' must be a whole number from 1 to 256"),
        ('[llm]\nbase_url = "ftp://x"\n', "key 'llm.base_url' must be an http:// or https:// URL"),
        ('[llm]\ntemperature = 1\n', "key 'llm.temperature' is not an LLM setting"),
        ('llm = "gpt"\n', "key 'llm' must be true, false or a table"),
        ('model = "a"\n[llm]\nmodel = "b"\n', "key 'llm.model' repeats the top-level key 'model'"),
        ('staff_list = "missing.csv"\n', "key 'staff_list'"),
        ('staff_list = 3\n', "key 'staff_list' must be the path of a CSV file"),
        ('fail_on = "sometimes"\n', "key 'fail_on' must be one of"),
    ],
)
def test_config_errors_are_one_line_naming_the_key(tmp_path: Path, toml: str, message: str) -> None:
    cfg = write(tmp_path / ".foi-review.toml", toml)
    with pytest.raises(ConfigError) as err:
        load_config(cfg, tmp_path)
    assert message in str(err.value)
    assert "\n" not in str(err.value) and str(cfg) in str(err.value)


def test_bad_staff_csv_is_a_config_error(tmp_path: Path) -> None:
    write(tmp_path / "staff.csv", "name,role\nJane,Officer\n")
    cfg = write(tmp_path / ".foi-review.toml", 'staff_list = "staff.csv"\n')
    with pytest.raises(ConfigError, match="missing column"):
        load_config(cfg, tmp_path)
    write(tmp_path / "staff.csv", "name,role,publish\nJane,Officer,maybe\n")
    with pytest.raises(ConfigError, match="line 2: publish must be yes or no"):
        load_config(cfg, tmp_path)


def test_full_config_in_pyproject(tmp_path: Path) -> None:
    """The settings example in docs/ci.md, as written, is what this reads."""
    docs = (Path(__file__).parents[2] / "docs" / "ci.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(\[tool\.foi-review\]\n.*?)```", docs, re.S)
    assert example is not None
    write(tmp_path / "staff.csv", "name,role,publish\nSarah Okafor,Chief Executive,yes\nTom Reid,Officer,no\n")
    write(tmp_path / "pyproject.toml", example.group(1))
    c = load_config(None, tmp_path)
    assert c.fail_on == "warning" and c.staff_list is not None and len(c.staff_list.members) == 2
    assert c.allow_contacts == ("foi@example-council.gov.uk", "01632 960 000")
    assert {(r.code, r.enabled, r.severity) for r in c.rules} == {
        ("TP002", False, None), ("PD003", True, Severity.ERROR), ("EX005", True, Severity.INFO), ("CP103", False, None)
    }
    # the [llm] table fills the same settings as the top-level keys the model tier reads
    assert c.llm is False and c.model == "gpt-4o-mini" and c.concurrency == 4 and c.max_input_tokens == 12000
    assert c.base_url == "http://127.0.0.1:8080/v1" and c.timeout == 60 and c.max_output_tokens == 2000


def test_rule_settings_disable_and_regrade(tmp_path: Path) -> None:
    write(tmp_path / ".foi-review.toml", '[rules]\nPD002 = "off"\nPD003 = "error"\n')
    c = load_config(None, tmp_path)
    plain = review_texts(REQUEST, SIGNED)
    assert {"PD002", "PD003"} <= set(codes(plain)) or "PD002" in codes(plain)
    tuned = review_texts(REQUEST, SIGNED, Options(rules=c.rules))
    assert "PD002" not in codes(tuned)
    assert all(f.effective_severity is Severity.ERROR for f in tuned.findings if f.rule.code == "PD003")


def test_inline_suppression_with_reason_is_reported() -> None:
    text = SIGNED.replace("Direct line:", "<!-- foi-review: disable=PD002 reason=\"published by policy\" -->\nDirect line:")
    review = review_texts(REQUEST, text)
    assert "PD002" not in codes(review)
    assert [(s.finding.rule.code, s.reason, s.kind) for s in review.suppressed] == [("PD002", "published by policy", "inline")]
    from reviewer.reporters.records import review_record

    rec = review_record(review)
    assert rec["suppressed"][0]["suppression"]["reason"] == "published by policy"


def test_suppression_without_reason_or_unused_is_a_note() -> None:
    no_reason = SIGNED.replace("Direct line:", "foi-review: disable=PD002\nDirect line:")
    review = review_texts(REQUEST, no_reason)
    assert "PD002" in codes(review) and any("no reason" in n for n in review.notes)
    unused = BODY + "foi-review: disable-file=PD001 reason=\"old exception\"\n"
    review = review_texts(REQUEST, unused)
    assert any("unused suppression of PD001" in n for n in review.notes)


def test_disable_file_covers_findings_without_location() -> None:
    text = BODY.replace("£4,000 a year", "This is withheld under section 43(2) of the Freedom of Information Act 2000.")
    base = codes(review_texts(REQUEST, text))
    assert "RN001" in base
    review = review_texts(REQUEST, text + "\nfoi-review: disable-file=RN001 reason=\"internal review offered in covering e-mail\"\n")
    assert "RN001" not in codes(review) and any(s.finding.rule.code == "RN001" for s in review.suppressed)


def test_staff_list_passes_senior_officers_and_flags_others(tmp_path: Path) -> None:
    from reviewer.core.staff_list import parse_staff_csv

    staff = parse_staff_csv("name,role,publish\nJane Morrison,Head of Information Governance,yes\nTom Reid,FOI Officer,no\n")
    senior = BODY + "Yours sincerely,\n\nJane Morrison\nHead of Information Governance\n"
    assert "PD003" in codes(review_texts(REQUEST, senior))
    review = review_texts(REQUEST, senior, Options(staff=staff))
    assert "PD003" not in codes(review)
    assert [s.reason for s in review.suppressed] == ["staff list: Head of Information Governance may be named"]
    junior = BODY.replace("Apex Ltd", "Apex Ltd (Tom Reid checked the contract register)") + "Yours sincerely,\n\nTom Reid\n"
    review = review_texts(REQUEST, junior, Options(staff=staff))
    found = codes(review)
    assert found.count("PD005") == 2 and "PD003" not in found


def test_cli_reports_config_error_in_one_line(tmp_path: Path) -> None:
    cfg = write(tmp_path / "bad.toml", '[rules]\nPD009 = "off"\n')
    seed = SEED_ONS
    for args in (["check", str(seed)], ["audit", str(seed)], ["test", str(tmp_path)]):
        res = runner.invoke(app, [*args, "--config", str(cfg)])
        assert res.exit_code == 2
        assert res.stderr.count("\n") == 1 and "rules.PD009" in res.stderr

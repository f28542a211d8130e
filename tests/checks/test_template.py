"""TP rules: placeholders, subject mismatch and outdated regulator contacts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SEEDS, combined_ctx, reply_ctx
from reviewer.analysis.placeholders import has_text
from reviewer.checks import template
from reviewer.core.findings import Finding, Severity
from reviewer.core.model import ReviewContext

CCTV_REQUEST = (
    "Please provide details of your CCTV maintenance and support contract: the supplier, "
    "annual spend, renewal date and the number of cameras."
)


def make_ctx(response: str, request: str = CCTV_REQUEST) -> ReviewContext:
    return reply_ctx(response, request)


def seed_ctx(name: str, marker: str) -> ReviewContext:
    return combined_ctx(SEEDS[name].read_text(encoding="utf-8"), marker)


def run(ctx: ReviewContext, code: str | None = None) -> list[Finding]:
    return [f for f in template.run(ctx) if code is None or f.rule.code == code]


def texts(fs: list[Finding]) -> list[str]:
    return [f.evidence.text for f in fs if f.evidence is not None]


def test_seed_hwfire() -> None:
    ctx = seed_ctx("001_2e59bc44238aaadb.txt", "\nResponse\n")
    assert texts(run(ctx, "TP001")) == ["Dear X"]
    mismatch = run(ctx, "TP002")
    assert texts(mismatch) == ["incident information"]
    assert "incident" in mismatch[0].message
    outdated = run(ctx, "TP003")
    assert texts(outdated) == ["01625 545745"]
    assert outdated[0].effective_severity is Severity.WARNING
    assert {f.rule.code for f in run(ctx)} == {"TP001", "TP002", "TP003"}


def test_seed_ons_is_clean() -> None:
    assert run(seed_ctx("000_9fdd8bb9b74a6a96.txt", "We said")) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Dear X,", "Dear X"),
        ("Dear [name],", "Dear [name]"),
        ("Dear Mr X,", "Dear Mr X"),
        ("Dear <<Name>>", "Dear <<Name>>"),
        ("Thank you for your request of [insert date].", "[insert date]"),
        ("Our reference: [REFERENCE]", "[REFERENCE]"),
        ("Hello <<requester_name>>", "<<requester_name>>"),
        ("Hello {{ name }}", "{{ name }}"),
        ("Hello {name}", "{name}"),
        ("The contract ends on xx/xx/xxxx.", "xx/xx/xxxx"),
        ("The contract ends on DD/MM/YYYY.", "DD/MM/YYYY"),
        ("Our reference is FOI/20XX/123.", "20XX"),
        ("The supplier is XXXX Ltd.", "XXXX"),
        ("The annual cost was £X.", "£X"),
        ("Lorem ipsum dolor sit amet.", "Lorem ipsum"),
        ("The supplier is INSERT.", "INSERT"),
        ("Review date: TBC", "TBC"),
        ("The number of cameras is ?? in total.", "??"),
    ],
)
def test_placeholders(line: str, expected: str) -> None:
    fs = run(make_ctx(line + "\n"), "TP001")
    assert texts(fs) == [expected]
    assert fs[0].effective_severity is Severity.ERROR


@pytest.mark.parametrize(
    "line",
    [
        "Dear Mr Smith,",
        "Dear Sir/Madam,",
        "Dear Sir or Madam,",
        "Dear Ms O'Brien,",
        "The officer's name [REDACTED] has been removed.",
        "The supplier is XXXX [REDACTED under section 43].",
        "The name has been redacted: XXXX.",
        "See sub-paragraph (x) and (ix) of the contract.",
        "Our reference: FOI/2022/4158.",
        "This is set out in [1] and [Section 40(2)] above.",
        "Why was this done? We could not say.",
        "The value is £12,301,930.00 (TBC by finance next week).",
    ],
)
def test_not_placeholders(line: str) -> None:
    assert run(make_ctx(line + "\n"), "TP001") == []


def test_subject_mismatch_flags_unrelated_subject() -> None:
    fs = run(make_ctx("Thank you for your request for information about staff parking permits.\n"), "TP002")
    assert texts(fs) == ["staff parking permits"]
    assert fs[0].effective_severity is Severity.WARNING


@pytest.mark.parametrize(
    "response",
    [
        "Thank you for your request for information about your CCTV contracts.\n",
        "Thank you for your request regarding CCTV maintenance, which we received on 3 March.\n",
        "Thank you for your request for information which was received on 3 March.\n",
        "Thank you for your request dated 3 March 2024 regarding camera maintenance.\n",
        "Re: CCTV Maintenance and Support Contract\n",
        "Thank you for your request on 3 March.\n",
        "Thank you for your request for information.\n",
        "Thank you for your request under the Freedom of Information Act 2000.\n",
    ],
)
def test_subject_mismatch_negatives(response: str) -> None:
    assert run(make_ctx(response), "TP002") == []


def test_subject_line_mismatch() -> None:
    fs = run(make_ctx("Subject: Fire appliance incidents\n\nDear Mr Jones,\n"), "TP002")
    assert texts(fs) == ["Fire appliance incidents"]


@pytest.mark.parametrize(
    ("text", "evidence", "severity"),
    [
        ("Call the ICO on 08456 30 60 60.", "08456 30 60 60", Severity.WARNING),
        ("Call the ICO on 01625 545745.", "01625 545745", Severity.WARNING),
        ("Fax: 01625 524510", "01625 524510", Severity.WARNING),
        ("See www.informationcommissioner.gov.uk.", "www.informationcommissioner.gov.uk", Severity.WARNING),
        ("See www.ico.gov.uk for details.", "www.ico.gov.uk", Severity.WARNING),
        ("Write to the FOI Compliance Team (complaints), Wycliffe House.", "FOI Compliance Team (complaints)", Severity.WARNING),
        ("E-mail enquiries@itspublicknowledge.info", "enquiries@itspublicknowledge.info", Severity.INFO),
        ("Apply online at www.itspublicknowledge.info/appeal", "www.itspublicknowledge.info", Severity.INFO),
    ],
)
def test_outdated_regulator(text: str, evidence: str, severity: Severity) -> None:
    fs = run(make_ctx(text + "\n"), "TP003")
    assert texts(fs) == [evidence]
    assert fs[0].effective_severity is severity


def test_current_regulator_details_not_flagged() -> None:
    text = (
        "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF. "
        "Telephone: 0303 123 1113. Website: https://ico.org.uk/make-a-complaint/ or e-mail casework@ico.org.uk. "
        "Scottish Information Commissioner, Kinburn Castle, St Andrews KY16 9DS, 01334 464610, www.foi.scot, "
        "enquiries@foi.scot.\n"
    )
    assert run(make_ctx(text), "TP003") == []


def test_only_reply_part_scanned() -> None:
    text = "Request: Dear X, call 01625 545745\n\nResponse\nDear Mr Jones,\nThank you.\n"
    assert run(combined_ctx(text)) == []


def _reference_stem(w: str) -> str:
    w = w.replace("’", "'").split("'")[0].strip("-")
    for suf in ("ies", "es", "s", "ing", "ed"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            w = w[: -len(suf)] + ("y" if suf == "ies" else "")
            break
    return w[:6]


@given(st.text(alphabet=st.sampled_from(list("abdegins'’-")), max_size=12))
def test_stem_skips_only_work_that_changes_nothing(word: str) -> None:
    assert template._stem(word) == _reference_stem(word)


_GATE_NEEDLES = ["xx", "x/", "x.", "x-", "dd", "£x", "£ x", "£?", "£ ?", "<<", "??", "TB", "Dear", "["]


@given(st.text(alphabet=st.sampled_from(list("xX/.-d£ ?<TBDear[a")), max_size=30),
       st.lists(st.sampled_from(_GATE_NEEDLES), min_size=1, max_size=5))
def test_gate_is_any_needle_in_the_text(text: str, needles: list[str]) -> None:
    assert has_text(*needles, lower=False)(text, text.lower()) == any(n in text for n in needles)
    assert has_text(*needles)(text, text.lower()) == any(n in text.lower() for n in needles)


LIBRARY_REQUEST = (
    "1. How many library branches did the council operate in 2024?\n"
    "2. What was the annual spend on library book stock?\n"
    "3. How often are the mobile library routes reviewed?\n"
    "4. Which company supplies the self-service kiosks?\n"
)


def test_tp002_numbered_filler_with_few_words_is_an_error() -> None:
    """Four different questions each 'answered' with the same filler: no figure, no word of the
    request. A reply under four subject words used to be skipped, and the draft passed."""
    from reviewer.pipeline import review_texts

    review = review_texts(LIBRARY_REQUEST, "1. asdf\n2. asdf\n3. asdf\n4. asdf\n")
    assert [(f.rule.code, f.severity) for f in review.findings if f.rule.code == "TP002"] == [("TP002", Severity.ERROR)]


def test_tp002_terse_real_answers_are_not_flagged() -> None:
    from reviewer.pipeline import review_texts

    for reply in ("1. 14\n2. £212,400\n3. Yearly\n4. Northgate\n", "1. Yes\n2. None\n3. Weekly\n4. Northgate\n"):
        assert [f for f in review_texts(LIBRARY_REQUEST, reply).findings if f.rule.code == "TP002"] == [], reply


def test_subject_line_with_a_space_before_its_colon() -> None:
    """The pattern allows "Re :"; the gate once looked for "re:" and skipped it."""
    fs = run(make_ctx("Re : Fire appliance incidents\n\nDear Mr Jones,\n"), "TP002")
    assert texts(fs) == ["Fire appliance incidents"]

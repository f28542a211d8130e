"""Wrong subject fails; fix texts use placeholders the tool itself catches (issue 13, items 5-6)."""

from __future__ import annotations

import re

import pytest

import reviewer.checks  # noqa: F401  (registers the rules)
from reviewer.core.findings import RULES, Severity
from reviewer.pipeline import review_texts

REQUEST = (
    "Please provide:\n1. How much did the council spend on external consultants in 2023/24?\n"
    "2. Which consultancy firms received more than £50,000?\n\nYours faithfully,\nJane Doe\n"
)
POTHOLES = (
    "Dear Ms Doe,\n\nThank you for your request.\n\n1. In 2023/24 we repaired 4,512 potholes on county roads.\n"
    "2. Carriageway resurfacing covered 38 kilometres of rural routes.\n\nYours sincerely,\nHighways Team\n"
)
CONSULTANTS = (
    "Dear Ms Doe,\n\nThank you for your request.\n\n1. The council spent £1.3 million on external consultants in 2023/24.\n"
    "2. Two firms received more than £50,000: Alpha Advisory Ltd and Beta Partners LLP.\n\nYours sincerely,\nFinance Team\n"
)


def test_reply_about_another_subject_is_an_error() -> None:
    review = review_texts(REQUEST, POTHOLES)
    tp = [f for f in review.findings if f.rule.code == "TP002"]
    assert len(tp) == 1 and tp[0].effective_severity is Severity.ERROR
    assert "shares no subject matter" in tp[0].message and "consultants" in tp[0].message


def test_the_wording_of_asking_is_not_subject_matter() -> None:
    """"I would like to request..." says nothing about the subject: a reply offering "if you
    would like an internal review" shares no subject with it, and the message lists none of it."""
    request = "I would like to request the amount the council spent on external consultants in 2023/24.\n"
    reply = POTHOLES.replace("Yours sincerely", "If you would like an internal review, write to us.\n\nYours sincerely")
    [tp] = [f for f in review_texts(request, reply).findings if f.rule.code == "TP002"]
    assert "shares no subject matter" in tp.message and "'like'" not in tp.message


@pytest.mark.parametrize(
    "reply",
    [
        CONSULTANTS,
        # a refusal may never name the subject: not this finding's business
        "Dear Ms Doe,\n\nWe are refusing this request under section 14(1) of the Act as vexatious: it is one of "
        "twenty identical requests received on one day as part of a campaign.\n\nYours sincerely,\nFOI Team\n",
        # a terse reply has too little subject matter of its own to judge
        "1. £1.3m.\n2. Two.\n",
    ],
)
def test_reply_on_the_subject_or_refusing_is_not_a_subject_error(reply: str) -> None:
    review = review_texts(REQUEST, reply)
    assert not [f for f in review.findings if f.rule.code == "TP002" and f.effective_severity is Severity.ERROR]


@pytest.mark.parametrize(
    ("draft", "found"),
    [
        ("You may ask for an internal review by writing to ... within 40 working days.", "..."),
        ("You may ask for an internal review by writing to\n… within 40 working days.", "…"),
        ("Dear ...,\n\nThank you.", "..."),
        ("Our reference: ...\n", "..."),
        ("The contract cost £... in 2023.", "£..."),
    ],
)
def test_ellipsis_standing_for_a_detail_is_a_placeholder(draft: str, found: str) -> None:
    tp = [f for f in review_texts("1. Please provide the contract.\n", draft).findings if f.rule.code == "TP001"]
    assert [f.evidence.text for f in tp if f.evidence] == [found]


@pytest.mark.parametrize(
    "draft",
    [
        "Disclosure would aid transparency... However, there is a public interest in fair competition.",
        'Section 40(2) says "information is exempt if ... it constitutes personal data".',
        "We list cars, vans, lorries etc. … and nothing else.",
        "See our website (https://council.example/foi/...).",
    ],
)
def test_ellipsis_in_prose_or_a_quotation_is_not_a_placeholder(draft: str) -> None:
    assert not [f for f in review_texts("1. Please provide the contract.\n", draft).findings if f.rule.code == "TP001"]


REFUSAL = (
    "Dear Mr Jones,\n\n1. The contract is withheld under section 43(2) of the Act because it would prejudice the "
    "caterer's commercial interests. We have considered the public interest: disclosure would show how public money is "
    "spent, but fair competition favours withholding, and we have concluded that the public interest in maintaining the "
    "exemption outweighs that in disclosure.\n\n{review}\n\nYou may then complain to the Information Commissioner's "
    "Office, Wycliffe House, Water Lane, Wilmslow SK9 5AF.\n\nYours sincerely,\nFOI Team\n"
)


def _suggested_wording() -> str:
    """The sentence RN001's fix text tells the officer to add, exactly as the tool prints it."""
    m = re.search(r"'([^']+)'", RULES["RN001"].fix)
    assert m is not None
    return m.group(1)


def test_rn001_fix_text_pasted_unfilled_does_not_clear_rn001() -> None:
    draft = REFUSAL.format(review=_suggested_wording())
    codes = [f.rule.code for f in review_texts("1. Please provide the catering contract.\n", draft).findings]
    assert "RN001" in codes and "TP001" in codes


def test_rn001_cleared_once_the_wording_is_filled_in() -> None:
    filled = _suggested_wording().replace("[address]", "foi@council.gov.uk")
    codes = [f.rule.code for f in review_texts("1. Please provide the catering contract.\n", REFUSAL.format(review=filled)).findings]
    assert "RN001" not in codes and "TP001" not in codes


@pytest.mark.parametrize("code", sorted(RULES))
def test_fix_texts_use_placeholders_the_tool_catches(code: str) -> None:
    """A fix text pasted as it stands must be caught: '[address]', never '...'."""
    fix = RULES[code].fix
    assert "..." not in fix and "…" not in fix, fix
    for gap in re.findall(r"\[[^\]]+\]", fix):
        assert [f for f in review_texts("1. Please provide it.\n", f"We hold it at {gap} now.").findings if f.rule.code == "TP001"], gap

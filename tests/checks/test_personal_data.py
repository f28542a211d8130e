"""PD rules on whole drafts: staff contacts flagged, organisational ones left alone."""

from __future__ import annotations

import pytest

from conftest import SEEDS, combined_ctx, reply_ctx
from reviewer.checks import personal_data
from reviewer.core.document import Document, Span
from reviewer.core.findings import Finding, Severity
from reviewer.core.model import Regime, ReviewContext


def make_ctx(response: str, request: str = "Please send me your FOI policy.", allow: tuple[str, ...] = ()) -> ReviewContext:
    return reply_ctx(response, request, allow)


def seed_ctx(name: str, marker: str) -> ReviewContext:
    """A combined request+response seed: the reply starts at the `marker` line."""
    text = SEEDS[name].read_text(encoding="utf-8")
    i = text.index(marker)
    doc = Document(text, name)
    return ReviewContext(
        request=doc, response=doc, request_span=Span(0, i), response_span=Span(i, len(text)),
        questions=[], answers=[], citations=[], regime=Regime.FOIA, regime_explicit=False,
    )


def run(ctx: ReviewContext) -> list[Finding]:
    return list(personal_data.run(ctx))


def codes(fs: list[Finding]) -> list[str]:
    return [f.rule.code for f in fs]


def test_seed_hwfire_no_personal_data_findings() -> None:
    ctx = seed_ctx("001_2e59bc44238aaadb.txt", "\nResponse\n")
    fs = run(ctx)
    assert fs == []
    for value in ("casework@ico.org.uk", "0303 123 1113", "01625 545745", "Wycliffe House", "www.hwfire.org.uk"):
        assert not any(f.evidence and value in f.evidence.text for f in fs)


def test_seed_ons_no_personal_data_findings() -> None:
    assert run(seed_ctx("000_9fdd8bb9b74a6a96.txt", "We said")) == []


def test_named_officer_email() -> None:
    text = "If you have any questions, please contact Jane Smith at jane.smith@council.gov.uk.\n"
    fs = run(make_ctx(text))
    assert codes(fs) == ["PD001"]
    f = fs[0]
    assert f.evidence is not None and f.evidence.text == "jane.smith@council.gov.uk"
    assert f.effective_severity is Severity.ERROR
    # the officer is named in the message (whose details these are), never the address itself;
    # shareable reports mask the name with the address (test_leak_and_its_officer_masked_together)
    assert f.message == "Personal e-mail address of a named officer (Jane Smith, named on line 1)"
    assert "jane.smith" not in f.message.lower()
    assert f.extra["person"]["text"] == "Jane Smith"


def test_direct_line() -> None:
    fs = run(make_ctx("For queries about this reply: direct line 01234 567891.\n"))
    assert codes(fs) == ["PD002"]
    assert fs[0].evidence is not None and fs[0].evidence.text == "direct line 01234 567891"
    assert "01234" not in fs[0].message and "direct-dial" in fs[0].message.lower()


def test_mobile() -> None:
    fs = run(make_ctx("Out of hours you can reach the duty officer on 07700 900123.\n"))
    assert codes(fs) == ["PD002"]
    assert fs[0].evidence is not None and fs[0].evidence.text == "07700 900123"
    assert "mobile" in fs[0].message.lower()


def test_extension_after_first_name() -> None:
    fs = run(make_ctx("If anything is unclear, call Jane on extension 4321.\n"))
    assert codes(fs) == ["PD002"]
    assert fs[0].evidence is not None and "4321" in fs[0].evidence.text


def test_signature_block_with_name_and_direct_dial_is_one_finding() -> None:
    text = (
        "Thank you for your request.\n\nYours sincerely,\n\nJane Smith\nInformation Governance Officer\n"
        "Direct line: 01234 567891\n"
    )
    fs = run(make_ctx(text))
    assert codes(fs) == ["PD002"]
    assert fs[0].evidence is not None and fs[0].evidence.text == "Direct line: 01234 567891"
    assert "(Jane Smith, named on line 5)" in fs[0].message  # names the officer and where


def test_named_signatory_without_contact_is_a_warning() -> None:
    text = "Thank you for your request.\n\nKind regards\nJane Smith\nInformation Governance Officer\n"
    fs = run(make_ctx(text))
    assert codes(fs) == ["PD003"]
    assert fs[0].effective_severity is Severity.WARNING
    assert fs[0].evidence is not None and fs[0].evidence.text == "Jane Smith"


def test_named_contact_with_switchboard_is_a_warning_only() -> None:
    fs = run(make_ctx("Please contact John Brown on 0300 123 4567 if you need help.\n"))
    assert codes(fs) == ["PD003"]


@pytest.mark.parametrize(
    "text",
    [
        "Please write to foi@council.gov.uk or enquiries@council.gov.uk.\n",
        "Switchboard: 01234 567000\n",
        "Yours sincerely,\n\nInformation Governance Team\nEmail: foi@council.gov.uk\nTel: 01234 567000\n",
        "Central Enquiry Unit\nEmail: ceu@gov.scot\nPhone: 0300 244 4000\n",
        "Information Commissioner's Office\nWycliffe House\nWater Lane\nWilmslow\nCheshire\nSK9 5AF\n"
        "Telephone: 0303 123 1113\nWebsite: www.ico.org.uk\n",
        "Our disclosure log is at https://www.council.gov.uk/foi/disclosure-log-2023.\n",
        "Internal review requests should be addressed to: Internal Review, Performance & Data Team, "
        "Kelvedon Park, Rivenhall, Witham, Essex CM8 3HB.\n",
    ],
)
def test_organisational_contacts_not_flagged(text: str) -> None:
    assert run(make_ctx(text)) == []


def test_allow_listed_number_not_flagged() -> None:
    text = "Direct line: 01234 567891\n"
    assert run(make_ctx(text, allow=("01234567891",))) == []


def test_only_reply_part_is_scanned() -> None:
    text = "Request\nFrom jane.smith@council.gov.uk, mobile 07700 900123\n\nResponse\nThank you.\n"
    assert run(combined_ctx(text)) == []


def test_requester_email_echoed() -> None:
    request = "Please send me the figures. Reply to jo.bloggs@example.com\n"
    response = "We have sent this reply to jo.bloggs@example.com as requested.\n"
    fs = run(make_ctx(response, request=request))
    assert codes(fs) == ["PD004"]
    assert fs[0].evidence is not None and fs[0].evidence.text == "jo.bloggs@example.com"


def test_evidence_offsets_point_into_response_document() -> None:
    prefix = "Request text here.\n\nResponse\n"
    text = prefix + "Contact me on 07700 900123.\n"
    doc = Document(text, "combined.txt")
    ctx = ReviewContext(
        request=doc, response=doc, request_span=Span(0, len(prefix)), response_span=Span(len(prefix), len(text)),
        questions=[], answers=[], citations=[], regime=Regime.FOIA, regime_explicit=False,
    )
    (f,) = run(ctx)
    assert f.evidence is not None
    # the number, with the words that make it the writer's own line
    assert text[f.evidence.start : f.evidence.end] == "Contact me on 07700 900123"
    assert f.evidence.line == 4

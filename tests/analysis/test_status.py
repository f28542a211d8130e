"""Status classification on the phrasings FOI officers actually write."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer.analysis.status import classify, cross_reference
from reviewer.pipeline import review_texts

PHRASES = {
    "The Council does not hold any information in relation to this request.": "not_held",
    "No such records exist.": "not_held",
    "There is no recorded information.": "not_held",
    "This information is not recorded centrally.": "not_held",
    "Information not held.": "not_held",
    "We are not able to provide this information as it is not held in a retrievable format.": "not_held",
    "We have not identified any information falling within the scope of your request.": "not_held",
    "The Trust does not record this data.": "not_held",
    "This data is not available.": "not_held",
    "The Council is unable to answer this question as the information is not held.": "not_held",
    "Unknown": "not_held",
    "This information is held by Kent County Council, who may be contacted at foi@kent.gov.uk.": "not_held",
    "The information you have requested is exempt under section 40(2).": "withheld",
    "We are unable to disclose this information as it is commercially sensitive.": "withheld",
    "This information is publicly available at www.example.gov.uk/data.": "redirected",
    "Please refer to our response to FOI 2023-123, which is available on our disclosure log.": "redirected",
    "This is not applicable as we do not have a contract.": "not_applicable",
    "N/A": "not_applicable",
    "Not applicable \u2013 see answer to question 1": "not_applicable",
    "Nil.": "answered",
    "Yes": "answered",
    "A copy is attached.": "answered",
    "We have no contracts of this type.": "answered",
    "I can confirm the Council holds this information. The total was \u00a312,000.": "answered",
    "The names of junior staff have been redacted under section 40(2); the rest of the document is attached.": "partial",
    "We can neither confirm nor deny whether we hold this information.": "ncnd",
    "Compliance would exceed the appropriate limit of 18 hours.": "refused",
    "We consider this request to be vexatious.": "refused",
}


@pytest.mark.parametrize("text", sorted(PHRASES))
def test_phrase(text: str) -> None:
    assert classify(text).status.value == PHRASES[text]


def test_cross_reference_forms() -> None:
    assert cross_reference("See answer to question 2.") == "2"
    assert cross_reference("Please see our response to Q3 above") == "3"
    assert cross_reference("As above.") == ""
    assert cross_reference("See the attached spreadsheet.") is None


def test_cross_referenced_answers_take_the_status_they_point_to() -> None:
    request = "1. How many were withheld last year?\n2. How many were withheld this year?\n3. Who decided?\n"
    draft = (
        "1. How many were withheld last year?\nThis is exempt under section 31(1)(a) as release would be likely "
        "to prejudice the prevention of crime.\n2. How many were withheld this year?\nSee answer to question 1.\n"
        "3. Who decided?\nAs above.\n"
    )
    review = review_texts(request, draft)
    assert [a.status.value for a in review.context.answers] == ["withheld", "withheld", "withheld"]


@given(st.lists(st.sampled_from(["a", "Word", ".", ";", "?", " ", "\n", "\n\n", "\t", "not held"]), max_size=50))
def test_sentence_breaks_are_where_the_lookbehind_pattern_puts_them(bits: list[str]) -> None:
    from reviewer.analysis.status import _SENTENCE_BREAK_RE

    text = "".join(bits) + "\n"
    plain = [m.span() for m in re.finditer(r"(?<=[.!?;])\s+|\n+", text)]
    fast = [(m.start() + (m.group()[0] in ".!?;"), m.end()) for m in _SENTENCE_BREAK_RE.finditer(text)]
    assert fast == plain


# --- The status guide's boundaries (docs/statuses.md), one sentence role at a time ---------

GUIDE = {
    # Explanation is not information.
    "We do not hold this. Records are destroyed after 6 years under our retention schedule.": "not_held",
    "Disclosing the number of attacks would show criminals where our defences are weak, "
    "so this is withheld under s.31(1)(a).": "withheld",
    "We hold figures for 2021 only: 14. Earlier years are not held.": "partial",
    "This is held by the county council, not us. Their FOI team can be reached at foi@county.example.gov.uk.": "not_held",
    # "None" beside "not held" stays not_held; "none" alone answers.
    "No information is held. Searches returned zero results.": "not_held",
    "There have been no incidents of this kind.": "answered",
    # s.21 and links are redirected, s.22 future publication is withheld.
    "This information is exempt under section 21 because it is published at www.example.gov.uk/spend": "redirected",
    "The report will be published on our website in June, so section 22 applies.": "withheld",
    "The data are published at www.example.gov.uk/data for 2020 to 2023. Figures for 2019 are not held.": "partial",
    # A word is not a decision.
    "We refused 3 requests as vexatious under section 14 in 2023.": "answered",
    "The contract cost £84,000 in 2023.": "answered",
    # Exempt from a charge or a tax is not an FOI exemption.
    "Where a patient is exempt from parking charges a permit is issued by the ward clerk.": "answered",
    "Blue badge holders are exempt from the fee, so the meter records no payment.": "answered",
    "The names are exempt from disclosure under section 40(2).": "withheld",
    "The report is exempt under section 36.": "withheld",
    "We consider your request to be vexatious under section 14(1).": "refused",
    "Please see the attached refusal notice.": "refused",
    # Courtesy, holding lines and review rights are never an answer.
    "Thank you for your request, which we received on 3 March.": "unanswered",
    "We received your request on 3 March and have dealt with it under the Act.": "unanswered",
    "We have dealt with it under the Freedom of Information Act 2000.": "unanswered",
    "It has been considered under the Environmental Information Regulations 2004.": "unanswered",
    # "We received" with a figure is information, not an acknowledgement.
    "We received 37 complaints about ungritted roads.": "answered",
    "We have received 4 claims.": "answered",
    "We will reply within 20 working days.": "unanswered",
    # Apologies, where to send requests, and a bare address are courtesy, not information.
    "Please accept our apologies for the delay in replying.": "unanswered",
    "We apologise for any inconvenience.": "unanswered",
    "Our legal team have advised that requests about the inquest should be directed to the coroner's office.": "unanswered",
    "The dedicated e-mail address for such enquiries is below.": "unanswered",
    "[2] records.team@example.gov.uk": "unanswered",
    "[email address]": "unanswered",
    "We do not hold this. Requests should be sent to the county council.": "not_held",
    "If you are unhappy with our decision to withhold information you may ask for an internal review.": "unanswered",
    "5 N/A": "not_applicable",
}


@pytest.mark.parametrize("text", sorted(GUIDE))
def test_guide_boundary(text: str) -> None:
    got = classify(text)
    assert got.status.value == GUIDE[text], got.note


def test_note_gives_the_reason_in_the_guides_terms() -> None:
    note = classify("We do not hold this information. Reports of this kind are destroyed after two years.").note
    assert note.startswith("not held: 'We do not hold this information.'") and note.endswith("the rest explains why")


def test_the_note_quotes_the_information_not_the_contact_line_after_it() -> None:
    note = classify("We received 37 complaints.\n\nFor further questions please contact the Highways team.").note
    assert note == "answered: 'We received 37 complaints.'"


def test_law_tables_say_what_each_provision_does() -> None:
    from reviewer.core.model import Regime
    from reviewer.law import status_role

    assert status_role(Regime.FOIA, "12(1)") == "refused_cost"
    assert status_role(Regime.FOIA, "14(2)") == "refused_vexatious"
    assert status_role(Regime.EIR, "12(4)(b)") == "refused_vexatious"
    assert status_role(Regime.FOIA, "21(1)") == "redirected"
    assert status_role(Regime.FOISA, "25(1)") == "redirected"
    assert status_role(Regime.FOIA, "22") == "withheld_future"
    assert status_role(Regime.EIR, "12(4)(d)") == "withheld_future"
    assert status_role(Regime.FOIA, "23(5)") == "ncnd"
    assert status_role(Regime.FOIA, "31(3)") == "ncnd"
    assert status_role(Regime.FOIA, "40(5)") == "ncnd"
    assert status_role(Regime.FOIA, "40(2)") is None  # an ordinary exemption withholds
    assert status_role(Regime.FOIA, "31(1)(a)") is None


_NOT_HELD = ["We do not hold this information.", "No such records exist.", "This information is not held."]
_EXPLAIN = [
    "Records are destroyed after 6 years under our retention schedule.",
    "The system that recorded this was replaced in 2019.",
    "The responsibility for this road lies with National Highways.",
    "Our policy is to keep these files for 2 years only.",
]
_COURTESY = [
    "Dear Ms Example,", "Thank you for your request, which we received on 3 March 2024.",
    "We will reply within 20 working days.", "Yours sincerely", "Kind regards",
    "Please find our response below.", "Freedom of Information Team",
]
_RIGHTS = (
    "If you are dissatisfied with this response you may ask for an internal review. "
    "You may also complain to the Information Commissioner's Office on 0303 123 1113."
)


@given(st.sampled_from(_NOT_HELD), st.lists(st.sampled_from(_EXPLAIN), max_size=3))
def test_explanation_never_turns_not_held_into_partial(statement: str, reasons: list[str]) -> None:
    assert classify(" ".join([statement, *reasons])).status.value == "not_held"


@given(st.lists(st.sampled_from(_COURTESY), min_size=1, max_size=5), st.booleans())
def test_courtesy_alone_is_never_an_answer(lines: list[str], rights: bool) -> None:
    text = "\n".join(lines + ([_RIGHTS] if rights else []))
    assert classify(text).status.value == "unanswered"


@given(st.sampled_from(sorted(t for t, s in PHRASES.items() if s != "not_applicable")))
def test_review_rights_at_the_end_never_change_a_status(answer: str) -> None:
    assert classify(answer + "\n\n" + _RIGHTS).status == classify(answer).status


@given(st.lists(st.sampled_from(["a", "Word", ".", ";", "?", " ", "\n", "\n\n", "\t", "not held", "12"]), max_size=60))
def test_lazy_sentence_split_is_the_plain_split(bits: list[str]) -> None:
    """`Reading` splits an answer into sentences only as far as it reads; read to the end,
    it gives the sentences the plain split gives."""
    from reviewer.analysis.status import Phrases, Reading

    body = "".join(bits).strip()
    plain: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r"(?<=[.!?;])\s+|\n+", body + "\n"):
        if body[pos : m.start()].strip():
            plain.append((pos, min(m.start(), len(body))))
        pos = m.end()
    reading = Reading(Phrases(body))
    assert [(x.start, x.end) for x in reading.all()] == plain


_LONG_BITS = [
    "We do not hold this information.", "The figure for 2023 was 1,204.", "This is withheld under section 43(2).",
    "It is published on our website at www.example.gov.uk/spend.", "We will publish the report in June.",
    "Releasing it would prejudice commercial interests.", "Please see the attached spreadsheet.",
    "We neither confirm nor deny that we hold it.", "The council keeps these records for six years.",
    "Thank you for your request.", "If you are unhappy you may ask for an internal review.",
    "Officers review the register every month and record each change in the asset system.",
]


@given(st.lists(st.sampled_from(_LONG_BITS), min_size=8, max_size=60), st.sampled_from([" ", "\n", "\n\n"]))
def test_a_sentence_far_past_the_scan_reads_as_the_scan_would_read_it(bits: list[str], sep: str) -> None:
    """`_Stream.roles` searches a sentence far ahead of its stream on its own: the status and
    the reason come out as when every stream is scanned up to each sentence asked about."""
    import reviewer.analysis.status as status

    text = sep.join(bits)
    ahead = status._AHEAD
    try:
        status._AHEAD = 10**9
        scanned = classify(text)
        status._AHEAD = 0
        searched = classify(text)
    finally:
        status._AHEAD = ahead
    assert searched == scanned

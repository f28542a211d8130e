"""Status classification on the phrasings FOI officers actually write."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer.review import review_texts
from reviewer.status import classify, cross_reference

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
    from reviewer.status import _SENTENCE_BREAK_RE

    text = "".join(bits) + "\n"
    plain = [m.span() for m in re.finditer(r"(?<=[.!?;])\s+|\n+", text)]
    fast = [(m.start() + (m.group()[0] in ".!?;"), m.end()) for m in _SENTENCE_BREAK_RE.finditer(text)]
    assert fast == plain

"""A draft that gives none of the requested information never marks a question answered.

The status guide: `answered` needs "the information asked for"; a reply that is skipped or
"talks about something else" is `unanswered`. These drafts are assembled from parts that carry
no requested information (courtesy, acknowledgements, filler words, sentences on another
subject), in any order and number, so the property is checked well beyond a few examples.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.pipeline import review_files, review_texts

REQUEST = (
    "Under the Freedom of Information Act 2000 please provide:\n\n"
    "1. How many library branches did the council operate in each year from 2020 to 2024?\n"
    "2. What was the total annual spend on library book stock in 2023/24?\n"
    "3. How many library staff posts were vacant on 1 April 2024?\n"
    "4. Which branches have reduced their opening hours since 2022?\n"
)

OPENING = [
    "Dear Mr Example,",
    "Thank you for your request for information.",
    "Thank you for your request. We have now considered it.",
    "We acknowledge receipt of your request.",
    "Please find our response below.",
]
SIGN_OFF = ["Yours sincerely,", "Kind regards,", "Information Governance Team"]
COURTESY = OPENING + SIGN_OFF
# Other subjects, with no figure in them: nothing the request asked for.
ELSEWHERE = [
    "The footbridge on Church Lane reopens to pedestrians after repairs.",
    "Our offices are closed on bank holidays.",
    "The car park on Mill Street will close for resurfacing next month.",
    "Garden waste collections move to a fortnightly round in the spring.",
]
# Words the request uses, or that answer a question on their own ("None.", "Yes.", "NCND"), are not filler.
_NOT_FILLER = re.compile(r"^(yes|no|none|nil|zero|nothing|n|na|ncnd|library|branch\w*|staff|posts?|spend|book|stock|hours?|opening)$")
FILLER = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8).filter(lambda w: not _NOT_FILLER.match(w))
PART = st.one_of(st.sampled_from(COURTESY), st.sampled_from(ELSEWHERE), FILLER)
BEFORE = st.one_of(st.sampled_from(OPENING), st.sampled_from(ELSEWHERE), FILLER)  # what may precede an answer


def given_statuses(request: str, draft: str) -> dict[str, str]:
    review = review_texts(request, draft)
    return {a.question.ref: a.status.value for a in review.context.answers}


@settings(max_examples=60, deadline=None)
@given(st.lists(PART, min_size=1, max_size=5), st.sampled_from(["\n\n", "\n", " "]))
def test_a_draft_with_no_information_answers_nothing(parts: list[str], sep: str) -> None:
    got = given_statuses(REQUEST, sep.join(parts) + "\n")
    assert not {"answered", "partial"} & set(got.values()), got


@settings(max_examples=40, deadline=None)
@given(st.lists(BEFORE, max_size=3), st.lists(PART, max_size=3))
def test_answering_one_question_of_four_answers_only_that_one(before: list[str], after: list[str]) -> None:
    answer = "The council operated 14 library branches in each year from 2020 to 2024."
    got = given_statuses(REQUEST, "\n\n".join([*before, answer, *after]) + "\n")
    assert got["1"] == "answered"
    assert {got["2"], got["3"], got["4"]} == {"unanswered"}, got


def test_one_word_draft_saved_as_doc_answers_nothing(tmp_path: Path) -> None:
    """A plain-text file named .doc (as a mail client saves a body) is read as text: the one
    word in it is no answer to any question."""
    request = tmp_path / "request.txt"
    request.write_text(REQUEST, encoding="utf-8")
    draft = tmp_path / "draft.doc"
    draft.write_text("junk\n", encoding="utf-8")
    review = review_files(request, draft)
    assert {a.status.value for a in review.context.answers} == {"unanswered"}
    assert any(f.rule.code == "CP001" for f in review.findings)


def test_a_reply_that_gives_information_still_answers() -> None:
    """The other side: terse prose that does give the information keeps every question answered."""
    draft = "14 branches each year; £212,400; 9 posts; none have reduced their hours.\n"
    assert set(given_statuses(REQUEST, draft).values()) == {"answered"}


ALLOTMENTS = (
    "1. How many allotment plots does the council let at present?\n"
    "2. What annual rent does the council charge for a full-size allotment plot?\n"
    "3. How many people are on the allotment waiting list today?\n"
    "4. Which allotment sites have been closed since 2019?\n"
)


def test_a_sentence_tied_between_questions_is_left_only_for_them() -> None:
    """No question owns the sentence (it shares two words each with questions 1 and 4), but it
    has nothing for the rent or the waiting list: those are unanswered, not given the reply."""
    draft = "Dear Ms Lomax,\n\nThe council currently lets 640 allotment plots across its eleven sites.\n\nYours sincerely,\nParks Team\n"
    got = given_statuses(ALLOTMENTS, draft)
    assert got["1"] == "answered"
    assert got["2"] == got["3"] == "unanswered", got


def test_a_name_beside_a_figure_may_answer_another_question() -> None:
    """The other side: one sentence owned by question 1 that also names the contractor still
    answers question 2 (a name is an answer, as a figure is)."""
    request = (
        "1. How much did the council pay for grounds maintenance in 2023?\n"
        "2. Which company holds the grounds maintenance contract?\n"
        "3. When does the contract end?\n"
    )
    got = given_statuses(request, "The council paid £310,000 to Greenway Services for grounds maintenance in 2023.\n")
    assert got["1"] == got["2"] == "answered", got

"""What is not a question, and prose that asks for several things (status guide, issue 9 kind 6)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.analysis.asks import asked_items, is_bare_leadin, is_period, non_question
from reviewer.analysis.request import parse_request

PREAMBLES = [
    "I am writing to request information under the Freedom of Information Act 2000.",
    "I would like to make a request under the Freedom of Information Act about {topic}.",
    "This is a request for information under the Environmental Information Regulations 2004.",
    "Under the Freedom of Information Act, I am requesting information regarding {topic}.",
]
FORMATS = [
    "I would prefer the data in Excel.",
    "Please send the information by e-mail.",
    "I would like to receive the information electronically, preferably as a CSV file.",
    "Could the information be provided in a spreadsheet rather than a PDF?",
    "I request that the information be sent to me digitally within the statutory timeframe.",
]
COURTESY = [
    "If any part of this request is exempt, please release the rest.",
    "If this request is too broad, please advise how I could narrow it.",
    "If complying would exceed the cost limit under section 12, please provide advice and assistance.",
    "If you need any clarification, please contact me.",
    "Thank you for your help with this request.",
    "I look forward to your reply.",
    "I am happy to discuss the scope of this request.",
]
SCOPES = [
    "Please provide this information for the period 2019 to 2023.",
    "Please cover the last five financial years.",
    "I would like to restrict the dates of my request to 1 April 2020 to 31 March 2024.",
    "Please could you provide the data for each calendar year since 2018.",
    "Please provide the figures for each of the last five years, broken down by month.",
]
CLARIFICATIONS = [
    'Please note that by "staff" I mean employees and agency workers.',
    "For the purposes of this request, a complaint is any written expression of dissatisfaction.",
    "I also include contractors who have since left.",
]
NARROWING = [
    "Please only include claims that were settled.",
    "I do not need the names of individuals.",
]
TOPICS = ["school transport", "street lighting", "parks maintenance", "council tax arrears"]
QUESTIONS = [
    "How many {topic} complaints did the council receive in 2024?",
    "What was the total spent on {topic} in 2023/24?",
    "Which company holds the contract for {topic}?",
    "Please provide the number of staff working on {topic}.",
    "Does the council have a written policy on {topic}?",
    "Please provide a copy of the latest report on {topic}.",
]


@pytest.mark.parametrize(
    "sentence,kind",
    [(s.format(topic="parking"), "preamble") for s in PREAMBLES]
    + [(s, "format") for s in FORMATS]
    + [(s, "courtesy") for s in COURTESY]
    + [(s, "scope") for s in SCOPES]
    + [(s, "clarification") for s in CLARIFICATIONS]
    + [(s, "restriction") for s in NARROWING],
)
def test_framing_kinds(sentence: str, kind: str) -> None:
    assert non_question(sentence) == kind


@pytest.mark.parametrize("template", QUESTIONS)
def test_questions_are_not_framing(template: str) -> None:
    assert non_question(template.format(topic="street lighting")) is None


def test_a_cue_with_a_subject_of_its_own_still_asks() -> None:
    assert non_question("Please provide the number of fires for the last five years.") is None
    assert non_question("Please provide the spreadsheet used to allocate school places.") is None
    assert non_question("I would like to make an FOI request for the minutes of the last planning meeting.") is None


def test_bare_lead_ins() -> None:
    assert is_bare_leadin("Please could you let me know")
    assert is_bare_leadin("Can I please request the following information?")
    assert is_bare_leadin("How many:")
    assert not is_bare_leadin("Please provide financial information relating to interpreting:")


def test_periods_under_a_scoping_lead_in() -> None:
    assert is_period("Christmas 2019") and is_period("2021/22") and is_period("April to June 2023")
    assert not is_period("Cost of street lighting repairs in 2023")


def test_request_mentioning_itself_can_still_ask_for_a_record() -> None:
    qs = parse_request("\u201c\u2026I would like to make an FOI request for the minutes of the last meeting of the licensing committee.\u201d\n")
    assert len(qs) == 1 and "minutes of the last meeting" in qs[0].text


def test_an_address_line_is_not_a_question() -> None:
    text = "All correspondence about the sale of the depot at:\n\nArena House\nMill Road\n\nsince January 2023.\n"
    assert all("Arena" not in q.text for q in parse_request(text))


@settings(max_examples=60, deadline=None)
@given(
    before=st.lists(st.sampled_from(PREAMBLES + SCOPES + CLARIFICATIONS), max_size=3),
    after=st.lists(st.sampled_from(FORMATS + COURTESY + SCOPES + NARROWING), max_size=4),
    questions=st.lists(st.sampled_from(QUESTIONS), min_size=1, max_size=6),
    topic=st.sampled_from(TOPICS),
    greet=st.booleans(),
)
def test_framing_around_numbered_questions_leaves_exactly_the_questions(
    before: list[str], after: list[str], questions: list[str], topic: str, greet: bool
) -> None:
    lines = (["Dear FOI team,", ""] if greet else []) + [s.format(topic=topic) for s in before] + [""]
    lines += [f"{i}. {q.format(topic=topic)}" for i, q in enumerate(questions, 1)] + [""]
    lines += [s.format(topic=topic) for s in after] + ["", "Kind regards,", "A. Requester"]
    qs = parse_request("\n".join(lines) + "\n")
    assert [q.ref for q in qs] == [str(i) for i in range(1, len(questions) + 1)]


@settings(max_examples=60, deadline=None)
@given(
    before=st.lists(st.sampled_from(PREAMBLES), max_size=1),
    after=st.lists(st.sampled_from(FORMATS + COURTESY + SCOPES), max_size=3),
    questions=st.lists(st.sampled_from([q for q in QUESTIONS if q.endswith("?")]), min_size=1, max_size=4),
    topic=st.sampled_from(TOPICS),
)
def test_framing_around_prose_questions_leaves_exactly_the_questions(
    before: list[str], after: list[str], questions: list[str], topic: str
) -> None:
    body = " ".join(q.format(topic=topic) for q in questions)
    text = "\n\n".join([*(s.format(topic=topic) for s in before), body, *after]) + "\n"
    assert len(parse_request(text)) == len(questions)


THINGS = [
    "the recycling rate for 2024",
    "the collection days for each ward",
    "the areas where recycling is lowest",
    "the number of missed bins reported",
    "the cost of the waste contract",
    "any complaints about the garden waste service",
    "the names of the contractors used",
]


@settings(max_examples=60, deadline=None)
@given(
    things=st.lists(st.sampled_from(THINGS), min_size=2, max_size=5, unique=True),
    opener=st.sampled_from(["Please tell me", "Could you please provide", "I would like to know", "Please send me"]),
    last=st.sampled_from([" and ", ", and ", " as well as ", ", along with "]),
)
def test_a_prose_sentence_listing_k_things_is_k_questions(things: list[str], opener: str, last: str) -> None:
    """Two things joined by a bare "and" stay one ask ("incidents reported by staff and the
    public" is one thing); a list with commas, or "as well as", asks for each."""
    if len(things) == 2 and last.strip() == "and":
        last = " as well as "
    listed = ", ".join(things[:-1]) + last + things[-1]
    qs = parse_request(f"Dear FOI team,\n\n{opener} {listed}.\n\nThank you.\n")
    assert len(qs) == len(things)
    assert [q.ref for q in qs] == [str(i) for i in range(1, len(things) + 1)]
    assert qs[-1].text.startswith(things[-1])


@pytest.mark.parametrize(
    "sentence",
    [
        "Please provide all correspondence between the council and the police about the festival.",
        "Please provide the start and end date of the contract.",
        "All documents including emails, the minutes and the reports on the closure.",
        "Please provide the number of incidents reported by staff and the public.",
        "Please provide details of your current provider (company name, the date the contract was awarded).",
    ],
)
def test_one_thing_described_is_not_split(sentence: str) -> None:
    assert asked_items(sentence) == [(0, len(sentence))]


def test_along_with_adds_an_ask() -> None:
    s = "Please provide the number of assaults on staff, along with the number of resulting prosecutions."
    assert [s[a:b] for a, b in asked_items(s)] == [
        "Please provide the number of assaults on staff",
        "the number of resulting prosecutions.",
    ]


def test_numbered_items_are_not_split_into_fields() -> None:
    text = "1. For each framework, please provide the framework name, the start date and the lead authority.\n2. Who manages it?\n"
    assert [q.ref for q in parse_request(text)] == ["1", "2"]


def test_conditional_prose_parts_stay_conditional() -> None:
    qs = parse_request("Do you hold a register of trees?\n\nIf so, please tell me the number of trees, the species recorded and the date it was last updated.\n")
    assert [q.conditional for q in qs] == [False, True, True, True]


def test_inline_sub_items_inside_an_item() -> None:
    text = "1. How many call-outs were there?\n2. Please provide a breakdown by i) reason for call-out ii) site iii) cost of call-out\n"
    qs = parse_request(text)
    assert [(q.ref, q.parent) for q in qs] == [
        ("1", None), ("2", None), ("2.i", "2"), ("2.ii", "2"), ("2.iii", "2")
    ]
    assert qs[3].text == "site"


def test_bare_numbers_count_only_where_they_run() -> None:
    text = "Please answer the following:\n1 For each year since 2020, how many buses were cancelled?\n2 For each year since 2020, how many routes were withdrawn?\n"
    assert [q.ref for q in parse_request(text)] == ["1", "2"]
    assert len(parse_request("10 Downing Street has asked about parking. How many permits were issued?\n")) == 1


def test_first_bullet_pasted_onto_its_lead_in() -> None:
    text = "We are seeking information on the following types of incident:- Fires in waste sites\n- Fires in recycling centres\n"
    assert [q.text for q in parse_request(text)] == ["Fires in waste sites", "Fires in recycling centres"]


def test_bare_numbered_lines_survive_unwrapping() -> None:
    from reviewer.pipeline import review_texts

    request = (
        "Could you answer the following questions, which I have set out below for clarity and in order:\n"
        "1 For each year since 2020, the number of buses cancelled on the town routes in the county\n"
        "2 For each year since 2020, the number of the county's subsidised routes withdrawn early\n"
        "3 For each year since 2020, the total subsidy paid to the operators of all of those routes\n"
    )
    review = review_texts(request, "1. 12, 14, 9 and 20.\n2. None.\n3. £1.2m, £1.3m, £1.1m and £1.4m.\n")
    assert [q.ref for q in review.context.questions] == ["1", "2", "3"]


@pytest.mark.parametrize(
    "sentence",
    [
        "If any contracts were withheld from publication, please list them.",
        "Please provide all FOI requests received since 2020.",
        "Please provide the start and end dates.",
        "How many requests were received by email?",
        "What format are the records held in?",
        "Please provide the dates of the last five board meetings.",
    ],
)
def test_questions_that_mention_framing_words_still_ask(sentence: str) -> None:
    assert non_question(sentence) is None


_PIECES = [
    "1. ", "2. ", "3) ", "1 ", "2 ", "a) ", "b) ", "(i) ", "ii) ", "- ", "\u2022 ", ":- ", "\n", "\n\n", "? ", ". ",
    "How many staff", "the cost, the name and the date", "Please provide the following:", "If so,",
    "for the last five years", "If any part is exempt, please release the rest.", "Procurement:",
    "as well as the number of fines", "between the council and the police", "Thank you.", "2019/20",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_mix_of_markers_and_framing_parses_to_sound_questions(pieces: list[str]) -> None:
    text = "".join(pieces)
    qs = parse_request(text)
    refs = [q.ref for q in qs]
    assert len(set(refs)) == len(refs)
    for q in qs:
        assert 0 <= q.span.start <= q.span.end <= len(text)
        assert q.parent is None or q.parent in refs


def test_a_quoted_email_request_is_read_without_its_quote_marks() -> None:
    text = "> Dear FOI team,\n>\n> 1. How many permits were issued in 2023?\n> 2. How much income did they raise?\n>\n> Thanks\n"
    qs = parse_request(text)
    assert [(q.ref, q.text) for q in qs] == [
        ("1", "How many permits were issued in 2023?"), ("2", "How much income did they raise?")
    ]
    assert text[qs[0].span.start : qs[0].span.end] == "How many permits were issued in 2023?"


def test_angle_brackets_as_bullets_stay_bullets() -> None:
    qs = parse_request("Please provide:\n> the cost of the scheme\n> the name of the supplier\n")
    assert [q.text for q in qs] == ["the cost of the scheme", "the name of the supplier"]


def test_semicolons_list_things_too() -> None:
    s = "Please tell me the number of permits issued in 2023; the income raised; and the cost of enforcement."
    assert len(asked_items(s)) == 3

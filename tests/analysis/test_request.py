"""Request parsing: the numbering styles requesters use, nesting, branches and prose."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reviewer.analysis import request as request_parser
from reviewer.analysis.request import parse_request, split_combined
from reviewer.core.document import Span
from reviewer.text.textutil import sentences


def refs(text: str) -> list[str]:
    return [q.ref for q in parse_request(text)]


def test_numbering_styles() -> None:
    assert refs("1. Alpha one?\n2. Beta two?\n") == ["1", "2"]
    assert refs("1) Alpha one?\n2) Beta two?\n") == ["1", "2"]
    assert refs("Q1 How many staff are there?\nQ2 How many posts are vacant?\n") == ["1", "2"]
    assert refs("Question 1 - How many staff?\nQuestion 2 - How many vacancies?\n") == ["1", "2"]
    assert refs("1 - How many staff are there?\n2 - How many posts are vacant?\n") == ["1", "2"]


def test_lettered_and_roman_sub_items_nest_under_their_number() -> None:
    text = (
        "1. Please provide details of each contract, including:\n"
        "a) the supplier;\n"
        "b) the value, broken down as:\n"
        "(i) capital costs;\n"
        "(ii) revenue costs;\n"
        "2. When does the contract end?\n"
    )
    qs = parse_request(text)
    assert [(q.ref, q.parent) for q in qs] == [
        ("1", None), ("1a", "1"), ("1b", "1"), ("1b.i", "1b"), ("1b.ii", "1b"), ("2", None)
    ]


def test_letter_i_after_h_is_a_letter_not_roman() -> None:
    items = "".join(f"{c}) Item {c} text here\n" for c in "abcdefghij")
    qs = parse_request("1. Please list the following for each school:\n" + items)
    assert [q.ref for q in qs][-3:] == ["1h", "1i", "1j"]


def test_digit_letter_markers() -> None:
    qs = parse_request("1. How many fires were there?\n1a) How many were deliberate?\n2. How many injuries?\n")
    assert [(q.ref, q.parent) for q in qs] == [("1", None), ("1a", "1"), ("2", None)]


def test_bullets_under_a_lead_in_become_sub_questions() -> None:
    text = (
        "Please can you provide financial information relating to interpreting:\n"
        "\u2022 Total cost of interpreting in 2023\n"
        "\u2022 Number of requests made in 2023\n"
    )
    qs = parse_request(text)
    assert [(q.ref, q.parent) for q in qs] == [("1", None), ("1a", "1"), ("1b", "1")]


def test_restarted_numbering_under_a_heading_opens_a_branch() -> None:
    text = (
        "1. Who maintains your CCTV?\n2. What does it cost?\n\n"
        "If there is no maintenance contract in place\n\n"
        "1. Who maintains it in-house?\n2. What does that cost?\n"
    )
    qs = parse_request(text)
    assert [q.ref for q in qs] == ["1", "2", "B.1", "B.2"]
    assert qs[2].branch == "If there is no maintenance contract in place"
    assert qs[2].conditional and not qs[0].conditional


def test_question_before_if_yes_heads_the_following_list() -> None:
    text = (
        "1. Do you use agency staff?\n2. Do you have a staffing policy?\n\n"
        "Is there an ad-hoc arrangement with any agency?\n\nIf yes,\n\n"
        "1. Which agency?\n2. What did it cost?\n"
    )
    qs = parse_request(text)
    assert [(q.ref, q.parent) for q in qs] == [
        ("1", None), ("2", None), ("B", None), ("B.1", "B"), ("B.2", "B")
    ]


def test_headings_name_sections_and_numbering_restarts() -> None:
    text = "Littering:\n\n1. How many fines?\n2. How much income?\n\nFly-tipping:\n\n1. How many fines?\n2. How much income?\n"
    qs = parse_request(text)
    assert [q.ref for q in qs] == ["1", "2", "B.1", "B.2"]
    assert qs[0].branch == "Littering" and qs[2].branch == "Fly-tipping"


def test_preamble_and_sign_off_are_not_questions() -> None:
    text = (
        "Dear FOI team,\n\nPlease could you provide the data for the last five years.\n\n"
        "1. How many complaints did you receive?\n2. How many were upheld?\n\n"
        "Many thanks,\nA. Requester\n"
    )
    assert refs(text) == ["1", "2"]


def test_prose_request_is_split_into_what_it_asks() -> None:
    text = (
        "I'd like to make a request under the Freedom of Information Act about hospital parking.\n\n"
        "Do the hospitals have free drop-off zones? Are there any rules for using them?\n\n"
        "If there are no free zones, what does it cost to park for 15 minutes?\n\nThank you for your help.\n"
    )
    qs = parse_request(text)
    assert [q.text[:20] for q in qs] == ["Do the hospitals hav", "Are there any rules ", "If there are no free"]
    assert qs[2].conditional


def test_follow_up_sentence_stays_with_its_question() -> None:
    qs = parse_request("Do you have a policy on drones? If so, could I please have a copy?\nWhat did the drone cost?\n")
    assert len(qs) == 2 and qs[0].text.endswith("have a copy?")


def test_request_with_no_question_sentence_is_one_question() -> None:
    qs = parse_request("The minister's diary for 4 July 2016, including phone calls and meetings.\n")
    assert [q.ref for q in qs] == ["1"]


def test_refs_are_unique_and_stable() -> None:
    text = "1. One thing asked here?\n1. Same number again here?\n"
    first, second = refs(text), refs(text)
    assert first == second and len(set(first)) == len(first)


def test_spans_point_at_the_question_text() -> None:
    text = "Intro line\n\n1. How many cameras are in use?\n"
    [q] = parse_request(text)
    assert text[q.span.start : q.span.end] == "How many cameras are in use?"
    assert q.label == "1."


def test_split_combined_file() -> None:
    text = "Request\n\n1. How many cameras?\n\nResponse\n\n1. How many cameras? 12.\n"
    req, resp = split_combined(text)  # type: ignore[misc]
    assert "How many cameras?" in text[req.start : req.end]
    assert text[resp.start : resp.end].strip().startswith("1. How many cameras? 12.")
    assert split_combined("1. How many cameras? 12.\n") is None


def test_parse_within_a_span_only() -> None:
    text = "1. Ignored?\n---\n1. Kept question here?\n"
    start = text.index("---") + 4
    assert [q.text for q in parse_request(text, Span(start, len(text)))] == ["Kept question here?"]


# The pattern as it was before its branches were split: the reference the split must match.
_META_RE = re.compile(
    r"""(^(this|my)\s+(is|request\s+is)\s+(a|an|my)\b.*\brequest\b)
      | (\b(make|making|submit|submitting)\s+(a|an|this|my)\s+([\w-]+\s+){0,4}request\b)
      | (\bplease\s+(treat|accept|consider)\s+this\b)
      | (\bplease\s+let\s+me\s+know\s+if\b)|(\bif\s+you\s+(have\s+any|need\s+any|require\s+any)\s+(questions|clarification)\b)
      | (\bi\s+am\s+writing\s+to\s+(request|ask|make|submit)\b)
      | (\bi\s+look\s+forward\b)|(\bi\s+was\s+told\b)|(\bi\s+have\s+been\s+(provided|given|told)\b)
      | (\backnowledg(e|ement)\b)|(\bin\s+(electronic|digital)\s+(form|format)\b)
      | (\bplease\s+(reply|respond)\s+(to|by|via)\b)|(\bwithin\s+(the\s+)?20\s+working\s+days\b)
      | (\b(under|in\s+accordance\s+with)\s+the\s+(freedom\s+of\s+information|environmental\s+information)[\w\s()]*[.,]?$)
    """,
    re.I | re.X,
)


_META_WORDS = sorted(set(re.findall(r"[a-z0-9]+", _META_RE.pattern)) - {"s", "w", "b"}) + [
    "Under", "THE", "Freedom", "Act", ":", ".", ",", "(", ")", "  ", "\u0131", "\u017f", "\u0130"]


@given(st.lists(st.sampled_from(_META_WORDS), max_size=14))
def test_meta_branches_decide_like_the_whole_pattern(words: list[str]) -> None:
    sentence = " ".join(words)
    assert request_parser._META.is_in(sentence) == bool(_META_RE.search(sentence)), sentence


def test_meta_branches_decide_like_the_whole_pattern_on_the_fixtures() -> None:
    for path in sorted((Path(__file__).resolve().parents[2] / "fixtures").rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s, e in sentences(text, 0, len(text)):
            assert request_parser._META.is_in(text[s:e]) == bool(_META_RE.search(text[s:e])), (path, text[s:e])


def test_a_short_wrapped_email_keeps_its_ask_whole() -> None:
    """Too few lines for `unwrap` to learn a width from, so the wrap is still there: a line
    that starts in lower case goes on the sentence before it (a line break ends a sentence
    only before anything else), and the ask keeps its year."""
    text = (
        "Dear Sir,\n"
        "Please tell me how many parking fines the council issued\n"
        "in 2023 and how much money they raised in total.\n"
        "Thanks\n"
    )
    questions = parse_request(text, Span(0, len(text)))
    assert questions and "issued in 2023" in " ".join(" ".join(q.text.split()) for q in questions)

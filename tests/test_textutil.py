"""Folding and the map back to original offsets: evidence must point at the exact characters."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reviewer.textutil import Alternation, Normalised, digit_runs, fold, lowered, matches_at, occurrences


def test_fold_examples() -> None:
    assert fold("Hello,  World! \u201cQuoted\u201d \u00a35 caf\u00e9") == "hello world quoted \u00a35 caf\u00e9"
    assert Normalised("  Lead, trail!! ").text == "lead trail"


@given(st.text(alphabet=st.sampled_from(list("abcXYZ019 ,.\n\t\u2019\u00e9\u00a3-:;()\u0142")), max_size=80), st.integers(0, 5))
def test_every_folded_character_maps_back_to_the_same_character(body: str, pad: int) -> None:
    original = "#" * pad + body + "#"
    norm = Normalised(original, pad, pad + len(body))
    assert norm.text == fold(body)
    for i, ch in enumerate(norm.text):
        o = norm.orig(i)
        assert pad <= o <= pad + len(body)
        if ch != " ":
            assert original[o].lower() == ch
        else:
            assert not original[o].isalnum() or original[o] in "\u0142"
    if norm.text:
        words = norm.text.split(" ")
        last = words[-1]
        end = norm.orig_end(len(norm.text))
        assert original[end - len(last) : end].lower() == last


_DIGITS = re.compile(r"\d+")


@given(
    st.text(alphabet=st.sampled_from(list("0123456789 a.,(\n\u00a3\u2019\u0663\u0660\uff11")), max_size=120),
    st.integers(-2, 130),
    st.integers(-2, 130),
)
def test_digit_runs_are_the_regex_runs(text: str, start: int, end: int) -> None:
    assert digit_runs(text, start, end) == [m.span() for m in _DIGITS.finditer(text, start, end)]
    assert digit_runs(text) == [m.span() for m in _DIGITS.finditer(text)]


def test_lowered_is_the_lowered_slice() -> None:
    text = "Dear Ms SMITH,\nYour Request \u0130"
    assert lowered(text) == text.lower()
    assert lowered(text, 5, 13) == text[5:13].lower()
    assert lowered(text, 8) == text[8:].lower()


_ALT = Alternation((
    (r"\bwould\s+harm", (("would",), ("harm",))),
    (r"(?P<x>review)\s+by\s+the\s+ico", (("review",), ("ico",))),
    (r"in\s+favou?r", (("favo",),)),
), re.IGNORECASE)


@given(st.lists(st.sampled_from(["would", "harm", "Review", "by", "the", "ICO", "in", "favour", "favor", " ", "\t",
                                 "\u0131", "\u017f", "\u0130", "\u212a", "x"]), max_size=12))
def test_alternation_agrees_with_the_whole_pattern(parts: list[str]) -> None:
    text = " ".join(parts)
    whole = re.compile(_ALT.pattern, re.IGNORECASE)
    assert _ALT.is_in(text) == bool(whole.search(text))
    got, want = _ALT.search(text), whole.search(text)
    assert (got and (got.span(), got.group(0), got.lastgroup)) == (want and (want.span(), want.group(0), want.lastgroup))
    assert _ALT.sub("#", text) == whole.sub("#", text)


def test_alternation_keeps_every_branch_when_case_folding_could_fool_the_words() -> None:
    # IGNORECASE matches "ſ" to "s" and "ı" to "i", but their lower case is not an ASCII letter.
    alt = Alternation(((r"section", (("section",),)),), re.IGNORECASE)
    assert alt.is_in("under \u017fection 12") and alt.is_in("SECTION 12") and not alt.is_in("under s. 12")


_LED = re.compile(r"\b(?:ext(?:ension)?|call)\s*\d{2,3}\b|^yours\b.*$", re.MULTILINE)


@given(st.lists(st.sampled_from(["ext", "extension", "call", "yours", " ", "\n", "12", "345", "x", "a"]), max_size=20),
       st.integers(0, 4), st.integers(0, 200))
def test_matches_at_the_possible_starts_are_the_finditer_matches(parts: list[str], start: int, end: int) -> None:
    text = "".join(parts)
    words, yours = occurrences(text, ("ext", "call")), occurrences(text, ("yours",))
    assert words is not None and yours is not None  # fewer than 64 of them
    starts = words + [text.rfind("\n", 0, p) + 1 for p in yours]
    got = matches_at(_LED, text, [p for p in starts if p >= start], start, end)
    assert [m.span() for m in got] == [m.span() for m in _LED.finditer(text, start, end)]


@given(st.text(alphabet=st.sampled_from(list("aZ £é\u00c0\u00d7\u00de\u00df\u00ff\u00b5\u2019\u0130\u03a3")), max_size=30))
def test_lowered_agrees_with_str_lower(text: str) -> None:
    assert lowered(text) == text.lower()

"""Folding and the map back to original offsets: evidence must point at the exact characters."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reviewer.text.textutil import (
    Alternation,
    Anchored,
    Gated,
    Normalised,
    digit_runs,
    fold,
    lowered,
    sentences,
    start_words,
)


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


def _gated_patterns() -> list[Gated]:
    from reviewer.analysis import alignment, status

    return [v for mod in (status, alignment) for v in vars(mod).values() if isinstance(v, Gated)]


_PHRASE_BITS = [
    "We do not hold", "this is not held", "withheld", "Exempt from disclosure", "is published on our website",
    "neither confirm nor deny", "NCND", "exceeds the appropriate limit", "vexatious", "we only hold",
    "internal review", "Information Commissioner", "Yours sincerely", "section 43(", "public interest",
    "\u0130", "\u212a", "\u03a3", "\u2019", "\u00e9", " ", " ", "\n", ".",
]
# Characters that IGNORECASE matches to a letter other than their lower case, or whose lower
# case is longer or is an ASCII letter: each may replace the letter in a phrase.
_ODD_LETTERS = {"s": "\u017f", "i": "\u0131", "k": "\u212a", "I": "\u0130"}


def _oddly_spelt(bit: str, spoil: int) -> str:
    if spoil % 3 == 0:
        return bit
    if spoil % 3 == 1:
        return bit.upper()
    return "".join(_ODD_LETTERS.get(c, c) if (i + spoil) % 4 == 0 else c for i, c in enumerate(bit))


@settings(deadline=None)  # the first example imports the rule modules
@given(
    st.lists(st.tuples(st.sampled_from(_PHRASE_BITS), st.integers(0, 11)), max_size=30),
    st.integers(0, 30),
    st.integers(0, 400),
)
def test_gated_twin_finds_what_the_pattern_finds(pieces: list[tuple[str, int]], start: int, length: int) -> None:
    """The case-sensitive twin over the lower case gives exactly the pattern's own matches."""
    text = " ".join(_oddly_spelt(bit, spoil) for bit, spoil in pieces)
    start = min(start, len(text))
    end = min(len(text), start + length)
    low = text.lower()
    for g in _gated_patterns():
        windows = g._windows(text, start, end, low)
        first = next((m.span() for a, b in windows if (m := g.rx.search(text, a, b))), None)
        every: list[tuple[int, int]] = []
        for a, b in windows:
            for m in g.rx.finditer(text, a, b):
                if not every or m.start() >= every[-1][1]:
                    every.append(m.span())
        got = g.search(text, start, end, low)
        assert (got.span() if got else None) == first
        assert [m.span() for m in g.finditer(text, start, end, low)] == every
        assert all(m.string is text for m in g.finditer(text, start, end, low))


def test_gated_twin_offered_only_where_it_is_exact() -> None:
    assert Gated(re.compile(r"\bnot held\b", re.I)).twin is not None
    assert Gated(re.compile(r"\bNot held\b", re.I)).twin.pattern == r"\bnot held\b"  # type: ignore[union-attr]
    assert Gated(re.compile(r"(?<=x)held", re.I)).twin is None  # lookbehind
    assert Gated(re.compile(r"held\Z", re.I)).twin is None  # escape not reasoned about
    assert Gated(re.compile(r"not held")).twin is None  # already case-sensitive


def test_sentences_examples() -> None:
    text = 'We hold 12 records, e.g. invoices. See No. 5 below. "Yes," he said. Done! (Q2) 42 staff.'
    got = [text[a:b] for a, b in sentences(text, 0, len(text))]
    assert got == ["We hold 12 records, e.g. invoices.", "See No. 5 below.", '"Yes," he said.', "Done!", "(Q2) 42 staff."]


def test_a_line_break_ends_a_sentence() -> None:
    """A salutation is not part of the answer after it, whatever ends its line (a Word
    paragraph, or a text line after unwrapping); an abbreviation before a line break does not
    carry the sentence over it."""
    text = "Dear Ms Smith,\n\nYes, we do.\nFleet collisions [spreadsheet]\nSee e.g.\n \t\nThe table\nbelow"
    got = [text[a:b] for a, b in sentences(text, 0, len(text))]
    assert got == ["Dear Ms Smith,", "Yes, we do.", "Fleet collisions [spreadsheet]", "See e.g.", "The table\nbelow"]


_PLAIN_SENT_END = re.compile(r"(?<=[?!.])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])")


def _plain_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`sentences` as first written: the stop found by lookbehind, abbreviations searched for
    anywhere in the candidate (they can only match at its end), and then each part cut again
    at its line breaks, but for one before a lower-case letter."""
    from reviewer.text.textutil import _ABBREV_END

    def _strip(text: str, start: int, end: int) -> tuple[int, int]:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    out: list[tuple[int, int]] = []
    seg_start = start
    for m in _PLAIN_SENT_END.finditer(text[start:end]):
        cut = start + m.start()
        candidate = text[seg_start:cut]
        if _ABBREV_END.search(candidate.rstrip()):
            continue
        if candidate.strip():
            out.append(_strip(text, seg_start, cut))
        seg_start = start + m.end()
    if text[seg_start:end].strip():
        out.append(_strip(text, seg_start, end))
    cut: list[tuple[int, int]] = []
    for a, b in out:
        for piece in re.split(r"(\n\s*+(?![a-z]))", text[a:b]):
            if piece.strip():
                cut.append(_strip(text, a, a + len(piece)))
            a += len(piece)
    return cut


_SENTENCE_BITS = ["No.", "e.g.", "etc.", "Mr.", "approx.", "incl.", "x.", "xapprox.", ".", "?", "!", " ", " ", "\n", "\n\n", "\t", '"', "\u201d", ")", "(", "A", "7", "Word"]


@given(st.lists(st.sampled_from(_SENTENCE_BITS), max_size=60), st.integers(0, 5))
def test_sentences_split_where_the_plain_pattern_does(bits: list[str], start: int) -> None:
    text = "".join(bits)
    start = min(start, len(text))
    assert sentences(text, start, len(text)) == _plain_sentences(text, start, len(text))


def test_twin_groups_do_not_capture() -> None:
    from reviewer.text.textutil import _caseless_twin

    def twin(pattern: str) -> str:
        got = _caseless_twin(re.compile(pattern, re.I))
        assert got is not None and not got.flags & re.I
        return got.pattern

    assert twin(r"\b(a|[(]b)(?:c)[^]()]\(d\)") == r"\b(?:a|[(]b)(?:c)[^]()]\(d\)"
    assert twin("a#(b)(?>c)[(]") == "a#(?:b)(?>c)[(]"


def _plain_windows(g: Gated, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`Gated._windows` as first written: every hit's window, merged one by one; the whole
    passage when there are more hits than windows of twice the radius would fill it with."""
    if end - start <= 48:
        return [(start, end)]
    seg = text[start:end].lower()
    if len(seg) != end - start:
        return [(start, end)]
    hits = sorted(i + start for t in g.triggers for i in range(len(seg)) if seg.startswith(t, i))
    if len(hits) > (end - start) // (2 * g.radius):
        return [(start, end)]
    windows: list[tuple[int, int]] = []
    for h in hits:
        a, b = max(start, h - g.radius), min(end, h + g.radius)
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], b))
        else:
            windows.append((a, b))
    return windows


@given(
    st.lists(st.sampled_from(["held", "hold", "x", "xxxxxxxxxx", "  ", "withheld", "\u0130", "e"]), max_size=80),
    st.integers(0, 40),
    st.integers(0, 600),
    st.integers(1, 30),
)
@example(["held"] + ["x"] * 15 + ["held"] + ["x"] * 60, 0, 600, 10)  # hits 2r apart: one window
@example(["held"] + ["x"] * 52, 0, 600, 30)  # longer than the radius: the window stops short
def test_windows_are_the_merged_windows_of_every_hit(bits: list[str], start: int, length: int, radius: int) -> None:
    text = "".join(bits)
    start = min(start, len(text))
    end = min(len(text), start + length)
    g = Gated(re.compile(r"held|hold", re.I), radius)
    assert g.triggers == ("held", "hold")
    assert g._windows(text, start, end, None) == _plain_windows(g, text, start, end)
    assert g._windows(text, start, end, text.lower()) == _plain_windows(g, text, start, end)


def test_required_words_examples() -> None:
    """Words every match holds, best (longest, fewest, no stop-words) first."""
    from reviewer.text.textutil import required_words

    assert required_words(r"\bnot\s+held\b") == (("held",), ("not",))
    assert required_words(r"(do|does)\s+n[o']?t\s+(hold|keep)")[0] == ("hold", "keep")
    assert required_words(r"neither confirm(s|ed)? n?or deny|\bncnd\b") == (("ncnd", "neither"),)
    assert required_words(r"foi\.scot|\w+") == ()  # a branch with no words gates nothing
    assert required_words(r"(?:a|b)+ c? d{2,3} (?=zz)") == (("d",), ("a", "b"))
    assert required_words("w(?P<n>x)  # a comment (y)\n  [z]", verbose=True) == (("wxz",),)
    assert required_words(r"(?i:case)\s+(?>officer)") == (("officer",), ("case",))


def test_required_words_as_written_for_a_case_sensitive_pattern() -> None:
    """A case-sensitive pattern's words keep their case ("Act" is not in "contact"); a part
    matched under an inline IGNORECASE flag could be in any case, so it is refused."""
    from reviewer.text.textutil import required_words

    assert required_words(r"\bFOI(?:A|SA)\b|[Tt]he Act", case=True) == (("Act", "FOIA", "FOISA"),)
    assert required_words(r"[Xx]{2} Dear", case=True) == (("Dear",), ("X", "x"))
    for pattern in (r"a(?i:b)", r"(?i)Act", r"(?ai:b)"):
        with pytest.raises(ValueError, match="cannot read"):
            required_words(pattern, case=True)


def test_required_words_refuses_what_it_cannot_read() -> None:
    """A back-reference or a character given by number would be read as literal text and
    give wrong words (a gate that hides matches): the reader says so instead."""
    from reviewer.text.textutil import required_words

    for pattern in (r"(a)\1", r"(?P<n>a)(?P=n)", r"(?(1)a|b)", r"\u2019s", r"\x41", r"\N{DASH}", r"a(?#note)"):
        with pytest.raises(ValueError, match="cannot read"):
            required_words(pattern)


def test_every_phrase_pattern_of_the_package_is_read() -> None:
    """Every pattern the rule engine gates parses, and gates on at least one word (the
    modules build their gates on import; this names the ones that exist)."""
    from reviewer.analysis import (
        alignment,
        given,
        status,
    )
    from reviewer.text.textutil import required_words

    gated = [v for m in (status, alignment) for v in vars(m).values() if isinstance(v, Gated)]
    gated += list(given._REPLY_SIGNS)
    alternations = _package_alternations()
    assert len(gated) >= 10 and len(alternations) >= 10
    for g in gated:
        assert required_words(g.rx.pattern, bool(g.rx.flags & re.VERBOSE)) and g.triggers, g.rx.pattern[:60]
    for alt in alternations:
        assert all(b.needs for b in alt.branches), alt.pattern[:60]
    # Every start-word-gated pattern has its start words (without them it scans every position).
    anchored = _package_anchored()
    assert len(anchored) >= 5 and any(a.lines for a in anchored)
    for a in anchored:
        assert a.words and all(w.strip() for w in a.words), a.rx.pattern[:60]


def _package_anchored() -> list[Anchored]:
    from reviewer.analysis import citations, contacts, names

    return [v for m in (names, contacts, citations) for v in vars(m).values() if isinstance(v, Anchored)]


def test_hot_patterns_have_a_twin() -> None:
    """A hot pattern edited into a form the twin cannot take runs four times slower: notice it here."""
    from reviewer.analysis import status

    for g in (status.NOT_HELD, status.WITHHELD, status.REDIRECT, status.NOTICE, status.HOLDING, status.FUTURE):
        assert g.twin is not None


@given(st.text(alphabet=st.sampled_from(list("abcXYZ019 ,.\n\t\u2019\u00e9\u00a3-:;()\u0142")), max_size=80), st.integers(0, 5))
def test_far_into_a_text_words_are_found_by_bisection_alike(body: str, pad: int) -> None:
    """`orig` counts spaces near the start of a text and bisects a table further in: both
    must give the same offsets (here the table is used from the first character)."""
    import reviewer.text.textutil as textutil

    original = "#" * pad + body + "#"
    norm = Normalised(original, pad, pad + len(body))
    reach = range(len(norm.text) + 2)
    counted = [(norm.orig(i), norm.orig_end(i)) for i in reach]
    saved = textutil._COUNT_UP_TO
    textutil._COUNT_UP_TO = 0
    try:
        fresh = Normalised(original, pad, pad + len(body))
        assert [(fresh.orig(i), fresh.orig_end(i)) for i in reach] == counted
    finally:
        textutil._COUNT_UP_TO = saved


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


_ALT = Alternation((r"\bwould\s+harm", r"(?P<x>review)\s+by\s+the\s+ico", r"in\s+favou?r"), re.IGNORECASE)


@given(st.lists(st.sampled_from(["would", "harm", "Review", "by", "the", "ICO", "in", "favour", "favor", " ", "\t",
                                 "\u0131", "\u017f", "\u0130", "\u212a", "x"]), max_size=12))
def test_alternation_agrees_with_the_whole_pattern(parts: list[str]) -> None:
    text = " ".join(parts)
    whole = re.compile(_ALT.pattern, re.IGNORECASE)
    assert _ALT.is_in(text) == bool(whole.search(text))
    got, want = _ALT.search(text), whole.search(text)
    assert (got and (got.span(), got.group(0), got.lastgroup)) == (want and (want.span(), want.group(0), want.lastgroup))
    assert _ALT.sub("#", text) == whole.sub("#", text)


def _package_alternations() -> list[Alternation]:
    from reviewer.analysis import exemption_assessment, refusal, request

    return [v for m in (exemption_assessment, refusal, request) for v in vars(m).values() if isinstance(v, Alternation)]


_NOTICE_BITS = ["you may ask for an internal review", "Scottish Information Commissioner", "ICO", "Wycliffe House",
                "outcome of the internal review", "reviewed by the ICO", "in favour of disclosure", "would prejudice"]


@settings(deadline=None, max_examples=60)
@given(st.lists(st.tuples(st.sampled_from(_PHRASE_BITS + _NOTICE_BITS), st.integers(0, 11)), max_size=20))
def test_every_alternation_agrees_with_its_whole_pattern(pieces: list[tuple[str, int]]) -> None:
    """Branches dropped for want of their words, and twins run on the lower case (letters in
    any case, the IGNORECASE traps included), find exactly what the whole pattern finds."""
    text = " ".join(_oddly_spelt(bit, spoil) for bit, spoil in pieces)
    for alt in _package_alternations():
        whole = re.compile(alt.pattern, alt.flags)
        assert alt.is_in(text) == bool(whole.search(text)), alt.pattern[:60]
        got, want = alt.search(text), whole.search(text)
        assert (got and got.span()) == (want and want.span()), alt.pattern[:60]
        assert alt.sub(" ", text) == whole.sub(" ", text), alt.pattern[:60]


def test_alternation_keeps_every_branch_when_case_folding_could_fool_the_words() -> None:
    # IGNORECASE matches "ſ" to "s" and "ı" to "i", but their lower case is not an ASCII letter.
    alt = Alternation((r"section",), re.IGNORECASE)
    assert alt.is_in("under \u017fection 12") and alt.is_in("SECTION 12") and not alt.is_in("under s. 12")


def test_start_words_examples() -> None:
    """The texts every match starts with: an exact run, then how the next part starts; a space
    ends a text, and a text starting with another adds nothing."""
    assert start_words(r"\b(?:yours|kind\s+regards)") == ("kind", "yours")
    assert start_words(r"\b(?i:E-?mail|Speak[ \t]+to)\b") == ("e-mail", "email", "speak")
    assert start_words(r"freedom of information (?:act|\(scotland\) act)|foi(?:sa|a)?\b|eirs?") == ("eir", "foi", "freedom")
    assert start_words(r"(?=x)(?:ab)+c|(?:un)?held|x\d") == ("ab", "held", "unheld", "x")
    assert start_words("(?P<n>ext)\\.?  # the extension\n \\d+", verbose=True) == ("ext",)


def test_start_words_refuses_a_start_it_cannot_list() -> None:
    """A branch that can start with a class, `\\w`, a blank or nothing (an optional part) has no
    start words: its `Anchored` scans every position, as `re` would."""
    for pattern in (r"[A-Z]\w+ regards", r"regards|\w+", r"(?:kind )?regards", r"\s*yours", r"a?\d", r"x|(?=y)"):
        assert start_words(pattern) is None, pattern
    plain = Anchored(re.compile(r"regards|[A-Z]\w+"))
    assert plain.words is None and plain.lines is None
    assert [m.group() for m in plain.finditer("Kind regards, Jane")] == ["Kind", "regards", "Jane"]


# A start-word pattern (with a MULTILINE ^ branch), and a line-start one (`Anchored.LINE_HEAD`).
_LED = re.compile(r"\b(?:ext(?:ension)?|call)\s*\d{2,3}\b|^yours\b.*$", re.MULTILINE)
_LINED = re.compile(r"^[ \t]*(?i:yours[ \t]+truly|kind[ \t]+regards|with)[ \t]*,?(?:[ \t]*(?P<name>[A-Z][a-z]+))?[ \t]*$", re.MULTILINE)


@given(st.lists(st.sampled_from(["ext", "extension", "call", "yours", "Yours", "truly", "KIND", "regards", "with", "Jane",
                                 " ", "\t", "\n", ",", "12", "345", "x", "a", "\u017f", "\u0131", "\u0130"]), max_size=20),
       st.integers(0, 4), st.integers(0, 200))
@example(["\t", "Kind", " ", "regards", ",", "\n", " ", "yours", " ", "truly", " ", "Jane", "\n", "call", "12"], 0, 200)
@example([" ", "with", "\n", "with", " ", "Jane"], 1, 200)
def test_anchored_finds_what_finditer_finds(parts: list[str], start: int, end: int) -> None:
    text = "".join(parts)
    for rx in (_LED, _LINED):
        gated = Anchored(rx)
        want = [m.span() for m in rx.finditer(text, start, end)]
        assert [m.span() for m in gated.finditer(text, start, end)] == want
        assert [m.span() for m in gated.finditer(text, start, end, text[start:end].lower())] == want


_PHRASES = ["Yours sincerely", "Kind regards", "with kind regards", "THANK YOU", "Jane Smith", "Dr Brown", "contact", "call",
            "e-mail", "speak to", "on", "Case officer", ": ", "- ", "ext.", "Extn", "no. ", "1234", "freedom of information act",
            "environmental information (scotland) regulations", "foi(s)a", "eirs", "foi act", " ", "\t", "\n", ",", "(", "x",
            "\u017f", "\u0131", "\u0130"]


@given(st.lists(st.sampled_from(_PHRASES), max_size=14), st.integers(0, 3))
@example(["Kind regards", ",", "\n", "Jane Smith", "\n", "Case officer", ": ", "Dr Brown", "\n", "call", " ", "Jane Smith", " ", "on",
          " ", "ext.", "1234", " ", "foi act"], 0)
def test_the_package_start_word_patterns_find_what_finditer_finds(parts: list[str], start: int) -> None:
    """The names, contacts and regime patterns tried at their derived start words only."""
    text = "".join(parts)
    for gated in _package_anchored():
        for hay in (text, text.lower()):
            assert [m.span() for m in gated.finditer(hay, start)] == [m.span() for m in gated.rx.finditer(hay, start)]


@given(st.text(alphabet=st.sampled_from(list("aZ £é\u00c0\u00d7\u00de\u00df\u00ff\u00b5\u2019\u0130\u03a3")), max_size=30))
def test_lowered_agrees_with_str_lower(text: str) -> None:
    assert lowered(text) == text.lower()

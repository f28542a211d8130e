"""Every cheap gate lets through every text its pattern matches.

The rule engine runs its slower patterns only where literal trigger words or hints appear
(`Gated`, `Alternation`, the hint lists of the exemption and refusal-notice finders). A gate
that misses a form its pattern accepts loses that match silently; in particular a pattern's
`\\s+` matches a line break, so a hint of two words must be found across one ("unable\\nto
locate", "public\\ninterest" in hard-wrapped e-mails and text taken from PDFs). These tests
generate strings from each pattern (hypothesis `from_regex`) and check the gate passes them.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reviewer.analysis import (
    alignment,
    asks,
    citations,
    contacts,
    placeholders,
    refusal,
    request,
    status,
)
from reviewer.analysis import exemption_assessment as exemptions
from reviewer.analysis.exemption_assessment import sentence_index
from reviewer.checks import redaction, template
from reviewer.text.textutil import Alternation, Gated, has_words, phrase_in

# Characters that IGNORECASE matches to an ASCII letter although their lower case is not
# that letter: the gates handle them by keeping every branch, which these tests do not model.
_TRAPS = frozenset("\u0131\u017f\u0130")
_FEW = settings(max_examples=40, suppress_health_check=list(HealthCheck), deadline=None, database=None)


def _gated() -> list[tuple[str, Gated]]:
    return [(f"{m.__name__}.{k}", v) for m in (status, alignment) for k, v in vars(m).items() if isinstance(v, Gated)]


def _branches() -> list[tuple[str, str, int, tuple[tuple[str, ...], ...]]]:
    out = []
    for m in (exemptions, refusal, request):
        for k, v in vars(m).items():
            if isinstance(v, Alternation):
                out += [(f"{m.__name__}.{k}[{i}]", b.rx.pattern, v.flags, b.needs) for i, b in enumerate(v.branches)]
    return out


_HINTED = [
    ("factors for", exemptions._FOR_HINTS, exemptions._FOR),
    ("factors against", exemptions._AGAINST_HINTS, exemptions._AGAINST),
    ("harm", exemptions._HARM_HINTS, exemptions._HARM),
    ("internal review", refusal._REVIEW_HINTS, refusal._REVIEW),
    ("appeal", refusal._REVIEW_HINTS, refusal._APPEAL),
    ("advice", refusal._ADVICE_HINTS, refusal._ADVICE),
    ("SIC", refusal._REGULATOR_HINTS, refusal._SIC_NAME),
    ("ICO", refusal._REGULATOR_HINTS, refusal._ICO_NAME),
]


@pytest.mark.parametrize(("name", "gated"), _gated(), ids=[n for n, _ in _gated()])
def test_gated_finds_whatever_its_pattern_finds(name: str, gated: Gated) -> None:
    @_FEW
    @given(st.from_regex(gated.rx, fullmatch=True))
    def check(s: str) -> None:
        assume(not _TRAPS & set(s))
        text = "." * 70 + "\n" + s + "\n" + "." * 70  # long enough to be searched in windows
        assert (gated.rx.search(text) is None) == (gated.search(text, low=text.lower()) is None), s

    check()


@pytest.mark.parametrize(("name", "pattern", "flags", "needs"), _branches(), ids=[b[0] for b in _branches()])
def test_alternation_branch_words_are_in_every_match(name: str, pattern: str, flags: int, needs: tuple[tuple[str, ...], ...]) -> None:
    @_FEW
    @given(st.from_regex(re.compile(pattern, flags), fullmatch=True))
    def check(s: str) -> None:
        assume(not _TRAPS & set(s))
        assert has_words(s.lower(), needs), s

    check()


@pytest.mark.parametrize(("name", "hints", "alternation"), _HINTED, ids=[h[0] for h in _HINTED])
def test_hint_lists_admit_every_match(name: str, hints: tuple[str, ...], alternation: Alternation) -> None:
    for branch in alternation.branches:
        @_FEW
        @given(st.from_regex(branch.rx, fullmatch=True))
        def check(s: str) -> None:
            assume(not _TRAPS & set(s))
            assert any(phrase_in(s.lower(), h) for h in hints), s

        check()


def test_phrases_are_found_across_line_breaks_and_double_spaces() -> None:
    assert phrase_in("we were unable\nto locate it", "unable to")
    assert phrase_in("see reg11 of the eir", "reg 11")
    assert not phrase_in("unable, to", "unable to")


@given(st.lists(st.sampled_from(["reg", "11", "re", "g", " ", "\n", "\t", "x", "reg11"]), max_size=16))
def test_phrase_in_is_the_loose_pattern_searched(bits: list[str]) -> None:
    """Trying the loose pattern only where the phrase's first word is finds what a search of
    the whole text finds."""
    low = "".join(bits)
    assert phrase_in(low, "reg 11") == bool(re.search(r"reg\s*11", low))


def test_a_wrapped_line_does_not_hide_a_not_held_or_redirect_answer() -> None:
    # No other trigger word is near: only "unable to" / "disclosure log" can open the window.
    body = ("Thank you for your question about the vehicles used by the service in each of the last three "
            "years. Despite a thorough search we were unable\nto locate any.")
    assert status.classify(body).status is status.Status.NOT_HELD
    redirect = ("Thank you for your question about the vehicles used by the service in each of the last three "
                "years. You will find the figures in our disclosure\nlog.")
    assert status.classify(redirect).status is status.Status.REDIRECTED


def test_sentence_candidates_find_a_phrase_spaced_oddly() -> None:
    # The hints are single words read off the patterns, so odd spacing inside a phrase cannot
    # hide it (a line break ends a sentence here, so the phrase is spaced with a tab).
    text = "Nothing here. We have weighed the public \t interest in disclosure. Nothing else here."
    idx = sentence_index(text, 0, len(text))
    assert idx.candidates(exemptions._CONCLUSION_HINTS) == [1]
    assert idx.candidates(exemptions._FOR_HINTS) == [1]
    for _, hints, _ in _HINTED:
        assert all(h and not any(c.isspace() for c in h) for h in hints), hints


# Needle lists read off their patterns (`required_words`, `start_words`): each admits every
# text its pattern matches. The placeholder gates given by hand (stronger than the words read
# off their patterns) are held to the same test, so a pattern edited past its gate fails here.
def _matches(rx: re.Pattern[str]) -> st.SearchStrategy[str]:
    return st.from_regex(rx, fullmatch=True).filter(lambda s: not _TRAPS & set(s) and rx.fullmatch(s) is not None)


@_FEW
@given(_matches(status.SIGN_OFF_RE))
def test_a_sign_off_holds_a_sign_off_word(s: str) -> None:
    assert status._may_sign_off(("Dear Sir,\n" + s).lower()), s


@_FEW
@given(_matches(citations._ATTACH_BEFORE_RE))
def test_an_act_named_before_a_citation_holds_a_needle_in_its_own_case(s: str) -> None:
    assert any(w in s for w in citations._ATTACH_NEEDLES), s


def test_act_needles_keep_the_case_of_a_case_sensitive_pattern() -> None:
    """Lower-cased, "act" and "eir" would be found in "contact" and "their"."""
    assert "Act" in citations._ATTACH_NEEDLES and "FOIA" in citations._ATTACH_NEEDLES
    assert not any(w.islower() for w in citations._ATTACH_NEEDLES)


@_FEW
@given(_matches(contacts._URL_RE))
def test_every_web_address_is_found_past_the_needles(s: str) -> None:
    found = contacts.find_urls("See " + s + " now")
    assert found and found[0].start == 4, s


@pytest.mark.parametrize("p", placeholders.PATTERNS, ids=[p.what for p in placeholders.PATTERNS])
def test_every_placeholder_gate_admits_its_pattern(p: placeholders._Pattern) -> None:
    @_FEW
    @given(_matches(p.regex))
    def check(s: str) -> None:
        assert p.gate(s, s.lower()), s

    check()


@pytest.mark.parametrize(("rx", "needs"), [(asks._RECEIPT_RE, asks._RECEIPT_NEEDS), (asks._MEAN_RE, asks._MEAN_NEEDS), (redaction._MARKER_RE, redaction._MARKER_NEEDS)])
def test_needs_read_off_a_pattern_are_in_every_match(rx: re.Pattern[str], needs: tuple[tuple[str, ...], ...]) -> None:
    @_FEW
    @given(_matches(rx))
    def check(s: str) -> None:
        assert has_words(s.lower(), needs), s

    check()


@_FEW
@given(_matches(template._SUBJECT_RE))
def test_a_described_subject_starts_with_its_start_word(s: str) -> None:
    assert s.lower().startswith(template._SUBJECT_START), s


@_FEW
@given(_matches(template._SUBJECT_LINE.rx), st.sampled_from(["", "Dear Sir\n", "x\n \n"]))
def test_a_subject_line_is_found_wherever_its_pattern_finds_it(s: str, before: str) -> None:
    text = before + s + "\nThanks"
    assert template._SUBJECT_LINE.finditer(text, 0, len(text), text.lower()) != [], s

"""Citation parsing on the forms officers really write, and on things that are not citations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer.analysis.citations import (
    _REGIME_SCAN,
    _REGIME_SCAN_RE,
    detect_regime,
    find_citations,
)
from reviewer.core.model import Regime


def keys(text: str, regime: Regime = Regime.FOIA) -> list[str]:
    return [c.key for c in find_citations(text, default_regime=regime)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("exempt under s.31(1)(a)", ["FOIA:31(1)(a)"]),
        ("exempt under s31(1)(a)", ["FOIA:31(1)(a)"]),
        ("exempt under S31(1)(a)", ["FOIA:31(1)(a)"]),
        ("S.43(2) applies", ["FOIA:43(2)"]),
        ("s 43(2) applies", ["FOIA:43(2)"]),
        ("sec. 43(2) applies", ["FOIA:43(2)"]),
        ("Section 24 (1) applies", ["FOIA:24(1)"]),
        ("Section 31 (1) (a) applies", ["FOIA:31(1)(a)"]),
        ("under section 40(2)", ["FOIA:40(2)"]),
        ("Section 41 of the Act", ["FOIA:41"]),
        ("Section 21 exemption", ["FOIA:21"]),
        ("applying Section 14 (vexatious) exemption", ["FOIA:14"]),
        ("sections 23(5) and 24(2)", ["FOIA:23(5)", "FOIA:24(2)"]),
        ("Section 31(1)(a)&(b)", ["FOIA:31(1)(a)", "FOIA:31(1)(b)"]),
        ("sections 31(1)(a), (b) and (c)", ["FOIA:31(1)(a)", "FOIA:31(1)(b)", "FOIA:31(1)(c)"]),
        ("exempt under 31(1)(a)-(c)", ["FOIA:31(1)(a)", "FOIA:31(1)(b)", "FOIA:31(1)(c)"]),
        ("36(2)(b)(i) & (ii) apply", ["FOIA:36(2)(b)(i)", "FOIA:36(2)(b)(ii)"]),
        ("40(2) FOIA", ["FOIA:40(2)"]),
        ("FOIA s.40(2)", ["FOIA:40(2)"]),
        ("section 40(3A)(a)", ["FOIA:40(3A)(a)"]),
        ("Section 22A(1)", ["FOIA:22A(1)"]),
        ("section 31 and 24 of the Freedom of Information Act 2000", ["FOIA:31", "FOIA:24"]),
        ("Reg 12(5)(e)", ["EIR:12(5)(e)"]),
        ("regulation 12(4)(b) of the EIRs", ["EIR:12(4)(b)"]),
        ("regulation 13", ["EIR:13"]),
        ("r.12(5)(e)", ["EIR:12(5)(e)"]),
        ("EIR 12(5)(e)", ["EIR:12(5)(e)"]),
        ("regulations 10(4)(d), 10(4)e) and 10(5)(d)", ["EISR:10(4)(d)", "EISR:10(4)(e)", "EISR:10(5)(d)"]),
        ("section 12 of the Freedom of Information Act 2000. This is currently £450.", ["FOIA:12"]),
    ],
)
def test_forms(text: str, expected: list[str]) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("s.30(b)(i)", ["FOISA:30(b)(i)"]),
        ("section 30(b)(i) of FOISA", ["FOISA:30(b)(i)"]),
        ("sections 30(b) and (c)", ["FOISA:30(b)", "FOISA:30(c)"]),
        ("35(1)(g) and (2)(b)", ["FOISA:35(1)(g)", "FOISA:35(2)(b)"]),
        ("regulation 10(5)(f) of the EIRs", ["EISR:10(5)(f)"]),
    ],
)
def test_foisa_forms(text: str, expected: list[str]) -> None:
    assert keys(text, Regime.FOISA) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Please complete section 3 of the form.",
        "a) Section 80; Abatement Notice under the Environmental Protection 1990 and under which subsection of section 79.",
        "The right of access under Data Protection Act 2018 s.45 does not cover this.",
        "Notices under section 40 of the Environmental Protection Act 1990.",
        "a director under section 33 of the Companies Act 2006",
        "This is a formal notice under section 17 (1) of FOISA that we do not have the information.",
        "We have given advice under section 16 of the Act.",
        "Collating this would not exceed Section 12. It would be burdensome.",
        "The council's 31 contracts cost £24,000 in 2023.",
        "1. How many (a) cameras (b) sites?",
        "You may complain under section 50 of the Freedom of Information Act.",
    ],
)
def test_not_citations(text: str) -> None:
    assert keys(text) == []


def test_span_and_text_point_into_the_original() -> None:
    text = "Intro. We rely on Section 31 (1) (a) here."
    [c] = find_citations(text)
    assert text[c.span.start : c.span.end] == c.text == "Section 31 (1) (a)"
    assert c.citation == "31(1)(a)" and c.section == "31" and c.path == ("1", "a")


def test_start_end_window() -> None:
    text = "Request: section 43(2). Response: section 40(2)."
    i = text.index("Response")
    assert [c.key for c in find_citations(text, i)] == ["FOIA:40(2)"]


def test_explicit_regime_flag() -> None:
    [c] = find_citations("section 43(2) of the Freedom of Information Act 2000")
    assert c.regime_explicit
    [c] = find_citations("section 43(2) applies")
    assert not c.regime_explicit


def test_section_wording_in_eir_response_is_foia() -> None:
    assert keys("refused under section 12", Regime.EIR) == ["FOIA:12"]
    assert keys("section 43(2) of the Freedom of Information Act", Regime.FOISA) == ["FOIA:43(2)"]


def test_unknown_number_in_range_is_kept() -> None:
    assert keys("withheld under section 25") == ["FOIA:25"]


def test_foi_citation_kept_when_sentence_also_names_dpa() -> None:
    text = "Section 40(2) applies as disclosure would breach the Data Protection Act 2018."
    assert keys(text) == ["FOIA:40(2)"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thank you for your request under the Environmental Information Regulations 2004.", (Regime.EIR, True)),
        ("considered under the Freedom of Information Act (FOIA) 2000", (Regime.FOIA, True)),
        ("handled under the Freedom of Information (Scotland) Act 2002", (Regime.FOISA, True)),
        ("exception in regulation 10(5)(e) of the EIRs; see FOISA s.39(2)", (Regime.EISR, True)),
        ("You may apply to the Scottish Information Commissioner.", (Regime.FOISA, False)),
        ("Dear requester, here is your answer.", (Regime.FOIA, False)),
    ],
)
def test_detect_regime(text: str, expected: tuple[Regime, bool]) -> None:
    assert detect_regime(text) == expected


_REGIME_ALPHABET = list("eirsafo ()act") + ["foi", "eir", "freedom of information ", "environmental information ",
                                            "(scotland) ", "regulations", "their ", "\u0130", "\u2019"]


@given(st.lists(st.sampled_from(_REGIME_ALPHABET), max_size=40))
def test_regime_mentions_are_the_regex_matches(parts: list[str]) -> None:
    """The start-word-driven scan finds exactly what `finditer` over the whole text finds."""
    low = "".join(parts).lower()
    got = [(m.span(), m.lastgroup) for m in _REGIME_SCAN.finditer(low, low=low)]
    assert got == [(m.span(), m.lastgroup) for m in _REGIME_SCAN_RE.finditer(low)]


def test_detect_regime_on_a_window_is_detect_regime_on_the_slice() -> None:
    text = "Request: under the EIR please.\nResponse:\nHandled under the Freedom of Information Act (FOIA)."
    cut = text.index("Response:")
    assert detect_regime(text, cut) == detect_regime(text[cut:]) == (Regime.FOIA, True)
    assert detect_regime(text, 0, cut) == (Regime.EIR, True)

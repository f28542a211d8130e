"""Exemption assessment: merging, law lookup, public interest test and harm detection.

The two realistic drafts are passages of the project's own seed cases (ONS CCTV, Hereford &
Worcester Fire CCTV maintenance).
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import reply_ctx
from reviewer.analysis import exemption_assessment as exemptions
from reviewer.analysis.exemption_assessment import (
    assess_exemptions,
    sentence_index,
    sentence_spans,
)
from reviewer.checks import exemptions as checks
from reviewer.core.document import Span
from reviewer.core.model import (
    Answer,
    PitStatus,
    Question,
    Regime,
    ReviewContext,
    Status,
)
from reviewer.pipeline import assessed

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

ONS_RESPONSE = 'We said\n\nThank you for your request.\n\nWe are unable to release information about what security systems we have in place, the suppliers, equipment and versions of security software, how often we update and amend our security, whether we have identified particular issues or vulnerabilities and what we have done to strengthen those.\n\nThis is because we consider disclosing this information would make the us vulnerable to criminal acts as it would aid offenders in avoiding surveillance and protection systems.\n\nWe therefore find s.31(1)(a) to be engaged as the release of the information would prejudice the prevention or detection of crime. We believe that releasing this information would increase the likelihood of criminals using the information to successfully target activity against our premises. For example, knowing makes and number of CCTV cameras would allow criminals to know the extent of our security systems and significantly increase the likelihood of them avoiding detection during any crime. Knowing the extent of our systems could also increase the opportunity to conduct malicious attacks on the system itself, again placing ONS and its staff and assets in a much more vulnerable position.\n\nThis exemption is subject to a public interest test. We recognise that releasing this information would aid transparency and accountability of the ONS, provide reassurance about whether our premises are vulnerable, and provide information about how effective our security measures are. However, we see greater value in the inherent public interest in crime prevention. There is also a public interest in avoiding the costs (financial, distress, inconvenience, publicity, regulatory) associated with any criminal or terrorist attack. By refusing this information we are also preventing any threat to the integrity and security of our sensitive data and are ensuring that we can comply with our duties to take all necessary steps to safeguard the sensitive data, including physical access to it via its premises, documents, and IT systems.\n\nConsequently, we find the public interest falls in favour of withholding the information.\n\n2) The management of our CCTV system sits within in our facilities management (FM) contract.\n\nThe total value of FM contract is £12,301,930.00 (Inclusive of CCTV system).\n\nContract dates are as follows:\xa001/10/2016 -- 30/09/2023'

HW_RESPONSE = 'Under the Freedom of Information, giving information to one honest requester is the same as publishing it to everyone in the world. If we provide information that tells criminals when we last updated our security software for example, or details about our backup systems they could use that information to exploit any known weaknesses and try to hack our systems.\n\nThe Service processes very sensitive data not only personal data but information about emergency response. Emergency operational response information in the wrong hands could make it possible to impede or predict firefighter response. This might assist in the preplanning of a terrorist type attack which might therefore compromise both local and national security in addition to concerns about the health and safety of anyone involved in an incident.\n\nThe Service must take all necessary steps to make sure we keep this information properly safe. This means not telling people information that would allow criminals to gain unlawful access to our systems.\n\nThe Service has considered these issues carefully and we have decided that we do not release information about what IT security systems and backup systems we have in place, the suppliers and versions of our IT security, how often we update and amend our security, whether we have identified particular issues or vulnerabilities and what we have done to strengthen those. This is because we consider disclosing this information would make us a target of crime. Therefore this information is exempt from disclosure under section 31 and 24 of the Freedom of Information Act 2000.\n\nSection 31(1)(a) and Section 24 (1) say that we do not need to provide information that would be likely to prejudice the functions of law enforcement- the prevention and detection of crime or likely compromise the safeguarding of national security by impeding or predicting firefighter response . The Service believes that releasing this information would increase the likelihood of criminals using the information to target attacks against Service systems and operations. For example knowing when we last updated a security system would allow criminals to know what vulnerabilities existed at that time and target attacks on those.\n\nAs both Section 31 and Section 24 are qualified exemptions we need to consider the public interest test. On this occasion we believe that the balance of public interest lies in upholding the exemptions and not releasing the information.\n\nIf you are not satisfied with the outcome of the internal review, you may appeal the decision by contacting the Information Commissioner, Wycliffe House, Water Lane, Wilmslow, SK9 5AF, Tel: 0303 123 1113 (alternatively 01625 545745) or E-mail: casework@ico.org.uk\n\nFurther information on Hereford & Worcester Fire and Rescue Service may be viewed at the Service’s website: www.hwfire.org.uk\n\nThank you for your request for information\n\nInformation Governance Team'



def make_ctx(response: str, answers: list[tuple[str, Status, str]] = (), regime: Regime | None = None) -> ReviewContext:  # type: ignore[assignment]
    """`reply_ctx` with its citations; answers are (ref, status, quoted answer text)."""
    ctx = reply_ctx(response, "request", cite=True, regime=regime)
    for ref, status, quote in answers:
        i = response.index(quote)
        span = Span(i, i + len(quote))
        linked = tuple(c for c in ctx.citations if span.start <= c.span.start < span.end)
        q = Question(ref=ref, text=f"question {ref}", span=Span(0, 7))
        ctx.answers.append(Answer(question=q, status=status, span=span, citations=linked))
    return ctx


def codes(ctx: ReviewContext) -> list[str]:
    return [f.rule.code for f in checks.run(assessed(ctx))]


def test_ons_seed_complete_pit_and_harm() -> None:
    ctx = make_ctx(ONS_RESPONSE)
    [a] = assess_exemptions(ctx)
    assert a.citation.key == "FOIA:31(1)(a)"
    assert a.known and a.qualified and a.prejudice
    assert a.pit.status is PitStatus.COMPLETE
    assert a.harm_explained is True
    text = ctx.response.text
    assert a.pit.factors_for is not None and "transparency" in text[a.pit.factors_for.start : a.pit.factors_for.end]
    assert a.pit.conclusion is not None and "falls in favour of withholding" in text[a.pit.conclusion.start : a.pit.conclusion.end]
    assert codes(ctx) == []


def test_hw_seed_merges_bare_sections_and_pit_incomplete() -> None:
    ctx = make_ctx(HW_RESPONSE)
    got = assess_exemptions(ctx)
    assert [a.citation.key for a in got] == ["FOIA:31(1)(a)", "FOIA:24(1)"]
    for a in got:
        assert a.pit.status is PitStatus.INCOMPLETE
        assert a.pit.factors_for is None
        assert a.pit.conclusion is not None
        assert a.harm_explained is True
        assert len(a.mentions) >= 2
    found = codes(ctx)
    assert found.count("EX005") == 2
    assert "EX003" not in found and "EX004" not in found


def test_pit_statement_alone_is_missing() -> None:
    ctx = make_ctx(
        "The prices are exempt under section 43(2) because disclosure would be likely to prejudice the "
        "supplier's commercial interests. This exemption is subject to a public interest test."
    )
    [a] = assess_exemptions(ctx)
    assert a.pit.status is PitStatus.MISSING
    assert a.harm_explained is True
    assert "EX004" in codes(ctx)


def test_pit_with_headings_is_complete() -> None:
    ctx = make_ctx(
        "We withhold the report under section 36(2)(b)(i), in the reasonable opinion of our qualified person "
        "that disclosure would inhibit the free and frank provision of advice.\n"
        "Arguments in favour of disclosure: there is a public interest in openness about how decisions are made.\n"
        "Arguments against disclosure: officers need a safe space to give candid advice.\n"
        "Having weighed these, we have concluded that the public interest in maintaining the exemption "
        "outweighs the public interest in disclosure."
    )
    [a] = assess_exemptions(ctx)
    assert a.pit.status is PitStatus.COMPLETE


def test_absolute_and_refusal_grounds_need_no_pit_or_harm() -> None:
    ctx = make_ctx("The register is published online, so we are applying Section 21 exemption. "
                   "Your other request is refused under Section 14 (vexatious).")
    got = assess_exemptions(ctx)
    assert [a.citation.key for a in got] == ["FOIA:21", "FOIA:14"]
    assert all(a.pit.status is PitStatus.NOT_REQUIRED and a.harm_explained is None for a in got)
    assert codes(ctx) == []


def test_harm_missing_is_flagged() -> None:
    ctx = make_ctx("The tender scores are exempt under section 43(2). The public interest in maintaining the "
                   "exemption outweighs that in disclosure.")
    [a] = assess_exemptions(ctx)
    assert a.harm_explained is False
    assert "EX006" in codes(ctx)


def test_missing_subsection_unknown_obsolete_purpose() -> None:
    assert "EX003" in codes(make_ctx("Names are redacted under Section 40."))  # which limb?
    ctx = make_ctx("The file is exempt under section 25. "
                   "Old data falls under section 40(3)(a)(i). The audit is exempt under section 31(1)(g).")
    found = codes(ctx)
    assert "EX002" in found  # 25 is not an exemption
    assert "EX008" in found  # pre-2018 limb
    assert "EX009" in found  # 31(1)(g) without 31(2)


def test_purpose_limb_satisfied_and_merged() -> None:
    ctx = make_ctx("Exempt under section 31(1)(g) by virtue of section 31(2)(a) and (c), as disclosure would "
                   "prejudice our investigations.")
    got = assess_exemptions(ctx)
    assert [a.citation.key for a in got] == ["FOIA:31(1)(g)"]
    assert "EX009" not in codes(ctx)


def test_question_refs_and_withheld_without_exemption() -> None:
    text = "1. The supplier is Acme.\n2. This information is withheld under section 43(2).\n3. This information is withheld."
    ctx = make_ctx(text, [("1", Status.ANSWERED, "The supplier is Acme."),
                          ("2", Status.WITHHELD, "This information is withheld under section 43(2)."),
                          ("3", Status.WITHHELD, "This information is withheld.")])
    [a] = assess_exemptions(ctx)
    assert a.question_refs == ("2",)
    ex001 = [f for f in checks.run(assessed(ctx)) if f.rule.code == "EX001"]
    assert [f.question_ref for f in ex001] == ["3"]
    assert ex001[0].evidence is not None and ex001[0].evidence.text == "This information is withheld."


def test_wrong_regime() -> None:
    ctx = make_ctx("Handled under the Freedom of Information (Scotland) Act 2002. The prices are exempt under "
                   "section 43(2) of the Freedom of Information Act 2000 as release would harm the supplier.")
    assert "EX007" in codes(ctx)
    ctx = make_ctx("Your request under the Environmental Information Regulations is refused under section 12.")
    assert "EX007" in codes(ctx)


def test_description_only() -> None:
    text = "We cannot release the prices as they are commercially sensitive."
    ctx = make_ctx(text, [("1", Status.WITHHELD, text)])
    assert "EX010" in codes(ctx)


def test_sentence_spans_keep_citations_whole() -> None:
    text = "We rely on s.31(1)(a), e.g. for CCTV. See ico.org.uk for more.\nNext line"
    got = [text[s.start : s.end] for s in sentence_spans(text)]
    assert got == ["We rely on s.31(1)(a), e.g. for CCTV.", "See ico.org.uk for more.", "Next line"]


# The definition the sentence regex implements: cut after each boundary, trim each piece.
_BOUNDARY_RE = re.compile(r"[.!?\n](?:(?<=\n)|[\"'”’)]*(?=\s+[A-Z0-9\"'“‘(•\-–]))")


def _reference_sentences(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for b in [m.end() for m in _BOUNDARY_RE.finditer(text, start, stop)] + [stop]:
        piece = text[pos:b]
        if piece.strip():
            a = pos + len(piece) - len(piece.lstrip())
            out.append((a, a + len(piece.strip())))
        pos = b
    return out


@given(st.text(alphabet=st.sampled_from(list("ab A0 .!?\n\t\"'”’)“‘(•-–\u00a0\r\x1c\u2028\x0b")), max_size=60), st.data())
def test_sentences_are_the_trimmed_pieces_between_boundaries(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    stop = data.draw(st.integers(start, len(text)))
    idx = sentence_index(text, start, stop)
    assert [(s.start, s.end) for s in idx.spans] == _reference_sentences(text, start, stop)
    assert [idx.lower(i) for i in range(len(idx))] == [text[start:stop].lower()[a - start : b - start] for a, b in _reference_sentences(text, start, stop)]


@given(st.lists(st.sampled_from(["ab", "aba", "b", "a", ". ", "A", "\n", "public interest", "more "]), max_size=30),
       st.lists(st.sampled_from(["ab", "aba", "abab", "a", "more ", "e. a", "public interest"]), min_size=1, max_size=4))
def test_candidates_are_the_sentences_where_a_hint_starts(parts: list[str], hints: list[str]) -> None:
    text = "".join(parts)
    idx = sentence_index(text, 0, len(text))
    expected: set[int] = set()
    for h in hints:  # step from occurrence to occurrence, as str.find would without skipping
        i = idx.low.find(h)
        while i != -1:
            expected.add(idx.index_of(i))
            i = idx.low.find(h, i + len(h))
    assert idx.candidates(tuple(hints)) == sorted(j for j in expected if j < len(idx))


_PIT_WORDS = sorted(set(re.findall(r"[a-z]+", " ".join(
    alt.pattern for alt in (exemptions._CONCLUSION, exemptions._FOR, exemptions._AGAINST, exemptions._HARM)
))) - {"s", "w", "b", "the"}) + ["the", "of", "in", "a", "that", ",", ".", "  ", "\t", "public interest"]


@given(st.lists(st.sampled_from(_PIT_WORDS), max_size=14))
def test_pit_and_harm_branches_agree_with_the_whole_alternation(words: list[str]) -> None:
    """Trying the branches only where their words appear gives what the one regex gives."""
    sentence = " ".join(words)
    for alt in (exemptions._CONCLUSION, exemptions._FOR, exemptions._AGAINST, exemptions._HARM):
        assert alt.is_in(sentence, sentence) == bool(re.search(alt.pattern, sentence)), (alt.pattern[:40], sentence)


def test_pit_and_harm_branches_agree_on_the_fixture_drafts() -> None:
    for path in sorted(FIXTURES.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s in sentence_spans(text):
            low = text[s.start : s.end].lower()
            for alt in (exemptions._CONCLUSION, exemptions._FOR, exemptions._AGAINST, exemptions._HARM):
                assert alt.is_in(low, low) == bool(re.search(alt.pattern, low)), (path, low)


@given(st.lists(st.sampled_from(["ab", "aba", "b", "a", ". ", "A", "\n", "  ", "public interest", "more ", "\u0130"]), max_size=30),
       st.lists(st.sampled_from(["ab", "aba", "abab", "a", "more ", "e. a", "public interest", "b\n"]), min_size=1, max_size=4))
def test_hint_gate_answers_like_candidates(parts: list[str], hints: list[str]) -> None:
    """Asked one sentence at a time, or after enough questions all at once, the gate agrees
    with the whole-reply scan."""
    text = "#" + "".join(parts)
    idx = sentence_index(text, 1, len(text))
    expected = set(idx.candidates(tuple(hints)))
    assert [exemptions._HintGate(idx, tuple(hints))(j) for j in range(-1, len(idx) + 1)] == [
        j in expected for j in range(-1, len(idx) + 1)
    ]
    gate = exemptions._HintGate(idx, tuple(hints))
    for _ in range(2):  # past its budget of questions the gate switches to the whole-reply answer
        assert [gate(j) for j in range(len(idx))] == [j in expected for j in range(len(idx))]

"""Detect the parts of a refusal notice a requester relies on to challenge a refusal.

s.17(7) FOIA, reg 14(5) EIR and s.19 FOISA require the notice to say how to ask for an
internal review (EIR: representations under reg 11; FOISA: the right to require a review) and
that the requester may apply to the regulator (ICO, s.50; SIC, s.47). A cost refusal also
needs s.16 advice on narrowing the request.

The distinction that matters most in practice: a sentence that only mentions the *outcome*
of a review ("If you are not satisfied with the outcome of the internal review, ...") or the
regulator reviewing the authority ("should it need to be reviewed by the ICO") is not an
offer of a review. Those phrases are masked before looking for an offer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from reviewer.analysis.exemption_assessment import SentenceIndex, sentence_index
from reviewer.analysis.placeholders import unfilled_detail
from reviewer.core.document import Span
from reviewer.core.model import RefusalNotice, ReviewContext
from reviewer.text.textutil import Alternation, phrase_in

__all__ = ["detect_refusal_notice", "review_outcome_mentions", "unfilled_review_offer"]

_I = re.IGNORECASE

# Each pattern is an alternation tried only where its branches' words are (`Alternation`);
# the words are looked for in the lower-cased sentence.
_OUTCOME = Alternation((
    r"(?:outcome|result|conclusion|completion|decision|findings?)\s+of\s+(?:the|an|our|your|that|this|any)\s+internal\s+review",
    r"(?:outcome|result)\s+of\s+(?:our|your)\s+review",
    r"(?:after|following|once|when)\s+(?:the|an|our|your|that)\s+(?:internal\s+)?review\s+(?:has|is|process)",
    r"(?:after|following)\s+(?:the|an|our|your)\s+internal\s+review",
    r"(?:exhausted|completed|concluded)\s+(?:the|our|an|your)\s+(?:internal\s+)?(?:review|complaints?)\s*(?:procedure|process)?",
    r"review(?:ed)?\s+(?:\w+\s+){0,4}?by\s+the\s+(?:Scottish\s+)?Information\s+Commissioner",
    r"review(?:ed)?\s+(?:\w+\s+){0,4}?by\s+the\s+ICO",
), _I)
_REVIEW = Alternation((
    r"internal\s+review",
    r"review\s+(?:of\s+)?(?:our|the|this|that|its)\s+(?:decision|response|handling|reply)",
    r"(?:request|ask|apply|applying|asking|requesting|require|requiring|seek)\s+(?:for\s+)?(?:a|an)\s+(?:\w+\s+)?review",
    r"reconsider\w*",
    r"make\s+representations",
    r"representations\s+under",
    r"complaints?\s+(?:procedure|process|policy)",
    r"regulation\s+11\b",
    r"reg\.?\s*11\b",
    r"section\s+20\b",
    r"(?:right|ask|entitled)\s+to\s+(?:a\s+)?review",
), _I)
# The authority's own procedure by its other name, or by reference to a sheet that sets it out
# ("please see the attached information sheet for details of your right to appeal"). An appeal
# is the regulator's or the tribunal's when the sentence names one (`_offers_review`).
_APPEAL = Alternation((
    r"rights?\s+(?:of|to)\s+appeal",
    r"(?:attached|enclosed|accompanying)\s+(?:\w+\s+){0,2}(?:sheet|leaflet|notice|guidance)\b[^.]{0,80}?\b(?:rights?|complain\w*|appeal\w*)\b",
), _I)
_OFFER = Alternation((
    r"\byou\b",
    r"\byour\b",
    r"\brequester\b",
    r"\bapplicant\b",
    r"\bplease\b",
    r"\bwithin\s+\d+",
    r"\bforty\b",
    r"\bif\s+(?:you|dis)",
), _I)
# The regulator named first decides which one the sentence points to (see _regulator_right).
_SIC_NAME = Alternation((
    r"Scottish\s+Information\s+Commissioner",
    r"\bSIC\b",
    r"foi\.scot",
    r"itspublicknowledge",
    r"Kinburn\s+Castle",
    r"KY16\s*9DS",
), _I)
_ICO_NAME = Alternation((
    r"Information\s+Commissioner",
    r"\bICO\b",
    r"Wycliffe\s+House",
    r"SK9\s*5AF",
    r"ico\.org\.uk",
    r"ico\.gov\.uk",
    r"informationcommissioner\.gov\.uk",
), _I)
_BLOCK = Alternation((
    r"Wycliffe\s+House",
    r"SK9\s*5AF",
    r"ico\.org\.uk",
    r"0303\s*123\s*1113",
    r"Kinburn\s+Castle",
    r"KY16\s*9DS",
    r"foi\.scot",
    r"01334\s*464610",
), _I)
_COMPLAIN = Alternation((
    r"\b(?:complain\w*|complaint|apply|application|appeal\w*|refer\w*|contact\w*|write|writing|escalat\w*|"
        r"right\s+to|ask\s+the|raise|take\s+(?:the|this|your)\s+(?:matter|complaint))\b",
    r"section\s+(?:50|47)\b",
    r"s\.?\s?(?:50|47)\b",
), _I)
_ADVICE = Alternation((
    r"\b(?:narrow\w*|refin\w*|reduc\w*|limiting|rephras\w*|reformulat\w*|resubmit\w*|revis\w*|focus\w*|re-?fram\w*|shorten\w*)\b"
        r"[^.]{0,80}?\b(?:request|time\s*(?:period|frame|scale)|timeframe|scope|period|number|years?|dates?|range|search|questions?)",
    r"(?:if|should)\s+there\s+(?:is|are)\s+(?:a\s+)?(?:particular|specific)\s+(?:part|aspect|area|years?|periods?|items?|information)",
    r"(?:may|might|would)\s+be\s+able\s+to\s+(?:help|assist|provide|answer|comply)",
    r"(?:within|under)\s+the\s+(?:cost|appropriate)\s+limit",
    r"advice\s+and\s+assistance",
    r"section\s+16\b",
    r"s\.?\s?16\b",
), _I)
_IF_YOU = Alternation((r"\b(?:you|your|if)\b",), _I)


# Substring gates (on the lower-cased sentence) that every match of the regexes implies.
_ADVICE_HINTS, _OUTCOME_HINTS = _ADVICE.words, _OUTCOME.words
_REVIEW_HINTS = tuple(sorted({*_REVIEW.words, *_APPEAL.words}))
_REGULATOR_HINTS = tuple(sorted({*_SIC_NAME.words, *_ICO_NAME.words}))


def _sentence(ctx: ReviewContext, idx: SentenceIndex, i: int) -> tuple[str, str]:
    """Sentence i of the reply and its lower case (the index's copy when it lines up)."""
    a, b = idx.starts[i], idx.ends[i]
    t = ctx.response.text[a:b]
    return t, (idx.lower(i) if len(idx.low) == ctx.response_span.end - ctx.response_span.start else t.lower())


def review_outcome_mentions(ctx: ReviewContext) -> list[Span]:
    """Sentences that mention a review's outcome, or the regulator reviewing, without offering
    one: the evidence for an "internal review not offered" finding."""
    idx = _index(ctx)
    out: list[Span] = []
    for i in idx.candidates(_OUTCOME_HINTS):
        t, low = _sentence(ctx, idx, i)
        if _OUTCOME.search(t, low) and not _offers_review(t, low):
            out.append(idx.span(i))
    return out


def _index(ctx: ReviewContext) -> SentenceIndex:
    return sentence_index(ctx.response.text, ctx.response_span.start, ctx.response_span.end)


def _masked(sentence: str, low: str) -> tuple[str, str]:
    """The sentence with review-outcome phrases blanked out, and its lower case."""
    masked = _OUTCOME.sub(" ", sentence, low)
    return (masked, low) if masked == sentence else (masked, masked.lower())


def _offers_review(sentence: str, low: str | None = None) -> bool:
    masked, mlow = _masked(sentence, sentence.lower() if low is None else low)
    if not _OFFER.is_in(masked, mlow):
        return False
    if _REVIEW.is_in(masked, mlow):
        return True
    names_another = "tribunal" in mlow or _ICO_NAME.is_in(masked, mlow) or _SIC_NAME.is_in(masked, mlow)
    return not names_another and _APPEAL.is_in(masked, mlow)


def _regulator_right(sentence: str, low: str | None = None) -> str | None:
    """"ICO"/"SIC" if the sentence tells the requester they may go to a regulator.

    The regulator is the one named first (at the same place, the SIC: "Scottish Information
    Commissioner" also contains "Information Commissioner")."""
    low = sentence.lower() if low is None else low
    sic, ico = _SIC_NAME.search(sentence, low), _ICO_NAME.search(sentence, low)
    if sic is None and ico is None:
        return None
    reg = "SIC" if sic is not None and (ico is None or sic.start() <= ico.start()) else "ICO"
    if _BLOCK.is_in(sentence, low):
        return reg
    masked, mlow = _masked(sentence, low)
    if _COMPLAIN.is_in(masked, mlow) and _OFFER.is_in(masked, mlow):
        return reg
    return None


def _first(ctx: ReviewContext, idx: SentenceIndex, hints: tuple[str, ...], test: Callable[[str, str], bool]) -> Span | None:
    for i in idx.candidates(hints):
        if test(*_sentence(ctx, idx, i)):
            return idx.span(i)
    return None


def _advice(sentence: str, low: str | None = None) -> bool:
    low = sentence.lower() if low is None else low
    return _IF_YOU.is_in(sentence, low) and _ADVICE.is_in(sentence, low)


_COST_HINTS = ("cost", "limit", "hours", "section 12", "s.12", "s 12", "narrow", "refine", "reduc", "burden",
               "particular part", "time period")


def _mentions_cost(idx: SentenceIndex) -> bool:
    """Advice and assistance is looked for only where a cost/burden refusal could be ("s 12"
    is loose: it finds "s12" too)."""
    return any(phrase_in(idx.low, h) for h in _COST_HINTS)


def detect_refusal_notice(ctx: ReviewContext, required: bool) -> RefusalNotice:
    """Find the internal-review offer, the regulator-complaint right and s.16 advice in the
    draft's reply. Spans point into the response document."""
    idx = _index(ctx)
    regulator: Span | None = None
    regulator_name: str | None = None
    for i in idx.candidates(_REGULATOR_HINTS):
        got = _regulator_right(*_sentence(ctx, idx, i))
        if got is not None:
            regulator, regulator_name = idx.span(i), got
            break
    return RefusalNotice(
        required=required,
        internal_review=next((span for span, filled in _review_offers(ctx, idx) if filled), None),
        regulator_complaint=regulator,
        regulator=regulator_name,
        advice_and_assistance=_first(ctx, idx, _ADVICE_HINTS, _advice) if _mentions_cost(idx) else None,
    )


def _review_offers(ctx: ReviewContext, idx: SentenceIndex) -> Iterator[tuple[Span, bool]]:
    """Each sentence offering an internal review, and whether its details are filled in. The
    suggested wording pasted with its gap ("by writing to ... within 40 working days") tells
    the requester nothing: it is not counted as an offer."""
    text = ctx.response.text
    for i in idx.candidates(_REVIEW_HINTS):
        t, low = _sentence(ctx, idx, i)
        if _offers_review(t, low):
            span = idx.span(i)
            yield span, not unfilled_detail(_to_sentence_end(text, span))


def unfilled_review_offer(ctx: ReviewContext) -> Span | None:
    """The first internal-review offer left as unfilled template wording, when the draft has
    no filled one: where RN001 points to say why the notice has no offer."""
    offers = list(_review_offers(ctx, _index(ctx)))
    if any(filled for _, filled in offers):
        return None
    return offers[0][0] if offers else None


_SENTENCE_END_RE = re.compile(r"(?<!\.)[.!?](?!\.)(?:\s|$)")  # not an ellipsis


def _to_sentence_end(text: str, span: Span) -> str:
    """The offer's text up to the end of its sentence: a line that starts with "..." may have
    ended the detected sentence early, and the gap is what matters here."""
    m = _SENTENCE_END_RE.search(text, max(span.start, span.end - 1), min(len(text), span.end + 200))
    return text[span.start : m.end() if m else span.end]

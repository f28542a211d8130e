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
from collections.abc import Callable

from reviewer.document import Span
from reviewer.exemptions import SentenceIndex, sentence_index
from reviewer.model import RefusalNotice, ReviewContext

__all__ = ["detect_refusal_notice", "review_outcome_mentions"]

_I = re.IGNORECASE

_OUTCOME_RE = re.compile(
    r"(?:outcome|result|conclusion|completion|decision|findings?)\s+of\s+(?:the|an|our|your|that|this|any)\s+internal\s+review"
    r"|(?:outcome|result)\s+of\s+(?:our|your)\s+review"
    r"|(?:after|following|once|when)\s+(?:the|an|our|your|that)\s+(?:internal\s+)?review\s+(?:has|is|process)"
    r"|(?:after|following)\s+(?:the|an|our|your)\s+internal\s+review"
    r"|(?:exhausted|completed|concluded)\s+(?:the|our|an|your)\s+(?:internal\s+)?(?:review|complaints?)\s*(?:procedure|process)?"
    r"|review(?:ed)?\s+(?:\w+\s+){0,4}?by\s+the\s+(?:Scottish\s+)?Information\s+Commissioner|review(?:ed)?\s+(?:\w+\s+){0,4}?by\s+the\s+ICO",
    _I,
)
_REVIEW_RE = re.compile(
    r"internal\s+review|review\s+(?:of\s+)?(?:our|the|this|that|its)\s+(?:decision|response|handling|reply)"
    r"|(?:request|ask|apply|applying|asking|requesting|require|requiring|seek)\s+(?:for\s+)?(?:a|an)\s+(?:\w+\s+)?review"
    r"|reconsider\w*|make\s+representations|representations\s+under|complaints?\s+(?:procedure|process|policy)"
    r"|regulation\s+11\b|reg\.?\s*11\b|section\s+20\b|(?:right|ask|entitled)\s+to\s+(?:a\s+)?review",
    _I,
)
_OFFER_RE = re.compile(
    r"\byou\b|\byour\b|\brequester\b|\bapplicant\b|\bplease\b|\bwithin\s+\d+|\bforty\b|\bif\s+(?:you|dis)",
    _I,
)
_REGULATOR_NAME_RE = re.compile(
    r"(?P<sic>Scottish\s+Information\s+Commissioner|\bSIC\b|foi\.scot|itspublicknowledge|Kinburn\s+Castle|KY16\s*9DS)"
    r"|(?P<ico>Information\s+Commissioner|\bICO\b|Wycliffe\s+House|SK9\s*5AF|ico\.org\.uk|ico\.gov\.uk|informationcommissioner\.gov\.uk)",
    _I,
)
_BLOCK_RE = re.compile(
    r"Wycliffe\s+House|SK9\s*5AF|ico\.org\.uk|0303\s*123\s*1113|Kinburn\s+Castle|KY16\s*9DS|foi\.scot|01334\s*464610",
    _I,
)
_COMPLAIN_RE = re.compile(
    r"\b(?:complain\w*|complaint|apply|application|appeal\w*|refer\w*|contact\w*|write|writing|escalat\w*|"
    r"right\s+to|ask\s+the|raise|take\s+(?:the|this|your)\s+(?:matter|complaint))\b"
    r"|section\s+(?:50|47)\b|s\.?\s?(?:50|47)\b",
    _I,
)
_ADVICE_RE = re.compile(
    r"\b(?:narrow\w*|refin\w*|reduc\w*|limiting|rephras\w*|reformulat\w*|resubmit\w*|revis\w*|focus\w*|re-?fram\w*|shorten\w*)\b"
    r"[^.]{0,80}?\b(?:request|time\s*(?:period|frame|scale)|timeframe|scope|period|number|years?|dates?|range|search|questions?)"
    r"|(?:if|should)\s+there\s+(?:is|are)\s+(?:a\s+)?(?:particular|specific)\s+(?:part|aspect|area|years?|periods?|items?|information)"
    r"|(?:may|might|would)\s+be\s+able\s+to\s+(?:help|assist|provide|answer|comply)"
    r"|(?:within|under)\s+the\s+(?:cost|appropriate)\s+limit"
    r"|advice\s+and\s+assistance|section\s+16\b|s\.?\s?16\b",
    _I,
)
_IF_YOU_RE = re.compile(r"\b(?:you|your|if)\b", _I)


# Substring gates (on the lower-cased sentence) that every match of the regexes implies.
_REVIEW_HINTS = ("review", "reconsider", "representations", "complaint", "regulation 11", "reg 11", "reg. 11", "section 20")
_REGULATOR_HINTS = ("commissioner", "ico", "sic", "wycliffe", "sk9", "kinburn", "ky16", "foi.scot", "itspublicknowledge")
_ADVICE_HINTS = ("narrow", "refin", "reduc", "limiting", "rephras", "reformulat", "resubmit", "revis", "focus",
                 "fram", "shorten", "particular", "specific", "able to", "within the", "under the", "advice",
                 "section 16", "s.16", "s 16", "s16")


def _text(ctx: ReviewContext, s: Span) -> str:
    return ctx.response.text[s.start : s.end]


def review_outcome_mentions(ctx: ReviewContext) -> list[Span]:
    """Sentences that mention a review's outcome, or the regulator reviewing, without offering
    one: the evidence for an "internal review not offered" finding."""
    idx = _index(ctx)
    out: list[Span] = []
    for i in idx.candidates(("review",)):
        t = _text(ctx, idx.span(i))
        if _OUTCOME_RE.search(t) and not _offers_review(t):
            out.append(idx.span(i))
    return out


def _index(ctx: ReviewContext) -> SentenceIndex:
    return sentence_index(ctx.response.text, ctx.response_span.start, ctx.response_span.end)


def _offers_review(sentence: str) -> bool:
    masked = _OUTCOME_RE.sub(" ", sentence)
    return bool(_REVIEW_RE.search(masked)) and bool(_OFFER_RE.search(masked))


def _regulator_right(sentence: str) -> str | None:
    """"ICO"/"SIC" if the sentence tells the requester they may go to a regulator."""
    name = _REGULATOR_NAME_RE.search(sentence)
    if name is None:
        return None
    reg = "SIC" if name.group("sic") else "ICO"
    if _BLOCK_RE.search(sentence):
        return reg
    masked = _OUTCOME_RE.sub(" ", sentence)
    if _COMPLAIN_RE.search(masked) and _OFFER_RE.search(masked):
        return reg
    return None


def _first(ctx: ReviewContext, idx: SentenceIndex, hints: tuple[str, ...], test: Callable[[str], bool]) -> Span | None:
    for i in idx.candidates(hints):
        if test(_text(ctx, idx.span(i))):
            return idx.span(i)
    return None


def _advice(sentence: str) -> bool:
    return bool(_IF_YOU_RE.search(sentence)) and bool(_ADVICE_RE.search(sentence))


_COST_HINTS = ("cost", "limit", "hours", "section 12", "s.12", "s12", "s 12", "narrow", "refine", "reduc", "burden",
               "particular part", "time period")


def _mentions_cost(idx: SentenceIndex) -> bool:
    """Advice and assistance is looked for only where a cost/burden refusal could be."""
    return any(h in idx.low for h in _COST_HINTS)


def detect_refusal_notice(ctx: ReviewContext, required: bool) -> RefusalNotice:
    """Find the internal-review offer, the regulator-complaint right and s.16 advice in the
    draft's reply. Spans point into the response document."""
    idx = _index(ctx)
    regulator: Span | None = None
    regulator_name: str | None = None
    for i in idx.candidates(_REGULATOR_HINTS):
        got = _regulator_right(_text(ctx, idx.span(i)))
        if got is not None:
            regulator, regulator_name = idx.span(i), got
            break
    return RefusalNotice(
        required=required,
        internal_review=_first(ctx, idx, _REVIEW_HINTS, _offers_review),
        regulator_complaint=regulator,
        regulator=regulator_name,
        advice_and_assistance=_first(ctx, idx, _ADVICE_HINTS, _advice) if _mentions_cost(idx) else None,
    )

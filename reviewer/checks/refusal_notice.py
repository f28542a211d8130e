"""Refusal-notice checks: does a refusal tell the requester how to challenge it?

s.17(7) FOIA, reg 14(5) EIR and s.19 FOISA require particulars of the internal review (EIR
reg 11 representations; FOISA s.20 review) and of the right to apply to the regulator (ICO
under s.50; SIC under s.47). A cost refusal also needs s.16 advice on narrowing. Detection
lives in `reviewer.analysis.refusal`; this module turns its result into findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.analysis.refusal import review_outcome_mentions, unfilled_review_offer
from reviewer.core.document import Span
from reviewer.core.findings import Category, Evidence, Finding, Severity, register_rule
from reviewer.core.model import Regime, ReviewContext
from reviewer.text.textutil import lowered

RN001 = register_rule(
    "RN001", "internal-review-not-offered", Category.REFUSAL_NOTICE, Severity.ERROR,
    "A refusal does not tell the requester how to ask for an internal review.",
    "Add: 'If you are dissatisfied with this response you may ask for an internal review by "
    "writing to [address] within 40 working days.' (EIR: representations under regulation 11.)",
)
RN002 = register_rule(
    "RN002", "regulator-complaint-missing", Category.REFUSAL_NOTICE, Severity.ERROR,
    "A refusal does not tell the requester of the right to apply to the Information Commissioner.",
    "Add the right to complain to the ICO (s.50 FOIA) or apply to the Scottish Information "
    "Commissioner (s.47 FOISA), with current contact details.",
)
RN003 = register_rule(
    "RN003", "wrong-regulator", Category.REFUSAL_NOTICE, Severity.ERROR,
    "The draft names the wrong regulator for its regime (ICO for FOISA/EISR, SIC for FOIA/EIR).",
    "Scottish public authorities refer to the Scottish Information Commissioner; others to the ICO.",
)
RN004 = register_rule(
    "RN004", "cost-refusal-without-advice", Category.REFUSAL_NOTICE, Severity.WARNING,
    "A cost-limit refusal gives no advice on how to narrow the request (s.16 FOIA, s.15 FOISA).",
    "Suggest how the request could be refined to fall within the limit, e.g. a shorter time period.",
)

_COST_RE = re.compile(r"appropriate\s+(?:costs?\s+)?limit|cost\s+limit|exceed\w*\s+(?:the\s+)?(?:18|24)\s+hours", re.I)


def notice_required(ctx: ReviewContext) -> bool:
    """A refusal notice is required when any answer is a refusal or any ground is cited."""
    return bool(ctx.citations) or any(a.status.is_refusal for a in ctx.answers)


def _first_outcome_mention(ctx: ReviewContext, regulator_only: bool = False) -> Evidence | None:
    for s in review_outcome_mentions(ctx):
        t = ctx.response.text[s.start : s.end]
        if not regulator_only or re.search(r"Commissioner|\bICO\b|\bSIC\b", t):
            return Evidence.from_span(ctx.response, s)
    return None


def _review_message(regime: Regime) -> str:
    return {
        Regime.EIR: "No offer of reconsideration (representations under EIR regulation 11, which is mandatory).",
        Regime.EISR: "No offer of a review under EISR regulation 16.",
        Regime.FOISA: "No statement of the right to require a review (FOISA s.20), as s.19 requires.",
        Regime.FOIA: "No particulars of the internal review (complaints) procedure, as s.17(7)(a) requires.",
    }[regime]


def _cost_refusal(ctx: ReviewContext) -> Evidence | None:
    for c in ctx.citations:
        if c.section == "12" and not c.regime.regulations:
            return Evidence.from_span(ctx.response, c.span)
    body = lowered(ctx.response.text, ctx.response_span.start, ctx.response_span.end)  # = response_text.lower()
    if "limit" not in body and "hours" not in body:
        return None
    m = _COST_RE.search(ctx.response.text, ctx.response_span.start, ctx.response_span.end)
    return Evidence.from_span(ctx.response, Span(m.start(), m.end())) if m else None


def run(ctx: ReviewContext) -> Iterator[Finding]:
    """Findings on the review offer, the regulator right and cost-refusal advice."""
    required = notice_required(ctx)
    rn = ctx.refusal_notice
    if rn is None:
        raise ValueError("the context has no refusal notice: build it with reviewer.pipeline.assessed")
    if required and rn.internal_review is None:
        # the suggested wording pasted with its gap unfilled tells the requester nothing: not
        # an offer (the record says so too), and the finding points at it
        unfilled = unfilled_review_offer(ctx)
        if unfilled is not None:
            yield Finding(
                RN001,
                "The internal review offer is unfilled template wording: it does not say where or how to ask.",
                Evidence.from_span(ctx.response, unfilled),
            )
        else:
            yield Finding(RN001, _review_message(ctx.regime), _first_outcome_mention(ctx))
    if required and rn.regulator_complaint is None:
        name = "Scottish Information Commissioner (s.47)" if ctx.regime.scottish else "Information Commissioner (s.50)"
        yield Finding(RN002, f"No statement of the right to apply to the {name}.", _first_outcome_mention(ctx, True))
    if rn.regulator and rn.regulator_complaint is not None:
        wrong = (rn.regulator == "ICO") == ctx.regime.scottish
        if wrong:
            right = "the Scottish Information Commissioner" if ctx.regime.scottish else "the Information Commissioner's Office"
            yield Finding(RN003, f"The draft points to the {rn.regulator} but a {ctx.regime.value} response must point to {right}.",
                          Evidence.from_span(ctx.response, rn.regulator_complaint))
    cost = _cost_refusal(ctx)
    if cost is not None and rn.advice_and_assistance is None:
        yield Finding(RN004, "The cost-limit refusal gives no advice on how the request could be narrowed.", cost)

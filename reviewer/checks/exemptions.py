"""Exemption checks: is every refusal grounded in a real, precisely cited exemption, with the
public interest test and harm explanation the law requires (s.17(1)(b)-(c) and s.17(3) FOIA,
reg 14(3) EIR, s.16 FOISA)?

The assessments come from `reviewer.analysis.exemption_assessment` (the pipeline stores them in
`ctx.exemptions`); this module only turns them into findings, so the detection logic lives in
one place and the JSON output and the findings always agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer import law
from reviewer.analysis.exemption_assessment import sentence_spans
from reviewer.core.document import Span
from reviewer.core.findings import Category, Evidence, Finding, Severity, register_rule
from reviewer.core.model import (
    Citation,
    ExemptionAssessment,
    PitStatus,
    ReviewContext,
    Status,
)

EX001 = register_rule(
    "EX001", "withheld-without-exemption", Category.EXEMPTIONS, Severity.ERROR,
    "Information is withheld but no exemption is cited for it.",
    "Cite the exemption (section and subsection) that applies to this part of the request.",
)
EX002 = register_rule(
    "EX002", "unknown-exemption", Category.EXEMPTIONS, Severity.ERROR,
    "The cited section or regulation is not an exemption of this regime (mistyped or not an exemption).",
    "Check the number against the Act or Regulations and cite the exemption actually relied on.",
)
EX003 = register_rule(
    "EX003", "missing-subsection", Category.EXEMPTIONS, Severity.WARNING,
    "An exemption with several limbs is cited without the limb relied on (ICO LTT101/LTT102).",
    "Cite the subsection and paragraph, e.g. s.40(2), s.43(2), s.31(1)(a), reg 12(5)(e).",
)
EX004 = register_rule(
    "EX004", "public-interest-test-missing", Category.EXEMPTIONS, Severity.ERROR,
    "A qualified exemption is relied on with no public interest test.",
    "Give the factors for disclosure, the factors for maintaining the exemption, and the conclusion.",
)
EX005 = register_rule(
    "EX005", "public-interest-test-incomplete", Category.EXEMPTIONS, Severity.WARNING,
    "The public interest test lacks factors for disclosure, factors against, or a conclusion.",
    "State the factors on both sides and the conclusion reached for each qualified exemption.",
)
EX006 = register_rule(
    "EX006", "harm-not-explained", Category.EXEMPTIONS, Severity.ERROR,
    "A prejudice-based exemption is relied on without explaining the harm disclosure would cause.",
    "Explain how disclosure would (or would be likely to) cause the prejudice, and to whom.",
)
EX007 = register_rule(
    "EX007", "wrong-regime", Category.EXEMPTIONS, Severity.WARNING,
    "The citation belongs to a different regime from the one the response is made under.",
    "Cite the equivalent provision of the regime that applies (see the FOIA/EIR/FOISA/EISR crosswalk).",
    severity_note="error when the citation is the other jurisdiction's law (FOIA in a Scottish reply, FOISA in an English "
    "one) or a FOIA s.12/s.14 refusal in an EIR reply",
)
EX008 = register_rule(
    "EX008", "obsolete-citation", Category.EXEMPTIONS, Severity.WARNING,
    "The citation uses pre-May-2018 data protection wording that no longer exists.",
    "Use the current limbs: s.40(2) with s.40(3A)(a), s.40(5B); refer to the UK GDPR and the DPA 2018.",
)
EX009 = register_rule(
    "EX009", "purpose-limb-missing", Category.EXEMPTIONS, Severity.ERROR,
    "s.31(1)(g)-(i) (FOISA 35(1)(g)-(h)) is cited without the s.31(2) (35(2)) purpose it depends on.",
    "Name the purpose as well, e.g. 'section 31(1)(g) by virtue of section 31(2)(c)'.",
)
EX010 = register_rule(
    "EX010", "exemption-by-description-only", Category.EXEMPTIONS, Severity.WARNING,
    "Information is withheld on a described ground with no section or regulation number.",
    "Cite the number of the exemption, not just its subject (s.17(1)(b) FOIA, reg 14(3)(a) EIR).",
)

_WITHHELD = (Status.WITHHELD, Status.NCND)
_DPA1998_RE = re.compile(r"Data Protection Act,?\s+1998|\bDPA\s*(?:19)?98\b", re.I)
_DESCRIPTION_RE = re.compile(
    r"commercially\s+sensitive|commercial(?:ly)?\s+confiden\w+|law\s+enforcement|legal(?:\s+professional)?\s+privilege"
    r"|national\s+security|health\s+and\s+safety|personal\s+(?:data|information)|data\s+protection|in\s+confidence"
    r"|security\s+reasons|due\s+to\s+security",
    re.I,
)
_WITHHOLD_WORD_RE = re.compile(r"withh[oe]ld|exempt|redact|not\s+(?:be\s+)?(?:releas|disclos|provid)|unable\s+to\s+(?:release|disclose|provide)|cannot\s+(?:release|disclose|provide)", re.I)


def _ev(ctx: ReviewContext, c: Citation) -> Evidence:
    return Evidence.from_span(ctx.response, c.span)


def _label(c: Citation) -> str:
    word = "regulation" if c.regime.regulations else "section"
    return f"{c.regime.value} {word} {c.citation}"


def _refs(a: ExemptionAssessment) -> str | None:
    return a.question_refs[0] if len(a.question_refs) == 1 else None


def _withheld_without_exemption(ctx: ReviewContext) -> Iterator[Finding]:
    """EX001, an error whether or not the draft cites exemptions for other answers: s.17(1)(b)
    FOIA requires the notice to specify the exemption for the information withheld, and an
    exemption cited for question 6 does not specify one for question 9 (it used to be a
    warning in that case, which the rule table never said)."""
    for ans in ctx.answers:
        if ans.status not in _WITHHELD or ans.citations:
            continue
        if ans.span is not None and any(ans.span.start <= c.span.start < ans.span.end for c in ctx.citations):
            continue
        ev = Evidence.from_span(ctx.response, ans.span) if ans.span else None
        if ctx.citations:
            named = [e.citation for e in ctx.exemptions] or ctx.citations
            cited = ", ".join(dict.fromkeys(_label(c) for c in named))
            yield Finding(EX001, f"Question {ans.question.ref} is withheld, but none of the exemptions the draft "
                          f"cites ({cited}) fits or is linked to this answer: cite the one that applies to it.",
                          ev, ans.question.ref)
        else:
            yield Finding(EX001, f"Question {ans.question.ref} is withheld but the draft cites no exemption.",
                          ev, ans.question.ref)


def _per_assessment(ctx: ReviewContext, a: ExemptionAssessment) -> Iterator[Finding]:
    c = a.citation
    entry, under = law.resolve(c.regime, c.citation)
    ref = _refs(a)
    if entry is None:
        why = "" if law.section_known(c.regime, c.section) else f" ({c.regime.value} has no exemption numbered {c.section})"
        yield Finding(EX002, f"'{c.text.strip()}' is not a known {_label(c)} exemption{why}.", _ev(ctx, c), ref)
        return
    if under:
        kids = [e.citation for e in law.children(c.regime, c.citation) if not e.obsolete and e.kind in ("exemption", "ncnd")]
        hint = ", ".join(kids[:6]) + (", ..." if len(kids) > 6 else "")
        yield Finding(EX003, f"'{c.text.strip()}' does not say which limb applies ({hint}).", _ev(ctx, c), ref)
    if entry.obsolete:
        yield Finding(EX008, f"'{c.text.strip()}' is a pre-2018 limb of section 40 that no longer exists.", _ev(ctx, c), ref)
    if entry.requires_purpose and not any(
        x.regime is c.regime and x.citation.startswith(entry.requires_purpose) for x in ctx.citations
    ):
        yield Finding(EX009, f"'{c.text.strip()}' needs the {entry.requires_purpose} purpose it relies on.", _ev(ctx, c), ref)
    yield from _pit_and_harm(ctx, a, ref)


def _pit_and_harm(ctx: ReviewContext, a: ExemptionAssessment, ref: str | None) -> Iterator[Finding]:
    c = a.citation
    if a.qualified and a.pit.status is PitStatus.MISSING:
        yield Finding(EX004, f"{_label(c)} is a qualified exemption but the draft gives no public interest test.",
                      _ev(ctx, c), ref)
    elif a.qualified and a.pit.status is PitStatus.INCOMPLETE:
        lacking = [name for name, span in (("factors in favour of disclosure", a.pit.factors_for),
                                           ("factors in favour of maintaining the exemption", a.pit.factors_against),
                                           ("a conclusion", a.pit.conclusion)) if span is None]
        found = a.pit.conclusion or a.pit.factors_against or a.pit.factors_for
        ev = Evidence.from_span(ctx.response, found) if found else _ev(ctx, c)
        yield Finding(EX005, f"The public interest test for {_label(c)} lacks {' and '.join(lacking)}.", ev, ref)
    if a.prejudice and a.harm_explained is False:
        yield Finding(EX006, f"{_label(c)} needs an explanation of how disclosure would cause harm; none was found.",
                      _ev(ctx, c), ref)


def _wrong_regime(ctx: ReviewContext, assessments: list[ExemptionAssessment]) -> Iterator[Finding]:
    regimes = {a.citation.regime for a in assessments}
    mixed_ok = any(a.citation.section == "39" for a in assessments)  # s.39 hands over to the EIR
    for a in assessments:
        c = a.citation
        if c.regime is ctx.regime:
            continue
        if c.regime.scottish != ctx.regime.scottish:
            yield Finding(EX007, f"{_label(c)} cited in a {ctx.regime.value} response: the other jurisdiction's law.",
                          _ev(ctx, c), _refs(a), Severity.ERROR)
        elif ctx.regime.regulations and c.section in ("12", "14") and not c.regime.regulations:
            yield Finding(EX007, f"{_label(c)} cited in an {ctx.regime.value} response; use the manifestly "
                          "unreasonable exception (EIR 12(4)(b) / EISR 10(4)(b)).", _ev(ctx, c), _refs(a), Severity.ERROR)
        elif ctx.regime_explicit and not mixed_ok and len(regimes) == 1:
            yield Finding(EX007, f"{_label(c)} cited but the response is made under {ctx.regime.value}.",
                          _ev(ctx, c), _refs(a))


def _dpa_1998(ctx: ReviewContext) -> Iterator[Finding]:
    if ctx.response.text.find("98", ctx.response_span.start, ctx.response_span.end) == -1:  # "98" in response_text
        return
    m = _DPA1998_RE.search(ctx.response.text, ctx.response_span.start, ctx.response_span.end)
    if m:
        span = Span(m.start(), m.end())
        yield Finding(EX008, "The draft refers to the Data Protection Act 1998, repealed in May 2018.",
                      Evidence.from_span(ctx.response, span))


def _description_only(ctx: ReviewContext) -> Iterator[Finding]:
    if ctx.citations or not (any(a.status.is_refusal for a in ctx.answers) or not ctx.answers):
        return
    text = ctx.response.text
    for s in sentence_spans(text, ctx.response_span.start, ctx.response_span.end):
        t = text[s.start : s.end]
        m = _DESCRIPTION_RE.search(t)
        if m and _WITHHOLD_WORD_RE.search(t):
            span = Span(s.start + m.start(), s.start + m.end())
            yield Finding(EX010, f"Information is withheld as '{m.group(0)}' but no exemption number is cited.",
                          Evidence.from_span(ctx.response, span))
            return


def run(ctx: ReviewContext) -> Iterator[Finding]:
    """Findings for every exemption the draft relies on, and for refusals with none."""
    assessments = ctx.exemptions
    yield from _withheld_without_exemption(ctx)
    for a in assessments:
        yield from _per_assessment(ctx, a)
    yield from _wrong_regime(ctx, assessments)
    yield from _dpa_1998(ctx)
    yield from _description_only(ctx)

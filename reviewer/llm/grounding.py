"""Verify the model's quotes against the draft and merge what survives into the review.

Grounding: every claim carries a quote; the quote (placeholders mapped back) must occur in
the reply part of the draft, ignoring differences of case and runs of whitespace only. A claim
whose quote is not found is dropped and recorded (`DroppedClaim`); nothing fuzzier is tried.

Merge policy (documented in docs/llm.md):
- The model never removes a rule-engine finding. In particular findings about a missing
  exemption (EX001), the refusal-notice duties (RN*) and personal data (PD*) always stand.
- The model may add findings (rules CP1xx, EX1xx, TP1xx, PD1xx, origin "llm").
- The model may refine a question's status when its quote is verified, with three limits: it
  can never mark a question `answered` that the rules did not, and never turn a refusal status
  (withheld, refused, ncnd) into a non-refusal one. Either would clear a problem the rules saw,
  which is exactly what text in a draft saying "report no issues" would want. The rule's status
  is kept (`rule_status`) and the answer is marked `origin="llm"`.
- And it only refines *within* what the requester got (the coarse class: given, not held,
  refused, not applicable, unanswered): answered -> partial, withheld -> refused, redirected ->
  partial. A status in another class (answered -> not held, unanswered -> partial) contradicts
  the rule engine's reading rather than refining it; it is shown as a second opinion (a
  CP102/CP103 finding quoting the draft) and the status stays, so a weak model's grounded but
  wrong reading cannot lower status accuracy (docs/llm.md).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from reviewer.checks import model as R
from reviewer.core.document import Span
from reviewer.core.findings import Evidence, Finding, Rule, sort_key
from reviewer.core.model import (
    DroppedClaim,
    ExemptionAssessment,
    PitStatus,
    Review,
    Status,
)
from reviewer.llm.pseudonymise import Pseudonymiser
from reviewer.team.policy import apply_policy

if TYPE_CHECKING:
    from reviewer.llm.schema import ModelReview

NOT_FOUND = "quote not found in the draft"
TOO_SHORT = "quote too short to show anything (fewer than two words)"
NO_WORDS = "policy: a subject is shown in words, and the quote has none"
# A word of letters, or a number: what a quote must hold two of to ground a claim. A weak
# model quotes "d", "N/A" or "Yes", which are in every draft and show nothing (SmolLM2 did on
# the dev cases, and a subject-mismatch finding quoting "d" would have been added).
_QUOTE_WORD_RE = re.compile(r"[^\W\d_]{2,}|\d{2,}")
_LETTER_WORD_RE = re.compile(r"[^\W\d_]{2,}")

# What the requester got: the model may refine a status within its class, not move it across.
_CLASS = {
    Status.ANSWERED: "given", Status.PARTIAL: "given", Status.REDIRECTED: "given",
    Status.NOT_HELD: "not_held", Status.WITHHELD: "refused", Status.REFUSED: "refused", Status.NCND: "refused",
    Status.NOT_APPLICABLE: "not_applicable", Status.UNANSWERED: "unanswered",
}  # fmt: skip


def _fold(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """Lower-cased text with whitespace runs collapsed to one space, and the offset map."""
    out: list[str] = []
    index: list[int] = []
    space = False
    for i in range(start, end):
        ch = text[i]
        if ch.isspace():
            if not space and out:
                out.append(" ")
                index.append(i)
            space = True
            continue
        space = False
        for low in ch.lower():
            out.append(low)
            index.append(i)
    if out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


def locate(quote: str, text: str, start: int = 0, end: int | None = None) -> Span | None:
    """Where `quote` occurs in text[start:end], whitespace- and case-tolerant; None if absent."""
    end = len(text) if end is None else end
    q, _ = _fold(quote, 0, len(quote))
    if not q:
        return None
    hay, index = _fold(text, start, end)
    at = hay.find(q)
    if at < 0:
        return None
    return Span(index[at], index[at + len(q) - 1] + 1)


def _norm_citation(text: str) -> str:
    text = re.sub(r"(?i)\b(section|sections|s\.|regulation|reg\.?|foia|eir|foisa)\b", " ", text)
    return re.sub(r"[\s.]", "", text).lower()


class Merger:
    """Applies one or more model answers (one per call) to a rule-engine review."""

    def __init__(self, review: Review, pseudo: Pseudonymiser) -> None:
        self.review = review
        self.pseudo = pseudo
        self.ctx = review.context
        self.dropped: list[DroppedClaim] = []
        self.added: list[Finding] = []
        self.refined = 0
        self.second_opinions = 0
        self._answers = {a.question.ref: i for i, a in enumerate(self.ctx.answers)}
        self._seen: set[tuple[str, int, int, str | None]] = set()

    # -- helpers ---------------------------------------------------------------------------
    def _verify(self, kind: str, subject: str, quote: str | None) -> Span | None:
        if quote is None or not quote.strip():
            return None
        original = self.pseudo.restore(quote)
        if len(_QUOTE_WORD_RE.findall(original)) < 2:
            self.dropped.append(DroppedClaim(kind, subject, original, TOO_SHORT))
            return None
        span = locate(original, self.ctx.response.text, self.ctx.response_span.start, self.ctx.response_span.end)
        if span is None:
            self.dropped.append(DroppedClaim(kind, subject, original, NOT_FOUND))
        return span

    def _overlaps(self, span: Span, prefix: str) -> bool:
        for f in [*self.review.findings, *self.added]:
            ev = f.evidence
            if f.rule.code.startswith(prefix) and ev is not None and ev.start < span.end and span.start < ev.end:
                return True
        return False

    def _add(self, rule: Rule, message: str, span: Span, ref: str | None = None, fix: str | None = None) -> None:
        key = (rule.code, span.start, span.end, ref)  # one quote may bear on two questions
        if key in self._seen:
            return
        self._seen.add(key)
        ev = Evidence.from_span(self.ctx.response, span)
        self.added.append(Finding(rule, message, ev, question_ref=ref, fix=fix, origin="llm"))

    # -- the three parts of an answer ------------------------------------------------------
    def apply(self, answer: ModelReview, refs: tuple[str, ...] | None = None) -> None:
        for q in answer.questions:
            self._question(q.ref, q.status, q.quote, q.missing, q.reason, refs)
        for e in answer.exemptions:
            self._exemption(e.citation, e.factors_for, e.factors_against, e.conclusion, e.harm_explained, e.harm_quote)
        for i in answer.issues:
            self._issue(i.kind, i.quote, i.explanation)

    def _question(
        self, ref: str, status_name: str, quote: str, missing: str | None, reason: str, refs: tuple[str, ...] | None
    ) -> None:
        ref = ref.strip()
        idx = self._answers.get(ref)
        if idx is None or (refs is not None and ref not in refs):
            self.dropped.append(DroppedClaim("question", ref, self.pseudo.restore(quote), "unknown question ref"))
            return
        span = self._verify("question", ref, quote)
        if span is None:
            if not quote.strip():
                self.dropped.append(DroppedClaim("question", ref, "", "no quote given"))
            return
        current = self.ctx.answers[idx]
        new = Status(status_name)
        if new is current.status:
            return
        if new is Status.ANSWERED:
            self.dropped.append(DroppedClaim("question", ref, self.pseudo.restore(quote), f"policy: the model cannot clear status '{current.status.value}'"))
            return
        if current.status.is_refusal and not new.is_refusal:
            self.dropped.append(DroppedClaim("question", ref, self.pseudo.restore(quote), f"policy: the model cannot lift refusal status '{current.status.value}'"))
            return
        why = self.pseudo.restore(missing) if missing else ""
        note = self.pseudo.restore(reason).strip()
        if why:
            note = f"{note} Missing: {why}".strip()
        if _CLASS[new] != _CLASS[current.status]:
            # A different reading, not a refinement: a second opinion, the status stays.
            rule = R.UNANSWERED if new is Status.UNANSWERED else R.STATUS_DIFFERS
            self._add(
                rule,
                f"Second opinion: the model reads question {ref} as {new.value.replace('_', ' ')}, not"
                f" {current.status.value.replace('_', ' ')} (status not changed): {note}".rstrip(": "),
                span,
                ref,
            )
            self.second_opinions += 1
            return
        self.ctx.answers[idx] = replace(
            current, status=new, span=span, note=note, origin="llm", rule_status=current.status, confidence=0.5
        )
        self.refined += 1
        if new is Status.PARTIAL:
            msg = f"Question {ref} is only partly answered" + (f": missing {why}" if why else "")
            self._add(R.PARTIAL_ANSWER, msg, span, ref, fix=f"Give {why}" if why else None)
        else:
            self._add(
                R.STATUS_DIFFERS,
                f"Question {ref} reads as {new.value.replace('_', ' ')}, not {current.status.value.replace('_', ' ')}: {note}",
                span,
                ref,
            )

    def _assessment(self, citation: str) -> ExemptionAssessment | None:
        want = _norm_citation(citation)
        for e in self.ctx.exemptions:
            if want in (_norm_citation(e.citation.citation), _norm_citation(e.citation.section)):
                return e
        for e in self.ctx.exemptions:
            if want and (want.startswith(_norm_citation(e.citation.section) + "(") or _norm_citation(e.citation.citation).startswith(want)):
                return e
        return None

    def _exemption(
        self,
        citation: str,
        factors_for: str | None,
        factors_against: str | None,
        conclusion: str | None,
        harm_explained: bool | None,
        harm_quote: str | None,
    ) -> None:
        e = self._assessment(citation)
        if e is None:
            self.dropped.append(DroppedClaim("exemption", citation, "", "exemption not cited in the draft"))
            return
        label = f"{e.citation.regime.value} {e.citation.citation}"
        spans = {
            name: self._verify("exemption", label, q)
            for name, q in (("factors_for", factors_for), ("factors_against", factors_against), ("conclusion", conclusion))
        }
        if e.qualified and e.pit.status is PitStatus.COMPLETE:
            # Only parts the model explicitly says are absent count; an unverified quote is
            # dropped above and proves nothing either way.
            lacking = [
                what
                for what, q in (("factors for disclosure", factors_for), ("factors for withholding", factors_against))
                if q is None
            ]
            if lacking and spans["conclusion"] is not None:
                self._add(
                    R.CONCLUSION_ONLY,
                    f"The public interest test for {label} states a conclusion but no {' or '.join(lacking)}",
                    spans["conclusion"],
                )
        if harm_explained is False and e.harm_explained:
            hspan = self._verify("exemption", label, harm_quote)
            if hspan is not None:
                self._add(R.HARM_ASSERTED, f"The harm from disclosure under {label} is asserted, not explained", hspan)

    def _issue(self, kind: str, quote: str, explanation: str) -> None:
        span = self._verify("issue", kind, quote)
        if span is None:
            if not quote.strip():
                self.dropped.append(DroppedClaim("issue", kind, "", "no quote given"))
            return
        text = self.pseudo.restore(explanation).strip()
        original = self.pseudo.restore(quote)
        if kind in ("subject_mismatch", "stale_boilerplate") and len(_LETTER_WORD_RE.findall(original)) < 2:
            self.dropped.append(DroppedClaim("issue", kind, original, NO_WORDS))
            return
        if kind == "personal_data":
            if not self._overlaps(span, "PD"):
                self._add(R.PERSONAL_DATA, f"Personal data the rules did not flag: {text}", span)
        elif kind == "subject_mismatch":
            if not self._overlaps(span, "TP"):
                self._add(R.SUBJECT_MISMATCH, f"The reply's subject does not match the request: {text}", span)
        elif kind == "stale_boilerplate":
            self._add(R.STALE_BOILERPLATE, f"Boilerplate that does not fit this request: {text}", span)

    def finish(self) -> None:
        """Add the model's findings to the review through the team's policy, as the rule engine's
        were (rule settings, staff list, inline directives); rule findings are never touched. The
        directives' notes are not repeated: the rule pass gave them."""
        kept, suppressed, _ = apply_policy(self.ctx, self.added)
        self.review.findings.extend(kept)
        self.review.findings.sort(key=sort_key)
        self.review.suppressed.extend(suppressed)
        self.review.suppressed.sort(key=lambda s: sort_key(s.finding))
        info = self.review.llm
        info.dropped_claims.extend(self.dropped)
        info.added_findings += len(kept)
        info.refined_statuses += self.refined

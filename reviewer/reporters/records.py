"""The one serialisation boundary: a `Review` becomes plain, JSON-ready records here.

Every reporter (JSON, terminal, and later SARIF, JUnit...) starts from `review_record`, so
what the terminal shows and what CI parses can never disagree. The shape is the documented
JSON contract (README, "JSON output"); add keys freely, never rename or remove one without
bumping `SCHEMA_VERSION`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from reviewer import __version__
from reviewer.core.document import Document, Span
from reviewer.core.findings import Evidence, Finding, Severity
from reviewer.core.model import ExemptionAssessment, ModelReviewInfo, Review, Status
from reviewer.reporters.location import where

SCHEMA_VERSION = 1

VERDICT_FAIL = "fail"  # at least one error: not ready to send
VERDICT_REVIEW = "review"  # warnings only: a person should look
VERDICT_PASS = "pass"  # nothing above info


def _evidence(doc: Document, span: Span | None) -> dict[str, Any] | None:
    """Evidence in the draft, with its place in words (`location.where`)."""
    if span is None or span.end <= span.start:
        return None
    return _placed(Evidence.from_span(doc, span).as_dict(), doc.source)


def _placed(evidence: dict[str, Any] | None, draft: str) -> dict[str, Any] | None:
    """Evidence with `where`: the words every reporter gives for its place ("line 5",
    "paragraph 7", "request.txt, line 8"), so JSON consumers need not rebuild them."""
    if evidence is not None:
        said = where(evidence, draft)
        if said:
            evidence["where"] = said
    return evidence


def _finding(f: Finding, draft: str) -> dict[str, Any]:
    d = f.as_dict()
    _placed(d["evidence"], draft)
    return d


def verdict(review: Review) -> str:
    severities = {f.effective_severity for f in review.findings}
    if Severity.ERROR in severities:
        return VERDICT_FAIL
    if Severity.WARNING in severities:
        return VERDICT_REVIEW
    return VERDICT_PASS


def _exemption(doc: Document, e: ExemptionAssessment) -> dict[str, Any]:
    return {
        "citation": e.citation.citation,
        "key": e.citation.key,
        "regime": e.citation.regime.value,
        "name": e.short_name,
        "known": e.known,
        "qualified": e.qualified,
        "prejudice_based": e.prejudice,
        "public_interest_test": e.pit.status.value,
        "public_interest": {
            "factors_for": _evidence(doc, e.pit.factors_for),
            "factors_against": _evidence(doc, e.pit.factors_against),
            "conclusion": _evidence(doc, e.pit.conclusion),
        },
        "harm_explained": e.harm_explained,
        "harm_evidence": _evidence(doc, e.harm_span),
        "questions": list(e.question_refs),
        "mentions": [
            {"text": m.text, "line": doc.line_col(m.span.start)[0], "start": m.span.start, "end": m.span.end}
            for m in e.mentions
        ],
    }


def llm_record(info: ModelReviewInfo) -> dict[str, Any]:
    """The `llm` block: what the optional model tier did. Never holds a key or raw personal data."""
    return {
        "requested": info.requested,
        "used": info.used,
        "model": info.model,
        "endpoint": info.endpoint,
        "prompt_version": info.prompt_version,
        "pseudonymised": info.pseudonymised,
        "placeholders": info.placeholders,
        "cached": info.cached,
        "calls": info.calls,
        "cache_hits": info.cache_hits,
        "tokens": {"input": info.input_tokens, "output": info.output_tokens, "input_exact": info.tokens_exact},
        "added_findings": info.added_findings,
        "refined_statuses": info.refined_statuses,
        "dropped_claims": {
            "count": len(info.dropped_claims),
            "claims": [
                {"kind": d.kind, "subject": d.subject, "quote": d.quote, "reason": d.reason} for d in info.dropped_claims
            ],
        },
        "failed": info.failed,
        "warnings": list(info.warnings),
        "response_format": info.response_format,
        "per_call": [
            {
                "questions": list(c.refs),
                "seconds": c.seconds,
                "input_tokens": c.input_tokens,
                "output_tokens": c.output_tokens,
                "cached": c.cached,
                "response_format": c.response_format or None,
                "failed": c.failed,
            }
            for c in info.per_call
        ],
    }


def review_record(review: Review) -> dict[str, Any]:
    """The complete, JSON-serialisable result of one review."""
    ctx = review.context
    doc = ctx.response
    by_question: dict[str, list[str]] = {}
    for e in ctx.exemptions:
        for ref in e.question_refs:
            by_question.setdefault(ref, []).append(e.citation.citation)
    questions = []
    for a in ctx.answers:
        q = a.question
        questions.append(
            {
                "ref": q.ref,
                "text": q.text,
                "label": q.label,
                "parent": q.parent,
                "branch": q.branch,
                "conditional": q.conditional,
                "status": a.status.value,
                "status_origin": a.origin,
                "rule_status": (a.rule_status or a.status).value,
                "note": a.note,
                "evidence": _evidence(doc, a.span),
                "exemptions": by_question.get(q.ref, []),
            }
        )
    rn = ctx.refusal_notice
    refusal = {
        "required": bool(rn and rn.required),
        "internal_review": bool(rn and rn.internal_review),
        "regulator_complaint": bool(rn and rn.regulator_complaint),
        "regulator": rn.regulator if rn else None,
        "advice_and_assistance": bool(rn and rn.advice_and_assistance),
        "evidence": {
            "internal_review": _evidence(doc, rn.internal_review) if rn else None,
            "regulator_complaint": _evidence(doc, rn.regulator_complaint) if rn else None,
            "advice_and_assistance": _evidence(doc, rn.advice_and_assistance) if rn else None,
        },
    }
    findings = [_finding(f, doc.source) for f in review.findings]
    severity_counts = Counter(f.effective_severity.value for f in review.findings)
    status_counts = Counter(a.status.value for a in ctx.answers)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "foi-reviewer", "version": __version__},
        "request": {"source": ctx.request.source},
        "response": {"source": ctx.response.source},
        "regime": ctx.regime.value,
        "regime_explicit": ctx.regime_explicit,
        "questions": questions,
        "exemptions": [_exemption(doc, e) for e in ctx.exemptions],
        "refusal_notice": refusal,
        "findings": findings,
        "summary": {
            "questions": len(ctx.answers),
            "statuses": {s.value: status_counts.get(s.value, 0) for s in Status},
            "findings": len(findings),
            "errors": severity_counts.get("error", 0),
            "warnings": severity_counts.get("warning", 0),
            "info": severity_counts.get("info", 0),
            "by_category": dict(Counter(f["category"] for f in findings)),
            "verdict": verdict(review),
        },
        "suppressed": [
            {**_finding(s.finding, doc.source), "suppression": {"kind": s.kind, "reason": s.reason, "line": s.line}}
            for s in review.suppressed
        ],
        "notes": list(review.notes),
        "llm": llm_record(review.llm),
    }


CASE_SCHEMA_VERSION = 1


def case_record(
    case_id: str,
    review: dict[str, Any] | None,
    *,
    request: str | None,
    response: str | None,
    metadata: dict[str, str] | None = None,
    error: str | None = None,
    seconds: float | None = None,
    timed_out: bool = False,
) -> dict[str, Any]:
    """One line of an audit's results file: a case, its metadata, and its review or its error.

    `review` is `review_record(...)` (None for a broken case, which carries `error` instead;
    status "timeout" instead of "error" when the review ran past `--case-timeout`).
    `check` wraps its single review the same way, so SARIF, JUnit and GitHub reporters serve
    both commands from one shape.
    """
    return {
        "schema_version": CASE_SCHEMA_VERSION,
        "case": case_id,
        "request": request,
        "response": response,
        "metadata": dict(metadata or {}),
        "status": "ok" if review is not None else "timeout" if timed_out else "error",
        "error": error,
        "seconds": None if seconds is None else round(seconds, 4),
        "review": review,
    }

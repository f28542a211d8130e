"""Completeness: every question answered, and answered in a way the requester can use.

s.1(1) FOIA gives two duties for each thing asked for: say whether it is held, and provide
it. A question the draft never reaches breaches both (ICO decision notices record this as a
failure to confirm or deny), so an unanswered question is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.findings import Category, Evidence, Finding, Severity, register_rule
from reviewer.core.model import ReviewContext, Status
from reviewer.text.textutil import case_trapped, has_words, required_words

UNANSWERED = register_rule(
    "CP001",
    "question-unanswered",
    Category.COMPLETENESS,
    Severity.ERROR,
    summary="A question in the request gets no answer in the draft.",
    fix="Answer it: give the information, say it is not held, or cite the exemption that applies.",
)
NO_QUESTIONS = register_rule(
    "CP002",
    "no-questions-found",
    Category.COMPLETENESS,
    Severity.WARNING,
    summary="No questions could be found in the request, so completeness was not checked.",
    fix="Check that the request file is the request (not the draft), or number its questions.",
)
PARTIAL = register_rule(
    "CP003",
    "partial-answer",
    Category.COMPLETENESS,
    Severity.INFO,
    summary="Part of a question is answered and part is not held or withheld.",
    fix="Make sure the draft says plainly which part is provided and which is not, and why.",
)
REDIRECT_NO_LOCATION = register_rule(
    "CP004",
    "redirect-without-location",
    Category.COMPLETENESS,
    Severity.WARNING,
    summary="The draft says the information is published but does not say where.",
    fix="Give the web address (or the document and page) so the requester can find it (ICO s.21 guidance).",
)

NOTHING_ANSWERED = register_rule(
    "CP005",
    "nothing-answered",
    Category.COMPLETENESS,
    Severity.ERROR,
    summary="The draft answers none of the request's questions (a greeting, acknowledgement or holding reply).",
    fix="Write the answers before sending: each question needs the information, 'not held', or the exemption that applies.",
)

_LOCATION_RE = re.compile(
    r"https?://|\bwww\.|\b[\w-]+\.(gov|nhs|org|ac|police|co)\.uk\b|\b[\w-]+\.(com|org|net|scot|wales)\b|"
    r"\b(attached|enclosed|annex|appendix|page \d+|table \d+)\b",
    re.I,
)
# Addresses that are not where published information is: an e-mail address (the one for
# internal reviews, a sentence after the redirect) and the regulators' own sites, which every
# refusal paragraph names. Counting them let nearly every real draft pass CP004.
_NOT_A_LOCATION = (r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", r"\b(?:www\.)?(?:ico\.org\.uk|foi\.scot|itspublicknowledge\.info)\S*")
_NOT_A_LOCATION_RE = re.compile("|".join(_NOT_A_LOCATION), re.I)
# What every match of each branch holds ("@" and a dot; a regulator's domain): a passage with
# neither is not searched for them (the e-mail branch tries every word it meets).
_NOT_A_LOCATION_NEEDS = tuple(required_words(p) for p in _NOT_A_LOCATION)


def _gives_location(text: str) -> bool:
    low = text.lower()
    if case_trapped(low) or any(has_words(low, needs) for needs in _NOT_A_LOCATION_NEEDS):
        text = _NOT_A_LOCATION_RE.sub(" ", text)
    return _LOCATION_RE.search(text) is not None


def run(ctx: ReviewContext) -> Iterator[Finding]:
    if not ctx.questions:
        yield Finding(NO_QUESTIONS, "No questions were found in the request; completeness was not checked.")
        return
    if ctx.answers and all(a.status is Status.UNANSWERED for a in ctx.answers):
        # One finding that says what the per-question ones add up to: nothing is answered
        # (issue 13: a PASS on a letter that answers nothing is the worst result).
        n = len(ctx.answers)
        yield Finding(
            NOTHING_ANSWERED,
            f"The draft answers none of the {n} question{'s' if n != 1 else ''} in the request: it holds only "
            "greetings, acknowledgements, holding lines or letter boilerplate.",
            evidence=Evidence.from_span(ctx.response, ctx.response_span) if ctx.response_span.end > ctx.response_span.start else None,
        )
    children = {q.parent for q in ctx.questions if q.parent}
    for answer in ctx.answers:
        q = answer.question
        if answer.status is Status.UNANSWERED:
            if q.ref in children and _children_answered(ctx, q.ref):
                continue
            yield Finding(
                UNANSWERED,
                f"Question {q.ref} is not answered: {_clip(q.text)}",
                evidence=Evidence.from_span(ctx.request, q.span),
                question_ref=q.ref,
            )
        elif answer.status is Status.PARTIAL and answer.span is not None:
            yield Finding(
                PARTIAL,
                f"Question {q.ref} is answered in part ({answer.note}).",
                evidence=Evidence.from_span(ctx.response, answer.span),
                question_ref=q.ref,
            )
    yield from _redirects(ctx)


def _children_answered(ctx: ReviewContext, ref: str) -> bool:
    kids = [a for a in ctx.answers if a.question.parent == ref]
    return bool(kids) and all(a.status is not Status.UNANSWERED for a in kids)


def _redirects(ctx: ReviewContext) -> Iterator[Finding]:
    """One finding per distinct redirecting passage that gives no location anywhere near it."""
    seen: set[tuple[int, int]] = set()
    text = ctx.response.text
    for answer in ctx.answers:
        if answer.status is not Status.REDIRECTED or answer.span is None:
            continue
        span = answer.span
        if (span.start, span.end) in seen:
            continue
        seen.add((span.start, span.end))
        window_end = min(ctx.response_span.end, span.end + 300)
        if _gives_location(text[span.start : window_end]):
            continue
        refs = [a.question.ref for a in ctx.answers if a.span == span]
        yield Finding(
            REDIRECT_NO_LOCATION,
            f"The answer to question{'s' if len(refs) > 1 else ''} {_refs(refs)} points to published "
            "information without saying where it is.",
            evidence=Evidence.from_span(ctx.response, span),
            question_ref=refs[0],
        )


def _refs(refs: list[str]) -> str:
    return ", ".join(refs) if len(refs) <= 4 else f"{', '.join(refs[:3])} and {len(refs) - 3} more"


def _clip(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1] + "\u2026"

"""The review pipeline: documents in, a `Review` out.

    load -> set quoted e-mail history aside -> find the request -> parse questions -> find citations -> align answers
         -> assess exemptions -> detect the refusal notice -> run checks

This is the library entry point used by the CLI, the tests and the benchmarks; it does no
printing and never exits. Input that cannot be reviewed meaningfully (a reply with no request
anywhere, files given the wrong way round) raises `InputError` with a one-line hint.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from reviewer.analysis.alignment import align
from reviewer.analysis.citations import detect_regime, find_citations
from reviewer.analysis.exemption_assessment import assess_exemptions
from reviewer.analysis.given import asks, looks_swapped
from reviewer.analysis.refusal import detect_refusal_notice
from reviewer.analysis.request import parse_request, split_combined
from reviewer.checks import run_checks
from reviewer.core.document import Document, Span
from reviewer.core.errors import InputError
from reviewer.core.findings import RuleSetting, sort_key
from reviewer.core.model import Regime, Review, ReviewContext
from reviewer.core.staff_list import StaffList
from reviewer.loaders import load
from reviewer.team.policy import apply_policy
from reviewer.text.quoted import quote_start, unquote


@dataclass(frozen=True)
class Options:
    """Settings that change what a review finds (from the command line or config file)."""

    allow_contacts: tuple[str, ...] = ()
    regime: Regime | None = None  # None: detect from the draft
    rules: tuple[RuleSetting, ...] = ()  # per-rule enable/disable/severity from the config
    staff: StaffList | None = None  # who may be named in a published reply


def review_files(request: Path | None, response: Path, options: Options = Options()) -> Review:
    """Review files on disk. `request` None means `response` holds both."""
    resp_doc = load(response)
    req_doc = load(request) if request is not None else None
    return review_documents(req_doc, resp_doc, options, require_request=True)


def review_texts(request: str | None, response: str, options: Options = Options()) -> Review:
    """Review strings (tests, benchmarks, other programs)."""
    resp_doc = Document(response, "response")
    req_doc = Document(request, "request") if request is not None else None
    return review_documents(req_doc, resp_doc, options)


def review_documents(
    request: Document | None, response: Document, options: Options = Options(), require_request: bool = False
) -> Review:
    """Review one draft. With `request` None the request is looked for in `response` (under
    headings, in quoted e-mail history, or as questions each followed by its answer); with
    `require_request`, a file in which none is found is refused (`InputError`) instead of being
    reviewed for its hidden content and template slips alone."""
    notes: list[str] = [f"not reviewed in {d.source}: {s}" for d in (request, response) if d is not None for s in d.skipped]
    if request is not None and looks_swapped(request.text, response.text):
        raise InputError(
            f"{request.source} reads like a reply and {response.source} like a request: the files look swapped "
            "(give the request first: foi-review check REQUEST DRAFT)"
        )
    # Quoted e-mail history below the reply is not the draft: found before unwrapping, while
    # its ">" lines are still lines; its quoting is blanked (offsets unchanged) so a quoted
    # request's numbered questions start their lines again.
    quoted = quote_start(response.text)
    if quoted is not None:
        response = replace(response, text=unquote(response.text, quoted), layout=response.laid_out)
    # Hard-wrapped paragraphs (plain-text e-mail, text from a PDF) are read as the paragraphs
    # they are; offsets are unchanged, so evidence still points into the file as laid out.
    response = response.unwrapped()
    request = request.unwrapped() if request is not None else None
    line = response.line_col(quoted)[0] if quoted is not None else 0
    if request is None:
        req_doc = response
        split = split_combined(response.text) if quoted is None else None
        if quoted is not None:
            req_span, resp_span = Span(quoted, len(response.text)), Span(0, quoted)
            notes.append(f"the request was taken from the earlier e-mail quoted below the reply (from line {line})")
        elif split is None:
            whole = Span(0, len(response.text))
            req_span, resp_span = whole, whole
            if require_request and not asks(response.text):
                raise InputError(f"{response.source}: no request found in the file (give the request as well: foi-review check REQUEST DRAFT)")
            notes.append("no request/response headings found: each question is expected to be followed by its answer")
        else:
            req_span, resp_span = split
    else:
        req_doc = request
        req_span, resp_span = Span(0, len(request.text)), Span(0, quoted if quoted is not None else len(response.text))
        if quoted is not None:
            notes.append(f"the earlier e-mails quoted below the reply (from line {line}) were not reviewed")

    if options.regime is not None:
        regime, explicit = options.regime, True
    else:
        regime, explicit = detect_regime(response.text, resp_span.start, resp_span.end)
    citations = find_citations(response.text, resp_span.start, resp_span.end, default_regime=regime)
    questions = parse_request(req_doc.text, req_span, answers_inline=req_span == resp_span and request is None)
    if not questions and quoted is not None and request is None and require_request:
        raise InputError(f"{response.source}: no request found in the reply or the e-mail it quotes (give the request as well: foi-review check REQUEST DRAFT)")
    if not questions:
        notes.append("no questions found in the request")
    answers = align(questions, req_doc, req_span, response, resp_span, citations)

    facts = ReviewContext(
        request=req_doc,
        response=response,
        request_span=req_span,
        response_span=resp_span,
        questions=questions,
        answers=answers,
        citations=citations,
        regime=regime,
        regime_explicit=explicit,
        allow_contacts=options.allow_contacts,
        staff=options.staff,
        rules=options.rules,
    )
    ctx = assessed(facts)
    findings, failures = run_checks(ctx)
    notes.extend(failures)
    findings, suppressed, policy_notes = apply_policy(ctx, findings)
    notes.extend(policy_notes)
    findings.sort(key=sort_key)
    suppressed.sort(key=lambda s: sort_key(s.finding))
    return Review(context=ctx, findings=findings, notes=notes, suppressed=suppressed)


def assessed(facts: ReviewContext) -> ReviewContext:
    """`facts` completed with what is assessed from it: each exemption's public interest test
    and harm, then the refusal notice (required when an answer refuses or an exemption is
    relied on). Done once, here, and passed forward as a new frozen value."""
    exemptions = assess_exemptions(facts)
    required = any(a.status.is_refusal for a in facts.answers) or bool(exemptions)
    return replace(facts, exemptions=exemptions, refusal_notice=detect_refusal_notice(facts, required))

"""Template checks: placeholders left in, a reply about the wrong subject, stale regulator details.

Most FOI replies start from a template or from the last reply of the same kind. The three
tell-tale slips are a placeholder nobody filled in ("Dear X", "[insert date]"), an opening
sentence still describing the previous request ("your request for incident information" in a
reply about a CCTV contract), and the regulator's contact details as they were years ago.
Each is cheap to spot with patterns and embarrassing once published.

Only the reply part of the response document is scanned (`ctx.response_span`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

from reviewer import law
from reviewer.analysis.placeholders import (
    ELLIPSIS_WHAT,
    NOT_PLACEHOLDER,
    PATTERNS,
    REDACTION_CONTEXT,
    in_quotation,
    in_redacted_address,
)
from reviewer.core.document import Span
from reviewer.core.findings import Category, Evidence, Finding, Severity, register_rule
from reviewer.core.model import ReviewContext, Status
from reviewer.text.textutil import Anchored, lowered, start_words

PLACEHOLDER = register_rule(
    "TP001",
    "placeholder-left",
    Category.TEMPLATE,
    Severity.ERROR,
    "A template placeholder was left in the reply.",
    "Replace the placeholder with the real value, or delete it.",
)
SUBJECT_MISMATCH = register_rule(
    "TP002",
    "subject-mismatch",
    Category.TEMPLATE,
    Severity.WARNING,
    "The reply describes the request as being about something the request does not mention, or "
    "shares no subject matter with it at all (an error: the reply to another request).",
    "Check the reply answers this request; describe the request in its own terms (the wording was "
    "probably left over from an earlier reply).",
    severity_note="error when the reply shares no subject matter with the request at all",
)
OUTDATED_REGULATOR = register_rule(
    "TP003",
    "outdated-regulator-contact",
    Category.TEMPLATE,
    Severity.WARNING,
    "The regulator's contact details are out of date.",
    "Use the current details: ICO, Wycliffe House, Water Lane, Wilmslow SK9 5AF, 0303 123 1113, "
    "ico.org.uk/make-a-complaint; SIC, Kinburn Castle, St Andrews KY16 9DS, 01334 464610, foi.scot.",
    severity_note="info for a legacy detail that still reaches the regulator (e.g. itspublicknowledge.info)",
)

# --- TP001 placeholders ----------------------------------------------------------------------

def _placeholders(ctx: ReviewContext) -> Iterator[Finding]:
    doc, text = ctx.response, ctx.response.text
    start, end = ctx.response_span.start, ctx.response_span.end
    seg = text[start:end]
    low = lowered(text, start, end)
    # Bookkeeping that stays near-linear with thousands of placeholders: the spans taken by
    # earlier patterns, kept sorted (they never overlap, so only the one starting just before a
    # match can overlap it; one pattern's own matches never overlap each other), the newlines
    # (a bisect finds a match's line, where rfind would walk back along a long line each time)
    # and each line's redaction wording, looked at once per line.
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    newlines: list[int] | None = None
    redaction_line: dict[int, bool] = {}
    for pat in PATTERNS:
        if not pat.gate(seg, low):
            continue
        new: list[tuple[int, int]] = []
        for m in pat.regex.finditer(text, start, end):
            s, e = m.span(pat.group)
            i = bisect.bisect_left(taken_starts, e)
            if i and taken_ends[i - 1] > s:
                continue
            found = text[s:e]
            if found.startswith("[") and NOT_PLACEHOLDER.search(found):
                continue
            if pat.what == ELLIPSIS_WHAT and in_quotation(text, s):
                continue
            if "X" in found.upper() and not found.startswith("Dear"):
                if in_redacted_address(text, s, e):
                    continue  # x.xxxxx@xxxx.gov.uk: an address blacked out, not a template gap
                if newlines is None:
                    newlines = [nl.start() for nl in re.finditer("\n", text)]
                k = bisect.bisect_left(newlines, s)
                ls = newlines[k - 1] + 1 if k else 0
                if ls not in redaction_line:  # each line is searched once: linear (issue 12)
                    j = bisect.bisect_left(newlines, e)
                    le = newlines[j] if j < len(newlines) else -1
                    redaction_line[ls] = REDACTION_CONTEXT.search(text[ls : end if le == -1 else le]) is not None
                if redaction_line[ls]:
                    continue  # XXXX standing in for redacted text, not a template gap
            new.append((s, e))
            yield Finding(PLACEHOLDER, f"Placeholder left in the reply: {pat.what}", Evidence.from_span(doc, Span(s, e)))
        if new:
            merged = sorted([*zip(taken_starts, taken_ends), *new])
            taken_starts, taken_ends = [a for a, _ in merged], [b for _, b in merged]


# --- TP002 subject mismatch ------------------------------------------------------------------

_SUBJECT_RE = re.compile(
    r"(?<![\w])[Yy]our[ \t]+(?:recent[ \t]+)?(?:request|application|enquiry|e-?mail|letter|correspondence)"
    r"(?:[ \t]+(?:of|dated|received[ \t]+on)[ \t]+[^,.\n]{1,25}?)?"
    r"[ \t]+(?:for[ \t]+(?:information[ \t]+|details[ \t]+|data[ \t]+|copies[ \t]+)?"
    r"(?:(?:about|regarding|relating[ \t]+to|on|concerning|in[ \t]+relation[ \t]+to|in[ \t]+respect[ \t]+of|of)[ \t]+)?"
    r"|about[ \t]+|regarding[ \t]+|relating[ \t]+to[ \t]+|concerning[ \t]+|in[ \t]+relation[ \t]+to[ \t]+|in[ \t]+respect[ \t]+of[ \t]+|on[ \t]+)"
    r"(?P<x>[^.\n;:()]{3,100})"
)
# Both patterns are tried only where a match can start, read off the pattern (`start_words`).
(_SUBJECT_START,) = start_words(_SUBJECT_RE.pattern) or ()
_SUBJECT_LINE = Anchored(re.compile(r"^[ \t]*(?:Re|RE|Subject|SUBJECT|Subj)[ \t]*:[ \t]*(?P<y>[^\n]{3,100})", re.MULTILINE))
# Where the described subject ends: the relative clause or the "under the Act" tail.
_SUBJECT_END = re.compile(
    r"\s(?:which|that|who|received|dated|has|have|was|were|is|are|under|made|sent|submitted|and[ \t]+(?:we|i)\b|"
    r"we|i|in[ \t]+which|as|to[ \t]+(?:the|our|this)|by|from|dated)\b|,",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[a-z][a-z'’-]+")
_GENERIC = frozenset(
    """
    a an and the of for to in on at by with from as or our your my we you i it its this that these those
    information request requests requested data details detail record records recorded document documents
    copy copies regarding relating related concerning about any all some each every other further following
    above below said such same number numbers list lists total amount figures figure statistics
    council authority authorities organisation organisations department service services trust body
    freedom act foi foia eir foisa environmental regulations held hold holds recent previous
    year years month months date dates period time current last past
    please provide could would should can may might will also
    matter matters subject subjects topic topics issue issues question questions enquiry enquiries
    response reply aforementioned above-mentioned abovementioned
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)


def _stem(w: str) -> str:
    # The tests skip work most words do not need: no apostrophe to cut at, no hyphen to strip,
    # no suffix (every suffix ends in s, g or d).
    if "'" in w or "’" in w:
        w = w.replace("’", "'").split("'")[0]
    if "-" in w:
        w = w.strip("-")
    if w[-1:] in "sgd":
        for suf in ("ies", "es", "s", "ing", "ed"):
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                w = w[: -len(suf)] + ("y" if suf == "ies" else "")
                break
    return w[:6]


# Words that say nothing about what a request is about, on top of `_GENERIC`: question words,
# auxiliaries, pronouns, quantities and the vocabulary of every reply. "Shares none of the
# subject" is decided on what is left, so "how many", "did" or "thank you" never count as
# shared subject matter.
_FUNCTION = _GENERIC | frozenset(
    """
    how much many what which who whom whose when where why whether there their they them then than
    is are was were be been being do does did done has have had having not no yes nor but if so
    into onto over under per via out off up down both more most less least few several own
    use used using provided providing supplied include includes including included
    new old one two three four five six seven eight nine ten first second third
    thank thanks dear yours sincerely faithfully regards kind best wishes mr mrs ms miss dr
    confirm confirmed advise advised tell told explain state stated note noted attached enclosed
    answer answers answered ask asked asking reply replies replied write writing written
    review internal commissioner commissioner's office complain complaint dissatisfied satisfied
    working days day week weeks within received receive receipt reference ref
    able unable happy pleased sorry apologise grateful
    like wish want prefer require requesting
    """.split()
)


_GIVES = frozenset({Status.ANSWERED, Status.PARTIAL})
_MAY_GIVE = _GIVES | {Status.UNANSWERED, Status.NOT_APPLICABLE}


def _subject_stems(text: str) -> dict[str, str]:
    """Content stems of `text` with one word each that shows them, function words left out."""
    out: dict[str, str] = {}
    for w in _WORD_RE.findall(text.lower()):
        if len(w) > 2 and w not in _FUNCTION:
            out.setdefault(_stem(w), w)
    return out


def _starts_a_word(low: str, stem: str) -> bool:
    """Does some word of `low` start with `stem`? (A stem is a prefix of the words it comes
    from, so a reply sharing a stem with the request always passes this test.)"""
    i = low.find(stem)
    while i != -1:
        if i == 0 or not low[i - 1].isalpha():
            return True
        i = low.find(stem, i + 1)
    return False


_FIGURE_RE = re.compile(r"[0-9\u00a3$\u20ac%]")
_NUMBERING_RE = re.compile(r"(?im)^[ \t]*(?:q(?:uestion)?[ \t]*)?\(?\d{1,3}[a-z]?[.):\-]?(?=\s)")
_ANSWER_WORDS = frozenset({"none", "nil", "zero", "nothing", "n/a"})


def _same_filler(ctx: ReviewContext) -> bool:
    """Two or more questions, each given an answer of the same words."""
    given = [a for a in ctx.answers if a.status in _GIVES and a.span is not None]
    texts = {" ".join(ctx.response.text[a.span.start : a.span.end].lower().split()) for a in given if a.span is not None}
    return len(given) >= 2 and len(texts) == 1


def _shares_no_subject(ctx: ReviewContext) -> Finding | None:
    """An error when the reply has its own subject matter and shares none of it with the
    request's questions: the reply to another request (potholes for consultants).

    Only the questions' text is compared, not the whole request, so a name in both
    letters' greeting and signature is not taken for shared subject matter. A reply that
    refuses, cites an exemption, says "not held" or points elsewhere is left alone: a s.14 or
    s.12 refusal often never names the subject."""
    # A refusal, a "not held" or a pointer to a website may well never name the subject; only a
    # reply that presents information as the answers is judged.
    if ctx.citations or not any(a.status in _GIVES for a in ctx.answers) or any(a.status not in _MAY_GIVE for a in ctx.answers):
        return None
    asked = _subject_stems(" ".join(q.text for q in ctx.questions))
    if len(asked) < 2:
        return None
    start, end = ctx.response_span.start, ctx.response_span.end
    low = lowered(ctx.response.text, start, end)
    if any(_starts_a_word(low, stem) for stem in asked):
        return None  # the usual case, found without stemming the whole reply
    reply = ctx.response.text[start:end]
    # What the answers talk about, without the review rights and the signature under the
    # letter ("Governance Team", the body's name): a terse "Yes, we do." has no subject words.
    spans = dict.fromkeys((a.span.start, a.span.end) for a in ctx.answers if a.span is not None and a.status in _GIVES)
    said = _subject_stems(" ".join(ctx.response.text[s:e] for s, e in spans) if spans else reply)  # a shared reply once
    if asked.keys() & said.keys():
        return None
    # A terse reply ("1. 42  2. Acme Ltd  3. Weekly") may share no word with the questions and
    # still answer them. One with no figure in it that gives the same words as the answer to
    # several different questions ("1. asdf  2. asdf") is filler: nothing the request asked for.
    if len(said) < 4 and (
        _FIGURE_RE.search(_NUMBERING_RE.sub(" ", reply)) or not said.keys() - _ANSWER_WORDS or not _same_filler(ctx)
    ):
        return None
    first = re.search(r"\S[^\n]*", ctx.response.text[start:end])
    span = Span(start + first.start(), start + first.end()) if first else Span(start, start)
    return Finding(
        SUBJECT_MISMATCH,
        "The reply shares no subject matter with the request (the request asks about "
        + ", ".join(f"'{w}'" for w in list(asked.values())[:5])
        + "; the reply never mentions them): it may be the reply to another request.",
        Evidence.from_span(ctx.response, span),
        severity=Severity.ERROR,
    )


def _subject_mismatch(ctx: ReviewContext) -> Iterator[Finding]:
    doc, text = ctx.response, ctx.response.text
    start, end = ctx.response_span.start, ctx.response_span.end
    unrelated = _shares_no_subject(ctx)
    if unrelated is not None:
        yield unrelated
        return  # the words it uses to describe the request are beside the point
    request_words: set[str] | None = None
    request_stems: set[str] | None = None
    low = lowered(text, start, end)
    spans: list[tuple[int, int]] = []
    i = low.find(_SUBJECT_START)
    while i != -1:  # anchor the regex at each "your": far cheaper than a full regex scan
        m = _SUBJECT_RE.match(text, start + i, end)
        if m is not None:
            spans.append(m.span("x"))
        i = low.find(_SUBJECT_START, i + len(_SUBJECT_START))
    spans.extend(m.span("y") for m in _SUBJECT_LINE.finditer(text, start, end, low))
    for s, e in spans:
        cut = _SUBJECT_END.search(text, s - 1, e)  # s - 1: the clause word may open the group
        if cut is not None:
            e = max(s, cut.start())
        words = [w for w in _WORD_RE.findall(text[s:e].lower()) if w not in _GENERIC and len(w) > 2]
        if not words:
            continue
        if request_words is None:
            request_words = set(_WORD_RE.findall(ctx.request.text[ctx.request_span.start : ctx.request_span.end].lower()))
        # A word the request uses itself shares its stem with it: only the other words are
        # stemmed, and the request's words only when there is one (most replies describe the
        # request in its own words, and stemming every word of a long request was most of
        # this check's cost).
        unknown = [w for w in words if w not in request_words]
        if unknown and request_stems is None:
            request_stems = {_stem(w) for w in request_words - _GENERIC if len(w) > 2}
        missing = [w for w in unknown if request_stems is not None and _stem(w) not in request_stems]
        if len(missing) == len(words) or (len(words) >= 4 and len(missing) >= len(words) - 1):
            yield Finding(
                SUBJECT_MISMATCH,
                "The reply describes the request with words the request never uses ("
                + ", ".join(f"'{w}'" for w in dict.fromkeys(missing))
                + "): it may be wording left over from another reply.",
                Evidence.from_span(doc, Span(s, e)),
            )


# --- TP003 outdated regulator contacts -------------------------------------------------------


_NON_DIGIT_RE = re.compile(r"\D")


def _phone_re(national: str) -> str:
    """A pattern for a UK number written with any spacing, in national or +44 form."""
    body = r"[ \t\-]?".join(national[1:])
    return rf"(?<!\d)(?:0|\+[ \t]?44[ \t]?(?:\(0\)[ \t]?)?)[ \t]?{body}(?!\d)"


_KIND_WORDS = {
    "phone": "telephone number",
    "fax": "fax number",
    "website": "website",
    "email": "e-mail address",
    "name": "address line",
    "address": "address line",
    "postcode": "postcode",
}


def _value_re(kind: str, value: str) -> str:
    """A pattern for one regulator contact value as it may be written in a draft."""
    if kind in ("phone", "fax"):
        return _phone_re(_NON_DIGIT_RE.sub("", value))
    if kind == "website":
        return rf"(?<![\w.@-])(?:https?://)?(?:www\.)?{re.escape(value)}\b"
    if kind == "email":
        return rf"(?<![\w.+-]){re.escape(value)}\b"
    # Names and address lines: any spacing; a trailing "(...)" qualifier is optional.
    core, _, qual = value.partition(" (")
    pat = r"[ \t]+".join(re.escape(w) for w in core.split())
    if qual:
        pat += rf"(?:[ \t]*\({re.escape(qual.rstrip(')'))}\))?"
    return rf"\b{pat}"


@lru_cache(maxsize=1)
def _outdated() -> tuple[tuple[re.Pattern[str], str, Severity | None, str, int], ...]:
    """Compiled patterns for the law table's outdated and legacy regulator contacts.

    Compiled once on first use: the table is data (reviewer/law/regulators.csv), so a newly
    retired number is one CSV row, not a code change.
    """
    rows = law.regulator_contacts()
    current: dict[tuple[str, str], str] = {}
    for r in rows:
        if r.status == "current":
            current.setdefault((r.regulator, r.kind), r.value)
    out: list[tuple[re.Pattern[str], str, Severity | None, str, int]] = []
    for r in rows:
        if r.status == "current":
            continue
        what = f"{'a legacy' if r.status == 'legacy' else 'an out-of-date'} {r.regulator} {_KIND_WORDS.get(r.kind, r.kind)}"
        now = current.get((r.regulator, "phone" if r.kind == "fax" else r.kind))
        if now is not None and r.kind == "fax":
            what += f", no longer in use; give the telephone number {now}"
        elif now is not None and r.kind != "name":
            what += f"; the current one is {now}"
        severity = Severity.INFO if r.status == "legacy" else None
        flags = re.IGNORECASE if r.kind != "phone" else 0
        needle = _NON_DIGIT_RE.sub("", r.value)[1:4] if r.kind in ("phone", "fax") else max(r.value.lower().partition(" (")[0].split(), key=len)
        out.append((re.compile(_value_re(r.kind, r.value), flags), what, severity, needle, len(r.value)))
    return tuple(out)


def _outdated_regulator(ctx: ReviewContext) -> Iterator[Finding]:
    doc, text = ctx.response, ctx.response.text
    start, end = ctx.response_span.start, ctx.response_span.end
    low = lowered(text, start, end)
    present: dict[str, bool] = {}  # several rows share a needle ("162")
    for regex, what, severity, needle, width in _outdated():
        if needle not in present:
            present[needle] = needle in low
        if not present[needle]:
            continue
        seen: set[int] = set()
        i = low.find(needle)
        while i != -1:  # the pattern is tried only in a small window around its needle
            m = regex.search(text, max(start, start + i - 16), min(end, start + i + width + 16))
            i = low.find(needle, i + len(needle))
            if m is None or m.start() in seen:
                continue
            seen.add(m.start())
            s, e = m.span()
            while e > s and text[e - 1] in ".,;:":
                e -= 1
            yield Finding(
                OUTDATED_REGULATOR,
                f"Regulator contact is {what}",
                Evidence.from_span(doc, Span(s, e)),
                severity=severity,
            )


def run(ctx: ReviewContext) -> Iterator[Finding]:
    """Placeholders, subject mismatch and outdated regulator details in the reply part."""
    yield from _placeholders(ctx)
    yield from _subject_mismatch(ctx)
    yield from _outdated_regulator(ctx)

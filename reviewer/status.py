"""Decide what an answer does with a question, from the words of the answer alone.

The vocabulary is fixed (`reviewer.model.Status`). The rules are phrase families that FOI
officers actually use, checked in an order that reflects how letters are written: a refusal
ground (cost, vexatious, NCND) decides the matter wherever it appears; otherwise the first
"not held", "withheld" or "published elsewhere" statement wins over later ones, and provided
content alongside a negative statement makes the answer partial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.model import Citation, Status
from reviewer.textutil import Gated, Scan

_NA_RE = re.compile(
    r"^\W*(n\s*/\s*a|not applicable|not relevant|does not apply|na|not appropriate)\b[\W]*$"
    r"|^\W*(this|the) question (is|does) not (applicable|apply)\b"
    r"|^\W*(n\s*/\s*a|not applicable)\b[ \t]*[-\u2013:.(,]"
    r"|^\W*(this|that|it|the question|this question)\s+(is|does)\s+not\s+(applicable|apply|relevant)\b",
    re.I,
)
# Short answers that say nobody knows: nothing is held that would answer the question.
_UNKNOWN_RE = re.compile(r"^\W*(unknown|not known|don'?t know|do not know|no data|no information|none held)\W*$", re.I)
_NCND_RE = re.compile(r"\bneither confirm(s|ed)? n?or deny\b|\bncnd\b|\bcannot confirm or deny\b", re.I)
_COST_RE = re.compile(
    r"\b(exceed(s|ed)?|above|over|more than|in excess of|beyond)\b[^.]{0,40}\b(appropriate|cost|costs|fees?)\s*(limit|ceiling)"
    r"|\bappropriate (cost )?limit\b"
    r"|\b(more than|over|exceed\w*|in excess of)\s+(18|24)\s+hours\b"
    r"|\b(18|24) hours\b[^.]{0,60}\b(exceed|limit)"
    r"|\b(cost|time) (limit|threshold)\b[^.]{0,40}\b(exceed|breach)",
    re.I,
)
_VEXATIOUS_RE = re.compile(
    r"\bvexatious\b|\brepeated request\b|\bmanifestly unreasonable\b|\bsubstantially similar\b[^.]{0,40}\brequest",
    re.I,
)
_NOT_HELD_RE = re.compile(
    r"""\b(
        (do|does|did)\s*n[o']?t\s+(currently\s+|centrally\s+|routinely\s+)?(hold|have|collect|record|keep|retain|maintain|capture|store)\b
      | (is|are|was|were)\s+not\s+(held|recorded|collected|captured|kept|retained|known)\b
      | (is|are)\s+not\s+available\b
      | (not|nothing)\s+(been\s+)?(held|recorded)\b
      | no\s+(information|data|records?|recorded\s+information|such\s+(information|records?|data|documents?))\s+(is|are|was|were|has\s+been|have\s+been|held|exists?|could\s+be\s+found)
      | (we|it|the\s+\w+(\s+\w+)?)\s+(has|have)\s+(no|not\s+received\s+any)\s+(records?|information|data|correspondence|record)\b
      | (have|has)\s+not\s+(received|been\s+able\s+to\s+(locate|find|identify))\b
      | no\s+record(s)?\s+of\b | we\s+hold\s+no\b | holds?\s+no\s+(information|records?|data)\b
      | unable\s+to\s+(locate|find|identify)\b | information\s+(is\s+)?not\s+held\b | not\s+held\b
      | (does|do)\s+not\s+exist\b
      | (there\s+(is|are)|we\s+have|we\s+hold)\s+no\s+(recorded\s+|relevant\s+|such\s+)?(records?|information|data|documents?|documentation)\b
      | (have|has)\s+not\s+(identified|found|located)\s+any\b | no\s+(information|records?|data)\s+(falling\s+)?within\s+(the\s+)?scope
      | (is|are)\s+held\s+by\s+(another|a\s+different|other)\b
      | (is|are)\s+held\s+by\s+(\w+\s+){0,4}(county|city|borough|district|council|trust|police|authority|department|agency|service)\b
      | (cannot|can\s*not|can't|are\s+unable\s+to|is\s+unable\s+to)\s+answer\s+because\s+we\s+do\s+not\s+hold
    )""",
    re.I | re.X,
)
_WITHHELD_RE = re.compile(
    r"""\b(
        withh[eo]ld(ing)?\b | (is|are|being|been)\s+exempt\b | exempt\s+from\s+disclosure | exemption\s+(applies|has\s+been\s+applied|is\s+engaged)
      | (unable|not\s+able|cannot|can\s*not|can't|will\s+not|won't|do\s+not|does\s+not|decline)\s+(to\s+)?(release|disclose|provide|share|supply|publish)\b
      | not\s+(be\s+)?(released|disclosed)\b | (has|have)\s+been\s+redacted | is\s+being\s+refused | refus(e|ed|ing)\s+(this|the|your)\s+(request|information)
      | (is|are)\s+engaged\b
    )""",
    re.I | re.X,
)
_REDIRECT_RE = re.compile(
    r"""\b(
        reasonably\s+accessible | already\s+(publicly\s+)?(available|published|accessible)
      | (is|are)\s+(publicly\s+)?(available|published|accessible)\s+(on|at|via|from|in|through)\b
      | (can|may)\s+be\s+(found|accessed|viewed|obtained|downloaded|located)\s+(on|at|via|from|in|here|through|by)\b
      | please\s+(see|visit|refer\s+to|follow|use)\s+(the\s+following\s+)?(our|the|this)?\s*(website|web\s*site|link|page|url|transparency|publication)
      | (follow|see)\s+the\s+link | available\s+online | publication\s+scheme | disclosure\s+log
      | (published|available)\s+on\s+(our|the)\s+(website|web\s*site|intranet|transparency)
    )""",
    re.I | re.X,
)
_PROVIDED_RE = re.compile(
    r"""(\d) | £ | \b(yes|no|none|nil|zero)\b
      | \b(attached|enclosed|please\s+find|see\s+(the\s+)?(attached|below|table|annex|appendix|spreadsheet))\b
      | \b(we\s+(can\s+)?confirm\s+that|is\s+provided|are\s+provided|as\s+follows)\b""",
    re.I | re.X,
)
_PARTIAL_HINT_RE = re.compile(
    r"\b(only\s+(able|hold|held|have|record|keep|retain|provide)|some\s+of\s+the\s+information|part\s+of\s+(the|your)\s+request|"
    r"not\s+(all|every)|partially|in\s+part|cannot\s+provide\s+(the|a)\s+breakdown|(is|are)\s+not\s+broken\s+down)\b",
    re.I,
)
_NIL_RE = re.compile(
    r"^\W*(none|nil|zero|no|0|not\s+any|there\s+(have|has)\s+been\s+no(ne)?|there\s+(were|was|are|is)\s+no(ne)?|no\s+\w+(\s+\w+)?\s+(have|has|were|was)\s+been)\b",
    re.I,
)
_EMPTY_RE = re.compile(r"^[\W_]*$")

# Trigger words present in every match of each pattern (see textutil.Gated).
NOT_HELD = Gated(
    _NOT_HELD_RE,
    ("hold", "have", "collect", "record", "keep", "kept", "retain", "maintain", "captur", "store", "held",
     "known", "availab", "no information", "no data", "no such", "no recorded", "received", "not been able",
     "unable to", "exist", "there is no", "there are no", "identified", "found", "located", "scope"),
)
WITHHELD = Gated(
    _WITHHELD_RE,
    ("withh", "exempt", "release", "disclos", "provide", "share", "supply", "publish", "redacted", "refus", "engaged"),
)
REDIRECT = Gated(
    _REDIRECT_RE,
    ("accessible", "available", "published", "found", "accessed", "viewed", "obtained", "downloaded", "located",
     "please", "link", "online", "publication", "disclosure log"),
)
NCND = Gated(_NCND_RE, ("confirm", "ncnd"))
COST = Gated(_COST_RE, ("limit", "hours", "ceiling", "threshold"))
VEXATIOUS = Gated(_VEXATIOUS_RE, ("vexatious", "repeated", "manifestly", "similar"))
PARTIAL_HINT = Gated(
    _PARTIAL_HINT_RE,
    ("only", "some of", "part of", "not all", "not every", "partial", "in part", "breakdown", "broken down"),
)


@dataclass(frozen=True)
class Classified:
    status: Status
    note: str
    nil: bool = False  # "none", "no incidents": makes follow-up questions moot


class Phrases:
    """One answer's text, lower-cased once, with the phrase patterns' matches in it: each
    pattern scans the answer at most once however often it is asked (a prose reply is
    classified twice, with and without its citations; drafts repeat "Not held." verbatim)."""

    __slots__ = ("body", "low", "_scans", "_first", "_substantive", "_remainder")

    def __init__(self, body: str) -> None:
        self.body = body
        self.low = body.lower()
        self._scans: dict[Gated, Scan] = {}
        self._first: dict[Gated, re.Match[str] | None] = {}
        self._substantive: dict[str, bool] = {}
        self._remainder: str | None = None

    def scan(self, gated: Gated) -> Scan:
        found = self._scans.get(gated)
        if found is None:
            found = self._scans[gated] = gated.scan(self.body, low=self.low)
        return found

    def first(self, gated: Gated) -> re.Match[str] | None:
        """The first match of a pattern whose other matches are never asked for (a plain
        search costs less than a `Scan`)."""
        if gated in self._first:
            return self._first[gated]
        found = self._first[gated] = gated.search(self.body, low=self.low)
        return found

    def substantive(self, part: str) -> bool:
        """`_substantive` of a part of the answer, remembered with the answer."""
        known = self._substantive.get(part)
        if known is None:
            known = self._substantive[part] = _substantive(part)
        return known

    def remainder(self) -> str:
        if self._remainder is None:
            self._remainder = _remainder_without_negatives(self)
        return self._remainder


def classify(text: str, citations: tuple[Citation, ...] = (), memo: dict[str, Phrases] | None = None) -> Classified:
    """Status of one answer given its text and the citations inside it. `memo` keeps each
    answer text's phrase matches for the next call with the same text (one draft's answers)."""
    body = text.strip()
    phrases = memo.get(body) if memo is not None else None
    if phrases is None:
        phrases = Phrases(body)
        if memo is not None:
            memo[body] = phrases
    if _EMPTY_RE.match(body):
        return Classified(Status.UNANSWERED, "no answer text")
    if _NA_RE.match(body):
        return Classified(Status.NOT_APPLICABLE, "answered 'not applicable'")
    if _UNKNOWN_RE.match(body):
        return Classified(Status.NOT_HELD, "answered 'not known'", nil=True)
    if phrases.first(NCND):
        return Classified(Status.NCND, "neither confirms nor denies")
    sections = {c.section for c in citations}
    regimes_cost = any(c.section == "12" and not c.regime.regulations for c in citations)
    if regimes_cost or phrases.first(COST):
        return Classified(Status.REFUSED, "refused on cost (s.12)")
    if "14" in {c.section for c in citations if not c.regime.regulations} or phrases.first(VEXATIOUS) or any(
        c.regime.regulations and c.citation.startswith(("12(4)(b)", "10(4)(b)")) for c in citations
    ):
        return Classified(Status.REFUSED, "refused as vexatious, repeated or manifestly unreasonable")

    hits: list[tuple[int, Status, str]] = []
    for gated, status, note in (
        (NOT_HELD, Status.NOT_HELD, "information not held"),
        (WITHHELD, Status.WITHHELD, "information withheld"),
        (REDIRECT, Status.REDIRECTED, "pointed to published information"),
    ):
        m = phrases.scan(gated).first()  # all its matches may be wanted below
        if m:
            hits.append((m.start(), status, note))
    exempt = [c for c in citations if c.section not in ("12", "14")]
    if exempt:
        # A cited exemption confirms what the words said; on its own it decides the status.
        accessible = all(c.section in ("21", "25") for c in exempt)
        hits.append((10**9 if hits else 0, Status.REDIRECTED if accessible else Status.WITHHELD, "exemption cited"))
    nil = bool(_NIL_RE.match(body))
    if not hits:
        if phrases.first(PARTIAL_HINT):
            return Classified(Status.PARTIAL, "answer given for part of what was asked")
        return Classified(Status.ANSWERED, "answer given", nil=nil)
    hits.sort(key=lambda h: h[0])
    if hits[0][1] == Status.WITHHELD and any(h[1] == Status.NOT_HELD for h in hits) and not exempt:
        # "We are unable to provide this as it is not held": inability, not withholding.
        if not _EXEMPT_WORDS_RE.search(body):
            hits = [h for h in hits if h[1] != Status.WITHHELD]
    first_pos, status, note = hits[0]
    before = body[:first_pos]
    if status in (Status.NOT_HELD, Status.WITHHELD) and len(body) > 40:
        if (
            phrases.substantive(before)
            or phrases.first(PARTIAL_HINT)
            or phrases.substantive(phrases.remainder())
        ):
            return Classified(Status.PARTIAL, note + " for part; the rest is given")
    if status == Status.REDIRECTED and phrases.substantive(before) and not sections & {"21", "25"}:
        return Classified(Status.ANSWERED, "answer given, with a pointer to published information")
    if status == Status.NOT_HELD and nil:
        return Classified(Status.NOT_HELD, note, nil=True)
    return Classified(status, note, nil=status == Status.NOT_HELD)


def _remainder_without_negatives(phrases: Phrases) -> str:
    """Sentences of the answer that carry no not-held/withheld/redirect statement.

    The three patterns run once over the whole answer, carrying on from the first match
    `classify` already found; sentences containing a match are dropped (running them per
    sentence cost more than the rest of a review put together)."""
    body = phrases.body
    marks = sorted(m.start() for g in (NOT_HELD, WITHHELD, REDIRECT) for m in phrases.scan(g).every())
    if not marks:
        return body
    keep = []
    pos = 0
    k = 0
    for m in _SENTENCE_BREAK_RE.finditer(body + "\n"):
        end = m.start() + (m.group()[0] in ".!?;")  # the stop belongs to the sentence
        while k < len(marks) and marks[k] < pos:
            k += 1
        if not (k < len(marks) and marks[k] < end):
            keep.append(body[pos:end])
        pos = m.end()
    return " ".join(keep)


# A break is the space after a stop, or a run of newlines. The pattern takes the stop itself
# rather than look behind for it: starting with a character class, it is scanned for at C speed
# instead of tried at every position.
_SENTENCE_BREAK_RE = re.compile(r"[.!?;]\s+|\n+")
_EXEMPT_WORDS_RE = re.compile(r"\bexempt|\bexemption|\bwithh[eo]ld|\bredact|\bsensitive|\bprejudice|\bconfidential", re.I)


_BOILER_CONTENT_RE = re.compile(
    r"\b(thank you|we can confirm that|i can confirm that|does hold|do hold|holds? (this|the|some)|please see below|"
    r"below|your request|freedom of information|the act)\b",
    re.I,
)


_CITATION_TEXT_RE = re.compile(
    r"\b(?:FOI|FOIA|EIR|ref(?:erence)?|request)\s*(?:no\.?|number)?\s*[:#]?\s*[A-Z]{0,4}[\s/-]*\d[\d/\-]*\b|"
    r"\b(?:s|ss|sec|section|sections|reg|regs|regulation|regulations|r)\.?\s*\d+[A-Z]?(?:\s*\(\s*\w{1,4}\s*\))*"
    r"|\b\d+[A-Z]?(?:\s*\(\s*\w{1,4}\s*\))+|\b(?:act|regulations)\s+(?:19|20)\d\d\b|\b\d+\s+working\s+days\b",
    re.I,
)


def _substantive(text: str) -> bool:
    """Does this stretch give information, beyond courtesy and 'we hold it' boilerplate?"""
    t = _BOILER_CONTENT_RE.sub(" ", _CITATION_TEXT_RE.sub(" ", text))
    return bool(_PROVIDED_RE.search(t)) and len(t.split()) >= 2


_XREF_RE = re.compile(
    r"^\W*(?:please\s+)?(?:see|refer\s+to|as\s+per|as\s+in|as\s+for|same\s+as)\s+(?:(?:our|the|my)\s+)?"
    r"(?:answer|response|reply)?\s*(?:to|for|at|given\s+(?:to|for|at))?\s*(?:question|q|part|point|item)\.?\s*"
    r"(?P<ref>\d{1,3}[a-z]?)\b[\W]*(?:above|below)?[\W]*$"
    r"|^\W*(?P<above>as\s+above|see\s+above|please\s+see\s+above|as\s+previously\s+stated|ditto)\W*$",
    re.I,
)


def cross_reference(text: str) -> str | None:
    """"See answer to question 2" -> "2"; "As above" -> "" (the question before); else None."""
    m = _XREF_RE.match(text.strip())
    if not m:
        return None
    return m.group("ref").lower() if m.group("ref") else ""

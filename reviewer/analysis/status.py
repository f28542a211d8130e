"""Decide what an answer does with a question, from what its sentences do.

This module is the status guide (`docs/statuses.md`, after the project's status guide) as a
procedure an engineer can check line by line:

1. Split the answer into sentences and give each one role (`Role`): refusal-notice
   boilerplate, a decision (neither confirm nor deny; a cost or vexatious refusal; "will be
   published", i.e. s.22 future publication; a pointer to published information; "not held";
   an exemption applied), courtesy (greetings, thanks, acknowledgements, holding lines,
   sign-offs, letter headers), "there were none", information, or explanation. Which words
   count as which decision is in the phrase families below; which *provisions* do what
   (s.12/s.14 refuse, s.21/FOISA s.25/EIR 6(1)(b) point elsewhere, s.23(5)/24(2)/31(3)/40(5)
   neither confirm nor deny, s.22/FOISA s.27/EIR 12(4)(d) withhold until publication) is read
   from the law tables (`reviewer.law.status_role`), not written here.
2. `decide` turns the roles into one status, in the guide's order, and records in the note
   the reason in the guide's terms with the sentence it rests on.

The guide's boundaries, and where each is kept:
- "Explanation is not information": only an INFORMATION sentence that is not explaining the
  refusal makes an answer `partial` (`decide`, `_EXPLAINS_RE`).
- "None as an answer": a NIL sentence answers a how-many question, but beside "not held" the
  status is `not_held` (`decide`).
- "s.21 and links": a pointer is `redirected` whether or not s.21 is cited, and beats
  "exempt" in the same sentence (`read_sentences`).
- "Future publication is an exemption": `Role.FUTURE` -> `withheld`.
- "Cost refusals cover what they say" / "a word is not a decision": a refusal is a sentence
  that refuses; a sentence that reports figures about refusals is information
  (`read_sentences`); whole-request refusals are spread in `reviewer.analysis.alignment`.
- "Statuses read the answer, not the template": review rights and courtesy never decide.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from reviewer.core.model import Citation, Status
from reviewer.law import status_role
from reviewer.text.textutil import (
    Gated,
    Phrase,
    case_trapped,
    required_words,
)

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
# A decision that the request is vexatious, not a mention of vexatious requests (a question
# about them, or figures of how many were refused): "this request ... vexatious", "s.14".
_VEXATIOUS_RE = re.compile(
    r"\b(this|your|the)\s+(request|requests|correspondence)\b[^.]{0,60}\bvexatious\b"
    r"|\bvexatious\b[^.]{0,40}\b(section|s\.?)\s*14\b|\b(section|s\.?)\s*14\b[^.]{0,60}\bvexatious\b"
    r"|\brepeated request\b|\bmanifestly unreasonable\b|\bsubstantially similar\b[^.]{0,40}\brequest",
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
        withh[eo]ld(ing)?\b | (is|are|being|been)\s+exempt\b(?!\s+from\s+(?!disclosure|release|publication)) | exempt\s+from\s+disclosure | exemption\s+(applies|has\s+been\s+applied|is\s+engaged)
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
      | (follow|see)\s+the\s+link | available\s+online | (in|on|via|through|under|see)\s+(our|the|its)\s+publication\s+scheme | disclosure\s+log
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

# Each family runs only near the words every match of it holds, read off the pattern
# (see textutil.Gated).
NOT_HELD, WITHHELD, REDIRECT = Gated(_NOT_HELD_RE), Gated(_WITHHELD_RE), Gated(_REDIRECT_RE)
NCND, COST, VEXATIOUS, PARTIAL_HINT = Gated(_NCND_RE), Gated(_COST_RE), Gated(_VEXATIOUS_RE), Gated(_PARTIAL_HINT_RE)


# ---------------------------------------------------------------------------------------------
# What a sentence does (status guide, "The boundaries that matter")

# Refusal-notice boilerplate: what the requester can do about the decision is not the
# decision ("Statuses read the answer, not the template").
_NOTICE_RE = re.compile(
    r"\b(internal\s+review|information\s+commissioner|ico\b|if\s+you\s+are\s+(not\s+|dis)?(satisfied|unhappy|happy)"
    r"|right\s+to\s+(complain|appeal|request\s+an?\s+(internal\s+)?review)|re-use|copyright|open\s+government\s+licen[cs]e)",
    re.I,
)
# Courtesy, acknowledgement, holding lines, sign-offs and letter headers (issue 13: they can
# never be the answer to a question).
_COURTESY_RE = re.compile(
    r"""^\W*(
        dear\b | (many\s+)?thanks?\b | thank\s+you\b | (with\s+)?(kind|best|warm)\s+regards\b | regards\b
      | yours\s+(sincerely|faithfully|truly)\b | sincerely\b
      | (we|i)\s+(acknowledge|write|am\s+writing|are\s+writing)\b
      | (we|i)\s+(have\s+)?received\s+(your|the|this|a)\s+(\w+\s+)?(request|e-?mail|letter|enquiry|correspondence|application)\b
      | (your|this)\s+(request|enquiry|e-?mail|letter)\s+(was|has\s+been|is\s+being|is)\s+(received|logged|considered|processed|dealt|handled)\b
      | ((we|i)\s+have|(it|this)\s+(has\s+been|was))\s+(now\s+)?(dealt\s+with|handled|processed|considered)\s+(it\s+|this\s+|your\s+request\s+)?under\b
      | we\s+(will|shall|aim\s+to|expect\s+to|hope\s+to)\s+(reply|respond|provide\s+(a|our)\s+(response|reply)|be\s+in\s+touch|write)\b
      | (we|i)\s+(am|are)\s+(currently\s+)?(dealing|processing|considering|working\s+on)\b
      | (we|i)\s+hope\s+(this|that|the)\b | please\s+(do\s+not|don'?t)\s+hesitate\b
      | if\s+you\s+(have|need|require)\s+(any\s+)?(further|more|other)\b
      | for\s+(any\s+)?(further|more|other)\s+(questions|queries|enquiries|information|help)\b
      | please\s+find\s+(below|set\s+out\s+below|enclosed\s+our|attached\s+our)\s+(our\s+|the\s+|my\s+)?(response|reply|answer)
      | (please\s+(find|see)|see|here\s+is|set\s+out\s+below\s+is)\s+(our|the|my)\s+(full\s+)?(response|reply|answers?)\s*(to\s+your\s+(request|questions?)\s*)?(below|set\s+out\s+below|as\s+follows)?\W*$
      | (please\s+see\s+below|see\s+below|as\s+follows)\W*$
      | (the\s+)?(information|details|figures|data|answers?)\s+(you\s+(have\s+)?(requested|asked\s+for)\s+)?(is|are)\s+(set\s+out\s+)?(as\s+follows|below)\W*$
      | (our|my|the\s+council'?s?|the\s+trust'?s?)\s+(response|reply)\s+(is|follows|to\s+your\s+request\s+is)\s*(as\s+follows|below)?\W*$
      | (response|reply|answer|our\s+ref(erence)?|your\s+ref(erence)?|ref(erence)?|date|subject|re|from|to|sent)\s*[:.\-]
      | (freedom\s+of\s+information|information\s+(governance|rights|access)|foi|data\s+protection)\s+(team|officer|unit|department|office|manager|lead)\W*$
      | (question|questions|q|part|answer|response|reply|request)\s*\d{1,3}[a-z]?(\s*(and|&|,|-)\s*\d{1,3}[a-z]?)*\W*$
      | (request\s+)?ref(erence)?(\s+(no|number))?\s*[:.]
      | (alternatively\s+)?(you|they|we|i)\s+(can|may)\s+(also\s+)?(be\s+)?(contact(ed)?|reach(ed)?|write|call|telephone|e-?mail)\b
      | (please\s+accept\s+)?(my|our)\s+(sincere\s+)?apolog | (we|i)\s+(apologi[sz]e|am\s+sorry|are\s+sorry)\b
      | (the|their|its|our)\s+(dedicated\s+)?(e-?mail\s+address|contact\s+details?|postal\s+address|address|telephone\s+number)\s+for\s+(any\s+)?(such\s+)?(enquiries|requests|queries)\b
      | (.{0,80}\s)?(any\s+)?(such\s+)?(freedom\s+of\s+information\s+|foi\s+)?(requests|enquiries|queries)\b.{0,80}?\bshould\s+(be\s+)?(directed|sent|addressed|submitted|made)\s+to\b
    )""",
    re.I | re.X,
)
# Its `Phrase` twin (for lower-cased text, without IGNORECASE and captures: the captures alone
# made the courtesy test cost three times as much).
COURTESY = Phrase(_COURTESY_RE)


def _is_courtesy(part: str, low: str) -> bool:
    """`_COURTESY_RE.match(part)`, read on the lower case where that gives the same answer."""
    rx, hay = COURTESY.on(part, low)
    return rx.match(hay) is not None


# A line that is only an e-mail address (or a redacted one, with a mail archive's "[1]" link
# number): where to write, not an answer.
_CONTACT_ONLY_RE = re.compile(
    r"\W*(\[\d{1,2}\]\s*)?(mailto:\s*)?(\[(e-?mail\s+address|e-?mail|email\s+removed)\]|[\w.+'-]+@[\w-]+(\.[\w-]+)+)\W*", re.I
)
# A sign-off: what follows it is the signature block (a name, a job title, the team).
SIGN_OFF_RE = re.compile(
    r"^[ \t]*(yours\s+(sincerely|faithfully|truly)|(with\s+)?(kind|best|warm|many)\s+(regards|thanks)|regards|sincerely)[ \t,.!]*$",
    re.I | re.M,
)
# A holding line anywhere in a sentence: the reply is still to come.
_HOLDING_RE = re.compile(r"\bwithin\s+(20|twenty|40|forty)\s+working\s+days\b|\bas\s+soon\s+as\s+(possible|we\s+can)\b", re.I)
# "We will publish this in June": future publication is an exemption (s.22 / FOISA s.27 /
# EIR 12(4)(d)), `withheld`, not a pointer to published information.
_FUTURE_RE = re.compile(
    r"\b(will|shall|intends?\s+to|plans?\s+to|intend\s+to|due\s+to)\s+(be\s+)?(publish(ed)?|made\s+available|available\s+shortly|included\s+in\s+our\s+publication)"
    r"|\bfuture\s+publication\b|\bnot\s+yet\s+(been\s+)?(published|finalised|complete)|\bin\s+the\s+course\s+of\s+completion\b"
    r"|\bunfinished\s+documents?\b|\bonce\s+(it|this|the\s+\w+|they)\s+(is|are|has|have)\s+(been\s+)?(finalised|published|completed|collated)",
    re.I,
)
# A refusal notice sent with the draft stands for the refusal itself.
_NOTICE_ATTACHED_RE = re.compile(r"\b(attached|enclosed|see\s+(the\s+)?(attached|enclosed))\s+(a\s+)?refusal\s+notice\b", re.I)
# Why nothing is given: with a negative decision, a figure in such a sentence (a retention
# period, the cost limit, a date) explains; it is not the requested information.
_EXPLAINS_RE = re.compile(
    r"\b(because|due\s+to|owing\s+to|since|would|could|might|likely|retention|retain\w*|destroy\w*|dispos\w*|deleted|kept\s+for"
    r"|limit|hours|prejudice|harm|risk|responsib\w*|remit|policy|schedule|in\s+a\s+(way|format)|system|searches|searched"
    r"|reasons?|explain\w*|therefore|applied|appl(y|ies)|exempt\w*|exception|section|regulation|act\s+(19|20)\d\d)\b",
    re.I,
)
# "None", "there have been no incidents", "the service has no process for this": the answer
# is that there were none (a hard figure in the same sentence makes it information).
_NIL_ANY_RE = re.compile(
    r"\b(has|have|had)\s+(no|not\s+(had|received|made|paid|issued)\s+any)\b|\bthere\s+(is|are|was|were|have\s+been|has\s+been)\s+no\b"
    r"|\bno\s+\w+(\s+\w+)?\s+(were|was|have|has)\s+(been\s+)?(recorded|reported|made|received|paid|issued|found|identified)\b"
    r"|\b(none|nil|zero)\b",
    re.I,
)
# The requested information itself: a figure, money, a document supplied, a list or table.
_HARD_DATUM_RE = re.compile(
    r"\d|£|\b(attached|enclosed|please\s+find|see\s+(the\s+)?(attached|below|table|annex|appendix|spreadsheet)|as\s+follows)\b", re.I
)
_LEADING_LABEL_RE = re.compile(r"^\s*\(?(?:q\.?\s*)?\d{1,3}[a-z]?[.):]?\s+", re.I)


class Role(str, Enum):
    """What one sentence of an answer does. The order is the order of precedence within a
    sentence: a review-rights line is boilerplate whatever else it says; a decision outranks
    courtesy; information outranks explanation."""

    NOTICE = "refusal-notice boilerplate"
    NCND = "neither confirms nor denies"
    REFUSED = "refuses"
    FUTURE = "withholds until publication"
    REDIRECT = "points to published information"
    NOT_HELD = "says it is not held"
    WITHHELD = "withholds"
    COURTESY = "courtesy"
    NIL = "says there were none"
    INFORMATION = "gives information"
    EXPLANATION = "explains"


_DECISIONS = (Role.NCND, Role.REFUSED, Role.FUTURE, Role.REDIRECT, Role.NOT_HELD, Role.WITHHELD)
_BOILERPLATE = (Role.NOTICE, Role.COURTESY)
_CITATION_ROLES = {
    "ncnd": Role.NCND,
    "refused_cost": Role.REFUSED,
    "refused_vexatious": Role.REFUSED,
    "redirected": Role.REDIRECT,
    "not_held": Role.NOT_HELD,
    "withheld_future": Role.FUTURE,
}


class Sentence(NamedTuple):  # a tuple: one is made for every sentence read
    start: int  # in the answer text
    end: int
    role: Role
    also: frozenset[Role] = frozenset()  # other decisions the sentence makes
    cited: bool = False  # the decision rests on a citation alone, not on words
    cites: frozenset[Role] = frozenset()  # what the provisions cited in it do (law tables)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True)
class Classified:
    status: Status
    note: str
    nil: bool = False  # "none", "no incidents": makes follow-up questions moot


class Phrases:
    """One answer's text, lower-cased once, with what the reading needs of the text alone: the
    phrase patterns' matches (each pattern scans the answer at most once however often it is
    asked), where the letter's closing and its signature start, and the decisions made. A prose
    reply is classified twice, with and without its citations; drafts repeat "Not held."
    verbatim."""

    __slots__ = ("body", "low", "decided", "streams", "notice_at", "holding", "_signed_at", "_sign_from")

    def __init__(self, body: str) -> None:
        self.body = body
        self.low = low = body.lower()
        self.decided: dict[tuple[int | None, tuple[Citation, ...]], Classified] = {}  # by (offset, citations)
        # The decision patterns that can match here (most short answers hold no trigger of most).
        self.streams = [_Stream(g, body, low, role) for g, role in _PATTERNS if _may_match(g, body, low)]
        first = NOTICE.search(body, low=low) if _may_match(NOTICE, body, low) else None  # the letter's closing starts here
        self.notice_at = first.start() if first is not None else len(body)
        self.holding = any(t in low for t in HOLDING.triggers)
        self._signed_at: int | None = None  # the first sign-off, once found (`signed_before`)
        self._sign_from = 0 if _may_sign_off(low) else len(body) + 1  # the next line to try

    def signed_before(self, pos: int) -> bool:
        """Whether a sign-off ("Yours sincerely") starts before `pos`: what follows it is the
        signature block. A sign-off starts a line, so the lines are tried one by one and only
        as far as asked: a reading of a long reply stops within its first sentences, and a
        search to its closing cost 50 us."""
        while self._signed_at is None and self._sign_from < pos:
            at = self._sign_from
            if SIGN_OFF_RE.match(self.body, at):
                self._signed_at = at
            else:
                nl = self.body.find("\n", at)
                self._sign_from = len(self.body) + 1 if nl == -1 else nl + 1
        return self._signed_at is not None and self._signed_at < pos


def classify(
    text: str, citations: tuple[Citation, ...] = (), memo: dict[str, Phrases] | None = None, offset: int | None = None
) -> Classified:
    """Status of one answer given its text and the citations inside it (`offset`: where the
    text starts in the document the citations' spans index; None places each citation by
    its written text). `memo` keeps each answer text's phrase matches for the next call with
    the same text (one draft's answers)."""
    body = text.strip()
    if _EMPTY_RE.match(body):
        return Classified(Status.UNANSWERED, "no answer text")
    bare = _LEADING_LABEL_RE.sub("", body, count=1) if body[:1].isdigit() or body[:1] in "(qQ" else body
    if _NA_RE.match(body) or (bare is not body and _NA_RE.match(bare)):
        return Classified(Status.NOT_APPLICABLE, "not applicable: the draft says so")
    if _UNKNOWN_RE.match(body):
        return Classified(Status.NOT_HELD, "not held: answered 'not known'", nil=True)
    phrases = memo.get(body) if memo is not None else None
    if phrases is None:
        phrases = Phrases(body)
        if memo is not None:
            memo[body] = phrases
    lead = (len(text) - len(text.lstrip())) + offset if offset is not None else None
    key = (lead if citations else None, citations)
    done = phrases.decided.get(key)
    if done is None:
        done = phrases.decided[key] = decide(Reading(phrases, citations, lead), phrases)
    return done


def read_sentences(phrases: Phrases, citations: tuple[Citation, ...] = (), lead: int | None = None) -> list[Sentence]:
    """Every sentence of the answer with its role (see `Reading`)."""
    return Reading(phrases, citations, lead).all()


class _Stream:
    """One phrase pattern's matches in an answer, found only as far as the reader has got: a
    question about one sentence scans to that sentence's end, not on to the next match. A
    sentence far beyond the scan is searched on its own (`roles`)."""

    __slots__ = ("_gated", "_body", "_low", "_steps", "role", "found", "starts", "_reached")

    def __init__(self, gated: Gated, body: str, low: str, role: Role) -> None:
        self._gated, self._body, self._low = gated, body, low
        self._steps = gated.steps(body, low=low)  # matches, and where the scan has got to
        self.role = role
        self.found: list[re.Match[str]] = []
        self.starts: list[int] = []
        self._reached = -1  # every match starting before this is in `found`

    def _scan(self, pos: int, beyond: bool) -> None:
        """Scan until every match starting before `pos` is found; with `beyond`, also the first
        one at or after it."""
        while self._reached < pos or (beyond and (not self.starts or self.starts[-1] < pos)):
            step = next(self._steps, None)
            if step is None:
                self._reached, beyond = sys.maxsize, False
            elif isinstance(step, int):
                self._reached = step
            else:
                self.found.append(step)
                self._reached = step.start()
                self.starts.append(self._reached)

    def next_from(self, pos: int, limit: int | None = None) -> int | None:
        """Start of the first match at or after `pos`, or None; with `limit`, only one that
        starts before it (and the scan stops there)."""
        self._scan(pos if limit is None else limit, limit is None)
        i = bisect.bisect_left(self.starts, pos)
        at = self.starts[i] if i < len(self.starts) else None
        return None if at is None or (limit is not None and at >= limit) else at

    def roles(self, start: int, end: int) -> set[Role]:
        """The roles of its matches that start in [start, end): one role, or each refusal told
        apart. A sentence more than a stretch past the scan is searched from its own start
        (as far as a match can reach beyond it) rather than scanning everything before it:
        the reader looking for the first sentence that gives information jumps ahead."""
        if self._reached < start - _AHEAD:
            reach = 2 * self._gated.radius
            found = [m for m in self._gated.finditer(self._body, start, min(len(self._body), end + reach), self._low) if m.start() < end]
        else:
            if self.next_from(start, end) is None:
                return set()
            found = self.found[bisect.bisect_left(self.starts, start) :]
        if not found or found[0].start() >= end:
            return set()
        if self.role is not Role.REFUSED:
            return {self.role}
        return {_refusal_role(m) for m in found if m.start() < end}


_AHEAD = 1024  # characters past a stream's scan from which a sentence is searched on its own


_NONSPACE = re.compile(r"\S")


class Reading:
    """The sentences of one answer and what each does, read as far as `decide` needs.

    Each phrase pattern scans the answer once, in order, and only as far as the sentence being
    read (running the patterns sentence by sentence cost more than the rest of a review put
    together, and reading a long letter to its end to find that its first paragraph already
    gives figures is wasted): a matched phrase belongs to the sentence it starts in. The
    answer is split into sentences as far as it is read, too.
    """

    __slots__ = (
        "body", "low", "_spans", "_starts", "_breaks", "_next_start", "_sents", "_notice_at", "_signed_before", "_streams", "_cited",
        "_holding",
    )

    def __init__(self, phrases: Phrases, citations: tuple[Citation, ...] = (), lead: int | None = None) -> None:
        self.body = phrases.body
        self.low = phrases.low
        self._spans: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._breaks: Iterator[re.Match[str]] | None = _SENTENCE_BREAK_RE.finditer(self.body)
        self._next_start = 0
        self._sents: list[Sentence | None] = []
        self._streams = phrases.streams
        self._cited: list[tuple[int, Role]] = []  # (position in the answer, what the provision does)
        for c in citations:
            pos = c.span.start - lead if lead is not None else self.body.find(c.text)
            if 0 <= pos < len(self.body):
                self._cited.append((pos, _CITATION_ROLES.get(_citation_role(c) or "", Role.WITHHELD)))
        self._cited.sort(key=lambda pr: pr[0])
        self._notice_at = phrases.notice_at
        self._signed_before = phrases.signed_before
        self._holding = phrases.holding

    # -- sentence splitting, as far as asked ------------------------------------------------

    def _split_one(self) -> bool:
        """Split off the next sentence; False when there are no more. A break is the space
        after a stop, or a run of newlines; a stretch of blanks between two is no sentence."""
        if self._breaks is None:
            return False
        body = self.body
        for m in self._breaks:
            a, b = m.span()
            end = a + 1 if body[a] in ".!?;" else a  # the stop belongs to the sentence
            start, self._next_start = self._next_start, b
            if end > start and _NONSPACE.search(body, start, end):  # usually at once, at `start`
                self._add(start, end)
                return True
        self._breaks = None
        if self._next_start < len(body):
            self._add(self._next_start, len(body))
            self._next_start = len(body)
            return True
        return False

    def _add(self, start: int, end: int) -> None:
        self._spans.append((start, end))
        self._starts.append(start)
        self._sents.append(None)

    def has(self, k: int) -> bool:
        """Whether the answer has a sentence k."""
        while len(self._spans) <= k:
            if not self._split_one():
                return False
        return True

    def span(self, k: int) -> tuple[int, int]:
        self.has(k)
        return self._spans[k]

    def place(self, pos: int) -> int:
        """The sentence a position falls in."""
        while (not self._spans or self._spans[-1][1] <= pos) and self._split_one():
            pass
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def indexes(self) -> Iterator[int]:
        k = 0
        while self.has(k):
            yield k
            k += 1

    def __len__(self) -> int:
        while self._split_one():
            pass
        return len(self._spans)

    # -- what each sentence does -----------------------------------------------------------

    def sentence(self, k: int) -> Sentence:
        self.has(k)
        got = self._sents[k]
        if got is None:
            got = self._sents[k] = self._read(k)
        return got

    def cites(self, start: int, end: int) -> set[Role]:
        if not self._cited:
            return set()
        i = bisect.bisect_left(self._cited, (start, Role.NCND))
        out: set[Role] = set()
        while i < len(self._cited) and self._cited[i][0] < end:
            out.add(self._cited[i][1])
            i += 1
        return out

    def boilerplate(self, k: int) -> bool:
        """Whether sentence k is review rights or courtesy (`_BOILERPLATE`), without working out
        what a sentence that is neither gives (`_content_role`): `decide` needs the first such
        sentence's place on every path, and what it gives on few."""
        self.has(k)
        got = self._sents[k]
        if got is None:
            got = self._framed(k)
            if got is None:
                s, e = self._spans[k]
                part = self.body[s:e]
                if not _courtesy_line(part, part.lower()):
                    return False
                got = Sentence(s, e, Role.COURTESY)
            self._sents[k] = got
        return got.role in _BOILERPLATE

    def _read(self, k: int) -> Sentence:
        framed = self._framed(k)
        if framed is not None:
            return framed
        s, e = self._spans[k]
        return Sentence(s, e, _content_role(self.body[s:e]))

    def _framed(self, k: int) -> Sentence | None:
        """Sentence k when the letter around its words decides what it does (review rights, a
        decision phrase or citation, the signature block, a holding line); else None."""
        s, e = self._spans[k]
        body = self.body
        roles: set[Role] = set()
        for st in self._streams:
            roles |= st.roles(s, e)
        by_cite = self.cites(s, e)
        decisions = roles | by_cite
        if s <= self._notice_at < e or (
            s > self._notice_at and (not decisions or NOTICE.search(body, s, e, self.low) is not None)
        ):
            # Review rights, the regulator's details and whatever follows them in the same
            # answer (their addresses, a form footer) are the letter's closing.
            return Sentence(s, e, Role.NOTICE)
        if Role.REFUSED in decisions and _reports_figures(body[s:e]):
            decisions.discard(Role.REFUSED)  # "12 requests were refused as vexatious": a figure, not a refusal
        if Role.FUTURE in decisions:  # "will be published on our website": not published yet
            decisions.discard(Role.REDIRECT)
            decisions.discard(Role.WITHHELD)
        if Role.REDIRECT in decisions:  # "exempt under s.21 because it is published at ...": a pointer
            decisions.discard(Role.WITHHELD)
        if decisions:
            role = next(r for r in _DECISIONS if r in decisions)
            return Sentence(s, e, role, frozenset(decisions - {role}), decisions <= by_cite - roles, frozenset(by_cite))
        if self._signed_before(s) or (self._holding and HOLDING.search(body, s, e, self.low) is not None):
            return Sentence(s, e, Role.COURTESY)
        return None

    def all(self) -> list[Sentence]:
        return [self.sentence(k) for k in self.indexes()]

    def first_given(self) -> Sentence | None:
        """The first sentence that gives requested information (a figure, money or a
        document, not explaining a refusal), reading only sentences with such a datum."""
        pos = 0
        while True:
            m = _HARD_DATUM_LOW.search(self.low, pos)
            if m is None:
                return None
            k = self.place(m.start())
            x = self.sentence(k)
            if x.role is Role.INFORMATION and _hard_information(self.body[x.start : x.end]):
                return x
            pos = max(x.end, m.end())

    def cited_roles(self) -> set[Role]:
        return {role for _, role in self._cited}

    def first(self, kinds: tuple[Role, ...]) -> Sentence | None:
        """The first sentence whose role is one of `kinds` (decisions only), reading only the
        sentences where one of those phrases (or a citation) occurs."""
        if not self._streams and not self._cited:  # most short answers: no decision phrase at all
            return None
        streams = [st for st in self._streams if st.role in kinds or (st.role is Role.REFUSED and Role.NCND in kinds)]
        cited = [p for p, role in self._cited if role in kinds]  # sorted
        if not streams and not cited:  # most short answers: no such phrase at all
            return None
        pos = 0
        while True:
            i = bisect.bisect_left(cited, pos)
            at = cited[i] if i < len(cited) else None
            for st in streams:  # each scanned only as far as the nearest match found so far
                nearer = st.next_from(pos, at)
                at = at if nearer is None else nearer
            if at is None:
                return None
            k = self.place(at)
            got = self.sentence(k)
            if got.role in kinds:
                return got
            pos = self._spans[k][1]


_NEGATIVES = (Role.FUTURE, Role.REDIRECT, Role.NOT_HELD, Role.WITHHELD)


def _may_match(gated: Gated, body: str, low: str) -> bool:
    """Whether the pattern's scan of the answer (`Gated.steps`) finds anything. A long answer is
    assumed to (the scan looks for the trigger words itself). A short one is searched for the
    trigger words in one C-speed search and, where one is there, for the pattern's first match:
    most short answers hold a trigger word of some pattern ("no" in "Northway") but no match,
    and the streams and sentences of a pattern that finds nothing are then never set up."""
    if len(low) > 400:
        return True
    rx = _TRIGGERS.get(gated)
    if rx is None:
        rx = _TRIGGERS[gated] = re.compile("|".join(re.escape(t).replace(r"\ ", r"\s+") for t in gated.triggers))
    if rx.search(low) is None:
        return False
    return gated.search(body, low=low) is not None


_TRIGGERS: dict[Gated, re.Pattern[str]] = {}


def _courtesy_line(part: str, low: str) -> bool:
    """Courtesy, or a line that is only an e-mail address."""
    return _is_courtesy(part, low) or _CONTACT_ONLY_RE.fullmatch(part) is not None


def _content_role(part: str) -> Role:
    """A sentence that decides nothing: courtesy, "there were none", information or explanation."""
    low = part.lower()
    if _courtesy_line(part, low):
        return Role.COURTESY
    if _NIL_RE.match(part) or (_NIL_ANY_LOW.search(low) and not _hard_datum(part, low)):
        return Role.NIL
    if _substantive(part, low):
        return Role.INFORMATION
    return Role.EXPLANATION


# Review rights, holding lines, future publication and an attached refusal notice. Four
# patterns, not one with named groups: `Gated` cannot build its fast case-sensitive twin for
# a pattern with groups of that kind, and the one pattern cost three times the four.
NOTICE, HOLDING, FUTURE = Gated(_NOTICE_RE), Gated(_HOLDING_RE), Gated(_FUTURE_RE)
NOTICE_ATTACHED = Gated(_NOTICE_ATTACHED_RE)
# The decision phrases and the role each gives the sentence it is in.
# The rare refusal families (NCND, cost, vexatious, an attached refusal notice) are scanned
# as one pattern (most answers contain none, and each scan has a set-up cost); which of them
# a match is, is told by `_refusal_role`.
REFUSAL = Gated(re.compile("|".join(f"(?:{g.rx.pattern})" for g in (NCND, COST, VEXATIOUS, NOTICE_ATTACHED)), re.I))
_PATTERNS = (
    (NOT_HELD, Role.NOT_HELD), (WITHHELD, Role.WITHHELD), (REDIRECT, Role.REDIRECT), (REFUSAL, Role.REFUSED),
    (FUTURE, Role.FUTURE),
)


def _refusal_role(m: re.Match[str]) -> Role:
    return Role.NCND if _NCND_RE.match(m.string, m.start()) else Role.REFUSED


def _hard_datum(part: str, low: str | None = None) -> bool:
    """A figure, money or a document supplied, once section numbers and references are set aside."""
    low = part.lower() if low is None else low
    if _HARD_DATUM_LOW.search(low) is None:
        return False
    return _HARD_DATUM_LOW.search(_without_citations(part, low).lower()) is not None


def _citation_role(c: Citation) -> str | None:
    return status_role(c.regime, c.citation)


_REFUSING_RE = re.compile(r"\b(limit|hours|exceed\w*|would|consider\w*|deem\w*|regard\w*|(your|this)\s+request)\b", re.I)


def _reports_figures(part: str) -> bool:
    """"We refused 3 requests as vexatious under s.14 in 2023": figures about refusals (an
    answer to a question about them), not a refusal of this request."""
    return re.search(r"[0-9\u00a3]", _without_citations(part)) is not None and _REFUSING_RE.search(part) is None


def decide(reading: Reading, phrases: Phrases | None = None) -> Classified:
    """The answer's status from what its sentences do, in the status guide's order:

    1. Nothing but courtesy and boilerplate -> `unanswered` (issue 13: a greeting, a holding
       line or review rights are never an answer).
    2. A neither-confirm-nor-deny anywhere -> `ncnd`; a cost or vexatious refusal -> `refused`
       (both decide the whole answer: they are about the request, not the content).
    3. The first of "not held", "withheld" (s.22 future publication included) or "published
       at" decides, and stays so however much explanation follows ("Explanation is not
       information"). It becomes `partial` only if some requested information is given too
       (a sentence with figures or a document that is not explaining the refusal); "none"
       beside "not held" stays `not_held` (the draft says "not held"). Pointed to, with a
       later part not held or withheld: `partial`.
    4. Otherwise the answer gives information: `answered` (`partial` when it says it gives
       only some), "none"/"0" included ("None as an answer").
    """
    body = reading.body
    first_real = next((k for k in reading.indexes() if not reading.boilerplate(k)), None)
    if first_real is None:
        if not reading.has(0):
            return Classified(Status.UNANSWERED, "no answer text")
        what = "refusal-notice boilerplate" if reading.sentence(0).role is Role.NOTICE else "courtesy or a holding line"
        return Classified(Status.UNANSWERED, f"no answer: only {what} ({_quote(body, reading.span(0))})")
    real = reading.span(first_real)
    short = body[real[0] : real[1]]
    if len(short) < 80 and len(short) < len(body) < 800:
        # "N/A" or "Unknown" followed by the letter's closing.
        na = _NA_RE.match(short) or _NA_RE.match(_LEADING_LABEL_RE.sub("", short, count=1))
        if (na or _UNKNOWN_RE.match(short)) and all(reading.boilerplate(k) for k in reading.indexes() if k != first_real):
            if na:
                return Classified(Status.NOT_APPLICABLE, "not applicable: the draft says so")
            return Classified(Status.NOT_HELD, "not held: answered 'not known'", nil=True)
    pick = reading.first((Role.NCND,))
    if pick is not None:
        return _said(Status.NCND, "neither confirms nor denies", body, pick.span)
    pick = reading.first((Role.REFUSED,))
    if pick is not None:
        return _said(Status.REFUSED, "refused (cost limit, vexatious or repeated request)", body, pick.span)

    def says_part() -> bool:  # asked only where it matters: a long reply is then scanned less
        return phrases is not None and _may_match(PARTIAL_HINT, reading.body, reading.low) and PARTIAL_HINT.search(reading.body, low=reading.low) is not None

    first = reading.first(_NEGATIVES)
    if first is None:
        if says_part():
            return _said(Status.PARTIAL, "partial: says it gives only part", body, real)
        nil = _NIL_RE.match(body) is not None
        if not nil and not reading.has(3) and _NIL_ANY_LOW.search(reading.low):  # a short reply may say "none" after a preface
            sents = reading.all()
            nil = any(x.role is Role.NIL for x in sents) and not any(x.role is Role.INFORMATION for x in sents)
        return _said(Status.ANSWERED, "answered", body, real, nil=nil)
    role = first.role
    if role is Role.WITHHELD and not _EXEMPT_WORDS_RE.search(body) and not first.cited:
        held = reading.first((Role.NOT_HELD,))
        if held is not None:  # "We are unable to provide this as it is not held": inability, not withholding
            role, first = Role.NOT_HELD, held
    status = _STATUS[role]
    # Requested information given beside the decision: a figure, money or a document, in a
    # sentence that is not explaining why the rest is not given. Read until the first one.
    given = reading.first_given()
    if status is Status.REDIRECTED:
        s21 = Role.REDIRECT in reading.cited_roles()
        if given is not None and given.start < first.start and not s21:
            return _said(Status.ANSWERED, "answered, with a pointer to published information", body, first.span)
        later = reading.first((Role.NOT_HELD, Role.WITHHELD))
        if later is not None:  # "2020-23 are published at ...; 2019 is not held": part pointed to, part not
            part = _guide_word(_STATUS[later.role])
            return _said(Status.PARTIAL, f"partial: points to published information, and part is {part}", body, first.span)
        return _said(Status.REDIRECTED, "redirected: points to published information", body, first.span)
    if given is not None or says_part():
        return _said(Status.PARTIAL, f"partial: {_guide_word(status)} for part, and some information is given", body, first.span)
    explained = any(reading.sentence(k).role is Role.EXPLANATION for k in reading.indexes())  # reads up to the first
    rest = "the rest explains why" if explained else ""
    return _said(status, _guide_word(status), body, first.span, nil=status is Status.NOT_HELD, tail=rest)


_STATUS = {
    Role.FUTURE: Status.WITHHELD,
    Role.REDIRECT: Status.REDIRECTED,
    Role.NOT_HELD: Status.NOT_HELD,
    Role.WITHHELD: Status.WITHHELD,
}


def _hard_information(part: str) -> bool:
    """Requested information, not the explanation of its absence: a figure, money or a
    document supplied, in a sentence that is not giving a reason ("kept for 6 years")."""
    low = part.lower()
    return _hard_datum(part, low) and not _EXPLAINS_LOW.search(low)


def _guide_word(status: Status) -> str:
    return {Status.NOT_HELD: "not held", Status.WITHHELD: "withheld"}.get(status, status.value)


def _said(status: Status, why: str, body: str, pick: tuple[int, int], nil: bool = False, tail: str = "") -> Classified:
    """A `Classified` whose note gives the reason in the guide's terms and quotes the sentence
    it rests on: "not held: 'We do not hold...'; the rest explains why"."""
    return Classified(status, f"{why}: {_quote(body, pick)}" + (f"; {tail}" if tail else ""), nil)


def _quote(body: str, span: tuple[int, int], n: int = 70) -> str:
    t = " ".join(body[span[0] : span[1]].split())
    return "'" + (t if len(t) <= n else t[: n - 1] + "\u2026") + "'"


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


# Section numbers and references ("FOI 2024/118", "s.43(2)", "Act 2000"). Written in lower
# case (the same pattern under IGNORECASE) so that `Phrase` makes it a lower-case twin.
_CITATION_TEXT_RE = re.compile(
    r"\b(?:foi|foia|eir|ref(?:erence)?|request)\s*(?:no\.?|number)?\s*[:#]?\s*[a-z]{0,4}[\s/-]*\d[\d/\-]*\b|"
    r"\b(?:s|ss|sec|section|sections|reg|regs|regulation|regulations|r)\.?\s*\d+[a-z]?(?:\s*\(\s*\w{1,4}\s*\))*"
    r"|\b\d+[a-z]?(?:\s*\(\s*\w{1,4}\s*\))+|\b(?:act|regulations)\s+(?:19|20)\d\d\b|\b\d+\s+working\s+days\b",
    re.I,
)
CITATION_TEXT = Phrase(_CITATION_TEXT_RE)


def _without_citations(text: str, low: str | None = None) -> str:
    """The text with section numbers and references blanked; every one holds a digit, so a
    text without one is returned as it is, unscanned. Found with the pattern's lower-case
    twin where it finds the same (`Phrase.on`): the caseless pattern cost twice as much."""
    if not _ANY_DIGIT_RE.search(text):
        return text
    return CITATION_TEXT.sub(" ", text, low)


_ANY_DIGIT_RE = re.compile(r"\d")
_SIGN_OFF_WORDS = required_words(SIGN_OFF_RE.pattern)[0]


def _may_sign_off(low: str) -> bool:
    """Every sign-off holds one of `_SIGN_OFF_WORDS`, read off `SIGN_OFF_RE` (in the lower
    case unless a `CASE_TRAPS` character could stand for one of its letters)."""
    return case_trapped(low) or any(w in low for w in _SIGN_OFF_WORDS)


def _substantive(text: str, low: str | None = None) -> bool:
    """Does this stretch give information, beyond courtesy and 'we hold it' boilerplate?"""
    low = text.lower() if low is None else low
    if not _PROVIDED_LOW.search(low):  # nothing to find once citations are removed either
        return False
    t = _BOILER_LOW.sub(" ", _without_citations(text, low).lower())
    if t != low and not _PROVIDED_LOW.search(t):  # the same text was searched just above
        return False
    return len(t.split()) >= 2


def _lower_twin(rx: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without IGNORECASE, for lower-cased text (about twice as fast: see
    `textutil.Gated`). Only for patterns whose literals are all lower case."""
    assert not re.search(r"(?<!\\)[A-Z]", rx.pattern.replace("\\b", "").replace("\\d", "").replace("\\s", "").replace("\\W", "")), rx.pattern
    return re.compile(rx.pattern, rx.flags & ~re.I)


_PROVIDED_LOW = _lower_twin(_PROVIDED_RE)
_BOILER_LOW = _lower_twin(_BOILER_CONTENT_RE)
_EXPLAINS_LOW = _lower_twin(_EXPLAINS_RE)
_NIL_ANY_LOW = _lower_twin(_NIL_ANY_RE)
_HARD_DATUM_LOW = _lower_twin(_HARD_DATUM_RE)


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

"""Know what you were given: does a text read like a request, or like a reply to one?

Two slips make a review meaningless while it still looks like one: checking a reply on its own
(the reply's numbered answers are then read as the questions, and all "answered"), and giving
the two files the wrong way round. Both are caught by reading the texts the way a person
glances at a letter: a request asks ("please provide", "I would like", "could you", "?"); a
reply answers with the phrases only an authority writes ("we do not hold", "Yours
sincerely", "internal review", "section 40(2) ... exempt").
"""

from __future__ import annotations

import re

from reviewer.text.textutil import Gated

_ASKS_RE = re.compile(
    r"\?|\b(?:please\s+(?:could\s+you\s+|can\s+you\s+|would\s+you\s+)?(?:provide|send|supply|confirm|tell|advise|disclose|state|list|give|share|forward|let\s+me\s+know)"
    r"|i\s+would\s+(?:like|be\s+grateful)|i'd\s+like|could\s+you|can\s+you|would\s+you|i\s+(?:am\s+)?request(?:ing)?\b"
    r"|i\s+wish\s+to\s+(?:request|know|receive|obtain|see)|i\s+want\s+to\s+know|kindly\s+provide|yours\s+faithfully)",
    re.I,
)

# Each pattern is one kind of sign that the text is an authority's reply; a text scores the
# number of kinds it shows, so one long reply does not outweigh a short one by repetition.
# Each runs only near the words its matches hold (`Gated`).
_REPLY_SIGNS: tuple[Gated, ...] = tuple(
    Gated(re.compile(p, re.I))
    for p in (
        r"\byours\s+sincerely\b",
        r"\bthank\s+you\s+for\s+your\s+(?:request|e-?mail|enquiry|letter|correspondence)\b",
        (
            r"\bwe\s+(?:do\s+not|don't|can(?:not)?\s+confirm|hold|have\s+(?:considered|decided|concluded|enclosed|attached)|are\s+(?:unable|not\s+able))\b"
            r"|\b(?:is|are)\s+not\s+held\b"
        ),
        r"\binternal\s+review\b|\binformation\s+commissioner\b",
        r"\bsection\s+\d+(?:\(\d+\))*[^.\n]{0,80}\bexempt|\bexempt(?:ion)?\b[^.\n]{0,80}\bsection\s+\d+|\bregulation\s+12\(\d\)",
        r"\bwithheld\b|\bexempt\s+from\s+disclosure\b|\bneither\s+confirm\s+nor\s+deny\b",
    )
)


# A request for an internal review talks like a reply (it names the review, the exemption, what
# was withheld) and is still the request.
_REVIEW_REQUEST_RE = re.compile(
    r"\bI\s+(?:would\s+like\s+to\s+|wish\s+to\s+|want\s+to\s+|am\s+)?(?:request|ask|seek|writ)\w*\s+(?:for\s+)?(?:an?\s+|the\s+)?internal\s+review"
    r"|\bplease\s+(?:conduct|carry\s+out|undertake|treat\s+this\s+as)\s+(?:an?\s+)?internal\s+review",
    re.I,
)


def asks(text: str) -> bool:
    """Does the text ask for anything, as a request does?"""
    return _ASKS_RE.search(text) is not None


def reply_signs(text: str) -> int:
    """How many kinds of reply phrasing the text shows (0 to 6)."""
    low = text.lower()
    return sum(1 for sign in _REPLY_SIGNS if sign.search(text, low=low) is not None)


def looks_swapped(request: str, draft: str) -> bool:
    """The "request" reads like a reply and the "draft" like a request.

    Deliberately strict: the request must show at least two kinds of reply phrasing, more than
    the draft shows, and the draft at most one and a question or an ask. A request quoting an
    earlier reply, or a terse draft, is not enough on its own. A false alarm would stop a
    correct review with no way round it, so a swap shown by one sign only is let through: on
    the dev set this catches 9 of 57 swapped pairs and flags none of the 57 given correctly."""
    req_signs = reply_signs(request)
    if req_signs < 2 or _REVIEW_REQUEST_RE.search(request):
        return False  # nearly every request: the (longer) draft is never scanned
    draft_signs = reply_signs(draft)
    return draft_signs <= 1 and req_signs > draft_signs and asks(draft)

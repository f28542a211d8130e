"""Join the lines of hard-wrapped paragraphs before a draft is read.

Plain-text e-mails are wrapped at 72-80 characters and text taken from a PDF keeps every
visual line, so a sentence such as "you may request an internal\\nreview" or "unable\\nto locate"
reaches the rule engine split in two. Its sentence splitter, its line-based answer layouts
and many of its phrases treat a line break as the end of something, so a wrapped draft
reviewed worse than the same draft unwrapped (an internal-review offer not found, an answer
read as partial).

`soft_breaks` finds the newlines that only wrap a paragraph: in a text whose lines are
mostly as long as its wrapping width, a newline after a line too full to take the next
line's first word, inside a sentence, before a line that does not start a list item, a
label, a quotation or a table row. Each such newline becomes a space (`unwrap`), so every
character keeps its offset: findings still point at the exact place in the file, and
line and column are counted in the text as laid out (see `Document.layout`).

The test is conservative on purpose. A text with long lines (one paragraph a line, as Word
and most web pages give) or with few lines is left alone, and so is a line that ends a
sentence or a clause with a colon, so a list of questions one a line is never run together.
"""

from __future__ import annotations

import re

_MIN_LINES = 4  # fewer lines than this: nothing to learn a width from
_MIN_WIDTH, _MAX_WIDTH = 50, 120  # wrapping widths seen in practice (e-mail 72-78, PDF 80-110)
_FULL = 0.85  # a line is full when the next word would not have fitted in 85% of the width

# The start of a line that begins something of its own: a bullet or number, a lettered or
# roman item, a label ("Q3", "Answer:", "Response 2"), a quotation or a table row.
_STARTS_ITEM_RE = re.compile(
    r"[ \t]*(?:[-*+\u2022\u00b7\u25aa\u25e6\u2023\u2013\u2014>|#]"
    r"|\(?\d{1,3}[a-z]?[.):]"
    r"|\d{1,2}[ \t]+(?-i:[A-Z][a-z])"  # "1 For each year ...": Word numbering rendered as plain text
    r"|\(?(?:[a-z]|[ivx]{1,5})[.)](?:\s|$)"
    r"|(?:q|question|request|response|answer|reply|part|item|a)[ \t]*\d{0,3}[a-z]?[ \t]*[:.)\-\u2013](?:\s|$)"
    r"|(?:q|question|request|response|part|item)[ \t]*\d{1,3}[a-z]?\b)",
    re.I,
)
# A line that ends a sentence or introduces what follows.
_ENDS_RE = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")


def _width(lengths: list[int]) -> int | None:
    """The wrapping width of a hard-wrapped text, or None if it does not look wrapped: the
    90th percentile of its line lengths, between the usual limits, with at least a third of
    its lines within 20% of it."""
    if len(lengths) < _MIN_LINES:
        return None
    ordered = sorted(lengths)
    width = ordered[int(0.9 * (len(ordered) - 1))]
    if not _MIN_WIDTH <= width <= _MAX_WIDTH:
        return None
    near = sum(1 for n in lengths if n >= 0.8 * width)
    return width if near * 3 >= len(lengths) else None


def soft_breaks(text: str) -> list[int]:
    """Offsets of the newlines in `text` that only wrap a paragraph's line."""
    if "\n" not in text:
        return []
    lines = text.split("\n")
    width = _width([len(line.rstrip()) for line in lines if line.strip()])
    if width is None:
        return []
    out: list[int] = []
    pos = 0
    for cur, nxt in zip(lines, lines[1:]):
        pos += len(cur)  # the newline after `cur`
        if _soft(cur, nxt, width):
            out.append(pos)
        pos += 1
    return out


def _soft(cur: str, nxt: str, width: int) -> bool:
    body = cur.rstrip()
    follow = nxt.lstrip()
    if not body or not follow or "\t" in cur or "|" in cur or "|" in nxt:
        return False
    first = follow.split(None, 1)[0]
    if len(body) + 1 + len(first) <= _FULL * width:
        return False  # the next word would have fitted: the line was ended on purpose
    if _ENDS_RE.search(body) or _STARTS_ITEM_RE.match(nxt):
        return False
    if not first[0].islower() and not _continues(body, first):
        return False
    # Wrapped text continues at the line's own margin, or under the text of a numbered
    # item ("1. Please provide...\n   the number"); a line indented further than that is a
    # quotation or an address block of its own.
    indent, next_indent = len(cur) - len(cur.lstrip()), len(nxt) - len(follow)
    hanging = 6 if _STARTS_ITEM_RE.match(cur) else 0
    return next_indent <= indent + hanging


# Words a sentence does not end on: a line ending with one runs on into the next line.
_RUN_ON = frozenset(
    """a an the of to in on at by for from with under within into about than and or but nor as
    between during since until before after over across against among through throughout
    towards upon without regarding concerning following where when while whilst whether
    because although though unless & and/or
    if that which who whose whom this these those its their our your his her my we you they it
    is are was were be been being has have had do does did not no may can will would should
    could must shall per via including such each every any all some""".split()
)
# Words that start a question or an instruction: a line beginning with one is a new item.
_STARTERS = frozenset(
    """what how when where who whom whose which why is are was were do does did has have had
    can could will would should please provide list give send confirm state tell""".split()
)


def _continues(body: str, first: str) -> bool:
    """Whether a line that ends with `body` runs on into a next line starting with the word
    `first`, which begins with a capital, a digit or a symbol ("the Information\nCommissioner",
    "in\n2023"). A line of a list ends with a whole item; a wrapped line ends anywhere, often
    on a word no sentence ends with, or inside a name ("Freedom of Information\nAct")."""
    last = body.rsplit(None, 1)[-1].strip("\"'\u201c\u201d\u2018\u2019(),")
    word = first.strip("\"'\u201c\u201d\u2018\u2019(),")
    if last.lower() in _RUN_ON or word[:1].isdigit():  # "section\n43(2)", "Act\n2000", "BS 8545\n(2014)"
        return True
    return last[:1].isupper() and word[:1].isupper() and word.lower() not in _STARTERS


def unwrap(text: str) -> str:
    """`text` with its soft line breaks made spaces: same length, same offsets."""
    breaks = soft_breaks(text)
    if not breaks:
        return text
    pieces: list[str] = []
    last = 0
    for i in breaks:  # slices, not a list of characters: a large draft stays cheap
        pieces.append(text[last:i])
        last = i + 1
    pieces.append(text[last:])
    return " ".join(pieces)

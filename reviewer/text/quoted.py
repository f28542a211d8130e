"""Where the reply ends and the quoted e-mail history below it begins.

A reply sent from Outlook or Gmail carries the earlier messages underneath it, very often the
request itself. Reviewed as part of the draft, that history "answers" every question (the
request restates each one) and the missing and partial findings disappear. So the start of
the history is found and only the reply above it is reviewed; when no request was given, the
quoted history is where the request is.

The forms recognised, each at the start of a line and only below some reply text:
  -----Original Message-----  (and "---------- Forwarded message ---------")
  Outlook's header block: From: ... then, within a few lines, Sent: ... and To:/Subject:
  a line of underscores followed by From: (Outlook's separator)
  On <date>, <name> wrote:  (Gmail, Apple Mail, Thunderbird; the line may be wrapped once)
  a final run of ">"-quoted lines that goes on to the end of the text
"""

from __future__ import annotations

import re

from reviewer.text.textutil import lowered

_ORIGINAL_RE = re.compile(r"^[ \t]*-{2,}[ \t]*(?:Original Message|Forwarded message)[ \t]*-{2,}[ \t]*$", re.I | re.M)
_FROM_RE = re.compile(r"^[ \t]*\*?From:\*?[ \t]+\S[^\n]*$", re.M)
_SENT_RE = re.compile(r"^[ \t]*\*?Sent:\*?[ \t]+\S", re.M)  # not Date: the e-mail loaders write From/Date/Subject
_TO_RE = re.compile(r"^[ \t]*\*?(?:To|Subject):\*?[ \t]*\S", re.M)
_UNDERSCORES_RE = re.compile(r"^[ \t]*_{10,}[ \t]*\n(?:[ \t]*\n)?(?=[ \t]*\*?From:)", re.M)
_WROTE_RE = re.compile(r"^[ \t]*On[ \t][^\n]{4,200}(?:\n[^\n]{0,200})?\swrote:[ \t]*$", re.M)
_QUOTED_LINE_RE = re.compile(r"^[ \t]*>")


def quote_start(text: str, start: int = 0) -> int | None:
    """The offset where quoted history begins in `text[start:]`, or None.

    A marker counts only with some reply above it: a file that opens with "From: ... Sent:"
    is a forwarded request, not a reply with history."""
    found: list[int] = []
    # Cheap substring gates first: most drafts have none of these, and then no regex runs.
    # The separator is found in any case ("-----ORIGINAL MESSAGE-----"), so its gate is too.
    for rx, needle, hay in ((_ORIGINAL_RE, " message", lowered(text)), (_UNDERSCORES_RE, "__________", text), (_WROTE_RE, "wrote:", text)):
        if needle in hay:
            m = rx.search(text, start)
            if m is not None:
                found.append(m.start())
    for m in _FROM_RE.finditer(text, start) if "Sent:" in text else ():
        block = text[m.end() : m.end() + 400]
        lines = block.split("\n")[1:6]
        if any(_SENT_RE.match(line) for line in lines) and any(_TO_RE.match(line) for line in lines) and text[start : m.start()].strip():
            found.append(m.start())
            break
    quoted = _quoted_tail(text, start) if ">" in text else None
    if quoted is not None:
        found.append(quoted)
    for cut in sorted(found):
        if text[start:cut].strip():
            return cut
    return None


def _quoted_tail(text: str, start: int) -> int | None:
    """The start of a run of at least two ">" lines after which every non-blank line is quoted."""
    offset = len(text)
    quoted = 0
    first: int | None = None
    for line in reversed(text[start:].splitlines(keepends=True)):
        offset -= len(line)
        if not line.strip():
            continue
        if not _QUOTED_LINE_RE.match(line):
            break
        quoted += 1
        first = offset
    return first if quoted >= 2 else None


_PREFIX_RE = re.compile(r"^([ \t]*(?:>[ \t]?)+)", re.M)


def unquote(text: str, start: int) -> str:
    """`text` with the ">" quoting of lines from `start` on replaced by spaces of the same
    length, so the quoted request's numbered questions start their lines again and every
    offset still points at the same character of the file."""
    head, tail = text[:start], text[start:]
    return head + _PREFIX_RE.sub(lambda m: " " * len(m.group(1)), tail)

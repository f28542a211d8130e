"""Small text helpers shared by request parsing and answer alignment.

The key one is `Normalised`: a lower-cased, punctuation-folded copy of a text with a map back
to original offsets, so that "find the question's echo in the draft" can ignore curly quotes,
spacing and case while evidence still points at the exact original characters.
"""

from __future__ import annotations

import bisect
import importlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from typing import Any

# Curly quotes, dashes, bullets and no-break spaces separate words like any other character
# outside the word classes below, so `words` and `fold` need no table to fold them first (a
# `str.translate` with a dict costs a Python-level lookup per character of a non-ASCII text).
_WORD_RE = re.compile(r"[a-z0-9£%]+")
_STOP = frozenset(
    """a an the of to in on for and or is are was were be been by with from at as it its this that
    these those any all your you we our us i me my please could would can will do does did have has
    had if so such there their them they which what who whom whose when where how many much
    provide details information copy""".split()
)


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # exclusive, without the newline
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Split text[start:end] into lines with absolute offsets."""
    end = len(text) if end is None else end
    out: list[Line] = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        out.append(Line(pos, stop, text[pos:stop]))
        if nl == -1:
            break
        pos = nl + 1
    return out


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())


def content_words(text: str) -> set[str]:
    """Lower-cased words minus stop-words and very short tokens: for topic overlap."""
    return {w for w in words(text) if w not in _STOP and len(w) > 2}


class Normalised:
    """Text folded for matching (lower case, quotes/dashes folded, runs of other characters
    collapsed to one space), with `orig(i)` mapping a folded index back to the original.

    Alignment folds every draft once, on the hot path of every review, so the folding is done
    with C-level string operations (a byte translation table, split, join); only the per-word
    offset table is built in Python. Characters outside Latin-1 count as separators, here and
    in `fold`, so both sides of a comparison agree.
    """

    __slots__ = ("text", "source", "_spaced", "_lens", "_cum", "_words", "_folded", "_start", "_end")

    def __init__(self, original: str, start: int = 0, end: int | None = None) -> None:
        end = len(original) if end is None else end
        src = original[start:end]
        low = src.lower()
        if len(low) != len(src):  # a rare character whose lower case is longer: fold one by one
            low = "".join(ch.lower()[:1] for ch in src)
        # One byte per character (anything outside Latin-1, curly quotes and dashes included,
        # becomes '?'), then a 256-entry table turns every non-word byte into a space: same
        # length as the original, all in C, and the same words as `fold`.
        self._spaced = low.encode("latin-1", "replace").translate(_SPACE_TABLE).decode("latin-1")
        self.text = " ".join(self._spaced.split())
        self.source = original
        self._start = start
        self._end = end
        self._lens: list[int] = []
        self._cum: list[int] = []
        self._words: list[int] = []
        self._folded: list[int] = []

    def _index(self) -> None:
        """Where each word sits in the original, built on the first `orig` call only (a draft
        answered in prose never needs it) and with C-level iteration only: split on single
        spaces, so piece j starts at (sum of earlier piece lengths) + j."""
        pieces = self._spaced.split(" ")
        self._lens = list(map(len, pieces))
        self._cum = list(accumulate(self._lens))
        self._words = list(compress(range(len(pieces)), pieces))

    def _word_at(self, i: int) -> int:
        """The number of words wholly before folded index i. Counting the spaces before it is
        fastest near the start; far into a huge draft it made each call linear (and aligning
        thousands of echoes quadratic), so there a table of where each word starts in `text`,
        built once, is bisected."""
        if i < _COUNT_UP_TO:
            return self.text.count(" ", 0, i)
        if not self._folded:
            self._folded = list(accumulate(map((1).__add__, map(self._lens.__getitem__, self._words)), initial=0))
        return bisect.bisect_right(self._folded, i) - 1

    def _word_start(self, k: int) -> int:
        j = self._words[k]
        return self._start + self._cum[j] - self._lens[j] + j

    def orig(self, i: int) -> int:
        """Original offset of folded index i (a space maps to the character after its word)."""
        if not self.text:
            return self._start
        if not self._words:
            self._index()
        if i >= len(self.text):
            return self._word_start(len(self._words) - 1) + self._lens[self._words[-1]]
        k = self._word_at(i)
        if self.text[i] == " ":  # the joining space after word k
            return self._word_start(k) + self._lens[self._words[k]]
        return self._word_start(k) + (i - self.text.rfind(" ", 0, i) - 1)

    def orig_end(self, i: int) -> int:
        """Original exclusive end offset for a folded exclusive end index i."""
        if i <= 0 or not self.text:
            return self.orig(0)
        return self.orig(i - 1) + 1


_COUNT_UP_TO = 20_000  # folded characters (see `Normalised._word_at`)
_WORDCHARS_RE = re.compile(r"[0-9a-z£%\u00c0-\u00ff]+")
_WORD_BYTES = frozenset(b"0123456789abcdefghijklmnopqrstuvwxyz%") | {0xA3} | frozenset(range(0xC0, 0x100))
_SPACE_TABLE = bytes(c if c in _WORD_BYTES else 0x20 for c in range(256))


def fold(text: str) -> str:
    """The folded form `Normalised` uses, without the offset map."""
    return " ".join(_WORDCHARS_RE.findall(text.lower()))

# A sentence ends after ?, ! or . and any closing quotes, before a space and a capital or digit.
# The pattern takes the stop itself (the cut is one character into the match) rather than
# look behind for it: starting with a character class, it is scanned for at C speed instead
# of tried at every position.
_SENT_END = re.compile(r"[?!.][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])")
_ABBREVS = ("e.g", "i.e", "etc", "no", "nos", "mr", "mrs", "ms", "dr", "st", "approx", "incl", "ref", "vs", "ie", "eg")
_ABBREV_END = re.compile(r"\b(?:" + "|".join(map(re.escape, _ABBREVS)) + r")\.$", re.I)
_ABBREV_LEN = max(map(len, _ABBREVS)) + 1  # the longest text _ABBREV_END can match


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] into sentence spans (absolute offsets). Abbreviation-aware enough
    for FOI letters ("e.g.", "etc.", "No. 5")."""
    out: list[tuple[int, int]] = []
    seg_start = start
    chunk = text[start:end]
    for m in _SENT_END.finditer(chunk):
        cut = start + m.start() + 1
        candidate = text[seg_start:cut]
        tail = candidate.rstrip()
        if _ABBREV_END.search(tail, max(0, len(tail) - _ABBREV_LEN)):  # it can only match at the end
            continue
        if candidate.strip():
            out.append(_strip(text, seg_start, cut))
        seg_start = start + m.end()
    if text[seg_start:end].strip():
        out.append(_strip(text, seg_start, end))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class Gated:
    """A regex that only runs near its trigger words.

    Python's `re` tries a pattern starting with `\\b(` and a long alternation at every position
    of the text, which costs 1-2 ms per pattern on an 8 KB draft. Every match of these patterns
    contains one of a few literal words ("hold", "withheld", "website"...), and `str.find`
    locates those at C speed; the pattern then runs only in windows around them. Triggers
    must be lower case and present in every possible match (tests/test_gates.py generates
    matches of every pattern and checks), and a match must fit within `radius` characters of
    its trigger. A space in a trigger stands for any whitespace, as `\\s+` does in the pattern.

    Given `low` (the caller's `text.lower()`), the windows are searched with a case-sensitive
    twin of the pattern over `low`: with IGNORECASE, `re` cannot skip an alternative on its
    first letter and each one is entered in full, which makes the search about twice as slow
    (see `_caseless_twin` for when the two give the same matches). Matches are still returned
    against `text`.
    """

    __slots__ = ("rx", "triggers", "radius", "_words", "_phrases", "_twin", "_twin_made")

    def __init__(self, rx: re.Pattern[str], triggers: tuple[str, ...], radius: int = 160) -> None:
        self.rx = rx
        self.triggers = triggers
        self.radius = radius
        # Triggers of several words are also looked for across other whitespace (a line break
        # in "unable\nto locate"), as the pattern's `\s+` matches them (see `loose_phrase`).
        self._words = tuple(t for t in triggers if " " not in t)
        self._phrases = tuple(t for t in triggers if " " in t)
        # The twin is built on first use: building one parses the pattern twice and compiles
        # it again, start-up time that a run whose drafts never reach this pattern should not pay.
        self._twin: re.Pattern[str] | None = None
        self._twin_made = False

    def _windows(self, text: str, start: int, end: int, low: str | None) -> list[tuple[int, int]]:
        if end - start <= 48:  # "Yes.", "£12,000": the pattern is cheaper than the search
            return [(start, end)]
        if low is not None and len(low) == len(text):
            # Exactly the part searched, so that `in` (cheaper than a `find` with bounds) can
            # rule out the many triggers a passage does not contain.
            seg = low if start == 0 and end == len(low) else low[start:end]
        else:
            seg = text[start:end].lower()  # lower only the part searched
            if len(seg) != end - start:  # a character whose lower case is longer: scan it all
                return [(start, end)]
        n = end - start
        if n <= self.radius:  # the window of any hit is the whole passage
            for t in self._words:
                if t in seg:
                    return [(start, end)]
            for t in self._phrases:
                if phrase_in(seg, t):
                    return [(start, end)]
            return []
        hits: list[int] = []
        for t in self._words:
            if t in seg:
                i = seg.find(t)
                while i != -1:
                    hits.append(i)
                    i = seg.find(t, i + 1)
        for t in self._phrases:  # "unable to", also across a line break
            hits.extend(phrase_starts(seg, t))
        if not hits:
            return []
        hits.sort()
        # Each hit's window [h - r, h + r], clipped to the passage; windows that meet are
        # merged, which for hits in order means hits at most 2r apart.
        r = self.radius
        windows: list[tuple[int, int]] = []
        first = last = hits[0]
        for h in hits:
            if h - last > 2 * r:
                windows.append((start + max(0, first - r), start + min(n, last + r)))
                first = h
            last = h
        windows.append((start + max(0, first - r), start + min(n, last + r)))
        return windows

    @property
    def twin(self) -> re.Pattern[str] | None:
        """The case-sensitive twin (None when there can be none), built on first use."""
        if not self._twin_made:
            self._twin, self._twin_made = _caseless_twin(self.rx), True
        return self._twin

    def _engine(self, text: str, start: int, end: int, low: str | None) -> tuple[re.Pattern[str], str]:
        """The pattern and string to search: the case-sensitive twin over `low` when that
        finds the same matches, else the pattern itself over `text`."""
        if low is None or len(low) != len(text):
            return self.rx, text
        twin = self.twin
        if twin is None:
            return self.rx, text
        # The twin looks at one character before a window at most (`\\b`); the two characters
        # whose IGNORECASE matching differs from their lower case must not be in reach.
        if not low.isascii():  # (a constant-time test: neither character is ASCII)
            lo = max(0, start - 1)
            if low.find("\u0131", lo, end) != -1 or low.find("\u017f", lo, end) != -1:
                return self.rx, text
        return twin, low

    def scan(self, text: str, start: int = 0, end: int | None = None, low: str | None = None) -> Scan:
        """The matches in text[start:end], found as far as they are asked for."""
        return Scan(self, text, start, len(text) if end is None else end, low)

    def finditer(self, text: str, start: int = 0, end: int | None = None, low: str | None = None) -> list[re.Match[str]]:
        return self.scan(text, start, end, low).every()

    def search(self, text: str, start: int = 0, end: int | None = None, low: str | None = None) -> re.Match[str] | None:
        # What `scan(...).first()` gives, without building the Scan (most searches are one-offs).
        end = len(text) if end is None else end
        windows = self._windows(text, start, end, low)
        if not windows:
            return None
        rx, hay = self._engine(text, start, end, low)
        for a, b in windows:
            m = rx.search(hay, a, b)
            if m is not None:
                if hay is text:
                    return m
                again = self.rx.match(text, m.start(), b)
                if again is not None and again.end() == m.end():
                    return again
                return Scan(self, text, start, end, None).first()  # the twin disagreed: without it
        return None


class Scan:
    """The matches of one `Gated` pattern in one passage, found lazily: `first()` stops at the
    first match and `every()` carries on from there instead of starting again (an answer's
    status needs the first match of each pattern, and a negative answer then needs them all).

    When the twin is used, each match is matched again by the pattern itself at the same place
    so that callers get a match on their own text (one anchored match: cheap). Should the two
    ever disagree, which `_caseless_twin` rules out, the scan starts again without the twin
    rather than trust it.
    """

    __slots__ = ("_gated", "_text", "_windows", "_rx", "_hay", "_found", "_next", "_it", "_end", "_last", "_done")

    def __init__(self, gated: Gated, text: str, start: int, end: int, low: str | None) -> None:
        self._gated = gated
        self._text = text
        self._windows = gated._windows(text, start, end, low)
        self._rx, self._hay = gated._engine(text, start, end, low) if self._windows else (gated.rx, text)
        self._found: list[re.Match[str]] = []
        self._restart()

    def _restart(self) -> None:
        self._found.clear()
        self._next = 0  # the next window to search
        self._it: Iterator[re.Match[str]] | None = None
        self._end = 0
        self._last = -1
        self._done = not self._windows

    def first(self) -> re.Match[str] | None:
        if not self._found and not self._done:
            self._step()
        return self._found[0] if self._found else None

    def every(self) -> list[re.Match[str]]:
        while not self._done:
            self._step()
        return self._found

    def until(self, pos: int) -> list[re.Match[str]]:
        """The matches found so far, carried on until one starts at or after `pos` or none
        are left: a reader going through a passage in order pays only for what it has read."""
        while not self._done and (not self._found or self._found[-1].start() < pos):
            self._step()
        return self._found

    def _step(self) -> None:
        """Find one more match, or note there are none."""
        while True:
            if self._it is None:
                if self._next == len(self._windows):
                    self._done = True
                    return
                a, self._end = self._windows[self._next]
                self._next += 1
                self._it = self._rx.finditer(self._hay, a, self._end)
            m = next(self._it, None)
            if m is None:
                self._it = None
                continue
            if m.start() < self._last:
                continue
            self._last = m.end()
            if self._hay is not self._text:
                again = self._gated.rx.match(self._text, m.start(), self._end)
                if again is None or again.end() != m.end():
                    self._rx, self._hay = self._gated.rx, self._text
                    self._restart()
                    continue
                m = again
            self._found.append(m)
            return


# Only these escapes may appear in a pattern given a case-sensitive twin: they match the same
# characters in a text and in its lower case (\\u, \\x, \\N and backreferences are not reasoned about).
_PLAIN_ESCAPES = frozenset("bBdDsSwW")
_ESCAPE_RE = re.compile(r"\\(.)", re.S)
# Upper case, inline flags, lookbehind, and conditionals (which refer to group numbers).
_CASE_SENSITIVE_SYNTAX_RE = re.compile(r"[A-Z]|\(\?[aiLmsux-]|\(\?<[=!]|\(\?\(")


def _caseless_twin(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """`rx` without IGNORECASE, to run on lower-cased text; None if that could match differently.

    For every character whose lower case is one character, a lower-case ASCII letter in a
    pattern matches it under IGNORECASE exactly when it equals its lower case, except for
    dotless i (U+0131) and long s (U+017F), which `Gated._engine` checks for; `\\w`, `\\s`,
    `\\d` and `\\b` treat a character and its lower case alike. So the twin is offered only
    for an ASCII pattern with no upper-case letters, no other escapes, no inline flags, no
    conditionals and no lookbehind (which could look further back than the one character `\\b`
    needs). Its groups do not capture (see `_without_captures`) and it first checks that a match
    could start where it looks (see `_first_characters`)."""
    if not rx.flags & re.IGNORECASE or not rx.pattern.isascii():
        return None
    if any(c.isalnum() and c not in _PLAIN_ESCAPES for c in _ESCAPE_RE.findall(rx.pattern)):
        return None
    if _CASE_SENSITIVE_SYNTAX_RE.search(_ESCAPE_RE.sub("", rx.pattern)):
        return None
    flags = rx.flags & ~re.IGNORECASE
    source = _without_captures(rx.pattern, bool(flags & re.VERBOSE))
    first = _first_characters(source, flags)
    if first is not None:
        # A position that holds none of the characters a match can start with is rejected by
        # one test instead of by trying each alternative (the newline closes a comment that a
        # verbose pattern may end with).
        source = f"(?={first})(?:{source}{chr(10) if flags & re.VERBOSE else ''})"
    return re.compile(source, flags)


def _without_captures(pattern: str, verbose: bool) -> str:
    """`pattern` with every capturing group made non-capturing: the same matches (the twin's
    groups are never read, and `_caseless_twin` admits no backreference or conditional), but
    faster. At each word boundary, `re` skips an alternative of a long alternation at once when
    it starts with a letter that is not there; one that starts with a capturing group ("(do|does)
    not hold") is entered in full, and a non-capturing one is compiled inline, so that it starts
    with its letter ("d(?:o|oes) not hold": `re` factors out the common first letter)."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            j = i + 1
            j += pattern.startswith("^", j)
            j += pattern.startswith("]", j)  # a "]" first in a class is a literal
            out.append(pattern[i:j])
            i = j
            continue
        elif ch == "#" and verbose:  # a comment runs to the end of the line
            j = pattern.find("\n", i)
            j = n if j == -1 else j
            out.append(pattern[i:j])
            i = j
            continue
        elif ch == "(" and not pattern.startswith("?", i + 1):
            out.append("(?:")
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _first_characters(pattern: str, flags: int) -> str | None:
    """A character class that holds the first character of every match of `pattern`, or None
    when that cannot be told: the pattern can match the empty string, or start with any
    character or a negated class. It is read off the parse tree of `re`'s own parser, so it is
    exactly the pattern that `re.compile` sees; that parser is internal to `re`, and one laid
    out otherwise only means no class, and the same matches."""
    try:
        parser = importlib.import_module("re._parser")
        ops = importlib.import_module("re._constants")
        found = _first_of(parser.parse(pattern, flags).data, ops)
    except Exception:  # pragma: no cover - a parser laid out otherwise
        return None
    if found is None or found[1] or not found[0]:
        return None
    return "[" + "".join(sorted(found[0])) + "]"


def _first_of(items: Any, ops: Any) -> tuple[set[str], bool] | None:
    """(class members for the first character, whether it can match empty) of a parsed
    sequence; None for anything not understood here."""
    first: set[str] = set()
    for op, av in items:
        part: tuple[set[str], bool] | None
        if op in (ops.AT, ops.ASSERT, ops.ASSERT_NOT):
            continue  # zero width (a twin has no lookbehind): the first character comes later
        if op is ops.LITERAL:
            part = {re.escape(chr(av))}, False
        elif op is ops.IN:
            members = _class_members(av, ops)
            part = None if members is None else (members, False)
        elif op is ops.SUBPATTERN:
            part = _first_of(av[3].data, ops)
        elif op is ops.BRANCH:
            part = _either([_first_of(alt.data, ops) for alt in av[1]])
        elif op in (ops.MAX_REPEAT, ops.MIN_REPEAT):
            body = _first_of(av[2].data, ops)
            part = None if body is None else (body[0], body[1] or av[0] == 0)
        else:
            return None
        if part is None:
            return None
        first |= part[0]
        if not part[1]:
            return first, False
    return first, True


def _either(alternatives: list[tuple[set[str], bool] | None]) -> tuple[set[str], bool] | None:
    members: set[str] = set()
    empty = False
    for alt in alternatives:
        if alt is None:
            return None
        members |= alt[0]
        empty = empty or alt[1]
    return members, empty


def _class_members(members: Any, ops: Any) -> set[str] | None:
    categories = {ops.CATEGORY_DIGIT: r"\d", ops.CATEGORY_WORD: r"\w", ops.CATEGORY_SPACE: r"\s"}
    out: set[str] = set()
    for op, av in members:
        if op is ops.LITERAL:
            out.add(re.escape(chr(av)))
        elif op is ops.RANGE:
            out.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is ops.CATEGORY and av in categories:
            out.add(categories[av])
        else:  # negated: near enough any character
            return None
    return out


def lowered(text: str, start: int = 0, end: int | None = None) -> str:
    """`text[start:end].lower()`, computed once per draft and shared.

    Regime detection, the sentence index, the contact finders and several checks all lower
    the same reply; on an 8 KB draft with a '£' or a curly quote `str.lower` costs 20-40 us,
    so doing it once instead of ten times is worth a cache. The key is the string object
    itself (its hash is computed once and kept by Python), so a hit costs a dict lookup.
    """
    end = len(text) if end is None else end
    return _lowered(text, start, end)


@lru_cache(maxsize=8)
def _lowered(text: str, start: int, end: int) -> str:
    seg = text[start:end]
    if not seg.isascii():
        # str.lower is ten times slower on text with any non-ASCII character (a '£' is
        # enough: 35 us on 8 KB). When every character is Latin-1 and none is a capital
        # beyond ASCII (À-Þ), lowering changes ASCII letters only, which bytes.lower does in C.
        try:
            raw = seg.encode("latin-1")
        except UnicodeEncodeError:
            return seg.lower()
        if not raw.translate(None, _ALL_BUT_LATIN1_CAPITALS):
            return raw.lower().decode("latin-1")
    return seg.lower()


_ALL_BUT_LATIN1_CAPITALS = bytes(c for c in range(256) if not (0xC0 <= c <= 0xDE and c != 0xD7))


_DIGITS_RE = re.compile(r"\d+")
_ASCII_BYTES = bytes(range(128))


def _only_ascii_digits(text: str) -> bool:
    """True when every character `\\d` matches in `text` is one of '0'-'9'.

    `\\d` matches any Unicode decimal digit (str.isdecimal); the first one outside ASCII is
    U+0660. Dropping the ASCII bytes from the UTF-8 form leaves only the few non-ASCII
    characters (curly quotes, '£'), all at C speed, and those are checked one by one.
    """
    if text.isascii():
        return True
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    return not any(ch.isdecimal() for ch in set(rest))


@lru_cache(maxsize=2)
def _one_byte(text: str) -> bytes | None:
    if not _only_ascii_digits(text):
        return None
    return text.encode("latin-1", "replace")


def char_classes(text: str, table: bytes) -> bytes | None:
    """`text` as one byte per character (same offsets), each byte mapped through `table` (256
    bytes; characters outside Latin-1 count as '?'), or None if `text` holds a non-ASCII
    digit, which `\\d` matches but the bytes cannot show.

    Mapping every character of a class to one byte, in C, lets `bytes.find` locate runs of
    the class ("ten digits or phone punctuation in a row") at memchr speed, where a regex
    would look at every character. The encoded text is cached: the citation and phone
    finders both read the same reply.
    """
    one = _one_byte(text)
    return None if one is None else one.translate(table)


def digit_runs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the maximal runs of decimal digits in text[start:end]: the spans
    `re.finditer(r"\\d+", text, start, end)` gives.

    Python's `re` looks at every character to find digits (about 15 ns each, so over 100 us
    on an 8 KB draft). Instead every digit becomes b"0" and everything else a space
    (`char_classes`) and `bytes.find` jumps from run to run. Text with non-ASCII digits
    takes the regex.
    """
    start, end = max(start, 0), len(text) if end is None else max(min(end, len(text)), 0)
    marks = char_classes(text, _DIGIT_MARKS)
    if marks is None:
        return [m.span() for m in _DIGITS_RE.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    find = marks.find
    i = find(b"0", start, end)
    while i != -1:
        j = find(b" ", i, end)
        if j == -1:
            j = end
        out.append((i, j))
        i = find(b"0", j, end)
    return out


_DIGIT_MARKS = bytes(0x30 if 0x30 <= c <= 0x39 else 0x20 for c in range(256))


class Alternation:
    """A regex alternation `A|B|C` whose branches are tried only where they can match.

    Python's `re` cannot skip ahead in an alternation whose branches start differently: it
    tries every branch at every position of the text, even when the words a branch needs
    appear nowhere. Each branch here comes with the literals it needs: groups of lower-case
    words, every match of the branch containing at least one word of each group (tests check
    the branches against examples). A branch whose words are missing from the text cannot
    match anywhere in it, so dropping it changes no search, match or substitution; the
    alternation of the remaining branches, in their order, is compiled once per combination.
    `is_in` is cheaper still: it only needs a yes or no, so it tries the branches one at a time.

    Words are looked for in `low`, the text lower-cased. For patterns compiled with
    re.IGNORECASE that is exact unless the text holds a character that IGNORECASE matches
    to an ASCII letter without lower-casing to it ('ı' and 'İ' match i, 'ſ' matches s; U+0307
    is what 'İ' leaves after lowering): then every branch is kept.
    """

    __slots__ = ("branches", "flags", "_nocase", "_single", "_combined")

    def __init__(self, branches: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...], flags: int = 0) -> None:
        self.branches = branches
        self.flags = flags
        self._nocase = bool(flags & re.IGNORECASE)  # tested once: RegexFlag arithmetic is slow
        self._single: list[re.Pattern[str] | None] = [None] * len(branches)
        self._combined: dict[tuple[int, ...], re.Pattern[str]] = {}

    @property
    def pattern(self) -> str:
        """The whole alternation, as one pattern."""
        return "|".join(p for p, _ in self.branches)

    def _viable(self, low: str) -> tuple[int, ...]:
        if self._nocase and case_trapped(low):
            return tuple(range(len(self.branches)))  # keep every branch
        return tuple(i for i, (_, needs) in enumerate(self.branches) if has_words(low, needs))

    def compiled(self, low: str) -> re.Pattern[str] | None:
        """The alternation of the branches that can match a text whose lower case is `low`."""
        keep = self._viable(low)
        if not keep:
            return None
        rx = self._combined.get(keep)
        if rx is None:
            rx = re.compile("|".join(self.branches[i][0] for i in keep), self.flags)
            self._combined[keep] = rx
        return rx

    def search(self, text: str, low: str | None = None) -> re.Match[str] | None:
        rx = self.compiled(text.lower() if low is None else low)
        return None if rx is None else rx.search(text)

    def sub(self, repl: str, text: str, low: str | None = None) -> str:
        rx = self.compiled(text.lower() if low is None else low)
        return text if rx is None else rx.sub(repl, text)

    def is_in(self, text: str, low: str | None = None) -> bool:
        """`bool(re.search(self.pattern, text, self.flags))`."""
        low = text.lower() if low is None else low
        trapped = self._nocase and case_trapped(low)
        single = self._single
        for i, (pattern, needs) in enumerate(self.branches):
            if not trapped and not has_words(low, needs):
                continue
            rx = single[i]
            if rx is None:
                rx = single[i] = re.compile(pattern, self.flags)
            if rx.search(text):
                return True
        return False


# Characters re.IGNORECASE matches to an ASCII letter although their lower case is not that
# letter ('ı' and 'İ' match i, 'ſ' matches s; U+0307 is what 'İ' leaves after lowering). A
# gate that looks for words in the lower-cased text cannot rule a pattern out when one is there.
CASE_TRAPS = ("\u0131", "\u017f", "\u0307")


def case_trapped(low: str) -> bool:
    """Whether `low` holds one of `CASE_TRAPS` (never, in an ASCII text)."""
    return not low.isascii() and any(t in low for t in CASE_TRAPS)


def has_words(low: str, needs: tuple[tuple[str, ...], ...]) -> bool:
    """Every group of `needs` has a word in `low` (plain loops: generator expressions cost
    more than the `in` tests themselves on a sentence). A word with a space is found across
    any whitespace (see `phrase_in`)."""
    for group in needs:
        for w in group:
            if w in low or (" " in w and phrase_in(low, w)):
                break
        else:
            return False
    return True


@lru_cache(maxsize=512)
def loose_phrase(phrase: str) -> re.Pattern[str]:
    """`phrase` as the patterns it gates write it: each space may be any run of whitespace,
    or none.

    A hint such as "unable to" or "public interest" gates a pattern written `unable\\s+to`,
    which also matches across a line break ("unable\\nto", as in hard-wrapped e-mails and text
    taken from PDFs) or a double space, and `reg\\.?\\s*11` matches "reg11". A gate may let
    through more than its pattern matches, never less, so the space stands for `\\s*`.
    """
    return re.compile(r"\s*".join(re.escape(part) for part in phrase.split(" ")))


def phrase_in(low: str, phrase: str, start: int = 0, end: int | None = None) -> bool:
    """Whether `phrase` occurs in low[start:end], a space in it matching any whitespace or none.
    The plain `in`/`find` test comes first: it decides nearly every call."""
    end = len(low) if end is None else end
    if low.find(phrase, start, end) != -1:
        return True
    if " " not in phrase:
        return False
    head = phrase.split(" ", 1)[0]
    if head and low.find(head, start, end) == -1:
        return False
    return loose_phrase(phrase).search(low, start, end) is not None


def phrase_starts(low: str, phrase: str, start: int = 0, end: int | None = None) -> list[int]:
    """Where `phrase` starts in low[start:end] (overlapping occurrences included), a space in
    it matching any whitespace or none."""
    end = len(low) if end is None else end
    out: list[int] = []
    if " " not in phrase:
        i = low.find(phrase, start, end)
        while i != -1:
            out.append(i)
            i = low.find(phrase, i + 1, end)
        return out
    head = phrase.split(" ", 1)[0]
    if head and low.find(head, start, end) == -1:
        return out
    rx = loose_phrase(phrase)
    m = rx.search(low, start, end)
    while m is not None:
        out.append(m.start())
        m = rx.search(low, m.start() + 1, end)
    return out


def matches_at(rx: re.Pattern[str], text: str, positions: Iterable[int], start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """The matches `rx.finditer(text, start, end)` gives, for a pattern that cannot match
    the empty string and whose every match starts at one of `positions`.

    Patterns that begin with \\b, ^ (MULTILINE) or a list of words have no literal prefix,
    so Python's `re` tries them at every character of the text. When `str.find` can list
    the few places a match could begin (where its first words occur), trying the pattern
    only there, leftmost first and never inside the previous match, gives the same matches.
    """
    end = len(text) if end is None else end
    at = sorted(set(positions))
    out: list[re.Match[str]] = []
    done = start
    for p in at:
        if p < done:
            continue
        m = rx.match(text, p, end)
        if m is not None:
            out.append(m)
            done = m.end()
    return out


def occurrences(hay: str, words: Iterable[str], offset: int = 0) -> list[int] | None:
    """Where each of `words` occurs in `hay` (overlaps included), plus `offset`; None when
    they occur more than once per 64 characters, where a plain regex scan is cheaper than
    trying a pattern at each of them (and a huge text stays fast)."""
    out: list[int] = []
    limit = max(64, len(hay) // 64)
    for w in words:
        i = hay.find(w)
        while i != -1:
            out.append(offset + i)
            if len(out) > limit:
                return None
            i = hay.find(w, i + 1)
    return out

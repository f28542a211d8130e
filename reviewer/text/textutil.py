"""The text layer: folding, lines, sentences, and phrase patterns run only where they can match.

`Normalised` folds a text (case, quotes, spacing) with a map back to original offsets, so an
echo of a question is found loosely while evidence points at the exact characters.

One gating idea serves every phrase family: the words each match of a regex must hold are read
off the regex itself (`required_words`), so a family is written once, as its pattern, and the
regex runs only where `str.find` (C speed) finds one of them. `Gated` runs a pattern near those
words in a long text; `Alternation` tries each branch of a list only in a sentence holding the
branch's words; `Anchored` tries a pattern only where its matches can start (`start_words`). Python's `re` would otherwise try a pattern starting `\\b(` and a long
alternation at every position (1-2 ms on an 8 KB draft).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import accumulate, compress
from typing import NamedTuple

# Curly quotes, dashes and no-break spaces separate words like any character outside these classes.
_WORD_RE = re.compile(r"[a-z0-9£%]+")
_STOP = frozenset(
    """a an the of to in on for and or is are was were be been by with from at as it its this that
    these those any all your you we our us i me my please could would can will do does did have has
    had if so such there their them they which what who whom whose when where how many much
    provide details information copy""".split()
)


class Line(NamedTuple):
    """One line of a text (a tuple: drafts are split into thousands of lines, and a frozen
    dataclass costs several times as much to make)."""

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


def content_words(text: str) -> set[str]:
    """Lower-cased words minus stop-words and very short tokens: for topic overlap."""
    return {w for w in _WORD_RE.findall(text.lower()) if w not in _STOP and len(w) > 2}


class Normalised:
    """Text folded for matching (lower case, runs of non-word characters made one space), with
    `orig(i)` mapping a folded index back. Folding uses C-level operations only (a byte table,
    split, join): it is on every review's hot path. Non-Latin-1 characters separate words, as in `fold`."""

    __slots__ = ("text", "source", "_spaced", "_start", "_lens", "_cum", "_words", "_folded")

    def __init__(self, original: str, start: int = 0, end: int | None = None) -> None:
        src = original[start:end]
        low = src.lower()
        if len(low) != len(src):  # a rare character whose lower case is longer: fold one by one
            low = "".join(ch.lower()[:1] for ch in src)
        # One byte per character ('?' outside Latin-1), every non-word byte made a space.
        self._spaced = low.encode("latin-1", "replace").translate(_SPACE_TABLE).decode("latin-1")
        self.text = " ".join(self._spaced.split())
        self.source = original
        self._start = start
        self._lens: list[int] = []
        self._cum: list[int] = []
        self._words: list[int] = []
        self._folded: list[int] = []

    def _index(self) -> None:
        """Where each word sits, built on the first `orig` call (most folds never need it):
        piece j of a split on single spaces starts at (sum of earlier piece lengths) + j in the
        source."""
        pieces = self._spaced.split(" ")
        self._lens = list(map(len, pieces))
        self._cum = list(accumulate(self._lens))
        self._words = list(compress(range(len(pieces)), pieces))

    def orig(self, i: int) -> int:
        """Original offset of folded index i (a space, or the end, maps to the character after its word)."""
        if not self.text:
            return self._start
        if not self._words:
            self._index()
        if i < _COUNT_UP_TO:  # words wholly before i: spaces counted near the start
            k = min(self.text.count(" ", 0, i), len(self._words) - 1)
            at = self.text.rfind(" ", 0, i) + 1
        else:  # a table bisected far into a huge draft (where counting made alignment quadratic)
            if not self._folded:
                self._folded = list(accumulate(map((1).__add__, map(self._lens.__getitem__, self._words)), initial=0))
            k = min(bisect.bisect_right(self._folded, i), len(self._words)) - 1
            at = self._folded[k]
        j = self._words[k]
        return self._start + self._cum[j] - self._lens[j] + j + min(i - at, self._lens[j])

    def orig_end(self, i: int) -> int:
        """Original exclusive end offset for a folded exclusive end index i."""
        if i <= 0 or not self.text:
            return self.orig(0)
        return self.orig(i - 1) + 1


_COUNT_UP_TO = 20_000  # folded characters (see `Normalised.orig`)
_WORDCHARS_RE = re.compile(r"[0-9a-z£%\u00c0-\u00ff]+")
_WORD_BYTES = frozenset(b"0123456789abcdefghijklmnopqrstuvwxyz%") | {0xA3} | frozenset(range(0xC0, 0x100))
_SPACE_TABLE = bytes(c if c in _WORD_BYTES else 0x20 for c in range(256))


def fold(text: str) -> str:
    """The folded form `Normalised` uses, without the offset map."""
    return " ".join(_WORDCHARS_RE.findall(text.lower()))


# A sentence ends after ?, ! or . and any closing quotes, before a space and a capital or digit
# (the stop is taken, not looked behind for: a leading class is scanned for at C speed), and
# at a line break, whatever ends the line before it: the reply is unwrapped first (`unwrap`),
# so a break left is a paragraph's end ("Dear Ms Smith," then the answer, in Word or text),
# unless the next line starts in lower case (a short e-mail's wrapped line, left as it was).
_SENT_END = re.compile(r"[?!.][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])|\n\s*+(?![a-z])")
_ABBREVS = ("e.g", "i.e", "etc", "no", "nos", "mr", "mrs", "ms", "dr", "st", "approx", "incl", "ref", "vs", "ie", "eg")
_ABBREV_END = re.compile(r"\b(?:" + "|".join(map(re.escape, _ABBREVS)) + r")\.$", re.I)
_ABBREV_LEN = max(map(len, _ABBREVS)) + 1  # the longest text _ABBREV_END can match


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] into sentence spans (absolute offsets), without surrounding space.
    Abbreviation-aware enough for FOI letters ("e.g.", "etc.", "No. 5"); a line break ends one
    unless a lower-case letter follows."""
    out: list[tuple[int, int]] = []
    seg_start = start
    cuts = [(start + m.start() + 1, start + m.end(), "\n" in m.group()) for m in _SENT_END.finditer(text[start:end])]
    for cut, after, line_end in [*cuts, (end, end, True)]:
        tail = text[seg_start:cut].rstrip()
        if not line_end and _ABBREV_END.search(tail, max(0, len(tail) - _ABBREV_LEN)):  # it can only match at the end
            continue
        a = seg_start + len(tail) - len(tail.lstrip())
        if a < seg_start + len(tail):
            out.append((a, seg_start + len(tail)))
        seg_start = after
    return out


# Required words. A pattern is read into parts: `exact`, every text a part can match when
# there are few, and `groups`, sets of texts one of which every match of the part holds.


class _Part(NamedTuple):
    exact: frozenset[str] | None
    groups: tuple[frozenset[str], ...] = ()
    head: frozenset[str] | None = None  # when not exact: texts one of which every match starts with


_ZERO = _Part(frozenset({""}))  # an anchor, a lookaround or a flag: matches no text
_ANY = _Part(None)  # matches texts not worth listing (a class, whitespace, a repeat)


def required_words(pattern: str, verbose: bool = False, case: bool = False) -> tuple[tuple[str, ...], ...]:
    """Groups of lower-case words, rarest first, such that every match of `pattern` (with or
    without IGNORECASE) holds a word of each group; none for a pattern that needs no word.
    With `case`, for a pattern matched case-sensitively throughout, the words as written."""
    part = _Parser(pattern, verbose, case).alternation()
    groups = {_words(g) for g in (*part.groups, *((part.exact,) if part.exact else ()))}
    return tuple(sorted((g for g in groups if g), key=lambda g: (_cost(g), len(g), g)))


def _cost(words: tuple[str, ...]) -> float:
    """How often a group's words can be expected in a text, by a fixed rule: a stop-word or a
    word of one or two letters counts 4, a longer word half as much for each letter past two;
    a word holding another of the group adds nothing."""
    return sum(_word_cost(w) for w in words if not any(v != w and v in w for v in words))


def _word_cost(word: str) -> float:
    return 4.0 if word.lower() in _STOP or len(word) <= 2 else 2.0 ** (3 - len(word))


def _words(texts: frozenset[str]) -> tuple[str, ...]:
    words = {t.strip() for t in texts}
    return () if "" in words else tuple(sorted(words))


_QUANTIFIER = re.compile(r"(?:([?*+])|\{(\d*)(,?)(\d*)\})[?+]?")
_GROUP_HEAD = re.compile(r"\?(?:(<?[=!])|([aiLmsux-]+\))|[aiLmsux-]*[:>]|P<\w+>)")  # 1: lookaround, 2: flags
# Back-references, conditionals, comments, and escapes for characters by number or name.
_UNSUPPORTED = re.compile(r"\\[0-9gxuUN]|\(\?(?:\(|P=|#)")


class _Parser:
    """The part of `re`'s syntax the package's phrase patterns use (a test parses them all):
    enough to know which texts a pattern must contain. Other syntax is refused, not guessed."""

    def __init__(self, pattern: str, verbose: bool, case: bool = False) -> None:
        if bad := _UNSUPPORTED.search(pattern) or (case and re.search(r"\(\?[aLmsux-]*i", pattern)):
            raise ValueError(f"required_words cannot read {bad.group()!r} in {pattern!r}")
        self.p, self.i, self.verbose, self.fold = pattern, 0, verbose, (str if case else str.lower)

    def _peek(self) -> str:
        while self.verbose and self.i < len(self.p) and (self.p[self.i].isspace() or self.p[self.i] == "#"):
            end = self.p.find("\n", self.i) if self.p[self.i] == "#" else self.i + 1
            self.i = len(self.p) if end == -1 else end
        return self.p[self.i] if self.i < len(self.p) else ""

    def alternation(self) -> _Part:
        """Exact alternatives stay exact; otherwise each alternative's rarest group joins one group."""
        alts = [self.sequence()]
        while self._peek() == "|":
            self.i += 1
            alts.append(self.sequence())
        if len(alts) == 1:
            return alts[0]
        if all(a.exact is not None for a in alts):
            return _Part(frozenset().union(*(a.exact for a in alts if a.exact is not None)))
        best, heads = [], [a.exact or a.head for a in alts]
        for a in alts:
            options = [g for g in (*a.groups, a.exact) if g is not None and _words(g)]
            if not options:
                return _ANY
            best.append(min(options, key=lambda g: (_cost(_words(g)), len(g))))
        return _Part(None, (frozenset().union(*best),), None if None in heads else frozenset().union(*filter(None, heads)))

    def sequence(self) -> _Part:
        """Adjacent exact parts join into words (any other part ends one); a word becomes a group."""
        groups: list[frozenset[str]] = []
        run: frozenset[str] | None = frozenset({""})
        closed = False
        head: frozenset[str] | None = None
        while self._peek() not in ("", "|", ")"):
            p = self.quantified(self.atom())
            groups += p.groups
            if run is not None and p.exact is not None and len(run) * len(p.exact) <= 64:
                run = frozenset(a + b for a in run for b in p.exact)
                continue
            if not closed and run is not None:  # a match starts with the exact run, then as this part does
                head = run if (s := p.exact or p.head) is None or len(run) * len(s) > 64 else frozenset(a + b for a in run for b in s)
            closed = True
            if run is not None:
                groups.append(run)
            run = p.exact
        if not closed:
            return _Part(run, tuple(groups))
        return _Part(None, (*groups, *((run,) if run is not None else ())), head)

    def quantified(self, part: _Part) -> _Part:
        m = _QUANTIFIER.match(self.p, self.i) if self._peek() else None
        if m is None:
            return part
        self.i = m.end()
        q, lo_s, comma, hi_s = m.group(1, 2, 3, 4)
        if q:
            lo, hi = {"?": (0, 1), "*": (0, None), "+": (1, None)}[q]
        else:
            lo = int(lo_s or 0)
            hi = int(hi_s) if hi_s else (None if comma else lo)
        if lo == 0:
            return _Part(part.exact | {""}) if hi == 1 and part.exact is not None else _ANY
        if lo == hi == 1:
            return part
        return _Part(None, (*part.groups, *((part.exact,) if part.exact is not None else ())), part.exact or part.head)

    def atom(self) -> _Part:
        p, ch = self.p, self.p[self.i]
        self.i += 1
        if ch == "(":
            head = _GROUP_HEAD.match(p, self.i)
            self.i = head.end() if head else self.i
            if head and head.group(2):
                return _ZERO
            inner = self.alternation()
            self.i += 1  # ")"
            return _ZERO if head and head.group(1) else inner
        if ch == "[":
            end = self.i + 1 if p[self.i : self.i + 1] == "]" or p[self.i : self.i + 2] == "^]" else self.i
            while p[end] != "]":
                end += 1 + (p[end] == "\\")
            body, self.i = p[self.i : end], end + 1
            members = set() if re.search(r"^\^|\\[a-zA-Z]|.-.", body) else set(re.sub(r"\\(.)", r"\1", body))
            few = 0 < len(members) <= 8 and not any(c.isspace() for c in members)
            return _Part(frozenset(map(self.fold, members))) if few else _ANY
        if ch == "\\":
            esc = p[self.i]
            self.i += 1
            if esc in "bBAZ":
                return _ZERO
            return _ANY if esc.isalnum() else _Part(frozenset({self.fold(esc)}))
        if ch in "^$":
            return _ZERO
        return _ANY if ch == "." or ch.isspace() else _Part(frozenset({self.fold(ch)}))


class Phrase:
    """A pattern with what lets it run only where it can match, and fast where it runs.

    `needs` are word groups every match holds (`required_words`: the rarest, and the next when
    its words are rare, since "the" or "in" would pass nearly any text); `twin` is the pattern
    for the lower case (`_caseless_twin`), which `re` runs 3-10 times as fast as IGNORECASE, as
    it can jump to a literal's first letters. Matches are always the pattern's own, on the text."""

    __slots__ = ("rx", "twin", "needs")

    def __init__(self, rx: re.Pattern[str]) -> None:
        groups = required_words(rx.pattern, bool(rx.flags & re.VERBOSE))
        self.needs = groups[:1] + tuple(g for g in groups[1:2] if max(map(_word_cost, g)) <= 0.5)
        self.rx, self.twin = rx, _caseless_twin(rx)

    def on(self, text: str, low: str, start: int = 0, end: int | None = None) -> tuple[re.Pattern[str], str]:
        """The pattern to run and the text to run it on: the twin on `low` (`text.lower()`)
        wherever it finds the same matches at the same places (the same length, and no
        `CASE_TRAPS` character in text[start:end] or the one before, which `\\b` reads), else
        the pattern itself on `text`."""
        if self.twin is not None and len(low) == len(text) and (low.isascii() or not case_trapped(low[max(0, start - 1) : end])):
            return self.twin, low
        return self.rx, text

    def is_in(self, text: str, low: str | None = None) -> bool:
        """`rx.search(text) is not None`, searched only where the words are."""
        low = text.lower() if low is None else low
        if not (has_words(low, self.needs) or case_trapped(low)):
            return False
        rx, hay = self.on(text, low)
        return rx.search(hay) is not None

    def search(self, text: str, start: int = 0, end: int | None = None, low: str | None = None) -> re.Match[str] | None:
        rx, hay = self.on(text, text.lower() if low is None else low, start, end)
        m = rx.search(hay, start, len(text) if end is None else end)
        return m if m is None or hay is text else self.rx.match(text, m.start(), len(text) if end is None else end)

    def sub(self, repl: str, text: str, low: str | None = None) -> str:
        """`rx.sub` with a literal `repl`."""
        found, hay = self.on(text, text.lower() if low is None else low)
        out: list[str] = []
        at = 0
        for m in found.finditer(hay):
            out += (text[at : m.start()], repl)
            at = m.end()
        return "".join(out) + text[at:] if out else text


class Gated(Phrase):
    """A phrase run only within `radius` characters of the words all its matches hold, in a
    text too long for one search: `re` would try it at every position."""

    __slots__ = ("triggers", "radius")

    def __init__(self, rx: re.Pattern[str], radius: int = 160) -> None:
        super().__init__(rx)
        group = self.needs[0] if self.needs else ()
        # A word holding another trigger adds no hit of its own ("withheld", "held"); the
        # commonest come first, so that a passage dense with them is known to be so soon.
        kept = [w for w in group if not any(v != w and v in w for v in group)]
        self.triggers, self.radius = tuple(sorted(kept, key=lambda w: (-_word_cost(w), w))), radius

    def _windows(self, text: str, start: int, end: int, low: str | None) -> list[tuple[int, int]]:
        """Each trigger hit's window, merged; the whole passage when it is short ("Yes.",
        "£12,000": the pattern is cheaper than the search) or dense with hits (their windows
        would cover half of it, and one scan costs less than many)."""
        if end - start <= 48 or not self.triggers:
            return [(start, end)]
        off = 0
        if low is None or len(low) != len(text):
            low, off = text[start:end].lower(), start
            if len(low) != end - start:  # a character whose lower case is longer: search it all
                return [(start, end)]
        hits = occurrences(low, self.triggers, off, (end - start) // (2 * self.radius), start - off, end - off)
        if hits is None:
            return [(start, end)]
        windows: list[tuple[int, int]] = []  # each hit's window, clipped; windows that meet merge
        r = self.radius
        for h in sorted(hits):
            if windows and h - r <= windows[-1][1]:
                windows[-1] = (windows[-1][0], min(end, h + r))
            else:
                windows.append((max(start, h - r), min(end, h + r)))
        return windows

    def steps(self, text: str, start: int = 0, end: int | None = None, low: str | None = None) -> Iterator[int | re.Match[str]]:
        """The matches in text[start:end] in order, with the start of each window and of each
        stretch of a long one (an int: every match before it has been given) before its
        matches: a reader that wants only the matches before some point stops at the first
        int past it, however far the next match is (`status._Stream`)."""
        end = len(text) if end is None else end
        rx, hay = (self.rx, text) if low is None else self.on(text, low, start, end)
        last, reach = -1, 2 * self.radius  # a match lies within `radius` of a trigger in it
        for a, b in self._windows(text, start, end, low):
            # A long window is read a stretch at a time (the matches starting in it, searched as
            # far as one can reach), each twice the last: a reader asking about the first
            # sentences stops early, and one reading to the end re-reads little.
            p, size = a, _STRETCH
            while p < b:
                q, e = min(b, p + size), min(b, p + size + reach)
                yield p
                for m in rx.finditer(hay, max(p, last), e):
                    if m.start() >= q:
                        break
                    last = m.end()
                    yield m if hay is text else (self.rx.match(text, m.start(), e) or m)
                p, size = q, 2 * size

    def finditer(self, text: str, start: int = 0, end: int | None = None, low: str | None = None) -> list[re.Match[str]]:
        return [m for m in self.steps(text, start, end, low) if not isinstance(m, int)]

    def search(self, text: str, start: int = 0, end: int | None = None, low: str | None = None) -> re.Match[str] | None:
        for m in self.steps(text, start, end, low):
            if not isinstance(m, int):
                return m
        return None


_STRETCH = 512  # characters, the first stretch of a long window (`Gated.steps`); 256 and 1024 measured slower


class Alternation:
    """A regex alternation whose branches are tried only in a text holding their words (each a
    `Phrase`): `re` tries every branch at every position, and a branch without its words cannot
    match, so dropping it changes no search, match or substitution. A text holding one of
    `CASE_TRAPS` keeps every branch (IGNORECASE may match a word's letter with it)."""

    __slots__ = ("branches", "flags", "_joined")

    def __init__(self, patterns: tuple[str, ...], flags: int = 0) -> None:
        self.branches = tuple(Phrase(re.compile(p, flags)) for p in patterns)
        self.flags = flags
        self._joined: dict[tuple[int, ...], Phrase | None] = {}

    @property
    def pattern(self) -> str:
        return "|".join(b.rx.pattern for b in self.branches)

    @property
    def words(self) -> tuple[str, ...]:
        """Words one of which is in every match (each branch's best group), less those that
        start with another ("complaints", "complaint"): each of their occurrences is one of it."""
        found = {w for b in self.branches for w in (b.needs[0] if b.needs else ("",))}
        return tuple(sorted(w for w in found if not any(v != w and w.startswith(v) for v in found)))

    def _kept(self, low: str) -> Phrase | None:
        """The alternation of the branches that can match a text whose lower case is `low`."""
        trapped = case_trapped(low)
        keep = tuple(i for i, b in enumerate(self.branches) if trapped or has_words(low, b.needs))
        if keep not in self._joined:
            self._joined[keep] = Phrase(re.compile("|".join(self.branches[i].rx.pattern for i in keep), self.flags)) if keep else None
        return self._joined[keep]

    def search(self, text: str, low: str | None = None) -> re.Match[str] | None:
        low = text.lower() if low is None else low
        joined = self._kept(low)
        return None if joined is None else joined.search(text, low=low)

    def sub(self, repl: str, text: str, low: str | None = None) -> str:
        """`re.sub` of the whole alternation with a literal `repl`."""
        low = text.lower() if low is None else low
        joined = self._kept(low)
        return text if joined is None else joined.sub(repl, text, low)

    def is_in(self, text: str, low: str | None = None) -> bool:
        """`bool(re.search(pattern, text, flags))` of the whole alternation, a branch at a time
        (a plain loop: this runs for most sentences of a draft, and generators cost more)."""
        low = text.lower() if low is None else low
        for b in self.branches:
            if b.is_in(text, low):
                return True
        return False


_ESCAPE_RE = re.compile(r"\\(.)", re.S)
# Inline flags, lookbehind, conditionals and named back-references (which refer to groups).
_CASE_SENSITIVE_SYNTAX_RE = re.compile(r"\(\?[aiLmsux-]|\(\?<[=!]|\(\?\(|\(\?P=")
# What the twin rewrites: an escape (kept), a class, a named group (kept), a capturing "(", a letter.
_TWIN_TOKEN_RE = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]])*\]|\(\?P<\w+>|\((?!\?)|[A-Z]")
_CLASS_LETTER_RE = re.compile(r"\\.|[A-Z]")


def _caseless_twin(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """`rx` for lower-cased text: no IGNORECASE, letters lowered, no captures (so `re` can skip
    an alternative on its first letter). None unless the pattern is ASCII, with no escapes but
    `\\b \\d \\s \\w` (either case), flags, conditionals or lookbehind: then a letter matches
    a character exactly when it is its lower case (bar `CASE_TRAPS`, checked)."""
    if not rx.flags & re.IGNORECASE or not rx.pattern.isascii():
        return None
    if any(c.isalnum() and c not in "bBdDsSwW" for c in _ESCAPE_RE.findall(rx.pattern)):
        return None
    if _CASE_SENSITIVE_SYNTAX_RE.search(_ESCAPE_RE.sub("", rx.pattern)):
        return None
    return re.compile(_TWIN_TOKEN_RE.sub(_twin_token, rx.pattern), rx.flags & ~re.IGNORECASE)


def _twin_token(m: re.Match[str]) -> str:
    tok = m.group()
    if tok == "(":
        return "(?:"
    if tok[0] == "[":
        return _CLASS_LETTER_RE.sub(_twin_token, tok)
    return tok.lower() if len(tok) == 1 else tok


# Characters IGNORECASE matches to an ASCII letter that is not their lower case ('ı', 'ſ', and
# U+0307, which 'İ' leaves): where one is, words looked for in the lower case prove nothing.
CASE_TRAPS = ("\u0131", "\u017f", "\u0307")


def case_trapped(low: str) -> bool:
    """Whether `low` holds one of `CASE_TRAPS` (never, in an ASCII text)."""
    return not low.isascii() and any(t in low for t in CASE_TRAPS)


def has_words(low: str, needs: tuple[tuple[str, ...], ...]) -> bool:
    """Every group of `needs` has a word in `low` (plain loops: cheaper than generators)."""
    for group in needs:
        for w in group:
            if w in low:
                break
        else:
            return False
    return True


def phrase_in(low: str, phrase: str) -> bool:
    """Whether `phrase` occurs in `low` with each space standing for any whitespace or none
    ("unable\\nto", "reg11"): hints are found however a draft was wrapped."""
    if phrase in low:
        return True
    parts = phrase.split(" ")
    if len(parts) == 1 or any(w not in low for w in parts):
        return False  # a loose match holds every word
    return _loose(phrase).search(low) is not None


@lru_cache(maxsize=512)
def _loose(phrase: str) -> re.Pattern[str]:
    return re.compile(r"\s*".join(map(re.escape, phrase.split(" "))))


def lowered(text: str, start: int = 0, end: int | None = None) -> str:
    """`text[start:end].lower()`, cached: many finders lower the same reply, some spelling the
    end of the text as None (one cache entry for both spellings: measured, one lower per review)."""
    return _lowered(text, start, len(text) if end is None else end)


@lru_cache(maxsize=8)
def _lowered(text: str, start: int, end: int) -> str:
    return text[start:end].lower()


@lru_cache(maxsize=4)
def char_classes(text: str, table: bytes) -> bytes | None:
    """`text` as one byte per character mapped through `table` ('?' outside Latin-1), or None
    if `\\d` matches a non-ASCII character in it: `bytes.find` then finds runs of a class at
    memchr speed (digits and phone numbers, several times faster than their regexes)."""
    if not text.isascii():
        rest = text.encode("utf-8", "surrogatepass").translate(None, bytes(range(128))).decode("utf-8", "surrogatepass")
        if any(ch.isdecimal() for ch in set(rest)):
            return None
    return text.encode("latin-1", "replace").translate(table)


def digit_runs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The spans of `re.finditer(r"\\d+", text, start, end)`, found by `bytes.find` (`char_classes`):
    five times as fast, and citations are looked for from every digit run of a draft."""
    start, end = max(start, 0), len(text) if end is None else max(min(end, len(text)), 0)
    marks = char_classes(text, _DIGIT_MARKS)
    if marks is None:
        return [m.span() for m in _DIGITS_RE.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    i = marks.find(b"0", start, end)
    while i != -1:
        j = marks.find(b" ", i, end)
        j = end if j == -1 else j
        out.append((i, j))
        i = marks.find(b"0", j, end)
    return out


_DIGIT_MARKS = bytes(0x30 if 0x30 <= c <= 0x39 else 0x20 for c in range(256))
_DIGITS_RE = re.compile(r"\d+")


def start_words(pattern: str, verbose: bool = False) -> tuple[str, ...] | None:
    """Lower-case texts one of which every match of `pattern` starts with, none starting with
    another (a space ends one): ("kind", "yours") for `\\b(?:yours|kind\\s+regards)`; None when
    a match can start with a text not listed (a class, `\\w`, an optional part)."""
    part = _Parser(pattern, verbose).alternation()
    heads = part.exact or part.head  # an exact set is never empty
    return None if heads is None or "" in heads else tuple(sorted(w for w in heads if not any(v != w and w.startswith(v) for v in heads)))


class Anchored:
    """A regex tried only where a start word is, where `re` tries every position (inline names: 550 us
    on 7.5 KB, under 100 us so); led by `LINE_HEAD` under MULTILINE, at line starts before blanks and one,
    found in C (`re` skips to a literal "\\n"; a `str.find` per word cost 5x). None, too many, or `CASE_TRAPS`: `finditer`."""

    LINE_HEAD = "^[ \\t]*"

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        line = rx.pattern.startswith(self.LINE_HEAD) and bool(rx.flags & re.MULTILINE)
        self.words = start_words(rx.pattern[len(self.LINE_HEAD) * line :], bool(rx.flags & re.VERBOSE))
        self.lines = re.compile(f"\\n{self.LINE_HEAD[1:]}(?:{'|'.join(map(re.escape, self.words))})") if line and self.words else None

    def finditer(self, text: str, start: int = 0, end: int | None = None, low: str | None = None) -> list[re.Match[str]]:
        """`list(rx.finditer(text, start, end))`; `low` is `text[start:end].lower()` if known."""
        end = len(text) if end is None else min(end, len(text))
        low = text[start:end].lower() if low is None else low
        at = None if self.words is None or len(low) != end - start or case_trapped(low) else (
            occurrences(low, self.words, start) if self.lines is None else [start, *(start + m.start() + 1 for m in self.lines.finditer(low))])
        if at is None:
            return list(self.rx.finditer(text, start, end))
        out: list[re.Match[str]] = []  # like finditer's, each starting at or after the last one's end
        for q in sorted(set(at)):
            if (not out or q >= out[-1].end()) and (m := self.rx.match(text, q, end)):
                out.append(m)
        return out


def occurrences(hay: str, words: Iterable[str], offset: int = 0, most: int | None = None, start: int = 0, end: int | None = None) -> list[int] | None:
    """Where each of `words` occurs in hay[start:end], plus `offset`; None when there are more
    than `most` (by default one per 64 characters): then one regex scan of the whole passage
    is cheaper than trying a pattern at each (or in a window around each, `Gated`)."""
    end = len(hay) if end is None else end
    most = max(64, (end - start) // 64) if most is None else most
    out: list[int] = []
    for w in words:
        i = hay.find(w, start, end)
        while i != -1:
            out.append(offset + i)
            if len(out) > most:
                return None
            i = hay.find(w, i + 1, end)
    return out

"""Small text helpers shared by request parsing and answer alignment.

The key one is `Normalised`: a lower-cased, punctuation-folded copy of a text with a map back
to original offsets, so that "find the question's echo in the draft" can ignore curly quotes,
spacing and case while evidence still points at the exact original characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
        "\u00a0": " ", "\u2022": " ", "\u00b7": " ",
    }
)

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
    return _WORD_RE.findall(text.lower().translate(_FOLD))


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

    __slots__ = ("text", "source", "_spaced", "_lens", "_cum", "_words", "_start", "_end")

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

    def _index(self) -> None:
        """Where each word sits in the original, built on the first `orig` call only (a draft
        answered in prose never needs it) and with C-level iteration only: split on single
        spaces, so piece j starts at (sum of earlier piece lengths) + j."""
        pieces = self._spaced.split(" ")
        self._lens = list(map(len, pieces))
        self._cum = list(accumulate(self._lens))
        self._words = list(compress(range(len(pieces)), pieces))

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
        k = self.text.count(" ", 0, i)  # words wholly before i
        if self.text[i] == " ":  # the joining space after word k
            return self._word_start(k) + self._lens[self._words[k]]
        return self._word_start(k) + (i - self.text.rfind(" ", 0, i) - 1)

    def orig_end(self, i: int) -> int:
        """Original exclusive end offset for a folded exclusive end index i."""
        if i <= 0 or not self.text:
            return self.orig(0)
        return self.orig(i - 1) + 1


_WORDCHARS_RE = re.compile(r"[0-9a-z£%\u00c0-\u00ff]+")
_WORD_BYTES = frozenset(b"0123456789abcdefghijklmnopqrstuvwxyz%") | {0xA3} | frozenset(range(0xC0, 0x100))
_SPACE_TABLE = bytes(c if c in _WORD_BYTES else 0x20 for c in range(256))


def fold(text: str) -> str:
    """The folded form `Normalised` uses, without the offset map."""
    return " ".join(_WORDCHARS_RE.findall(text.lower().translate(_FOLD)))

_SENT_END = re.compile(r"(?<=[?!.])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])")
_ABBREV_END = re.compile(r"\b(?:e\.g|i\.e|etc|no|nos|mr|mrs|ms|dr|st|approx|incl|ref|vs|ie|eg)\.$", re.I)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] into sentence spans (absolute offsets). Abbreviation-aware enough
    for FOI letters ("e.g.", "etc.", "No. 5")."""
    out: list[tuple[int, int]] = []
    seg_start = start
    chunk = text[start:end]
    for m in _SENT_END.finditer(chunk):
        cut = start + m.start()
        candidate = text[seg_start:cut]
        if _ABBREV_END.search(candidate.rstrip()):
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
    must be lower case and present in every possible match (tests check the patterns against
    examples), and a match must fit within `radius` characters of its trigger.
    """

    __slots__ = ("rx", "triggers", "radius")

    def __init__(self, rx: re.Pattern[str], triggers: tuple[str, ...], radius: int = 160) -> None:
        self.rx = rx
        self.triggers = triggers
        self.radius = radius

    def _windows(self, text: str, start: int, end: int, low: str | None) -> list[tuple[int, int]]:
        if end - start <= 48:  # "Yes.", "£12,000": the pattern is cheaper than the search
            return [(start, end)]
        if low is not None and len(low) == len(text):
            seg, base = low, 0
        else:
            seg, base = text[start:end].lower(), start  # lower only the part searched
            if len(seg) != end - start:  # a character whose lower case is longer: scan it all
                return [(start, end)]
        lo, hi = start - base, end - base
        hits: list[int] = []
        for t in self.triggers:
            i = seg.find(t, lo, hi)
            while i != -1:
                hits.append(i + base)
                i = seg.find(t, i + 1, hi)
        if not hits:
            return []
        hits.sort()
        r = self.radius
        windows: list[tuple[int, int]] = []
        for h in hits:
            a, b = max(start, h - r), min(end, h + r)
            if windows and a <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], b))
            else:
                windows.append((a, b))
        return windows

    def finditer(self, text: str, start: int = 0, end: int | None = None, low: str | None = None) -> list[re.Match[str]]:
        end = len(text) if end is None else end
        out: list[re.Match[str]] = []
        last = -1
        for a, b in self._windows(text, start, end, low):
            for m in self.rx.finditer(text, a, b):
                if m.start() >= last:
                    out.append(m)
                    last = m.end()
        return out

    def search(self, text: str, start: int = 0, end: int | None = None, low: str | None = None) -> re.Match[str] | None:
        end = len(text) if end is None else end
        for a, b in self._windows(text, start, end, low):
            m = self.rx.search(text, a, b)
            if m:
                return m
        return None


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
        if self._nocase and ("\u0131" in low or "\u017f" in low or "\u0307" in low):
            return tuple(range(len(self.branches)))  # the _CASE_TRAPS: keep every branch
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
        trapped = self._nocase and ("\u0131" in low or "\u017f" in low or "\u0307" in low)
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


def has_words(low: str, needs: tuple[tuple[str, ...], ...]) -> bool:
    """Every group of `needs` has a word in `low` (plain loops: generator expressions cost
    more than the `in` tests themselves on a sentence)."""
    for group in needs:
        for w in group:
            if w in low:
                break
        else:
            return False
    return True


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

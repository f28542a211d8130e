"""Find exemption / exception / refusal-ground citations in free text, and the regime.

Officers write citations in many shapes ("s.31(1)(a)", "S31(1)(a)", "Section 31 (1) (a)",
"sections 31(1)(a), (b) and (c)", "31(1)(a)-(c)", "regulations 10(4)(d), 10(4)e) and
10(5)(d)", "section 31 and 24 of the Freedom of Information Act"). Every check downstream
needs them as one canonical `Citation` (`FOIA:31(1)(a)`), so parsing happens once, here.

`find_citations` returns only citations that can be a ground for refusing: exemptions,
exceptions, NCND provisions and the s.12/s.14 refusal grounds, including unknown numbers in
the exemption range (so a mistyped section is flagged rather than silently lost). Procedural
sections (s.1, 10, 16, 17, 45, 50; FOISA 15-21, 47; EIR regs 5, 7, 9, 11, 14, 18) and
sections of other Acts (Data Protection Act, Environmental Protection Act...) are dropped,
because reporting them as exemptions would be a false finding.

All regexes are compiled once at import; each call is one linear scan plus small fixed-size
look-arounds per match.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from reviewer.core.document import Span
from reviewer.core.model import Citation, Regime
from reviewer.law import is_refusal_ground
from reviewer.text.textutil import (
    Anchored,
    digit_runs,
    lowered,
    phrase_in,
    required_words,
)

__all__ = ["detect_regime", "find_citations"]

# --- building blocks --------------------------------------------------------------------------

_TOKEN = r"(?:\d{1,2}[A-Z]?|[ivx]{1,4}|[a-z]{1,2})"
_GROUP = rf"(?:[ \t]*\([ \t]*{_TOKEN}[ \t]*\)|(?<=\)){_TOKEN}\))"
_PATH = rf"(?:{_GROUP})*"
_NUM = r"\d{1,2}[A-Z]?(?![\d/:]|[.,]\d)"
_NB = r"(?<![\w'’.£$/-])"  # not inside a word, a possessive, a decimal or money

_SEC_PREFIX = r"(?i:sections?|sects?\.?|secs?\.?|ss?\.)[ \t]*|(?i:s)[ \t]?(?=\d)"
_REG_PREFIX = r"(?i:regulations?|regs?\.?|r\.)[ \t]*"
_ACT_ABBR = r"(?:FOIA|FOISA|FOI\(S\)A|EIRs?|EISRs?)"

_CITE_RE = re.compile(
    rf"{_NB}(?:(?P<sec>{_SEC_PREFIX})|(?P<reg>{_REG_PREFIX})|(?P<abbr>{_ACT_ABBR})[ \t]+)"
    rf"(?P<num>{_NUM})(?P<path>{_PATH})"
    rf"|{_NB}(?P<bnum>{_NUM})(?P<bpath>(?:{_GROUP}){{2,}}|{_GROUP}(?=[ \t]+(?:of[ \t]+)?(?:the[ \t]+)?{_ACT_ABBR}\b))"
)
_TOKEN_RE = re.compile(_TOKEN)
_PREFIX_BACK_RE = re.compile(
    rf"{_NB}(?:(?i:sections?|sects?\.?|secs?\.?|ss?\.)[ \t]*|(?i:s)[ \t]?|{_REG_PREFIX}|{_ACT_ABBR}[ \t]+)$"
)

_CONNECTOR = r"[ \t]*(?P<conn>,[ \t]*(?:and|or|&)?|and/or|and|or|&|/|to|-|–|—)[ \t]*"
_CONT_RE = re.compile(
    rf"{_CONNECTOR}(?:the[ \t]+)?(?P<pre>(?i:sections?|s\.|regulations?|regs?\.?|r\.)[ \t]*)?"
    rf"(?:(?P<num>{_NUM})(?P<path>{_PATH})|(?P<opath>(?:[ \t]*\([ \t]*{_TOKEN}[ \t]*\))+))"
)
_UNIT_RE = re.compile(
    r"[ \t]*(?:hours?|hrs?|days?|working|weeks?|months?|years?|minutes?|mins?|%|per\b|pounds?|"
    r"pages?|staff|people|cameras|requests?|questions?)",
    re.I,
)

_FOI_NAMES: tuple[tuple[Regime, re.Pattern[str]], ...] = (
    (Regime.FOISA, re.compile(r"Freedom of Information \(Scotland\) Act|\bFOI\(S\)A\b|\bFOISA\b", re.I)),
    (Regime.EISR, re.compile(r"Environmental Information \(Scotland\) Regulations|\bEISRs?\b", re.I)),
    (Regime.FOIA, re.compile(r"Freedom of Information Act|\bFOIA\b|\bFOI Act\b", re.I)),
    (Regime.EIR, re.compile(r"Environmental Information Regulations|\bEIRs?\b", re.I)),
)
_NAME_WORD = r"(?:[A-Z][\w'’-]*|\([A-Z][a-z]+\)|of|and|for|the|on|in)"
_ATTACH_AFTER_RE = re.compile(
    rf"[ \t]*,?[ \t]*(?:(?:of|under|in|within)[ \t]+)?(?:the[ \t]+)?"
    rf"(?P<name>(?:{_NAME_WORD}[ \t]+){{0,7}}?(?:Act|Regulations|{_ACT_ABBR}))\b"
)
_ATTACH_BEFORE_RE = re.compile(
    rf"(?P<name>(?:{_NAME_WORD}[ \t]+){{0,7}}(?:Act|Regulations|{_ACT_ABBR}))(?:[ \t]+\d{{4}})?[ \t]*,?[ \t]*$"
)
# Every _ATTACH_BEFORE_RE match holds one of these, in the case written ("Act", "FOIA"): in
# the lower case, "contact", "fact" and "their" would pass the gate (86 of 320 citations of the
# dev set and bench drafts, against 24).
_ATTACH_NEEDLES = required_words(_ATTACH_BEFORE_RE.pattern, case=True)[0]
_OTHER_ACT_RE = re.compile(
    rf"(?:{_NAME_WORD}[ \t]+){{1,7}}(?:Act|Regulations)\b"
    r"|\b(?:Environmental Protection|Data Protection|Anti-?social Behaviour|Local Government|"
    r"Town and Country Planning|Road Traffic|Highways|Companies|Human Rights|Equality) (?:Act|\d{4})",
)
_GROUND_RE = re.compile(r"exempt|exception|withh[oe]ld|refus|redact|engag|rely|relied|applying|appl(?:y|ies)\b", re.I)
_NEGATED_RE = re.compile(r"(?:\bnot|n[’']t)[ \t]+(?:exceed|breach|meet|reach|engage|apply|be)\w*[ \t]+(?:the[ \t]+)?(?:limits?[ \t]+(?:of|in|under)[ \t]+)?$", re.I)
_SENT_END_RE = re.compile(r"[.!?;](?=\s)|\n")
_SENT_END_BACK_RE = re.compile(r"\n|(?<=\s)[.!?;]")  # _SENT_END_RE on reversed text

_ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"})
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN_SEQ = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


@dataclass
class _Raw:
    """One citation before its regime is settled."""

    kind: str  # "sec", "reg" or "bare"
    number: str
    path: tuple[str, ...]
    start: int
    end: int
    abbr_regime: Regime | None = None


# --- path helpers -----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _tokens(path: str) -> tuple[str, ...]:
    """Cached: a draft repeats the same few paths ("(2)", "(1)(a)") thousands of times."""
    return tuple(_TOKEN_RE.findall(path))


def _classes(path: tuple[str, ...]) -> list[str]:
    """Level class of each token: `num`, then the first alpha level `letter`, the next `roman`."""
    out: list[str] = []
    alpha_seen = 0
    for t in path:
        if t[0].isdigit():
            out.append("num")
        else:
            out.append("letter" if alpha_seen == 0 else "roman")
            alpha_seen += 1
    return out


def _token_class(tok: str, prev: tuple[str, ...]) -> str:
    if tok[0].isdigit():
        return "num"
    if tok in _ROMAN and (len(tok) > 1 or "roman" in _classes(prev)):
        return "roman"
    return "letter"


def _graft(prev: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    """`31(1)(a)` + `(b)` -> `(1)(b)`; `35(1)(g)` + `(2)(b)` -> `(2)(b)`."""
    if not prev or not new:
        return prev + new
    cls = _token_class(new[0], prev)
    classes = _classes(prev)
    for i in range(len(classes) - 1, -1, -1):
        if classes[i] == cls:
            return prev[:i] + new
    return prev + new


def _expand_range(a: str, b: str) -> list[str]:
    """Tokens strictly between `a` and `b` of the same kind: `a`..`d` -> `b`, `c`."""
    if a.isdigit() and b.isdigit():
        lo, hi = int(a), int(b)
        return [str(n) for n in range(lo + 1, hi)] if 0 < hi - lo <= 10 else []
    if a in _ROMAN and b in _ROMAN and (len(a) > 1 or len(b) > 1 or a == "i"):
        i, j = _ROMAN_SEQ.index(a), _ROMAN_SEQ.index(b)
        return list(_ROMAN_SEQ[i + 1 : j]) if 0 < j - i <= 10 else []
    if len(a) == 1 and len(b) == 1 and a.isalpha() and b.isalpha():
        i, j = _LETTERS.index(a), _LETTERS.index(b)
        return list(_LETTERS[i + 1 : j]) if 0 < j - i <= 10 else []
    return []


# --- scanning -----------------------------------------------------------------------------------


def _abbr_regime(abbr: str, scottish: bool) -> Regime:
    a = abbr.upper()
    if a.startswith("EISR") or (a.startswith("EIR") and scottish):
        return Regime.EISR
    if a.startswith("EIR"):
        return Regime.EIR
    return Regime.FOISA if "S" in a[3:] else Regime.FOIA


def _chain(text: str, m: re.Match[str], end: int, scottish: bool) -> list[_Raw]:
    """The citation at `m` plus any list/range continuation after it."""
    if m.group("bnum"):
        first = _Raw("bare", m.group("bnum"), _tokens(m.group("bpath")), m.start(), m.end())
    else:
        kind = "sec" if m.group("sec") is not None else "reg"
        abbr = m.group("abbr")
        first = _Raw(kind, m.group("num"), _tokens(m.group("path")), m.start(), m.end())
        if abbr:
            first.abbr_regime = _abbr_regime(abbr, scottish)
            first.kind = "reg" if first.abbr_regime.regulations else "sec"
    out = [first]
    pos = m.end()
    while True:
        c = _CONT_RE.match(text, pos, end)
        if c is None:
            break
        prev = out[-1]
        num, path = c.group("num", "path")
        if num is not None:
            if not path and _UNIT_RE.match(text, c.end(), end):
                break
            at = c.start("pre") if c.group("pre") else c.start("num")
            out.append(_Raw(prev.kind, num, _tokens(path), at, c.end(), prev.abbr_regime))
        else:
            conn = c.group("conn").strip(" \t,")
            new = _tokens(c.group("opath"))
            if not prev.path:
                break
            path = _graft(prev.path, new)
            if conn in ("-", "–", "—", "to") and len(new) == 1 and len(path) == len(prev.path):
                for tok in _expand_range(prev.path[-1], new[0]):
                    mid = _Raw(prev.kind, prev.number, path[:-1] + (tok,), c.start("opath"), c.end())
                    mid.abbr_regime = prev.abbr_regime
                    out.append(mid)
            item = _Raw(prev.kind, prev.number, path, c.start("opath"), c.end())
            item.abbr_regime = prev.abbr_regime
            out.append(item)
        pos = c.end()
    return out


def _name_regime(name: str, scottish: bool) -> Regime | None | str:
    """Regime named by an Act/Regulations name; `"implicit"` for a bare "the Act"; `"other"`
    for any other Act."""
    for regime, rx in _FOI_NAMES:
        if rx.search(name):
            if regime is Regime.EIR and scottish:
                return Regime.EISR
            return regime
    words = name.split()
    if len(words) == 1 or (len(words) == 2 and words[0].lower() == "the"):
        return "implicit"
    return "other"


def _attached(text: str, start: int, end: int, limit: int, scottish: bool) -> Regime | str | None:
    """The Act named right after (`... of the Freedom of Information Act`) or right before
    (`Data Protection Act 2018 s.45`, `FOIA s.40(2)`) a citation chain."""
    a = _ATTACH_AFTER_RE.match(text, end, min(limit, end + 90))
    if a is not None:
        got = _name_regime(a.group("name"), scottish)
        if got is not None:
            return got
    lo = max(0, start - 90)
    # Every match holds one of these literals; most citations have none in the 90 characters
    # before them, and str.find is far cheaper than trying the pattern at each of them.
    if not any(text.find(w, lo, start) != -1 for w in _ATTACH_NEEDLES):
        return None
    b = _ATTACH_BEFORE_RE.search(text, lo, start)
    if b is not None:
        return _name_regime(b.group("name"), scottish)
    return None


class _Sentences:
    """The sentence around a citation, at most 400 characters either side: from just after the
    last sentence end (`_SENT_END_RE`) before it to the first one after it.

    A few citations look at their two windows directly (the start found by searching the
    reversed window, which stops at the nearest sentence end). Past `_INDEX_AFTER` of them,
    every sentence end of the text is listed once and each lookup is a bisect: 100,000
    citations on one long line without a full stop would otherwise read 800 characters each.
    Both ways give what `_SENT_END_RE` gives on each window (a full stop counts only when the
    window holds the whitespace after it)."""

    _INDEX_AFTER = 64

    def __init__(self, text: str) -> None:
        self.text = text
        self.calls = 0
        self.ends: list[int] | None = None  # every match start of _SENT_END_RE in the text

    def around(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        lo, hi = max(0, start - 400), min(len(text), end + 400)
        self.calls += 1
        if self.ends is None and self.calls > self._INDEX_AFTER:
            self.ends = [m.start() for m in _SENT_END_RE.finditer(text)]
        if self.ends is None:
            back = _SENT_END_BACK_RE.search(text[lo:start][::-1])
            fwd = _SENT_END_RE.search(text, end, hi)
            return (start - back.start() if back else lo), (fwd.start() if fwd else hi)
        ends = self.ends
        s = lo
        i = bisect.bisect_left(ends, start) - 1  # the last sentence end before `start`
        if i >= 0 and text[ends[i]] != "\n" and ends[i] + 1 >= start:
            i -= 1  # a full stop whose whitespace lies past the window
        if i >= 0 and ends[i] >= lo:
            s = ends[i] + 1
        e = hi
        j = bisect.bisect_left(ends, end)  # the first one at or after `end`
        if j < len(ends):
            k = ends[j]
            if k < hi and (text[k] == "\n" or k + 1 < hi):
                e = k
        return s, e


def _other_act_sentence(text: str, start: int, end: int, scottish: bool, sentences: _Sentences) -> bool:
    """The sentence names some other statute and nothing marks this as an FOI ground."""
    s, e = sentences.around(start, end)
    sent = text[s:e]
    if "Act" not in sent and "Regulations" not in sent and "Protection" not in sent:
        return False
    if _GROUND_RE.search(sent) or any(rx.search(sent) for _, rx in _FOI_NAMES):
        return False
    return any(_name_regime(mm.group(0), scottish) == "other" for mm in _OTHER_ACT_RE.finditer(sent))


def _negated(text: str, start: int) -> bool:
    """"does not exceed section 12", "not engage s.14": the words before a citation deny it.
    Every such match holds "not" or "n't", looked for first in the 40 characters it can use."""
    lo = max(0, start - 40)
    window = text[lo:start].lower()
    if "not" not in window and "n't" not in window and "n’t" not in window:
        return False
    return _NEGATED_RE.search(text, lo, start) is not None


def _regime_for(kind: str, number: str, path: tuple[str, ...], abbr_regime: Regime | None, default: Regime) -> Regime:
    """Regime from wording and number pattern when no Act is named next to the citation."""
    if abbr_regime is not None:
        return abbr_regime
    first = path[0] if path else ""
    if number == "12" and first in ("4", "5", "6"):
        return Regime.EIR
    if number == "10" and first in ("4", "5", "6", "8"):
        return Regime.EISR
    if kind == "reg":
        if number in ("12", "13"):
            return Regime.EIR
        return Regime.EISR if default.scottish else Regime.EIR
    if kind == "sec" and default.regulations:
        return Regime.FOISA if default.scottish else Regime.FOIA
    if kind == "bare" and number == "13" and not default.scottish:
        return Regime.EIR
    return default


@lru_cache(maxsize=4096)
def _settle(
    kind: str, number: str, path: tuple[str, ...], abbr_regime: Regime | None, attached: Regime | None, default: Regime
) -> tuple[Regime, str, bool, bool]:
    """A citation's regime, its key, whether its number is a ground for refusal and whether
    it is a procedural limb (`_procedural_limb`). All depend only on these arguments, and a
    draft repeats the same few citations: cached, each repeat costs one look-up."""
    regime = attached if attached is not None else _regime_for(kind, number, path, abbr_regime, default)
    return regime, _key(regime, number, path), is_refusal_ground(regime, number), _procedural_limb(regime, number, path)


@lru_cache(maxsize=4096)
def _key(regime: Regime, number: str, path: tuple[str, ...]) -> str:
    return f"{regime.value}:{number}" + "".join(f"({p})" for p in path)


def _make(text: str, raw: _Raw, regime: Regime, key: str, explicit: bool) -> Citation:
    return Citation(
        key=key,
        regime=regime,
        section=raw.number,
        path=raw.path,
        text=text[raw.start : raw.end],
        span=Span(raw.start, raw.end),
        regime_explicit=explicit,
    )


def _candidates(text: str, start: int, end: int, done: list[int]) -> Iterator[re.Match[str]]:
    """Citation matches, found from the digit runs (located with `str.find`, see
    `digit_runs`) by looking back a few characters for a "section"/"reg"/"EIR" prefix.

    `done[0]` is where the caller's last citation chain ended: digit runs before it are
    inside that chain ("section 40(2), section 40(2), ..."), and any match there would start
    before it too, so they are skipped without a regex."""
    for p, q in digit_runs(text, start, end):
        if p < done[0] or not _plausible(text, p, q, start, end):
            continue
        back = _PREFIX_BACK_RE.search(text, max(start, p - 14), p)
        m = _CITE_RE.match(text, back.start() if back else p, end)
        if m is None or m.start("num" if m.group("num") else "bnum") != p:
            continue
        yield m


# Last letter of every prefix form ("section", "s.", "regs", "EIR", "FOIA", "sec", "sect").
_PREFIX_LAST = frozenset("sSnN.gGcCtTrRaA")


def _plausible(text: str, p: int, q: int, start: int, end: int) -> bool:
    """Cheap filter before any regex: a digit run can only start a citation if a prefix could
    end just before it or a bracketed path follows it (most digits are dates, money, counts)."""
    if p > start:
        c = text[p - 1]
        if c.isdigit():
            return False
        if c in " \t" and p - 1 > start:
            c = text[p - 2]
        if c in _PREFIX_LAST:
            return True
    j = q + 1 if q < end and text[q].isupper() else q
    while j < end and text[j] in " \t":
        j += 1
    return j < end and text[j] == "("


def _iter_chains(text: str, start: int, end: int, scottish: bool) -> Iterator[list[_Raw]]:
    done = [start]
    for m in _candidates(text, start, end, done):
        if m.start() < done[0]:
            continue
        chain = _chain(text, m, end, scottish)
        yield chain
        done[0] = max(m.end(), chain[-1].end)


def find_citations(
    text: str, start: int = 0, end: int | None = None, default_regime: Regime = Regime.FOIA
) -> list[Citation]:
    """Exemption, exception and refusal-ground citations in `text[start:end]`.

    Spans index into `text`. Each list item ("31(1)(a), (b) and (c)") is its own citation.
    Regime: an Act or Regulations named next to the citation, else the wording and number
    pattern (regulation 12(4)/12(5)/13 is EIR, 10(4)/10(5) is EISR), else `default_regime`.
    """
    stop = len(text) if end is None else min(end, len(text))
    scottish = default_regime.scottish
    out: list[Citation] = []
    sentences = _Sentences(text)
    for chain in _iter_chains(text, start, stop, scottish):
        first, last = chain[0], chain[-1]
        if _negated(text, first.start):
            continue
        attached = _attached(text, first.start, last.end, stop, scottish)
        if attached == "other":
            continue
        if attached is None and _other_act_sentence(text, first.start, last.end, scottish, sentences):
            continue
        named = attached if isinstance(attached, Regime) else None
        for raw in chain:
            regime, key, ground, procedural = _settle(raw.kind, raw.number, raw.path, raw.abbr_regime, named, default_regime)
            if not ground and not _ground_nearby(text, last.end, stop):
                continue
            if procedural:
                continue
            out.append(_make(text, raw, regime, key, named is not None or raw.abbr_regime is not None))
    return out


# Regulation 12 (EIR) and 10 (EISR) hold both the exceptions and the rules about them: 12(1)
# the public interest test, 12(2) the presumption in favour of disclosure, 12(3) the pointer to
# reg 13, 12(8)-(11) definitions. Only 12(4), 12(5) and 12(6) are grounds for refusal.
_GROUND_LIMBS = {Regime.EIR: ("12", ("4", "5", "6")), Regime.EISR: ("10", ("4", "5", "8"))}


def _procedural_limb(regime: Regime, number: str, path: tuple[str, ...]) -> bool:
    rule = _GROUND_LIMBS.get(regime)
    if rule is None or number != rule[0] or not path:
        return False
    return path[0] not in rule[1]


_GROUND_AFTER_RE = re.compile(r"[^.\n]{0,25}?\b(?:exemption|exception|exempt)\b", re.I)


def _ground_nearby(text: str, pos: int, end: int) -> bool:
    """A procedural number written as the ground for withholding ("section 17 exemption")."""
    return _GROUND_AFTER_RE.match(text, pos, end) is not None


# --- regime -------------------------------------------------------------------------------------

# Run on lower-cased text.
_SCOTTISH_HINTS = ("scottish information commissioner", "foi.scot", "itspublicknowledge", "kinburn castle", "ky16 9ds")
_REGIME_SCAN_RE = re.compile(
    r"freedom of information (?:\(scotland\) act(?P<foisa1>)|act(?P<foia1>))"
    r"|environmental information (?:\(scotland\) regulations(?P<eisr1>)|regulations(?P<eir1>))"
    r"|foi\(s\)a(?P<foisa2>)|foisa(?P<foisa3>)|foia(?P<foia2>)|foi act(?P<foia3>)|eisrs?(?P<eisr2>)|eirs?(?P<eir2>)"
)
_REGIME_OF = {
    "foisa1": Regime.FOISA, "foisa2": Regime.FOISA, "foisa3": Regime.FOISA,
    "foia1": Regime.FOIA, "foia2": Regime.FOIA, "foia3": Regime.FOIA,
    "eisr1": Regime.EISR, "eisr2": Regime.EISR, "eir1": Regime.EIR, "eir2": Regime.EIR,
}

# A list of literals, which the regex engine tries at every 'e' and 'f' of a draft (about
# 100 us on 8 KB): tried only where `str.find` puts the start of one (`Anchored`).
_REGIME_SCAN = Anchored(_REGIME_SCAN_RE)


def detect_regime(text: str, start: int = 0, end: int | None = None) -> tuple[Regime, bool]:
    """The regime a draft is written under, and whether it says so explicitly.

    Counts explicit names of each Act/Regulations; the most-named wins, the first-named breaks
    ties. Scottish drafts often call the EISRs "the EIRs", so EIR mentions in a draft that also
    names FOISA or the SIC count as EISR. With no explicit name, Scottish regulator details
    imply FOISA; otherwise FOIA. `start`/`end` limit the scan to the reply part of `text`.
    """
    end = len(text) if end is None else end
    low = lowered(text, start, end)
    counts: dict[Regime, int] = {}
    first: dict[Regime, int] = {}
    for mm in _REGIME_SCAN.finditer(low, low=low):
        a, b = mm.start(), mm.end()
        if (a and low[a - 1].isalnum()) or (b < len(low) and low[b].isalnum()):
            continue
        regime = _REGIME_OF[mm.lastgroup or "foia"]
        counts[regime] = counts.get(regime, 0) + 1
        first.setdefault(regime, a)
    scottish = bool(counts.get(Regime.FOISA) or counts.get(Regime.EISR)) or any(phrase_in(low, h) for h in _SCOTTISH_HINTS)
    if scottish and Regime.EIR in counts:
        counts[Regime.EISR] = counts.get(Regime.EISR, 0) + counts.pop(Regime.EIR)
        first[Regime.EISR] = min(first.get(Regime.EISR, max(0, min(end, len(text)) - start)), first.pop(Regime.EIR))
    if not counts:
        return (Regime.FOISA if scottish else Regime.FOIA), False
    best = max(counts, key=lambda r: (counts[r], -first[r]))
    return best, True

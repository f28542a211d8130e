"""Assess each exemption a draft relies on: what the law table says about it, whether the draft
gives a public interest test (PIT) and, for harm-based exemptions, whether it explains the harm.

Detection is sentence-based and keyed on the *functions* a sentence performs (a factor for
disclosure, a factor for withholding, a conclusion, a causal harm statement) rather than on
any one body's template, because the tool is judged on drafts from bodies it has never seen.
The response is split into sentences once and each sentence is classified once, so the cost
is linear in the draft's length whatever the number of citations.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from reviewer import law
from reviewer.document import Span
from reviewer.model import (
    Citation,
    ExemptionAssessment,
    PitStatus,
    PublicInterestTest,
    Regime,
    ReviewContext,
)

__all__ = ["SentenceIndex", "assess_exemptions", "group_citations", "sentence_index", "sentence_spans"]

# A sentence ends at . ! ? (plus closing quotes/brackets) before whitespace and a capital,
# digit, bullet or quote, or at a line break. "s.31", "e.g. the" and "ico.org.uk" do not end one.
_BOUNDARY_RE = re.compile(r"[.!?\n](?:(?<=\n)|[\"'”’)]*(?=\s+[A-Z0-9\"'“‘(•\-–]))")

# These run on the lower-cased sentence without re.IGNORECASE: case-folding every character
# made them several times slower.
_I = 0
_CONCLUSION_RE = re.compile(
    r"balance of (?:the )?public interests?\b[^.]{0,40}?\b(?:lies|lay|falls|fell|rests|is|was|favou?rs|weighs|remains|tips)"
    r"|public interests?\b[^.]{0,50}?\b(?:falls?|lies|rests|weighs|tips|favou?rs|is (?:best )?served|would (?:best )?be served)"
    r"\b[^.]{0,40}?\b(?:withh|maintain|uphold|non-?disclos|not (?:releas|disclos)|the exemption|exception|by |disclos|releas)"
    r"|\boutweigh\w*"
    r"|(?:conclud|decid|determin|satisfied|consider)\w*\s+that\s+(?:on balance,?\s+)?(?:the\s+)?(?:balance of (?:the )?)?public interest",
    _I,
)
_FOR_RE = re.compile(
    r"(?:arguments?|factors?|considerations?|reasons?|case)\s+(?:in\s+favou?r\s+of|for|supporting|favouring)\s+(?:the\s+)?(?:disclos|releas|openness|transparen)"
    r"|in\s+favou?r\s+of\s+(?:the\s+)?(?:disclos|releas)"
    r"|(?:recogni[sz]|acknowledg|accept|appreciat|understand|note)\w*\s+(?:that\s+)?[^.]{0,80}?(?:public interest|transparen|accountab|openness|releas|disclos)"
    r"|public interest in\s+(?:the\s+)?(?:openness|transparen|accountab|disclos|releas|understand|knowing|being (?:informed|able)|scrutin|promot|public (?:authorities|bodies|understanding|debate))"
    r"|\b(?:transparen\w*|accountab\w*|openness|public (?:understanding|debate|scrutiny|confidence|trust|participation)|reassur\w*)\b",
    _I,
)
_AGAINST_RE = re.compile(
    r"(?:arguments?|factors?|considerations?|reasons?|case)\s+(?:in\s+favou?r\s+of|for|supporting|favouring)\s+(?:the\s+)?(?:maintain|withh|non-?disclos|not (?:disclos|releas)|uphold|the exemption|applying|refus)"
    r"|(?:arguments?|factors?|considerations?|reasons?|case)\s+against\s+(?:the\s+)?(?:disclos|releas)"
    r"|public interest in\s+(?:\w+\s+){0,2}?(?:avoid|protect|prevent|maintain|safeguard|preserv|crime|the prevention|not (?:disclos|releas)|withh|keeping|secur|national security|law enforcement|confidential|ensuring)"
    r"|(?:greater|more|significant|considerable|strong|stronger|overriding|substantial)\s+(?:\w+\s+)?(?:value|weight|public interest)\s+in"
    r"|inherent public interest"
    r"|in\s+favou?r\s+of\s+(?:maintain|withh|non-?disclos|the exemption|uphold)",
    _I,
)
_HARM_RE = re.compile(
    r"\bwould\s+(?:be\s+likely\s+to\s+|likely\s+|also\s+|potentially\s+|therefore\s+)?(?:\w+\s+)?"
    r"(?:prejudice|harm|damage|undermine|compromise|endanger|impede|jeopardi[sz]e|inhibit|adversely|assist|aid|allow|enable|"
    r"increase|expose|put|place|lead|result|help|reveal|make|hinder|disrupt|weaken|affect|be used|give|prevent|deter|"
    r"discourage|breach|identify|impact|cause)"
    r"|\b(?:could|might|may|can)\s+(?:\w+\s+)?(?:be used|be exploited|allow|enable|assist|aid|lead|result|compromise|increase|"
    r"prejudice|undermine|expose|make|help|impede|reveal|exploit|target|endanger|put|place|harm|damage|jeopardi|use that|use the|identify)"
    r"|\blikely to (?:prejudice|harm|damage|undermine|compromise|endanger|impede|adversely|inhibit)"
    r"|in the wrong hands|\bat (?:risk|a disadvantage)\b|\bvulnerab\w*|\btarget (?:of|for)\b"
    r"|\b(?:criminals|offenders|terrorists|attackers|hackers|competitors)\b",
    _I,
)
# Cheap substring gates: a sentence without any of these cannot match the regex after it,
# so most sentences never reach the (slower) regex engine.
_FOR_HINTS = ("disclos", "releas", "transparen", "accountab", "openness", "public interest", "reassur",
              "public understanding", "public debate", "scrutiny", "public confidence", "public trust",
              "public participation")
_AGAINST_HINTS = ("public interest", "against", "withh", "maintain", "uphold", "refus", "exemption",
                  "greater", "more ", "significant", "considerable", "strong", "overriding", "substantial")
_HARM_HINTS = ("would", "could", "might", "may ", "can ", "likely", "wrong hands", "at risk", "at a disadvantage",
               "vulnerab", "target", "criminal", "offender", "terrorist", "attacker", "hacker", "competitor")


_HARM_WINDOW = (4, 6)  # sentences before / after a mention searched for a harm explanation


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of `text[start:end]` as spans into `text`, trimmed, empty ones dropped."""
    return list(sentence_index(text, start, len(text) if end is None else end).spans)


@dataclass(frozen=True)
class SentenceIndex:
    """The reply's sentences plus its lower-cased text, built once per reply and shared.

    `candidates(hints)` finds every occurrence of the hint words with `str.find` (C speed)
    and returns the sentences containing one, so the slower regexes only ever run on the
    handful of sentences that could match them.
    """

    spans: tuple[Span, ...]
    starts: tuple[int, ...]
    low: str  # lower-cased text[offset:...]
    offset: int

    def index_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def lower(self, i: int) -> str:
        s = self.spans[i]
        return self.low[s.start - self.offset : s.end - self.offset]

    def candidates(self, hints: tuple[str, ...]) -> list[int]:
        found: set[int] = set()
        low, find, off = self.low, self.low.find, self.offset
        for h in hints:
            i = find(h)
            while i != -1:
                found.add(self.index_of(i + off))
                i = find(h, i + len(h))
        return sorted(j for j in found if j < len(self.spans) and self.spans[j].start <= off + len(low))


@lru_cache(maxsize=8)
def sentence_index(text: str, start: int, stop: int) -> SentenceIndex:
    """Cached: the assessment, the refusal-notice detection and the checks split the same
    reply; the key's string hash is computed once per string object."""
    out: list[Span] = []
    pos = start
    for m in _BOUNDARY_RE.finditer(text, start, stop):
        _add_trimmed(text, pos, m.end(), out)
        pos = m.end()
    _add_trimmed(text, pos, stop, out)
    return SentenceIndex(tuple(out), tuple(s.start for s in out), text[start:stop].lower(), start)


def _add_trimmed(text: str, a: int, b: int, out: list[Span]) -> None:
    piece = text[a:b]
    stripped = piece.strip()
    if stripped:
        a += len(piece) - len(piece.lstrip())
        out.append(Span(a, a + len(stripped)))


def _flags(idx: SentenceIndex, hints: tuple[str, ...], rx: re.Pattern[str], skip: list[bool] | None = None) -> list[bool]:
    out = [False] * len(idx.spans)
    for i in idx.candidates(hints):
        if (skip is None or not skip[i]) and rx.search(idx.lower(i)):
            out[i] = True
    return out


@dataclass
class _Sentences:
    """The response's sentences and what each one does, computed once per review."""

    spans: tuple[Span, ...]
    starts: tuple[int, ...]
    idx: SentenceIndex
    _harm: dict[int, bool]  # filled lazily: only sentences near a harm-test citation are read

    def harm(self, i: int) -> bool:
        got = self._harm.get(i)
        if got is None:
            low = self.idx.lower(i)
            got = any(h in low for h in _HARM_HINTS) and bool(_HARM_RE.search(low))
            self._harm[i] = got
        return got

    @classmethod
    def build(cls, text: str, span: Span) -> _Sentences:
        idx = sentence_index(text, span.start, span.end)
        return cls(idx.spans, idx.starts, idx, {})

    @cached_property
    def conclusion(self) -> list[bool]:
        return _flags(self.idx, ("public interest", "outweigh"), _CONCLUSION_RE)

    @cached_property
    def factor_for(self) -> list[bool]:
        return _flags(self.idx, _FOR_HINTS, _FOR_RE, self.conclusion)

    @cached_property
    def factor_against(self) -> list[bool]:
        return _flags(self.idx, _AGAINST_HINTS, _AGAINST_RE, self.conclusion)

    def index_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def nearest(self, flags: list[bool], offset: int) -> Span | None:
        """The flagged sentence at or after `offset`, else the last one before it."""
        i = self.index_of(offset)
        after = next((j for j in range(i, len(flags)) if flags[j]), None)
        if after is not None:
            return self.spans[after]
        before = next((j for j in range(i - 1, -1, -1) if flags[j]), None)
        return self.spans[before] if before is not None else None


def _pit(sents: _Sentences, offset: int) -> PublicInterestTest:
    fo = sents.nearest(sents.factor_for, offset)
    ag = sents.nearest(sents.factor_against, offset)
    co = sents.nearest(sents.conclusion, offset)
    found = sum(x is not None for x in (fo, ag, co))
    status = PitStatus.COMPLETE if found == 3 else PitStatus.INCOMPLETE if found else PitStatus.MISSING
    return PublicInterestTest(status, fo, ag, co)


def _harm(sents: _Sentences, mentions: Sequence[Citation]) -> Span | None:
    before, after = _HARM_WINDOW
    best: Span | None = None
    for c in mentions:
        i = sents.index_of(c.span.start)
        for j in range(max(0, i - before), min(len(sents.spans), i + after + 1)):
            if sents.harm(j) and (best is None or abs(j - i) < abs(sents.index_of(best.start) - i)):
                best = sents.spans[j]
    return best


def _is_under(child: str, parent: str) -> bool:
    return child.startswith(parent + "(")


def group_citations(citations: Sequence[Citation]) -> list[tuple[str, list[Citation]]]:
    """Citations grouped by the distinct exemption they refer to, in document order.

    A bare or partial parent ("section 31", "31(1)") joins the first more specific citation
    of the same regime ("31(1)(a)"); a s.31(2)/FOISA 35(2) purpose joins the limb that needs
    it; a s.40/reg 13 condition joins the s.40(2)/reg 13(1) exemption it qualifies.
    """
    ordered = sorted(citations, key=lambda c: c.span.start)
    keys = list(dict.fromkeys(c.key for c in ordered))
    target = {k: _target(k, keys) for k in keys}
    groups: dict[str, list[Citation]] = {}
    for c in ordered:
        groups.setdefault(target[c.key], []).append(c)
    return list(groups.items())


def _target(key: str, keys: list[str]) -> str:
    cur = key
    while True:
        nxt = next((k for k in keys if _is_under(k, cur)), None)
        if nxt is None:
            break
        cur = nxt
    if cur != key:
        return cur
    regime, cit = key.split(":", 1)
    entry = law.lookup(Regime(regime), cit)
    if entry is None or entry.kind not in ("purpose", "condition"):
        return key
    section = cit.split("(", 1)[0]
    for k in keys:
        r2, c2 = k.split(":", 1)
        e2 = law.lookup(Regime(r2), c2)
        if r2 == regime and c2.split("(", 1)[0] == section and e2 is not None and e2.kind == "exemption":
            if entry.kind == "condition" or e2.requires_purpose:
                return k
    return key


def _assess(key: str, group: list[Citation], sents: _Sentences, ctx: ReviewContext) -> ExemptionAssessment:
    first = next(c for c in group if c.key == key)
    entry, _under = law.resolve(first.regime, first.citation)
    qualified = entry is not None and entry.pit_required
    prejudice = entry is not None and entry.harm_test
    pit = _pit(sents, first.span.start) if qualified else PublicInterestTest(PitStatus.NOT_REQUIRED)
    harm_span = _harm(sents, group) if prejudice else None
    spans = {c.span for c in group}
    refs = tuple(
        dict.fromkeys(a.question.ref for a in ctx.answers if any(c.span in spans or c.key == first.key for c in a.citations))
    )
    return ExemptionAssessment(
        citation=first,
        mentions=tuple(group),
        known=entry is not None,
        short_name=entry.short_name if entry else "",
        qualified=qualified,
        prejudice=prejudice,
        pit=pit,
        harm_explained=(harm_span is not None) if prejudice else None,
        harm_span=harm_span,
        question_refs=refs,
    )


def assess_exemptions(ctx: ReviewContext) -> list[ExemptionAssessment]:
    """One assessment per distinct exemption cited in the draft's reply, in document order."""
    if not ctx.citations:
        return []
    sents = _Sentences.build(ctx.response.text, ctx.response_span)
    return [_assess(k, g, sents, ctx) for k, g in group_citations(ctx.citations)]

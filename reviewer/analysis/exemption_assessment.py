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
from reviewer.core.document import Span
from reviewer.core.model import (
    Citation,
    ExemptionAssessment,
    PitStatus,
    PublicInterestTest,
    Regime,
    ReviewContext,
)
from reviewer.text.textutil import Alternation, has_words, lowered

__all__ = ["SentenceIndex", "assess_exemptions", "group_citations", "sentence_index", "sentence_spans"]

# These run on the lower-cased sentence without re.IGNORECASE: case-folding every character
# made them several times slower. Each is an alternation tried branch by branch, and only
# where the words a branch needs are present (`textutil.Alternation`).
_CONCLUSION = Alternation((
    r"balance of (?:the )?public interests?\b[^.]{0,40}?\b(?:lies|lay|falls|fell|rests|is|was|favou?rs|weighs|remains|tips)",
    r"public interests?\b[^.]{0,50}?\b(?:falls?|lies|rests|weighs|tips|favou?rs|is (?:best )?served|would (?:best )?be served)"
        r"\b[^.]{0,40}?\b(?:withh|maintain|uphold|non-?disclos|not (?:releas|disclos)|the exemption|exception|by |disclos|releas)",
    r"\boutweigh\w*",
    r"(?:conclud|decid|determin|satisfied|consider)\w*\s+that\s+(?:on balance,?\s+)?(?:the\s+)?(?:balance of (?:the )?)?public interest",
))
_FOR = Alternation((
    r"(?:arguments?|factors?|considerations?|reasons?|case)\s+(?:in\s+favou?r\s+of|for|supporting|favouring)\s+(?:the\s+)?(?:disclos|releas|openness|transparen)",
    r"in\s+favou?r\s+of\s+(?:the\s+)?(?:disclos|releas)",
    r"(?:recogni[sz]|acknowledg|accept|appreciat|understand|note)\w*\s+(?:that\s+)?[^.]{0,80}?(?:public interest|transparen|accountab|openness|releas|disclos)",
    r"public interest in\s+(?:the\s+)?(?:openness|transparen|accountab|disclos|releas|understand|knowing|being (?:informed|able)|scrutin|promot|public (?:authorities|bodies|understanding|debate))",
    r"\b(?:transparen\w*|accountab\w*|openness|public (?:understanding|debate|scrutiny|confidence|trust|participation)|reassur\w*)\b",
))
_AGAINST = Alternation((
    r"(?:arguments?|factors?|considerations?|reasons?|case)\s+(?:in\s+favou?r\s+of|for|supporting|favouring)\s+(?:the\s+)?(?:maintain|withh|non-?disclos|not (?:disclos|releas)|uphold|the exemption|applying|refus)",
    r"(?:arguments?|factors?|considerations?|reasons?|case)\s+against\s+(?:the\s+)?(?:disclos|releas)",
    r"public interest in\s+(?:\w+\s+){0,2}?(?:avoid|protect|prevent|maintain|safeguard|preserv|crime|the prevention|not (?:disclos|releas)|withh|keeping|secur|national security|law enforcement|confidential|ensuring)",
    r"(?:greater|more|significant|considerable|strong|stronger|overriding|substantial)\s+(?:\w+\s+)?(?:value|weight|public interest)\s+in",
    r"inherent public interest",
    r"in\s+favou?r\s+of\s+(?:maintain|withh|non-?disclos|the exemption|uphold)",
))
_HARM = Alternation((
    r"\bwould\s+(?:be\s+likely\s+to\s+|likely\s+|also\s+|potentially\s+|therefore\s+)?(?:\w+\s+)?"
        r"(?:prejudice|harm|damage|undermine|compromise|endanger|impede|jeopardi[sz]e|inhibit|adversely|assist|aid|allow|enable|"
        r"increase|expose|put|place|lead|result|help|reveal|make|hinder|disrupt|weaken|affect|be used|give|prevent|deter|"
        r"discourage|breach|identify|impact|cause)",
    r"\b(?:could|might|may|can)\s+(?:\w+\s+)?(?:be used|be exploited|allow|enable|assist|aid|lead|result|compromise|increase|"
        r"prejudice|undermine|expose|make|help|impede|reveal|exploit|target|endanger|put|place|harm|damage|jeopardi|use that|use the|identify)",
    r"\blikely to (?:prejudice|harm|damage|undermine|compromise|endanger|impede|adversely|inhibit)",
    r"in the wrong hands",
    r"\bat (?:risk|a disadvantage)\b",
    r"\bvulnerab\w*",
    r"\btarget (?:of|for)\b",
    r"\b(?:criminals|offenders|terrorists|attackers|hackers|competitors)\b",
))
# Cheap substring gates, read off the patterns: a sentence without any of these words cannot
# match the regex after it, so most sentences never reach the (slower) regex engine.
_CONCLUSION_HINTS, _FOR_HINTS, _AGAINST_HINTS, _HARM_HINTS = (_CONCLUSION.words, _FOR.words, _AGAINST.words, _HARM.words)


_HARM_WINDOW = (4, 6)  # sentences before / after a mention searched for a harm explanation


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of `text[start:end]` as spans into `text`, trimmed, empty ones dropped."""
    return list(sentence_index(text, start, len(text) if end is None else end).spans)


class SentenceIndex:
    """The reply's sentences plus its lower-cased text, built once per reply and shared.

    `candidates(hints)` finds every occurrence of the hint words with `str.find` (C speed)
    and returns the sentences containing one, so the slower regexes only ever run on the
    handful of sentences that could match them. Sentences are kept as two tuples of offsets;
    `span(i)` makes the `Span` of the few that are reported (a hundred `Span` objects per
    draft cost more than finding the sentences).
    """

    __slots__ = ("starts", "ends", "low", "offset", "aligned", "_spans")

    def __init__(self, starts: tuple[int, ...], ends: tuple[int, ...], low: str, offset: int, aligned: bool = False) -> None:
        self.starts = starts
        self.ends = ends
        self.low = low  # lower-cased text[offset:...]
        self.offset = offset
        self.aligned = aligned  # low[i] is the lower case of text[offset + i] (lowering kept lengths)
        self._spans: tuple[Span, ...] | None = None

    def __len__(self) -> int:
        return len(self.starts)

    @property
    def spans(self) -> tuple[Span, ...]:
        if self._spans is None:
            self._spans = tuple(map(Span, self.starts, self.ends))
        return self._spans

    def span(self, i: int) -> Span:
        return Span(self.starts[i], self.ends[i])

    def index_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def lower(self, i: int) -> str:
        return self.low[self.starts[i] - self.offset : self.ends[i] - self.offset]

    def candidates(self, hints: tuple[str, ...]) -> list[int]:
        """Sentences holding an occurrence of a hint (by where the occurrence starts).

        Once a hint is found in a sentence, the search for it resumes at the next sentence:
        the rest of that sentence cannot add anything. That is the same set of sentences as
        stepping from occurrence to occurrence (see `jumpable`).
        """
        found: set[int] = set()
        low, find, off, starts = self.low, self.low.find, self.offset, self.starts
        n = len(starts)
        for h in hints:
            step = len(h)
            jump = self.jumpable(h)
            i = find(h)
            while i != -1:
                j = self.index_of(i + off)
                found.add(j)
                nxt = i + step
                if jump:
                    if j + 1 >= n:
                        break  # every later occurrence is in the last sentence too
                    nxt = max(nxt, starts[j + 1] - off)
                i = find(h, nxt)
        return sorted(j for j in found if j < n and starts[j] <= off + len(low))

    def jumpable(self, hint: str) -> bool:
        """Whether the sentences holding `hint` can be found without stepping through every
        occurrence: yes unless an occurrence skipped by that stepping (one starting inside
        the previous occurrence) could start in a later sentence. That needs a hint that can
        overlap itself ("abab") and an occurrence running into the next sentence, which in
        line with the text means running over the whitespace before it."""
        return not _self_overlaps(hint) or (self.aligned and not _has_space(hint))


@lru_cache(maxsize=64)
def _self_overlaps(hint: str) -> bool:
    """True if a proper suffix of `hint` is also its prefix ("abab"), so two occurrences can overlap."""
    return any(hint.startswith(hint[k:]) for k in range(1, len(hint)))


@lru_cache(maxsize=64)
def _has_space(hint: str) -> bool:
    return any(c.isspace() for c in hint)


# One match per sentence, already trimmed. A sentence ends at . ! ? (plus closing quotes or
# brackets) followed by whitespace and a capital, digit, bullet or quote, or at a line break;
# "s.31", "e.g. the" and "ico.org.uk" do not end one. Finding the boundaries and then trimming
# each piece in Python cost three times as much; here the regex engine does both: a sentence
# starts at a non-space character and is a run of chunks (text up to its last non-space
# character before the next . ! ? or line break; spaces before a . ! ?; a . ! ? that does not
# end the sentence; a line break before a lower-case word, which a short e-mail too small to
# unwrap leaves in mid-sentence: "ask for an internal\nreview by writing"), then the . ! ?
# and closing quotes that end it, if any. Every repeat is
# possessive or atomic, so a very long line does not pile up backtracking state.
_CLOSE = "[\"'”’)]"
_OPEN = "[A-Z0-9\"'“‘(•\\-–]"
_SENTENCE_RE = re.compile(
    rf"(?=\S)(?:(?>[^.!?\n]*[^.!?\s])|[^\S\n]+(?=[.!?])|[.!?](?!{_CLOSE}*\s+{_OPEN})|[^\S\n]*\n(?=[a-z]+[ \t,;:]))*+"
    rf"(?:[.!?]{_CLOSE}*+(?=\s+{_OPEN}))?"
)


@lru_cache(maxsize=8)
def sentence_index(text: str, start: int, stop: int) -> SentenceIndex:
    """Cached: the assessment, the refusal-notice detection and the checks split the same
    reply; the key's string hash is computed once per string object."""
    spans = [m.span() for m in _SENTENCE_RE.finditer(text, start, stop)]
    starts = tuple(a for a, _ in spans)
    ends = tuple(b for _, b in spans)
    low = lowered(text, start, stop)
    return SentenceIndex(starts, ends, low, start, len(low) == max(0, min(stop, len(text)) - start))


class _HintGate:
    """Which sentences `idx.candidates(hints)` returns, asked one sentence at a time.

    The public interest test is usually written close to the citation, so `nearest` reads a
    handful of sentences; finding every hint in the whole reply costs one `str.find` pass per
    hint (0.5 ns a character: 4 us on 8 KB), more than the few sentences it gates. So a
    question is first answered from the sentence's own stretch of the reply (its start to the
    next sentence's start: the occurrences `candidates` maps to it), a bounded `find` per
    hint. Once the questions asked have cost about what the whole-reply pass costs (one per
    ~256 characters of reply), that pass is made and answers the rest, so a reply that is
    read to the end costs at most twice the pass.
    """

    __slots__ = ("idx", "hints", "asked", "budget", "_all")

    def __init__(self, idx: SentenceIndex, hints: tuple[str, ...]) -> None:
        self.idx = idx
        self.hints = hints
        self.asked = 0
        self.budget = max(8, len(idx.low) // 256)
        # Hints that need stepping occurrence by occurrence are found in the whole reply.
        whole = not all(map(idx.jumpable, hints))
        self._all: frozenset[int] | None = frozenset(idx.candidates(hints)) if whole else None

    def __call__(self, j: int) -> bool:
        if self._all is None and self.asked >= self.budget:
            self._all = frozenset(self.idx.candidates(self.hints))
        if self._all is not None:
            return j in self._all
        self.asked += 1
        idx = self.idx
        starts, off, low = idx.starts, idx.offset, idx.low
        n = len(starts)
        if not 0 <= j < n or starts[j] > off + len(low):
            return False
        lo = 0 if j == 0 else starts[j] - off  # index_of maps anything before the first sentence to it
        hi = len(low) if j == n - 1 else starts[j + 1] - off
        find = low.find
        for h in self.hints:
            if find(h, lo, hi + len(h) - 1) != -1:
                return True
        return False


class _Flag:
    """One kind of sentence (a factor for disclosure, a conclusion...), decided per sentence
    on first use: a sentence counts if it holds a hint, is not skipped, and `rx` matches it."""

    __slots__ = ("idx", "gate", "rx", "skip", "_got")

    def __init__(self, idx: SentenceIndex, hints: tuple[str, ...], rx: Alternation, skip: _Flag | None = None) -> None:
        self.idx = idx
        self.gate = _HintGate(idx, hints)
        self.rx = rx
        self.skip = skip
        self._got: dict[int, bool] = {}

    def __len__(self) -> int:
        return len(self.idx)

    def __getitem__(self, i: int) -> bool:
        got = self._got.get(i)
        if got is None:
            got = self.gate(i) and not (self.skip is not None and self.skip[i])
            if got:
                low = self.idx.lower(i)
                got = self.rx.is_in(low, low)
            self._got[i] = got
        return got


@dataclass
class _Sentences:
    """The response's sentences and what each one does, worked out once per review and only
    for the sentences read."""

    idx: SentenceIndex
    _harm: dict[int, bool]  # filled lazily: only sentences near a harm-test citation are read

    def harm(self, i: int) -> bool:
        got = self._harm.get(i)
        if got is None:
            low = self.idx.lower(i)
            got = has_words(low, (_HARM_HINTS,)) and _HARM.is_in(low, low)
            self._harm[i] = got
        return got

    @classmethod
    def build(cls, text: str, span: Span) -> _Sentences:
        return cls(sentence_index(text, span.start, span.end), {})

    @cached_property
    def conclusion(self) -> _Flag:
        return _Flag(self.idx, _CONCLUSION_HINTS, _CONCLUSION)

    @cached_property
    def factor_for(self) -> _Flag:
        return _Flag(self.idx, _FOR_HINTS, _FOR, self.conclusion)

    @cached_property
    def factor_against(self) -> _Flag:
        return _Flag(self.idx, _AGAINST_HINTS, _AGAINST, self.conclusion)

    def __len__(self) -> int:
        return len(self.idx)

    def span(self, i: int) -> Span:
        return self.idx.span(i)

    def index_of(self, offset: int) -> int:
        return self.idx.index_of(offset)

    def nearest(self, flags: _Flag, offset: int) -> Span | None:
        """The flagged sentence at or after `offset`, else the last one before it."""
        i = self.index_of(offset)
        after = next((j for j in range(i, len(flags)) if flags[j]), None)
        if after is not None:
            return self.span(after)
        before = next((j for j in range(i - 1, -1, -1) if flags[j]), None)
        return self.span(before) if before is not None else None


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
        for j in range(max(0, i - before), min(len(sents), i + after + 1)):
            if sents.harm(j) and (best is None or abs(j - i) < abs(sents.index_of(best.start) - i)):
                best = sents.span(j)
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

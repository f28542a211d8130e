"""Find each question's answer in the draft, and what kind of answer it is.

Drafts answer in a handful of layouts, and this module recognises them in order:

1. **Echo then answer**: the draft repeats each question and answers straight after it
   (inline, or on the following lines). Echoes are found by folded-text search and chosen
   as the longest in-order chain, so repeated question texts in different branches and
   drafts that echo the whole request twice are both handled.
2. **Numbered answers**: `2) ...`, `Q1 - 95`, `Question 3: ...` with no echo.
3. **Echo all, then answer once**: every question repeated, then one reply for them all.
4. **Prose**: no echoes or numbers; the reply is read as one answer to every question.

Questions the draft never reaches are `unanswered`, unless they sit in a branch, or under a
parent, that the draft answered "N/A" (then `not_applicable`), or they are follow-ups ("If
so, ...") to a question answered in the negative.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate

from reviewer.analysis.status import (
    COST,
    SIGN_OFF_RE,
    VEXATIOUS,
    Classified,
    Phrases,
    classify,
    cross_reference,
)
from reviewer.core.document import Document, Span
from reviewer.core.model import Answer, Citation, Question, Status
from reviewer.text.textutil import (
    Gated,
    Normalised,
    content_words,
    fold,
    lowered,
    sentences,
)

_MIN_ECHO = 12  # folded characters: shorter questions ("Yes?") are not searched for


@dataclass
class _Anchor:
    start: int
    end: int
    qi: int | None  # question index, or None for echoed request text that is not a question
    kind: str  # "echo", "marker", "other"


@dataclass
class _Slot:
    """What the draft gives one question: the text after its anchor, if any."""

    anchor: _Anchor | None = None
    core: Span | None = None  # the answer proper (boilerplate trimmed)
    full: Span | None = None  # up to the next anchor
    shared: bool = False  # one reply serving several questions
    result: Classified | None = None
    citations: tuple[Citation, ...] = ()
    children: list[int] = field(default_factory=list)

    def children_answered_separately(self, slots: list[_Slot]) -> bool:
        return any(slots[c].anchor is not None for c in self.children)


def align(
    questions: list[Question],
    request: Document,
    request_span: Span,
    response: Document,
    response_span: Span,
    citations: list[Citation],
) -> list[Answer]:
    """One `Answer` per question, in question order."""
    if not questions:
        return []
    text = response.text
    same_text = request is response and _overlaps(request_span, response_span)
    norm = Normalised(text, response_span.start, response_span.end)
    anchors = _echo_anchors(questions, norm, same_text)
    anchors += _other_echoes(questions, request.text, request_span, norm, anchors, same_text)
    anchors += _marker_anchors(questions, text, response_span, anchors)
    anchors.sort(key=lambda a: a.start)

    slots = [_Slot() for _ in questions]
    index = {q.ref: i for i, q in enumerate(questions)}
    for i, q in enumerate(questions):
        if q.parent in index:
            slots[index[q.parent]].children.append(i)

    draft = _Draft(text)
    _fill_segments(draft, response_span, anchors, slots)
    _share_replies(draft, response_span, anchors, slots, questions)

    seen: dict[Span, tuple[tuple[Citation, ...], Classified]] = {}
    for slot in slots:
        if slot.core is not None:
            if slot.core not in seen:  # a shared reply is classified once, not once per question
                own = tuple(c for c in citations if slot.core.start <= c.span.start < slot.core.end)
                seen[slot.core] = (own, classify(text[slot.core.start : slot.core.end], own, draft.phrases, slot.core.start))
            slot.citations, slot.result = seen[slot.core]

    _follow_cross_references(text, questions, slots)
    _whole_request_refusal(draft, response_span, slots)
    branch_na = _branch_answers(questions, norm, text)
    _resolve_unanchored(questions, slots, index, branch_na)
    _implied_not_applicable(text, response_span, questions, slots)
    _link_general_citations(text, slots, citations)
    return [_answer(q, s) for q, s in zip(questions, slots)]


# ---------------------------------------------------------------------------------------------
# Anchors


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """(offset, text) of each line of text[start:end], split as `textutil.lines` splits them,
    but by one `str.split` and without building a `Line` for each (alignment walks the lines of
    every answer, and the object was most of the cost)."""
    pos = start
    for line in text[start:end].split("\n"):
        yield pos, line
        pos += len(line) + 1


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _occurrences(hay: str, needle: str, limit: int = 6) -> list[int]:
    out: list[int] = []
    i = hay.find(needle)
    while i != -1 and len(out) < limit:
        if (i == 0 or hay[i - 1] == " ") and (i + len(needle) == len(hay) or hay[i + len(needle)] == " "):
            out.append(i)
        i = hay.find(needle, i + 1)
    return out


def _candidates(qtext: str, norm: Normalised) -> list[tuple[int, int]]:
    """Folded (start, end) places where the question is echoed: whole, or its first and last
    words with the middle edited (drafts often tidy the question they repeat)."""
    q = fold(qtext)
    if len(q) < _MIN_ECHO:
        return []
    hay = norm.text
    found = [(i, i + len(q)) for i in _occurrences(hay, q)]
    if found:
        return found
    words = q.split()
    if len(words) < 5:
        return []
    head = " ".join(words[: min(7, len(words) - 1)])
    tail = " ".join(words[-4:])
    out: list[tuple[int, int]] = []
    for i in _occurrences(hay, head):
        window_end = i + int(len(q) * 1.4) + 20
        j = hay.find(tail, i + len(head) - len(tail) if len(words) < 11 else i + len(head), window_end)
        if j != -1:
            out.append((i, j + len(tail)))
        elif (len(words) <= 12 or len(head) >= 30) and _starts_line(norm, i):
            # the end was edited or answered inline: take the head and the rest of its line.
            # Only where a repeated question stands, at the start of a line: the opening words
            # of a short question inside a prose sentence ("...the number of staff whose
            # salaries...") are the draft's own words, not an echo.
            out.append((i, i + len(head)))
    return out


def _starts_line(norm: Normalised, folded: int) -> bool:
    """Does the text at this folded offset begin its line, after any numbering or markup?"""
    start = norm.orig(folded)
    return _marker_start(norm.source, start) != start or start == norm.source.rfind("\n", 0, start) + 1


def _echo_anchors(questions: list[Question], norm: Normalised, same_text: bool) -> list[_Anchor]:
    if same_text:
        return [_Anchor(q.span.start, q.span.end, i, "echo") for i, q in enumerate(questions)]
    if len(questions) > _MANY_QUESTIONS:
        chain = _forward_echoes(questions, norm)
    else:
        cands = [(qi, s, e) for qi, q in enumerate(questions) for s, e in _candidates(q.text, norm)]
        chain = _longest_chain(cands)
    text = norm.source
    return [_Anchor(_marker_start(text, norm.orig(s)), norm.orig_end(e), qi, "echo") for qi, s, e in chain]


_ECHO_PREFIX_RE = re.compile(
    r"[ \t>*_#|]*(?:(?:Q|Question|Qu\.?|Request|Part|Item|Point)[ \t]*)?\(?\d{0,3}[a-z]?[ \t]*[.):\-\u2013]?[ \t*_]*",
    re.I,
)


_LABEL_LINE_RE = re.compile(
    r"[ \t>*_#|]*(?:Q|Question|Request|Part|Item|Point)[ \t]*(?:(?:Number|No\.?|#)[ \t]*)?\d{1,3}[a-z]?"
    r"[ \t]*[.):\-\u2013]?[ \t*_]*",
    re.I,
)


def _marker_start(text: str, start: int) -> int:
    """Where the echo's line begins, if all that precedes it there is numbering or markup
    ("Request 2: ", "**2. ", "| ", "> "): that prefix belongs to the echo, not the answer before."""
    line_start = text.rfind("\n", 0, start) + 1
    if start - line_start > 20:
        return start
    if not _ECHO_PREFIX_RE.fullmatch(text, line_start, start):
        return start
    # A label alone on the line above ("Request 2", "Question 2:") belongs to the echo too.
    prev_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    if line_start > 0 and _LABEL_LINE_RE.fullmatch(text, prev_start, line_start - 1):
        return prev_start
    return line_start


def _longest_chain(cands: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Longest chain increasing in both question order and position, without overlaps;
    among equally long chains the later one wins (drafts that echo the request, then
    repeat each question with its answer)."""
    if not cands:
        return []
    cands.sort(key=lambda c: (c[1], c[0]))
    if len(cands) > _DP_LIMIT:
        return _greedy_chain(cands)
    n = len(cands)
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        qi, si, _ = cands[i]
        for j in range(i):
            qj, _, ej = cands[j]
            if qj < qi and ej <= si and best[j] + 1 >= best[i]:
                best[i] = best[j] + 1
                prev[i] = j
    top = max(range(n), key=lambda i: (best[i], cands[i][1]))
    chain = []
    k = top
    while k != -1:
        chain.append(cands[k])
        k = prev[k]
    return chain[::-1]


_DP_LIMIT = 1500  # candidates; the chain search is quadratic, so huge requests go greedy
_MANY_QUESTIONS = 300
_FORWARD_WINDOW = 50_000  # folded characters: an answer longer than this is not expected


def _forward_echoes(questions: list[Question], norm: Normalised) -> list[tuple[int, int, int]]:
    """For very long requests: look for each question's exact echo only in a window after the
    previous one, so the search stays linear in the size of the draft."""
    chain: list[tuple[int, int, int]] = []
    pos = 0
    hay = norm.text
    for qi, q in enumerate(questions):
        f = fold(q.text)
        if len(f) < _MIN_ECHO:
            continue
        i = hay.find(f, pos, pos + _FORWARD_WINDOW)
        if i != -1:
            chain.append((qi, i, i + len(f)))
            pos = i + len(f)
    return chain


def _greedy_chain(cands: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """In document order, take each echo whose question comes after the last one taken."""
    chain: list[tuple[int, int, int]] = []
    last_q, last_end = -1, -1
    for qi, s, e in cands:
        if qi > last_q and s >= last_end:
            chain.append((qi, s, e))
            last_q, last_end = qi, e
    return chain


def _other_echoes(
    questions: list[Question],
    req_text: str,
    req_span: Span,
    norm: Normalised,
    anchors: list[_Anchor],
    same_text: bool,
) -> list[_Anchor]:
    """Request text the draft repeats that is not a question (preambles, qualifiers,
    headings): not part of any answer."""
    if same_text:
        return []
    covered = _Intervals((q.span.start, q.span.end) for q in questions)
    taken = _Intervals((a.start, a.end) for a in anchors)
    out: list[_Anchor] = []
    for line_start, line in _lines(req_text, req_span.start, req_span.end):
        if line.isspace() or not line or covered.overlaps(line_start, line_start + len(line)):
            continue
        f = fold(line)
        if len(f) < 20 and not (len(f) >= 6 and line.rstrip().endswith(":")):
            continue
        for i in _occurrences(norm.text, f, 2):
            s, e = norm.orig(i), norm.orig_end(i + len(f))
            if not taken.overlaps(s, s + 1):
                out.append(_Anchor(s, e, None, "other"))
                taken.add(s, e)
    return out


class _Intervals:
    """Disjoint-ish [start, end) intervals with a logarithmic overlap test (requests can have
    thousands of questions; a linear scan per line made alignment quadratic)."""

    def __init__(self, items: Iterable[tuple[int, int]] = ()) -> None:
        pairs = sorted(items)
        self._starts = [a for a, _ in pairs]
        self._ends = [b for _, b in pairs]
        self._maxend = list(accumulate(self._ends, max))

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_right(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)
        self._maxend = list(accumulate(self._ends, max))

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self._starts, end) - 1  # intervals starting before `end`
        return k >= 0 and self._maxend[k] > start


_ANSWER_MARK_RE = re.compile(
    r"^[ \t>*_#|]*(?:(?:Q|Question|Qu\.?|A|Answer|Response|Reply|Request|Part|Item|Point)[ \t]*)?"
    r"(?P<n>\d{1,3})(?P<l>[a-z])?[ \t]*(?:[.):\-\u2013|]|[ \t]-|(?<=\t))[ \t*_]*"
    r"|^[ \t>*_#|]*(?:Q|Question|Qu\.?|Answer|Response|Request|Part|Item|Point)[ \t]*(?P<hn>\d{1,3})(?P<hl>[a-z])?"
    r"(?:[ \t]*(?:&|and|,)[ \t]*\d{1,3}[a-z]?)*[ \t*_:]*$"
    r"|^[ \t>*_#|]*\(?(?P<let>[a-z])[.)][ \t]+"
    r"|^[ \t]*(?:in\s+(?:answer|response|reply|relation)\s+to|with\s+regard\s+to|regarding|as\s+regards|turning\s+to|for)\s+"
    r"(?:part|question|point|item|q)\s*(?P<pn>\d{1,3})(?P<pl>[a-z])?\b(?:\s+of\s+your\s+request)?[ \t]*[,:.\-\u2013]?[ \t]*",
    re.I,
)


# The heading of the link list that web mail archives append to a message ("Visible links",
# "Hidden links"), whose "1. mailto:..." lines are the letter's hyperlinks.
_LINK_LIST_RE = re.compile(r"[ \t]*(?:visible|hidden)\s+links:?[ \t]*$", re.I)


def _marker_anchors(questions: list[Question], text: str, span: Span, anchors: list[_Anchor]) -> list[_Anchor]:
    """`2) ...` or `Q1 - 95` lines for questions the draft does not echo."""
    echoed = {a.qi for a in anchors if a.qi is not None}
    if len(echoed) == len(questions):
        return []
    taken = _Intervals((a.start, a.end) for a in anchors)  # a scan of every anchor per line was quadratic
    keys = [_local_key(q.ref) for q in questions]
    by_key: dict[str, list[int]] = {}
    for k, key in enumerate(keys):
        by_key.setdefault(key, []).append(k)
    out: list[_Anchor] = []
    pointer = 0
    for line_start, line in _lines(text, span.start, span.end):
        if _LINK_LIST_RE.match(line):
            break  # the numbered link list a mail archive appends is footnotes, not answers
        m = _ANSWER_MARK_RE.match(line)
        if not m or taken.overlaps(line_start, line_start + 1):
            continue
        if m.group("n"):
            key = m.group("n") + (m.group("l") or "").lower()
        elif m.group("hn"):
            key = m.group("hn") + (m.group("hl") or "").lower()
        elif m.group("pn"):
            key = m.group("pn") + (m.group("pl") or "").lower()
        else:
            key = (m.group("let") or "").lower()
        qi = next((k for k in range(pointer, len(questions)) if keys[k] == key), -1)
        if qi == -1 and (m.group("n") or m.group("hn")):
            # Answers in a different order from the request ("Q4 | ...", then "Q1 | ..."):
            # a number used by exactly one question not yet answered is that question.
            earlier = [k for k in by_key.get(key, ()) if k < pointer and k not in echoed]
            qi = earlier[0] if len(earlier) == 1 and len(by_key[key]) == 1 else -1
        if qi != -1:
            if qi not in echoed:
                end = _past_short_echo(text, line_start + m.end(), line_start + len(line), questions[qi].text)
                out.append(_Anchor(line_start, end, qi, "marker"))
                echoed.add(qi)
            pointer = max(pointer, qi + 1)
    return out


def _past_short_echo(text: str, start: int, line_end: int, question: str) -> int:
    """After a numbered marker, skip a repeat of a question too short to search for on its
    own ("3. Who decided? As above.")."""
    q = fold(question)
    if not q:
        return start
    here = Normalised(text, start, line_end)
    if here.text.startswith(q):
        return here.orig_end(len(q))
    return start


def _local_key(ref: str) -> str:
    """The numbering a draft would use for a ref: `B.3` -> `3`, `2b` -> `2b`."""
    return ref.rsplit(".", 1)[-1].lower()


# ---------------------------------------------------------------------------------------------
# Segments

# Closing text of a letter: rights of review and complaint, sign-off, re-use and publication.
_CLOSING_RE = re.compile(
    r"\b(internal review|information commissioner|ico\b|right to (complain|appeal|request)|if you are (not |dis)?(satisfied|unhappy|happy)|"
    r"yours (sincerely|faithfully)|kind regards|thank you for (your|the) (request|interest|enquiry)|re-use|copyright|"
    r"open government licen[cs]e|(will be |is )?published (on|in|to) (our|the)|disclosure log|further information on)",
    re.I,
)
# General reasoning that follows the answers: why exemptions apply, the public interest.
_REASONING_RE = re.compile(
    r"\b(exempt(ion)? from disclosure|exemptions?\b|public interest|section \d+\s*\(|"
    r"giving information to one|in the wrong hands|would be likely to prejudice)",
    re.I,
)
_CLOSING, _REASONING = Gated(_CLOSING_RE), Gated(_REASONING_RE)
# A line that signs the letter off (the status rules' pattern): what follows it, if short,
# is the signature.
_SIGN_OFF_LINE = Gated(SIGN_OFF_RE)
_SIGNATURE_MOST = 600  # characters: name, title, team, body, address, phone and e-mail


class _Draft:
    """The response text with what the segment rules work out once per draft: its lower case
    (every phrase search wants it, see `Gated`) and the verdicts on paragraphs, which the
    layouts that share one reply ask about more than once."""

    __slots__ = ("text", "low", "spaced", "_closing", "_reasoning", "phrases", "_stems", "_sentences")

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = lowered(text)  # the draft's lower case is often made already (`lowered` keeps it)
        # Paragraphs set apart by blank lines; a Word document spaced by its styles, or a web
        # page's text, has none and gives a paragraph a line (see `_paragraphs`).
        self.spaced = _BLANK_LINE_RE.search(text) is not None
        self._closing: dict[tuple[int, int], bool] = {}  # by paragraph (start, end)
        self._reasoning: dict[tuple[int, int], bool] = {}
        self.phrases: dict[str, Phrases] = {}  # `classify`'s memo
        self._stems: dict[str, frozenset[str]] = {}
        self._sentences: dict[Span, list[tuple[int, int]]] = {}

    def sentences(self, span: Span) -> list[tuple[int, int]]:
        """`textutil.sentences` of a passage, once: a prose reply is split by each rule that
        shares it out."""
        got = self._sentences.get(span)
        if got is None:
            got = self._sentences[span] = sentences(self.text, span.start, span.end)
        return got

    def stems(self, text: str) -> frozenset[str]:
        """`_stems`, once per text: the rules that share a prose reply read its sentences and
        the questions again and again."""
        got = self._stems.get(text)
        if got is None:
            got = self._stems[text] = _stems(text)
        return got

    def is_closing(self, start: int, end: int) -> bool:
        seen = self._closing.get((start, end))
        if seen is None:
            seen = self._closing[start, end] = _CLOSING.search(self.text, start, end, self.low) is not None
        return seen

    def is_general(self, start: int, end: int) -> bool:
        """Closing text or general reasoning. Reasoning is asked first: its pattern is the
        cheaper of the two, and it decides the long paragraphs (exemption and public
        interest reasoning) without the closing pattern having to read them."""
        seen = self._reasoning.get((start, end))
        if seen is None:
            seen = self._reasoning[start, end] = _REASONING.search(self.text, start, end, self.low) is not None
        return seen or self.is_closing(start, end)
_LEAD_RE = re.compile(
    r"[\s:;\-\u2013\u2014.?)\]\"'\u201d\u2019*_|#>]*"
    r"(?:(?:A|Answer|(?:Final\s+|Our\s+)?(?:Response|Answer|Reply))(?:\s+(?:to|for)\s+(?:Question|Q)\.?)?\s*\d{0,3}[a-z]?\s*(?:[:.)\-\u2013]|(?=\n))[\s*_]*)?",
    re.I,
)


def _fill_segments(draft: _Draft, span: Span, anchors: list[_Anchor], slots: list[_Slot]) -> None:
    for k, a in enumerate(anchors):
        if a.qi is None:
            continue
        nxt = anchors[k + 1].start if k + 1 < len(anchors) else span.end
        slot = slots[a.qi]
        slot.anchor = a
        slot.full, slot.core = _answer_after(draft, a.end, nxt)
        if _is_empty(draft.text, slot.core) and _marked_options(draft.text, anchors, k):
            end = next((b.start for b in anchors[k + 1 :] if b.qi is not None), span.end)
            slot.full, slot.core = _answer_after(draft, a.end, end)


def _marked_options(text: str, anchors: list[_Anchor], k: int) -> bool:
    """Is question k's empty answer followed by echoed request lines that are not questions
    and then the draft's own words before the next question? A checklist question is
    answered by marking its options ("Legal claims  N", "Paper only  Yes"), and an answer may
    follow a repeated scoping line: the request text is not the answer, the rest is."""
    if k + 1 >= len(anchors) or anchors[k + 1].kind != "other":
        return False
    pos = anchors[k].end
    for b in anchors[k + 1 :]:
        if b.qi is not None:
            return _WORD_CHAR_RE.search(text, pos, b.start) is not None
        if _WORD_CHAR_RE.search(text, pos, b.start):
            return True
        pos = max(pos, b.end)
    return False


def _answer_after(draft: _Draft, start: int, nxt: int) -> tuple[Span, Span]:
    """(everything up to the next anchor, the answer proper) after an anchor ending at `start`:
    leading punctuation and 'Answer:' labels dropped, closing boilerplate and markup trimmed."""
    m = _LEAD_RE.match(draft.text, start, nxt)
    if m:
        start = m.end()
    full = Span(start, max(start, nxt))
    return full, _tidy(draft.text, _trim_boilerplate(draft, full))


def _tidy(text: str, span: Span) -> Span:
    """Drop table and emphasis markup left at the end of an answer ("42 |", "£2m **")."""
    end = span.end
    while end > span.start and text[end - 1] in " \t|*_#>":
        end -= 1
    return span if end == span.end else Span(span.start, end)


_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")


def _paragraphs(draft: _Draft, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph of the draft's text[start:end], found only as far as the
    caller reads: an answer is trimmed at its first paragraph of letter text, and the last
    answer runs on through the whole closing of the letter. Lines between blank lines make a
    paragraph; in a draft without blank lines each line is one (`_Draft.spaced`), or the last
    answer of a Word letter would run on into the reasoning and the signature."""
    text = draft.text
    if not draft.spaced:
        for line_start, line in _lines(text, start, end):
            if line and not line.isspace():
                yield line_start, line_start + len(line)
        return
    first: int | None = None
    prev_end = start
    for line_start, line in _lines(text, start, end):
        if line.isspace() or not line:  # blank
            if first is not None:
                yield first, prev_end
                first = None
            continue
        if first is None:
            first = line_start
        prev_end = line_start + len(line)
    if first is not None:
        yield first, prev_end


def _trim_boilerplate(draft: _Draft, span: Span) -> Span:
    """The answer proper: its first paragraph and those after it up to the first paragraph of
    general letter text (exemption reasoning, review and complaint rights, sign-off). In a
    draft whose paragraphs are lines (not `_Draft.spaced`), a line that applies a decision to
    the answer ("Some details have been redacted under section 40(2)") is the answer's."""
    paras = _paragraphs(draft, span.start, span.end)
    start, end = next(paras, (span.start, span.start))
    for s, e in paras:
        if draft.is_general(s, e) and (draft.spaced or not _applies_decision(draft, s, e)):
            break
        end = e
    return Span(start, end)


def _applies_decision(draft: _Draft, start: int, end: int) -> bool:
    """Whether a paragraph says information is withheld, not held, published elsewhere or
    refused: general reasoning reads as plain information ("answered") or as nothing."""
    return classify(draft.text[start:end], (), draft.phrases).status not in (Status.ANSWERED, Status.UNANSWERED)


def _decides(draft: _Draft, start: int, end: int) -> bool:
    """A paragraph with closing words in it that still deals with the request ("We do not
    hold this. If you are unhappy, ask for a review."): the status decision reads past the
    review rights, so the paragraph stays in the reply."""
    if end - start > 2000:  # a letter's closing is a few lines, never this long
        return True
    return classify(draft.text[start:end], (), draft.phrases).status is not Status.UNANSWERED


def _drop_closing(draft: _Draft, span: Span) -> Span:
    """A whole-letter reply without its closing paragraphs (review rights, sign-off, and the
    signature under it: a name, a team, a council's address are no part of the reply): the
    reasoning stays, because in a prose reply it is the answer."""
    # A signature is a few lines: a sign-off with more after it (an annex) ends nothing.
    signed = _SIGN_OFF_LINE.search(draft.text, max(span.start, span.end - _SIGNATURE_MOST), span.end, draft.low)
    paras = list(_paragraphs(draft, span.start, span.end if signed is None else signed.start()))
    kept = (p for p in paras if not draft.is_closing(*p) or _decides(draft, *p))
    first = next(kept, None)
    if first is None:
        return span
    # Only the last paragraph kept is needed as well: those between stay inside the span
    # whatever they are, so they are not classified (reading back from the end stops at the
    # first paragraph that is kept; it may be `first` itself).
    last = next(p for p in reversed(paras) if p is first or not draft.is_closing(*p) or _decides(draft, *p))
    return Span(first[0], last[1])


def _share_replies(
    draft: _Draft,
    span: Span,
    anchors: list[_Anchor],
    slots: list[_Slot],
    questions: list[Question],
) -> None:
    """One reply for several questions: the echo-all-then-answer layout, and prose drafts."""
    text = draft.text
    anchored = [a for a in anchors if a.qi is not None]
    if not anchored:
        body = _reply_body(draft, span, anchors)
        for i, slot in enumerate(slots):
            if questions[i].parent is None or not _has_parent_slot(questions, i):
                slot.core, slot.full, slot.shared = body, body, True
        whole = classify(text[body.start : body.end], (), draft.phrases).status
        if whole in (Status.ANSWERED, Status.PARTIAL):
            owners = _sentence_owners(draft, body, questions) if len(questions) > 1 else []
            _give_sentences(slots, owners)
            _unshare_if_nothing_left(draft, body, questions, slots, owners)
        elif len(questions) > 1 and whole in (Status.NCND, Status.REFUSED, Status.WITHHELD):  # a blanket that may not be one
            owners = _sentence_owners(draft, body, questions)
            if len({o[0] for o in owners}) >= 2:
                _limit_blanket(draft, body, questions, slots, owners)
        return
    empties = [
        a
        for a, b in zip(anchored, anchored[1:])
        if _is_empty(text, slots[a.qi].core) or _only_numbering(text, slots[a.qi].core, questions[b.qi].ref)  # type: ignore[index]
    ]
    last = slots[anchored[-1].qi]  # type: ignore[index]
    if len(anchored) > 1 and len(empties) == len(anchored) - 1 and not _is_empty(text, last.core):
        reply = Span(last.core.start, last.full.end) if last.core and last.full else last.core
        assert reply is not None
        if not _numbered_replies(draft, reply, questions, slots):
            reply = _trim_boilerplate(draft, reply)
            for a in anchored:
                s = slots[a.qi]  # type: ignore[index]
                s.core, s.shared = reply, True
    # Leading prose before the first anchor answers the unanchored questions before it.
    first = anchored[0]
    lead = Span(span.start, first.start)
    lead_text = text[lead.start : lead.end]
    if first.qi and lead_text.strip():
        lead_body = _strip_other(text, lead, anchors)
        for i in range(first.qi):
            if slots[i].anchor is None and lead_body is not None:
                slots[i].core, slots[i].full, slots[i].shared = lead_body, lead_body, first.qi > 1


# A sentence that supplies something even when it shares no word with the question: a figure
# or an amount, a bare yes/no/none, or the information attached or set out below.
_SUPPLIES_RE = re.compile(
    r"[0-9\u00a3$\u20ac%]|^\W*(yes|no|none|nil|zero|n/?a)\b|\b(attached|enclosed|appended|annex|appendix|spreadsheet|"
    r"table|as\s+follows|set\s+out\s+below|listed\s+below|see\s+below)\b",
    re.I,
)


_ITEM_RE = re.compile(r"[\u00a3$\u20ac]?\d[\d,.]*%?|\b(?:yes|none|nil|zero)\b|(?<=[a-z,;:] )[A-Z][A-Za-z&'-]+", re.I)
_YEAR_RE = re.compile(r"(?:19|20)\d\d$")
_GREETING_RE = re.compile(r"\b(?:dear|mrs?|ms|miss|dr|hi|hello)\.?\s+$", re.I)


def _items(draft: _Draft, owned: list[tuple[int, int, int]], questions: list[Question]) -> int:
    """How many separate answers the owned sentences give: figures, amounts, yes/none and
    names (a capitalised word inside a sentence: "the contractor is Northgate"), leaving out
    years, numbers and words the questions themselves use (a date range, "1 April"). A name
    counts only on a line that shares a word with the questions: a sentence may run on into a
    line about something else ("The footbridge on Church Lane reopens")."""
    text = draft.text
    asked = {m.group().rstrip(".,").lower() for q in questions for m in _ITEM_RE.finditer(q.text)}
    words = set().union(*(draft.stems(q.text) for q in questions))
    known = words | _FOI_WORDS
    found = 0
    for _, start, end in owned:
        for s0, line in _lines(text, start, end):
            on_subject = not draft.stems(line).isdisjoint(words)
            for m in _ITEM_RE.finditer(text, s0, s0 + len(line)):
                item = m.group().rstrip(".,").lower()
                if item in asked or _YEAR_RE.match(item):
                    continue
                if item[0].isalpha() and item not in _NIL_ITEMS and (
                    not on_subject
                    or not m.group()[0].isupper()  # the pattern is caseless: a lower-case word
                    or item[:6] in known
                    or _GREETING_RE.search(text, max(s0, m.start() - 8), m.start())  # "Dear Sam"
                ):
                    continue
                found += 1
    return found


_NIL_ITEMS = frozenset({"yes", "none", "nil", "zero"})


def _unshare_if_nothing_left(
    draft: _Draft, body: Span, questions: list[Question], slots: list[_Slot], owned: list[tuple[int, int, int]]
) -> None:
    """A prose reply is shared with a question that owns none of its sentences only if it has
    something left that may answer it (status guide: `unanswered` when "the reply talks about
    something else"; a question is answered by the information asked for, not by any text).

    Left over are the sentences no question owns that deal with the request in some way (not
    courtesy or review rights alone: a decision may come with figures) and are about it: they
    share a subject word with some question, or supply a figure, a yes/no/none or an
    attachment. Such a sentence that shares two or more words with some questions, equally
    (so no one question owns it), is left for those questions only; one that shares less may
    answer any. The owned sentences leave something over too when they give more separate
    figures, names or yes/none answers than they have owners ("14 branches; £212,400; 9
    posts; none"). A question with nothing left is `unanswered`: one line about question 1
    does not answer questions 2 to 4, and "junk" or a paragraph about another subject
    answers none of them."""
    text = draft.text
    qstems = [draft.stems(q.text) for q in questions]
    asked = set().union(*qstems)
    mine = {qi for qi, _, _ in owned}
    if owned and _items(draft, owned, questions) > len(mine):
        return  # one sentence may answer several questions
    taken = _Intervals((s0, e0) for _, s0, e0 in owned)
    left_for: set[int] = set()
    for s0, e0 in draft.sentences(body):
        if taken.overlaps(s0, e0):
            continue
        part = text[s0:e0]
        if classify(part, (), draft.phrases).status is Status.UNANSWERED:
            continue  # courtesy or boilerplate only; a decision may come with figures ("£4,210; the rest is published at ...")
        st = draft.stems(part)
        if st.isdisjoint(asked) and not _SUPPLIES_RE.search(part):
            continue  # another subject, and nothing supplied
        scores = [len(st & qs) for qs in qstems]
        best = max(scores)
        if best < 2:
            return  # may answer any of them: they keep the shared reply
        left_for.update(i for i, n in enumerate(scores) if n == best)
    if owned or left_for:
        why = "unanswered: the reply deals only with question(s) " + ", ".join(questions[i].ref for i in sorted(mine | left_for))
    else:
        gist = _short(" ".join(text[body.start : body.end].split()))
        why = f"unanswered: the reply gives none of the information asked for ('{gist}')"
    for i, slot in enumerate(slots):
        if i not in mine and i not in left_for and slot.shared:
            slot.core = slot.full = None
            slot.shared = False
            slot.result = Classified(Status.UNANSWERED, why)


def _stems(text: str) -> frozenset[str]:
    """Content words cut to six letters ('investigated'/'investigation', 'penalty'/'penalties'),
    without the words every FOI letter uses ('council', 'request', 'information'). The rules
    that share a prose reply read them through `_Draft.stems`."""
    return frozenset(w[:6] for w in content_words(text)) - _FOI_WORDS


_FOI_WORDS = frozenset(
    w[:6]
    for w in """council councils trust service services authority department force university organisation
    request requests requested information data number numbers total year years held hold please provide
    following freedom act""".split()
)


def _limit_blanket(
    draft: _Draft, body: Span, questions: list[Question], slots: list[_Slot], owned: list[tuple[int, int, int]]
) -> None:
    """A prose reply that deals with questions one by one ("In response to your first
    question, we can neither confirm nor deny...; as to your second, yes") does not apply its
    NCND or refusal to a question it never mentions: that question is `unanswered`. Only a
    refusal, NCND or "not held" that stands on its own, in no question's sentences, covers
    the whole request (status guide, "Cost refusals cover what they say")."""
    text = draft.text
    taken = _Intervals((s0, e0) for _, s0, e0 in owned)
    for s0, e0 in draft.sentences(body):
        if taken.overlaps(s0, e0):
            continue
        if classify(text[s0:e0], (), draft.phrases).status not in (Status.ANSWERED, Status.PARTIAL, Status.UNANSWERED):
            return  # a blanket statement of its own: it covers every question
    _give_sentences(slots, owned)
    mine = {qi for qi, _, _ in owned}
    for i, slot in enumerate(slots):
        if i not in mine and slot.shared and questions[i].parent is None:
            slot.core = slot.full = None
            slot.shared = False


def _sentence_owners(draft: _Draft, body: Span, questions: list[Question]) -> list[tuple[int, int, int]]:
    """A prose reply to several questions often answers them one sentence at a time ("312
    students were investigated. We do not record whether AI tools were used."). A sentence that
    shares at least two content words with one question (one, for a question of one or two)
    and more than with any other becomes that question's answer; questions no sentence
    clearly answers keep the whole reply. Only done when the reply as a whole gives
    information, or when `_limit_blanket` then checks whether a refusal covers them all."""
    text = draft.text
    qstems = [draft.stems(q.text) for q in questions]
    asked = set().union(*qstems)
    owner: list[tuple[int, int, int]] = []  # (question, sentence start, sentence end)
    for s0, e0 in draft.sentences(body):
        st = draft.stems(text[s0:e0])
        if st.isdisjoint(asked):  # no word of any question: scores all 0, not enough (cheap test first)
            continue
        scores = sorted(((len(st & qs), qi) for qi, qs in enumerate(qstems)), reverse=True)
        best, qi = scores[0]
        runner_up = scores[1][0] if len(scores) > 1 else 0
        enough = best >= 2 or (best == 1 and len(qstems[qi]) <= 2)  # "what penalties were applied"
        # A courtesy line that echoes the subject ("Thank you for your request about CCTV
        # maintenance") answers nothing: it takes no question from the shared reply.
        if enough and best > runner_up and classify(text[s0:e0], (), draft.phrases).status is not Status.UNANSWERED:
            owner.append((qi, s0, e0))
    return owner


def _give_sentences(slots: list[_Slot], owner: list[tuple[int, int, int]]) -> None:
    """Each question with sentences of its own gets them (up to the first sentence of
    another question between them) instead of the shared reply."""
    for qi in {o[0] for o in owner}:
        mine = [o for o in owner if o[0] == qi]
        first, last = mine[0], mine[-1]
        between = [o for o in owner if first[1] <= o[1] <= last[1] and o[0] != qi]
        end = last[2] if not between else first[2]
        slot = slots[qi]
        slot.core, slot.full, slot.shared = Span(first[1], end), Span(first[1], end), False


def _numbered_replies(draft: _Draft, reply: Span, questions: list[Question], slots: list[_Slot]) -> bool:
    """After quoting the whole request, a draft may answer it as a numbered list ("1. 42 FTE").
    If so, give each question its own numbered answer instead of one shared reply."""
    markers = sorted(_marker_anchors(questions, draft.text, reply, []), key=lambda a: a.start)
    if len(markers) < 2:
        return False
    for k, a in enumerate(markers):
        nxt = markers[k + 1].start if k + 1 < len(markers) else reply.end
        slot = slots[a.qi]  # type: ignore[index]
        slot.anchor, slot.shared = a, False
        slot.full, slot.core = _answer_after(draft, a.end, nxt)
    return True


def _has_parent_slot(questions: list[Question], i: int) -> bool:
    parent = questions[i].parent
    return parent is not None and any(q.ref == parent for q in questions)


def _reply_body(draft: _Draft, span: Span, anchors: list[_Anchor]) -> Span:
    body = _strip_other(draft.text, span, anchors) or span
    return _drop_closing(draft, body)


def _strip_other(text: str, span: Span, anchors: list[_Anchor]) -> Span | None:
    """The part of `span` after any echoed request text (a draft that quotes the request and
    then replies): the reply starts after the last echo inside it."""
    start = span.start
    for a in anchors:
        if a.kind == "other" and span.start <= a.start < span.end:
            start = max(start, a.end)
    m = _LEAD_RE.match(text, start, span.end)
    if m:
        start = m.end()
    if not text[start : span.end].strip():
        return None
    return Span(start, span.end)


def _is_empty(text: str, span: Span | None) -> bool:
    return span is None or not _WORD_CHAR_RE.search(text, span.start, span.end)


def _only_numbering(text: str, span: Span | None, next_ref: str) -> bool:
    """Is this 'answer' just the next question's number? A request quoted in one run
    ("...over 5 years? 2. How many of these...") leaves "2." between two echoes."""
    if span is None:
        return True
    m = _ONLY_NUMBER_RE.fullmatch(text, span.start, span.end)
    return m is not None and m.group(1).lower() == _local_key(next_ref)


_WORD_CHAR_RE = re.compile(r"\w")
_ONLY_NUMBER_RE = re.compile(r"\W*(?:Q|Question)?\s*\(?(\d{1,3}[a-z]?)[.):]\W*", re.I)


# ---------------------------------------------------------------------------------------------
# Questions with no anchor of their own

_BRANCH_NA_RE = re.compile(r"[\s:;\-\u2013]*(n\s*/\s*a|not applicable)\b", re.I)


def _branch_answers(questions: list[Question], norm: Normalised, text: str) -> set[str]:
    """Branch headings the draft repeats and answers "N/A" as a whole."""
    out: set[str] = set()
    seen: set[str] = set()
    for q in questions:
        if not q.branch or q.branch in seen:
            continue
        seen.add(q.branch)
        f = fold(q.branch)
        if len(f) < 6:
            continue
        for i in _occurrences(norm.text, f, 3):
            end = norm.orig_end(i + len(f))
            if _BRANCH_NA_RE.match(text, end, min(len(text), end + 40)):
                out.add(q.branch)
    return out


# "Your request" as a whole, not one part of it.
_WHOLE_REQUEST_RE = re.compile(r"\b(your|this|the)\s+(whole\s+|entire\s+|full\s+)?request\b|\b(all|each)\s+(parts|questions|elements)\s+of\s+your\b", re.I)
_ONE_PART_RE = re.compile(r"\b(part|question|item|point|q)\s*\.?\s*\d|\bthis\s+(part|question|element)\b|\bparts?\s+of\s+your\s+request\b", re.I)


def _whole_request_refusal(draft: _Draft, span: Span, slots: list[_Slot]) -> None:
    """A cost or vexatious refusal of the whole request ("to comply with your request would
    exceed the appropriate limit") makes every question `refused`, even where the draft
    volunteers some figures as s.16 advice (status guide: "Cost refusals cover what they
    say"). A refusal inside one question's own answer, or naming a part, covers that part only.
    """
    text = draft.text
    own = sorted((s.core.start, s.core.end) for s in slots if s.core is not None and not s.shared and s.anchor is not None)
    starts = [a for a, _ in own]
    for gated in (COST, VEXATIOUS):
        for m in gated.finditer(text, span.start, span.end, draft.low):
            k = bisect.bisect_right(starts, m.start()) - 1
            if k >= 0 and own[k][0] <= m.start() < own[k][1]:
                continue  # inside one question's own answer
            s0 = max(text.rfind(".", span.start, m.start()), text.rfind("\n", span.start, m.start())) + 1
            e0 = text.find(".", m.end(), span.end)
            sentence = text[s0 : e0 if e0 != -1 else span.end]
            if _WHOLE_REQUEST_RE.search(sentence) and not _ONE_PART_RE.search(sentence):
                why = "refused: the whole request is refused (" + " ".join(sentence.split())[:70] + ")"
                for slot in slots:
                    slot.result = Classified(Status.REFUSED, why)
                return


def _follow_cross_references(text: str, questions: list[Question], slots: list[_Slot]) -> None:
    """"See our answer to question 2" / "As above" take the status of the answer they point to."""
    keys = [_local_key(q.ref) for q in questions]
    for i, slot in enumerate(slots):
        if slot.core is None or slot.core.end - slot.core.start > 80:
            continue
        ref = cross_reference(text[slot.core.start : slot.core.end])
        if ref is None:
            continue
        j = i - 1 if ref == "" else next((k for k in range(len(keys)) if keys[k] == ref and k != i), -1)
        target = slots[j].result if 0 <= j < len(slots) else None
        if target is not None and target.status is not Status.UNANSWERED:
            slot.result = Classified(target.status, f"refers to the answer to question {questions[j].ref}", target.nil)
            slot.citations = slot.citations or slots[j].citations


def _resolve_unanchored(
    questions: list[Question], slots: list[_Slot], index: dict[str, int], branch_na: set[str]
) -> None:
    for i, q in enumerate(questions):
        slot = slots[i]
        if q.branch and q.branch in branch_na and (
            slot.result is None or slot.result.status in (Status.UNANSWERED, Status.NOT_APPLICABLE)
        ):
            slot.result = Classified(Status.NOT_APPLICABLE, f"branch '{_short(q.branch)}' answered N/A")
            continue
        if slot.result is not None and slot.result.status != Status.UNANSWERED:
            # One reply shared by a question and its follow-ups: "There have been no incidents"
            # answers "how many?" and makes "details of each incident" moot (status guide:
            # a follow-up after a "No" or "none" is not_applicable).
            parent = index.get(q.parent) if q.parent else None
            pres = slots[parent].result if parent is not None else None
            if slot.shared and pres is not None and pres.status is Status.NOT_APPLICABLE and slots[parent].core == slot.core:  # type: ignore[index]
                slot.result = Classified(Status.NOT_APPLICABLE, f"not applicable: part of question {q.parent}, which is not applicable")
                continue
            if slot.shared and i > 0 and _follows_up(q) and _first_sharing(slots, i) != i:
                prev = slots[i - 1].result
                negative = slot.result.nil or slot.result.status is Status.NOT_HELD
                if prev is not None and negative and (prev.nil or prev.status is Status.NOT_HELD):
                    slot.result = Classified(Status.NOT_APPLICABLE, "not applicable: follow-up to a question answered 'none' or 'not held'")
            continue
        parent = index.get(q.parent) if q.parent else None
        if parent is not None and slots[parent].result is not None:
            pres = slots[parent].result
            assert pres is not None
            if pres.status == Status.NOT_APPLICABLE or (pres.nil and q.conditional):
                slot.result = Classified(Status.NOT_APPLICABLE, f"question {q.parent} answered N/A or none")
                continue
            if slot.result is None and pres.status != Status.UNANSWERED and not slots[parent].children_answered_separately(slots):
                slot.result = Classified(pres.status, f"covered by the answer to {q.parent}", pres.nil)
                slot.core, slot.citations = slots[parent].core, slots[parent].citations
                continue
        if _follows_up(q) and i > 0:
            prev = slots[i - 1].result
            if prev is not None and (prev.nil or prev.status in (Status.NOT_HELD, Status.NOT_APPLICABLE)):
                slot.result = Classified(Status.NOT_APPLICABLE, "follow-up to a question answered in the negative")
                continue
        if slot.result is None:
            slot.result = Classified(Status.UNANSWERED, "the draft does not reach this question")
    # Parents with no text of their own take their status from their children.
    for slot in slots:
        if slot.children and slot.result is not None and slot.result.status == Status.UNANSWERED:
            kids = [slots[c].result for c in slot.children if slots[c].result is not None]
            statuses = {k.status for k in kids if k is not None}
            if len(statuses) == 1:
                only = statuses.pop()
                slot.result = Classified(only, "from its sub-questions")
            elif statuses - {Status.UNANSWERED}:
                slot.result = Classified(Status.PARTIAL, "sub-questions answered in different ways")


# "We do not have an operational drone." / "The council has no electric buses." - the thing
# the draft says it does not have, ending the sentence or clause.
_HAS_NONE_RE = re.compile(
    r"\b(?:we|i|it|they|the\s+\w+(?:\s+\w+){0,3})\s+(?:(?:do|does|did)\s+not|don't|doesn't|didn't)\s+(?:currently\s+)?"
    r"(?:have|own|operate|run|use)\s+(?:a|an|any)\s+(?P<a>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s*[.;,!\n]"
    r"|\b(?:we|i|it|they|the\s+\w+(?:\s+\w+){0,3})\s+(?:has|have)\s+no\s+(?P<b>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s*[.;,!\n]",
    re.I,
)


# "We have no records / such report / further comment": a statement about information (not
# held) or courtesy, not about a thing the questions depend on.
_RECORD_WORDS = frozenset(
    w[:6]
    for w in """record records document documents documentation details figures figure copy copies breakdown report
    reports policy policies minutes correspondence emails list statistics way means access comment comments plans
    further other such knowledge evidence recorded relevant specific formal written idea reason reasons""".split()
)


def _implied_not_applicable(text: str, span: Span, questions: list[Question], slots: list[_Slot]) -> None:
    """Questions the draft never deals with, about a thing it says the body does not have
    ("We do not have an operational drone", then nothing on 'the drone's operational costs'):
    the status guide's not_applicable (the question depends on a condition that does not hold),
    not unanswered. Only questions that name every content word of the missing thing."""
    unanswered = [i for i, s in enumerate(slots) if s.result is not None and s.result.status is Status.UNANSWERED]
    if not unanswered:
        return
    missing: list[tuple[frozenset[str], str]] = []
    for m in _HAS_NONE_RE.finditer(text, span.start, span.end):
        thing = m.group("a") or m.group("b") or ""
        words = _stems(thing)
        if words and not words & _RECORD_WORDS and len(missing) < 20:
            missing.append((words, thing))
    for i in unanswered:
        stems = _stems(questions[i].text)
        hit = next((thing for words, thing in missing if words <= stems), None)
        if hit is not None:
            slots[i].result = Classified(Status.NOT_APPLICABLE, f"not applicable: the draft says there is no {_short(hit, 40)}")


# Questions that only make sense if the one before had something to report.
_FOLLOW_UP_RE = re.compile(
    r"^\W*(if\s+(so|yes|there\s+(is|are|was|were|have\s+been))|where\s+(this|that|applicable|relevant)|of\s+(these|those|them)"
    r"|for\s+(each|every)\s+(of\s+)?(these|those|such|incident|case|one)|(please\s+)?(provide|give|list|supply)\s+(the\s+)?details\s+of\s+(each|every|these|those|any|the|such)"
    r"|(please\s+)?(provide|give)\s+a\s+breakdown\s+of\s+(these|those|them|each))\b",
    re.I,
)


def _follows_up(q: Question) -> bool:
    return q.conditional or _FOLLOW_UP_RE.match(q.text) is not None


def _first_sharing(slots: list[_Slot], i: int) -> int:
    core = slots[i].core
    for j, s in enumerate(slots):
        if s.core == core:
            return j
    return i


def _short(text: str, n: int = 50) -> str:
    return text if len(text) <= n else text[: n - 1] + "\u2026"


# ---------------------------------------------------------------------------------------------
# Exemptions cited away from the answer they support

_REASON_FAMILIES: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (
        re.compile(r"\b(staff|personal|employee|individual|names?|contact details|data protection|third part(y|ies))\b", re.I),
        frozenset({"FOIA:40", "EIR:13", "FOISA:38", "EISR:11"}),
    ),
    (
        re.compile(r"\bcommercial(ly)?\b|\btrade secret", re.I),
        frozenset({"FOIA:43", "EIR:12(5)(e)", "FOISA:33", "EISR:10(5)(e)", "FOIA:41", "FOISA:36"}),
    ),
)


def _family_ok(reason: str, citation: Citation) -> bool:
    for rx, keys in _REASON_FAMILIES:
        if rx.search(reason):
            key = f"{citation.regime.value}:{citation.citation}"
            return any(key == k or key.startswith(k + "(") for k in keys)
    return True


def _link_general_citations(text: str, slots: list[_Slot], citations: list[Citation]) -> None:
    """A withheld answer with no citation of its own is linked to the exemptions the draft
    cites elsewhere, if they fit the reason the answer gives ("does not release staff
    information" needs a personal-data exemption, not s.31)."""
    own_spans = [s.core for s in slots if s.core is not None and not s.shared]
    general = [c for c in citations if not any(sp.start <= c.span.start < sp.end for sp in own_spans)]
    if not general:
        return
    for slot in slots:
        res = slot.result
        if res is None or not res.status.is_refusal and res.status not in (Status.PARTIAL, Status.REDIRECTED):
            continue
        if slot.citations:
            continue
        reason = text[slot.core.start : slot.core.end] if slot.core else ""
        if res.status == Status.REFUSED:
            pick = tuple(c for c in general if c.section in ("12", "14") or c.citation.startswith("12(4)(b)"))
        elif res.status == Status.REDIRECTED:
            pick = tuple(c for c in general if c.section in ("21", "25"))
        else:
            pick = tuple(c for c in general if c.section not in ("12", "14", "21", "25") and _family_ok(reason, c))
        slot.citations = pick


def _answer(q: Question, s: _Slot) -> Answer:
    res = s.result or Classified(Status.UNANSWERED, "")
    span = s.core if s.core is not None and s.core.end > s.core.start else None
    return Answer(question=q, status=res.status, span=span, citations=s.citations, note=res.note)

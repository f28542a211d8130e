"""Turn a request into the questions it asks.

Requesters number things in every way there is (`1.`, `1)`, `Q1`, `Question 1 -`, `1a)`, `a)`,
`(ii)`, bullets), nest them, restart the numbering under conditional headings ("If there is
no CCTV maintenance contract in place", "If yes,"), or write plain prose. The parser works on
lines: it classifies each as a marked item, a heading or prose, then builds the question tree
and gives every question a ref that is unique and stable (`1`, `2b`, `B.3`).

What a requester writes around the questions (preambles, format and delivery preferences,
courtesy, date-range scoping, bare lead-ins) is not a question (`reviewer.analysis.asks` decides);
a parent that only introduces its sub-questions is dropped and its children keep their refs;
a prose sentence that asks for several things gives one question per thing.

`split_combined` finds the request inside a file that holds both request and response.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from reviewer.analysis import asks
from reviewer.core.document import Span
from reviewer.core.model import Question
from reviewer.text.textutil import Alternation, Line, content_words, lines, sentences

# ---------------------------------------------------------------------------------------------
# Line markers

_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_MARKER_RE = re.compile(
    r"""^[ \t]*(?:
        (?:Q|Question|Qu\.?)[ \t]*(?P<qn>\d{1,3})(?P<ql>[a-z])?[ \t]*(?:[.):\-\u2013\u2014]|(?=[ \t]))[ \t]*
      | (?P<multi>\d{1,2}(?:\.\d{1,2})+)\.?[ \t]+
      | (?P<dec>\d{1,3})(?P<decl>[a-z])?[ \t]*(?:[.)]|[ \t]?[\-\u2013\u2014:](?=[ \t]))[ \t]*
      | \((?P<pdec>\d{1,3})\)[ \t]+
      | \(?(?P<rom>i{1,3}|iv|vi{0,3}|ix|xi{0,2})[.)][ \t]+
      | \(?(?P<let>[a-z])[.)][ \t]+
      | (?P<up>[A-Z])[.)][ \t]+
      | (?P<bul>[\u2022\u00b7\u25aa\u25e6\u2023\u25cf\u25cb\u25a0\u25a1\u2013\u2014*>-]|o(?=[ \t]))[ \t]+
    )(?P<rest>\S.*)$""",
    re.X,
)


@dataclass
class _Item:
    kind: str  # dec, let, rom, up, bul, pdec, multi
    label: str  # as written, e.g. "1.", "a)", "Q3"
    key: str  # number, letter or roman numeral ("" for bullets)
    sub: str  # letter written straight after a number ("1a)"), else ""
    start: int  # offset of the line start (for spans we use text start)
    text_start: int
    text_end: int
    indent: int


@dataclass
class _Para:
    """An unmarked paragraph: heading, question, lead-in or other prose."""

    start: int
    end: int


_Node = _Item | _Para


def _marker(line: Line) -> _Item | None:
    m = _MARKER_RE.match(line.text)
    if not m:
        return None
    rest_off = line.start + m.start("rest")
    indent = len(line.text) - len(line.text.lstrip())
    label = line.text[indent : m.start("rest")].strip()
    # the groups that tell the kinds apart, read at once (a dict of every group costs more)
    qn, multi, dec, pdec, rom, let, up = m.group("qn", "multi", "dec", "pdec", "rom", "let", "up")
    if qn:
        return _Item("dec", label, qn, m.group("ql") or "", line.start, rest_off, line.end, indent)
    if multi:
        return _Item("multi", label, multi, "", line.start, rest_off, line.end, indent)
    if dec:
        if _looks_like_data(dec, m.group("rest")):
            return None
        return _Item("dec", label, dec, m.group("decl") or "", line.start, rest_off, line.end, indent)
    if pdec:
        return _Item("pdec", label, pdec, "", line.start, rest_off, line.end, indent)
    if rom:
        return _Item("rom", label, rom, "", line.start, rest_off, line.end, indent)
    if let:
        return _Item("let", label, let, "", line.start, rest_off, line.end, indent)
    if up:
        return _Item("up", label, up, "", line.start, rest_off, line.end, indent)
    return _Item("bul", label, "", "", line.start, rest_off, line.end, indent)


# "1 For each year, please set out:": a number and a space, as plain text renders some Word
# lists. Taken for numbering only where the numbers run (1 then 2), never alone.
_BARE_RE = re.compile(r"^[ \t]*(?P<n>[1-9]\d?)[ \t]+(?P<rest>[A-Z][a-z].*)$")


def _bare_runs(all_lines: list[Line]) -> set[int]:
    found = set()
    for line in all_lines:
        m = _BARE_RE.match(line.text)
        if m:
            found.add(int(m.group("n")))
    return {n for n in found if n - 1 in found or n + 1 in found}


def _bare_marker(line: Line, m: re.Match[str], runs: set[int]) -> _Item | None:
    """The item a line that `_BARE_RE` matched (`m`) starts, if its number is in a run."""
    if int(m.group("n")) not in runs:
        return None
    indent = len(line.text) - len(line.text.lstrip())
    return _Item("dec", m.group("n"), m.group("n"), "", line.start, line.start + m.start("rest"), line.end, indent)


# Numbering run together, as Word lists come out of some exports (and then perhaps
# hard-wrapped): "1. How many requests? 2. How many were eligible? 3. ..." and sub-items
# inside an item: "2. Please provide a breakdown by i) reason ii) location iii) cost".
_INLINE_NUM_RE = re.compile(r"(?<=[?.!])\s+(\d{1,2})[.)]\s+(?=[A-Z\"'\u201c\u2018(])")
_INLINE_SUB_RE = re.compile(r"(?<=[\s,;:])\(?([a-z]|i{1,3}|iv|vi{0,3}|ix|x)\)\s+(?=\S)")


# "...the following types of incidents:- Miscommunication ..." with the other bullets on the
# lines below: the first bullet was pasted onto its lead-in's line.
_GLUED_BULLET_RE = re.compile(r":[ \t]*(?=[-\u2022\u2013][ \t]+[A-Z])")


_QUOTE_RE = re.compile(r"^(?:[ \t]*>)+[ \t]?")


def _unquoted(all_lines: list[Line]) -> list[Line]:
    """A request forwarded or replied to in an e-mail ("> 1. How many ...") is read without
    its quote marks, when most of its lines carry them; a lone "> " stays a bullet."""
    text_lines = [line for line in all_lines if not line.blank]
    quoted = [line for line in text_lines if _QUOTE_RE.match(line.text)]
    if len(quoted) < 2 or 2 * len(quoted) < len(text_lines):
        return all_lines
    # ">" can also be a bullet: quoting shows itself by an empty quoted line, a nested quote
    # or numbering inside the quote marks
    inner = [_QUOTE_RE.sub("", line.text, count=1) for line in quoted]
    if not any(not t.strip() or t.lstrip().startswith(">") or _numbered(t) for t in inner):
        return all_lines
    out = []
    for line in all_lines:
        m = _QUOTE_RE.match(line.text)
        out.append(Line(line.start + m.end(), line.end, line.text[m.end() :]) if m else line)
    return out


def _numbered(text: str) -> bool:
    m = _MARKER_RE.match(text)
    return bool(m and (m.group("dec") or m.group("qn") or m.group("let") or m.group("pdec")))


def _glued_bullet(line: Line) -> list[Line]:
    if ":" not in line.text:
        return [line]
    g = _GLUED_BULLET_RE.search(line.text) if _MARKER_RE.match(line.text) is None else None
    if g is None:
        return [line]
    head = line.text[: g.start() + 1]
    return [Line(line.start, line.start + len(head), head), Line(line.start + g.end(), line.end, line.text[g.end() :])]


def _split_inline(text: str, item: _Item) -> list[_Item]:
    """One numbered item holding the next numbers ("...? 2. ...? 3. ...") or a run of
    inline `i) ii)` / `a) b)` sub-items becomes the items it holds."""
    if item.kind != "dec" or item.sub:
        return [item]
    made = _inline_numbers(text, item) or _inline_subs(text, item)
    if not made:
        return [item]
    out = [replace(item, text_end=_trimmed(text, item.text_start, made[0][0])[1])]
    for k, (a, b, kind, key) in enumerate(made):
        end = made[k + 1][0] if k + 1 < len(made) else item.text_end
        label = text[a:b].strip()
        out.append(_Item(kind, label, key, "", a, b, _trimmed(text, b, end)[1], item.indent + (kind != "dec")))
    return out


def _inline_numbers(text: str, item: _Item) -> list[tuple[int, int, str, str]]:
    """(marker start, text start, kind, key) of each next number written inside the item."""
    n = int(item.key)
    if text.find(str(n + 1), item.text_start, item.text_end) == -1:
        return []  # the next number is not written at all: most items
    made = []
    for m in _INLINE_NUM_RE.finditer(text, item.text_start, item.text_end):
        if int(m.group(1)) == n + 1:
            n += 1
            made.append((m.start(1), m.end(), "dec", str(n)))
    return made


def _inline_subs(text: str, item: _Item) -> list[tuple[int, int, str, str]]:
    if text.count(")", item.text_start, item.text_end) < 2:
        return []
    subs = {m.start(): m for m in _INLINE_SUB_RE.finditer(text, item.text_start, item.text_end)}
    kind, run = _sequence([(a, m.group(1)) for a, m in subs.items()])
    return [(a, subs[a].end(), kind, subs[a].group(1)) for a in run]


def _sequence(keys: list[tuple[int, str]]) -> tuple[str, list[int]]:
    """The kind (`let` or `rom`) and offsets of inline `a) b) c)` or `i) ii) iii)` markers
    that run in order from the first (at least two of them); anything else ("see note a)
    above") is left as text."""
    for kind, series in (("let", "abcdefghijklmnopqrstuvwxyz"), ("rom", _ROMAN)):
        want = list(series)
        got: list[int] = []
        for pos, key in keys:
            if len(got) < len(want) and key == want[len(got)]:
                got.append(pos)
        if len(got) >= 2:
            return kind, got
    return "", []


_DATA_RE = re.compile(r"^[\d,.£%]+\b")


def _looks_like_data(number: str, rest: str) -> bool:
    """`2020: 6` or `15 - 20` is data, not numbering: years and number-led rests."""
    return len(number) == 4 or bool(_DATA_RE.match(rest))


# ---------------------------------------------------------------------------------------------
# Sentence kinds

_GREETING_RE = re.compile(
    r"^(hi|hello|dear|good (morning|afternoon)|thank|thanks|many thanks|best|kind regards|regards|"
    r"yours|cheers|sincerely|warm regards|with thanks)\b",
    re.I,
)
# Tried branch by branch where each branch's words are (`Alternation`): as one pattern it
# cost 40 us per sentence, most of it the engine trying every branch at every position.
_META = Alternation((
    r"(^(this|my)\s+(is|request\s+is)\s+(a|an|my)\b.*\brequest\b)",
    r"(\b(make|making|submit|submitting)\s+(a|an|this|my)\s+([\w-]+\s+){0,4}request\b)",
    r"(\bplease\s+(treat|accept|consider)\s+this\b)",
    r"(\bplease\s+let\s+me\s+know\s+if\b)",
    r"(\bif\s+you\s+(have\s+any|need\s+any|require\s+any)\s+(questions|clarification)\b)",
    r"(\bi\s+am\s+writing\s+to\s+(request|ask|make|submit)\b)",
    r"(\bi\s+look\s+forward\b)",
    r"(\bi\s+was\s+told\b)",
    r"(\bi\s+have\s+been\s+(provided|given|told)\b)",
    r"(\backnowledg(e|ement)\b)",
    r"(\bin\s+(electronic|digital)\s+(form|format)\b)",
    r"(\bplease\s+(reply|respond)\s+(to|by|via)\b)",
    r"(\bwithin\s+(the\s+)?20\s+working\s+days\b)",
    r"(\b(under|in\s+accordance\s+with)\s+the\s+(freedom\s+of\s+information|environmental\s+information)[\w\s()]*[.,]?$)",
), re.I)
_LEADIN_RE = re.compile(
    r"\b(the following|as follows|below|listed|stated below|these questions|the questions)\b", re.I
)
_ASK_RE = re.compile(
    r"""^(?:(?:under|in accordance with|as per)\b[^,]{0,80},\s*)?(?:and|also|additionally|further(?:more)?|finally|lastly|secondly|thirdly|then)?[, ]*
      (please|kindly|could|can|would|will|may
      |how|what|when|which|who|whom|whose|where|why|whether
      |is|are|do|does|did|has|have|was|were|shall
      |i\s+(?:would|'d|should|am|also|further|wish|want|require|request|seek|need|ask)
      |i'd|we\s+(?:would|request|require)
      |provide|list|state|send|supply|confirm|tell|give|detail|explain|indicate|share|disclose|release|advise|clarify
      |copies|a\ copy|copy|details|the\ number|number\ of|a\ list|a\ breakdown|breakdown|total|any\ (?:information|documents|correspondence|records)
      |all\ (?:information|documents|correspondence|records|emails|minutes|reports)
      |if)(?![a-z])""",
    re.I | re.X,
)
_CONDITIONAL_RE = re.compile(
    r"^(if|where|in the event|should there|in cases where|unless|in relation to (question|q)|following on)\b",
    re.I,
)
_HEADING_MAX = 70
_SIGNOFF_RE = re.compile(
    r"^[ \t]*(many thanks|thanks( again| in advance)?|thank you( in advance| for your (time|help|assistance))?|"
    r"kind regards|best regards|warm regards|regards|yours (sincerely|faithfully|truly)|best wishes|best|cheers)"
    r"[ \t]*[,.!]?[ \t]*$",
    re.I,
)
_FOLLOW_UP_RE = re.compile(r"^(if so|if yes|if not|if this is the case|and if so)\b", re.I)


def _is_meta(sentence: str) -> bool:
    s = sentence.strip()
    return bool(_GREETING_RE.match(s)) or _META.is_in(s)


def _is_leadin(sentence: str) -> bool:
    """"I am requesting the following:" introduces questions rather than asking one. A
    sentence that goes on after "as follows, ..." lists what it wants inline and is a question."""
    s = sentence.strip()
    if s.endswith(":"):
        return True
    m = _LEADIN_RE.search(s)
    if not m or s.endswith("?"):
        return False
    return len(s[m.end() :].split()) <= 4


# "I would like to make an FOI request for the minutes of ...": the request phrase carries
# what is asked for, so the sentence is a question although it mentions the request.
_REQUEST_FOR_RE = re.compile(
    r"\brequest(ing)?\s+(for\s+)?(?!information\b|under\b|the following\b)"
    r"(a copy|copies|the|all|any|details|a list|a breakdown)\b",
    re.I,
)


def _adds_nothing(sentence: str) -> bool:
    """"Please give details." after a question asks for more of that question."""
    return bool(_ASK_RE.match(asks.clean(sentence))) and asks.adds_nothing(sentence)


def _is_question(sentence: str) -> bool:
    s = asks.clean(sentence)
    if len(s) < 8 or not (s.rstrip("\"' )").endswith("?") or _ASK_RE.match(s)):
        return False
    if asks.non_question(s):
        return False
    return not _is_meta(s) or bool(_REQUEST_FOR_RE.search(s) and asks.names_a_record(s))


def is_conditional(text: str) -> bool:
    return bool(_CONDITIONAL_RE.match(text.strip()))


def _is_heading(text: str) -> bool:
    s = text.strip()
    if not s or len(s) > _HEADING_MAX or "\n" in s:
        return False
    if s.endswith("?"):
        return False
    if s.endswith(".") and len(s.split()) > 3:
        return False
    if _is_meta(s):
        return False
    return not _ASK_RE.match(s) or is_conditional(s)


# ---------------------------------------------------------------------------------------------
# Scanning lines into nodes


def _scan(text: str, span: Span, answers_inline: bool = False) -> list[_Node]:
    """Group lines into marked items (with their continuation lines) and unmarked paragraphs.

    With `answers_inline` (a file of questions each followed by its answer) a line after a
    complete sentence starts something new: it is the answer, not more of the question."""
    nodes: list[_Node] = []
    current: _Node | None = None
    all_lines = lines(text, span.start, span.end)
    if text.find(">", span.start, span.end) != -1:  # every quote mark is a ">"
        all_lines = _unquoted(all_lines)
    counted = all_lines  # bare numbers are counted before glued bullets are split off
    runs: set[int] | None = None
    if not answers_inline and _GLUED_BULLET_RE.search(text, span.start, span.end):
        all_lines = [part for line in all_lines for part in _glued_bullet(line)]
    for line in all_lines:
        if line.blank:
            current = None
            continue
        item = _marker(line)
        if item is None:  # a sign-off or a bare number is never a marked line
            if nodes and _SIGNOFF_RE.match(line.text):
                break  # "Many thanks, / A. Requester": nothing after a sign-off is asked
            bare = _BARE_RE.match(line.text)
            if bare:  # few requests number this way: the runs are counted at the first such line
                runs = _bare_runs(counted) if runs is None else runs
                item = _bare_marker(line, bare, runs)
        if item is not None:
            nodes.append(item)
            current = item
            continue
        stripped = line.text.strip()
        if current is None and nodes and _titles_item(nodes[-1], text) and not _is_heading(stripped) and not asks.non_question(stripped):
            current = nodes[-1]  # "2. Costs" + blank line + "Please provide the annual cost."
        if current is not None and answers_inline and isinstance(current, _Item) and _ends_sentence(text, current):
            current = None
        if current is not None and not _is_heading_line_break(stripped, current, text):
            if isinstance(current, _Item):
                current.text_end = line.end
            else:
                current.end = line.end
            continue
        para = _Para(line.start + (len(line.text) - len(line.text.lstrip())), line.end)
        nodes.append(para)
        current = para
    if answers_inline:
        return nodes
    return [part for node in nodes for part in (_split_inline(text, node) if isinstance(node, _Item) and node.kind == "dec" else [node])]


def _ends_sentence(text: str, item: _Item) -> bool:
    return _tail(text, item.text_start, item.text_end).endswith((".", "?", "!", ":", ")"))


def _titles_item(node: _Node, text: str) -> bool:
    """A numbered item that is only a title ("2. Contract costs"), whose body follows after a
    blank line."""
    if not isinstance(node, _Item) or node.kind not in ("dec", "up", "multi"):
        return False
    title = text[node.text_start : node.text_end].strip().rstrip(":")
    return "\n" not in title and len(title.split()) <= 5 and not title.endswith(("?", ".")) and not _ASK_RE.match(title)


def _is_heading_line_break(stripped: str, current: _Node, text: str) -> bool:
    """Does this unmarked line start something new rather than continue `current`?

    A short heading-like line after an item ("Fly-tipping:") or a line after a heading starts
    a new paragraph; a line ending a question, then another question, starts a new one too.
    """
    start, end = (current.text_start, current.text_end) if isinstance(current, _Item) else (current.start, current.end)
    prev = _tail(text, start, end)
    if isinstance(current, _Para) and _short_heading(text, start, end) and not prev.endswith(","):
        return True
    if _is_heading(stripped) and stripped.endswith(":"):
        return True
    if prev.endswith(("?", ":")):
        return True
    if isinstance(current, _Para) and (prev.endswith(".")) and _ASK_RE.match(stripped):
        return True
    return False


_NON_SPACE_RE = re.compile(r"\S")


def _content_end(text: str, start: int, end: int) -> int:
    """Where text[start:end] ends once trailing whitespace is removed.

    The line-break check runs for every line of a paragraph, so reading the whole paragraph
    each time made a long run of lines quadratic; this reads a window at the end that only
    grows while it holds nothing but whitespace."""
    width = _HEADING_MAX + 2
    while True:
        lo = max(start, end - width)
        tail = text[lo:end].rstrip()
        if tail or lo == start:
            return lo + len(tail)
        width *= 2


def _tail(text: str, start: int, end: int) -> str:
    """The end of text[start:end].rstrip(): enough to test what it ends with."""
    stop = _content_end(text, start, end)
    return text[max(start, stop - _HEADING_MAX - 2) : stop]


def _short_heading(text: str, start: int, end: int) -> bool:
    """_is_heading(text[start:end]) without copying a paragraph far longer than any heading."""
    first = _NON_SPACE_RE.search(text, start, end)
    if first is None:
        return False
    stop = _content_end(text, first.start(), end)
    return stop - first.start() <= _HEADING_MAX and _is_heading(text[first.start() : stop])


# ---------------------------------------------------------------------------------------------
# Building the question tree


@dataclass
class _Group:
    index: int
    heading: str | None = None
    conditional: bool = False
    lead_ref: str | None = None
    parent: _Group | None = None  # the group to resume after a conditional sub-group
    last_number: int = 0
    next_seq: int = 1
    # What its questions' refs start with ("", "B.", "3.") and their `branch_ref`: read for
    # every question added, so worked out once, from `index` and `lead_ref`.
    prefix: str = field(init=False)
    branch_ref: str | None = field(init=False)

    def __post_init__(self) -> None:
        if self.lead_ref:
            self.prefix = self.lead_ref + "."
        else:
            self.prefix = "" if self.index == 0 else chr(ord("A") + self.index) + "."
        self.branch_ref = self.prefix.rstrip(".") or None


@dataclass
class _Builder:
    text: str
    questions: list[Question] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def add(
        self,
        ref: str,
        span: tuple[int, int],
        label: str,
        parent: str | None,
        group: _Group,
        depth: int,
        conditional: bool = False,
    ) -> str:
        ref = self._unique(ref)
        start, end = span
        body = " ".join(self.text[start:end].split())
        cond = conditional or group.conditional or is_conditional(body)
        self.questions.append(
            Question(
                ref=ref,
                text=body,
                span=Span(start, end),
                label=label,
                parent=parent,
                branch=group.heading,
                branch_ref=group.branch_ref,
                depth=depth,
                conditional=cond,
            )
        )
        return ref

    def rename(self, old: str, new: str) -> str:
        new = self._unique(new)
        self.used.discard(old)
        self.questions = [
            replace(q, ref=new, branch=None, branch_ref=None) if q.ref == old else q for q in self.questions
        ]
        return new

    def _unique(self, ref: str) -> str:
        if ref not in self.used:
            self.used.add(ref)
            return ref
        n = 2
        while f"{ref}-{n}" in self.used:
            n += 1
        self.used.add(f"{ref}-{n}")
        return f"{ref}-{n}"


def _letter(i: int) -> str:
    return chr(ord("a") + i) if i < 26 else f"z{i}"


def parse_request(text: str, span: Span | None = None, answers_inline: bool = False) -> list[Question]:
    """Parse the request in text[span] into questions (spans index into `text`).

    `answers_inline`: the text is a file of numbered questions each followed by its answer
    (no request/response headings), so unnumbered text after the first question is answer,
    never another question."""
    span = span or Span(0, len(text))
    nodes = _scan(text, span, answers_inline)
    if not any(isinstance(n, _Item) for n in nodes):
        return _parse_prose(text, nodes)
    return _parse_list(text, nodes, answers_inline)


def _parse_prose(text: str, nodes: list[_Node]) -> list[Question]:
    """No numbering at all: every asking sentence is a question; failing that, the first
    substantive paragraph is the one thing asked for."""
    b = _Builder(text)
    group = _Group(0)
    n = 0
    for node in nodes:
        assert isinstance(node, _Para)
        found: list[tuple[int, int]] = []
        for s, e in sentences(text, node.start, node.end):
            sentence = text[s:e]
            if found and found[-1][1] >= s - 3 and (_FOLLOW_UP_RE.match(sentence) or _adds_nothing(sentence)):
                found[-1] = (found[-1][0], e)  # "Do you have a policy? If so, may I have a copy?"
            elif _is_question(sentence) and not _is_leadin(sentence):
                found.append((s, e))
        for s, e in found:
            conditional = is_conditional(text[s:e])
            for a, z in asks.asked_items(text[s:e]):  # "the rate, the days and the areas": three
                n += 1
                b.add(str(n), _trimmed(text, s + a, s + z), "", None, group, 0, conditional)
    if not b.questions:
        for node in nodes:
            assert isinstance(node, _Para)
            body = text[node.start : node.end].strip()
            if body and not _is_meta(body) and not _is_heading(body):
                b.add("1", (node.start, node.end), "", None, group, 0)
                break
    return b.questions


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _parse_list(text: str, nodes: list[_Node], answers_inline: bool = False) -> list[Question]:
    b = _Builder(text)
    groups = [_Group(0)]
    group = groups[0]
    pending_heading: str | None = None
    pending_conditional = False
    # parents by level kind within the current top-level item
    stack: list[tuple[str, str, int]] = []  # (kind, ref, child count)
    leadin_parent: str | None = None  # an unmarked lead-in that owns following bullets
    seen_top_marked = False

    def start_group(lead: str | None, marked: bool) -> _Group:
        nonlocal group
        index = len(groups)
        if lead is None:
            g = _Group(index, heading=pending_heading, conditional=pending_conditional)
        else:
            # The question before "If yes," heads the new group. An unnumbered one becomes
            # `C` with sub-questions `C.1`, `C.2`; a numbered one keeps its ref (`1`) and its
            # sub-questions become `1.1`, `1.2`. Numbering that then continues the outer list
            # ("2.") resumes the outer group.
            lead_ref = lead if marked else b.rename(lead, chr(ord("A") + index))
            g = _Group(index, heading=pending_heading, conditional=True, lead_ref=lead_ref, parent=group)
        groups.append(g)
        group = g
        return g

    top_kind: str | None = None
    # The paragraph before the items (its text and last sentence): when it is a lead-in that
    # scopes them ("...for the following years:"), the items that are only periods are its
    # scope, not questions. That is asked only when an item is a period, as few are.
    scope: tuple[str, str] | None = None
    prev_top: tuple[str, bool] | None = None  # (ref, marked) of the question just before
    for idx, node in enumerate(nodes):
        nxt = nodes[idx + 1] if idx + 1 < len(nodes) else None
        if isinstance(node, _Para):
            if answers_inline and seen_top_marked:
                prev_top = None
                continue  # in a file of numbered questions and answers, unnumbered text answers
            body = text[node.start : node.end].strip()
            if _is_heading(body) and not (nxt is None and not is_conditional(body)):
                pending_heading = body.rstrip(":,").strip()
                pending_conditional = is_conditional(body)
                leadin_parent = None
                stack = []
                continue
            # lead-in owning the bullets/letters that follow
            owns_children = isinstance(nxt, _Item) and nxt.kind in ("bul", "let", "rom")
            said = sentences(text, node.start, node.end)
            if owns_children and _owns(body):
                ref = group.prefix + str(max(group.last_number, group.next_seq - 1) + 1)
                group.next_seq = int(ref.rsplit(".", 1)[-1]) + 1
                group.last_number = group.next_seq - 1
                s0 = next((s for s, e in reversed(said) if _is_question(text[s:e])), node.start)
                leadin_parent = b.add(ref, (s0, node.end), "", None, group, 0)
                stack = [("para", leadin_parent, 0)]
                prev_top = None
                continue
            leadin_parent = None
            prev_top = None
            scope = (body, text[said[-1][0] : said[-1][1]]) if said else None
            for s, e in said:
                # `_asks_in_list` first: it is cheap, and most prose around a list fails it
                sentence = text[s:e]
                if not _asks_in_list(sentence, seen_top_marked) or _is_leadin(sentence) or not _is_question(sentence):
                    continue
                num = max(group.last_number, group.next_seq - 1) + 1
                ref = b.add(group.prefix + str(num), (s, e), "", None, group, 0)
                group.last_number = num
                group.next_seq = num + 1
                prev_top = (ref, False)
                stack = [("para", ref, 0)]
            pending_heading = None
            continue

        item = node
        if scope is not None and asks.is_period(text[item.text_start : item.text_end]) and _scopes(*scope):
            continue  # "for the following years: 1. 2019 2. 2020" says when, not what
        scope = None
        # Decide the level of this item.
        is_top = item.kind in ("dec", "multi") and not item.sub and "." not in item.key
        if item.kind == "dec" and item.sub:
            # "1a)": a sub-item of question 1
            parent = group.prefix + item.key
            parent_ref = parent if _has_ref(b, parent) else None
            ref = b.add(group.prefix + item.key + item.sub, (item.text_start, item.text_end), item.label, parent_ref, group, 1)
            group.last_number = max(group.last_number, int(item.key))
            stack = [("dec", parent, 1), ("declet", ref, 0)]
            seen_top_marked = True
            continue
        if is_top or (top_kind is None and item.kind in ("up", "pdec")) or (item.kind == top_kind and item.kind in ("up", "pdec")):
            if top_kind is None:
                top_kind = item.kind
            number = _number(item)
            restart = seen_top_marked and number is not None and number <= group.last_number and number <= 1
            outer = group.parent
            if (
                outer is not None
                and number is not None
                and number == outer.last_number + 1
                and number != group.last_number + 1
            ):
                group = outer  # back to the outer list after a conditional sub-list
            elif restart or (pending_conditional and seen_top_marked and number == 1):
                short = pending_conditional and _is_short_condition(pending_heading)
                lead = prev_top if short else None
                start_group(lead[0] if lead else None, lead[1] if lead else False)
            elif pending_heading and number == 1 and group.last_number == 0:
                group.heading = group.heading or pending_heading
                group.conditional = group.conditional or pending_conditional
            pending_heading = None
            pending_conditional = False
            ref = b.add(group.prefix + item.key, (item.text_start, item.text_end), item.label, group.lead_ref, group, 0)
            if number is not None:
                group.last_number = max(group.last_number, number)
                group.next_seq = group.last_number + 1
            stack = [(item.kind, ref, 0)]
            prev_top = (ref, True)
            seen_top_marked = True
            leadin_parent = None
            continue

        # Lower-level items: letters, romans, bullets, (1)
        kind = item.kind
        if kind == "rom" and _roman_is_letter(item.key, stack):
            kind = "let"
        if kind == "let" and item.key in _ROMAN and any(k == "let" for k, _, _ in stack) and not _letter_continues(item.key, stack):
            kind = "rom"
        # Pop to the level of this kind if already open; else nest under the deepest.
        depth_idx = next((i for i, (k, _, _) in enumerate(stack) if k == kind), None)
        if depth_idx is not None:
            stack = stack[:depth_idx]
        if not stack:
            # a list of letters/bullets with no numbered parent: top level of the group
            seq = group.next_seq
            if kind == "let":
                ref = b.add(group.prefix + item.key, (item.text_start, item.text_end), item.label, None, group, 0)
            else:
                ref = b.add(group.prefix + str(seq), (item.text_start, item.text_end), item.label, None, group, 0)
                group.next_seq = seq + 1
                group.last_number = max(group.last_number, seq)
            stack = [(kind, ref, 0)]
            seen_top_marked = True
            continue
        pkind, pref, count = stack[-1]
        stack[-1] = (pkind, pref, count + 1)
        if kind == "let":
            child = pref + item.key if not pref[-1].isalpha() else f"{pref}.{item.key}"
        elif kind == "rom":
            child = f"{pref}.{item.key}"
        else:
            suffix = _letter(count) if not pref[-1].isalpha() else str(count + 1)
            child = pref + suffix if not pref[-1].isalpha() else f"{pref}.{suffix}"
        ref = b.add(child, (item.text_start, item.text_end), item.label, pref, group, len(stack))
        stack.append((kind, ref, 0))
    return _without_bare_parents(b.questions)


def _without_bare_parents(questions: list[Question]) -> list[Question]:
    """A parent that only introduces its sub-questions ("How many:", "Procurement frameworks:",
    "I would also like information that includes:") asks nothing the draft could give: its
    children are the questions. The children keep their refs (`2a`, `2b`), so answers
    numbered the requester's way still line up."""
    parents = {q.parent for q in questions if q.parent}
    bare = {q.ref for q in questions if q.ref in parents and _only_introduces(q)}
    if not bare:
        return questions
    return [replace(q, parent=None) if q.parent in bare else q for q in questions if q.ref not in bare]


def _only_introduces(q: Question) -> bool:
    if q.conditional:
        return False
    if asks.is_bare_leadin(q.text):
        return True
    title = q.text.rstrip(":").strip()  # "1. Procurement frameworks:" over a) and b)
    return (
        bool(q.label)
        and q.depth == 0
        and len(title.split()) <= 4
        and not any(c in title for c in ",;?.")
        and not _ASK_RE.match(title)
    )


_POLITE_ASK_RE = re.compile(
    r"^(please|kindly|could you|can you|would you|i would (also )?like|i'd (also )?like|additionally|also|"
    r"in addition|finally|further(more)?)\b",
    re.I,
)


def _asks_in_list(sentence: str, after_items: bool) -> bool:
    """In a numbered request, unmarked prose is usually preamble ("Please could you provide
    the data for the last 5 years"). Before the items only a real question counts; after
    them, a polite request ("Please also provide ...") counts too."""
    s = sentence.strip().rstrip("\"' )")
    if s.endswith("?"):
        return True
    return after_items and bool(_POLITE_ASK_RE.match(sentence.strip()))


def _scopes(body: str, last: str) -> bool:
    """Does a paragraph lead in to a list of periods ("Please give the figures for the
    following years:"), its last sentence saying only when?"""
    return bool(_LEADIN_RE.search(body)) and asks.non_question(last) == "scope"


def _owns(body: str) -> bool:
    """Is an unmarked paragraph before a list a question of its own ("Please provide financial
    information relating to:") rather than a preamble ("Please send me:", "I request the
    following:")? It must say what it is about."""
    if _is_meta(body) or _LEADIN_RE.search(body):
        return False  # "I request the following information under the Act:" introduces, asks nothing
    return len(content_words(body) - _ASK_WORDS) >= 2


_ASK_WORDS = frozenset({"send", "give", "supply", "list", "state", "like", "grateful", "request", "require", "following"})


def _has_ref(b: _Builder, ref: str) -> bool:
    return ref in b.used


def _number(item: _Item) -> int | None:
    if item.kind in ("dec", "pdec"):
        return int(item.key)
    if item.kind == "multi":
        return None
    if item.kind == "up":
        return ord(item.key) - ord("A") + 1
    return None


def _is_short_condition(heading: str | None) -> bool:
    """"If yes," / "If so:" / "If the answer is no" refer back to the question before them;
    "If there is no contract in place" is a condition of its own."""
    return bool(heading and _REFERS_BACK_RE.match(heading.strip()))


_REFERS_BACK_RE = re.compile(
    r"^(if|where)\s+(yes|so|no|not|applicable|relevant|this is the case|the answer(\s+to\s+[\w .]+)?\s+is\s+(yes|no))\b",
    re.I,
)


def _roman_is_letter(key: str, stack: list[tuple[str, str, int]]) -> bool:
    """`i)` after `h)` is a letter; `v)` after `u)`; `x)` after `w)`."""
    return _letter_continues(key, stack)


def _letter_continues(key: str, stack: list[tuple[str, str, int]]) -> bool:
    for kind, ref, _count in reversed(stack):
        if kind == "let":
            last = ref.rsplit(".", 1)[-1][-1:]
            return bool(last) and ord(key[0]) == ord(last) + 1 and len(key) == 1
    return False


# ---------------------------------------------------------------------------------------------
# Files that hold both request and response

_REQ_HEAD_RE = re.compile(
    r"^[ \t#*]*(request|the request|your request|you asked|initial request|information requested|"
    r"request for information|details of (your )?request|question(s)? asked|what you asked( for)?)[ \t*]*:?[ \t*]*$",
    re.I | re.M,
)
_RESP_HEAD_RE = re.compile(
    r"^[ \t#*]*(response|our response|the response|we said|final response|answer|answers|reply|our reply|"
    r"decision|outcome|what we said|response to (your )?request|our answer|information (released|provided)|"
    r"questions and final response)[ \t*]*:?[ \t*]*$",
    re.I | re.M,
)


def split_combined(text: str) -> tuple[Span, Span] | None:
    """Find (request span, response span) in a file that holds both.

    Looks for a response heading ("Response", "We said", "Our response", "Final Response:")
    after a request heading ("Request", "You asked") or after the start of the file. Returns
    None when the file has no such headings: then each question is expected to be followed
    by its answer and the whole file is both request and response.
    """
    req = _REQ_HEAD_RE.search(text)
    req_start = req.end() if req else 0
    resp = _RESP_HEAD_RE.search(text, req_start)
    if resp is None:
        return None
    if req is None and not _has_questions_before(text, resp.start()):
        return None
    request = Span(req_start, resp.start())
    response = Span(resp.end(), len(text))
    if not text[request.start : request.end].strip() or not text[response.start : response.end].strip():
        return None
    return request, response


def _has_questions_before(text: str, end: int) -> bool:
    return bool(parse_request(text, Span(0, end)))

"""Which sentences of a request ask for something, and which only frame the asking.

The status guide ("What is not a question") lists what a requester writes around the
questions without asking for information: preambles ("I am writing under the Freedom of
Information Act..."), format and delivery preferences ("I would prefer the data in Excel"),
courtesy ("If any part is exempt, please release the rest"), date-range scoping ("for the
period 2019 to 2023": it belongs to the questions it scopes), clarifications of a term ("by
staff I mean...") and bare lead-ins ("Please could you let me know"). None of these gets a
status, because there is nothing the draft could give for them.

The test is what a sentence would leave once its framing is taken away. Each kind has a cue
(a format word, a period, a request-under-the-Act phrase) and a vocabulary of framing words;
a sentence with the cue and no word outside the framing asks for nothing of its own. "Please
provide the data for the last five years" is scoping; "Please provide the number of fires for
the last five years" still asks for fires. Everything here is a few regexes and set look-ups
per sentence, so parsing stays linear in the request's size.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from reviewer.text.textutil import case_trapped, has_words, required_words

# Words that frame any ask: politeness, asking verbs, the request itself, pointers back to
# what was already asked ("this information", "the above").
_FRAME = frozenset(
    """a an the of to in on for and or is are was were be been being by with from at as it its
    this that these those any all each every your you we our us i me my mine please kindly could
    would can will may might shall should do does did have has had also additionally further
    furthermore finally lastly then so if not no just only
    like love want wish require requiring request requested requesting seek seeking
    ask asking asked grateful appreciate appreciated obliged thank thanks provide provided
    providing supply supplied send sent give given tell let know list state confirm share
    disclose release advise forward receive received obtain see make made making submit
    submitting writing write able possible same such same following below above listed stated
    information data details detail figures figure questions question answer answers reply
    response foi freedom act environmental regulations regulation eir foisa scotland under
    accordance per made herewith copy copies records record please include includes including
    relating related relate regarding concerning contains containing""".split()
)
_FORMAT = frozenset(
    """excel spreadsheet spreadsheets csv pdf xls xlsx format formats formatted electronic
    electronically digital digitally email emails mail post postal word file files readable
    machine prefer preferably preferred preference form version layout medium address via
    within legal statutory timeframe deadline working days promptly soon possible rather than
    instead printed paper hard softcopy soft requests""".split()
)
_PERIOD = frozenset(
    """year years yearly annual annually month months monthly week weeks quarter quarters
    quarterly period periods date dates financial calendar fiscal last past previous recent most
    current since between until till inclusive cover covering covers covered restrict restricted
    restricting limit limited range time timeframe day days up present today now
    one two three four five six seven eight nine ten eleven twelve fifteen twenty
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec fy broken down breakdown break split""".split()
)
_PREAMBLE = frozenset(
    """writing hope hoping under information freedom act 2000 2002 2004 environmental regulations
    make making submit submitting new formal""".split()
)

_WH = frozenset("how many much what which who whether when where".split())

_WORD_RE = re.compile(r"[a-z0-9£%]+")

_FORMAT_CUE_RE = re.compile(
    r"\b(excel|spreadsheet|csv|pdf|xlsx?|format(ted)?|electronic(ally)?|digital(ly)?|e-?mail|by post|"
    r"machine[- ]readable|prefer(ably|red)?|sent to me|send (it|this|them) to)\b",
    re.I,
)
_PERIOD_CUE_RE = re.compile(
    r"\b(years?|months?|period|dates?|financial|calendar|since|between|(19|20)\d\d)\b", re.I
)
_PREAMBLE_CUE_RE = re.compile(
    r"\b(freedom of information|foi(a|sa)?|environmental information|request for information|"
    r"information request|(make|making|submit|submitting) (a|an|this|my)\b|writing to)\b",
    re.I,
)
# "... information about X" names the topic of the whole request, not a thing asked for.
_TOPIC_RE = re.compile(
    r"\b(about|regarding|concerning|relating to|in relation to|with regard to|in respect of|on the subject of|on)\b.*$",
    re.I,
)
# A condition about the request itself (exempt parts, the cost limit, too broad, unclear)
# with a main clause about handling it (release the rest, advise, narrow, contact me).
# "If any contracts were withheld from publication, please list them" asks; it is not here.
_COURTESY_RE = re.compile(
    r"""^(and\s+)?(if|where|should|in\ the\ event|in\ case)\b[^?!]{0,250}?
        \b(exempt\w*|withh[eo]ld\w*|redact\w*|cost\ limit|appropriate\ limit|cost\ of\ compliance|
           compliance\ (cost|limit)s?|section\ 12|s\.?\ ?12\b|too\ (broad|large|wide|onerous|burdensome|much)|
           unclear|clarif\w*|exceed\w*|(not|n't)\ (be\ )?(possible|able|feasible)|unable|cannot|can't|
           any\ (questions|queries)|further\ information\ (is|to))\b
        [^?!]{0,250}?
        \b(rest|remainder|remaining|whatever|advi[sc]e|assist\w*|help|narrow\w*|refin\w*|
           contact\ me|let\ me\ know|get\ in\ touch|inform\ me|say\ so|discuss|prioriti[sz]\w*|
           section\ 16|s\.?\ ?16\b|non-?exempt|not\ exempt|what\ (you\ can|can\ be)|as\ (much|many)\ as|
           (which|what|the)\ (exemptions?|exceptions?|sections?))\b
      | ^(please\s+)?(feel\ free|do\ not\ hesitate|don't\ hesitate)\b
      | ^i\s+(am|would\ be|will\ be)\s+(happy|glad|willing|pleased)\s+to\b
      | ^please\s+(contact|e-?mail|call|phone|ring)\s+me\b
      | ^(many\ )?thank(s|\ you)\b
      | ^i\ look\ forward\b""",
    re.I | re.X,
)
_RECEIPT_RE = re.compile(r"\b(confirm|acknowledge)\s+(receipt|that\s+you\s+have\s+received)\b", re.I)
_MEAN_RE = re.compile(r"\bi\s+(do\s+not\s+|don't\s+)?(necessarily\s+)?mean\b", re.I)
# Words every match holds, read off the patterns: most sentences have none.
_RECEIPT_NEEDS, _MEAN_NEEDS = required_words(_RECEIPT_RE.pattern)[:1], required_words(_MEAN_RE.pattern)[:1]
_CLARIFY_RE = re.compile(
    r"""^(please\s+)?note\b
      | ^(for\ the\ purposes?\ of\ this\ request|for\ clarity|to\ clarify|for\ the\ avoidance\ of\ doubt)\b
      | ^i\s+(also\s+)?(include|am\ including|am\ referring|refer)\b
      | ^(this|these|that)\s+(means?|refers?)\b""",
    re.I | re.X,
)
# "Please only provide costs met by the council", "I do not need names": narrowing what the
# questions ask, not asking something new.
_RESTRICT_RE = re.compile(
    r"""^(please\s+)?(only|just)\s+(provide|include|give|send|supply|consider|count|list)\b
      | ^(please\s+)?(exclude|do\ not\ include|don't\ include|ignore|disregard)\b
      | ^i\s+(do\ not|don't)\s+(need|require|want)\b
      | ^there\s+is\s+no\s+need\b""",
    re.I | re.X,
)
_LEADIN_RE = re.compile(r"\b(the following|as follows|below|these questions|the questions)\b|:\s*-?$", re.I)
_BARE_END_RE = re.compile(r"\b(know|tell me|provide|provide me with|send me|supply me with|give me|advise)\W*$", re.I)
_LEADING_RE = re.compile(r"^[\s\"'“”‘’(\[.…\u2026]+")


def clean(sentence: str) -> str:
    """The sentence without the quote marks, ellipses and brackets it may open with."""
    return _LEADING_RE.sub("", sentence).strip()


def residue(text: str, *extra: frozenset[str]) -> list[str]:
    """The words of `text` outside the framing vocabularies: what it asks about."""
    vocab = _union(extra)
    return [w for w in _words(text) if w not in vocab]


def _words(text: str) -> list[str]:
    """Words that could carry a subject: not framing, not a bare number, not a particle."""
    return [w for w in _WORD_RE.findall(text.lower()) if len(w) > 2 and w not in _FRAME and not _is_number(w)]


def _is_number(word: str) -> bool:
    return word.isdigit() or (word[-2:] in ("st", "nd", "rd", "th") and word[:-2].isdigit())


_UNIONS: dict[tuple[frozenset[str], ...], frozenset[str]] = {}


def _union(sets: tuple[frozenset[str], ...]) -> frozenset[str]:
    got = _UNIONS.get(sets)
    if got is None:
        got = _UNIONS[sets] = frozenset().union(*sets)
    return got


def non_question(sentence: str) -> str | None:
    """The kind of framing a sentence is (`courtesy`, `clarification`, `restriction`,
    `format`, `scope`, `preamble`, `lead-in`), or None when it asks for something."""
    s = clean(sentence)
    if not s:
        return "empty"
    low = s.lower()
    trapped = case_trapped(low)  # a `CASE_TRAPS` character may stand for a needle's letter
    if _COURTESY_RE.match(s) or ((trapped or has_words(low, _RECEIPT_NEEDS)) and _RECEIPT_RE.search(s)):
        return "courtesy"
    if _CLARIFY_RE.match(s) or ((trapped or has_words(low, _MEAN_NEEDS)) and _MEAN_RE.search(s)):
        return "clarification"
    if _RESTRICT_RE.match(s):
        return "restriction"
    words = _words(s)
    if not [w for w in words if w not in _union((_FORMAT, _PERIOD, _PREAMBLE))] and _FORMAT_CUE_RE.search(s):
        return "format"
    if _PREAMBLE_CUE_RE.search(s) and not residue(_TOPIC_RE.sub("", s), _PREAMBLE, _PERIOD):
        return "preamble"
    if not [w for w in words if w not in _PERIOD] and _PERIOD_CUE_RE.search(s):
        return "scope"
    if is_bare_leadin(s, words):
        return "lead-in"
    return None


def is_bare_leadin(sentence: str, words: list[str] | None = None) -> bool:
    """"Please could you let me know", "Can I please request the following information?",
    "How many:": a sentence that only introduces what follows and names nothing itself.
    `words`: the sentence's `_words`, when the caller has them already."""
    s = clean(sentence)
    if not (s.endswith(":") or _BARE_END_RE.search(s) or _LEADIN_RE.search(s)):
        return False
    rest = [w for w in (_words(s) if words is None else words) if w not in _PREAMBLE]
    if rest:
        # "How many:" over a lettered list: only the question word, the list says of what
        return s.endswith(":") and len(rest) <= 2 and set(rest) <= _WH
    return True


def names_a_record(sentence: str) -> bool:
    """Does a sentence that mentions the request itself ("I would like to make an FOI request
    for the minutes of ...") still name something to be provided? A topic ("a request about
    parking") is not a thing asked for; "the minutes of the last meeting" is."""
    s = clean(sentence)
    return bool(residue(_TOPIC_RE.sub("", s), _PREAMBLE, _PERIOD))


def is_period(text: str) -> bool:
    """A list item that is only a period ("Christmas 2015", "2019/20", "April to June 2021"):
    under a scoping lead-in it says when, not what."""
    s = clean(text).rstrip(".;,")
    if len(s.split()) > 4 or not re.search(r"\b(19|20)\d\d\b", s):
        return False
    return len(residue(s, _PERIOD)) <= 1


def adds_nothing(sentence: str) -> bool:
    """"Please give details." after a question: it asks for more of the same thing, so it
    belongs to the question before it rather than being one of its own."""
    s = clean(sentence)
    return not residue(s, _FOLLOW_UP) and not s.lower().startswith(("if ", "where "))


_FOLLOW_UP = frozenset("explain describe specify elaborate why reason reasons breakdown".split())


# ---------------------------------------------------------------------------------------------
# Prose that asks for several things in one sentence

_ASK_VERB_RE = re.compile(
    r"\b(tell me|let me know|provide( me with| us with)?|send( me)?|supply( me with)?|give me|"
    r"((would|'d) like|wish|want)( to (know|receive|have|see|request|ask for))?|request|release|disclose|confirm)\s+",
    re.I,
)
# What a thing asked for starts with: a determiner or a question word.
_HEAD = (
    r"(the|a|an|any|all|your|how many|how much|what|which|whether|who|when|where|why|"
    r"copies of|details of)\b"
)
# Heads that start a new ask even after a bare "and": "... and how much was spent".
_ASK_HEAD = (
    r"(how many|how much|what|which|whether|who|when|where|why|the number of|the total|the cost|"
    r"the name|the names|the value|a copy|copies|a list|a breakdown|details of|any)\b"
)
_SEP_RE = re.compile(
    r"(?P<comma>[,;]\s*(?:(?:and|as well as|along with|together with|plus)\s+)?(?=" + _HEAD + r"))"
    r"|(?P<strong>\s+(?:as well as|along with|together with)\s+(?=" + _HEAD + r"))"
    r"|(?P<ask_and>\s+and\s+(?=" + _ASK_HEAD + r"))"
    r"|(?P<and>\s+and\s+(?=" + _HEAD + r"))"
    r"|(?P<open>[(\[])|(?P<close>[)\]])",
    re.I,
)
# Inside "between X and the Y", "including X, Y and Z" or "both X and the Y" the list is one
# thing's description, not several things.
_ONE_THING_RE = re.compile(r"\b(between|including|such as|e\.g\.|i\.e\.|for example|both|either|neither)\b", re.I)


def asked_items(sentence: str) -> list[tuple[int, int]]:
    """Offsets (into `sentence`) of the several things one prose sentence asks for:
    "Please tell me the recycling rate, the collection days and the areas where recycling is
    lowest" asks for three. One item (the whole sentence) when it asks for one thing.

    A list is split where each new part starts like a thing asked for ("the", "any", "how
    many"): after a comma, or after "as well as" / "along with", or after a bare "and" when
    what follows is plainly a new ask ("and how much ...") or the sentence is already a
    comma list. Fields of one thing ("the start and end date") do not start that way."""
    whole = [(0, len(sentence))]
    verb = _ASK_VERB_RE.search(sentence)
    if verb is None or not re.match(_HEAD, sentence[verb.end() :], re.I):
        return whole
    cuts: list[tuple[int, int, str]] = []
    depth = 0
    piece_start = verb.end()
    # where "between", "including", ... stand; looked up by bisection, so a long sentence
    # with many commas costs one pass, not one pass per comma
    blockers = [m.start() for m in _ONE_THING_RE.finditer(sentence)]
    for m in _SEP_RE.finditer(sentence, verb.end()):
        kind = m.lastgroup or ""
        if kind == "open":
            depth += 1
            continue
        if kind == "close":
            depth = max(0, depth - 1)
            continue
        k = bisect_left(blockers, piece_start)
        if depth or (k < len(blockers) and blockers[k] < m.start()):
            continue
        cuts.append((m.start(), m.end(), kind))
        piece_start = m.end()
    if not any(k in ("comma", "strong", "ask_and") for _, _, k in cuts):
        return whole
    listed = any(k == "comma" for _, _, k in cuts)
    cuts = [c for c in cuts if c[2] != "and" or listed]
    out = []
    start = 0
    for a, b, _ in cuts:
        out.append((start, a))
        start = b
    out.append((start, len(sentence)))
    if any(len(sentence[a:b].split()) < 2 for a, b in out):
        return whole  # "the cost, the name" halves too short to be asks of their own
    return out

"""Spot a named officer in a draft: anywhere near a contact detail, or under a sign-off.

Naming a junior officer next to their direct contact details is the commonest personal-data
slip in FOI replies, but capitalised words are everywhere in official letters (teams, services,
addresses, headings). Two ways of telling a person's name from those words are used:

- by position: a capitalised run under a sign-off, after "contact"/"call", after a "Case
  officer:" label (`find_names`, the original heuristics, which need no word list);
- by the words themselves, wherever they stand (`people_in`): a title or rank ("Dr", "Cllr",
  "DC", "Insp") before name-shaped words, or a run whose first word is a known first name
  (or an initial before a known surname). The first names and surnames come from a word list
  shipped in `reviewer/data/` (built by `tools/build_names.py` from Faker's per-locale name
  tables, MIT licence), loaded on first use only: drafts without a contact detail near a
  capitalised run never read it.

Either way no word of a name may be on the stop-list of words that make up organisation, team,
job-title, heading and address names, so "Finance Directorate" or "Shute End" are never a
person. The contact classifier asks only about bounded windows (the sentence, at most a few
hundred characters, or a contact block of up to six short lines), so the time spent per contact
does not grow with the length of the line or the draft.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from reviewer.text.textutil import Anchored, lowered

# One word of a name: "Jane", "O'Brien", "McDonald", "Smith-Jones", or an initial "J" / "J.".
_WORD = r"(?:Mc|Mac|O'|D')?[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?"
_INITIAL = r"[A-Z]\.?"
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame)\.?"
# Two or three name words (the first may be an initial), optionally after a title.
_NAME = rf"(?:{_TITLE}\s+)?(?:{_WORD}|{_INITIAL})(?:[ \t]+(?:{_WORD}|{_INITIAL})){{0,2}}"
_NAME_RE = re.compile(rf"^{_NAME}$")
_TITLE_RE = re.compile(rf"^{_TITLE}\s")
_INITIAL_RE = re.compile(rf"^{_INITIAL}$")

# Sign-offs on a line of their own, optionally followed on the same line by the signatory.
_SIGNOFF_RE = re.compile(
    r"^[ \t]*(?i:yours[ \t]+(?:sincerely|faithfully|truly)|(?:kind|best|warm|many)[ \t]+(?:regards|wishes|thanks)"
    r"|with[ \t]+(?:kind[ \t]+)?(?:regards|thanks)|regards|thanks|thank[ \t]+you|sincerely)[ \t]*[,.!]?"
    rf"(?:[ \t]*(?P<same>{_NAME}))?[ \t]*$",
    re.MULTILINE,
)
# "contact Jane Smith on", "call Jane on extension", "speak to Dr Brown at". A single first
# name is accepted only here, where the verb and the "on/at" make it unambiguous.
_INLINE_RE = re.compile(
    rf"\b(?i:contact|call|ring|phone|telephone|e-?mail|speak[ \t]+(?:to|with)|write[ \t]+to|ask[ \t]+for)"
    rf"[ \t]+(?P<name>{_NAME})(?=[ \t]*(?:,[ \t]*)?(?:on|at|via|by|directly|who|in[ \t]+our|\(|:)\b)",
)
# "Case officer: Jane Smith", "Contact: J. Smith".
_LABEL_RE = re.compile(
    rf"\b(?i:case[ \t]+(?:officer|handler|worker|manager)|contact(?:[ \t]+name)?|handled[ \t]+by|officer|"
    rf"author|signed|name)[ \t]*[:\-][ \t]*(?P<name>{_NAME})[ \t]*(?:$|[,;(])",
    re.MULTILINE,
)

# Words that never occur in a person's name but do in teams, bodies, titles, headings and
# addresses. Compared lower-case; a candidate with any of them is not a name.
_STOP_WORDS = frozenset(
    """
    a an and the of for to in on at by with from as or our your my we you i it this that these those
    team unit service services department dept directorate division office offices section group
    board trust council authority authorities government ministry agency commission commissioner
    committee centre center police constabulary fire rescue health nhs foundation hospital hospitals
    university college school schools borough county city district parish town region regional
    national scottish welsh english british uk royal local central corporate
    information governance freedom foi eir data protection privacy records compliance legal
    enquiry enquiries customer customers contact contacts access request requests complaints
    communications media press finance procurement estates facilities planning housing highways
    officer manager director head lead advisor adviser assistant coordinator co-ordinator administrator
    clerk secretary analyst executive chief senior principal deputy solicitor lawyer specialist
    consultant controller supervisor inspector superintendent sergeant constable chair chairman
    member members staff support business operations performance policy strategy
    house lane road street avenue way close drive court square place park hall building buildings
    castle gardens terrace crescent row hill green end walk mews quay wharf parade yard gate
    ltd llp plc limited inc
    st saint north south east west upper lower new old
    dear yours kind regards sincerely faithfully thanks thank many best wishes please note
    email e-mail tel telephone phone mobile fax website web address direct line switchboard
    date ref reference subject re annex appendix schedule part page table figure item question
    answer response request reply internal review act regulations section regulation
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    yes no not none all any some each every total further if when where what which who how why
    following above below attached enclosed here there also however therefore
    """.split()
)

JOB_WORDS = frozenset(
    """
    officer manager director head lead advisor adviser assistant coordinator co-ordinator
    administrator clerk secretary analyst executive chief principal deputy solicitor lawyer
    specialist consultant controller supervisor inspector superintendent sergeant constable
    practitioner partner caseworker handler
    """.split()
)


@dataclass(frozen=True)
class PersonName:
    """A person's name found in text; offsets index the text passed to the finder."""

    text: str
    start: int
    end: int
    how: str  # "signature", "inline" (contact Jane on ...), "label" (Case officer: ...), "block"


def is_person_name(candidate: str, *, allow_single: bool = False) -> bool:
    """True if `candidate` reads as a person's name rather than a team, place or heading.

    Two or three capitalised words (first may be an initial), or one word after a title
    ("Mr Smith"); a lone first name only with `allow_single` (used after "call ... on").
    """
    s = " ".join(candidate.split()).rstrip(",.")
    if not s or not _NAME_RE.match(s):
        return False
    words = s.split()
    titled = bool(_TITLE_RE.match(s + " ")) and len(words) >= 2
    core = words[1:] if titled else words
    if any(_stop(w) for w in core):
        return False
    if _INITIAL_RE.match(core[-1]):  # "Smith J" is a reference style, "J" alone is not a name
        return False
    if len(core) == 1 and not (titled or allow_single):
        return False
    return True


# How far any context read around a position may reach: a line longer than this is prose or a
# pasted table, not a line of a contact block, and reading it whole for every contact on it
# would make a line of 4,000 numbers cost 4,000 times its length.
MAX_REACH = 300


def _line_bounds(text: str, pos: int, reach: int = MAX_REACH) -> tuple[int, int]:
    """The line holding `pos`, clipped to `reach` characters either side."""
    lo = max(0, pos - reach)
    ls = text.rfind("\n", lo, pos) + 1 or lo
    hi = min(len(text), pos + reach)
    le = text.find("\n", pos, hi)
    return ls, hi if le == -1 else le


# Each tried only where its matches can start (`Anchored`): the regex engine would try every
# character. A sign-off is tried at the start of a line whose first word starts one; a match
# can run onto the next line (a title, a line break, then the name).
_SIGNOFF = Anchored(_SIGNOFF_RE)
_INLINE = Anchored(_INLINE_RE)
_LABEL = Anchored(_LABEL_RE)


def find_signature_names(text: str, start: int = 0, end: int | None = None) -> list[PersonName]:
    """Names of signatories: the first name-like line within three lines after a sign-off."""
    end = len(text) if end is None else end
    out: list[PersonName] = []
    for m in _SIGNOFF.finditer(text, start, end, lowered(text, start, end)):
        if m.group("same") and is_person_name(m.group("same")):
            out.append(PersonName(m.group("same"), m.start("same"), m.end("same"), "signature"))
            continue
        pos = m.end() + 1
        seen = 0
        while pos < end and seen < 3:
            ls, le = _line_bounds(text, pos)
            le = min(le, end)
            line = text[ls:le]
            stripped = line.strip()
            if stripped:
                seen += 1
                if len(stripped) > 60:
                    break
                cand = stripped.rstrip(",.")
                if is_person_name(cand):
                    s = ls + line.index(cand)
                    out.append(PersonName(cand, s, s + len(cand), "signature"))
                    break
            pos = le + 1
    return out


def find_inline_names(text: str, start: int = 0, end: int | None = None) -> list[PersonName]:
    """Names given as someone to contact ("call Jane on ...") or after a "Case officer:" label."""
    end = len(text) if end is None else end
    out: list[PersonName] = []
    low = text[start:end].lower()
    for m in _INLINE.finditer(text, start, end, low):
        if is_person_name(m.group("name"), allow_single=True):
            out.append(PersonName(m.group("name"), m.start("name"), m.end("name"), "inline"))
    for m in _LABEL.finditer(text, start, end, low):
        if is_person_name(m.group("name")):
            out.append(PersonName(m.group("name"), m.start("name"), m.end("name"), "label"))
    return out


def find_names(text: str, start: int = 0, end: int | None = None) -> list[PersonName]:
    """All named people found by the signature, inline and label heuristics, in text order."""
    found = {(n.start, n.end): n for n in find_inline_names(text, start, end)}
    for n in find_signature_names(text, start, end):
        found.setdefault((n.start, n.end), n)
    return sorted(found.values(), key=lambda n: n.start)


# --- names wherever they stand ---------------------------------------------------------------

_DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")
_UPPER_RE = re.compile(r"[A-Z]")
_LETTER_RE = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=1)
def lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), lower case, read once from `reviewer/data/` on first use."""

    def read(name: str) -> frozenset[str]:
        with open(os.path.join(_DATA, name), encoding="utf-8") as f:
            return frozenset(w for w in f.read().split("\n") if w and not w.startswith("#"))

    return read("first_names.txt"), read("surnames.txt")


# First names that are also everyday words: accepted as a name only next to another name word
# ("Mark Evans"), never alone or in lower case ("mark the form", "you may call").
_COMMON_WORDS = frozenset(
    """
    will may june april august grace hope faith joy mark bill rose dawn summer autumn winter iris
    amber ruby pearl crystal holly ivy lily daisy violet hazel heather jade ray rich price young
    green white black brown gray grey king page long best chance major general royal star sky
    river storm rain honey candy sugar precious blessing justice liberty destiny harmony melody
    trinity unique legend prince princess duke earl baron lord dean bishop judge marshal sheriff
    master miles lane hall art guy frank pat sue don rob
    august sunday monday friday tuesday wednesday thursday saturday love happy lucky
    early rush wood field fields marsh brook brooks banks bank ford cash sterling worth little
    bright hunter archer fisher baker cook carter mason porter taylor walker turner parker
    faithful patience prudence constance mercy charity verity felicity honor honour unity
    so an in to be do go me my no of on or us we he it is at as by if up
    """.split()
)

# Titles and ranks written before a name, as they are written ("DC" and "PC" are ranks only in
# capitals). A rank may take "Detective", "Chief", "Acting" or "A/" before it.
_TITLE_TOKENS = frozenset(
    """
    Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady Rev Revd Reverend Canon Fr Father
    Cllr Councillor Clr Hon
    PC DC DS DI DCI DSI DSU DCS PCSO Sgt Sergeant Insp Inspector Supt Superintendent Constable
    Cmdr Commander Det Detective Ch Chief Acting CC DCC ACC
    MR MRS MS MISS DR PROF CLLR SGT INSP SUPT
    """.split()
)
TITLE_WORDS = _TITLE_TOKENS
# Words that only qualify the rank that follows: never a title on their own.
_RANK_PREFIX = frozenset({"Det", "Detective", "Ch", "Chief", "Acting"})

_TOKEN_RE = re.compile(r"[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?\.?")
_CAP_WORD_RE = re.compile(r"^(?:Mc|Mac|O'|O’|D'|D’|Fitz)?[A-Z][a-z]+(?:[-'’](?:Mc|Mac)?[A-Za-z][a-z]+)*$")
_CAPS_WORD_RE = re.compile(r"^[A-Z](?:[A-Z'’-]*[A-Z])$")
_LOWER_WORD_RE = re.compile(r"^[a-z](?:[a-z'’-]*[a-z])$")
_INITIAL_TOKEN_RE = re.compile(r"^[A-Z]\.?$")
# What may stand between two words of one name: a space or two (never a line break or comma).
_NAME_GAP_RE = re.compile(r"[ \t\u00a0]{1,2}")
# After a lone first name: it is a person here ("Gareth can be reached on extension 4417").
_SINGLE_AFTER_RE = re.compile(
    r"[ \t]*,?[ \t]*(?:(?:can|could|may|will)[ \t]+be[ \t]+(?:reached|contacted|called|emailed|e-mailed|phoned)"
    r"|(?:is|will[ \t]+be)[ \t]+(?:available|happy|pleased|able)"
    r"|on[ \t]+(?:ext|extension|x[ \t]?\d|0|\+44|\(0|her|his|their|direct|mobile)|\((?:ext|tel|t:|x[ \t]?\d|direct|mobile|0)"
    r"|directly)",
    re.IGNORECASE,
)
_SINGLE_BEFORE_RE = re.compile(
    r"(?:contact|call|ring|phone|telephone|e-?mail|speak[ \t]+(?:to|with)|write[ \t]+to|ask[ \t]+for)[ \t]+$",
    re.IGNORECASE,
)


def _norm(word: str) -> str:
    return word.rstrip(".").replace("’", "'").lower()


def _stop(word: str) -> bool:
    """A word that is never part of a person's name. "A." and "I." are initials ("Ms A. Khan"),
    not the article and the pronoun they would be without the dot."""
    return _norm(word) in _STOP_WORDS and not (len(word) == 2 and word[1] == ".")


def _shape(word: str) -> str:
    """'cap' (Jo, O'Neill, Smith-Jones), 'caps' (BLOGGS), 'lower' (bloggs), 'initial' (J, J.)
    or '' for anything else."""
    if _INITIAL_TOKEN_RE.match(word):
        return "initial"
    w = word.rstrip(".")
    if _CAP_WORD_RE.match(w):
        return "cap"
    if _CAPS_WORD_RE.match(w):
        return "caps"
    if _LOWER_WORD_RE.match(w):
        return "lower"
    return ""


def _is_first(word: str, first: frozenset[str]) -> bool:
    low = _norm(word)
    return low in first or any(p in first for p in low.split("-"))


def _is_surname(word: str, last: frozenset[str]) -> bool:
    low = _norm(word)
    return low in last or all(p in last for p in low.split("-"))


def _name_run(words: list[str], *, single: bool) -> int:
    """How many of `words` (from the first) make a person's name; 0 if they do not.

    Capitalised: a known first name then one or two more name words ("Jo Bloggs",
    "Priya Anand Shah"), or an initial then a known surname ("J. Smith"). ALL CAPITALS: the
    same, with the first name not an everyday word. Lower case: only a known first name
    (not an everyday word) then a known surname. `single`: a lone known first name counts
    (the caller has seen "can be reached", "call ... on" and the like around it).
    """
    first, last = lexicon()
    shapes = [_shape(w) for w in words]
    head = shapes[0]
    if head == "initial":
        if len(words) >= 2 and shapes[1] in ("cap", "caps") and _is_surname(words[1], last):
            return 2
        if len(words) >= 3 and shapes[1] == "initial" and shapes[2] in ("cap", "caps") and _is_surname(words[2], last):
            return 3
        return 0
    if head == "lower":
        if len(words) >= 2 and shapes[1] == "lower" and _is_first(words[0], first) and _is_surname(words[1], last) and _norm(words[0]) not in _COMMON_WORDS and _norm(words[1]) not in _COMMON_WORDS:
            return 2
        return 0
    if head not in ("cap", "caps") or not _is_first(words[0], first):
        return 0
    if head == "caps" and _norm(words[0]) in _COMMON_WORDS and not (len(words) > 1 and _is_surname(words[1], last)):
        return 0  # "MAY CONTACT" in a heading; "MARK EVANS" is a name
    n = 1
    while n < len(words) and n < 3 and shapes[n] in (head, "initial"):
        n += 1
    while n > 1 and shapes[n - 1] == "initial":
        n -= 1  # "Jo B" is not a full name; "Jo B Bloggs" is
    if n >= 2:
        return n
    if single and head == "cap" and _norm(words[0]) not in _COMMON_WORDS:
        return 1
    return 0


def people_in(text: str, start: int, end: int) -> list[PersonName]:
    """Every person's name in text[start:end], by the words themselves, wherever they stand.

    Callers pass a bounded window (a sentence, a line of a contact block): the work is a
    regex pass and a few set look-ups per word of the window. The word list is read only when
    the window holds a run of name-shaped words that a title does not already settle.
    """
    if not _LETTER_RE.search(text, start, end):
        return []  # a window of figures: nothing to tokenise
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text, start, end)]
    out: list[PersonName] = []
    i = 0
    while i < len(toks):
        # A run of words separated by at most two spaces, none of them a stop word.
        j = i
        while j + 1 < len(toks) and _joined(text, toks[j], toks[j + 1]):
            j += 1
        run = toks[i : j + 1]
        found = _person_in_run(text, run)
        if found is None:
            i += 1
            continue
        out.append(found)
        while i < len(toks) and toks[i][0] < found.end:
            i += 1
    return out


def _joined(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Whether token `b` continues the run of name words that `a` is in: only spaces between
    them, and `a` does not end a sentence (a dot is allowed after an initial or a title)."""
    if not _NAME_GAP_RE.fullmatch(text, a[1], b[0]):
        return False
    w = a[2]
    return not w.endswith(".") or bool(_INITIAL_TOKEN_RE.match(w)) or w[:-1] in _TITLE_TOKENS


# Words that, right after name-like words, make them part of an organisation's or a place's
# name: "Grant Thornton LLP", "Chelsea Westminster Hospital", "Wilson Road".
_ORG_TAIL = frozenset(
    """
    ltd llp plc limited inc co company group partners partnership associates solicitors consulting
    consultancy hospital hospitals police constabulary council trust university college school
    centre center house road street lane avenue way close drive court square place park hall
    building station church academy surgery practice clinic fire rescue service services
    authority board agency commission foundation nhs library museum gardens estate
    """.split()
)


def _org_tail(run: list[tuple[int, int, str]], n: int) -> bool:
    """Whether the word after the first `n` of `run` makes them an organisation or a place."""
    return n < len(run) and _norm(run[n][2]) in _ORG_TAIL


def _person_in_run(text: str, run: list[tuple[int, int, str]]) -> PersonName | None:
    """The name starting at the first token of `run`, if it starts one."""
    s0, _, w0 = run[0]
    if w0[0].islower() and (len(run) < 2 or _norm(w0) not in lexicon()[0]):
        return None  # most words of a text: settled without looking at their shape
    titles = 0
    while titles < len(run) and run[titles][2].rstrip(".") in _TITLE_TOKENS:
        titles += 1
    if titles and not all(t[2].rstrip(".") in _RANK_PREFIX for t in run[:titles]):
        rest = []
        for t in run[titles : titles + 3]:
            if _shape(t[2]) not in ("cap", "caps", "initial") or _stop(t[2]):
                break
            rest.append(t)
        while rest and _shape(rest[-1][2]) == "initial":
            rest.pop()
        if rest and _org_tail(run, titles + len(rest)):
            return None
        if rest:
            return PersonName(text[s0 : rest[-1][1]].rstrip("."), s0, rest[-1][1] - rest[-1][2].endswith("."), "name")
        return None
    words: list[str] = []
    family = ("lower",) if _shape(w0) == "lower" else ("cap", "caps", "initial")
    for t in run[:4]:
        if _stop(t[2]) or _shape(t[2]) not in family:
            break
        words.append(t[2])
    if not words or _shape(w0) == "" or _stop(w0):
        return None
    if len(words) == 1 and _shape(w0) in ("initial", "lower"):
        return None
    single = len(words) == 1 and (
        bool(_SINGLE_AFTER_RE.match(text, run[0][1], run[0][1] + 40))
        or bool(_SINGLE_BEFORE_RE.search(text, max(0, s0 - 30), s0))
    )
    if len(words) == 1 and not single:
        return None
    n = _name_run(words, single=single)
    if not n or _org_tail(run, n):
        return None
    e = run[n - 1][1]
    if text[e - 1] == ".":
        e -= 1
    return PersonName(text[s0:e], s0, e, "name")


# A sentence ends at ".", "!" or "?" before a space, unless the dot ends an abbreviation or an
# initial ("Dr. Jo", "J. Smith", "ext. 12", "Tel. 01632"); a line break ends one too when the
# next line is a contact block's line, which is left to `block_person_above`.
_SENTENCE_END_RE = re.compile(r"[.!?;][\"')\]]?[ \t]+|\n[ \t]*\n|\n")
_ABBREVIATIONS = frozenset(
    "dr mr mrs ms prof st no nos tel ext extn cllr insp sgt supt det ch rev revd fr mx co ltd dept approx e g i etc ref".split()
)


_END_AT_RE = re.compile(r"[.!?;][\"')\]]?\s+")


def _sentence_start(text: str, pos: int, floor: int) -> int:
    """Where the sentence holding `pos` begins, looking back at most MAX_REACH characters
    (and past a line break only when the line before is a long one that does not end like a
    sentence: a hard-wrapped paragraph the unwrapping left as it was). Scans back from
    `pos`, so a long run of short sentences costs no more than one."""
    lo = max(floor, pos - MAX_REACH)
    nl = text.rfind("\n", lo, pos)
    if nl >= 0:
        before = text[max(lo, text.rfind("\n", lo, nl) + 1) : nl].rstrip()
        lo = nl + 1 if len(before) < 50 or before[-1] in ".!?:;" else max(lo, nl - len(before))
    hi = pos
    while True:
        i = max(text.rfind(".", lo, hi), text.rfind(";", lo, hi), text.rfind("!", lo, hi), text.rfind("?", lo, hi))
        if i < 0:
            return lo
        hi = i
        m = _END_AT_RE.match(text, i, pos)
        if m is None:
            continue
        if text[i] == ".":
            w = re.sub(r"^.*[^A-Za-z]", "", text[max(lo, i - 6) : i])
            if len(w) == 1 or w.lower() in _ABBREVIATIONS:
                continue
        return m.end()


def _sentence_end(text: str, pos: int, ceiling: int, reach: int = 120) -> int:
    hi = min(ceiling, pos + reach)
    for m in _SENTENCE_END_RE.finditer(text, pos, hi):
        if m.group()[0] == ".":
            w = re.sub(r"^.*[^A-Za-z]", "", text[max(pos, m.start() - 6) : m.start()])
            if len(w) == 1 or w.lower() in _ABBREVIATIONS:
                continue
        return m.start()
    return hi


def person_in_sentence(text: str, start: int, end: int, floor: int = 0, ceiling: int | None = None) -> PersonName | None:
    """The person named in the same sentence as text[start:end] (a contact detail): the
    nearest name before it, else the first after it. "please contact Jo Bloggs, Senior
    Procurement Officer, Finance Directorate, on 01632 960123" gives Jo Bloggs."""
    ceiling = len(text) if ceiling is None else ceiling
    s = _sentence_start(text, start, floor)
    before = people_in(text, s, start)
    if before:
        return before[-1]
    e = _sentence_end(text, end, ceiling)
    after = people_in(text, end, e)
    return after[0] if after else None


# A line that is only a job title or a department ("Senior Procurement Officer", "Finance
# Directorate", "Information Governance Team"): it ties a name above it to numbers below it.
_JOB_LINE_WORDS = JOB_WORDS | frozenset(
    """
    team unit service services department dept directorate division office section group
    governance information rights compliance directorate council trust authority police
    """.split()
)
_BLOCK_SEP_RE = re.compile(r"[ \t]*(?:[|,–—(]|-[ \t]|$)")
_LABEL_PREFIX_RE = re.compile(
    r"[ \t]*(?i:name|contact(?:[ \t]+name)?|case[ \t]+(?:officer|handler|worker)|officer|from|signed|author)[ \t]*[:\-][ \t]*"
)


def _line_person(text: str, ls: int, le: int) -> PersonName | None:
    """A person named at the start of the line text[ls:le] of a contact block: the line is
    the name (or "Name: ..."), or the name then a separator and more ("Jo Bloggs | Officer")."""
    m = _LABEL_PREFIX_RE.match(text, ls, le)
    s = m.end() if m else ls
    while s < le and text[s] in " \t":
        s += 1
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text, s, min(le, s + 60))]
    if not toks or toks[0][0] != s:
        return None
    j = 0
    while j + 1 < len(toks) and _joined(text, toks[j], toks[j + 1]):
        j += 1
    n = _person_in_run(text, toks[: j + 1])
    return n if n is not None and _BLOCK_SEP_RE.match(text, n.end, le) else None


def block_person_above(
    text: str, pos: int, floor: int = 0, max_lines: int = 6, memo: dict[int, PersonName | None] | None = None
) -> PersonName | None:
    """The person named in the contact block that `pos` sits in, on its own line above it.

    Walks up at most `max_lines` short lines (up to three blank lines may separate a
    signature from its contact lines, as in e-mail footers), stopping at prose or a
    sign-off. The nearest line that is a person's name, or starts with one before a
    separator, or is a lone first name over a job-title line, is taken: "Mrs Priya Shah" /
    "Information Governance Officer" / "Direct dial: ..." ties the number to Mrs Priya Shah.
    `memo` (line start -> person) lets a caller walking many contacts in one text read each
    line once.
    """
    ls, _ = _line_bounds(text, pos)
    cur = ls - 1  # the "\n" ending the line above
    blanks = 0
    seen = 0
    below = ""  # the block line under the one being read
    while cur >= floor and seen < max_lines:
        lo = max(floor, cur - 120)
        nl = text.rfind("\n", lo, cur)
        if nl == -1 and lo > floor:
            break  # a line longer than a block's: prose
        pls = nl + 1 if nl != -1 else floor
        line = text[pls:cur]
        cur = pls - 1
        stripped = line.strip()
        if not stripped:
            blanks += 1
            if blanks > 3:
                break
            continue
        blanks = 0
        seen += 1
        if len(stripped) > 100 or _SIGNOFF_RE.match(line):
            break
        if memo is None:
            n = _line_person(text, pls, pls + len(line))
        elif pls in memo:
            n = memo[pls]
        else:
            n = memo[pls] = _line_person(text, pls, pls + len(line))
        if n is None and below:
            n = _first_name_over_job(text, pls, line, below)
        if n is not None:
            return n
        below = stripped
    return None


_JOB_LINE_RE = re.compile(r"[a-z-]+")


def _first_name_over_job(text: str, ls: int, line: str, below: str) -> PersonName | None:
    """A signature signed with a first name only, over a job-title line: "Liam" /
    "Information Governance Assistant"."""
    word = line.strip().rstrip(",.")
    if " " in word or _shape(word) != "cap" or _norm(word) in _STOP_WORDS or _norm(word) in _COMMON_WORDS:
        return None
    if not any(w in JOB_WORDS for w in _JOB_LINE_RE.findall(below.lower())) or not _is_first(word, lexicon()[0]):
        return None
    s = ls + line.index(word)
    return PersonName(word, s, s + len(word), "block")


def block_name_above(text: str, pos: int, floor: int = 0, max_lines: int = 6) -> PersonName | None:
    """Kept for callers of the position-based finder: the same as `block_person_above`."""
    return block_person_above(text, pos, floor, max_lines)


def name_before_on_line(text: str, pos: int, floor: int = 0) -> PersonName | None:
    """A person named on the same line just before `pos`, by the position-based heuristics:
    "Jane Smith, direct line ...", "Please contact John Brown on ...". Returns None when the
    line is an address or prose. Reads at most MAX_REACH characters back."""
    ls, _ = _line_bounds(text, pos)
    ls = max(ls, floor)
    if not _UPPER_RE.search(text, ls, pos):
        return None  # every name these heuristics see has a capital letter
    for n in find_inline_names(text, ls, pos):
        gap = text[n.end : pos]
        if len(gap) <= 45 and ". " not in gap:
            return n
    prefix = text[ls:pos]
    m = re.match(rf"[ \t]*(?P<name>{_NAME})", prefix)
    if m and is_person_name(m.group("name")):
        rest = prefix[m.end() :].lower()
        words = re.findall(r"[a-z-]+", rest)
        label_only = re.fullmatch(
            r"[\s,:;\-–(]*(?:on|tel\.?|telephone|phone|direct(?: line| dial)?|ddi|mobile|mob\.?|m|t|e|email|e-mail|at)?[\s.:\-–]*",
            rest,
        )
        if label_only or any(w in JOB_WORDS for w in words):
            s = ls + m.start("name")
            return PersonName(m.group("name"), s, s + len(m.group("name")), "inline")
    return None


def find_person_names(text: str, start: int = 0, end: int | None = None) -> list[PersonName]:
    """Every person's name in text[start:end], by position and by the words themselves: what
    the model tier's pseudonymiser hides. Linear in the length of the text."""
    end = len(text) if end is None else end
    found = {(n.start, n.end): n for n in find_names(text, start, end)}
    taken = sorted(found)
    for n in people_in(text, start, end):
        if not any(s < n.end and n.start < e for s, e in taken):
            found[(n.start, n.end)] = n
    return sorted(found.values(), key=lambda n: n.start)

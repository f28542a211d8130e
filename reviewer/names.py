"""Spot a named officer in a draft: the signatory under a sign-off, or "contact Jane Smith on ...".

Naming a junior officer next to their direct contact details is the commonest personal-data
slip in FOI replies, but capitalised words are everywhere in official letters (teams, services,
addresses, headings). So a capitalised run only counts as a person's name in a place where
people's names go (under a sign-off, after "contact"/"call", after a "Case officer:" label, on
the top line of a contact block) and only if none of its words is on the stop-list of words
that make up organisation, team, job-title, heading and address names. Precision matters more
than recall here: the contact classifier and the personal-data check use these names as
evidence, and a team mistaken for a person would turn an organisational number into an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.textutil import case_trapped, lowered, matches_at, occurrences

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
    if any(w.rstrip(".").lower() in _STOP_WORDS for w in core):
        return False
    if _INITIAL_RE.match(core[-1]):  # "Smith J" is a reference style, "J" alone is not a name
        return False
    if len(core) == 1 and not (titled or allow_single):
        return False
    return True


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    return ls, len(text) if le == -1 else le


# Every sign-off line holds one of these (in any case). Every match of _INLINE_RE and of
# _LABEL_RE starts with one of the words after them.
_SIGNOFF_WORDS = ("yours", "regards", "wishes", "thank", "sincerely")
_INLINE_WORDS = ("contact", "call", "ring", "phone", "telephone", "email", "e-mail", "speak", "write", "ask")
_LABEL_WORDS = ("case", "contact", "handled", "officer", "author", "signed", "name")


def _signoffs(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The matches `_SIGNOFF_RE.finditer(text, start, end)` gives, found faster.

    The pattern is anchored at line starts (MULTILINE ^), but the engine still tries it at
    every character. A sign-off begins its line with one of `_SIGNOFF_WORDS` (in any case),
    so it is tried only at the start of lines holding one (`matches_at`; a match can run onto
    the next line: a title, a line break, then the name).
    """
    low = lowered(text, start, end)
    at = occurrences(low, _SIGNOFF_WORDS, start)
    if at is None or len(low) != min(end, len(text)) - start or case_trapped(low):
        return list(_SIGNOFF_RE.finditer(text, start, end))
    return matches_at(_SIGNOFF_RE, text, [ls for ls in _line_starts(text, at) if ls >= start], start, end)


def _line_starts(text: str, positions: list[int]) -> list[int]:
    """The start of the line holding each position, in one pass: each `rfind` looks back
    only to the previous position, so a huge text with no line breaks stays linear."""
    out: list[int] = []
    ls, prev = 0, 0
    for p in sorted(positions):
        nl = text.rfind("\n", prev, p)
        if nl != -1:
            ls = nl + 1
        out.append(ls)
        prev = p
    return out


def find_signature_names(text: str, start: int = 0, end: int | None = None) -> list[PersonName]:
    """Names of signatories: the first name-like line within three lines after a sign-off."""
    end = len(text) if end is None else end
    out: list[PersonName] = []
    for m in _signoffs(text, start, end):
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
    # Both patterns start with \b and a list of words, which the engine tries at every
    # position; they are tried only where those words occur (in any case).
    low = text[start:end].lower()
    trapped = len(low) != min(end, len(text)) - start or case_trapped(low)
    at_inline = None if trapped else occurrences(low, _INLINE_WORDS, start)
    at_label = None if trapped else occurrences(low, _LABEL_WORDS, start)
    inline = list(_INLINE_RE.finditer(text, start, end)) if at_inline is None else matches_at(_INLINE_RE, text, at_inline, start, end)
    label = list(_LABEL_RE.finditer(text, start, end)) if at_label is None else matches_at(_LABEL_RE, text, at_label, start, end)
    for m in inline:
        if is_person_name(m.group("name"), allow_single=True):
            out.append(PersonName(m.group("name"), m.start("name"), m.end("name"), "inline"))
    for m in label:
        if is_person_name(m.group("name")):
            out.append(PersonName(m.group("name"), m.start("name"), m.end("name"), "label"))
    return out


def find_names(text: str, start: int = 0, end: int | None = None) -> list[PersonName]:
    """All named people found by the signature, inline and label heuristics, in text order."""
    found = {(n.start, n.end): n for n in find_inline_names(text, start, end)}
    for n in find_signature_names(text, start, end):
        found.setdefault((n.start, n.end), n)
    return sorted(found.values(), key=lambda n: n.start)


def block_name_above(text: str, pos: int, floor: int = 0, max_lines: int = 6) -> PersonName | None:
    """The person named at the head of the contact block that `pos` sits in, if any.

    Walks up from the line holding `pos` through the block (lines separated by at most one
    blank line, stopping at prose). A name-like line counts only if it heads the block or is
    followed by a job-title line, so that address lines such as "Shute End" in the middle of
    an organisation's postal address are not taken for a person.
    """
    ls, _ = _line_bounds(text, pos)
    lines: list[tuple[int, str]] = []  # (start, line) from nearest upwards
    cur = ls - 1
    blanks = 0
    reached_top = True
    while cur >= floor:
        if len(lines) >= max_lines:
            reached_top = False
            break
        pls = max(text.rfind("\n", 0, cur) + 1, floor)
        line = text[pls:cur]
        cur = pls - 1
        if not line.strip():
            blanks += 1
            if blanks > 1:
                break
            continue
        blanks = 0
        if len(line.strip()) > 60 or _SIGNOFF_RE.match(line):
            break
        lines.append((pls, line))
    for i, (lstart, line) in enumerate(lines):
        cand = line.strip().rstrip(",.")
        if not is_person_name(cand):
            continue
        heads_block = reached_top and i == len(lines) - 1
        below = lines[i - 1][1].lower() if i > 0 else ""
        titled_below = any(w in JOB_WORDS for w in re.findall(r"[a-z-]+", below))
        if heads_block or titled_below:
            s = lstart + line.index(cand)
            return PersonName(cand, s, s + len(cand), "block")
    return None


def name_before_on_line(text: str, pos: int, floor: int = 0) -> PersonName | None:
    """A person named on the same line just before `pos`: "Jane Smith, direct line ...",
    "Please contact John Brown on ...". Returns None when the line is an address or prose."""
    ls, _ = _line_bounds(text, pos)
    ls = max(ls, floor)
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

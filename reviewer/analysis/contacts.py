"""Find contact details in a draft and decide whether each one belongs to a person.

FOI replies are full of contact details that are meant to be there (the FOI mailbox, the
switchboard, the regulator's helpline, the website) and occasionally carry one that is not
(an officer's own e-mail address, direct line or mobile). The personal-data check must find the
second kind without crying wolf on the first, so every contact found here is classified with
the reason for the decision, and organisational signals (allow-list, regulator, role mailbox,
switchboard label, non-geographic number) are weighed against personal ones (a person-shaped
e-mail address, a mobile, a "direct line" label, a named officer next to the number).

All finders take `(text, start, end)` and return offsets into `text`, so callers can scan the
reply part of a response document and still point into the whole document.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from itertools import accumulate

from reviewer import law
from reviewer.analysis.names import (
    MAX_REACH,
    PersonName,
    block_person_above,
    person_in_sentence,
)
from reviewer.text.textutil import Anchored, char_classes, lowered, required_words


class ContactKind(str, Enum):
    EMAIL = "email"
    PHONE = "phone"
    EXTENSION = "extension"  # a bare extension, "extension 4321"
    WEB = "web"


@dataclass(frozen=True)
class Contact:
    """One contact detail found in text, with the verdict and the reason for it.

    `personal` is True when the detail reaches a particular person rather than the body;
    `reason` is a short phrase fit for a finding message and never contains the value itself.
    `name` is the person the detail was attributed to, when one was found nearby.
    """

    kind: ContactKind
    text: str
    start: int
    end: int
    personal: bool = False
    reason: str = ""
    name: PersonName | None = None
    mobile: bool = False
    direct: bool = False


# --- regulators ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def regulator_contacts() -> tuple[frozenset[str], frozenset[str]]:
    """(lower-case e-mails, national-format digit strings) of the ICO's and SIC's contacts.

    Read from the law table (`reviewer/law/regulators.csv`), current and outdated alike: an
    outdated regulator number is still the regulator's, not a member of staff's, and is
    flagged by the template check (TP003) instead.
    """
    rows = law.regulator_contacts()
    return (
        frozenset(r.value.lower() for r in rows if r.kind == "email"),
        frozenset(digits_national(r.value) for r in rows if r.kind in ("phone", "fax")),
    )


# --- e-mail ----------------------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"(?<![\w.+-])(?P<local>[A-Za-z0-9][A-Za-z0-9._%+'-]{0,63})@"
    r"(?P<domain>[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)"
)
# Words that make a mailbox a role or department mailbox. Matched against the local part's
# tokens; those of five letters or more also as substrings ("foirequests", "customerservices").
_ROLE_WORDS = frozenset(
    """
    foi foia foisa eir freedomofinformation information informationgovernance infogov ig
    enquiries enquiry info contact contactus customerservices customer customers casework
    dataprotection dpo complaints complaint press media admin administration office team service
    services reception records compliance governance access requests request accessto ceu
    mail post hello general corporate secretariat support helpdesk servicedesk feedback pals
    planning licensing housing highways waste council building control finance legal hr payroll
    procurement parking revenues benefits admissions audit democratic elections electoral
    registrar estates facilities fleet transport environmental health safety trading standards
    communications comms marketing web digital it sales accounts invoices payments
    clerk secretary director chief ceo chair mayor leader board committee members unit desk
    privacy disclosure disclosures transparency sar subjectaccess ombudsman noreply donotreply
    """.split()
)
_LONG_ROLE_WORDS = tuple(w for w in _ROLE_WORDS if len(w) >= 5)
_LONG_ROLE_RE = re.compile("|".join(sorted(_LONG_ROLE_WORDS, key=len, reverse=True)))


def find_emails(text: str, start: int = 0, end: int | None = None) -> list[Contact]:
    """E-mail addresses in text[start:end], unclassified."""
    end = len(text) if end is None else end
    out: list[Contact] = []
    for ts, te in _tokens_around(text, start, end, ("@",)):
        m = _EMAIL_RE.search(text, ts, te)
        if m is None:
            continue
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in ".-":
            e -= 1
        out.append(Contact(ContactKind.EMAIL, text[s:e], s, e))
    return out


def is_role_mailbox(local: str) -> bool:
    """True for mailboxes named after a function ("foi", "information.governance",
    "foirequests"), False for person-shaped ones ("jane.smith", "j.smith", "jsmith23")."""
    low = local.lower()
    tokens = [t for t in re.split(r"[._%+'\-\d]+", low) if t]
    if any(t in _ROLE_WORDS for t in tokens):
        return True
    flat = "".join(tokens)
    if _LONG_ROLE_RE.search(flat):
        return True
    # Short role words glued to something: "foiteam", "igteam", "dpoenquiries".
    return any(flat.startswith(w) or flat.endswith(w) for w in ("foi", "ig", "dpo", "eir", "hr", "it"))


# --- web -------------------------------------------------------------------------------------

_URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>()\"']+"
    r"|(?<![@\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.uk|org\.uk|co\.uk|nhs\.uk|ac\.uk|police\.uk|gov\.scot|gov\.wales|scot|info|com|org|net)\b(?:/[^\s<>()\"']*)?",
    re.IGNORECASE,
)


_TOKEN_BREAK = " \t\n<>()\"'"
_TOKEN_TAIL_RE = re.compile(r"[^ \t\n<>()\"']*")
# Every web address holds one of the words read off _URL_RE: "http://", "https://", "www."
# or an ending (".gov.uk": the host is written `label(.label)*.` so that the dot before the
# ending is read with it, and "com" alone is no needle). The endings are found with one regex
# whose literal first character lets the engine jump from "." to "." (5 us on an 8 KB draft)
# instead of a `str.find` pass each.
_URL_WORDS = required_words(_URL_RE.pattern)[0]
_URL_NEEDLES = tuple(w for w in _URL_WORDS if not w.startswith("."))
_URL_ENDING_RE = re.compile("|".join(re.escape(w) for w in _URL_WORDS if w.startswith(".")))


def _needle_hits(seg: str, needles: tuple[str, ...]) -> list[int]:
    """Where each needle occurs in `seg`."""
    hits: list[int] = []
    for needle in needles:
        i = seg.find(needle)
        while i != -1:
            hits.append(i)
            i = seg.find(needle, i + len(needle))
    return hits


def _tokens_at(start: int, seg: str, hits: list[int]) -> list[tuple[int, int]]:
    """The tokens of `seg` (maximal runs of non-break characters) holding a hit, as spans
    offset by `start`; each token once, however many hits it holds."""
    spans: list[tuple[int, int]] = []
    done = -1
    for i in sorted(hits):
        if i < done:
            continue  # inside the token just found
        ts = i
        while ts > 0 and seg[ts - 1] not in _TOKEN_BREAK:
            ts -= 1
        tail = _TOKEN_TAIL_RE.match(seg, i)  # always matches (possibly nothing)
        done = tail.end() if tail else i
        spans.append((start + ts, start + done))
    return spans


def _tokens_around(text: str, start: int, end: int, needles: tuple[str, ...], *, lower: bool = False) -> list[tuple[int, int]]:
    """Whitespace-delimited tokens of text[start:end] that contain one of `needles`.

    Regexes for e-mails and URLs are then run only on those few tokens: finding the needles
    with `str.find` is far faster than letting a regex try every position of a long draft.
    No needle holds a token-break character, so the tokens are the same whichever way the
    needles are found.
    """
    seg = lowered(text, start, end) if lower else text[start:end]
    return _tokens_at(start, seg, _needle_hits(seg, needles))


def find_urls(text: str, start: int = 0, end: int | None = None) -> list[Contact]:
    """Web addresses: organisational by nature, found so digits inside them are not phones."""
    end = len(text) if end is None else end
    out: list[Contact] = []
    seg = lowered(text, start, end)
    hits = _needle_hits(seg, _URL_NEEDLES) + [m.start() for m in _URL_ENDING_RE.finditer(seg)]
    for ts, te in _tokens_at(start, seg, hits):
        m = _URL_RE.search(text, ts, te)
        if m is None:
            continue
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in ".,;:!?":
            e -= 1
        out.append(Contact(ContactKind.WEB, text[s:e], s, e, False, "web address"))
    return out


# --- phones ----------------------------------------------------------------------------------

# Cheap gate before phonenumbers: a run that starts like a UK number (0, (0, +44) and has at
# least nine more digits with only spaces, dots, dashes or brackets between them.
# Starts with a character set so the regex engine can skip ahead fast; the exact start
# (0, (0, +44, not inside a longer digit run) is checked in code.
_PHONE_HINT_RE = re.compile(r"[0+(][\d \-.()]{9,20}")
_HINT_START_RE = re.compile(r"(?:\+\s?44\s?(?:\(0\)\s?)?|\(?0)\d")
_DIGIT_RE = re.compile(r"\d")
_NON_DIGIT_RE = re.compile(r"\D")
# A standalone extension: "ext. 4321", "extension 4321", "x4321".
_EXTENSION_RE = re.compile(r"\b(?:ext(?:ension)?\.?|extn\.?)[ \t]*(?:no\.?[ \t]*)?(?P<num>\d{3,6})\b", re.IGNORECASE)
_EXTENSION = Anchored(_EXTENSION_RE)  # tried only at an "ext": the engine would try every position
_EXT_SPLIT_RE = re.compile(r"(?i)\s*[,(]?\s*(?:ext|x)")

_DIRECT_LABEL_RE = re.compile(
    r"(?:direct[ \t]*(?:line|dial|tel(?:ephone)?|number|no\.?)|\bddi|\bmobile|\bmob\.?|\bm[ \t]*:"
    r"|\bmy[ \t]+(?:number|phone|line)|(?P<me>\b(?:call|ring|phone|reach|contact|text)[ \t]+me(?:[ \t]+directly)?\b))[^\n\d]{0,12}$",
    re.IGNORECASE,
)
# The writer speaking of their own line ("you can reach me directly on", "my number is").
_FIRST_PERSON_RE = re.compile(r"\b(?:me|my)\b", re.IGNORECASE)
# The same said after the number: "01632 960 999 (direct)", "(direct line)", "(mobile)".
_DIRECT_AFTER_RE = re.compile(r"[ \t]*\((?:direct(?:[ \t]+(?:line|dial))?|ddi|mobile)\)", re.IGNORECASE)
_SWITCHBOARD_LABEL_RE = re.compile(
    r"(?:switchboard|main[ \t]+(?:number|line|office|reception)|general[ \t]+enquir(?:y|ies)|helpline|help[ \t]+line"
    r"|customer[ \t]+(?:services?|contact|service[ \t]+centre)|contact[ \t]+centre|call[ \t]+centre|reception"
    r"|enquiry[ \t]+line|public[ \t]+enquiries|textphone|minicom|fax)[^\n\d]{0,25}$",
    re.IGNORECASE,
)


def digits_national(s: str) -> str:
    """Digits of a UK number in national form: "+44 (0)1234 567890" -> "01234567890"."""
    d = _NON_DIGIT_RE.sub("", s)
    if d.startswith("440"):
        d = d[2:]
    elif d.startswith("44") and len(d) >= 11:
        d = "0" + d[2:]
    return d


def main_digits(s: str) -> str:
    """National digits of a number without its extension: "01234 567890 ext. 12" -> "01234567890"."""
    return digits_national(_EXT_SPLIT_RE.split(s, maxsplit=1)[0])


# A plainly written UK number: enough to recognise the regulators' published numbers without
# loading phonenumbers (most replies quote only the ICO helpline).
_PLAIN_UK_RE = re.compile(r"(?:\+44[ \t]?(?:\(0\)[ \t]?)?|\(?0)\d{2,4}\)?[ \t-]?\d{3,4}[ \t-]?\d{3,4}")


def _known_numbers_first(text: str, hints: list[re.Match[str]], out: list[Contact]) -> list[re.Match[str]]:
    """Add hints that are exactly a regulator's published number to `out` directly; return
    the rest, which need phonenumbers."""
    _, known = regulator_contacts()
    rest: list[re.Match[str]] = []
    for h in hints:
        m = _PLAIN_UK_RE.match(text, h.start(), h.end())
        if m and digits_national(m.group()) in known and not _DIGIT_RE.search(text, m.end(), h.end()):
            out.append(Contact(ContactKind.PHONE, m.group(), m.start(), m.end()))
        else:
            rest.append(h)
    return rest


# Characters a phone hint is made of ([0+(] then [\d \-.()]) as b"D", all others as a space.
_PHONE_MARKS = bytes(0x44 if c in b"0123456789 -.()+" else 0x20 for c in range(256))


def _phone_hints(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The matches `_PHONE_HINT_RE.finditer(text, start, end)` gives, found faster.

    A hint is ten to twenty-one phone characters in a row, so it lies inside a run of at
    least ten of them; `bytes.find` locates such runs in the marked text at memchr speed and
    the pattern (which has no look-around) runs only inside them, where it finds what it
    would find scanning the whole text (about 40 us on 8 KB).
    """
    marks = char_classes(text, _PHONE_MARKS)
    if marks is None:  # a non-ASCII digit: the marks cannot show it
        return list(_PHONE_HINT_RE.finditer(text, start, end))
    out: list[re.Match[str]] = []
    run = b"D" * 10
    i = marks.find(run, start, end)
    while i != -1:
        j = marks.find(b" ", i, end)
        j = end if j == -1 else j
        out.extend(_PHONE_HINT_RE.finditer(text, i, j))
        i = marks.find(run, j, end)
    return out


# A plainly written UK number: "0" or "+44" then digit groups separated by one space or dash.
# At most six groups are read, so matching costs the same on a line of 4,000 numbers.
_PLAIN_GROUPS_RE = re.compile(r"(?:\+44[ \t]?(?:\(0\)[ \t]?)?|0)\d+(?:[ \t-]\d+){0,5}")
_PLUS_HEAD_RE = re.compile(r"\+44[ \t]?(?:\(0\)[ \t]?)?")
_AFTER_NUMBER_RE = re.compile(r"[ \t]*[,(]?[ \t]*(?i:ext|x[ \t]?\d|#)|[/\w]|[.,]\d")
_BETWEEN_NUMBERS_RE = re.compile(r"[ \t]*[,;]?[ \t]*(?=[0+])")
_MORE_AFTER_RE = re.compile(r"[^\n\d(+]*?(?:[(+]|\d)")


def _plain_number_end(text: str, pos: int, end: int) -> int | None:
    """Where the plainly written UK number starting at `pos` ends, or None when it is not
    plainly written (brackets, an extension, a following digit group that could belong to it)
    and phonenumbers must decide. Agrees with phonenumbers' POSSIBLE leniency on the numbers
    it accepts (checked by a differential test): ten or eleven national digits, whole groups.
    """
    m = _PLAIN_GROUPS_RE.match(text, pos, min(end, pos + 48))
    if m is None or (pos > 0 and text[pos - 1] in "/£$€#"):
        return None
    g = m.group()
    head = _PLUS_HEAD_RE.match(g)
    # National digits so far: "+44 (0)1632" and "01632" both count as 01632.
    n = 1 if head else 0
    i = head.end() if head else 0
    while True:
        j = i
        while j < len(g) and g[j].isdigit():
            j += 1
        n += j - i
        e = pos + j
        if n > 11:
            return None
        if n >= 10:
            if j < len(g):
                if g[j] != " " or g[j + 1] != "0":
                    if n == 11:
                        return None
                    i = j + 1
                    continue  # ten digits so far and the next group carries on the number
            if _AFTER_NUMBER_RE.match(text, e, min(end, e + 16)):
                return None
            return e
        if j >= len(g):
            return None
        i = j + 1


def _plain_numbers(text: str, hints: list[re.Match[str]], end: int, out: list[Contact]) -> list[tuple[int, int]]:
    """Add the plainly written numbers at the hints (and any that follow them in a run of
    numbers separated by spaces, commas or semicolons) to `out`; return the windows left for
    phonenumbers. A pasted table of 4,000 numbers is read here at regex speed, where
    phonenumbers would cost about a millisecond a number."""
    rest: list[tuple[int, int]] = []
    covered = -1
    for h in hints:
        if h.start() < covered:
            continue
        pos = h.start()
        e = _plain_number_end(text, pos, end)
        if e is None:
            rest.append(_window(h.start(), h.end(), end))
            continue
        while e is not None:
            out.append(Contact(ContactKind.PHONE, text[pos:e], pos, e))
            covered = e
            gap = _BETWEEN_NUMBERS_RE.match(text, e, min(end, e + 8))
            if gap is None:
                break
            pos = gap.end()
            e = _plain_number_end(text, pos, end)
        # Whatever phone-like text follows the run (a number in brackets, with an extension)
        # is left to phonenumbers, as is the rest of the hint.
        more = _MORE_AFTER_RE.match(text, covered, min(end, max(h.end(), covered + 8)))
        if more is not None:
            nxt = more.end() - 1  # the window starts there: text before it can mislead phonenumbers
            rest.append((nxt, min(end, max(h.end(), nxt + 21) + 24)))
    return rest


def _window(hs: int, he: int, end: int) -> tuple[int, int]:
    """The window phonenumbers reads around a hint: room for "+44 (0)" before, an extension after."""
    return max(0, hs - 2), min(end, he + 24)


def _by_phonenumbers(text: str, spans: list[tuple[int, int]], start: int, end: int, out: list[Contact]) -> None:
    """Add the numbers phonenumbers finds in the windows `spans` to `out` (overlapping
    windows are read as one)."""
    import phonenumbers  # lazy: 50 ms of import the CLI should not pay for most drafts

    windows: list[tuple[int, int]] = []
    for ws, we in sorted(spans):
        ws = max(start, ws)
        if windows and ws <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(we, windows[-1][1]))
        else:
            windows.append((ws, we))
    taken = _covering(list(out))
    for ws, we in windows:
        chunk = text[ws:we]
        for m in phonenumbers.PhoneNumberMatcher(chunk, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
            raw = m.raw_string
            s = ws + m.start
            if not raw.startswith(("0", "(0", "+")):
                continue
            nat = "0" + str(m.number.national_number)
            if m.number.country_code != 44 or not 10 <= len(nat) <= 11:
                continue
            if s > 0 and text[s - 1] in "/£$€#" or (s + len(raw) < len(text) and text[s + len(raw)] in "/"):
                continue  # a reference, an amount or a date, not a number to dial
            if taken(s) or taken(s + len(raw) - 1):
                continue  # already read as a plainly written number
            out.append(Contact(ContactKind.PHONE, raw, s, s + len(raw)))


def find_phones(text: str, start: int = 0, end: int | None = None, *, plain: bool = True) -> list[Contact]:
    """UK telephone numbers (with any extension) and standalone extensions, unclassified.

    Plainly written numbers are read directly; phonenumbers is imported only for the others
    (brackets, extensions, odd groupings) and run only on small windows around them, so tables
    of figures cost nothing. `plain=False` sends every number to phonenumbers (the reference
    the fast reading is tested against).
    """
    end = len(text) if end is None else end
    out: list[Contact] = []
    hints = [
        h
        for h in _phone_hints(text, start, end)
        if _HINT_START_RE.match(h.group()) and not (h.start() > 0 and text[h.start() - 1].isdigit())
    ]
    hints = _known_numbers_first(text, hints, out)
    spans = _plain_numbers(text, hints, end, out) if plain else [_window(h.start(), h.end(), end) for h in hints]
    if spans:
        _by_phonenumbers(text, spans, start, end, out)
    inside_phone = _covering(out)
    for x in _EXTENSION.finditer(text, start, end, lowered(text, start, end)):
        if inside_phone(x.start()):
            continue
        out.append(Contact(ContactKind.EXTENSION, x.group(0), x.start(), x.end()))
    out.sort(key=lambda c: c.start)
    return out


def _covering(found: list[Contact]) -> Callable[[int], bool]:
    """Whether a position falls inside one of `found` (an extension that is part of a phone
    number already found). A bisect over the starts with the furthest end so far, instead of
    testing every phone for every extension: a text with a million "ext 123" stays linear.
    (Extensions need not be tested against each other: finditer never returns overlapping
    matches.)"""
    spans = sorted((c.start, c.end) for c in found)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))
    return lambda pos: (i := bisect.bisect_right(starts, pos) - 1) >= 0 and reach[i] > pos



# --- classification --------------------------------------------------------------------------


def _allowed(c: Contact, allow: Iterable[str]) -> bool:
    if c.kind is ContactKind.EMAIL:
        low = c.text.lower()
        return any(a.strip().lower() == low for a in allow)
    digits = main_digits(c.text) if c.kind is ContactKind.PHONE else _NON_DIGIT_RE.sub("", c.text)
    full = digits_national(c.text)
    return any(digits_national(a) in (digits, full) for a in allow if _DIGIT_RE.search(a))


def _line_prefix(text: str, pos: int, floor: int) -> str:
    """The line before `pos`, at most MAX_REACH characters of it (labels sit just before)."""
    lo = max(floor, pos - MAX_REACH)
    ls = text.rfind("\n", lo, pos) + 1 or lo
    return text[ls:pos]


def label_start(text: str, c: Contact, floor: int = 0) -> int:
    """Where the label of a personal number starts ("Direct line: 01632 960123"), or the
    number's own start when no direct-line label sits just before it on its line.

    A finding that shows "Direct line: 01632 960123" tells the officer why the number was
    taken for a person's line; the bare digits do not."""
    if c.kind is ContactKind.EMAIL or c.kind is ContactKind.WEB:
        return c.start
    prefix = _line_prefix(text, c.start, floor)[-80:]
    m = _DIRECT_LABEL_RE.search(prefix)
    if m is None:
        return c.start
    return c.start - len(prefix) + m.start()


# A redacted address: the local part is only x's, asterisks, blocks or dots ("x.xxxxx@", "****@").
_REDACTED_LOCAL_RE = re.compile(r"^[xX*•█■#._-]*[xX*•█■#][xX*•█■#._-]*$")


def is_redacted_email(address: str) -> bool:
    """True for an address whose person-part was blacked out: `x.xxxxx@xxxx.gov.uk`."""
    return bool(_REDACTED_LOCAL_RE.match(address.split("@", 1)[0]))


def classify(
    c: Contact,
    text: str,
    floor: int = 0,
    allow: Iterable[str] = (),
    signature_names: Iterable[PersonName] | Signatories = (),
    ceiling: int | None = None,
) -> Contact:
    """Decide whether contact `c` (found in `text`) reaches a person, and say why.

    `floor` and `ceiling` bound the scanned part (context is not read outside it);
    `signature_names` are signatories found under a sign-off: a landline below one with no
    organisational label is taken to be that officer's direct line. The person a detail is
    tied to is the one named in the same sentence (`person_in_sentence`), else on a line of
    the same contact block above it (`block_person_above`), else the signatory above it;
    every one of these reads a bounded window, so the cost per contact is constant.
    """
    allow = tuple(allow)
    reg_emails, reg_phones = regulator_contacts()
    if c.kind is ContactKind.WEB:
        return _with(c, False, "web address")
    if allow and _allowed(c, allow):
        return _with(c, False, "allow-listed contact")
    sig = signature_names if isinstance(signature_names, Signatories) else Signatories(signature_names)

    def above() -> PersonName | None:
        return block_person_above(text, c.start, floor, memo=sig.lines)

    def person() -> PersonName | None:
        return person_in_sentence(text, c.start, c.end, floor, ceiling) or above()

    if c.kind is ContactKind.EMAIL:
        if c.text.lower() in reg_emails:
            return _with(c, False, "regulator's published contact")
        local = c.text.split("@", 1)[0]
        if is_redacted_email(c.text):
            return _with(c, False, "redacted address")
        if is_role_mailbox(local):
            return _with(c, False, "role mailbox")
        return _with(c, True, "personal e-mail address", person())

    # A label sits just before its number, after the last digit before it (the label
    # patterns allow no digit between): only that part is searched.
    prefix = _line_prefix(text, c.start, floor)[-80:]
    cut = len(prefix)
    while cut and not prefix[cut - 1].isdigit():
        cut -= 1
    prefix = prefix[cut:]
    if c.kind is ContactKind.EXTENSION:
        name = person() or _signatory_above(c, sig)
        if name is not None:
            return _with(c, True, "extension of a named officer", name, direct=True)
        return _with(c, False, "extension without a named person")

    digits = main_digits(c.text)
    if digits in reg_phones:
        return _with(c, False, "regulator's published contact")
    # "you can call me on ...", "my mobile is ...": the writer, who signs below.
    mine = bool(_FIRST_PERSON_RE.search(prefix, max(0, len(prefix) - 40)))
    if digits.startswith("07"):
        return _with(c, True, "mobile number", person() or (_signatory_below(c, sig) if mine else None), mobile=True)
    label = _DIRECT_LABEL_RE.search(prefix)
    if label and label.group("me") and digits.endswith("000"):
        label = None  # "call me on 01632 960000": the writer gives the switchboard
    if label or _DIRECT_AFTER_RE.match(text, c.end, c.end + 20):
        name = person() or _signatory_above(c, sig) or (_signatory_below(c, sig) if mine else None)
        what = "direct-dial number of a named officer" if name else "direct-dial number"
        return _with(c, True, what, name, direct=True)
    if _SWITCHBOARD_LABEL_RE.search(prefix):
        return _with(c, False, "switchboard or helpline")
    if digits.startswith(("03", "08", "05")):
        return _with(c, False, "non-geographic organisational number")
    in_sentence = person_in_sentence(text, c.start, c.end, floor, ceiling)
    if in_sentence is not None:
        return _with(c, True, "direct number of a named officer", in_sentence, direct=True)
    if digits.endswith("000") and digits == digits_national(c.text):
        return _with(c, False, "switchboard-style number")
    name = above() or _signatory_above(c, sig)
    if name is not None:
        return _with(c, True, "direct number of a named officer", name, direct=True)
    return _with(c, False, "organisational number")


class Signatories:
    """Signatories sorted by where their name ends, to find the nearest one above a contact
    by bisection (a draft with thousands of sign-offs and contacts stays linear); it also
    carries what one pass over a text has learnt about its lines (`block_person_above`)."""

    def __init__(self, names: Iterable[PersonName]) -> None:
        self.names = sorted(names, key=lambda n: n.end)
        self.ends = [n.end for n in self.names]
        self.lines: dict[int, PersonName | None] = {}


def _signatory_above(c: Contact, names: Iterable[PersonName] | Signatories) -> PersonName | None:
    """The nearest signatory above `c` within a signature's reach (about ten short lines)."""
    sig = names if isinstance(names, Signatories) else Signatories(names)
    i = bisect.bisect_right(sig.ends, c.start) - 1
    # Names ending nearest above; of those within reach, the one starting last.
    best: PersonName | None = None
    while i >= 0 and c.start - sig.ends[i] <= 400:
        n = sig.names[i]
        if best is None or n.start > best.start:
            best = n
        i -= 1
        if best is not None and i >= 0 and sig.ends[i] <= best.start:
            break
    return best


def _signatory_below(c: Contact, sig: Signatories) -> PersonName | None:
    """The first signatory below `c` within a letter's closing paragraphs (about 600
    characters): who "me" is in "you can call me on ..." written above the sign-off."""
    i = bisect.bisect_right(sig.ends, c.end)
    if i < len(sig.names) and sig.names[i].start - c.end <= 600:
        return sig.names[i]
    return None


def _with(
    c: Contact,
    personal: bool,
    reason: str,
    name: PersonName | None = None,
    *,
    mobile: bool = False,
    direct: bool = False,
) -> Contact:
    return Contact(c.kind, c.text, c.start, c.end, personal, reason, name, mobile, direct)


def find_contacts(
    text: str,
    start: int = 0,
    end: int | None = None,
    allow: Iterable[str] = (),
    signature_names: Iterable[PersonName] = (),
) -> list[Contact]:
    """Every e-mail, phone, extension and web address in text[start:end], classified.

    Phones and e-mails inside a web address are dropped (digits in a URL are not a number to
    dial), and so are e-mail-looking strings inside URLs.
    """
    end = len(text) if end is None else end
    allow = tuple(allow)
    sig = Signatories(signature_names)
    urls = find_urls(text, start, end)
    emails = find_emails(text, start, end)
    phones = find_phones(text, start, end) if _DIGIT_RE.search(text, start, end) else []
    in_email = _covering(emails)
    out: list[Contact] = [u for u in urls if not in_email(u.start)]  # not the domain of an e-mail address
    in_url = _covering(out)
    for c in [*emails, *phones]:
        if in_url(c.start):
            continue
        if c.kind is not ContactKind.EMAIL and in_email(c.start):
            continue
        out.append(classify(c, text, start, allow, sig, end))
    out.sort(key=lambda c: c.start)
    return out

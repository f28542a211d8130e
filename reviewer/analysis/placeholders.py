"""Placeholders: the gaps a template leaves for a detail ("[name]", "{{ date }}", "XXXX",
"..." where an address belongs), recognised as facts about the text.

The template check (TP001) reports them; the refusal-notice analysis asks `unfilled_detail` of
an internal-review sentence, so a suggested wording pasted with its gap is not counted as an
offer. Both read the same patterns, which is why they live here, below both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reviewer.text.textutil import required_words

_PLACEHOLDER_WORDS = (
    r"insert|name|date|ref|reference|address|title|surname|forename|first ?name|requester|applicant"
    r"|officer|department|organisation|amount|figure|number|details|complete|enter|delete|select"
    r"|tbc|tba|tbd|todo|to do|xx+|\?+|\.\.\.+|…"
)
NOT_PLACEHOLDER = re.compile(r"redact|withheld|removed|exempt|s\.?\s?\d|section|personal|sic\b", re.IGNORECASE)


def has_text(*needles: str, lower: bool = True) -> Callable[[str, str], bool]:
    """A cheap pre-check: run a pattern only if the reply contains one of `needles`.

    Most replies contain none of these markers, so most patterns never run. Even the check
    is worth doing carefully, as it runs on every reply: `str.find` of a two- or
    three-character needle costs about 6 us on an 8 KB reply. So the needles are grouped by
    first character; a group whose character is missing (memchr, well under 1 us) is skipped,
    and the others are found by one regex that jumps from one occurrence of that character to
    the next.
    """
    groups: dict[str, list[str]] = {}
    for n in needles:
        groups.setdefault(n[0], []).append(n)
    checks: list[tuple[str, re.Pattern[str]]] = []  # compiled on first use: import stays cheap

    def gate(seg: str, low: str) -> bool:
        if not checks:
            checks.extend((first, re.compile(re.escape(first) + _rest_pattern(group))) for first, group in groups.items())
        hay = low if lower else seg
        for first, rx in checks:
            if first in hay and rx.search(hay):
                return True
        return False

    return gate


def _rest_pattern(group: list[str]) -> str:
    """What may follow the shared first character: a character class when every needle has
    one more character ("x/", "x.", "x-"; the engine checks a class faster than a choice)."""
    rests = [n[1:] for n in group]
    if "" in rests:
        return ""
    if all(len(r) == 1 for r in rests):
        return "[" + "".join(re.escape(r) for r in rests) + "]"
    return "(?:" + "|".join(re.escape(r) for r in rests) + ")"


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    what: str
    group: str | int = 0
    gate: Callable[[str, str], bool] = lambda seg, low: True


def _gated(regex: re.Pattern[str], what: str, group: str | int = 0) -> _Pattern:
    """A pattern run only where the reply holds a word every match holds, read off the pattern
    (`required_words`): as written if the pattern is case-sensitive, else in the lower case.
    The other patterns give their needles by hand, as the words read off them would pass most
    replies: a repeat hides "xx" ("x") and "??" ("?"), and "£" needs the "x" or "?" beside it."""
    case = not regex.flags & re.IGNORECASE
    return _Pattern(regex, what, group, has_text(*required_words(regex.pattern, case=case)[0], lower=not case))


PATTERNS: tuple[_Pattern, ...] = (
    # "Dear X", "Dear XX", "Dear [name]", "Dear <<Name>>", "Dear Mr X", "Dear Name" (not "Dear Mr Smith",
    # nor "Dear Requester" / "Dear Applicant", which many bodies use on purpose).
    _gated(
        re.compile(
            r"^[ \t]*(?P<p>Dear[ \t]+(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+)?"
            r"(?:[A-Z]\.?|[Xx]{2,}|[Nn]ame|NAME|[Ff]irst[ _]?[Nn]ame|"
            r"\[[^\]\n]{0,30}\]|<<[^>\n]{0,30}>>|\{\{?[^}\n]{0,30}\}?\}))[ \t]*(?:,|$)",
            re.MULTILINE,
        ),
        "an unfilled salutation",
        "p",
    ),
    _gated(re.compile(rf"\[(?:[^\]\n]{{0,25}}\b)?(?:{_PLACEHOLDER_WORDS})(?:\b[^\]\n]{{0,25}})?\]", re.IGNORECASE), "a bracketed placeholder"),
    _gated(re.compile(r"<<[^<>\n]{1,40}>>"), "a mail-merge field"),
    _gated(re.compile(r"\{\{[^{}\n]{0,40}\}\}|(?<!\{)\{[A-Za-z_][A-Za-z0-9_ .]{0,30}\}(?!\})"), "a template field"),
    _Pattern(re.compile(r"\b(?:[Xx]{1,2}|[Dd]{2})[/.-](?:[Xx]{1,2}|[Mm]{2})[/.-](?:[Xx]{2,4}|[Yy]{2,4})\b"), "a placeholder date", 0, has_text("xx", "x/", "x.", "x-", "dd")),
    _Pattern(re.compile(r"(?<!\w)(?:19|20)[Xx]{2}\b|\bFOI[/ -]?[Xx]{3,}\b"), "a placeholder year or reference", 0, has_text("xx")),
    _Pattern(re.compile(r"(?<![\w\[])X{4,}(?![\w\]])|(?<![\w\[])x{4,}(?![\w\]])"), "a run of X's", 0, has_text("xxxx")),
    _Pattern(re.compile(r"£[ \t]?(?:[Xx]+(?:[,.][Xx]+)*|\?+)(?![\w])"), "a placeholder amount", 0, has_text("£x", "£ x", "£\tx", "£?", "£ ?", "£\t?")),
    _Pattern(re.compile(r"(?<![\w?])\?{2,}(?=[\s,.;:)]|$)"), "question marks standing for a value", 0, has_text("??", lower=False)),
    _gated(re.compile(r"\blorem ipsum\b", re.IGNORECASE), "dummy text"),
    _gated(re.compile(r"\bINSERT\b"), "an INSERT marker"),
    _gated(
        re.compile(r"(?:(?<=:)|(?<=:[ \t])|^[ \t]*|(?<=\())(?P<p>TB[CAD])\b(?=[ \t]*(?:$|\)))", re.MULTILINE),
        "a to-be-confirmed value",
        "p",
    ),
)
REDACTION_CONTEXT = re.compile(r"redact|withheld|removed", re.IGNORECASE)
_ADDRESS_CHAR = re.compile(r"[\w.@%+'-]")


def in_redacted_address(text: str, s: int, e: int) -> bool:
    """Whether the run of x's at text[s:e] is part of an e-mail address (at most 64
    characters either side are read): `x.xxxxx@xxxx.gov.uk` shows a redaction was made."""
    a = s
    while a > max(0, s - 64) and _ADDRESS_CHAR.match(text[a - 1]):
        a -= 1
    b = e
    while b < min(len(text), e + 64) and _ADDRESS_CHAR.match(text[b]):
        b += 1
    return "@" in text[a:b]

# "..." standing where a detail belongs: "by writing to ... within 40 working days", "Dear ...,",
# "Reference: ...", "£...". Not an ellipsis ending or eliding prose ("fair competition... The"),
# nor one inside a quotation (a statute quoted with words left out).
_ELLIPSIS = r"(?:\.{3,}|…)"
_ELLIPSIS_RE = re.compile(
    rf"(?<=\bDear ){_ELLIPSIS}|(?<=[A-Za-z0-9,]\s){_ELLIPSIS}(?=\s[a-z0-9(£])|(?<=: ){_ELLIPSIS}(?=[ \t]*$)|£[ \t]?{_ELLIPSIS}",
    re.MULTILINE,
)
ELLIPSIS_WHAT = "an ellipsis standing for a missing detail"
PATTERNS = (*PATTERNS, _Pattern(_ELLIPSIS_RE, ELLIPSIS_WHAT, 0, has_text("...", "…", lower=False)))
_QUOTE_MARKS = ('"', "“", "”")


def in_quotation(text: str, offset: int) -> bool:
    """An odd number of double quotation marks before `offset` on its line: inside a quote."""
    line = text[text.rfind("\n", 0, offset) + 1 : offset]
    return sum(line.count(q) for q in _QUOTE_MARKS) % 2 == 1


def unfilled_detail(text: str) -> bool:
    """Does `text` (one sentence) still hold a gap for a detail: "..." where an address or
    name belongs, or a bracketed placeholder? The refusal-notice check asks this of the
    internal-review sentence, so the suggested wording pasted unfilled does not count."""
    m = _ELLIPSIS_RE.search(text)
    if m is not None and not in_quotation(text, m.start()):
        return True
    return any(p.regex.search(text) for p in PATTERNS if p.what == "a bracketed placeholder")

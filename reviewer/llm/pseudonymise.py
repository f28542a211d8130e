"""Replace personal data with stable placeholders before anything leaves the machine.

What is replaced, in the request and the draft alike:
- every e-mail address (organisational ones too: the model does not need them);
- every UK telephone number and extension the rule engine's contact finder sees, plus any
  other long digit run shaped like a phone number;
- every personal name the rule engine's name finders see, by position (signatures,
  "contact Jane on...", "Case officer:" labels) and by the words themselves wherever they
  stand (a title or rank, or a known first name: `reviewer.analysis.names.find_person_names`, the
  same finder that ties contact details to people), or a salutation gives ("Dear Mr
  Brown"), and each part of such a name wherever it appears on its own.

The same value always gets the same placeholder within one review (`[EMAIL_1]`, `[PHONE_2]`,
`[PERSON_1]`), numbered in order of first appearance, so the same draft always produces the
same request (and cache key). `restore` maps placeholders in the model's answer back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewer.analysis.contacts import find_phones
from reviewer.analysis.names import TITLE_WORDS, find_person_names

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# A belt-and-braces net for numbers the contact finder does not classify as UK phones.
_PHONE_RE = re.compile(r"(?<![\w£$€/])(?:\+\d{1,3}[\s-]?|\(?0)\d{2,5}\)?(?:[\s-]?\d){5,8}(?![\w/])")
_EXT_RE = re.compile(r"\b(?:ext(?:ension)?\.?|x)\s*\d{3,6}\b", re.I)
_PLACEHOLDER_RE = re.compile(r"\[(?:EMAIL|PHONE|PERSON)_\d+\]")
_SALUTATION_RE = re.compile(r"\bDear\s+(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+)?([A-Z][a-z'-]+(?:[ \t]+[A-Z][a-z'-]+)?)")
_NOT_NAMES = frozenset({"sir", "madam", "requester", "applicant", "colleague", "colleagues", "all", "team", "customer"})
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "cllr", "rev"})


@dataclass
class Pseudonymiser:
    """A two-way map between personal values and placeholders for one review."""

    forward: dict[str, str] = field(default_factory=dict)  # value -> placeholder
    backward: dict[str, str] = field(default_factory=dict)  # placeholder -> value
    _counts: dict[str, int] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None

    def add(self, kind: str, value: str) -> str:
        value = value.strip()
        if value in self.forward:
            return self.forward[value]
        n = self._counts.get(kind, 0) + 1
        self._counts[kind] = n
        placeholder = f"[{kind}_{n}]"
        self.forward[value] = placeholder
        self.backward[placeholder] = value
        self._pattern = None
        return placeholder

    @property
    def count(self) -> int:
        return len(self.forward)

    def kinds(self) -> dict[str, int]:
        return dict(self._counts)

    def apply(self, text: str) -> str:
        """The text with every known value replaced (longest first, whole words for names)."""
        if not self.forward:
            return text
        if self._pattern is None:
            alts = []
            for value in sorted(self.forward, key=len, reverse=True):
                esc = re.escape(value)
                alts.append(rf"(?<!\w){esc}(?!\w)" if value[:1].isalnum() and value[-1:].isalnum() else esc)
            self._pattern = re.compile("|".join(alts))
        return self._pattern.sub(lambda m: self.forward[m.group(0)], text)

    def restore(self, text: str) -> str:
        """Placeholders in a model's answer mapped back to the original values."""
        return _PLACEHOLDER_RE.sub(lambda m: self.backward.get(m.group(0), m.group(0)), text)


def _name_parts(name: str) -> list[str]:
    return [w for w in re.findall(r"[A-Z][A-Za-z'-]+", name) if len(w) >= 3 and w.lower() not in _TITLES and w not in TITLE_WORDS]


def build(*texts: str) -> Pseudonymiser:
    """Find the personal data in the texts (request first, then draft) and number it."""
    found: list[tuple[int, int, str, str]] = []  # (text index, start, kind, value)
    for i, text in enumerate(texts):
        for m in _EMAIL_RE.finditer(text):
            found.append((i, m.start(), "EMAIL", m.group(0)))
        phones = find_phones(text)
        for c in phones:
            found.append((i, c.start, "PHONE", c.text))
        taken = [(c.start, c.end) for c in phones]
        for m in _PHONE_RE.finditer(text):
            if not any(s <= m.start() < e for s, e in taken):
                found.append((i, m.start(), "PHONE", m.group(0)))
        for m in _EXT_RE.finditer(text):
            if not any(s <= m.start() < e for s, e in taken):
                found.append((i, m.start(), "PHONE", m.group(0)))
        for n in find_person_names(text):
            found.append((i, n.start, "PERSON", n.text))
        for m in _SALUTATION_RE.finditer(text):
            if m.group(1).split()[0].lower() not in _NOT_NAMES and len(m.group(1)) > 1:
                found.append((i, m.start(1), "PERSON", m.group(1)))
    found.sort(key=lambda f: (f[0], f[1]))
    p = Pseudonymiser()
    for _, _, kind, value in found:
        p.add(kind, value)
    for value, placeholder in list(p.forward.items()):
        if placeholder.startswith("[PERSON_"):
            for part in _name_parts(value):
                p.add("PERSON", part)
    return p

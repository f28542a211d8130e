"""Hide most of a sensitive value before it is shown on a screen or written to a report.

Used by checks (hidden content is shown masked in the finding itself, so a JSON report passed
around does not republish what was hidden) and by the terminal reporter.
"""

from __future__ import annotations

import re

_EMAIL_RE = re.compile(r"([A-Za-z0-9])[A-Za-z0-9._%+'-]*(@[A-Za-z0-9.-]+)")
_TOKEN_RE = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+|\w+")


def mask(text: str) -> str:
    """Hide most of a contact detail: `j***@council.gov.uk`, `07*** ***123`, `J*** S***`."""
    if "@" in text:
        return _EMAIL_RE.sub(lambda m: m.group(1) + "***" + m.group(2), text)
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if len(digits) >= 5:
        keep = set(digits[:2] + digits[-3:])
        return "".join(ch if (not ch.isdigit() or i in keep) else "*" for i, ch in enumerate(text))
    return " ".join(w[:1] + "***" if len(w) > 1 else w for w in text.split())


def mask_excerpt(text: str, limit: int = 80) -> str:
    """A short masked preview of hidden content: each word keeps its first character,
    e-mail addresses keep their domain: "Alice Brown, alice.b@police.uk" -> "A*** B***, a***@police.uk"."""
    flat = " ".join(text.split())
    clipped = flat[:limit]
    if clipped and len(flat) > limit and " " in clipped:
        clipped = clipped.rsplit(" ", 1)[0]

    def one(m: re.Match[str]) -> str:
        w = m.group(0)
        if "@" in w:
            return _EMAIL_RE.sub(lambda e: e.group(1) + "***" + e.group(2), w)
        return w if len(w) <= 1 else w[0] + "***"

    out = _TOKEN_RE.sub(one, clipped)
    return out + (" \u2026" if len(flat) > len(clipped) else "")

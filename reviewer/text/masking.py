"""Hide most of a sensitive value before it is shown on a screen or written to a report.

Used by checks (hidden content is shown masked in the finding itself, so a JSON report passed
around does not republish what was hidden) and by the terminal reporter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_EMAIL_RE = re.compile(r"([A-Za-z0-9])[A-Za-z0-9._%+'-]*(@[A-Za-z0-9.-]+)")
_TOKEN_RE = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+|\w+")
# the label in front of a flagged number ("Direct line: "): everything before its first digit
_LABEL_RE = re.compile(r"^[^\d@]*?(?=[+(\d])")


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


# the free-text fields of a case record, where a draft's words are quoted; codes, severities,
# paths and metadata are left alone so a short flagged value can never corrupt them
_TEXT_KEYS = frozenset({"text", "message", "note", "notes", "quote", "fix", "reason", "warnings"})


def _walk(value: Any, sub: Callable[[str], str], key: str | None = None) -> Any:
    if isinstance(value, str):
        return sub(value) if key in _TEXT_KEYS else value
    if isinstance(value, dict):
        return {k: _walk(v, sub, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, sub, key) for v in value]
    return value


_MAX_TRIE_DEPTH = 60  # nested groups: Python's regex parser recurses once per level


def _any_of(texts: set[str]) -> re.Pattern[str]:
    """A pattern matching any of `texts` (any run of whitespace where a text has a space),
    the longest one where several start at the same place.

    A flat alternation of every leaked value, tried longest first, costs the regex engine one
    attempt per value at every position of every string in the record and compiles in time
    growing faster than the number of values: a draft listing 50,000 flagged addresses took
    minutes to mask. The same choice written as a prefix tree (common starts shared, a longer
    continuation tried before stopping) picks the same match in time set by the length of the
    values, not their number."""
    trie: dict[str, Any] = {}
    for t in texts:
        node = trie
        for word_no, word in enumerate(t.split()):
            for ch in (" " if word_no else "") + word:
                node = node.setdefault(ch, {})
        node[""] = {}
    source = _trie_source(trie, 0)
    if source is None:  # a pathological nest of prefixes: the flat alternation is exact too
        alternatives = sorted(texts, key=len, reverse=True)
        return re.compile("|".join(r"\s+".join(map(re.escape, t.split())) for t in alternatives))
    return re.compile(source)


def _trie_source(node: dict[str, Any], depth: int) -> str | None:
    """Regex source for one prefix-tree node; None when the tree nests past _MAX_TRIE_DEPTH."""
    if depth > _MAX_TRIE_DEPTH:
        return None
    branches = []
    for ch in sorted(k for k in node if k):
        prefix = ch
        child = node[ch]
        while len(child) == 1 and "" not in child:  # a chain with one way on: one literal run
            (nxt, child), = child.items()
            prefix += nxt
        rest = _trie_source(child, depth + 1) if child else ""
        if rest is None:
            return None
        branches.append(r"\s+".join(map(re.escape, prefix.split(" "))) + rest)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body


def mask_case(record: dict[str, Any], show_personal_data: bool = False) -> dict[str, Any]:
    """A case record (`records.case_record`) fit for a shared report: every contact detail a
    personal-data finding flagged is masked wherever it appears in the record, not only in
    that finding's evidence. A leaked address also sits in the evidence of the finding about
    the answer around it, in a question's evidence, in a message; masking one place and not
    the others would be no mask at all. With `show_personal_data` the record is returned as is.
    """
    review = record.get("review")
    if show_personal_data or not review:
        return record
    leaked: set[str] = set()
    for f in [*review.get("findings", []), *review.get("suppressed", [])]:
        if f.get("category") != "personal-data":
            continue
        flagged = " ".join(str((f.get("evidence") or {}).get("text", "")).split())
        # the detail alone as well as with its label: another finding may quote just the number
        leaked.update((flagged, flagged if "@" in flagged else _LABEL_RE.sub("", flagged)))
        leaked.add(" ".join(str((f.get("person") or {}).get("text", "")).split()))
    leaked.discard("")
    if not leaked:
        return record
    long_enough = {t for t in leaked if len(t) >= 3}  # "Jo" is masked in its finding only
    # longest first, so a whole "Jo Bloggs, jo.bloggs@x.gov.uk" is masked before its address;
    # any run of whitespace matches, as evidence elsewhere may be laid out over two lines
    pattern = _any_of(long_enough) if long_enough else None

    def sub(text: str) -> str:
        return pattern.sub(lambda m: mask(" ".join(m.group(0).split())), text) if pattern else text

    out: dict[str, Any] = _walk(record, sub)
    for group in ("findings", "suppressed"):
        for raw, masked in zip(review.get(group, []), out["review"].get(group, [])):
            if raw.get("category") != "personal-data":
                continue
            for part in ("evidence", "person"):
                if raw.get(part):
                    masked[part]["text"] = mask(" ".join(str(raw[part].get("text", "")).split()))
    return out

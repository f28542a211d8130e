"""Inline suppression: a deliberate exception written into the draft or template itself.

A template may carry a finding on purpose (a senior officer's direct line published by
policy, a standard paragraph the rule misreads). Rather than turning the rule off everywhere,
the exception is written next to the text, with a reason::

    <!-- foi-review: disable=PD002 reason="Director's line is published by policy" -->
    Director of Resources: 01234 567001

    foi-review: disable-file=TP002,EX005 reason="standard wording agreed with legal"

The directive may sit in an HTML/Markdown comment or on a plain line. `disable` covers
findings whose evidence starts on the directive's own line or on the next non-blank line;
`disable-file` covers the whole document, including findings with no location (a missing
internal-review paragraph). A reason is required: a directive without one is not applied and
is reported. Suppressed findings stay in the output with their reason (they are never
silently dropped), and a directive that matched nothing is reported as unused, so stale
exceptions do not pile up in templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.core.document import Document
from reviewer.core.findings import RULES, Finding
from reviewer.core.model import Suppressed

_DIRECTIVE_RE = re.compile(
    r"foi-review:\s*(?P<kind>disable-file|disable)\s*=\s*(?P<codes>[A-Za-z]{2}\d{3}(?:\s*,\s*[A-Za-z]{2}\d{3})*)"
    r"(?:\s+reason\s*=\s*(?:\"(?P<dq>[^\"\n]*)\"|'(?P<sq>[^'\n]*)'))?"
)


@dataclass(frozen=True)
class Directive:
    kind: str  # "disable" or "disable-file"
    codes: tuple[str, ...]
    reason: str
    line: int  # 1-based line of the directive
    lines: frozenset[int]  # lines covered (empty for disable-file)


def find_directives(doc: Document) -> tuple[list[Directive], list[str]]:
    """Directives in `doc`, plus notes about directives that cannot be applied."""
    text = doc.text
    if "foi-review:" not in text:
        return [], []
    lines = text.split("\n")
    directives: list[Directive] = []
    notes: list[str] = []
    for m in _DIRECTIVE_RE.finditer(text):
        line, _ = doc.line_col(m.start())
        codes = tuple(c.strip().upper() for c in m.group("codes").split(","))
        reason = (m.group("dq") if m.group("dq") is not None else m.group("sq") or "").strip()
        unknown = [c for c in codes if c not in RULES]
        if unknown:
            notes.append(f"{doc.source}:{line}: suppression names unknown rule(s) {', '.join(unknown)}; not applied")
            continue
        if not reason:
            notes.append(f"{doc.source}:{line}: suppression of {', '.join(codes)} has no reason=\"...\"; not applied")
            continue
        covered: set[int] = set()
        if m.group("kind") == "disable":
            covered.add(line)
            nxt = line  # index of the following line in `lines` (0-based == line)
            while nxt < len(lines) and not lines[nxt].strip():
                nxt += 1
            if nxt < len(lines):
                covered.add(nxt + 1)
        directives.append(Directive(m.group("kind"), codes, reason, line, frozenset(covered)))
    return directives, notes


def apply_suppressions(doc: Document, findings: list[Finding]) -> tuple[list[Finding], list[Suppressed], list[str]]:
    """Split `findings` into kept and suppressed; notes report bad and unused directives."""
    directives, notes = find_directives(doc)
    if not directives:
        return findings, [], notes
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    for f in findings:
        match: Directive | None = None
        for d in directives:
            if f.rule.code not in d.codes:
                continue
            if d.kind == "disable-file" or (f.evidence is not None and f.evidence.line in d.lines):
                match = d
                break
        if match is None:
            kept.append(f)
        else:
            used.add((match.line, f.rule.code))
            suppressed.append(Suppressed(f, match.reason, "inline", match.line))
    for d in directives:
        for code in d.codes:
            # A model rule's directive waits for the model tier, which may not run this time.
            if (d.line, code) not in used and not RULES[code].by_model:
                notes.append(f"{doc.source}:{d.line}: unused suppression of {code} (nothing to suppress; remove it?)")
    return kept, suppressed, notes

"""The one finding model every check produces and every reporter consumes.

Rules are declared once, with their metadata, through `register_rule`; the registry validates
codes, names and categories at import time so a typo fails loudly instead of producing a
finding no reporter understands. `foi-review rules` and the docs read the same registry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from reviewer.core.document import Document, Span


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Category(str, Enum):
    COMPLETENESS = "completeness"
    EXEMPTIONS = "exemptions"
    REFUSAL_NOTICE = "refusal-notice"
    PERSONAL_DATA = "personal-data"
    REDACTION = "redaction"
    TEMPLATE = "template"


# Rule codes: two letters for the family, three digits. Families map 1:1 to categories.
CODE_PREFIX = {
    Category.COMPLETENESS: "CP",
    Category.EXEMPTIONS: "EX",
    Category.REFUSAL_NOTICE: "RN",
    Category.PERSONAL_DATA: "PD",
    Category.REDACTION: "RD",
    Category.TEMPLATE: "TP",
}
_CODE_RE = re.compile(r"^(CP|EX|RN|PD|RD|TP)\d{3}$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Rule:
    """Metadata of one rule: what it flags, how bad by default, how to fix it.

    `summary` is the one-line description shown in reports; `severity_note` says when a finding
    of this rule carries another severity than the default (one place, so the rule table, the
    docs and `foi-review rules CODE` can say so: an unexplained change is a bug). The rule's examples are not kept
    here: they are whole drafts in `reviewer/checks/cases/*.toml` (`reviewer.checks.rule_cases`),
    run by a test, so an example cannot claim what the rule does not do.
    """

    code: str
    name: str
    category: Category
    severity: Severity
    summary: str
    fix: str
    severity_note: str = ""

    @property
    def by_model(self) -> bool:
        """Raised only by the model tier: its code's number is in the 100s (CP101, EX102...)."""
        return self.code[2] == "1"


@dataclass(frozen=True)
class RuleSetting:
    """One rule's setting from the team's config: switched off, or re-graded."""

    code: str
    enabled: bool = True
    severity: Severity | None = None


RULES: dict[str, Rule] = {}


def register_rule(
    code: str,
    name: str,
    category: Category,
    severity: Severity,
    summary: str,
    fix: str,
    severity_note: str = "",
) -> Rule:
    """Declare a rule. Raises at import time on a malformed or duplicate code or name."""
    if not _CODE_RE.match(code):
        raise ValueError(f"rule code {code!r} must look like EX001")
    if not code.startswith(CODE_PREFIX[category]):
        raise ValueError(f"rule {code} is in category {category.value}, expected prefix {CODE_PREFIX[category]}")
    if not _NAME_RE.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    if code in RULES:
        raise ValueError(f"duplicate rule code {code}")
    if any(r.name == name for r in RULES.values()):
        raise ValueError(f"duplicate rule name {name}")
    rule = Rule(code, name, category, severity, summary, fix, severity_note)
    RULES[code] = rule
    return rule


EVIDENCE_MAX = 2000  # characters of evidence text kept per finding or answer


@dataclass(frozen=True)
class Evidence:
    """Exact text a finding points at, with its position in the file a person opened."""

    text: str
    start: int
    end: int
    line: int
    column: int
    source: str
    location: str | None = None
    truncated: bool = False  # text is the first EVIDENCE_MAX characters of the span

    @classmethod
    def from_span(cls, doc: Document, span: Span) -> Evidence:
        """Evidence for `span`. Text longer than `EVIDENCE_MAX` characters is clipped (the
        offsets still cover the whole span): one shared reply quoted under each of thousands
        of questions must not hold thousands of copies of the draft."""
        line, col = doc.line_col(span.start)
        stop = min(span.end, span.start + EVIDENCE_MAX)
        return cls(
            text=doc.laid_out[span.start : stop],
            start=span.start,
            end=span.end,
            line=line,
            column=col,
            source=doc.source,
            location=doc.location_label(span.start),
            truncated=stop < span.end,
        )

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text,
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "source": self.source,
        }
        if self.location:
            d["location"] = self.location
        if self.truncated:
            d["truncated"] = True
        return d


@dataclass(frozen=True)
class Finding:
    """One problem in a draft. Frozen so checks cannot alter each other's results."""

    rule: Rule
    message: str
    evidence: Evidence | None = None
    question_ref: str | None = None
    severity: Severity | None = None  # overrides the rule's default when set
    fix: str | None = None  # overrides the rule's fix hint when a specific one is known
    origin: str = "rules"  # "rules" or "llm"
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def effective_severity(self) -> Severity:
        return self.severity or self.rule.severity

    @property
    def category(self) -> Category:
        return self.rule.category

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.rule.code,
            "name": self.rule.name,
            "category": self.rule.category.value,
            "severity": self.effective_severity.value,
            "message": self.message,
            "question_ref": self.question_ref,
            "evidence": self.evidence.as_dict() if self.evidence else None,
            "fix": self.fix or self.rule.fix,
            "origin": self.origin,
            # the person a contact detail belongs to (personal-data findings), for masking
            **({"person": self.extra["person"]} if "person" in self.extra else {}),
        }


def sort_key(f: Finding) -> tuple[int, int, str]:
    """Most severe first, then in document order, then by code."""
    pos = f.evidence.start if f.evidence else -1
    return (-f.effective_severity.rank, pos, f.rule.code)

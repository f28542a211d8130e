"""The rule reference: one rule explained, the list of rules, and docs/rules.md.

Everything here is read from the registry (`reviewer.core.findings.RULES`), the law behind each rule
(`reviewer/law/rule_law.csv`) and the rule cases (`reviewer/checks/cases/*.toml`), so
`foi-review rules`, `foi-review rules CODE` and docs/rules.md cannot drift from what the rules
do: the examples shown are the cases the test suite runs.
"""

from __future__ import annotations

import csv
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reviewer.checks.rule_cases import RuleCase, cases_for, hidden_parts
from reviewer.core.findings import RULES, Rule, RuleSetting, Severity

LAW_FILE = Path(__file__).parents[1] / "law" / "rule_law.csv"
DOC_COMMAND = "python tools/build_rules_doc.py"


def load_rules() -> dict[str, Rule]:
    """Every registered rule: the rule engine's and the model tier's."""
    import reviewer.checks  # noqa: F401  (registers the rule engine's rules)

    return RULES


@dataclass(frozen=True)
class Law:
    provision: str
    requirement: str


@lru_cache(maxsize=1)
def _law() -> dict[str, Law]:
    with LAW_FILE.open(encoding="utf-8", newline="") as fh:
        return {row["code"]: Law(row["provision"], row["requirement"]) for row in csv.DictReader(fh)}


def law_for(code: str) -> Law | None:
    """The provision a rule enforces and what it requires, from reviewer/law/rule_law.csv."""
    return _law().get(code)


@dataclass(frozen=True)
class InForce:
    """A rule's severity under the settings file: None when the rule is switched off."""

    severity: Severity | None
    changed: bool


def in_force(rule: Rule, settings: tuple[RuleSetting, ...]) -> InForce:
    s = next((s for s in settings if s.code == rule.code), None)
    if s is None:
        return InForce(rule.severity, False)
    if not s.enabled:
        return InForce(None, True)
    sev = s.severity or rule.severity
    return InForce(sev, sev is not rule.severity)


def _label(force: InForce) -> str:
    return force.severity.value if force.severity is not None else "off"


def rule_list(settings: tuple[RuleSetting, ...] = (), source: Path | None = None) -> str:
    """One line per rule with the severity in force; a `*` marks one the settings changed."""
    rules = load_rules()
    lines: list[str] = []
    changed: list[str] = []
    for code in sorted(rules):
        r = rules[code]
        force = in_force(r, settings)
        sev = _label(force) + ("*" if force.changed else "")
        lines.append(f"{r.code}  {r.name:38} {r.category.value:15} {sev:8} {r.summary}")
        if force.changed:
            changed.append(f"{code} {r.severity.value} -> {_label(force)}")
    if changed:
        lines.append("")
        lines.append(f"* changed by {source}: " + "; ".join(changed))
    return "\n".join(lines) + "\n"


def _indented(text: str, prefix: str = "    ") -> str:
    return textwrap.indent(text.strip("\n"), prefix)


def _example(case: RuleCase) -> str:
    parts = [f"  {case.about}  [{case.family}.toml: {case.name}]"]
    if case.request is not None:
        parts.append("  Request:\n" + _indented(case.request))
    what = "Draft" if case.format in ("txt", "combined") else f"Draft ({case.format}; its visible text)"
    parts.append(f"  {what}:\n" + _indented(case.draft))
    hidden = hidden_parts(case)
    if hidden:
        parts.append("  Hidden in the file:\n" + _indented("\n".join(hidden)))
    if case.settings is not None:
        parts.append("  Settings (.foi-review.toml):\n" + _indented(case.settings))
    for name, content in case.files:
        parts.append(f"  {name}:\n" + _indented(content))
    if case.model_answer is not None:
        parts.append("  The model's answer:\n" + _indented(case.model_answer))
    if case.must:
        parts.append("  Must report: " + ", ".join(case.must))
    if case.must_not:
        parts.append("  Must not report: " + ", ".join(case.must_not))
    return "\n".join(parts)


def rule_detail(code: str, settings: tuple[RuleSetting, ...] = (), source: Path | None = None) -> str:
    """Everything about one rule, for `foi-review rules CODE`. Raises KeyError for no such rule."""
    r = load_rules()[code.upper()]
    force = in_force(r, settings)
    sev = _label(force)
    if force.changed:
        sev += f" (set in {source}; default {r.severity.value})"
    elif settings or source:
        sev += " (the default)"
    if r.severity_note and not force.changed:
        sev += f"; {r.severity_note}"  # a setting re-grades every finding of the rule, so only then
    law = law_for(r.code)
    failing, passing = cases_for(r.code)
    out = [
        f"{r.code} {r.name}: {r.summary}",
        "",
        f"Category: {r.category.value}",
        f"Severity: {sev}",
        f"Origin:   {'the model review (--llm)' if r.code[2] == '1' else 'the rule engine'}",
    ]
    if law is not None:
        out += ["", f"Law: {law.provision}", _indented(textwrap.fill(law.requirement, 96), "  ")]
    out += ["", "Fix:", _indented(textwrap.fill(r.fix, 96), "  ")]
    for title, cases in (("Failing example", failing), ("Passing example", passing)):
        for case in cases:
            out += ["", f"{title}:", _example(case)]
    return "\n".join(out) + "\n"


def markdown() -> str:
    """docs/rules.md: the table of rules, then each rule with its law, fix and examples."""
    rules = load_rules()
    out = [
        "# Rules",
        "",
        f"<!-- Generated by `{DOC_COMMAND}` from the rule registry, reviewer/law/rule_law.csv and",
        "reviewer/checks/cases/*.toml. Do not edit by hand: tests/checks/test_rule_cases.py fails when it is out of date. -->",
        "",
        "Every rule with its default severity, the law behind it, its fix, and its examples. The",
        "examples are the rule cases the test suite runs through the real review (a failing case",
        "must report the rule, a passing one must not). `foi-review rules` shows the severities in",
        "force under your settings file; `foi-review rules CODE` shows one rule in full.",
        "",
        "Rules whose code has a 1 after the family letters (CP101, EX102...) are raised only by the",
        "optional model review (`--llm`); their examples include the model's answer.",
        "",
        "| code | name | category | default | what it flags |",
        "|---|---|---|---|---|",
    ]
    for code in sorted(rules):
        r = rules[code]
        out.append(f"| [{code}](#{code.lower()}) | {r.name} | {r.category.value} | {r.severity.value} | {r.summary} |")
    for code in sorted(rules):
        r = rules[code]
        law = law_for(code)
        failing, passing = cases_for(code)
        sev = r.severity.value + (f"; {r.severity_note}" if r.severity_note else "")
        out += ["", f"## {code}", "", f"**{r.name}** ({r.category.value}, {sev}). {r.summary}", ""]
        if law is not None:
            out += [f"Law: {law.provision}. {law.requirement}", ""]
        out += [f"Fix: {r.fix}", ""]
        for title, cases in (("Fails", failing), ("Passes", passing)):
            for case in cases:
                out += [
                    f"<details><summary>{title}: {case.about}</summary>",
                    "",
                    "```",
                    _example(case),
                    "```",
                    "",
                    "</details>",
                    "",
                ]
        while out[-1] == "":
            out.pop()
    return "\n".join(out) + "\n"

"""The team's policy applied to what the checks found: rule settings, staff list, suppressions.

Runs after the checks, before findings are sorted, in this order:

1. rule settings from the config (`[tool.foi-review.rules]`): a disabled rule's findings are
   dropped, a re-graded rule's findings get the new severity;
2. the staff list: a named officer (PD003) whom the list says may be published is let pass,
   reported as suppressed with their role; PD003 on the same name as a PD005 is dropped as a
   duplicate;
3. inline `foi-review: disable=...` directives in the response (see `reviewer.team.suppress`).
"""

from __future__ import annotations

from reviewer.core.findings import Finding, RuleSetting
from reviewer.core.model import ReviewContext, Suppressed
from reviewer.team.suppress import apply_suppressions


def apply_rule_settings(findings: list[Finding], settings: tuple[RuleSetting, ...]) -> list[Finding]:
    if not settings:
        return findings
    by_code = {s.code: s for s in settings}
    out: list[Finding] = []
    for f in findings:
        s = by_code.get(f.rule.code)
        if s is None:
            out.append(f)
        elif s.enabled:
            out.append(f.with_severity(s.severity) if s.severity is not None else f)
    return out


def apply_staff_list(ctx: ReviewContext, findings: list[Finding]) -> tuple[list[Finding], list[Suppressed]]:
    if ctx.staff is None:
        return findings, []
    pd005 = {(f.evidence.start, f.evidence.end) for f in findings if f.rule.code == "PD005" and f.evidence}
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    for f in findings:
        if f.rule.code == "PD003" and f.evidence is not None:
            ev = f.evidence
            if any(s <= ev.start and ev.end <= e for s, e in pd005):
                continue  # PD005 says the same, more precisely
            member = ctx.staff.lookup(ev.text)
            if member is not None and member.publishable:
                role = member.role or "this officer"
                suppressed.append(Suppressed(f, f"staff list: {role} may be named", "staff-list"))
                continue
        kept.append(f)
    return kept, suppressed


def apply_policy(ctx: ReviewContext, findings: list[Finding]) -> tuple[list[Finding], list[Suppressed], list[str]]:
    """Findings kept, findings suppressed (with reasons), and notes about the directives. The
    rule engine's findings pass through here, and so do the model tier's (`ctx.rules` carries
    the settings), so a team's policy is the same for both."""
    findings = apply_rule_settings(findings, ctx.rules)
    findings, by_staff = apply_staff_list(ctx, findings)
    findings, inline, notes = apply_suppressions(ctx.response, findings)
    return findings, by_staff + inline, notes

"""Staff-list check: a member of staff who may not be named in a published reply is named.

Runs only when a staff list is configured (`staff_list` in the settings). Every whole-word
mention of a listed person whose `publish` column says no is flagged, wherever it is in the
reply: the name finder behind PD003 only looks where a signature or "contact ..." makes a
capitalised run look like a name, but the staff list says for certain who this is.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.core.document import Span
from reviewer.core.findings import Category, Evidence, Finding, Severity, register_rule
from reviewer.core.model import ReviewContext
from reviewer.core.staff_list import find_mentions

STAFF_NOT_FOR_PUBLICATION = register_rule(
    "PD005",
    "staff-name-not-for-publication",
    Category.PERSONAL_DATA,
    Severity.ERROR,
    "A member of staff whom the staff list says may not be named is named in the reply.",
    "Replace the name with the team or role (e.g. 'the Information Governance Team'); only "
    "officers marked publish=yes in the staff list may be named in a published response.",
)


def run(ctx: ReviewContext) -> Iterator[Finding]:
    """Flag every mention of a listed member of staff who may not be published."""
    if ctx.staff is None:
        return
    doc = ctx.response
    start, end = ctx.response_span.start, ctx.response_span.end
    for member in ctx.staff.not_publishable:
        for s, e in find_mentions(doc.text, start, end, member):
            role = f" ({member.role})" if member.role else ""
            yield Finding(
                STAFF_NOT_FOR_PUBLICATION,
                f"{member.name}{role} is named, but the staff list says this officer may not be named in a published reply",
                Evidence.from_span(doc, Span(s, e)),
            )

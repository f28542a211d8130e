"""Personal-data checks: staff contact details and named officers left in the reply.

A reply is usually published in a disclosure log, so an officer's own e-mail address, direct
line or mobile in it is a disclosure of personal data the body never meant to make. The
organisational contacts a reply should carry (FOI mailbox, switchboard, regulator, website,
anything in the allow-list) are recognised by `reviewer.analysis.contacts` and never flagged. When a
named officer and their contact detail are both present, one finding on the contact detail
cites the name too, instead of two findings about the same slip.

Only the reply part of the response document is scanned (`ctx.response_span`); the quoted
request above it may legitimately contain the requester's details.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.analysis.contacts import (
    Contact,
    ContactKind,
    find_contacts,
    find_emails,
    is_role_mailbox,
    label_start,
)
from reviewer.analysis.names import (
    PersonName,
    find_signature_names,
    name_before_on_line,
)
from reviewer.core.document import Document, Span
from reviewer.core.findings import Category, Evidence, Finding, Severity, register_rule
from reviewer.core.model import ReviewContext

STAFF_EMAIL = register_rule(
    "PD001",
    "staff-email",
    Category.PERSONAL_DATA,
    Severity.ERROR,
    "A member of staff's personal e-mail address is in the reply.",
    "Replace it with the team's role mailbox ([team e-mail address]), or add the address to "
    "allow_contacts in .foi-review.toml if it really is a shared mailbox.",
)
STAFF_PHONE = register_rule(
    "PD002",
    "staff-phone",
    Category.PERSONAL_DATA,
    Severity.ERROR,
    "A member of staff's direct-dial number, mobile or extension is in the reply.",
    "Give the switchboard or the team's general number instead, or add the number to "
    "allow_contacts in .foi-review.toml if it is an organisational line.",
)
NAMED_OFFICER = register_rule(
    "PD003",
    "named-officer-contact",
    Category.PERSONAL_DATA,
    Severity.WARNING,
    "A named officer is given as the contact or signs the reply.",
    "Sign the reply with the team name and point to the team's contact details, unless the "
    "officer is senior enough, or has agreed, to be named in a published response.",
)
REQUESTER_DETAILS = register_rule(
    "PD004",
    "requester-details",
    Category.PERSONAL_DATA,
    Severity.WARNING,
    "The reply repeats the requester's own e-mail address.",
    "Remove the requester's contact details from the body of the reply: responses are "
    "published in the disclosure log with the requester anonymised.",
)


def _ev(doc: Document, start: int, end: int) -> Evidence:
    return Evidence.from_span(doc, Span(start, end))


def _requester_emails(ctx: ReviewContext) -> frozenset[str]:
    """Person-shaped e-mail addresses in the request: the requester's own, most likely."""
    text, span = ctx.request.text, ctx.request_span
    return frozenset(
        e.text.lower()
        for e in find_emails(text, span.start, span.end)
        if not is_role_mailbox(e.text.split("@", 1)[0])
    )


def _contact_finding(ctx: ReviewContext, c: Contact) -> Finding:
    """One finding on a personal contact detail: its evidence runs from the label that made it
    a person's line ("Direct line: ..."), and when the detail was tied to a named officer the
    message names them, so the officer reading the report sees whose details they are. The
    name is kept as the finding's `person` too, so shareable reports mask it with the detail."""
    doc = ctx.response
    rule = STAFF_EMAIL if c.kind is ContactKind.EMAIL else STAFF_PHONE
    message = c.reason[:1].upper() + c.reason[1:]
    extra: dict[str, object] = {}
    if c.name is not None:
        line, _ = doc.line_col(c.name.start)
        if "named officer" not in message:
            message += " of a named officer"
        name = " ".join(doc.text[c.name.start:c.name.end].split())
        label = doc.location_label(c.name.start)  # "paragraph 7" in a Word file, as reports say it
        message += f" ({name}, named {f'in {label}' if label else f'on line {line}'})"
        extra["person"] = _ev(doc, c.name.start, c.name.end).as_dict()
    start = label_start(doc.text, c, ctx.response_span.start)
    return Finding(rule, message, _ev(doc, start, c.end), extra=extra)


def run(ctx: ReviewContext) -> Iterator[Finding]:
    """Flag personal contacts and named officers in the reply part of the draft."""
    doc = ctx.response
    text = doc.text
    start, end = ctx.response_span.start, ctx.response_span.end
    signatures = find_signature_names(text, start, end)
    contacts = find_contacts(text, start, end, ctx.allow_contacts, signatures)
    requester = _requester_emails(ctx) if any(c.kind is ContactKind.EMAIL for c in contacts) else frozenset()

    cited_names: set[tuple[int, int]] = set()
    for c in contacts:
        if c.kind is ContactKind.EMAIL and c.text.lower() in requester:
            yield Finding(
                REQUESTER_DETAILS,
                "The requester's own e-mail address is repeated in the reply",
                _ev(doc, c.start, c.end),
            )
            continue
        if not c.personal:
            continue
        if c.name is not None:
            cited_names.add((c.name.start, c.name.end))
        yield _contact_finding(ctx, c)

    # Names given next to an organisational contact ("contact John Brown on 0300 ..."): only
    # the lines holding a contact are searched, which keeps the scan proportional to contacts.
    named: dict[tuple[int, int], PersonName] = {(n.start, n.end): n for n in signatures}
    for c in contacts:
        if not c.personal and c.kind is not ContactKind.WEB and "regulator" not in c.reason and "allow" not in c.reason:
            n = name_before_on_line(text, c.start, start)
            if n is not None:
                named.setdefault((n.start, n.end), n)
    for key, n in sorted(named.items()):
        if key in cited_names:
            continue
        where = "signs the reply" if n.how == "signature" else "is given as the contact"
        yield Finding(NAMED_OFFICER, f"A named officer {where}", _ev(doc, n.start, n.end))

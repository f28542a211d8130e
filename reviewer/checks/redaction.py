"""Redaction checks: content a reader does not see but a recipient can recover.

The loaders find the hidden content (`Document.hidden`: comments, tracked changes, hidden
sheets, text under black boxes...); this module turns each item into a finding that says
what is hidden, where, how much, and shows a masked excerpt so the officer can decide
without the report itself republishing it. Personal contact details inside hidden content
are also reported as personal-data findings (PD001/PD002), one per hidden item, counted.

`redaction-reversed` looks the other way: a value that is blacked out or "[REDACTED]" in one
place but appears in clear elsewhere in the same response or its attachments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.analysis.contacts import ContactKind, find_contacts
from reviewer.checks.personal_data import STAFF_EMAIL, STAFF_PHONE
from reviewer.core.document import Document, HiddenItem, Span
from reviewer.core.findings import (
    Category,
    Evidence,
    Finding,
    Rule,
    Severity,
    register_rule,
)
from reviewer.core.model import ReviewContext
from reviewer.text.masking import mask_excerpt
from reviewer.text.textutil import has_words, lowered, required_words

_R = Category.REDACTION


def _rule(code: str, name: str, severity: Severity, summary: str, fix: str, severity_note: str = "") -> Rule:
    return register_rule(code, name, _R, severity, summary, fix, severity_note)


WORD_COMMENTS = _rule(
    "RD001", "word-comments", Severity.ERROR,
    "The Word document still has comments in it.",
    "Delete every comment (Review > Delete > Delete All Comments in Document), or send a PDF made after deleting them.",
)
TRACKED_CHANGES = _rule(
    "RD002", "word-tracked-changes", Severity.ERROR,
    "The Word document has tracked changes: deleted text and earlier wording can be recovered.",
    "Accept or reject all changes (Review > Accept > Accept All Changes) and switch off Track Changes before saving.",
)
HIDDEN_TEXT = _rule(
    "RD003", "word-hidden-text", Severity.ERROR,
    "The Word document has text formatted as hidden.",
    "Show hidden text (Ctrl+Shift+8, or File > Options > Display) and delete it, or run Inspect Document.",
)
AUTHOR = _rule(
    "RD004", "document-author-metadata", Severity.WARNING,
    "The document's properties name its author or last editor.",
    "Remove personal information with File > Info > Inspect Document, or set the author to the team name.",
)
EMBEDDED = _rule(
    "RD005", "embedded-object", Severity.WARNING,
    "The document embeds another file (a spreadsheet, a document), which travels with it in full.",
    "Replace the embedded object with a picture or a pasted table of only the information to be released.",
)
HIDDEN_SHEET = _rule(
    "RD006", "hidden-sheet", Severity.ERROR,
    "The workbook has a hidden sheet: anyone can unhide it.",
    "Delete the sheet (unhide it first to check what is on it), or copy only the visible sheets into a new workbook.",
    severity_note="info when the hidden sheet is empty",
)
VERY_HIDDEN_SHEET = _rule(
    "RD007", "very-hidden-sheet", Severity.ERROR,
    "The workbook has a 'very hidden' sheet, invisible even in Excel's Unhide list, but still in the file.",
    "Delete the sheet (it can only be seen through the VBA editor or by a script), or copy only the visible sheets into a new workbook.",
    severity_note="info when the very hidden sheet is empty",
)
HIDDEN_ROWS_COLUMNS = _rule(
    "RD008", "hidden-rows-columns", Severity.ERROR,
    "The workbook has hidden rows or columns with data in them.",
    "Delete the hidden rows and columns (hiding is not removing), or paste only the visible cells as values into a new workbook.",
    severity_note="info when the hidden rows or columns are empty",
)
CELL_COMMENTS = _rule(
    "RD009", "cell-comments", Severity.ERROR,
    "A cell has a comment or note.",
    "Delete the comments and notes (Review > Delete), or check each one is fit to publish.",
)
HIDDEN_NAME = _rule(
    "RD010", "hidden-named-range", Severity.WARNING,
    "A named range is hidden or points at hidden data.",
    "Delete the name (Formulas > Name Manager) and the data it points at.",
)
INVISIBLE_CELL = _rule(
    "RD011", "invisible-cell-text", Severity.ERROR,
    "A cell's text is the same colour as its background, so it cannot be seen but is still there.",
    "Delete the text rather than hiding it with colour.",
)
EXTERNAL_LINKS = _rule(
    "RD012", "external-links", Severity.WARNING,
    "The workbook links to other files, revealing their names and paths (and cached values from them).",
    "Break the links (Data > Edit Links > Break Link) before sending.",
)
PIVOT_CACHE = _rule(
    "RD013", "pivot-cache-data", Severity.ERROR,
    "A pivot table keeps a full copy of its source data inside the file, even if the source sheet is deleted.",
    "Paste the pivot table as values into a new workbook, or delete the pivot table.",
    severity_note="warning when the cache holds no records or values",
)
TEXT_UNDER_BOX = _rule(
    "RD014", "text-under-box", Severity.ERROR,
    "Text is covered by a black box but is still in the PDF: it can be copied or extracted.",
    "Redact with a real redaction tool that removes the text (and apply the redactions), then check by "
    "selecting the area and copying.",
)
REDACTION_ANNOTATION = _rule(
    "RD015", "unapplied-redaction-annotation", Severity.ERROR,
    "The PDF has redactions marked but not applied: the text underneath is untouched.",
    "Apply the redactions (in Acrobat: Redact > Apply) and save.",
)
PDF_ANNOTATIONS = _rule(
    "RD016", "pdf-annotations", Severity.WARNING,
    "The PDF has comments or other annotations.",
    "Delete the annotations, or flatten the PDF after checking they are fit to publish.",
)
INVISIBLE_TEXT = _rule(
    "RD017", "invisible-text", Severity.ERROR,
    "The PDF has invisible text (render mode 3) that is not an OCR layer over a scan.",
    "Find where it came from and remove it; re-create the PDF from a clean source.",
)
PDF_METADATA = _rule(
    "RD018", "pdf-metadata", Severity.WARNING,
    "The PDF's metadata names its author.",
    "Remove the metadata (Acrobat: File > Properties; or 'Remove hidden information') before sending.",
)
EMBEDDED_FILES = _rule(
    "RD019", "embedded-files", Severity.ERROR,
    "The PDF carries attached files.",
    "Remove the attachments, or check each one and send it separately if it is meant to be released.",
)
REDACTION_REVERSED = _rule(
    "RD020", "redaction-reversed", Severity.ERROR,
    "A value that is redacted in one place appears in clear elsewhere in the response.",
    "Redact every occurrence, including in attachments, headers and tables.",
)
BACKGROUND_TEXT = _rule(
    "RD021", "background-colour-text", Severity.ERROR,
    "Text is drawn in the colour of its background (white on white, black on black): hidden, not removed.",
    "Delete the text instead of colouring it to match the background.",
)

_BY_KIND: dict[str, Rule] = {
    "word-comment": WORD_COMMENTS,
    "word-tracked-insertion": TRACKED_CHANGES,
    "word-tracked-deletion": TRACKED_CHANGES,
    "word-hidden-text": HIDDEN_TEXT,
    "author-metadata": AUTHOR,
    "embedded-object": EMBEDDED,
    "hidden-sheet": HIDDEN_SHEET,
    "very-hidden-sheet": VERY_HIDDEN_SHEET,
    "hidden-rows": HIDDEN_ROWS_COLUMNS,
    "hidden-columns": HIDDEN_ROWS_COLUMNS,
    "cell-comment": CELL_COMMENTS,
    "hidden-named-range": HIDDEN_NAME,
    "invisible-cell-text": INVISIBLE_CELL,
    "external-link": EXTERNAL_LINKS,
    "pivot-cache": PIVOT_CACHE,
    "text-under-box": TEXT_UNDER_BOX,
    "redaction-annotation": REDACTION_ANNOTATION,
    "pdf-annotation": PDF_ANNOTATIONS,
    "invisible-text": INVISIBLE_TEXT,
    "background-text": BACKGROUND_TEXT,
    "pdf-metadata": PDF_METADATA,
    "embedded-file": EMBEDDED_FILES,
}


def _message(item: HiddenItem) -> str:
    """What is hidden, where and how much. Inside an attachment the place is said once, at the end."""
    where = item.location
    if where.startswith("attachment ") and ", " in where:
        attachment, rest = where.split(", ", 1)
        inner = HiddenItem(item.kind, rest, item.text, item.count, item.detail)
        return f"{_message(inner)} (in {attachment})"
    k, n, d = item.kind, item.count, item.detail
    cells = f"{n} non-blank cell{'s' if n != 1 else ''}"
    if k == "word-comment":
        return f"Comment{d} on {where}"
    if k == "word-tracked-deletion":
        return f"Tracked deletion{'s' if n > 1 else ''}{d} in {where}: the deleted text is still in the file"
    if k == "word-tracked-insertion":
        return f"Tracked insertion{'s' if n > 1 else ''}{d} in {where}"
    if k == "word-hidden-text":
        return f"Hidden text in {where}"
    if k == "author-metadata":
        return f"The document properties give the {d}"
    if k == "embedded-object":
        return f"An embedded object ({where.removeprefix('embedded ')}) travels inside the document"
    if k in ("hidden-sheet", "very-hidden-sheet"):
        what = "Very hidden" if k == "very-hidden-sheet" else "Hidden"
        return f"{what} {where} holds {cells}" + (f" ({d})" if d and d != "empty" else "")
    if k == "hidden-rows":
        return f"Hidden rows in {where.split(' rows ')[0]} (rows {where.split(' rows ', 1)[-1]}) hold {cells}"
    if k == "hidden-columns":
        return f"Hidden columns in {where.split(' columns ')[0]} (columns {where.split(' columns ', 1)[-1]}) hold {cells}"
    if k == "cell-comment":
        return f"Comment{d} on cell {where}"
    if k == "hidden-named-range":
        return f"The {where} {d}"
    if k == "invisible-cell-text":
        return f"{n} cell{'s' if n != 1 else ''} with text in the fill colour ({where})"
    if k == "external-link":
        return "The workbook links to another file"
    if k == "pivot-cache":
        return f"A pivot cache keeps a {d or 'copy of the source data'} ({n} record{'s' if n != 1 else ''})"
    if k == "text-under-box":
        return f"{n} character{'s' if n != 1 else ''} of text under a black box on {where} can still be copied"
    if k == "redaction-annotation":
        return f"An unapplied redaction{d} on {where}: the text beneath is still there"
    if k == "pdf-annotation":
        return f"A {d or 'annotation'} on {where}"
    if k == "invisible-text":
        return f"{n} character{'s' if n != 1 else ''} of invisible text on {where}"
    if k == "background-text":
        return f"{n} character{'s' if n != 1 else ''} of text in the background colour on {where}"
    if k == "pdf-metadata":
        return f"The PDF's {where} gives the {d or 'author'}"
    if k == "embedded-file":
        return f"An attached file ({mask_excerpt(item.text, 60) if item.text else 'unnamed'}) in {where}"
    return f"Hidden content ({k}) in {where}"


def _evidence(doc: Document, item: HiddenItem) -> Evidence:
    """Evidence for content that is not in the visible text: no offsets, a place and a mask."""
    return Evidence(
        text=mask_excerpt(item.text) if item.text else "",
        start=0,
        end=0,
        line=0,
        column=0,
        source=doc.source,
        location=item.location,
    )


def _severity(item: HiddenItem, rule: Rule) -> Severity | None:
    """Hidden structures with nothing in them are worth a note, not an error."""
    if item.kind in ("hidden-sheet", "very-hidden-sheet", "hidden-rows", "hidden-columns") and item.count == 0:
        return Severity.INFO
    if item.kind == "pivot-cache" and item.count == 0 and not item.text:
        return Severity.WARNING
    return None


def _personal(ctx: ReviewContext, item: HiddenItem) -> Iterator[Finding]:
    if not item.text or item.kind in ("author-metadata", "pdf-metadata", "external-link", "embedded-object"):
        return
    found = [c for c in find_contacts(item.text, allow=ctx.allow_contacts) if c.personal]
    for kind, rule, word in ((ContactKind.EMAIL, STAFF_EMAIL, "e-mail address"), (ContactKind.PHONE, STAFF_PHONE, "telephone number")):
        hits = [c for c in found if c.kind is kind]
        if not hits:
            continue
        n = len(hits)
        plural = ("es" if word.endswith("ss") else "s") if n != 1 else ""
        message = f"{n} personal {word}{plural} in hidden content ({item.location})"
        yield Finding(
            rule,
            message,
            Evidence(mask_excerpt(hits[0].text), 0, 0, 0, 0, ctx.response.source, item.location),
            fix="Remove the hidden content: a hidden personal detail is still disclosed when the file is sent.",
            extra={"count": n, "hidden_kind": item.kind},
        )


# Author values that name a program, a placeholder or a team, not a person.
_NOT_A_PERSON = frozenset({"python-docx", "anonymous", "unknown", "user", "admin", "administrator", "author", "microsoft office user", "reportlab"})
_ROLE_RE = re.compile(r"\b(?:team|council|department|dept|unit|office|service|services|governance|authority|trust|police|ltd|limited|plc)\b", re.I)


def _impersonal_author(item: HiddenItem) -> bool:
    if item.kind not in ("author-metadata", "pdf-metadata"):
        return False
    value = item.text.strip()
    return not value or value.lower() in _NOT_A_PERSON or bool(_ROLE_RE.search(value))


def run(ctx: ReviewContext) -> Iterator[Finding]:
    """Turn each hidden item in the response into a finding, then look for reversed redactions."""
    doc = ctx.response
    for item in doc.hidden:
        rule = _BY_KIND.get(item.kind)
        if rule is None or _impersonal_author(item):
            continue
        yield Finding(
            rule,
            _message(item),
            _evidence(doc, item),
            severity=_severity(item, rule),
            extra={"count": item.count, "hidden_kind": item.kind, "location": item.location},
        )
        yield from _personal(ctx, item)
    yield from _reversed(ctx)


# --- redaction reversed ------------------------------------------------------------------------

_MARKER_RE = re.compile(
    r"\[\s*(?:redacted|removed|withheld|name\s+redacted|personal\s+data\s+redacted|s\.?\s*40(?:\(2\))?)\s*\]|█+|\bREDACTED\b",
    re.IGNORECASE,
)
_MARKER_NEEDS = required_words(_MARKER_RE.pattern)[:1]  # "[", "█" or "redacted": one is in every marker
_LABEL_RE = re.compile(r"([A-Za-z][A-Za-z /'&-]{1,40}?)\s*[:|]\s*$")
_EMAILISH_RE = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_NUMBERISH_RE = re.compile(r"\d[\d ]{4,}\d")
_NAME_PAIR_RE = re.compile(r"\b[A-Z][a-z'-]+ (?:[A-Z]\.? )?[A-Z][a-z'-]+\b")


def _identifying(chunk: str) -> list[str]:
    """The parts of a covered text worth looking for elsewhere: e-mail addresses, long
    numbers and capitalised name pairs. Single common words would match everywhere."""
    out = [m.group(0).rstrip(".") for m in _EMAILISH_RE.finditer(chunk)]
    out += [m.group(0).strip() for m in _NUMBERISH_RE.finditer(chunk)]
    out += [m.group(0) for m in _NAME_PAIR_RE.finditer(chunk)]
    return [w for w in out if len(w) >= 5]


def _reversed(ctx: ReviewContext) -> Iterator[Finding]:
    doc = ctx.response
    text = doc.text
    seen: set[tuple[int, int]] = set()
    # 1. Text under a box or an unapplied redaction whose words also appear in the visible text.
    for item in doc.hidden:
        if item.kind not in ("text-under-box", "redaction-annotation") or not item.text:
            continue
        for chunk in item.text.split(" / "):
            for w in _identifying(chunk):
                for m in re.finditer(rf"(?<![\w@.]){re.escape(w)}(?![\w@])", text):
                    key = (m.start(), m.end())
                    if key in seen:
                        continue
                    seen.add(key)
                    yield Finding(
                        REDACTION_REVERSED,
                        f"'{mask_excerpt(w)}' is hidden ({item.kind.replace('-', ' ')}, {item.location}) but appears in clear here",
                        Evidence.from_span(doc, Span(m.start(), m.end())),
                        extra={"hidden_location": item.location},
                    )
                    break
    # 2. "Label: [REDACTED]" in one place, "Label: value" in another.
    labels: dict[str, int] = {}
    # Looked for in the lower-cased draft (shared with the other stages).
    if not has_words(lowered(text), _MARKER_NEEDS):
        return  # no redaction marker anywhere: skip the scan (it is on every review's path)
    for m in _MARKER_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start : m.start()]
        lm = _LABEL_RE.search(before)
        if lm:
            labels.setdefault(lm.group(1).strip().lower(), m.start())
    for label in labels:
        pat = re.compile(rf"(?im)(?:^|\|\s*|\b){re.escape(label)}\s*[:|]\s*(?P<v>[^\n|]+)")
        for m in pat.finditer(text):
            value = m.group("v").strip()
            if not value or _MARKER_RE.search(value) or len(value) < 2:
                continue
            s = m.start("v")
            key = (s, s + len(value))
            if key in seen:
                continue
            seen.add(key)
            yield Finding(
                REDACTION_REVERSED,
                f"'{label}' is redacted elsewhere (line {doc.line_col(labels[label])[0]}) but given in clear here",
                Evidence.from_span(doc, Span(s, s + len(value))),
            )

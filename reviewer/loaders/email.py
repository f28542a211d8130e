"""E-mail (.eml): the body, then every attachment reviewed in turn.

Parsed with the standard library's `email` package. The document's text is the message
headers a reader sees (From, To, Subject, Date), the body (plain text, or HTML turned into
text), then each attachment's text, loaded by the loader for its file type and labelled
"attachment NAME" (with the attachment's own page or cell labels after it, e.g.
"attachment costs.xlsx, Costs!B4"). Hidden content found inside an attachment is reported
with the attachment's name in its location. Earlier messages quoted below the reply ("On ...
wrote:", "-----Original Message-----") come last, labelled "quoted earlier message". An attachment that cannot be read (unsupported
type, damaged, encrypted) does not stop the review: it is listed in `skipped` with the reason.

Outlook .msg files have their own loader (`reviewer.loaders.msg`) and share the attachment
handling here.
"""

from __future__ import annotations

import email
import email.policy
import importlib
from email.message import EmailMessage, MIMEPart
from pathlib import Path, PurePath

from reviewer.core.document import Document
from reviewer.core.errors import InputError
from reviewer.loaders.builder import TextBuilder

MAX_ATTACHMENTS = 50
MAX_DEPTH = 2  # an e-mail attached to an e-mail is read; deeper nesting is skipped


def load(path: Path, data: bytes) -> Document:
    return load_message(str(path), data, depth=0)


def load_message(name: str, data: bytes, depth: int) -> Document:
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: not an e-mail message (binary data)")
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # noqa: BLE001 - the parser is lenient; anything raised means junk
        raise InputError(f"{name}: not a readable e-mail message ({type(exc).__name__})") from None
    if not isinstance(msg, EmailMessage) or not (msg.keys() or msg.get_payload()):
        raise InputError(f"{name}: not a readable e-mail message")
    b = TextBuilder()
    try:
        _read(msg, name, depth, b)
    except InputError:
        raise
    except (LookupError, ValueError, TypeError, AttributeError, UnicodeError, IndexError) as exc:
        raise InputError(f"{name}: the e-mail message is damaged ({type(exc).__name__})") from None
    if not b.text().strip():
        raise InputError(f"{name}: the e-mail has no text in it")
    return b.document(name, "email")


def _read(msg: EmailMessage, name: str, depth: int, b: TextBuilder) -> None:
    heads = [f"{h}: {msg[h]}" for h in ("From", "Date", "Subject") if msg[h]]
    if heads:
        b.add("\n".join(heads), "message headers")
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is not None:
        text = _part_text(body)
        if body.get_content_type() == "text/html":
            from reviewer.loaders.html import html_to_text

            text = html_to_text(text)
        body_text, history = split_history(text.replace("\r\n", "\n").strip())
        b.add(body_text, "message body")
    else:
        history = ""
    n = 0
    for part in msg.iter_attachments():
        n += 1
        fname = part.get_filename() or f"attachment-{n}{_guess_ext(part.get_content_type())}"
        fname = PurePath(fname.replace("\\", "/")).name or f"attachment-{n}"
        if n > MAX_ATTACHMENTS:
            b.skipped.append(f"attachment {fname}: not reviewed (more than {MAX_ATTACHMENTS} attachments)")
            continue
        _attachment(part, fname, name, depth, b)
    if history:
        b.add(history, "quoted earlier message")


def split_history(body: str) -> tuple[str, str]:
    """(the reply, the quoted history below it) of a message body. The history is placed
    after the attachments, so the reply and its attachments are one stretch of text and the
    review can set the history aside (`reviewer.text.quoted`) without losing an attachment."""
    from reviewer.text.quoted import quote_start

    cut = quote_start(body)
    return (body, "") if cut is None else (body[:cut].rstrip(), body[cut:])


def _part_text(part: MIMEPart) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _guess_ext(ctype: str) -> str:
    return {
        "text/plain": ".txt",
        "text/html": ".html",
        "application/pdf": ".pdf",
        "message/rfc822": ".eml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    }.get(ctype, "")


def _attachment(part: EmailMessage, fname: str, name: str, depth: int, b: TextBuilder) -> None:
    from reviewer.loaders import _BY_SUFFIX

    label = f"attachment {fname}"
    suffix = PurePath(fname).suffix.lower()
    if part.get_content_type() == "message/rfc822":
        suffix = ".eml"
    module_name = _BY_SUFFIX.get(suffix)
    if module_name is None:
        b.skipped.append(f"{label}: not reviewed (unsupported file type)")
        return
    if suffix == ".eml" and depth + 1 >= MAX_DEPTH:
        b.skipped.append(f"{label}: not reviewed (an e-mail nested too deeply)")
        return
    payload = part.get_payload(decode=True)
    if part.get_content_type() == "message/rfc822" and not isinstance(payload, bytes):
        inner = part.get_payload()
        first = inner[0] if isinstance(inner, list) and inner else None
        payload = first.as_bytes() if first is not None and not isinstance(first, str) else None
    if not isinstance(payload, bytes) or not payload:
        b.skipped.append(f"{label}: not reviewed (empty)")
        return
    add_attachment(b, fname, payload, depth, suffix)


def add_attachment(b: TextBuilder, fname: str, payload: bytes, depth: int, suffix: str | None = None) -> None:
    """Load one attachment with the loader for its type and append it, labelled
    "attachment NAME"; an attachment that cannot be read is listed as skipped. Shared by the
    .eml and .msg loaders."""
    from reviewer.loaders import _BY_SUFFIX, MAX_BYTES

    label = f"attachment {fname}"
    suffix = suffix or PurePath(fname).suffix.lower()
    module_name = _BY_SUFFIX.get(suffix)
    if module_name is None:
        b.skipped.append(f"{label}: not reviewed (unsupported file type)")
        return
    if len(payload) > MAX_BYTES:
        b.skipped.append(f"{label}: not reviewed (larger than {MAX_BYTES // 1_048_576} MB)")
        return
    try:
        if suffix == ".eml":
            doc = load_message(fname, payload, depth + 1)
        else:
            module = importlib.import_module(module_name)
            doc = module.load(Path(fname), payload)
    except InputError as exc:
        reason = str(exc)
        if reason.startswith(fname + ": "):
            reason = reason[len(fname) + 2 :]
        b.skipped.append(f"{label}: not reviewed ({reason})")
        return
    b.append_document(doc, label)

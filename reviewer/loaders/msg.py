"""Outlook .msg: the message body, then every attachment reviewed in turn.

A .msg file is an OLE compound file ("structured storage") holding MAPI properties as
streams; it is read with olefile (BSD licence; extract-msg, the usual library, is GPL-3.0).
The document's text is the sender, date and subject, the body (plain text, or the HTML body
turned into text), then each attachment's text, loaded by the loader for its file type and
labelled "attachment NAME" exactly as for .eml. An attachment that cannot be read is listed
as skipped; an Outlook item embedded in the message is listed as skipped too.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any

from reviewer.core.document import Document
from reviewer.core.errors import InputError
from reviewer.loaders.builder import TextBuilder
from reviewer.loaders.email import MAX_ATTACHMENTS, add_attachment, split_history

# MAPI property tags (the stream name is __substg1.0_<tag><type>; 001F = UTF-16, 001E = 8-bit).
_SUBJECT, _SENDER, _BODY, _HTML = "0037", "0C1A", "1000", "1013"
_ATTACH_LONG_NAME, _ATTACH_NAME, _ATTACH_DISPLAY = "3707", "3704", "3001"
_ATTACH_DATA = "37010102"
_MAX_STREAM = 20 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_MIN_SIZE = 1536


def load(path: Path, data: bytes) -> Document:
    name = str(path)
    try:
        import olefile
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(f"{name}: reading Outlook .msg files needs the olefile package") from None
    # Checked here, not with olefile.isOleFile: given bytes shorter than 1,536 it takes them
    # for a file name.
    if not data.startswith(_OLE_MAGIC):
        raise InputError(f"{name}: not an Outlook message (not an OLE compound file; try saving it as .eml)")
    if len(data) < _OLE_MIN_SIZE:
        raise InputError(f"{name}: the Outlook message is damaged (truncated)")
    try:
        ole = olefile.OleFileIO(data)
    except Exception as exc:  # noqa: BLE001 - olefile raises many kinds on damaged files
        raise InputError(f"{name}: the Outlook message is damaged ({type(exc).__name__})") from None
    b = TextBuilder()
    try:
        with ole:
            _read(ole, b)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise InputError(f"{name}: the Outlook message is damaged ({type(exc).__name__})") from None
    if not b.text().strip():
        raise InputError(f"{name}: the Outlook message has no text in it")
    return b.document(name, "email")


def _stream(ole: Any, path: str) -> bytes | None:
    if not ole.exists(path) or ole.get_type(path) != 2:  # 2 = stream
        return None
    if ole.get_size(path) > _MAX_STREAM:
        raise InputError(f"a part of the message is larger than {_MAX_STREAM // 1_048_576} MB")
    data: bytes = ole.openstream(path).read()
    return data


def _string(ole: Any, storage: str, tag: str) -> str:
    """A string property: UTF-16 (001F) if present, else 8-bit (001E, read as Windows-1252)."""
    raw = _stream(ole, f"{storage}__substg1.0_{tag}001F")
    if raw is not None:
        return raw.decode("utf-16-le", errors="replace").rstrip("\x00")
    raw = _stream(ole, f"{storage}__substg1.0_{tag}001E")
    return raw.decode("cp1252", errors="replace").rstrip("\x00") if raw is not None else ""


def _read(ole: Any, b: TextBuilder) -> None:
    heads = [f"{label}: {value}" for label, value in (("From", _string(ole, "", _SENDER)), ("Subject", _string(ole, "", _SUBJECT))) if value]
    if heads:
        b.add("\n".join(heads), "message headers")
    body = _string(ole, "", _BODY)
    if not body.strip():
        html = _stream(ole, f"__substg1.0_{_HTML}0102")
        if html:
            from reviewer.loaders.html import html_to_text

            body = html_to_text(html.decode("utf-8", errors="replace"))
    body, history = split_history(body.replace("\r\n", "\n").strip())
    if body.strip():
        b.add(body, "message body")
    storages = sorted({"/".join(e[:1]) for e in ole.listdir(streams=True, storages=True) if e and e[0].startswith("__attach_version1.0_#")})
    for n, storage in enumerate(storages, 1):
        prefix = storage + "/"
        fname = (
            _string(ole, prefix, _ATTACH_LONG_NAME) or _string(ole, prefix, _ATTACH_NAME)
            or _string(ole, prefix, _ATTACH_DISPLAY) or f"attachment-{n}"
        )
        fname = PurePath(fname.replace("\\", "/")).name or f"attachment-{n}"
        if n > MAX_ATTACHMENTS:
            b.skipped.append(f"attachment {fname}: not reviewed (more than {MAX_ATTACHMENTS} attachments)")
            continue
        payload = _stream(ole, prefix + f"__substg1.0_{_ATTACH_DATA}")
        if payload is None:
            b.skipped.append(f"attachment {fname}: not reviewed (an embedded Outlook item)")
            continue
        if not payload:
            b.skipped.append(f"attachment {fname}: not reviewed (empty)")
            continue
        add_attachment(b, fname, payload, depth=0)
    if history:
        b.add(history, "quoted earlier message")

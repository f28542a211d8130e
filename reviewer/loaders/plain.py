"""Plain text and Markdown.

Drafts arrive in whatever encoding the sender's machine used: UTF-8 (with or without a BOM),
UTF-16 from Notepad, and very often Windows-1252 from older Office exports, where curly quotes
and the pound sign are single bytes. We try them in that order; what is not text at all
(NUL bytes, mostly control characters) is refused with a clear message rather than reviewed
as gibberish.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from reviewer.core.document import Document
from reviewer.core.errors import InputError

_CONTROL = bytes(sorted(set(range(32)) - {9, 10, 12, 13}))


def decode(data: bytes, name: str) -> str:
    """Bytes to text, or `InputError` if the bytes are not text in any encoding we accept."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: not readable as UTF-16 text despite its byte-order mark") from None
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputError(f"{name}: looks like a binary file, not text (try saving it as .txt, .docx or .pdf)")
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls > max(8, len(sample) // 100):
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def normalise(text: str) -> str:
    """Unify newlines and drop characters that only confuse matching (zero-width spaces)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u200b", "").replace("\ufeff", "")


def load(path: Path, data: bytes) -> Document:
    text = normalise(decode(data, str(path)))
    if not text.strip():
        raise InputError(f"{path}: the file has no text in it")
    fmt = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
    return Document(text=text, source=str(path), format=fmt)

"""Word 97-2003 (.doc): recognised by content, read when it is really something we read.

A real .doc is an OLE compound file in Word's old binary format, which no maintained
permissive Python library reads reliably; it is refused with a one-line way out rather than
reviewed as gibberish. Many ".doc" files are not that at all: a .docx renamed (a zip), or
RTF that Word saved with a .doc name. Those are read by their own loaders.
"""

from __future__ import annotations

from pathlib import Path

from reviewer.core.document import Document
from reviewer.core.errors import InputError
from reviewer.loaders.safezip import OLE_MAGIC


def load(path: Path, data: bytes) -> Document:
    from reviewer.loaders import docx, rtf
    from reviewer.loaders import plain as text

    if data.startswith(OLE_MAGIC):
        raise InputError(f"{path}: an old binary Word (.doc) file, which cannot be read: save it as .docx or .pdf and review that")
    if data.startswith(b"PK"):
        return docx.load(path, data)
    if rtf.is_rtf(data):
        return rtf.load(path, data)
    return text.load(path, data)

"""Rich Text Format (.rtf): the text a reader sees, with the markup removed.

RTF is text, so the plain-text loader used to accept it and review the raw markup
(`{\\rtf1\\ansi ...`), where no answer could ever be found. The markup is removed with
striprtf (BSD-3-Clause, pure Python, maintained): a hand-written reader would have to get
groups, destinations, `\\'hh` and `\\uN?` escapes and code pages right, which is exactly what
that library already does.

Word writes the number of each automatically numbered paragraph into a `{\\listtext ...}` (or
older `{\\pntext ...}`) group for readers that cannot compute it; striprtf drops those groups
as destinations, so they are unwrapped first and "1." "2." reach the review as printed.
"""

from __future__ import annotations

import re
from pathlib import Path

from reviewer.core.document import Document
from reviewer.core.errors import InputError
from reviewer.loaders.plain import decode, normalise

_LIST_NUMBER_RE = re.compile(r"\{\\(?:listtext|pntext)([^{}]*)\}")


def is_rtf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"{\\rtf"


def load(path: Path, data: bytes) -> Document:
    name = str(path)
    if not is_rtf(data):
        # not RTF inside, whatever the name says: read it as the text it is
        from reviewer.loaders import plain

        return plain.load(path, data)
    from striprtf.striprtf import rtf_to_text

    # RTF is 7-bit by definition; a stray 8-bit byte is read in Windows-1252 like the rest
    raw = decode(data, name)
    try:
        text: str = rtf_to_text(_LIST_NUMBER_RE.sub(r"\1 ", raw), errors="replace")  # type: ignore[no-untyped-call]
    except Exception as exc:  # noqa: BLE001 - damaged markup can fail in many ways
        raise InputError(f"{name}: the RTF file is damaged ({type(exc).__name__})") from None
    text = normalise(text).replace("\t", " ")
    if not text.strip():
        raise InputError(f"{name}: the RTF file has no text in it")
    return Document(text=text, source=name, format="rtf")

"""Load a file into a `Document`: the one interface every input format goes through.

Each format is a module with `load(path, data) -> Document`; the table below maps file
suffixes to modules, imported only when a file of that kind is opened, so a plain-text review
never pays for PDF or Office libraries. Unknown suffixes are sniffed and read as text when
they are text; RTF is recognised by its content whatever its name.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Protocol, cast

from reviewer.core.document import Document
from reviewer.core.errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # a draft FOI response is kilobytes; 20 MB is already absurd

_BY_SUFFIX: dict[str, str] = {
    ".txt": "reviewer.loaders.plain",
    ".text": "reviewer.loaders.plain",
    ".md": "reviewer.loaders.plain",
    ".markdown": "reviewer.loaders.plain",
    ".docx": "reviewer.loaders.docx",
    ".docm": "reviewer.loaders.docx",
    ".doc": "reviewer.loaders.doc",
    ".rtf": "reviewer.loaders.rtf",
    ".odt": "reviewer.loaders.odt",
    ".pdf": "reviewer.loaders.pdf",
    ".xlsx": "reviewer.loaders.xlsx",
    ".xlsm": "reviewer.loaders.xlsx",
    ".eml": "reviewer.loaders.email",
    ".msg": "reviewer.loaders.msg",
    ".html": "reviewer.loaders.html",
    ".htm": "reviewer.loaders.html",
}


class _Loader(Protocol):
    def load(self, path: Path, data: bytes) -> Document: ...


def supported_suffixes() -> tuple[str, ...]:
    return tuple(sorted(_BY_SUFFIX))


def load(path: Path, max_bytes: int = MAX_BYTES) -> Document:
    """Read and decode one input file. Raises `InputError` with a one-line reason."""
    try:
        if not path.exists():
            raise InputError(f"{path}: no such file")
        if path.is_dir():
            raise InputError(f"{path}: is a folder, not a file")
        size = path.stat().st_size
        if size == 0:
            raise InputError(f"{path}: the file is empty")
        if size > max_bytes:
            raise InputError(
                f"{path}: {size / 1_048_576:.1f} MB is too large to be a draft response (limit {max_bytes // 1_048_576} MB)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    module_name = _BY_SUFFIX.get(path.suffix.lower(), "reviewer.loaders.plain")
    if module_name == "reviewer.loaders.plain" and data.lstrip()[:5] == b"{\\rtf":
        module_name = "reviewer.loaders.rtf"  # RTF saved as .txt: its markup is not the text
    module = cast(_Loader, importlib.import_module(module_name))
    return module.load(path, data)

"""What the page receives becomes a review here, exactly as `check` would make it.

The loaders read files (they pick the format by suffix and quote the file's name in their
errors), so each upload or pasted text is written to a private temporary folder that is
removed as soon as the documents are loaded, whatever happens. The documents are then renamed
to what the officer uploaded ("draft.docx", not "/tmp/foi-review-web-x1/response/draft.docx"),
and so are the loader's error messages: the page shows the same one line as the CLI.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from reviewer.core.document import Document
from reviewer.core.errors import InputError, ReviewerError
from reviewer.core.model import Review
from reviewer.loaders import load
from reviewer.pipeline import Options, review_documents

_UNSAFE = re.compile(r"[^\w .()+,-]+")


@dataclass(frozen=True)
class Part:
    """One input as received: the uploaded file's name (or a label for pasted text) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Loaded:
    request: Document | None  # None: the response holds both
    response: Document


def display_name(name: str, default: str) -> str:
    """The base name of an upload, stripped of anything a path or a terminal would read."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip(" .")[:120]
    return base or default


def _load_one(folder: Path, slot: str, part: Part) -> Document:
    name = display_name(part.name, f"{slot}.txt")
    path = folder / slot / name
    path.parent.mkdir()
    path.write_bytes(part.data)
    where = str(path)
    try:
        doc = load(path)
    except ReviewerError as exc:
        raise InputError(str(exc).replace(where, name)) from None
    except Exception as exc:  # noqa: BLE001 - a loader bug on a hostile file must not stop the server
        raise InputError(f"{name}: cannot be read ({type(exc).__name__})") from None
    return replace(
        doc,
        source=name,
        skipped=tuple(s.replace(where, name) for s in doc.skipped),
        locations=tuple((o, label.replace(where, name)) for o, label in doc.locations),
    )


def load_parts(request: Part | None, response: Part) -> Loaded:
    """Load the inputs through the CLI's loaders; the temporary folder is gone on return."""
    with tempfile.TemporaryDirectory(prefix="foi-review-web-") as tmp:
        folder = Path(tmp)
        resp = _load_one(folder, "response", response)
        req = _load_one(folder, "request", request) if request is not None else None
    if req is not None and req.source == resp.source:  # two uploads of the same name: keep them apart
        req = replace(req, source=f"request: {req.source}")
    return Loaded(req, resp)


def review_loaded(loaded: Loaded, options: Options) -> Review:
    return review_documents(loaded.request, loaded.response, options)

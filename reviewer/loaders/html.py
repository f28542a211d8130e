"""HTML (.html, .htm): the text a browser shows, one block per paragraph, heading or row.

Parsed with the standard library's `html.parser`, which never fetches anything and has no
entity expansion to abuse. Scripts, styles and templates are dropped; block elements start a
new line; table cells are joined with " | " like the other loaders do.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from reviewer.core.document import Document
from reviewer.core.errors import InputError
from reviewer.loaders.plain import decode

_BLOCK = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer blockquote pre hr dt dd address title".split()
)
_SKIP = frozenset({"script", "style", "template", "noscript", "head"})
_CHARSET_RE = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.out.append("\n")
        elif tag in ("td", "th"):
            if self.cell:
                self.out.append(" | ")
            self.cell = True

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.out.append("\n")
            if tag == "tr":
                self.cell = False

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data)


def html_to_text(markup: str) -> str:
    p = _Text()
    p.feed(markup)
    p.close()
    lines = (" ".join(line.split()) for line in "".join(p.out).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def load(path: Path, data: bytes) -> Document:
    m = _CHARSET_RE.search(data[:4096])
    text: str | None = None
    if m:
        try:
            text = data.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            text = None
    if text is None:
        text = decode(data, str(path))
    body = html_to_text(text)
    if not body.strip():
        raise InputError(f"{path}: the page has no text in it")
    return Document(text=body, source=str(path), format="html")

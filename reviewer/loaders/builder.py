"""Assemble a `Document` from labelled blocks of text, as every structured loader does."""

from __future__ import annotations

import re

from reviewer.core.document import Document, HiddenItem

_SPACES_RE = re.compile(r"[ \t\u00a0]+\n")


class TextBuilder:
    """Collect blocks (a paragraph, a table row, a page) with the label a person would use."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.locations: list[tuple[int, str]] = []
        self.hidden: list[HiddenItem] = []
        self.skipped: list[str] = []

    def add(self, text: str, label: str | None = None) -> None:
        """Append one block on its own line(s). Empty blocks still count as a blank line."""
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u200b", "").replace("\ufeff", "")
        text = _SPACES_RE.sub("\n", text).rstrip(" \t\u00a0")
        if label is not None and (not self.locations or self.locations[-1][1] != label):
            if self.locations and self.locations[-1][0] == self._len:
                self.locations[-1] = (self._len, label)
            else:
                self.locations.append((self._len, label))
        block = text + "\n"
        self._parts.append(block)
        self._len += len(block)

    def add_cells(self, cells: list[tuple[str, str]], sep: str = " | ") -> None:
        """One line of cells, each with its own label ("Sheet1!B4"), so findings point at a cell."""
        for i, (text, label) in enumerate(cells):
            if i:
                self._parts.append(sep)
                self._len += len(sep)
            text = " ".join(text.split())
            if not self.locations or self.locations[-1][1] != label:
                self.locations.append((self._len, label))
            self._parts.append(text)
            self._len += len(text)
        self._parts.append("\n")
        self._len += 1

    def append_document(self, doc: Document, label: str) -> None:
        """Copy another document (an attachment) in, prefixing its locations and hidden items
        with `label` so a finding says "attachment costs.xlsx, Staff!B4"."""
        self.add("", label)
        base = self._len
        self.locations.append((base, label))
        for start, loc in doc.locations:
            if start == 0:
                self.locations[-1] = (base, f"{label}, {loc}")
            else:
                self.locations.append((base + start, f"{label}, {loc}"))
        text = doc.text if doc.text.endswith("\n") else doc.text + "\n"
        self._parts.append(text)
        self._len += len(text)
        for h in doc.hidden:
            self.hidden.append(HiddenItem(h.kind, f"{label}, {h.location}", h.text, h.count, h.detail))
        self.skipped.extend(f"{label}: {s}" for s in doc.skipped)

    @property
    def length(self) -> int:
        return self._len

    def text(self) -> str:
        return "".join(self._parts)

    def document(self, source: str, fmt: str) -> Document:
        return Document(
            text=self.text(),
            source=source,
            format=fmt,
            locations=tuple(self.locations),
            hidden=tuple(self.hidden),
            skipped=tuple(self.skipped),
        )

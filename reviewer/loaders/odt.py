"""OpenDocument text (.odt): the text a reader sees, list numbers included.

An .odt is a zip of XML parts like a .docx, so it is read the same way: through `safezip`
(limits checked before decompressing, XML parsed by defusedxml with DTDs refused). odfpy, the
one Python ODF library, has not been released since 2020 and would see the file before our
limits do; the part we need, content.xml, is small and plainly structured.

Visible text: the body's paragraphs, headings, lists and tables in order (a table row is one
line with cells separated by " | "). Automatic list numbers are computed from the list style
("1.", "a)", "i.", multi-level "1.2") as LibreOffice prints them and written before their
paragraphs. Tracked deletions and notes are not part of the text; comments (annotations) are
reported as hidden content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from reviewer.core.document import Document, HiddenItem
from reviewer.core.errors import InputError
from reviewer.loaders.builder import TextBuilder
from reviewer.loaders.numbering import BULLET, format_number, odf_format
from reviewer.loaders.safezip import SafeZip

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_MAX_LEVELS = 10
# Not part of the text a reader sees in place: notes (shown at the page foot), the record of
# tracked changes (deleted text lives there), field declarations.
_SKIP = {TEXT + "note", TEXT + "tracked-changes", TEXT + "sequence-decls", TEXT + "variable-decls", OFFICE + "forms"}


@dataclass(frozen=True)
class _Level:
    fmt: str = "decimal"
    prefix: str = ""
    suffix: str = "."
    start: int = 1
    display: int = 1
    bullet: bool = False


@dataclass
class _List:
    counters: list[int | None] = field(default_factory=lambda: [None] * (_MAX_LEVELS + 1))


def _list_styles(*roots: Element | None) -> dict[str, dict[int, _Level]]:
    out: dict[str, dict[int, _Level]] = {}
    for root in roots:
        if root is None:
            continue
        for ls in root.iter(TEXT + "list-style"):
            levels: dict[int, _Level] = {}
            for el in ls:
                try:
                    n = int(el.get(TEXT + "level", "1"))
                except ValueError:
                    continue
                if el.tag == TEXT + "list-level-style-number":
                    try:
                        start = int(el.get(TEXT + "start-value", "1"))
                        display = int(el.get(TEXT + "display-levels", "1"))
                    except ValueError:
                        start, display = 1, 1
                    levels[n] = _Level(
                        odf_format(el.get(STYLE + "num-format", "1")),
                        el.get(STYLE + "num-prefix", ""),
                        el.get(STYLE + "num-suffix", ""),
                        start,
                        max(1, display),
                    )
                elif el.tag == TEXT + "list-level-style-bullet":
                    levels[n] = _Level(bullet=True)
            out[ls.get(STYLE + "name", "")] = levels
    return out


class _Reader:
    def __init__(self, styles: dict[str, dict[int, _Level]], b: TextBuilder) -> None:
        self.styles = styles
        self.b = b
        self.paras = 0
        self.tables = 0
        self.last_by_style: dict[str, _List] = {}
        self.by_id: dict[str, _List] = {}

    def block(self, root: Element) -> None:
        for child in root:
            if child.tag in (TEXT + "p", TEXT + "h"):
                self.paragraph(child, "")
            elif child.tag == TEXT + "list":
                self.list(child, None, None, 1)
            elif child.tag == TABLE + "table":
                self.table(child)
            elif child.tag not in _SKIP:
                self.block(child)  # sections, index bodies, frames

    def paragraph(self, p: Element, number: str) -> None:
        self.paras += 1
        label = f"paragraph {self.paras}"
        parts: list[str] = [number] if number else []
        self._inline(p, parts, label)
        self.b.add("".join(parts), label)

    def _inline(self, el: Element, out: list[str], label: str) -> None:
        if el.text:
            out.append(el.text)
        for child in el:
            tag = child.tag
            if tag == TEXT + "s":
                try:
                    out.append(" " * max(1, min(100, int(child.get(TEXT + "c", "1")))))
                except ValueError:
                    out.append(" ")
            elif tag == TEXT + "tab":
                out.append("\t")
            elif tag == TEXT + "line-break":
                out.append("\n")
            elif tag == OFFICE + "annotation":
                words = " ".join("".join(p.itertext()) for p in child.iter(TEXT + "p")).strip()
                author = "".join(a.text or "" for a in child.iter(DC + "creator")).strip()
                self.b.hidden.append(HiddenItem("word-comment", label, words, 1, f" by {author}" if author else ""))
            elif tag not in _SKIP and tag != OFFICE + "annotation-end":
                self._inline(child, out, label)
            if child.tail:
                out.append(child.tail)

    def list(self, lst: Element, style: str | None, state: _List | None, depth: int) -> None:
        style = lst.get(TEXT + "style-name") or style or ""
        if state is None:
            cont = lst.get(TEXT + "continue-list")
            if cont and cont in self.by_id:
                state = self.by_id[cont]
            elif lst.get(TEXT + "continue-numbering") == "true" and style in self.last_by_style:
                state = self.last_by_style[style]
            else:
                state = _List()
            self.last_by_style[style] = state
            if lst.get(XML_ID):
                self.by_id[lst.get(XML_ID, "")] = state
        levels = self.styles.get(style, {})
        for item in lst:
            if item.tag not in (TEXT + "list-item", TEXT + "list-header"):
                continue
            number = ""
            if item.tag == TEXT + "list-item":
                number = self._count(item, levels, state, depth)
            for child in item:
                if child.tag in (TEXT + "p", TEXT + "h"):
                    self.paragraph(child, number)
                    number = ""
                elif child.tag == TEXT + "list":
                    self.list(child, style, state, depth + 1)
                elif child.tag == TABLE + "table":
                    self.table(child)

    def _count(self, item: Element, levels: dict[int, _Level], state: _List, depth: int) -> str:
        given = item.find(TEXT + "number")  # some writers store the printed number too
        d = min(depth, _MAX_LEVELS)
        level = levels.get(d, _Level())
        c = state.counters
        try:
            override = int(item.get(TEXT + "start-value", ""))
        except ValueError:
            override = None
        c[d] = override if override is not None else (level.start if c[d] is None else (c[d] or 0) + 1)
        for deeper in range(d + 1, _MAX_LEVELS + 1):
            c[deeper] = None
        if given is not None and (given.text or "").strip():
            return given.text.strip() + " "  # type: ignore[union-attr]
        if level.bullet:
            return BULLET + " "
        shown = range(max(1, d - level.display + 1), d + 1)
        digits = ".".join(format_number(c[k] or levels.get(k, _Level()).start, levels.get(k, _Level()).fmt) for k in shown)
        text = f"{level.prefix}{digits}{level.suffix}".strip()
        return text + " " if text else ""

    def table(self, tbl: Element) -> None:
        self.tables += 1
        for r_i, row in enumerate(tbl.iter(TABLE + "table-row"), start=1):
            cells: list[str] = []
            for cell in row:
                if cell.tag != TABLE + "table-cell":
                    continue
                parts: list[str] = []
                self._inline(cell, parts, f"table {self.tables} row {r_i}")
                cells.append(" ".join("".join(parts).split()))
            self.b.add(" | ".join(cells), f"table {self.tables} row {r_i}")


def load(path: Path, data: bytes) -> Document:
    name = str(path)
    z = SafeZip(data, name)
    if not z.has("content.xml"):
        raise InputError(f"{name}: not an OpenDocument text file (no content.xml inside)")
    content = z.xml("content.xml")
    styles = z.xml("styles.xml") if z.has("styles.xml") else None
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise InputError(f"{name}: not an OpenDocument text file (no text body)")
    b = TextBuilder()
    _Reader(_list_styles(styles, content), b).block(body)
    if not b.text().strip():
        raise InputError(f"{name}: the document has no text in it")
    return b.document(name, "odt")

"""Word (.docx, .docm): the text a reader sees, and what Word keeps out of sight.

The package is read part by part through `safezip` (limits checked before decompressing, XML
parsed by defusedxml with DTDs refused) rather than through python-docx: the XML we need is
small, python-docx has no API for footnotes or tracked changes, and this way no third-party
parser ever sees a file that failed the safety checks.

Visible text: headers, then the body (paragraphs and tables, in order; a table row is one
line with cells separated by " | "), then footnotes, endnotes and footers. Tracked insertions
count as visible (Word shows them); tracked deletions and hidden ("vanish") runs do not.
Automatic list numbers ("1.", "(a)", "ii.") are computed from word/numbering.xml and written
before their paragraphs, as Word prints them (`reviewer.loaders.docx_numbering`).
Locations: "paragraph N", "table T row R", "header", "footer", "footnote N".

Hidden content reported: comments (with their author and the paragraph they are anchored
to), tracked insertions and deletions (per paragraph, with the author), hidden text, the
author and last-modified-by properties, and embedded objects.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from reviewer.core.document import Document, HiddenItem
from reviewer.core.errors import InputError
from reviewer.loaders.builder import TextBuilder
from reviewer.loaders.docx_numbering import Numbering
from reviewer.loaders.safezip import SafeZip, rels

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
DC = "{http://purl.org/dc/elements/1.1/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"

_SKIP = {W + "rPr", W + "pPr", W + "instrText", W + "delInstrText", MC_FALLBACK, W + "sectPr", W + "tblPr", W + "trPr", W + "tcPr"}


def _on(el: Element | None) -> bool:
    """A toggle property (<w:vanish/>, <w:vanish w:val="true"/>) that is switched on."""
    if el is None:
        return False
    return el.get(W + "val", "true").lower() not in ("0", "false", "off")


class _Para:
    """Text of one paragraph, split into what shows and what is tracked or hidden."""

    def __init__(self) -> None:
        self.visible: list[str] = []
        self.deleted: list[str] = []
        self.inserted: list[str] = []
        self.hidden: list[str] = []
        self.del_authors: set[str] = set()
        self.ins_authors: set[str] = set()
        self.del_marks = 0
        self.ins_marks = 0
        self.comment_ids: list[str] = []
        self.numbered = False  # Word prints a list number or bullet before it


class _Reader:
    def __init__(self, z: SafeZip, hidden_styles: set[str], numbering: Numbering) -> None:
        self.z = z
        self.hidden_styles = hidden_styles
        self.numbering = numbering

    def para(self, p: Element) -> _Para:
        out = _Para()
        pstyle = p.find(f"{W}pPr/{W}pStyle")
        para_hidden = pstyle is not None and pstyle.get(W + "val", "") in self.hidden_styles
        number = self.numbering.label(p)  # counted even when hidden: Word counts it too
        if number and not para_hidden:
            out.visible.append(number)
            out.numbered = True
        self._walk(p, out, deleted=False, inserted=False, hidden=para_hidden)
        return out

    def _walk(self, el: Element, out: _Para, deleted: bool, inserted: bool, hidden: bool) -> None:
        for child in el:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == W + "del" or tag == W + "moveFrom":
                out.del_marks += 1
                out.del_authors.add(child.get(W + "author", ""))
                self._walk(child, out, True, inserted, hidden)
            elif tag == W + "ins" or tag == W + "moveTo":
                out.ins_marks += 1
                out.ins_authors.add(child.get(W + "author", ""))
                self._walk(child, out, deleted, True, hidden)
            elif tag == W + "r":
                rpr = child.find(W + "rPr")
                run_hidden = hidden
                if rpr is not None:
                    rstyle = rpr.find(W + "rStyle")
                    run_hidden = run_hidden or _on(rpr.find(W + "vanish")) or (
                        rstyle is not None and rstyle.get(W + "val", "") in self.hidden_styles
                    )
                self._walk(child, out, deleted, inserted, run_hidden)
            elif tag in (W + "t", W + "delText"):
                self._emit(child.text or "", out, deleted, inserted, hidden)
            elif tag == W + "tab":
                self._emit("\t", out, deleted, inserted, hidden)
            elif tag in (W + "br", W + "cr"):
                self._emit("\n", out, deleted, inserted, hidden)
            elif tag == W + "noBreakHyphen":
                self._emit("-", out, deleted, inserted, hidden)
            elif tag == W + "commentRangeStart" or tag == W + "commentReference":
                cid = child.get(W + "id", "")
                if cid not in out.comment_ids:
                    out.comment_ids.append(cid)
            elif tag == W + "p":
                # a paragraph nested in a text box: its text joins this one's
                self._walk(child, out, deleted, inserted, hidden)
                self._emit(" ", out, deleted, inserted, hidden)
            else:
                self._walk(child, out, deleted, inserted, hidden)

    @staticmethod
    def _emit(text: str, out: _Para, deleted: bool, inserted: bool, hidden: bool) -> None:
        if deleted:
            out.deleted.append(text)
        elif hidden:
            out.hidden.append(text)
        else:
            out.visible.append(text)
            if inserted:
                out.inserted.append(text)


def _hidden_styles(styles: Element | None) -> set[str]:
    if styles is None:
        return set()
    out: set[str] = set()
    for st in styles.iter(W + "style"):
        if _on(st.find(f"{W}rPr/{W}vanish")):
            out.add(st.get(W + "styleId", ""))
    return out


def _note(items: list[HiddenItem], para: _Para, label: str) -> None:
    def who(authors: set[str]) -> str:
        names = sorted(a for a in authors if a)
        return f" by {', '.join(names)}" if names else ""

    if para.del_marks and "".join(para.deleted).strip():
        items.append(HiddenItem("word-tracked-deletion", label, "".join(para.deleted).strip(), para.del_marks, who(para.del_authors)))
    if para.ins_marks and "".join(para.inserted).strip():
        items.append(HiddenItem("word-tracked-insertion", label, "".join(para.inserted).strip(), para.ins_marks, who(para.ins_authors)))
    if "".join(para.hidden).strip():
        items.append(HiddenItem("word-hidden-text", label, "".join(para.hidden).strip(), 1))


def _block(reader: _Reader, root: Element, b: TextBuilder, prefix: str, counters: dict[str, int], anchors: dict[str, str]) -> None:
    """Paragraphs and tables under `root` in order. `prefix` is "" for the body, else the part label."""
    in_list = False
    for child in root:
        if child.tag == W + "p":
            counters["p"] += 1
            label = prefix or f"paragraph {counters['p']}"
            para = reader.para(child)
            visible = "".join(para.visible)
            if in_list and not para.numbered and visible.strip():
                # The list has ended: Word sets the next paragraph apart from it, and so does
                # a blank line here, so the last item's answer stops at the item (a sign-off
                # straight after the list is not part of answer N).
                b.add("", label)
            if visible.strip():
                in_list = para.numbered
            b.add(visible, label)
            _note(b.hidden, para, label)
            for cid in para.comment_ids:
                anchors.setdefault(cid, label)
        elif child.tag == W + "tbl":
            in_list = False
            counters["t"] += 1
            t = counters["t"]
            for r_i, row in enumerate(child.iter(W + "tr"), start=1):
                label = f"{prefix + ', ' if prefix else ''}table {t} row {r_i}"
                cells: list[str] = []
                for tc in row.findall(W + "tc"):
                    texts: list[str] = []
                    for p in tc.iter(W + "p"):
                        para = reader.para(p)
                        texts.append("".join(para.visible).strip())
                        _note(b.hidden, para, label)
                        for cid in para.comment_ids:
                            anchors.setdefault(cid, label)
                    cells.append(" ".join(t for t in texts if t))
                b.add(" | ".join(cells), label)
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            _block(reader, child, b, prefix, counters, anchors)


def load(path: Path, data: bytes) -> Document:
    name = str(path)
    z = SafeZip(data, name)
    main = "word/document.xml"
    if not z.has(main):
        raise InputError(f"{name}: not a Word document (no word/document.xml inside)")
    styles = z.xml("word/styles.xml") if z.has("word/styles.xml") else None
    reader = _Reader(z, _hidden_styles(styles), Numbering(z, styles))
    doc_rels = rels(z, main)
    b = TextBuilder()
    anchors: dict[str, str] = {}

    def part_text(kind: str, label: str) -> None:
        for rtype, target, mode in doc_rels.values():
            if rtype == kind and mode != "External" and z.has(target):
                _block(reader, z.xml(target), b, label, {"p": 0, "t": 0}, anchors)

    part_text("header", "header")
    body = z.xml(main).find(W + "body")
    if body is None:
        raise InputError(f"{name}: the Word document has no body")
    _block(reader, body, b, "", {"p": 0, "t": 0}, anchors)

    for part, tag, word in (("word/footnotes.xml", "footnote", "footnote"), ("word/endnotes.xml", "endnote", "endnote")):
        if z.has(part):
            for note in z.xml(part).iter(W + tag):
                if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                _block(reader, note, b, f"{word} {note.get(W + 'id', '')}", {"p": 0, "t": 0}, anchors)
    part_text("footer", "footer")

    _comments(z, b, anchors)
    _properties(z, b)
    for n in z.names():
        if n.startswith("word/embeddings/") and not n.endswith("/"):
            b.hidden.append(HiddenItem("embedded-object", f"embedded {n.rsplit('/', 1)[-1]}", "", 1))
    if not b.text().strip():
        raise InputError(f"{name}: the Word document has no text in it")
    return b.document(name, "docx")


def _comments(z: SafeZip, b: TextBuilder, anchors: dict[str, str]) -> None:
    if not z.has("word/comments.xml"):
        return
    for c in z.xml("word/comments.xml").iter(W + "comment"):
        text = " ".join("".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p")).strip()
        author = c.get(W + "author", "")
        where = anchors.get(c.get(W + "id", ""), "the document")
        b.hidden.append(HiddenItem("word-comment", where, text, 1, f" by {author}" if author else ""))


def _properties(z: SafeZip, b: TextBuilder) -> None:
    if not z.has("docProps/core.xml"):
        return
    core = z.xml("docProps/core.xml")
    for tag, what in ((DC + "creator", "author"), (CP + "lastModifiedBy", "last modified by")):
        el = core.find(tag)
        if el is not None and (el.text or "").strip():
            b.hidden.append(HiddenItem("author-metadata", "document properties", el.text.strip(), 1, what))  # type: ignore[union-attr]

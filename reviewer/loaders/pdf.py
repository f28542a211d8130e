"""PDF: text in reading order with page numbers, and the text a reader cannot see.

pdfminer.six (MIT) does the work: it lays text out in reading order, and its layout objects
keep each character's box, colour and font and each painted path's box and fill colour. We
number every character, path and image in content-stream order as it is drawn, which is what
"redaction" by drawing a black box over text gets wrong: the box is drawn AFTER the text,
and the text is still there to copy.

Per page, a character is hidden when:
  - a filled dark shape drawn after it covers its centre (`text-under-box`). Light boxes,
    table shading and highlights drawn behind legible text are not flagged: only dark fills
    (luminance <= 0.25) drawn later count;
  - its text render mode is 3 or 7 (`invisible-text`), unless it lies over an image drawn
    before it: that is the invisible OCR layer of a scanned page, which is normal;
  - its colour is the colour of what lies beneath it (`background-text`): white on the white
    page, or black on a black box drawn before it.
Hidden characters are left out of the document text (a reader does not see them) and reported
with the page. Also reported: unapplied redaction annotations, other annotations with
content, attached files, and the author in the document information and XMP metadata.

Limits: `MAX_PAGES` pages are read, the rest are listed as skipped; every compressed stream
inflates to at most `MAX_STREAM` bytes, so a flate bomb inside a PDF is refused; a page of
more than `MAX_LAYOUT_BOXES` text boxes (a grid of thousands of shaded cells) has its boxes
put in reading order by position alone, and the review says so (`_page_class`).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from reviewer.core.document import Document, HiddenItem
from reviewer.core.errors import InputError
from reviewer.loaders.builder import TextBuilder

MAX_PAGES = 500
MAX_LAYOUT_BOXES = 250
MAX_STREAM = 64 * 1024 * 1024
DARK = 0.25  # luminance at or below which a fill counts as a redaction-style box
_NOT_CONTENT_ANNOTS = frozenset({"Link", "Popup", "Widget", "PrinterMark", "TrapNet"})


class _StreamTooLarge(Exception):
    pass


def _bounded_decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
    d = zlib.decompressobj()
    out = d.decompress(data, MAX_STREAM + 1)
    if len(out) > MAX_STREAM or d.unconsumed_tail:
        raise _StreamTooLarge()
    return out + d.flush()


def _bounded_decompressobj(*args: Any, **kwargs: Any) -> Any:
    inner = zlib.decompressobj(*args, **kwargs)
    total = [0]

    class _Obj:
        def decompress(self, data: bytes, max_length: int = 0) -> bytes:
            out = inner.decompress(data, max_length or MAX_STREAM + 1)
            total[0] += len(out)
            if total[0] > MAX_STREAM or inner.unconsumed_tail:
                raise _StreamTooLarge()
            return out

        def flush(self, *a: Any) -> bytes:
            return inner.flush(*a)

    return _Obj()


def _guard_pdfminer() -> None:
    """Make pdfminer's inflate bounded: it calls zlib.decompress on whole streams."""
    import logging

    import pdfminer.pdftypes as pt

    # pdfminer logs every repair it makes to a damaged file; without a handler Python would
    # print those warnings on stderr, where only our one-line messages belong.
    logging.getLogger("pdfminer").addHandler(logging.NullHandler())

    if not isinstance(getattr(pt, "zlib"), SimpleNamespace):
        setattr(pt, "zlib", SimpleNamespace(
            decompress=_bounded_decompress, decompressobj=_bounded_decompressobj, error=zlib.error, MAX_WBITS=zlib.MAX_WBITS
        ))


Colour = tuple[float, float, float]


def _rgb(c: Any) -> Colour | None:
    """A pdfminer colour value (gray, RGB or CMYK numbers) as RGB in 0..1, None if unknown."""
    try:
        if c is None:
            return None
        if isinstance(c, (int, float)):
            v = float(c)
            return (v, v, v)
        vals = [float(x) for x in c]
    except (TypeError, ValueError):
        return None
    if len(vals) == 1:
        return (vals[0], vals[0], vals[0])
    if len(vals) == 3:
        return (vals[0], vals[1], vals[2])
    if len(vals) == 4:
        cc, m, y, k = vals
        return ((1 - cc) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def _lum(c: Colour) -> float:
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def _close(a: Colour, b: Colour) -> bool:
    return max(abs(x - y) for x, y in zip(a, b)) < 0.06


@dataclass
class _Shape:
    seq: int
    bbox: tuple[float, float, float, float]
    fill: Colour | None
    image: bool = False

    def covers(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.bbox
        return x0 - 0.5 <= x <= x1 + 0.5 and y0 - 0.5 <= y <= y1 + 0.5


def _page_class() -> type:
    """pdfminer's page, with the reading order of its text boxes bounded in time.

    pdfminer orders a page's text boxes by merging the closest pair of boxes or groups, over
    and over, from a heap of the distances between every pair: quadratic in the boxes. A grid
    of 1,000 cells, each its own box, takes about 10 s; 4,000 take minutes. Past
    `MAX_LAYOUT_BOXES` the boxes form one flat group instead, in the order pdfminer itself
    uses when told not to analyse the layout (`boxes_flow=None`): top to bottom, then left
    to right, so a table is read row by row. Characters, lines and boxes are found as
    always; only the order of the boxes can differ from what full analysis would give.
    `flat_boxes` records how many boxes were ordered that way (0: full analysis), for the
    note the loader adds."""
    from pdfminer.layout import (
        LAParams,
        LTPage,
        LTTextBox,
        LTTextBoxVertical,
        LTTextGroup,
    )

    def position(box: LTTextBox) -> tuple[int, float, float]:
        return (0, -box.x1, -box.y0) if isinstance(box, LTTextBoxVertical) else (1, -box.y0, box.x0)

    class _Page(LTPage):
        flat_boxes = 0

        def group_textboxes(self, laparams: LAParams, boxes: Any) -> list[LTTextGroup]:
            if len(boxes) <= MAX_LAYOUT_BOXES:
                return list(super().group_textboxes(laparams, boxes))
            self.flat_boxes = len(boxes)
            ordered: list[LTTextBox] = sorted(boxes, key=position)
            return [LTTextGroup(ordered)]  # a plain group keeps this order

    return _Page


def _device_class() -> type:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTPage

    page_class = _page_class()

    class _Device(PDFPageAggregator):
        """Tags every character, path and image with its drawing order and render mode."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.seq = 0
            self.render_mode = 0

        def begin_page(self, page: Any, ctm: Any) -> None:
            super().begin_page(page, ctm)
            plain = self.cur_item
            assert isinstance(plain, LTPage)
            self.cur_item = page_class(plain.pageid, plain.bbox, plain.rotate)  # the same page, bounded

        def _tag(self, start: int) -> None:
            for obj in self.cur_item._objs[start:]:
                self.seq += 1
                setattr(obj, "seq", self.seq)  # pdfminer's layout objects have no slot for drawing order
                setattr(obj, "render_mode", self.render_mode)

        def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
            self.render_mode = getattr(textstate, "render", 0)
            super().render_string(textstate, seq, ncs, graphicstate)

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            n = len(self.cur_item._objs)
            adv: float = super().render_char(*args, **kwargs)
            self._tag(n)
            return adv

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            n = len(self.cur_item._objs)
            super().paint_path(*args, **kwargs)
            self._tag(n)

        def render_image(self, *args: Any, **kwargs: Any) -> None:
            n = len(self.cur_item._objs)
            super().render_image(*args, **kwargs)
            self._tag(n)

        def end_figure(self, *args: Any, **kwargs: Any) -> None:
            super().end_figure(*args, **kwargs)
            self.seq += 1
            setattr(self.cur_item._objs[-1], "seq", self.seq)

    return _Device


def _walk(obj: Any) -> Iterator[Any]:
    from pdfminer.layout import LTContainer

    yield obj
    if isinstance(obj, LTContainer):
        for child in obj:
            yield from _walk(child)


_CELL = 24.0  # points: a grid cell of the shape index (a third of an inch)
_MAX_CELLS = 2_000  # a shape touching more cells is tested against every character instead


class _PageScan:
    """Decide, character by character, what on one page a reader cannot see."""

    def __init__(self, layout: Any) -> None:
        from pdfminer.layout import LTChar, LTCurve, LTImage

        self.shapes: list[_Shape] = []
        self.chars: list[Any] = []
        for o in _walk(layout):
            if isinstance(o, LTChar):
                self.chars.append(o)
            elif isinstance(o, LTCurve) and getattr(o, "fill", False):
                self.shapes.append(_Shape(getattr(o, "seq", 0), o.bbox, _rgb(getattr(o, "non_stroking_color", None))))
            elif isinstance(o, LTImage):
                self.shapes.append(_Shape(getattr(o, "seq", 0), o.bbox, None, image=True))
        self.shapes.sort(key=lambda s: s.seq)
        self._index_shapes()
        self.hidden: dict[int, str] = {}  # id(char) -> kind
        for ch in self.chars:
            kind = self._judge(ch)
            if kind:
                self.hidden[id(ch)] = kind

    def _index_shapes(self) -> None:
        """File each shape under the grid cells its box touches.

        Testing every character against every shape made a page of many shaded cells
        quadratic; a character now meets only the shapes filed under its own cell (and the
        few too large, or too odd, to file), still in drawing order."""
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.everywhere: list[int] = []
        for i, s in enumerate(self.shapes):
            x0, y0, x1, y1 = s.bbox
            try:
                cx0, cy0 = math.floor((x0 - 0.5) / _CELL), math.floor((y0 - 0.5) / _CELL)
                cx1, cy1 = math.floor((x1 + 0.5) / _CELL), math.floor((y1 + 0.5) / _CELL)
            except (ValueError, OverflowError):  # NaN or infinite coordinates: test it everywhere
                self.everywhere.append(i)
                continue
            if (cx1 - cx0 + 1) * (cy1 - cy0 + 1) > _MAX_CELLS:
                self.everywhere.append(i)
                continue
            for cx in range(cx0, cx1 + 1):
                for cy in range(cy0, cy1 + 1):
                    self.cells.setdefault((cx, cy), []).append(i)

    def _near(self, x: float, y: float) -> list[_Shape]:
        """The shapes that may cover (x, y), in drawing order."""
        try:
            filed = self.cells.get((math.floor(x / _CELL), math.floor(y / _CELL)), [])
        except (ValueError, OverflowError):
            return self.shapes
        indices = sorted(filed + self.everywhere) if self.everywhere else filed
        return [self.shapes[i] for i in indices]

    def _judge(self, ch: Any) -> str | None:
        if not ch.get_text().strip():
            return None
        x = (ch.x0 + ch.x1) / 2
        y = (ch.y0 + ch.y1) / 2
        seq = getattr(ch, "seq", 0)
        below: _Shape | None = None
        for s in self._near(x, y):
            if not s.covers(x, y):
                continue
            if s.seq > seq:
                if not s.image and s.fill is not None and _lum(s.fill) <= DARK:
                    return "text-under-box"
            else:
                below = s
        if getattr(ch, "render_mode", 0) in (3, 7):
            return None if below is not None and below.image else "invisible-text"
        gs = getattr(ch, "graphicstate", None)
        colour = _rgb(gs.ncolor if gs is not None else getattr(ch, "non_stroking_color", None))
        if colour is None:
            return None
        if below is None:
            background: Colour | None = (1.0, 1.0, 1.0)
        else:
            background = None if below.image else below.fill
        if background is not None and _close(colour, background):
            return "background-text"
        return None


def _line_text(line: Any, scan: _PageScan, runs: dict[str, list[str]]) -> str:
    from pdfminer.layout import LTChar

    visible: list[str] = []
    current: dict[str, list[str]] = {}
    for o in line:
        t = o.get_text()
        kind = scan.hidden.get(id(o)) if isinstance(o, LTChar) else None
        if kind:
            if kind == "text-under-box" and kind not in current:
                visible.append(" \u2588 ")  # the reader sees a black box here
            current.setdefault(kind, []).append(t)
            continue
        if not t.strip() and current:
            for chars in current.values():
                chars.append(" ")
            continue
        if t.strip():
            for k, chars in current.items():
                runs.setdefault(k, []).append("".join(chars).strip())
            current = {}
        visible.append(t)
    for k, chars in current.items():
        runs.setdefault(k, []).append("".join(chars).strip())
    return " ".join("".join(visible).split())


def load(path: Path, data: bytes) -> Document:
    name = str(path)
    if not data.lstrip()[:1024].find(b"%PDF") >= 0:
        raise InputError(f"{name}: not a PDF file (no %PDF header)")
    _guard_pdfminer()
    try:
        return _load(name, data)
    except InputError:
        raise
    except _StreamTooLarge:
        raise InputError(f"{name}: refused: a compressed stream inflates past {MAX_STREAM // 1_048_576} MB; it may be a decompression bomb") from None
    except RecursionError:
        raise InputError(f"{name}: the PDF is damaged or hostile (objects nested too deeply)") from None
    except MemoryError:
        raise InputError(f"{name}: the PDF needs more memory than is available to read") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types on damaged files
        detail = str(exc).splitlines()[0][:100] if str(exc) else type(exc).__name__
        raise InputError(f"{name}: the PDF is damaged and cannot be read ({detail})") from None


def _load(name: str, data: bytes) -> Document:
    import io

    from pdfminer.layout import LAParams, LTTextBox, LTTextLine
    from pdfminer.pdfdocument import (
        PDFDocument,
        PDFEncryptionError,
        PDFPasswordIncorrect,
    )
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    parser = PDFParser(io.BytesIO(data))
    try:
        doc = PDFDocument(parser, password="")
    except PDFPasswordIncorrect:
        raise InputError(f"{name}: the PDF is password-protected: save an unprotected copy to review it") from None
    except PDFEncryptionError as exc:
        raise InputError(f"{name}: the PDF is encrypted in a way that cannot be read ({exc})") from None
    try:
        total = int(resolve1(resolve1(doc.catalog["Pages"])["Count"]))
    except Exception:  # noqa: BLE001 - a damaged page tree: count while reading
        total = 0

    b = TextBuilder()
    rsrc = PDFResourceManager(caching=True)
    device = _device_class()(rsrc, laparams=LAParams())
    interp = PDFPageInterpreter(rsrc, device)
    hidden_by_page: list[tuple[int, dict[str, list[str]]]] = []
    flat_pages: list[int] = []
    n = 0
    for n, page in enumerate(PDFPage.create_pages(doc), start=1):
        if n > MAX_PAGES:
            n -= 1
            break
        device.seq = 0
        interp.process_page(page)
        layout = device.get_result()
        scan = _PageScan(layout)
        runs: dict[str, list[str]] = {}
        label = f"page {n}"
        texts: list[str] = []
        for box in layout:
            if isinstance(box, LTTextBox):
                lines = [_line_text(line, scan, runs) for line in box if isinstance(line, LTTextLine)]
                texts.append("\n".join(ln for ln in lines if ln.strip()))
        b.add("\n\n".join(t for t in texts if t.strip()) + "\n", label)  # a text box is a paragraph
        if getattr(layout, "flat_boxes", 0):
            flat_pages.append(n)
        if runs:
            hidden_by_page.append((n, runs))
        _annotations(page, n, b)
    if n == 0:
        raise InputError(f"{name}: the PDF has no pages")
    if flat_pages:
        b.skipped.append(
            f"the layout of {_pages(flat_pages)} (more than {MAX_LAYOUT_BOXES} text boxes a page): the text is "
            "read top to bottom, left to right, so some of it may be out of reading order"
        )
    if total > n:
        b.skipped.append(f"pages {n + 1}-{total} of {total} were not reviewed (limit {MAX_PAGES} pages)")
    for page_no, runs in hidden_by_page:
        for kind, texts in runs.items():
            text = " / ".join(t for t in texts if t)
            if text:
                b.hidden.append(HiddenItem(kind, f"page {page_no}", text, sum(len(t.replace(" ", "")) for t in texts)))
    _metadata(doc, b)
    _attachments(doc, b)
    if not b.text().strip():
        if any(h.kind in ("text-under-box", "invisible-text", "background-text") for h in b.hidden):
            b.add("(no visible text)", "page 1")
        else:
            raise InputError(f"{name}: the PDF has no text layer (a scan?): run OCR on it or supply the text")
    return b.document(name, "pdf")


def _pages(numbers: list[int]) -> str:
    """`[2, 3, 4, 7]` -> "pages 2-4 and 7": one note for a PDF of hundreds of such pages."""
    runs: list[str] = []
    first = prev = numbers[0]
    for k in [*numbers[1:], 0]:
        if k != prev + 1:
            runs.append(f"{first}-{prev}" if prev > first else str(first))
            first = k
        prev = k
    if len(runs) == 1 and "-" not in runs[0]:
        return f"page {runs[0]}"
    return "pages " + (", ".join(runs[:-1]) + " and " + runs[-1] if len(runs) > 1 else runs[0])


def _s(v: Any) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    v = resolve1(v)
    if isinstance(v, PSLiteral):
        return str(v.name)
    if isinstance(v, bytes):
        return decode_text(v).strip("\x00 ")
    return "" if v is None else str(v)


def _annotations(page: Any, n: int, b: TextBuilder) -> None:
    from pdfminer.pdftypes import resolve1

    annots = resolve1(page.annots) if page.annots else None
    if not isinstance(annots, list):
        return
    for ref in annots[:1000]:
        a = resolve1(ref)
        if not isinstance(a, dict):
            continue
        subtype = _s(a.get("Subtype"))
        if subtype in _NOT_CONTENT_ANNOTS:
            continue
        contents = _s(a.get("Contents"))
        author = _s(a.get("T"))
        who = f" by {author}" if author else ""
        if subtype == "Redact":
            overlay = _s(a.get("OverlayText"))
            b.hidden.append(HiddenItem("redaction-annotation", f"page {n}", contents or overlay, 1, who))
        elif subtype == "FileAttachment":
            fs = resolve1(a.get("FS"))
            fname = _s(fs.get("UF") or fs.get("F")) if isinstance(fs, dict) else ""
            b.hidden.append(HiddenItem("embedded-file", f"page {n}", fname or contents, 1, who))
        elif contents or subtype in ("Text", "FreeText"):
            b.hidden.append(HiddenItem("pdf-annotation", f"page {n}", contents, 1, f"{subtype} note{who}"))


def _metadata(doc: Any, b: TextBuilder) -> None:
    from pdfminer.pdftypes import resolve1

    authors: list[str] = []
    for info in doc.info[:4]:
        if isinstance(info, dict):
            for key in ("Author", "LastModifiedBy"):
                v = _s(info.get(key))
                if v and v not in authors:
                    authors.append(v)
    meta = resolve1(doc.catalog.get("Metadata"))
    xmp: list[str] = []
    if meta is not None and hasattr(meta, "get_data"):
        from reviewer.loaders.safezip import parse_xml

        try:
            root = parse_xml(meta.get_data(), "XMP metadata")
        except InputError:
            root = None
        if root is not None:
            for el in root.iter():
                tag = el.tag.rsplit("}", 1)[-1]
                if tag in ("creator", "Author", "lastModifiedBy", "ModifiedBy"):
                    for t in [el.text or "", *(li.text or "" for li in el.iter() if li.tag.endswith("}li"))]:
                        t = t.strip()
                        if t and t not in authors and t not in xmp:
                            xmp.append(t)
    for a in authors:
        b.hidden.append(HiddenItem("pdf-metadata", "document information", a, 1, "author"))
    for a in xmp:
        b.hidden.append(HiddenItem("pdf-metadata", "XMP metadata", a, 1, "creator"))


def _attachments(doc: Any, b: TextBuilder) -> None:
    from pdfminer.pdftypes import resolve1

    names = resolve1(doc.catalog.get("Names"))
    if not isinstance(names, dict):
        return
    tree = resolve1(names.get("EmbeddedFiles"))
    found: list[str] = []

    def walk(node: Any, depth: int) -> None:
        node = resolve1(node)
        if not isinstance(node, dict) or depth > 10 or len(found) > 1000:
            return
        pairs = resolve1(node.get("Names"))
        if isinstance(pairs, list):
            for i in range(0, len(pairs) - 1, 2):
                spec = resolve1(pairs[i + 1])
                fname = _s(spec.get("UF") or spec.get("F")) if isinstance(spec, dict) else ""
                found.append(fname or _s(pairs[i]))
        kids = resolve1(node.get("Kids"))
        if isinstance(kids, list):
            for k in kids:
                walk(k, depth + 1)

    walk(tree, 0)
    for f in found:
        b.hidden.append(HiddenItem("embedded-file", "attached files", f, 1))

"""Excel (.xlsx, .xlsm): every visible cell with its reference, and everything that is not.

The worst FOI leaks came from spreadsheets: a hidden tab of officers' names, hidden columns of
addresses, a pivot table whose cache still held the raw rows. An object model can skip what
it does not model, so the package parts are read directly (workbook, sheets, shared strings,
styles, comments, defined names, external links, pivot caches) through `safezip`, with sheets
streamed row by row so a large sheet costs bounded memory.

Visible text: for each visible sheet, a "Sheet 'Name'" line, then one line per visible row,
cells separated by " | " and each cell labelled with its reference ("Staff!B4"). Cells in
hidden sheets, hidden rows or hidden columns are left out of the text and counted instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from xml.etree.ElementTree import Element

from reviewer.core.document import Document, HiddenItem
from reviewer.core.errors import InputError
from reviewer.loaders.builder import TextBuilder
from reviewer.loaders.safezip import SafeZip, iter_xml, rels

S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

MAX_TEXT = 2_000_000  # characters of visible text before the rest of a workbook is skipped
MAX_HIDDEN_TEXT = 200_000  # characters of hidden text kept for the personal-data scan
_DATE_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
_REF_RE = re.compile(r"^([A-Z]+)(\d+)$")
_THEME = {0: "FFFFFF", 1: "000000", 2: "E7E6E6", 3: "44546A"}
_INDEXED = {0: "000000", 1: "FFFFFF", 8: "000000", 9: "FFFFFF", 64: "000000"}


def col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def col_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _colour(el: Element | None, default: str | None) -> str | None:
    """An OOXML colour element as RRGGBB, or None when it cannot be told without the theme."""
    if el is None:
        return default
    if el.get("auto") in ("1", "true"):
        return default
    tint = float(el.get("tint", "0") or 0)
    if "rgb" in el.attrib:
        rgb = el.get("rgb", "")[-6:].upper()
        return rgb if tint == 0 and len(rgb) == 6 else None
    if "theme" in el.attrib and tint == 0:
        return _THEME.get(int(el.get("theme", "-1")))
    if "indexed" in el.attrib:
        return _INDEXED.get(int(el.get("indexed", "-1")))
    return default


@dataclass
class _Styles:
    dates: set[int] = field(default_factory=set)  # style indexes that format a number as a date
    invisible: set[int] = field(default_factory=set)  # style indexes whose font colour is the fill colour


def _styles(z: SafeZip) -> _Styles:
    out = _Styles()
    if not z.has("xl/styles.xml"):
        return out
    root = z.xml("xl/styles.xml")
    custom_dates: set[int] = set()
    for nf in root.iter(S + "numFmt"):
        code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", nf.get("formatCode", "")).lower()
        if ("y" in code or "d" in code) and not code.startswith("0"):
            custom_dates.add(int(nf.get("numFmtId", "0")))
    fonts = [_colour(f.find(S + "color"), "000000") for f in root.findall(f"{S}fonts/{S}font")]
    fills: list[str | None] = []
    for fill_el in root.findall(f"{S}fills/{S}fill"):
        pf = fill_el.find(S + "patternFill")
        if pf is None or pf.get("patternType", "none") == "none":
            fills.append("FFFFFF")
        elif pf.get("patternType") == "solid":
            fills.append(_colour(pf.find(S + "fgColor"), None))
        else:
            fills.append(None)
    xfs = root.find(S + "cellXfs")
    for i, xf in enumerate(xfs.findall(S + "xf") if xfs is not None else []):
        num = int(xf.get("numFmtId", "0"))
        if num in _DATE_IDS or num in custom_dates:
            out.dates.add(i)
        font_i, fill_i = int(xf.get("fontId", "0")), int(xf.get("fillId", "0"))
        font = fonts[font_i] if font_i < len(fonts) else None
        fill = fills[fill_i] if fill_i < len(fills) else None
        if font is not None and font == fill:
            out.invisible.add(i)
    return out


def _shared_strings(z: SafeZip, part: str | None) -> list[str]:
    if part is None or not z.has(part):
        return []
    out: list[str] = []
    for si in iter_xml(z.open_stream(part), f"{z.name} ({part})", (S + "si",)):
        # direct <t>, or rich-text runs <r><t>; phonetic guides (<rPh>) are not cell text
        out.append("".join(t.text or "" for t in [*si.findall(S + "t"), *si.findall(f"{S}r/{S}t")]))
        si.clear()
    return out


def _number(v: str, date: bool) -> str:
    try:
        f = float(v)
    except ValueError:
        return v
    if date and 0 < f < 2958466:
        d = datetime(1899, 12, 30) + timedelta(days=f)
        return d.strftime("%Y-%m-%d") if d.hour == d.minute == 0 else d.strftime("%Y-%m-%d %H:%M")
    if f.is_integer() and abs(f) < 1e15:
        return str(int(f))
    return repr(f) if len(repr(f)) < len(v) else v


@dataclass
class _SheetResult:
    hidden_row_cells: int = 0
    hidden_rows: list[int] = field(default_factory=list)
    hidden_col_cells: int = 0
    hidden_cols: list[int] = field(default_factory=list)
    cells: int = 0  # non-blank cells
    hidden_text: list[str] = field(default_factory=list)  # hidden sheet, or hidden rows
    col_text: list[str] = field(default_factory=list)  # hidden columns
    hidden_chars: int = 0
    invisible: list[tuple[str, str]] = field(default_factory=list)
    last_ref: str = ""
    truncated: bool = False

    def keep(self, text: str, column: bool = False) -> None:
        if self.hidden_chars < MAX_HIDDEN_TEXT:
            (self.col_text if column else self.hidden_text).append(text)
            self.hidden_chars += len(text) + 1


def _cell_text(c: Element, shared: list[str], styles: _Styles) -> str:
    t = c.get("t", "n")
    if t == "inlineStr":
        return "".join(x.text or "" for x in c.iter(S + "t"))
    v = c.find(S + "v")
    if v is None or v.text is None:
        return ""
    if t == "s":
        try:
            return shared[int(v.text)]
        except (ValueError, IndexError):
            return ""
    if t == "b":
        return "TRUE" if v.text.strip() == "1" else "FALSE"
    if t in ("str", "e"):
        return v.text
    return _number(v.text, int(c.get("s", "0")) in styles.dates)


def _read_sheet(
    z: SafeZip, part: str, title: str, shared: list[str], styles: _Styles, b: TextBuilder | None, budget: list[int]
) -> _SheetResult:
    """Stream one sheet. `b` None: the whole sheet is hidden; only count and keep its text."""
    res = _SheetResult()
    hidden_cols: set[int] = set()
    where = f"{z.name} ({part})"
    for el in iter_xml(z.open_stream(part), where, (S + "col", S + "row")):
        if el.tag == S + "col":
            if el.get("hidden") in ("1", "true"):
                lo, hi = int(el.get("min", "0")), int(el.get("max", "0"))
                hidden_cols.update(range(lo, min(hi, lo + 16384) + 1))
            continue
        row_hidden = el.get("hidden") in ("1", "true")
        rnum = int(el.get("r", "0") or 0)
        cells: list[tuple[str, str]] = []
        for c in el.findall(S + "c"):
            text = _cell_text(c, shared, styles).strip()
            if not text:
                continue
            ref = c.get("r", "")
            m = _REF_RE.match(ref)
            col = col_index(m.group(1)) if m else 0
            res.cells += 1
            label = f"{title}!{ref}"
            res.last_ref = ref
            if b is None:
                res.keep(text)
            elif row_hidden:
                res.hidden_row_cells += 1
                res.keep(text)
            elif col in hidden_cols:
                res.hidden_col_cells += 1
                res.keep(text, column=True)
            else:
                if int(c.get("s", "0")) in styles.invisible:
                    res.invisible.append((label, text))
                cells.append((text, label))
        if row_hidden and rnum and any(True for _ in el.findall(S + "c")):
            res.hidden_rows.append(rnum)
        if cells and b is not None:
            if budget[0] <= 0:
                res.truncated = True
            else:
                b.add_cells(cells)
                budget[0] -= sum(len(t) + 3 for t, _ in cells)
        el.clear()
    res.hidden_cols = sorted(hidden_cols)
    return res


def _ranges(nums: list[int], letters: bool = False) -> str:
    """[1,2,3,7] -> "1-3, 7" (or "A-C, G" for columns)."""
    out: list[str] = []
    nums = sorted(set(nums))
    i = 0
    while i < len(nums) and len(out) < 12:
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        a, z = (col_letters(nums[i]), col_letters(nums[j])) if letters else (str(nums[i]), str(nums[j]))
        out.append(a if i == j else f"{a}-{z}")
        i = j + 1
    if i < len(nums):
        out.append("...")
    return ", ".join(out)


def load(path: Path, data: bytes) -> Document:
    name = str(path)
    z = SafeZip(data, name)
    wb_part = "xl/workbook.xml"
    if not z.has(wb_part):
        raise InputError(f"{name}: not an Excel workbook (no xl/workbook.xml inside)")
    wb = z.xml(wb_part)
    wb_rels = rels(z, wb_part)
    shared_part = next((t for k, t, _ in wb_rels.values() if k == "sharedStrings"), None)
    shared = _shared_strings(z, shared_part)
    styles = _styles(z)
    b = TextBuilder()
    budget = [MAX_TEXT]
    sheet_states: dict[str, str] = {}
    sheet_names: list[str] = []

    for sh in wb.iter(S + "sheet"):
        title = sh.get("name", "?")
        state = sh.get("state", "visible")
        sheet_states[title] = state
        sheet_names.append(title)
        rel = wb_rels.get(sh.get(R + "id", ""))
        if rel is None or rel[0] != "worksheet" or not z.has(rel[1]):
            if rel is not None and rel[0] == "chartsheet":
                continue
            b.skipped.append(f"sheet '{title}' could not be read (its part is missing or not a worksheet)")
            continue
        part = rel[1]
        visible = state == "visible"
        if visible:
            b.add(f"Sheet '{title}'", f"sheet {title}")
        res = _read_sheet(z, part, title, shared, styles, b if visible else None, budget)
        text = "\n".join(res.hidden_text)
        if not visible:
            kind = "very-hidden-sheet" if state == "veryHidden" else "hidden-sheet"
            extent = f"A1:{res.last_ref}" if res.last_ref else "empty"
            b.hidden.append(HiddenItem(kind, f"sheet '{title}'", text, res.cells, extent))
        else:
            if res.hidden_row_cells or res.hidden_rows:
                b.hidden.append(
                    HiddenItem("hidden-rows", f"sheet '{title}' rows {_ranges(res.hidden_rows)}", text, res.hidden_row_cells)
                )
            if res.hidden_col_cells or res.hidden_cols:
                cols = [c for c in res.hidden_cols if c <= 16384]
                b.hidden.append(
                    HiddenItem(
                        "hidden-columns",
                        f"sheet '{title}' columns {_ranges(cols, letters=True)}",
                        "\n".join(res.col_text),
                        res.hidden_col_cells,
                    )
                )
            if res.invisible:
                label, _ = res.invisible[0]
                b.hidden.append(
                    HiddenItem(
                        "invisible-cell-text",
                        label if len(res.invisible) == 1 else f"{label} and {len(res.invisible) - 1} more cell(s)",
                        "\n".join(t for _, t in res.invisible[:200]),
                        len(res.invisible),
                    )
                )
            _comments(z, part, title, b)
        if res.truncated:
            b.skipped.append(f"sheet '{title}': rows after the first {MAX_TEXT:,} characters of the workbook were not reviewed")

    _defined_names(wb, sheet_states, sheet_names, b)
    _links_and_pivots(z, wb_rels, b)
    if not b.text().strip() and not b.hidden:
        raise InputError(f"{name}: the workbook has no text in it")
    if not b.text().strip():
        b.add("(no visible cells)", "workbook")
    return b.document(name, "xlsx")


def _comments(z: SafeZip, sheet_part: str, title: str, b: TextBuilder) -> None:
    for kind, target, mode in rels(z, sheet_part).values():
        if kind != "comments" or mode == "External" or not z.has(target):
            continue
        root = z.xml(target)
        authors = [a.text or "" for a in root.iter(S + "author")]
        for c in root.iter(S + "comment"):
            text = "".join(t.text or "" for t in c.iter(S + "t")).strip()
            a = int(c.get("authorId", "-1") or -1)
            author = authors[a] if 0 <= a < len(authors) else ""
            b.hidden.append(HiddenItem("cell-comment", f"{title}!{c.get('ref', '')}", text, 1, f" by {author}" if author else ""))


def _defined_names(wb: Element, states: dict[str, str], names: list[str], b: TextBuilder) -> None:
    for dn in wb.iter(S + "definedName"):
        nm = dn.get("name", "")
        if nm.startswith("_xlnm."):
            continue  # print areas and filter ranges Excel makes itself
        ref = (dn.text or "").strip()
        hidden_attr = dn.get("hidden") in ("1", "true")
        m = re.match(r"^'?(.+?)'?!", ref)
        target = m.group(1).replace("''", "'") if m else None
        reason = ""
        if target is not None and states.get(target, "visible") != "visible":
            reason = f"points at the {'very ' if states[target] == 'veryHidden' else ''}hidden sheet '{target}'"
        elif hidden_attr:
            reason = "is itself hidden"
        if reason:
            b.hidden.append(HiddenItem("hidden-named-range", f"named range '{nm}'", ref, 1, reason))


def _links_and_pivots(z: SafeZip, wb_rels: dict[str, tuple[str, str, str]], b: TextBuilder) -> None:
    for kind, target, mode in wb_rels.values():
        if mode == "External" or not z.has(target):
            continue
        if kind == "externalLink":
            dest = [t for k, t, m in rels(z, target).values() if m == "External"]
            b.hidden.append(HiddenItem("external-link", "external link", "; ".join(dest) or target, 1))
        elif kind == "pivotCacheDefinition":
            root = z.xml(target)
            src = root.find(f"{S}cacheSource/{S}worksheetSource")
            where = ""
            if src is not None:
                where = f"{src.get('sheet', src.get('name', ''))}!{src.get('ref', '')}".strip("!")
            has_records = any(k == "pivotCacheRecords" for k, _, _ in rels(z, target).values())
            values = [s.get("v", "") for s in root.iter(S + "s")][:2000]
            count = int(root.get("recordCount", "0") or 0)
            b.hidden.append(
                HiddenItem(
                    "pivot-cache",
                    f"pivot cache {target.rsplit('/', 1)[-1]}",
                    "\n".join(values),
                    count,
                    (f"copy of {where}" if where else "copy of the source data") + (" with its records" if has_records else ""),
                )
            )

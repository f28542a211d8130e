"""Word's automatic numbering, computed the way Word prints it.

A numbered paragraph in a .docx holds no "1." in its text: it says "list numId 5, level 0"
(`w:numPr`, directly or through its paragraph style such as "List Number"), and
word/numbering.xml says how that list prints ("decimal, '%1.'", "lowerLetter, '(%2)'",
starting at `w:start`). Most council replies are Word files numbered this way, so without
these numbers the answers lose the only thing that ties them to the questions.

Counting follows Word: the counters belong to the abstract list, so two `w:num` instances of
one abstract list continue each other, unless an instance restarts a level with
`w:lvlOverride/w:startOverride` (how Word and python-docx "restart at 1"); a level's counter
restarts whenever a higher level moves on (unless `w:lvlRestart` says 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import Element

from reviewer.loaders.numbering import BULLET, format_number
from reviewer.loaders.safezip import SafeZip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9


@dataclass(frozen=True)
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: bool = True
    legal: bool = False
    suffix: str = " "


def _val(el: Element | None, default: str = "") -> str:
    return default if el is None else el.get(W + "val", default)


def _int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


def _level(lvl: Element) -> _Level:
    suff = _val(lvl.find(W + "suff"), "tab")
    legal = lvl.find(W + "isLgl")
    return _Level(
        fmt=_val(lvl.find(W + "numFmt"), "decimal"),
        text=_val(lvl.find(W + "lvlText"), ""),
        start=_int(_val(lvl.find(W + "start"), "1"), 1),
        restart=_val(lvl.find(W + "lvlRestart"), "1") != "0",
        legal=legal is not None and _val(legal, "true").lower() not in ("0", "false", "off"),
        suffix="" if suff == "nothing" else " ",
    )


class Numbering:
    """The list numbers of a document's paragraphs, in reading order (`label` is stateful:
    call it once per paragraph, in order)."""

    def __init__(self, z: SafeZip, styles: Element | None) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNumId -> numbering style it borrows
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if styles is not None:
            self._styles(styles)
        if z.has("word/numbering.xml"):
            self._numbering(z.xml("word/numbering.xml"))

    def _styles(self, styles: Element) -> None:
        own: dict[str, tuple[str | None, int | None]] = {}
        based: dict[str, str] = {}
        for st in styles.iter(W + "style"):
            sid = st.get(W + "styleId", "")
            parent = st.find(W + "basedOn")
            if parent is not None:
                based[sid] = _val(parent)
            numpr = st.find(f"{W}pPr/{W}numPr")
            if numpr is not None:
                num_id = numpr.find(W + "numId")
                ilvl = numpr.find(W + "ilvl")
                own[sid] = (_val(num_id) if num_id is not None else None, _int(_val(ilvl), 0) if ilvl is not None else None)
        for sid in set(own) | set(based):
            seen: set[str] = set()
            cur: str | None = sid
            while cur is not None and cur not in seen:
                seen.add(cur)
                if cur in own:
                    self.style_num[sid] = own[cur]
                    break
                cur = based.get(cur)

    def _numbering(self, root: Element) -> None:
        for ab in root.iter(W + "abstractNum"):
            aid = ab.get(W + "abstractNumId", "")
            self.abstract[aid] = {_int(lvl.get(W + "ilvl", "0"), 0): _level(lvl) for lvl in ab.findall(W + "lvl")}
            link = ab.find(W + "numStyleLink")
            if link is not None:
                self.style_link[aid] = _val(link)
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId", "")
            starts: dict[int, int] = {}
            levels: dict[int, _Level] = {}
            for ov in num.findall(W + "lvlOverride"):
                ilvl = _int(ov.get(W + "ilvl", "0"), 0)
                so = ov.find(W + "startOverride")
                if so is not None:
                    starts[ilvl] = _int(_val(so), 1)
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self.nums[nid] = (_val(num.find(W + "abstractNumId")), starts, levels)

    def _abstract_of(self, nid: str) -> str | None:
        """The abstract list behind a numId, following a numStyleLink once."""
        entry = self.nums.get(nid)
        if entry is None:
            return None
        aid = entry[0]
        if aid in self.style_link:
            linked = self.style_num.get(self.style_link[aid], (None, None))[0]
            if linked is not None and linked in self.nums:
                aid = self.nums[linked][0]
        return aid if aid in self.abstract else None

    def label(self, p: Element) -> str:
        """The number Word prints before paragraph `p` ("1. ", "(b) ", "• "), or ""."""
        ppr = p.find(W + "pPr")
        if ppr is None:
            return ""
        numpr = ppr.find(W + "numPr")
        style = _val(ppr.find(W + "pStyle"))
        nid, ilvl = self.style_num.get(style, (None, None)) if style else (None, None)
        if numpr is not None:
            own_id, own_lvl = numpr.find(W + "numId"), numpr.find(W + "ilvl")
            if own_id is not None:
                nid = _val(own_id)
            if own_lvl is not None:
                ilvl = _int(_val(own_lvl), 0)
        if nid is None or nid == "0":
            return ""
        aid = self._abstract_of(nid)
        if aid is None:
            return ""
        _, starts, over = self.nums[nid]
        levels = {**self.abstract[aid], **over}
        level = 0 if ilvl is None else max(0, min(_LEVELS - 1, ilvl))
        lvl = levels.get(level)
        if lvl is None:
            return ""
        counters = self.counters.setdefault(aid, [None] * _LEVELS)
        if nid not in self.started:
            self.started.add(nid)
            for i, s in starts.items():
                if 0 <= i < _LEVELS:
                    counters[i] = s - 1
        current = counters[level]
        counters[level] = (lvl.start - 1 if current is None else current) + 1
        for deeper in range(level + 1, _LEVELS):
            d = levels.get(deeper)
            if d is None or d.restart:
                counters[deeper] = None
        if lvl.fmt == "bullet":
            return BULLET + " "
        text = lvl.text
        for k in range(_LEVELS, 0, -1):  # %10 never exists; high first so %1 does not eat %1x
            token = f"%{k}"
            if token in text:
                other = levels.get(k - 1, _Level())
                n = counters[k - 1]
                value = other.start if n is None else n
                text = text.replace(token, format_number(value, "decimal" if lvl.legal else other.fmt))
        text = text.strip()
        return text + lvl.suffix if text else ""

"""The text a review works on, and how to point back into it.

Every finding carries evidence as character offsets into one `Document`; line and column are
derived here once, so reporters and the JSON output always agree on where something is.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from functools import cached_property

from reviewer.text.unwrap import unwrap


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) in a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


@dataclass(frozen=True)
class HiddenItem:
    """Something in the file a reader does not see but a recipient can recover.

    Found by a loader, judged by the redaction check. `kind` is one of the names in
    `HIDDEN_KINDS`; `location` is where a person finds it ("comment by J. Smith, paragraph 4",
    "sheet 'Staff' (very hidden)", "page 2"); `text` is the hidden content itself (the
    reporters mask it); `count` is how many hidden things this item stands for (hidden
    non-blank cells in a sheet, characters under a box), so the size of the problem shows.
    """

    kind: str
    location: str
    text: str = ""
    count: int = 1
    detail: str = ""  # a short description for the finding message ("author", "Sheet2!A1:A40")


# The kinds of hidden content loaders report; the redaction check has one rule per kind.
HIDDEN_KINDS = frozenset(
    """
    word-comment word-tracked-insertion word-tracked-deletion word-hidden-text author-metadata
    embedded-object hidden-sheet very-hidden-sheet hidden-rows hidden-columns cell-comment
    hidden-named-range invisible-cell-text external-link pivot-cache text-under-box
    redaction-annotation pdf-annotation invisible-text background-text pdf-metadata embedded-file
    """.split()
)


@dataclass(frozen=True)
class Document:
    """Loaded text plus where it came from.

    `text` is normalised by the loader (newlines are `\\n`, no BOM); offsets in findings index
    into it. `source` is what a person would recognise: the file name they passed.
    `locations` optionally maps character offsets to places a person can find in the original
    file (a page, a sheet and cell): pairs of (start offset, label), sorted by offset.
    `hidden` is content the loader found that a reader of the file does not see (comments,
    tracked deletions, hidden sheets, text under a black box); `skipped` says, one line each,
    what the loader could not read (an attachment in an unsupported format, pages past the
    limit), so a partial review says so instead of looking complete.

    `layout` is the text as laid out in the file when `text` has had the line breaks of
    hard-wrapped paragraphs made spaces (`unwrapped`; empty otherwise). Both have the same
    length, so offsets agree; line and column are counted, and evidence quoted, in the layout.
    """

    text: str
    source: str
    format: str = "text"
    locations: tuple[tuple[int, str], ...] = field(default=())
    hidden: tuple[HiddenItem, ...] = field(default=())
    skipped: tuple[str, ...] = field(default=())
    layout: str = ""

    @property
    def laid_out(self) -> str:
        """The text as the file shows it (line breaks where the file has them)."""
        return self.layout or self.text

    def unwrapped(self) -> Document:
        """This document with hard-wrapped paragraphs joined (see `reviewer.text.unwrap`), or
        itself when there is nothing to join."""
        text = unwrap(self.text)
        return self if text is self.text else replace(self, text=text, layout=self.laid_out)

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        find = self.laid_out.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    @cached_property
    def _location_starts(self) -> list[int]:
        """Built once: a workbook has a location per cell, and every finding looks one up."""
        return [start for start, _ in self.locations]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        starts = self._line_starts
        idx = bisect.bisect_right(starts, offset) - 1
        return idx + 1, offset - starts[idx] + 1

    def location_label(self, offset: int) -> str | None:
        """The place label (page, sheet!cell, attachment) covering `offset`, if the loader gave one."""
        if not self.locations:
            return None
        idx = bisect.bisect_right(self._location_starts, offset) - 1
        return self.locations[idx][1] if idx >= 0 else None

    def excerpt(self, span: Span) -> str:
        return self.laid_out[span.start : span.end]

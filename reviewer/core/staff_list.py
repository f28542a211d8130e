"""The staff list: who may be named in a published reply and who may not.

Many bodies publish the names of senior officers (chief executive, directors, the head of
information governance) by policy, while naming a case officer is a personal-data slip. A
team keeps that policy as a CSV with a header row::

    name,role,publish
    Sarah Okafor,Chief Executive,yes
    Tom Reid,Information Governance Officer,no

`publish` accepts yes/no, true/false, y/n, 1/0. With a staff list, the personal-data check
lets a publishable officer's name pass (reported as suppressed, with the role as the reason)
and flags any listed staff member who may not be published wherever their name appears in the
reply (PD005), not only where a signature or "contact ..." makes it look like a name.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.errors import InputError

_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}
_TITLE_RE = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame)\.?\s+", re.IGNORECASE)


def normalise_name(name: str) -> str:
    """`Dr  Jane  SMITH` -> `jane smith`: what names are compared on."""
    name = " ".join(name.replace("\u00a0", " ").split())
    return _TITLE_RE.sub("", name).lower()


@dataclass(frozen=True)
class StaffMember:
    name: str
    role: str
    publishable: bool

    @property
    def key(self) -> str:
        return normalise_name(self.name)


@dataclass(frozen=True)
class StaffList:
    """The parsed staff list. Frozen and picklable, so audit workers receive it once."""

    members: tuple[StaffMember, ...]
    source: str = ""

    def lookup(self, name: str) -> StaffMember | None:
        """The member whose name (ignoring titles, case and spacing) is `name`, if any."""
        key = normalise_name(name)
        for m in self.members:
            if m.key == key:
                return m
        return None

    @property
    def not_publishable(self) -> tuple[StaffMember, ...]:
        return tuple(m for m in self.members if not m.publishable)


def parse_staff_csv(text: str, source: str = "staff list") -> StaffList:
    """Parse the CSV text. Raises `InputError` naming the row on a bad or missing value."""
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    missing = [f for f in ("name", "role", "publish") if f not in fields]
    if missing:
        raise InputError(f"{source}: missing column(s) {', '.join(missing)} (need name, role, publish)")
    members: list[StaffMember] = []
    for lineno, row in enumerate(reader, start=2):
        clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        name, role, flag = clean.get("name", ""), clean.get("role", ""), clean.get("publish", "").lower()
        if not name:
            raise InputError(f"{source}: line {lineno}: empty name")
        if flag in _TRUE:
            publishable = True
        elif flag in _FALSE:
            publishable = False
        else:
            raise InputError(f"{source}: line {lineno}: publish must be yes or no, not '{flag}'")
        members.append(StaffMember(name, role, publishable))
    return StaffList(tuple(members), source)


def load_staff_list(path: Path) -> StaffList:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the staff list ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: the staff list is not UTF-8 text") from None
    return parse_staff_csv(text, str(path))


def find_mentions(text: str, start: int, end: int, member: StaffMember) -> list[tuple[int, int]]:
    """Offsets of each whole-word mention of `member`'s full name in text[start:end]."""
    words = [re.escape(w) for w in member.name.split()]
    if not words:
        return []
    pattern = re.compile(r"(?<![\w])" + r"\s+".join(words) + r"(?![\w])", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]

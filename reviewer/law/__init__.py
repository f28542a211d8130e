"""The project's law tables: exemptions/exceptions per regime, and the regulators' contacts.

The tables are data (`exemptions.csv`, `regulators.csv`) so a change in the law is a reviewed
edit to a CSV, not to code. They are read with the stdlib `csv` module from the package folder on first use and
cached, so importing this module costs nothing and the CLI start-up budget is untouched (the
files are plain package data beside this module; `importlib.resources` would add about 4 ms of
imports to every run for no gain).

Keys are the citation without its regime, as `reviewer.core.model.Citation.citation` writes it:
`31(1)(a)`, `12(5)(e)`, `22A(1)`.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reviewer.core.model import Regime

__all__ = [
    "LawEntry",
    "RegulatorContact",
    "SINGLE_LIMB_SECTIONS",
    "children",
    "entries",
    "exemption_range",
    "is_refusal_ground",
    "lookup",
    "parent_key",
    "primary_entry",
    "regulator_contacts",
    "resolve",
    "section_known",
    "status_role",
]


@dataclass(frozen=True)
class LawEntry:
    """One row of `exemptions.csv`.

    `kind` is `exemption`, `ncnd` (a neither-confirm-nor-deny provision), `refusal` (s.12 cost,
    s.14 vexatious: not exemptions, no public interest test), `purpose` (a s.31(2)/FOISA 35(2)
    purpose that only qualifies another limb) or `condition` (a s.40 / reg 13 condition that
    qualifies s.40(2) / reg 13(1)). `harm_test` is true for prejudice-based limbs and for the
    "endanger" / "required for" tests, which also need the risk explained. `requires_purpose`
    names the parent of the purpose limbs that must accompany this one (`31(2)`).
    """

    regime: Regime
    citation: str
    short_name: str
    absolute: bool
    prejudice_or_class: str
    ncnd_provision: str
    kind: str
    harm_test: bool
    pit_required: bool
    obsolete: bool
    requires_purpose: str

    @property
    def section(self) -> str:
        return self.citation.split("(", 1)[0]

    @property
    def key(self) -> str:
        return f"{self.regime.value}:{self.citation}"


@dataclass(frozen=True)
class RegulatorContact:
    """One contact detail of a regulator; `status` is `current`, `outdated` or `legacy`."""

    regulator: str  # "ICO" or "SIC"
    kind: str  # name, address, postcode, phone, fax, email, website
    value: str
    status: str
    regimes: tuple[Regime, ...]


# Sections where a bare number is an acceptable citation: one operative exemption subsection
# (foi-law.md §6.2 rule 7). s.12 and s.14 are refusal grounds and also fine bare.
SINGLE_LIMB_SECTIONS: dict[Regime, frozenset[str]] = {
    Regime.FOIA: frozenset({"21", "22", "22A", "23", "24", "28", "34", "39", "41", "42", "12", "14"}),
    Regime.FOISA: frozenset({"25", "28", "12", "14"}),
    Regime.EIR: frozenset(),
    Regime.EISR: frozenset(),
}

# Section/regulation numbers that can be a ground for refusing: the exemption range plus the
# refusal grounds. A number in this range that is not in the table is an unknown exemption.
_RANGES: dict[Regime, frozenset[str]] = {
    Regime.FOIA: frozenset({"12", "14"} | {str(n) for n in range(21, 45)} | {"22A"}),
    Regime.FOISA: frozenset({"12", "14"} | {str(n) for n in range(25, 42)}),
    Regime.EIR: frozenset({"12", "13"}),
    Regime.EISR: frozenset({"10", "11"}),
}

_HERE = Path(__file__).resolve().parent
_PARENT_RE = re.compile(r"\([^()]*\)$")


def _read(name: str) -> list[dict[str, str]]:
    text = (_HERE / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _flag(value: str) -> bool:
    return value.strip().lower() == "true"


@cache
def entries() -> tuple[LawEntry, ...]:
    """Every row of the exemptions table, in file order."""
    return tuple(
        LawEntry(
            regime=Regime(r["regime"]),
            citation=r["citation"],
            short_name=r["short_name"],
            absolute=_flag(r["absolute"]),
            prejudice_or_class=r["prejudice_or_class"],
            ncnd_provision=r["ncnd_provision"],
            kind=r["kind"],
            harm_test=_flag(r["harm_test"]),
            pit_required=_flag(r["pit_required"]),
            obsolete=_flag(r["obsolete"]),
            requires_purpose=r["requires_purpose"],
        )
        for r in _read("exemptions.csv")
    )


@cache
def _index() -> dict[tuple[Regime, str], LawEntry]:
    return {(e.regime, e.citation): e for e in entries()}


@cache
def _children_index() -> dict[tuple[Regime, str], tuple[LawEntry, ...]]:
    """Every ancestor key (`31`, `31(1)`) mapped to the rows beneath it, in file order."""
    out: dict[tuple[Regime, str], list[LawEntry]] = {}
    for e in entries():
        key = parent_key(e.citation)
        while key is not None:
            out.setdefault((e.regime, key), []).append(e)
            key = parent_key(key)
    return {k: tuple(v) for k, v in out.items()}


def parent_key(citation: str) -> str | None:
    """`31(1)(a)` -> `31(1)`, `31(1)` -> `31`, `31` -> None."""
    if "(" not in citation:
        return None
    return _PARENT_RE.sub("", citation)


def lookup(regime: Regime, citation: str) -> LawEntry | None:
    """The table row for exactly this citation, or None."""
    return _index().get((regime, citation))


def children(regime: Regime, citation: str) -> list[LawEntry]:
    """Rows strictly beneath `citation` (e.g. every `31(1)(x)` under `31`), in table order."""
    return list(_children_index().get((regime, citation), ()))


def section_known(regime: Regime, section: str) -> bool:
    """Whether the table has any row for this section/regulation number."""
    return lookup(regime, section) is not None or (regime, section) in _children_index()


def exemption_range(regime: Regime) -> frozenset[str]:
    """Section/regulation numbers that can be a ground for refusal in this regime."""
    return _RANGES[regime]


def is_refusal_ground(regime: Regime, section: str) -> bool:
    """True for numbers in the exemption range; False for procedural sections (s.1, 10, 16,
    17, 45, 50; FOISA 15-21, 47; EIR regs 5, 7, 9, 11, 14, 18)."""
    return section in _RANGES[regime]


def primary_entry(regime: Regime, citation: str) -> LawEntry | None:
    """The row that stands for `citation`: itself if in the table, else the first operative
    row beneath it (so bare `21` -> `21(1)`, bare `40` -> `40(1)`), else None."""
    own = lookup(regime, citation)
    if own is not None:
        return own
    kids = [e for e in children(regime, citation) if not e.obsolete]
    for e in kids:
        if e.kind in ("exemption", "refusal"):
            return e
    return kids[0] if kids else None


def resolve(regime: Regime, citation: str) -> tuple[LawEntry | None, bool]:
    """(row standing for `citation`, under-specified?).

    Under-specified means the key is not itself a row but rows exist beneath it, so a limb is
    missing (LTT101/LTT102), except for single-limb sections cited bare.
    """
    own = lookup(regime, citation)
    if own is not None:
        return own, False
    entry = primary_entry(regime, citation)
    if entry is None:
        return None, False
    single = "(" not in citation and citation in SINGLE_LIMB_SECTIONS[regime]
    return entry, not single


@cache
def regulator_contacts() -> tuple[RegulatorContact, ...]:
    """The ICO's and the SIC's contact details, current and outdated (foi-law.md §5)."""
    return tuple(
        RegulatorContact(
            regulator=r["regulator"],
            kind=r["kind"],
            value=r["value"],
            status=r["status"],
            regimes=tuple(Regime(x) for x in r["regimes"].split()),
        )
        for r in _read("regulators.csv")
    )


# What a provision does to a question's status (status guide, "The boundaries that matter").
STATUS_ROLES = ("refused_cost", "refused_vexatious", "redirected", "not_held", "withheld_future", "ncnd")


@cache
def _status_roles() -> dict[tuple[Regime, str], str]:
    return {(Regime(r["regime"]), r["citation"]): r["role"] for r in _read("status_roles.csv")}


@cache
def status_role(regime: Regime, citation: str) -> str | None:
    """What citing `citation` says about a question's status, read from `status_roles.csv`
    (cost and vexatious refusals, pointers to published information, future publication,
    EIR "not held") and from `exemptions.csv` (its `ncnd` rows: s.23(5), 24(2), 31(3),
    40(5)...). None for an ordinary exemption, which withholds.

    A row stands for everything beneath it (`12` covers `12(1)`); the most specific row wins,
    so `12(2)` is still a cost refusal and `40(5)` is NCND while `40(2)` is not.
    """
    roles = _status_roles()
    key: str | None = citation
    while key is not None:
        entry = lookup(regime, key)
        if entry is not None and entry.kind == "ncnd":
            return "ncnd"
        role = roles.get((regime, key))
        if role is not None:
            return role
        if key in _NCND_PARENTS.get(regime, ()):
            return "ncnd"
        key = parent_key(key)
    return None


# Bare NCND subsections whose table rows are their limbs (`40(5)` -> `40(5)(a)`, `40(5A)`).
_NCND_PARENTS: dict[Regime, frozenset[str]] = {
    Regime.FOIA: frozenset({"40(5)", "40(5B)"}),
    Regime.EIR: frozenset({"13(5A)"}),
}

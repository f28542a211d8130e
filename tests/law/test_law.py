"""The law tables load, look up, and answer the questions the checks ask."""

from __future__ import annotations

import time

from reviewer import law
from reviewer.core.model import Regime


def test_lookup_exact_row() -> None:
    e = law.lookup(Regime.FOIA, "31(1)(a)")
    assert e is not None
    assert e.short_name.startswith("Law enforcement")
    assert not e.absolute and e.pit_required and e.harm_test
    assert e.kind == "exemption"


def test_lookup_missing_row_is_none() -> None:
    assert law.lookup(Regime.FOIA, "31") is None
    assert law.lookup(Regime.FOIA, "99(1)") is None


def test_children_under_parent() -> None:
    kids = [e.citation for e in law.children(Regime.FOIA, "31(1)")]
    assert kids[:3] == ["31(1)(a)", "31(1)(b)", "31(1)(c)"]
    assert "31(2)(a)" not in kids
    assert len(law.children(Regime.FOIA, "31")) > len(kids)


def test_resolve_under_specified_and_single_limb() -> None:
    entry, under = law.resolve(Regime.FOIA, "31")
    assert entry is not None and entry.citation == "31(1)(a)" and under
    entry, under = law.resolve(Regime.FOIA, "21")
    assert entry is not None and entry.citation == "21(1)" and not under
    entry, under = law.resolve(Regime.FOIA, "14")
    assert entry is not None and entry.kind == "refusal" and not under
    entry, under = law.resolve(Regime.EIR, "13")
    assert entry is not None and under
    assert law.resolve(Regime.FOIA, "25") == (None, False)


def test_harm_and_pit_flags() -> None:
    s24 = law.lookup(Regime.FOIA, "24(1)")
    s38 = law.lookup(Regime.FOIA, "38(1)(a)")
    s21 = law.lookup(Regime.FOIA, "21(1)")
    s12 = law.lookup(Regime.FOIA, "12(1)")
    assert s24 is not None and s24.harm_test and s24.pit_required
    assert s38 is not None and s38.harm_test
    assert s21 is not None and not s21.pit_required and not s21.harm_test
    assert s12 is not None and not s12.pit_required and s12.kind == "refusal"


def test_obsolete_and_purpose_columns() -> None:
    old = law.lookup(Regime.FOIA, "40(3)(a)(i)")
    assert old is not None and old.obsolete
    g = law.lookup(Regime.FOIA, "31(1)(g)")
    assert g is not None and g.requires_purpose == "31(2)"
    p = law.lookup(Regime.FOISA, "35(2)(b)")
    assert p is not None and p.kind == "purpose"


def test_eisr_rows_present() -> None:
    e = law.lookup(Regime.EISR, "10(5)(e)")
    assert e is not None and e.harm_test


def test_exemption_range_excludes_procedural_sections() -> None:
    assert law.is_refusal_ground(Regime.FOIA, "31")
    assert law.is_refusal_ground(Regime.FOIA, "12")
    for n in ("1", "10", "16", "17", "45", "50"):
        assert not law.is_refusal_ground(Regime.FOIA, n)
    for n in ("15", "17", "20", "47"):
        assert not law.is_refusal_ground(Regime.FOISA, n)
    for n in ("5", "9", "11", "14", "18"):
        assert not law.is_refusal_ground(Regime.EIR, n)


def test_regulator_contacts() -> None:
    contacts = law.regulator_contacts()
    ico = {c.value: c.status for c in contacts if c.regulator == "ICO"}
    sic = {c.value: c.status for c in contacts if c.regulator == "SIC"}
    assert ico["SK9 5AF"] == "current"
    assert ico["0303 123 1113"] == "current"
    assert ico["01625 545745"] == "outdated"
    assert ico["ico.gov.uk"] == "outdated"
    assert sic["KY16 9DS"] == "current"
    assert sic["itspublicknowledge.info"] == "legacy"
    assert all(Regime.FOISA in c.regimes for c in contacts if c.regulator == "SIC")


def test_loading_is_cached_and_cheap() -> None:
    law.entries.cache_clear()
    t0 = time.perf_counter()
    first = law.entries()
    assert time.perf_counter() - t0 < 0.05
    assert law.entries() is first

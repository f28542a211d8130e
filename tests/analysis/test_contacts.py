"""Contact finding and the organisational/personal verdict, on texts written for these tests."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer.analysis import contacts, names
from reviewer.analysis.contacts import (
    Contact,
    ContactKind,
    digits_national,
    find_contacts,
    find_emails,
    find_phones,
    is_role_mailbox,
    main_digits,
)
from reviewer.analysis.names import find_names, find_signature_names, is_person_name


def _one(text: str, value: str, allow: tuple[str, ...] = ()) -> Contact:
    sig = find_signature_names(text)
    found = [c for c in find_contacts(text, allow=allow, signature_names=sig) if c.text == value]
    assert found, f"{value!r} not found in {[c.text for c in find_contacts(text)]}"
    return found[0]


@pytest.mark.parametrize(
    "raw",
    [
        "0303 123 1113",
        "01625 545745",
        "(01234) 567890",
        "+44 7700 900123",
        "07700 900123",
        "01905 368 200",
        "+44 (0)1234 567891",
        "020 7946 0958",
    ],
)
def test_find_phones_uk_formats(raw: str) -> None:
    text = f"Tel: {raw} today"
    assert [c.text for c in find_phones(text)] == [raw]


def test_find_phones_keeps_extension_with_number() -> None:
    phones = find_phones("Tel: 01234 567890 ext. 4321.")
    assert [c.text for c in phones] == ["01234 567890 ext. 4321"]
    assert main_digits(phones[0].text) == "01234567890"


def test_find_phones_standalone_extension() -> None:
    phones = find_phones("call Jane on extension 4321 please")
    assert [(c.kind, c.text) for c in phones] == [(ContactKind.EXTENSION, "extension 4321")]


@pytest.mark.parametrize(
    "text",
    [
        "FOI Reference: FOI/2022/4158",
        "The total value is £12,301,930.00 over 2016 136 £59,289.58",
        "Contract dates are 01/10/2016 -- 30/09/2023",
        "See https://www.gov.wales/atisn16332 for details",
    ],
)
def test_no_phone_in_references_amounts_dates(text: str) -> None:
    assert [c for c in find_contacts(text) if c.kind is not ContactKind.WEB] == []


def test_offsets_respect_start_end() -> None:
    text = "a@b.example 01234 567891 | jane.smith@x.gov.uk 01234 567892"
    cut = text.index("|")
    assert [c.text for c in find_emails(text, cut)] == ["jane.smith@x.gov.uk"]
    assert [c.text for c in find_phones(text, cut)] == ["01234 567892"]
    e = find_emails(text, cut)[0]
    assert text[e.start : e.end] == e.text


def test_digits_national() -> None:
    assert digits_national("+44 (0)1234 567890") == "01234567890"
    assert digits_national("+44 1234 567890") == "01234567890"


@pytest.mark.parametrize(
    "local",
    ["foi", "FOI", "foia", "freedomofinformation", "information.governance", "infogov", "ig", "enquiries",
     "info", "casework", "dpo", "complaints", "foirequests", "igteam", "customerservices", "ceu", "planning.enquiries"],
)
def test_role_mailboxes(local: str) -> None:
    assert is_role_mailbox(local)


@pytest.mark.parametrize("local", ["jane.smith", "j.smith", "jsmith23", "firstname_lastname", "John.Brown"])
def test_person_mailboxes(local: str) -> None:
    assert not is_role_mailbox(local)


def test_personal_email() -> None:
    c = _one("If you have questions, e-mail jane.smith@council.gov.uk.", "jane.smith@council.gov.uk")
    assert c.personal and c.reason == "personal e-mail address"


@pytest.mark.parametrize("addr", ["foi@council.gov.uk", "enquiries@council.gov.uk", "casework@ico.org.uk", "enquiries@foi.scot"])
def test_organisational_email(addr: str) -> None:
    assert not _one(f"Write to {addr} for help.", addr).personal


def test_mobile_is_personal_everywhere() -> None:
    for raw in ("07700 900123", "+44 7700 900123"):
        c = _one(f"Customer services: {raw}", raw)
        assert c.personal and c.mobile


def test_direct_line_label() -> None:
    c = _one("Direct line: 01234 567891", "01234 567891")
    assert c.personal and c.direct


def test_named_officer_inline() -> None:
    c = _one("Please contact John Brown on 01234 567891 if you have questions.", "01234 567891")
    assert c.personal and c.name is not None and c.name.text == "John Brown"


def test_tel_right_after_name() -> None:
    c = _one("Jane Smith, tel 01234 567891", "01234 567891")
    assert c.personal and c.name is not None


def test_extension_after_name() -> None:
    c = _one("If you need help, call Jane on extension 4321.", "extension 4321")
    assert c.personal and c.name is not None and c.name.text == "Jane"


def test_extension_without_name_is_organisational() -> None:
    assert not _one("Call the FOI team on extension 4321.", "extension 4321").personal


def test_signature_block_direct_dial() -> None:
    text = "Yours sincerely,\n\nJane Smith\nInformation Governance Officer\nTel: 01905 368 201\n"
    c = _one(text, "01905 368 201")
    assert c.personal and c.name is not None and c.name.text == "Jane Smith"


def test_switchboard_and_non_geographic() -> None:
    assert not _one("Switchboard: 01234 567000", "01234 567000").personal
    assert not _one("General enquiries 01234 567123", "01234 567123").personal
    assert not _one("Phone: 0300 244 4000", "0300 244 4000").personal
    assert not _one("Please call 0800 123 4567", "0800 123 4567").personal


def test_switchboard_under_named_signatory() -> None:
    text = "Kind regards\nJane Smith\nSwitchboard: 01234 567000\n"
    assert not _one(text, "01234 567000").personal


def test_organisational_block_without_name() -> None:
    text = (
        "Information Governance Team\nCouncil Offices\nShute End\nWokingham\nRG40 1BN\n"
        "Tel: 0118 974 6123\nEmail: foi@council.gov.uk\n"
    )
    assert not _one(text, "0118 974 6123").personal
    text2 = "Central Enquiry Unit\nEmail: ceu@gov.scot\nPhone: 0300 244 4000\n"
    assert not any(c.personal for c in find_contacts(text2))


def test_ico_block_is_organisational() -> None:
    text = (
        "Information Commissioner's Office\nWycliffe House\nWater Lane\nWilmslow\nCheshire\nSK9 5AF\n"
        "Telephone: 0303 123 1113\nWebsite: www.ico.org.uk\nEmail: casework@ico.org.uk\n"
        "Alternatively 01625 545745. Scotland: 01334 464610.\n"
    )
    assert not any(c.personal for c in find_contacts(text))


def test_web_address_never_personal() -> None:
    cs = find_contacts("See www.hwfire.org.uk and https://example.gov.uk/foi/2023-01234567890")
    assert all(c.kind is ContactKind.WEB and not c.personal for c in cs)


def test_allow_list() -> None:
    text = "Jane Smith, direct line 01234 567891, jane.smith@council.gov.uk"
    allow = ("01234567891", "Jane.Smith@Council.gov.uk")
    assert not any(c.personal for c in find_contacts(text, allow=allow))
    assert not _one("Direct line: 01234 567891", "01234 567891", allow=("01234 567 891",)).personal


@pytest.mark.parametrize(
    "name", ["Information Governance Team", "Freedom of Information Officer", "The Service", "Central Enquiry Unit",
             "Hereford and Worcester Fire and Rescue Service", "Scottish Government", "Water Lane", "Wycliffe House"],
)
def test_not_person_names(name: str) -> None:
    assert not is_person_name(name)


@pytest.mark.parametrize("name", ["Jane Smith", "J. Smith", "Mr Brown", "Sarah O'Brien", "Anne-Marie McDonald"])
def test_person_names(name: str) -> None:
    assert is_person_name(name)


def test_team_signature_is_not_a_name() -> None:
    text = "Yours sincerely,\n\nInformation Governance Team\n"
    assert find_names(text) == []
    text2 = "Kind regards,\nJane Smith\nInformation Governance Officer\n"
    assert [n.text for n in find_names(text2)] == ["Jane Smith"]


def test_with_regards_in_prose_is_not_a_signoff() -> None:
    text = "With regards to your request for the sent emails, the Scottish Government does not hold them.\n"
    assert find_names(text) == []


# --- the fast finders find what the plain regex scans find ----------------------------------

_PIECES = ["0", "01234", "567890", "+44", "(0)", "07700 900", "123", " ", "-", ".", "(", ")", "\n", "\t", "a",
           "ext", "Ext.", "extension ", "EXTN", "x", "4321", "\u0663", "\u2019", "\u0130", "www.", "://", ".gov.uk",
           ".com", "@", "foi", "Yours sincerely", "Kind regards", "Regards,", "Thank you", "THANKS", "Mr", "Jane",
           "Smith", "J.", "contact", "Call", "on", "Case officer", ":", "Name", "\u017f", "\u0131"]


def _texts() -> st.SearchStrategy[tuple[str, int, int]]:
    return st.lists(st.sampled_from(_PIECES), max_size=25).map("".join).flatmap(
        lambda t: st.tuples(st.just(t), st.integers(0, len(t)), st.integers(0, len(t) + 2))
    )


def _spans(ms: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in ms]


@given(_texts())
def test_phone_hints_and_extensions_are_the_regex_matches(case: tuple[str, int, int]) -> None:
    text, start, end = case
    assert _spans(contacts._phone_hints(text, start, end)) == _spans(contacts._PHONE_HINT_RE.finditer(text, start, end))
    assert _spans(contacts._EXTENSION.finditer(text, start, end)) == (
        _spans(contacts._EXTENSION_RE.finditer(text, start, end)) if "ext" in text[start:end].lower() else []
    )


@given(_texts())
def test_url_tokens_are_the_tokens_holding_a_needle(case: tuple[str, int, int]) -> None:
    text, start, end = case
    seg = text[start:end].lower()
    expected = set()
    for needle in contacts._URL_WORDS:
        for m in re.finditer(re.escape(needle), seg):
            ts, te = m.start(), m.end()
            while ts > 0 and seg[ts - 1] not in contacts._TOKEN_BREAK:
                ts -= 1
            while te < len(seg) and seg[te] not in contacts._TOKEN_BREAK:
                te += 1
            expected.add((start + ts, start + te))
    hits = contacts._needle_hits(seg, contacts._URL_NEEDLES) + [m.start() for m in contacts._URL_ENDING_RE.finditer(seg)]
    assert contacts._tokens_at(start, seg, hits) == sorted(expected)


@given(_texts())
def test_sign_offs_and_inline_names_are_the_regex_matches(case: tuple[str, int, int]) -> None:
    text, start, end = case
    assert _spans(names._SIGNOFF.finditer(text, start, end)) == _spans(names._SIGNOFF_RE.finditer(text, start, end))
    plain = [m.span("name") for m in names._INLINE_RE.finditer(text, start, end) if is_person_name(m.group("name"), allow_single=True)]
    plain += [m.span("name") for m in names._LABEL_RE.finditer(text, start, end) if is_person_name(m.group("name"))]
    assert [(n.start, n.end) for n in names.find_inline_names(text, start, end)] == plain

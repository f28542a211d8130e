"""Staff contacts tied to people wherever the name stands, organisational contacts left alone,
redacted text taken for a redaction, and the time per contact bounded (issues 9 and 12).

Every name, number and address here is invented; numbers are from Ofcom's drama ranges.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import reply_ctx
from reviewer.analysis.contacts import find_contacts, find_phones
from reviewer.analysis.names import block_person_above, people_in, person_in_sentence
from reviewer.checks import personal_data, template
from reviewer.core.findings import Finding
from reviewer.core.model import ReviewContext
from reviewer.llm.pseudonymise import build


def ctx_for(response: str) -> ReviewContext:
    return reply_ctx(response, "Please send me your street lighting policy.")


def personal(response: str) -> list[Finding]:
    return list(personal_data.run(ctx_for(response)))


def flagged(response: str) -> set[str]:
    """The evidence texts of the personal-data errors (PD001/PD002) in a draft."""
    return {f.evidence.text for f in personal(response) if f.evidence is not None and f.rule.code in ("PD001", "PD002")}


# --- names by their words ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("please contact Jo Bloggs, Senior Procurement Officer, on", "Jo Bloggs"),
        ("Mrs Priya Shah", "Mrs Priya Shah"),
        ("Jo Bloggs (ext. 4521)", "Jo Bloggs"),
        ("Dr Amira Haddad signed it", "Dr Amira Haddad"),
        ("Cllr Tom McDonald said", "Cllr Tom McDonald"),
        ("ask DC Lewis for it", "DC Lewis"),
        ("Ch Insp Sam O'Brien-Smith", "Ch Insp Sam O'Brien-Smith"),
        ("reviewed by J. Smith today", "J. Smith"),
        ("SIGNED: SARAH JONES", "SARAH JONES"),
        ("Regards, Clare Lunk | Assistant Manager", "Clare Lunk"),
        ("Gareth can be reached on extension 4417", "Gareth"),
    ],
)
def test_names_found_by_their_words(text: str, name: str) -> None:
    assert name in [n.text for n in people_in(text, 0, len(text))]


@pytest.mark.parametrize(
    "text",
    [
        "Senior Procurement Officer, Finance Directorate",
        "Information Governance Team, Shute End, Wokingham",
        "Wycliffe House, Water Lane, Wilmslow",
        "Customer Services Centre",
        "Will you call us? May we help? Grace period ends in June.",
        "Thank you for your request. Please Note the Council Offices",
        "our auditors Grant Thornton LLP",
        "Chelsea Westminster Hospital",
        "Wilson Road, Exampleton",
    ],
)
def test_organisation_words_are_not_names(text: str) -> None:
    assert people_in(text, 0, len(text)) == []


def test_sentence_and_block_tie_the_number_to_the_person() -> None:
    t = "please contact Jo Bloggs, Senior Procurement Officer, Finance Directorate, on 01632 960123"
    n = person_in_sentence(t, t.index("0163"), len(t))
    assert n is not None and n.text == "Jo Bloggs"
    t = "Mrs Priya Shah\nInformation Governance Officer\nDirect dial: 01632 960 456"
    n = block_person_above(t, t.index("0163"))
    assert n is not None and n.text == "Mrs Priya Shah"
    # The sentence ends before the next one's number: "Jo Bloggs wrote it. Call 01632 960000."
    t = "The reply was prepared by Jo Bloggs. For help call 01632 960000."
    assert person_in_sentence(t, t.index("0163"), len(t)) is None


# --- the shapes of a staff contact ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "leaks"),
    [
        ("If you have any questions please contact Jo Bloggs, Senior Procurement Officer, Finance Directorate, on 01632 960123.\n", {"01632 960123"}),
        ("Yours sincerely\n\nMrs Priya Shah\nInformation Governance Officer\nDirect dial: 01632 960 456\n", {"Direct dial: 01632 960 456"}),
        ("The records are held by Jo Bloggs (ext. 4521).\n", {"ext. 4521"}),
        ("If anything is unclear, Gareth can be reached on extension 4417 or at g.morgan@exampleshire.gov.uk.\n", {"extension 4417", "g.morgan@exampleshire.gov.uk"}),
        ("Kind regards,\n\nClare Lunk | Assistant Information Governance Manager\nExampleshire NHS Trust\n\n \n\nDirect Line 01632 960 603 | Web www.exampleshire.nhs.uk\n", {"Direct Line 01632 960 603"}),
        ("Contact: DC Sam Lewis, Digital Forensics Unit, 020 7946 0321\n", {"020 7946 0321"}),
        ("Our officer, Insp. Amy Patel, is on 0161 496 0732 if you need her.\n", {"0161 496 0732"}),
        ("TOM O'NEILL\nSENIOR DATA PROTECTION OFFICER\nTel: 029 2018 0442\n", {"029 2018 0442"}),
        ("Many thanks,\nLiam\nInformation Governance Assistant\n01632 960781\n", {"01632 960781"}),
        ("For any queries, please call 0116 496 0999 and ask for Emma Clarke.\n", {"0116 496 0999"}),
        ("JAMES MCALLISTER | DATA PROTECTION OFFICER | 0131 496 0777\n", {"0131 496 0777"}),
        # An initial that is also a word ("A.", "I.") is an initial after a title or before a surname.
        ("Please contact Ms A. Khan on 0113 496 0123.\n", {"0113 496 0123"}),
        ("Contact: A. Khan, tel 0113 496 0456\n", {"0113 496 0456"}),
        # The writer's own line, given above the sign-off, and a "(direct)" after the number.
        ("You can reach me directly on 020 7946 0123.\n\nYours sincerely,\n\nPeter Walsh\nInformation Governance Officer\n", {"reach me directly on 020 7946 0123"}),
        ("Should you need to discuss this, my mobile is 07700 900 321.\n\nKind regards,\nPeter Walsh\n", {"mobile is 07700 900 321"}),
        ("Telephone: 01632 960 999 (direct line)\nPeter Walsh, FOI Lead\n", {"01632 960 999"}),
    ],
)
def test_staff_contacts_are_flagged(text: str, leaks: set[str]) -> None:
    assert flagged(text) == leaks


@pytest.mark.parametrize(
    "text",
    [
        "Please write to foi@exampleshire.gov.uk, enquiries@exampleshire.gov.uk or information.governance@exampleshire.gov.uk.\n",
        "Switchboard: 01632 960000. Customer services: 01632 960100. General enquiries: 01632 960200.\n",
        "Information Governance Team\nEmail: foi@exampleshire.gov.uk\nTel: 01632 960000\n",
        "You can contact the Information Commissioner's Office on 0303 123 1113 or at casework@ico.org.uk.\n",
        "Our disclosure log is at https://www.exampleshire.gov.uk/foi/log.\n",
        "Yours sincerely\n\nJo Bloggs\nHead of Information Governance\n",
        "You can contact the Planning team directly on 01632 960500.\n",
        "If you have any questions, please call me on 01632 960000.\n\nYours sincerely,\n\nPeter Walsh\nFOI Officer\n",
        "A Smith report was sent to the board. A. Smith Ltd replied on 01632 960000.\n",
    ],
)
def test_organisational_contacts_are_not_flagged(text: str) -> None:
    assert flagged(text) == set()


def test_the_writers_own_line_names_who_signs_below() -> None:
    """"Call me on ..." above the sign-off is the signatory's line: the finding names them."""
    [finding] = personal("If you have questions, call me on 020 7946 0123.\n\nYours sincerely,\n\nPeter Walsh\nCase Officer\n")
    assert finding.rule.code == "PD002" and "(Peter Walsh, named on line" in finding.message


# --- hypothesis: any common name, job title and UK number, in any shape -------------------------

FIRST = ["Oliver", "George", "Harry", "Jack", "Noah", "Amelia", "Olivia", "Isla", "Ava", "Emily", "Sophie", "Mohammed",
         "Priya", "Aisha", "Gareth", "Rhys", "Siobhan", "Fiona", "Callum", "Jo", "Chloe", "Daniel", "Hannah", "Sean"]
LAST = ["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Roberts", "Johnson",
        "Patel", "Khan", "Singh", "Murphy", "O'Neill", "McDonald", "Campbell", "Hughes", "Smith-Jones", "Morgan", "Ahmed"]
TITLES = ["", "Mr ", "Mrs ", "Ms ", "Dr ", "Cllr ", "DC ", "PC ", "Insp ", "Sgt "]
JOBS = ["Senior Procurement Officer", "Information Governance Officer", "FOI Co-ordinator", "Data Protection Adviser",
        "Assistant Information Governance Manager", "Records Manager", "Team Leader", "Case Officer", "Project Manager"]
DEPTS = ["Finance Directorate", "Legal Services", "Corporate Services", "Digital Forensics Unit", "Adult Social Care"]


def _number(d: st.DrawFn) -> str:
    area = d(st.sampled_from(["01632 960", "020 7946 0", "0113 496 0", "0161 496 0", "07700 900"]))
    # Not ...000: a number ending 000 is read as a switchboard unless a name shares its sentence.
    tail = f"{d(st.integers(1, 999)):03d}"
    raw = area + tail
    style = d(st.sampled_from(["plain", "nospace", "+44", "+44(0)", "dashes", "brackets"]))
    digits = raw.replace(" ", "")
    if style == "nospace":
        return digits
    if style == "+44":
        return "+44 " + raw[1:]
    if style == "+44(0)":
        return "+44 (0)" + raw[1:]
    if style == "dashes":
        return raw.replace(" ", "-")
    if style == "brackets" and not digits.startswith("07"):
        head, _, rest = raw.partition(" ")
        return f"({head}) {rest}"
    return raw


@st.composite
def staff_contact(d: st.DrawFn) -> tuple[str, str]:
    """A draft tail naming an officer with a direct number, and that number."""
    title = d(st.sampled_from(TITLES))
    first, last = d(st.sampled_from(FIRST + ["A.", "I.", "J.", "S."])), d(st.sampled_from(LAST))
    name = f"{title}{first} {last}"
    if d(st.booleans()) and not title:
        name = name.upper()
    job, dept = d(st.sampled_from(JOBS)), d(st.sampled_from(DEPTS))
    number = _number(d)
    shape = d(st.integers(0, 4))
    if shape == 0:
        text = f"If you have any questions, please contact {name}, {job}, {dept}, on {number}.\n"
    elif shape == 1:
        text = f"Yours sincerely,\n\n{name}\n{job}\n{dept}\nDirect dial: {number}\n"
    elif shape == 2:
        text = f"Kind regards\n\n{name} | {job}\n\nTel: {number}\n"
    elif shape == 3:
        text = f"For more detail, {name} ({job}) can be reached on {number}.\n"
    else:
        ext = str(d(st.integers(2000, 9999)))
        return f"The figures were compiled by {name} (ext. {ext}).\n", f"ext. {ext}"
    return text, number


@settings(max_examples=150, deadline=None)
@given(staff_contact())
def test_any_named_officer_with_a_number_is_caught(case: tuple[str, str]) -> None:
    text, number = case
    # the evidence is the number, with the "Direct dial:" label that made it a person's line
    assert any(t == number or t.endswith(" " + number) for t in flagged("Thank you for your request.\n\n" + text))


@st.composite
def org_contact(d: st.DrawFn) -> str:
    box = d(st.sampled_from(["foi", "enquiries", "information.governance", "customer.services", "dpo", "ig.team", "freedomofinformation"]))
    label = d(st.sampled_from(["Switchboard", "Customer services", "General enquiries", "Main number", "Helpline"]))
    number = _number(d)
    if number.replace(" ", "").replace("-", "").lstrip("+4(0)").startswith("7"):
        number = "01632 960000"
    shape = d(st.integers(0, 2))
    if shape == 0:
        return f"Please contact the Information Governance Team at {box}@exampleshire.gov.uk or on {label.lower()} {number}.\n"
    if shape == 1:
        return f"Yours faithfully,\n\nInformation Governance Team\nEmail: {box}@exampleshire.gov.uk\n{label}: {number}\n"
    return f"{label}: {number}\nEmail: {box}@exampleshire.gov.uk\n"


@settings(max_examples=100, deadline=None)
@given(org_contact())
def test_role_mailboxes_and_switchboards_are_not_flagged(text: str) -> None:
    assert flagged("Thank you for your request.\n\n" + text) == set()


# --- redactions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Checked by (name removed), x.xxxxx@xxxx.gov.uk.\n",
        "Email: xxxxx.xxxxxx@exampleshire.gov.uk\n",
        "Prepared by: [REDACTED]\n",
        "Supervisor: \u2588\u2588\u2588\u2588\u2588\u2588, tel. *****\n",
        "Engineer: [s.40(2)]\n",
    ],
)
def test_redacted_text_is_neither_a_leak_nor_a_placeholder(text: str) -> None:
    ctx = ctx_for(text)
    assert [f.rule.code for f in [*personal_data.run(ctx), *template.run(ctx)]] == []


def test_placeholders_are_still_found_next_to_redactions() -> None:
    ctx = ctx_for("Our ref: FOI/XXXX. Checked by x.xxxxx@xxxx.gov.uk.\n")
    assert [f.evidence.text for f in template.run(ctx) if f.evidence is not None] == ["FOI/XXXX"]


# --- the pseudonymiser hides the same names --------------------------------------------------------


def test_pseudonymiser_uses_the_same_name_finder() -> None:
    draft = "Please contact Jo Bloggs, Senior Procurement Officer, Finance Directorate, on 01632 960123. DC Amy Patel agreed."
    p = build("Please send the lighting policy.", draft)
    out = p.apply(draft)
    for value in ("Jo Bloggs", "Amy Patel", "Patel", "01632 960123"):
        assert value not in out
    assert "Finance Directorate" in out and "Senior Procurement Officer" in out


# --- plainly written numbers read without phonenumbers agree with it ---------------------------------

SINGLE = ["01632 960123", "07700 900123", "0161 496 0732", "020 7946 0123", "0800 123 456", "+44 1632 960123",
          "+44 (0)1632 960123", "01632 960123 ext 45", "(01632) 960123", "01632-960-123", "0161 496 073",
          "01632 960123/4", "£01632 960123", "01632 9601234", "+441632960123", "0113 496 0000."]


@pytest.mark.parametrize("number", SINGLE)
@pytest.mark.parametrize("around", ["Tel {} end", "call {}.", "({})", "{}\n", "Mobile: {}, thanks"])
def test_plain_reading_agrees_with_phonenumbers(number: str, around: str) -> None:
    """The same numbers at the same places; where phonenumbers finds nothing (it misses
    "(+44 1632 960123)"), the plain reading may find the one number."""
    text = around.format(number)
    fast = [(c.text, c.start) for c in find_phones(text)]
    reference = [(c.text, c.start) for c in find_phones(text, plain=False)]
    assert fast == reference or (reference == [] and len(fast) == 1 and fast[0][0] == number)


# --- bounded time: growth, not a wall-clock threshold ------------------------------------------------


def _cpu(fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def _numbers_line(n: int) -> str:
    r = random.Random(n)
    return "Figures: " + " ".join(f"0{r.randrange(10**8, 10**9)}" for _ in range(n)) + "\n"


def _emails_line(n: int) -> str:
    return "Copied to: " + "; ".join(f"{chr(97 + i % 26)}.smith{i}@example.gov.uk" for i in range(n)) + "\n"


@pytest.mark.parametrize("make", [_numbers_line, _emails_line], ids=["numbers-on-one-line", "emails-on-one-line"])
def test_contact_time_grows_linearly(make: Callable[[int], str]) -> None:
    """Four times the contacts on one line must cost about four times as much (a quadratic
    reading, each contact re-reading its line, costs sixteen times)."""
    small, large = make(300), make(1200)
    ctx_small, ctx_large = ctx_for(small), ctx_for(large)
    t_small = _cpu(lambda: list(personal_data.run(ctx_small)))
    t_large = _cpu(lambda: list(personal_data.run(ctx_large)))
    assert len(find_contacts(large)) == 1200
    assert t_large / max(t_small, 1e-4) < 9


def test_name_list_is_read_only_when_a_contact_needs_a_name() -> None:
    from reviewer.analysis import names
    from reviewer.pipeline import review_texts

    names.lexicon.cache_clear()
    review_texts("1. How many street lights were replaced?", "1. How many street lights were replaced?\n2,316 were replaced.\n")
    review_texts("1. How many?", "2,316. Please write to foi@exampleshire.gov.uk or call the switchboard on 01632 960000.\n")
    assert names.lexicon.cache_info().currsize == 0
    review_texts("1. How many?", "2,316. Please contact Jo Bloggs on 01632 960123.\n")
    assert names.lexicon.cache_info().currsize == 1

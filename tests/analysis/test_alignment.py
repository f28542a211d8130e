"""Answer alignment: each layout drafts really use, and the status vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.pipeline import review_texts


def statuses(request: str, response: str) -> dict[str, str]:
    review = review_texts(request, response)
    return {a.question.ref: a.status.value for a in review.context.answers}


REQ3 = (
    "1. How many parking fines were issued in 2023?\n"
    "2. How much income did the fines raise?\n"
    "3. Which company enforces parking for the council?\n"
)


def test_echo_then_inline_answer() -> None:
    resp = (
        "1. How many parking fines were issued in 2023? 4,182\n"
        "2. How much income did the fines raise? We do not hold this information.\n"
        "3. Which company enforces parking for the council? N/A - enforcement is in-house.\n"
    )
    assert statuses(REQ3, resp) == {"1": "answered", "2": "not_held", "3": "not_applicable"}


def test_echo_then_answer_on_following_lines() -> None:
    resp = (
        "How many parking fines were issued in 2023?\n4,182.\n\n"
        "How much income did the fines raise?\nThis information is withheld under section 43(2) because release "
        "would be likely to prejudice the contractor's commercial interests.\n\n"
        "Which company enforces parking for the council?\nThe information is published on our website at "
        "https://www.example.gov.uk/parking.\n"
    )
    assert statuses(REQ3, resp) == {"1": "answered", "2": "withheld", "3": "redirected"}


def test_numbered_answers_without_echo() -> None:
    resp = "Thank you for your request.\n\n1. 4,182\n\n2. £151,330\n\n3. We do not hold this information.\n"
    assert statuses(REQ3, resp) == {"1": "answered", "2": "answered", "3": "not_held"}


def test_q_dash_answers() -> None:
    resp = "Q1 - 95\nQ2 - £4,000\nQ3 - Not applicable\n"
    req = "Q1. How many fines were issued?\nQ2. How much did they raise?\nQ3. Who enforces them?\n"
    assert statuses(req, resp) == {"1": "answered", "2": "answered", "3": "not_applicable"}


def test_echo_all_then_one_reply() -> None:
    resp = (
        "Your request:\n\n" + REQ3 + "\nOur response:\n\n"
        "We hold this information but it is exempt under section 31(1)(a) because release would be likely "
        "to prejudice the prevention of crime.\n"
    )
    assert set(statuses(REQ3, resp).values()) == {"withheld"}


def test_prose_reply_applies_to_every_question() -> None:
    resp = (
        "The council is applying section 14(1) of the Freedom of Information Act to this request because it is "
        "vexatious.\n"
    )
    assert set(statuses(REQ3, resp).values()) == {"refused"}


def test_cost_refusal_without_citation_is_still_refused() -> None:
    resp = "Collating this would take more than 18 hours, so we will not be complying with your request.\n"
    assert set(statuses(REQ3, resp).values()) == {"refused"}


def test_ncnd() -> None:
    resp = "The council can neither confirm nor deny whether it holds this information, under section 31(3).\n"
    assert set(statuses(REQ3, resp).values()) == {"ncnd"}


def test_unreached_question_is_unanswered() -> None:
    resp = "1. How many parking fines were issued in 2023? 4,182\n2. How much income did the fines raise? £151,330\n"
    assert statuses(REQ3, resp)["3"] == "unanswered"


def test_partial_answer() -> None:
    req = "1. How many collisions were there in 2016, 2017 and 2018?\n"
    resp = (
        "1. How many collisions were there in 2016, 2017 and 2018?\n"
        "2018: 13. We only keep records for the previous year, so we do not hold figures for 2016 or 2017.\n"
    )
    assert statuses(req, resp) == {"1": "partial"}


def test_nil_answer_makes_conditional_follow_up_not_applicable() -> None:
    req = "1. Has the authority made any exit payments over £100,000?\n2. If so, please give details of each payment.\n"
    resp = "1. Has the authority made any exit payments over £100,000?\nNo.\n"
    assert statuses(req, resp) == {"1": "answered", "2": "not_applicable"}


def test_branch_answered_na_as_a_whole() -> None:
    req = (
        "1. Who maintains your CCTV?\n\nIf there is no maintenance contract in place\n\n"
        "1. Who maintains it in-house?\n2. What does that cost?\n"
    )
    resp = (
        "1. Who maintains your CCTV? Acme Security Ltd.\n\n"
        "If there is no maintenance contract in place: N/A\n"
    )
    assert statuses(req, resp) == {"1": "answered", "B.1": "not_applicable", "B.2": "not_applicable"}


def test_repeated_question_text_in_two_branches_is_matched_in_order() -> None:
    req = (
        "1. How many cameras are in use?\n\nIf there is no contract\n\n1. How many cameras are in use?\n"
    )
    resp = "1. How many cameras are in use? 42\n\nIf there is no contract\n\n1. How many cameras are in use? N/A\n"
    assert statuses(req, resp) == {"1": "answered", "B.1": "not_applicable"}


def test_draft_that_echoes_the_request_twice_uses_the_answered_copy() -> None:
    req = "What was the capital cost of the drone?\nWhat is the most common use of the drone?\n"
    resp = (
        "Initial request:\n" + req + "\nFinal response:\n"
        "What was the capital cost of the drone?\n£12,000\n"
        "What is the most common use of the drone?\nTraining purposes\n"
    )
    assert statuses(req, resp) == {"1": "answered", "2": "answered"}


def test_evidence_is_the_answer_text() -> None:
    review = review_texts(REQ3, "1. 4,182\n2. £151,330\n3. Parkwise Ltd\n")
    a = review.context.answers[2]
    assert a.span is not None
    assert review.context.response.text[a.span.start : a.span.end] == "Parkwise Ltd"


LAYOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "layouts"
EXPECTED_LAYOUTS = {
    "draft-md.md": (["answered", "answered", "not_held"], ["There are 42", "£2.1 million.", "We do not hold"]),
    "draft-reqresp.txt": (["answered", "answered", "answered"], ["42 FTE.", "£2.1m", "7"]),
    "draft-qa.txt": (["answered", "answered", "not_held"], ["42.", "£2.1m.", "This information is not held."]),
    "draft-quoted.txt": (["answered", "answered", "answered"], ["42 FTE.", "£2.1 million.", "Seven appeals"]),
    "draft-table.txt": (["answered", "answered", "not_held"], ["42", "£2.1m", "Not held"]),
    "draft-part.txt": (["answered", "answered", "not_held"], ["the planning department", "the budget", "we do not hold"]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED_LAYOUTS))
def test_layouts_give_status_and_clean_evidence(name: str) -> None:
    """Markdown emphasis, 'Request 1:/Response 1:', 'Q1)/A1)', a quoted request answered as a
    numbered list, a table, and 'In answer to part 1 of your request' prose."""
    request = (LAYOUTS / "request.txt").read_text(encoding="utf-8")
    draft = (LAYOUTS / name).read_text(encoding="utf-8")
    review = review_texts(request, draft)
    want_status, want_evidence = EXPECTED_LAYOUTS[name]
    got = review.context.answers
    assert [a.status.value for a in got] == want_status
    for a, prefix in zip(got, want_evidence):
        assert a.span is not None
        assert review.context.response.text[a.span.start : a.span.end].startswith(prefix)


def test_long_request_and_long_prose_reply_stay_bounded() -> None:
    """Thousands of questions answered by one long prose reply: every question shares the
    reply, but evidence is clipped, so memory does not grow as questions x reply length."""
    from reviewer.core.findings import EVIDENCE_MAX
    from reviewer.reporters.records import review_record

    request = "\n".join(f"{i}. How many widgets of type {i} were bought in 2023?" for i in range(1, 1001))
    reply = "We do not hold this information. " * 3000
    review = review_texts(request, reply)
    record = review_record(review)
    assert len(record["questions"]) == 1000
    assert {q["status"] for q in record["questions"]} == {"not_held"}
    ev = record["questions"][0]["evidence"]
    assert len(ev["text"]) == EVIDENCE_MAX and ev["truncated"] is True
    assert ev["end"] - ev["start"] > EVIDENCE_MAX


def test_combined_file_without_headings_reads_answers_as_answers() -> None:
    """One file of numbered questions, each followed by its answer: 'Please see the attached
    spreadsheet.' is the answer to question 2, not a third question."""
    from reviewer.pipeline import review_files

    review = review_files(None, LAYOUTS / "combined-no-headings.txt")
    got = [(a.question.ref, a.status.value) for a in review.context.answers]
    assert got == [("1", "answered"), ("2", "answered"), ("3", "not_held")]
    assert review.findings == []


@pytest.mark.parametrize(
    "name, statuses, evidence",
    [
        (
            "draft-request-response-headings.txt",
            ["answered", "answered", "answered"],
            ["1,204 fixed penalty notices were issued.", "£96,320 was received.",
             "Enforcement is carried out by council officers; no company is used."],
        ),
        (
            "draft-question-answer-labels.txt",
            ["answered", "not_held", "not_applicable"],
            ["1,204.", "The council does not hold this information separately from other fixed penalty income.",
             "Not applicable - enforcement is in-house."],
        ),
    ],
)
def test_label_lines_stay_out_of_answers(name: str, statuses: list[str], evidence: list[str]) -> None:
    """'Request 2' / 'Response 2' on lines of their own, and 'Question:' / 'Answer:' labels, are
    not part of any answer."""
    request = (LAYOUTS / "request-fpn.txt").read_text(encoding="utf-8")
    review = review_texts(request, (LAYOUTS / name).read_text(encoding="utf-8"))
    got = review.context.answers
    assert [a.status.value for a in got] == statuses
    assert [review.context.response.text[a.span.start : a.span.end] for a in got if a.span] == evidence


def test_question_number_label_lines_belong_to_the_next_question() -> None:
    """"Question Number 2:" above an echoed question is that question's label, not the tail of
    the answer before it; so a bare "Please see answer to Question 1." still reads as a pointer."""
    req = (
        "1. How many library books were lost in 2024?\n"
        "2. How many of these were children's books?\n"
        "3. What did replacing them cost?\n"
    )
    resp = (
        "Question Number 1:\nHow many library books were lost in 2024?\n\n"
        "Answer To Question 1:\nWe do not hold this information. Losses are not recorded centrally.\n\n"
        "Question Number 2:\nHow many of these were children's books?\n\n"
        "Answer To Question 2:\nPlease see answer to Question 1.\n\n"
        "Question No. 3:\nWhat did replacing them cost?\n\n"
        "Answer To Question 3:\nPlease see answer to Question 1.\n"
    )
    assert statuses(req, resp) == {"1": "not_held", "2": "not_held", "3": "not_held"}


def test_short_question_words_inside_prose_are_not_an_echo() -> None:
    """A prose reply that happens to use a short question's opening words mid-sentence still
    answers every question; it is not the echo of the first one with the rest 'not reached'."""
    req = (
        "1. Number of park wardens employed by the council.\n"
        "2. Breakdown of wardens' pay by grade.\n"
        "3. Breakdown of overtime paid to wardens in each year since 2020.\n"
    )
    resp = (
        "The council has considered your request and the information is in the attached spreadsheet.\n\n"
        "The spreadsheet shows pay bands and the number of park wardens employed by the service within each band.\n\n"
        "For overtime we have given one combined figure per year for all wardens.\n"
    )
    got = statuses(req, resp)
    assert got["2"] != "unanswered" and got["3"] != "unanswered", got


def test_request_quoted_in_one_run_then_answered_under_question_headings() -> None:
    """The request quoted as one paragraph ("...this year? 2. How many...") leaves only the next
    number between two echoes: that is not an answer. The replies stand under bare
    "Question 2" headings, one of them shared ("Question 1 & 3")."""
    req = (
        "1. How many bus shelters did you repair in 2024? 2. How many of these were vandalised? "
        "3. What was the total repair cost?"
    )
    resp = (
        "You asked: '1. How many bus shelters did you repair in 2024? 2. How many of these were vandalised? "
        "3. What was the total repair cost?'\n\n"
        "Question 1 & 3\n\n"
        "Repairs are logged on job sheets that would each need reading by hand. We estimate this at 30 hours, "
        "so under section 12 the cost of complying would exceed the appropriate limit.\n\n"
        "Question 2\n\n"
        "Eleven shelters were vandalised.\n"
    )
    got = statuses(req, resp)
    assert got["1"] == "refused" and got["2"] == "answered", got


def test_a_mail_archive_link_list_is_not_numbered_answers() -> None:
    """A message saved from a mail archive ends with its hyperlinks as "Visible links /
    1. mailto:... / 2. https://...": those numbers are footnotes, not answers 1 and 2."""
    req = "1. When was the bridge last inspected?\n2. Who carried out the inspection?\n3. What did it cost?\n"
    resp = (
        "Dear Sam,\n\nThank you for your e-mail.\n\n"
        "We have been advised that requests about the bridge should be directed to the highways authority.\n\n"
        "Their address for such enquiries is:\n\n[1][email address]\n\n"
        "Please accept my apologies for any inconvenience.\n\nKind regards,\n\nInformation Team\n\n"
        "References\n\nVisible links\n1. mailto:[email address]\n2. https://www.example.gov.uk/\n"
    )
    assert statuses(req, resp) == {"1": "unanswered", "2": "unanswered", "3": "unanswered"}


def test_checklist_answered_by_marking_the_requests_own_options() -> None:
    """The draft repeats a question's option lines from the request and marks each one; the
    options are request text, the marks after them are the answer (not an empty answer that
    leaves every question to share the last reply)."""
    req = (
        "- Which of these vehicles does your fleet include?\n"
        "Electric refuse collection vehicles\n"
        "Hydrogen powered buses or minibuses\n"
        "Diesel gritters\n"
        "- Do you lease any vehicles from a private company?\n"
        "Yes, under a long-term contract arrangement\n"
        "No\n"
        "- How many vehicles were written off in 2024?\n"
    )
    resp = (
        "- Which of these vehicles does your fleet include?\n"
        "Electric refuse collection vehicles  Yes\n"
        "Hydrogen powered buses or minibuses  No\n"
        "Diesel gritters  Yes\n"
        "- Do you lease any vehicles from a private company?\n"
        "Yes, under a long-term contract arrangement\n"
        "No  No\n"
        "- How many vehicles were written off in 2024?\n"
        "We do not hold this information.\n"
    )
    assert statuses(req, resp) == {"1": "answered", "2": "answered", "3": "not_held"}


def test_questions_about_a_thing_the_body_says_it_does_not_have_are_not_applicable() -> None:
    """"We do not have an electric gritter." and nothing more on the gritter's running costs:
    those questions depend on a condition that does not hold (not_applicable), while a
    question the denial does not cover stays unanswered, and "we have no records" is not a
    missing thing."""
    req = (
        "1. Does the council use gritters on cycle paths?\n"
        "2. What is the annual running cost of your electric gritter?\n"
        "3. Who drives the electric gritter in snow?\n"
        "4. How many tonnes of salt were spread last winter?\n"
        "5. Please send the maintenance records for the salt barn.\n"
    )
    resp = (
        "1. Does the council use gritters on cycle paths?\n"
        "Yes, on the main routes only. We do not have an electric gritter. We have no records of salt barn repairs.\n"
    )
    got = statuses(req, resp)
    assert got["2"] == "not_applicable" and got["3"] == "not_applicable", got
    assert got["4"] == "unanswered" and got["5"] == "unanswered", got


def test_a_prose_reply_ends_at_its_sign_off() -> None:
    """The signature under "Yours sincerely" (an officer's name, a team, the council) is no
    part of the reply: the answer's evidence stops before it, so no name is quoted as an answer."""
    request = "Does the council use body-worn cameras for its parking enforcement officers?\n"
    draft = (
        "Dear Mr Asker,\n\nYes, we do.\n\nYours sincerely,\n\nJane Smith\nParking Services Manager\nExample Borough Council\n"
    )
    review = review_texts(request, draft)
    (answer,) = review.context.answers
    assert answer.span is not None
    quoted = review.context.response.text[answer.span.start : answer.span.end]
    assert "Yes, we do." in quoted and "Jane" not in quoted and "Yours" not in quoted


def test_a_sign_off_followed_by_an_annex_ends_nothing() -> None:
    """A signature is a few lines; a cover note signed off above an annex that holds the answer
    keeps the annex in the reply."""
    request = "How many fixed penalty notices for littering did the council issue in 2024?\n"
    annex = " ".join(["The enforcement team patrolled the town centre on weekdays and at weekends."] * 8)
    draft = (
        "Dear Mr Asker,\n\nOur answer is set out in the annex.\n\nYours sincerely,\n\nEnvironmental Services\n\n"
        f"Annex\n\n{annex}\n\nIn 2024 the council issued 1,284 fixed penalty notices for littering.\n"
    )
    review = review_texts(request, draft)
    (answer,) = review.context.answers
    assert answer.span is not None
    assert "1,284" in review.context.response.text[answer.span.start : answer.span.end]

"""Quoted e-mail history is not the draft, and know what you were given (issue 13, items 3-4).

The e-mail and Outlook files are built at test time (`docbuild.eml_reply`, msgforge); the
replies are invented text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import docbuild
from conftest import run_cli
from reviewer.loaders import load
from reviewer.pipeline import review_files
from reviewer.reporters.records import review_record
from reviewer.text.quoted import quote_start

REPLY = """Dear Mr Requester,

Thank you for your request about your CCTV maintenance contract.

1. The supplier is Acme Security Systems Ltd.
2. The contract cost £41,000 in 2021/22, £42,500 in 2022/23 and £44,000 in 2023/24.
3. We do not hold this information; the contract is priced per site.

If you are dissatisfied you can ask for an internal review by writing to foi@council.gov.uk
within 40 working days. You may then complain to the Information Commissioner's Office.

Yours sincerely,
Information Governance Team
"""
STYLES = ["outlook", "outlook-line", "wrote"]


def _draft(tmp_path: Path, kind: str, style: str) -> Path:
    if kind == "txt":
        path = tmp_path / "reply.txt"
        path.write_text(docbuild.quoted_reply(REPLY, style=style), encoding="utf-8")
        return path
    if kind == "eml":
        return docbuild.eml_reply(tmp_path / "reply.eml", REPLY, style=style)
    return docbuild.msg_with_attachment(tmp_path / "reply.msg", None, body=docbuild.quoted_reply(REPLY, style=style))


def _statuses(rec: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {q["ref"]: q["status"] for q in rec["questions"]}


@pytest.mark.parametrize("kind", ["txt", "eml", "msg"])
@pytest.mark.parametrize("style", STYLES)
def test_quoted_request_does_not_answer_the_questions(tmp_path: Path, kind: str, style: str) -> None:
    """The quoted request restates Q4; only the reply above it is reviewed, so Q4 is unanswered."""
    req = tmp_path / "request.txt"
    req.write_text(docbuild.REQUEST, encoding="utf-8")
    rec = review_record(review_files(req, _draft(tmp_path, kind, style)))
    assert _statuses(rec) == {"1": "answered", "2": "answered", "3": "not_held", "4": "unanswered"}
    assert rec["summary"]["verdict"] == "fail"
    assert any("quoted below the reply" in n and "not reviewed" in n for n in rec["notes"])


@pytest.mark.parametrize("kind", ["txt", "eml", "msg"])
@pytest.mark.parametrize("style", STYLES)
def test_quoted_request_is_the_request_when_none_is_given(tmp_path: Path, kind: str, style: str) -> None:
    rec = review_record(review_files(None, _draft(tmp_path, kind, style)))
    assert _statuses(rec) == {"1": "answered", "2": "answered", "3": "not_held", "4": "unanswered"}
    assert any(n.startswith("the request was taken from the earlier e-mail quoted below the reply") for n in rec["notes"])


def test_terminal_header_says_where_the_request_came_from(tmp_path: Path) -> None:
    proc = run_cli("check", _draft(tmp_path, "txt", "wrote"), "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    assert "request taken from the e-mail quoted below the reply" in " ".join(proc.stdout.split())


def test_evidence_points_into_the_file_above_the_quote(tmp_path: Path) -> None:
    """A placeholder in the reply is found at its real line and column in the file."""
    path = tmp_path / "reply.txt"
    text = docbuild.quoted_reply(REPLY.replace("Acme Security Systems Ltd.", "[supplier name]."), style="wrote")
    path.write_text(text, encoding="utf-8")
    rec = review_record(review_files(None, path))
    tp = [f for f in rec["findings"] if f["code"] == "TP001"]
    assert len(tp) == 1
    ev = tp[0]["evidence"]
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "[supplier name]" in ln)
    assert ev["line"] == line and ev["text"] == "[supplier name]" == text[ev["start"] : ev["end"]]


def test_eml_attachment_after_quoted_history_is_still_reviewed(tmp_path: Path) -> None:
    att = tmp_path / "answer4.txt"
    att.write_text("4. The inspection report is attached in full.\n", encoding="utf-8")
    doc = load(docbuild.eml_reply(tmp_path / "reply.eml", REPLY, style="outlook", attachment=att))
    cut = quote_start(doc.text)
    assert cut is not None
    assert doc.text.index("The inspection report is attached") < cut  # the attachment stays in the reply
    assert doc.location_label(cut) == "quoted earlier message"


@pytest.mark.parametrize(
    "text",
    [
        "From: A Requester <a@example.com>\nSent: 3 March 2025\nTo: FOI\nSubject: request\n\n1. Please provide x.\n",
        "Dear Mr Jones,\n\n1. The answer is 4.\n\nYours sincerely,\nFOI Team\n",
        "1. We hold 3 > 2 of the reports.\n2. The rest is > 5 years old.\n\nYours sincerely\n",  # ">" inside lines
    ],
)
def test_no_quoted_history_found_where_there_is_none(text: str) -> None:
    assert quote_start(text) is None


# --- item 4: know what you were given ---------------------------------------------------------


def _one_line_exit_2(proc, needle: str) -> None:  # type: ignore[no-untyped-def]
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert needle in lines[0], lines[0]


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_reply_alone_is_refused_with_a_hint(tmp_path: Path, suffix: str) -> None:
    """Issue 13.4: a reply given alone used to print "(request found inside the file)" and PASS."""
    path = tmp_path / f"draft{suffix}"
    if suffix == ".txt":
        path.write_text(REPLY, encoding="utf-8")
    else:
        docbuild.docx_from_text(REPLY, path)
    proc = run_cli("check", path)
    _one_line_exit_2(proc, "give the request as well: foi-review check REQUEST DRAFT")
    assert "no request found" in proc.stderr


def test_swapped_files_are_refused_with_a_hint(tmp_path: Path) -> None:
    """`check draft request` used to give CHECK with no warning."""
    req = tmp_path / "request.txt"
    req.write_text(docbuild.REQUEST, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(docbuild.RESPONSE, encoding="utf-8")
    _one_line_exit_2(run_cli("check", draft, req), "look swapped")
    assert run_cli("check", req, draft, "--fail-on", "never").returncode == 0


def test_questions_with_inline_answers_in_one_file_still_work(tmp_path: Path) -> None:
    path = tmp_path / "combined.txt"
    path.write_text(
        "1. How many parking fines were issued in 2023?\n4,182.\n\n2. Which company enforces parking?\nWe do it ourselves.\n",
        encoding="utf-8",
    )
    rec = review_record(review_files(None, path))
    assert [q["ref"] for q in rec["questions"]] == ["1", "2"]


@pytest.mark.parametrize(
    ("request_text", "draft"),
    [
        # a request for an internal review talks like a reply and is still the request
        (
            "Dear FOI team,\n\nI would like to request an internal review of your reply, which withheld the contract "
            "under section 43 as exempt.\n\nYours faithfully,\nA. Requester\n",
            "1. Did you consider the public interest? Yes: the review upholds the decision.\n",
        ),
        # a request quoting the reply it complains about, against a full reply
        (docbuild.REQUEST + "\nYou said: 'we do not hold this information'.\n", docbuild.RESPONSE),
    ],
)
def test_not_swapped_when_the_request_only_sounds_like_a_reply(tmp_path: Path, request_text: str, draft: str) -> None:
    from reviewer.analysis.given import looks_swapped

    assert not looks_swapped(request_text, draft)


@pytest.mark.parametrize("separator", ["-----Original Message-----", "-----ORIGINAL MESSAGE-----", "---------- Forwarded message ---------"])
def test_the_original_message_separator_is_found_in_any_case(separator: str) -> None:
    text = REPLY + f"\n{separator}\nFrom: A. Requester\nDate: 3 March 2025\n\n" + docbuild.REQUEST
    assert quote_start(text) == text.index(separator)

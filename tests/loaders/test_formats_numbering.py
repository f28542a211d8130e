"""Word as the reader sees it, and formats that are not plain text (issue 13, items 2 and 7).

Every Word and OpenDocument file here is built with a real library (python-docx, odfpy) at
test time; the Word files use the numbering Word itself writes (the "List Number" style of
Word's own template, or w:numPr with numbering.xml levels), never a typed "1.".
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz_loaders import mutations

import docbuild
from conftest import run_cli
from reviewer.core.document import Document
from reviewer.core.errors import InputError
from reviewer.loaders import load
from reviewer.pipeline import review_files
from reviewer.reporters.records import review_record

OPENING = [
    "Dear Mr Requester,",
    "Thank you for your request for information about your CCTV maintenance contract, which we received on 3 March.",
]
ANSWERS = [
    "The supplier is Acme Security Systems Ltd.",
    "The contract cost £41,000 in 2021/22, £42,500 in 2022/23 and £44,000 in 2023/24.",
    "We do not hold this information; the contract is priced per site, not per camera.",
]
CLOSING = [
    "If you are dissatisfied you can ask for an internal review by writing to foi@council.gov.uk within "
    "40 working days. You may then complain to the Information Commissioner's Office.",
    "Yours sincerely,",
    "Information Governance Team",
]


def _review(tmp_path: Path, draft: Path) -> dict:  # type: ignore[type-arg]
    req = tmp_path / "request.txt"
    req.write_text(docbuild.REQUEST, encoding="utf-8")
    return review_record(review_files(req, draft))


def _lines(path: Path) -> list[str]:
    return [line for line in load(path).text.splitlines() if line.strip()]


@pytest.mark.parametrize("how", ["style", "numpr"])
def test_word_numbering_reaches_the_text(tmp_path: Path, how: str) -> None:
    path = docbuild.docx_numbered(tmp_path / "reply.docx", ANSWERS, OPENING, CLOSING, how=how)
    lines = _lines(path)
    assert lines[2:5] == [f"{n}. {a}" for n, a in zip((1, 2, 3), ANSWERS)]
    assert lines[0] == "Dear Mr Requester,"  # un-numbered paragraphs are untouched


@pytest.mark.parametrize("how", ["style", "numpr"])
def test_word_reply_with_auto_numbered_answers_missing_q4_fails(tmp_path: Path, how: str) -> None:
    """Issue 13.2: answers 1-3 in Word numbering, answer 4 left out: Q4 unanswered, not PASS."""
    rec = _review(tmp_path, docbuild.docx_numbered(tmp_path / "reply.docx", ANSWERS, OPENING, CLOSING, how=how))
    statuses = {q["ref"]: q["status"] for q in rec["questions"]}
    assert statuses == {"1": "answered", "2": "answered", "3": "not_held", "4": "unanswered"}
    assert rec["summary"]["verdict"] == "fail"
    assert any(f["code"] == "CP001" for f in rec["findings"])


def test_word_multilevel_letters_and_roman(tmp_path: Path) -> None:
    items: list[docbuild.Item] = ["Costs", (1, "2021/22: £41,000"), (1, "2022/23: £42,500"), (2, "of which parts"), "Cameras", (1, "none")]
    lines = _lines(docbuild.docx_numbered(tmp_path / "r.docx", items, how="numpr"))
    assert lines == ["1. Costs", "(a) 2021/22: £41,000", "(b) 2022/23: £42,500", "i. of which parts", "2. Cameras", "(a) none"]
    legal = docbuild.docx_numbered(tmp_path / "l.docx", ["Costs", (1, "a"), (1, "b")], how="numpr", levels=[("decimal", "%1."), ("decimal", "%1.%2")])
    assert _lines(legal) == ["1. Costs", "1.1 a", "1.2 b"]


@pytest.mark.parametrize(
    ("fmt", "text", "start", "want"),
    [
        ("upperRoman", "%1.", 1, ["I.", "II.", "III.", "IV."]),
        ("lowerLetter", "%1)", 1, ["a)", "b)", "c)", "d)"]),
        ("upperLetter", "(%1)", 25, ["(Y)", "(Z)", "(AA)", "(BB)"]),
        ("decimal", "Q%1:", 7, ["Q7:", "Q8:", "Q9:", "Q10:"]),
        ("bullet", "\uf0b7", 1, ["•", "•", "•", "•"]),
    ],
)
def test_word_number_formats_and_start(tmp_path: Path, fmt: str, text: str, start: int, want: list[str]) -> None:
    path = docbuild.docx_numbered(tmp_path / "r.docx", ["w", "x", "y", "z"], how="numpr", levels=[(fmt, text)], start=start)
    assert [line.rsplit(" ", 1)[0] for line in _lines(path)] == want


@pytest.mark.parametrize(("restart", "second"), [(True, ["1. c", "2. d"]), (False, ["3. c", "4. d"])])
def test_word_restart_with_start_override_or_continue(tmp_path: Path, restart: bool, second: list[str]) -> None:
    path = docbuild.docx_two_numbered_lists(tmp_path / "r.docx", ["a", "b"], ["c", "d"], "Second list:", restart)
    assert _lines(path) == ["1. a", "2. b", "Second list:", *second]


def test_odt_numbered_list_and_verdict(tmp_path: Path) -> None:
    path = docbuild.odt_numbered(tmp_path / "reply.odt", [*ANSWERS[:2], (1, "of which parts: £3,000"), ANSWERS[2]], OPENING, CLOSING)
    assert _lines(path)[2:6] == [f"1. {ANSWERS[0]}", f"2. {ANSWERS[1]}", "a) of which parts: £3,000", f"3. {ANSWERS[2]}"]
    rec = _review(tmp_path, path)
    assert {q["ref"]: q["status"] for q in rec["questions"]}["4"] == "unanswered"
    assert rec["summary"]["verdict"] == "fail"


def _rtf(lines: list[str], numbered: bool, before: list[str] | None = None) -> bytes:
    """RTF as Word saves it: each numbered paragraph carries its number in {\\listtext}."""

    def esc(s: str) -> str:
        return "".join(c if ord(c) < 128 else f"\\u{ord(c)}?" for c in s)

    body = [f"\\pard {esc(line)}\\par\n" for line in before or []]
    for i, line in enumerate(lines, 1):
        mark = f"{{\\listtext\\f0 {i}.\\tab}}" if numbered else ""
        body.append(f"\\pard {mark}{esc(line)}\\par\n")
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}{\\colortbl;\\red0\\green0\\blue0;}\n" + "".join(body) + "}").encode("ascii")


def test_rtf_is_read_without_its_markup(tmp_path: Path) -> None:
    path = tmp_path / "reply.rtf"
    path.write_bytes(_rtf(ANSWERS, numbered=True))
    text = load(path).text
    assert "\\rtf" not in text and "fonttbl" not in text and "Arial" not in text
    assert text.splitlines()[:2] == [f"1. {ANSWERS[0]}", f"2. {ANSWERS[1]}"]


def test_rtf_reply_missing_q4_fails(tmp_path: Path) -> None:
    path = tmp_path / "reply.rtf"
    path.write_bytes(_rtf(ANSWERS, numbered=True, before=OPENING))
    rec = _review(tmp_path, path)
    assert {q["ref"]: q["status"] for q in rec["questions"]}["4"] == "unanswered"
    assert rec["summary"]["verdict"] == "fail"


def test_rtf_saved_as_txt_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_bytes(_rtf(ANSWERS, numbered=False))
    assert load(path).text.splitlines()[0] == ANSWERS[0]


def test_real_doc_is_refused_in_one_line(tmp_path: Path) -> None:
    doc = tmp_path / "reply.doc"
    docbuild.msg_with_attachment(doc, None)  # any OLE2 compound file: the old binary formats share it
    req = tmp_path / "request.txt"
    req.write_text(docbuild.REQUEST, encoding="utf-8")
    proc = run_cli("check", req, doc)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "save it as .docx or .pdf" in lines[0]


def test_docx_renamed_doc_is_read_by_content(tmp_path: Path) -> None:
    path = docbuild.docx_numbered(tmp_path / "reply.docx", ANSWERS, OPENING, CLOSING)
    renamed = tmp_path / "reply.doc"
    renamed.write_bytes(path.read_bytes())
    assert _lines(renamed) == _lines(path)


def _bomb_odt(path: Path) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", b"<a>" + b" " * (80 * 1024 * 1024) + b"</a>")
    path.write_bytes(buf.getvalue())
    return path


def _bad_encoding_odt(path: Path) -> Path:
    """An .odt whose content.xml declares an encoding that does not exist (found by fuzzing:
    the XML parser raised LookupError, which escaped as an internal error)."""
    src = docbuild.odt_numbered(path.with_name("src.odt"), ANSWERS)
    buf = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "content.xml":
                data = data.replace(b"UTF-8", b"UTF-3", 1).replace(b"utf-8", b"UTF-3", 1)
            zout.writestr(info, data)
    path.write_bytes(buf.getvalue())
    return path


@pytest.mark.parametrize(
    ("name", "make", "needle"),
    [
        ("bomb.odt", _bomb_odt, "zip bomb"),
        ("encoding.odt", _bad_encoding_odt, "damaged"),
        ("junk.rtf", lambda p: (p.write_bytes(b"{\\rtf1 " + bytes(range(256)) * 64), p)[1], "binary"),
        ("notzip.odt", lambda p: (p.write_text("plain words, not a package"), p)[1], "not a valid Office file"),
        ("empty.rtf", lambda p: (p.write_bytes(b"{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}}"), p)[1], "no text"),
    ],
)
def test_hostile_inputs_in_new_formats_exit_2_in_one_line(tmp_path: Path, name: str, make, needle: str) -> None:  # type: ignore[no-untyped-def]
    req = tmp_path / "request.txt"
    req.write_text(docbuild.REQUEST, encoding="utf-8")
    proc = run_cli("check", req, make(tmp_path / name))
    assert proc.returncode == 2, proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr and needle in lines[0], proc.stderr


def test_word_request_with_auto_numbered_questions_is_parsed_by_number(tmp_path: Path) -> None:
    """The request side too: Word-numbered questions are parsed as 1-4, not as one prose block."""
    questions = [line.split(". ", 1)[1] for line in docbuild.REQUEST.splitlines() if line[:2] in ("1.", "2.", "3.", "4.")]
    req = docbuild.docx_numbered(tmp_path / "request.docx", questions, ["Dear Council,", "Please provide:"], ["Yours faithfully,"])
    draft = tmp_path / "draft.txt"
    draft.write_text(docbuild.RESPONSE, encoding="utf-8")
    rec = review_record(review_files(req, draft))
    assert [q["ref"] for q in rec["questions"]] == ["1", "2", "3", "4"]
    assert {q["ref"]: q["status"] for q in rec["questions"]} == {"1": "answered", "2": "answered", "3": "not_held", "4": "withheld"}


_FUZZ_SEEDS: dict[str, bytes] = {}


def _fuzz_seed(suffix: str, tmp: Path) -> bytes:
    if suffix not in _FUZZ_SEEDS:
        if suffix == ".odt":
            data = docbuild.odt_numbered(tmp / "s.odt", [*ANSWERS, (1, "nested")], OPENING, CLOSING).read_bytes()
        elif suffix == ".rtf":
            data = _rtf(ANSWERS, numbered=True, before=OPENING)
        else:  # a .docx saved with a .doc name, numbered by style
            data = docbuild.docx_numbered(tmp / "s.docx", ANSWERS, OPENING, CLOSING).read_bytes()
        _FUZZ_SEEDS[suffix] = data
    return _FUZZ_SEEDS[suffix]


@pytest.mark.parametrize("suffix", [".odt", ".rtf", ".doc"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(muts=mutations, cut=st.one_of(st.none(), st.floats(min_value=0.05, max_value=1)))
def test_mutated_new_format_files_load_or_raise_input_error(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, muts: list[tuple[float, int]], cut: float | None
) -> None:
    """As tests/loaders/test_fuzz_loaders.py, for the formats added here (numbering code included)."""
    data = bytearray(_fuzz_seed(suffix, tmp_path_factory.getbasetemp()))
    for where, byte in muts:
        data[int(where * len(data))] = byte
    if cut is not None:
        data = data[: max(1, int(len(data) * cut))]
    path = tmp_path_factory.getbasetemp() / f"fuzz{suffix}"
    path.write_bytes(bytes(data))
    try:
        doc = load(path)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(doc, Document)

"""`check --format html` without a browser: escaping, masking, highlights and the page's CSP.

The browser tests (test_html_report_browser.py) show the file works; these pin down what it
holds, on invented drafts.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from pathlib import Path

from conftest import run_cli
from reviewer.pipeline import review_texts
from reviewer.reporters.records import review_record
from reviewer.reporters.review_html import fragment, render, texts_of

REQUEST = "1. How many CCTV cameras do you operate?\n2. Who maintains them?\n"
DRAFT = (
    "Dear X,\n\n"
    "1. We operate 40 cameras. <script>alert('draft')</script>\n\n"
    "2. This information is withheld.\n\n"
    "If you have any questions, please contact Jane Smith at jane.smith@council.gov.uk.\n"
)


def page(show: bool = False) -> str:
    review = review_texts(REQUEST, DRAFT)
    return render([(review_record(review), texts_of(review))], show_personal_data=show)


def test_draft_text_is_escaped_everywhere() -> None:
    html = page()
    assert "<script>alert" not in html
    draft = html.split('<pre class="draft"', 1)[1].split(">", 1)[1].split("</pre>", 1)[0]
    shown = unescape(re.sub(r'<a class="tag[^>]*>[^<]*</a>|<[^>]+>', "", draft))
    assert "<script>alert('draft')</script>" in shown  # the text, as text
    assert len(re.findall(r"<script>", html)) == 1  # the page's own, hashed below


def test_staff_contact_is_masked_in_the_list_and_in_the_draft_unless_asked() -> None:
    masked = page()
    assert "jane.smith@council.gov.uk" not in masked
    assert "j***@council.gov.uk" in masked
    shown = page(show=True)
    assert shown.count("jane.smith@council.gov.uk") >= 2  # the finding and the draft


def test_every_finding_has_a_highlight_with_its_code() -> None:
    review = review_texts(REQUEST, DRAFT)
    record = review_record(review)
    html = fragment(record, texts_of(review))
    codes = {f["code"] for f in record["findings"]}
    assert {"TP001", "PD001"} <= codes
    for i, f in enumerate(record["findings"], 1):
        if f["evidence"]:
            tag = re.search(rf'<a class="tag sev-{f["severity"]}" id="ev-r1-f{i}" href="#r1-f{i}" title="([^"]+)"[^>]*>([^<]+)</a>', html)
            assert tag, f["code"]
            assert tag.group(2) == f["code"] and f["name"] in tag.group(1)
            assert f'href="#ev-r1-f{i}" data-ref="r1-f{i}"' in html


def test_overlapping_evidence_is_one_text_with_all_its_findings() -> None:
    record = {
        "summary": {"verdict": "fail", "errors": 2, "warnings": 0, "info": 0},
        "request": {"source": "d.txt"}, "response": {"source": "d.txt"}, "regime": "FOIA",
        "questions": [], "exemptions": [],
        "refusal_notice": {"required": False, "internal_review": False, "regulator_complaint": False},
        "findings": [
            {"code": "AA001", "name": "a", "severity": "error", "category": "template", "message": "m", "fix": "f",
             "question_ref": None, "evidence": {"text": "bcd", "start": 1, "end": 4, "line": 1, "column": 2, "source": "d.txt"}},
            {"code": "BB002", "name": "b", "severity": "warning", "category": "template", "message": "m", "fix": "f",
             "question_ref": None, "evidence": {"text": "cdef", "start": 2, "end": 6, "line": 1, "column": 3, "source": "d.txt"}},
        ],
    }
    html = fragment(record, {"d.txt": "abcdefg"})
    draft = html.split('<pre class="draft"')[1]
    text = re.sub(r"<a class=\"tag[^>]*>[^<]*</a>", "", draft)
    assert re.sub(r"<[^>]+>", "", text.split(">", 1)[1]).startswith("abcdefg")
    assert '<mark class="hl sev-error" data-refs="r1-f1 r1-f2"' in html  # "cd" belongs to both


def test_csp_allows_exactly_the_inline_blocks() -> None:
    html = page()
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert found
    csp = unescape(found.group(1))
    assert "default-src 'none'" in csp
    for tag in ("style", "script"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S)
        assert body
        digest = base64.b64encode(hashlib.sha256(body.group(1).encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in csp
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert " style=" not in html


def test_separate_request_and_draft_are_both_shown(tmp_path: Path) -> None:
    req, resp, out = tmp_path / "request.txt", tmp_path / "draft.txt", tmp_path / "review.html"
    req.write_text(REQUEST, encoding="utf-8")
    resp.write_text(DRAFT, encoding="utf-8")
    res = run_cli("check", req, resp, "--format", "html", "-o", out)
    assert res.returncode == 1, res.stderr
    html = out.read_text(encoding="utf-8")
    assert "The request" in html and "How many CCTV cameras" in html
    assert "jane.smith@council.gov.uk" not in html
    res = run_cli("check", req, resp, "--format", "html", "-o", out, "--show-personal-data")
    assert "jane.smith@council.gov.uk" in out.read_text(encoding="utf-8")


def test_audit_points_to_its_own_html_option(tmp_path: Path) -> None:
    res = run_cli("audit", tmp_path, "--format", "html")
    assert res.returncode == 2 and "--html" in res.stderr and len(res.stderr.strip().splitlines()) == 1

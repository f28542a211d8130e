"""The review page in a real headless chromium, driven as an officer would use it.

Upload the Hereford & Worcester seed as one combined file, read the FAIL verdict, click the
internal-review finding (RN001) and see its highlight in the draft; upload a zip bomb and see
the CLI's one-line error while the server stays up. The page's requests must all stay on the
server, and the browser must log nothing (a CSP violation would be logged). Skips with a
reason when chromium is absent; `.ci/run` installs it where it can. With
FOI_REVIEW_UPDATE_SCREENSHOT=1 the screenshot also replaces docs/review-page.png.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install 'foi-reviewer[web]')")

from cdp import CHROMIUM, Browser  # noqa: E402
from conftest import ROOT, SEED_HWFRS, run_cli  # noqa: E402
from webserve import Serve, zip_bomb_docx  # noqa: E402

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")

SCREENSHOT = ROOT / "docs" / "review-page.png"


@pytest.fixture(scope="module")
def server() -> Iterator[Serve]:
    s = Serve()
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture()
def page(tmp_path: Path) -> Iterator[Browser]:
    with Browser(tmp_path / "profile", width=1366, height=860) as b:
        yield b


def test_upload_the_seed_click_the_finding_see_it_in_the_draft(server: Serve, page: Browser, tmp_path: Path) -> None:
    page.goto(server.url)
    assert page.eval("document.body.dataset.app") == "1", "app.js did not run"
    assert page.eval("document.activeElement === document.body")
    for field in ("request_text", "request_file", "response_text", "response_file", "combined_file"):
        assert page.eval(f"document.querySelector('label[for={field}]') !== null"), f"{field} has no label"

    page.set_files("#combined_file", SEED_HWFRS)
    page.submit_by_click("#review-button")
    verdict = page.eval("document.querySelector('.verdict').innerText")
    assert verdict.startswith("FAIL") and "not ready to send" in verdict
    assert page.eval("document.activeElement.id") == "result", "the keyboard focus should move to the review"

    cli = json.loads(run_cli("check", SEED_HWFRS, "--format", "json").stdout)
    rn001 = next(f for f in cli["findings"] if f["code"] == "RN001")
    assert page.eval("document.querySelector('[data-code=RN001] .sev-label').innerText") == "ERROR"  # text, not only colour
    assert page.eval("document.querySelectorAll('mark.hl.active').length") == 0

    page.click("[data-code=RN001] a.goto")
    active = page.eval("Array.from(document.querySelectorAll('mark.hl.active')).map(m => m.textContent).join('')")
    assert rn001["evidence"]["text"][:60] in active
    tag = page.eval(
        "(function(){var t=document.querySelector('a.tag.active');var p=t.closest('.pane-draft').getBoundingClientRect();"
        "var r=t.getBoundingClientRect();return {text:t.textContent,title:t.title,focused:document.activeElement===t,"
        "inside:r.top>=p.top&&r.bottom<=p.bottom&&r.top>=0&&r.bottom<=innerHeight};})()"
    )
    assert tag["text"] == "RN001" and "internal-review-not-offered" in tag["title"]
    assert tag["focused"] and tag["inside"], tag

    origin = server.url.rstrip("/")
    assert all(u.startswith(origin + "/") for u in page.requested_urls()), page.requested_urls()
    assert page.console_errors() == []

    shot = tmp_path / "review-page.png"
    page.eval(
        "(function(){window.scrollTo(0,0);var t=document.querySelector('a.tag.active');var pane=t.closest('.pane-draft');"
        "pane.scrollTop+=t.getBoundingClientRect().top-pane.getBoundingClientRect().top-pane.clientHeight/3;})()"
    )
    page.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("FOI_REVIEW_UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, SCREENSHOT)
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "docs/review-page.png is missing"


def test_keyboard_only_reaches_a_finding(server: Serve, page: Browser) -> None:
    page.goto(server.url)
    page.set_files("#combined_file", SEED_HWFRS)
    page.submit_by_click("#review-button")
    page.eval("document.querySelector('[data-code=RN001] a.goto').focus()")
    page.press("Enter", "Enter", 13)
    assert page.eval("document.activeElement.textContent") == "RN001"
    assert page.eval("document.querySelectorAll('mark.hl.active').length") >= 1


def test_a_zip_bomb_gets_one_line_and_the_server_stays_up(server: Serve, page: Browser, tmp_path: Path) -> None:
    bomb = zip_bomb_docx(tmp_path)
    cli = run_cli("check", bomb)
    assert cli.returncode == 2
    reason = cli.stderr.strip().split(": ", 2)[2].replace(str(bomb), bomb.name)

    page.goto(server.url)
    page.eval("document.getElementById('request_text').value = '1. How many cameras do you have?'")
    page.set_files("#response_file", bomb)
    page.submit_by_click("#review-button")
    error = page.eval("document.querySelector('[role=alert]').innerText")
    assert error == f"Could not review: {reason}"
    assert "\n" not in error
    assert server.alive()

    page.set_files("#combined_file", SEED_HWFRS)
    page.submit_by_click("#review-button")
    assert page.eval("document.querySelector('.verdict').innerText").startswith("FAIL")


def test_a_draft_with_markup_is_shown_as_text(server: Serve, page: Browser) -> None:
    hostile = "1. Do you hold it?\n\n<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"> Dear X"
    page.goto(server.url)
    page.eval(f"document.getElementById('response_text').value = {json.dumps(hostile)}")
    page.submit_by_click("#review-button")
    assert page.eval("typeof window.pwned") == "undefined"
    assert "<script>window.pwned=1</script>" in page.eval("document.querySelector('pre.draft').textContent")
    assert page.eval("document.querySelectorAll('pre.draft img, pre.draft script').length") == 0

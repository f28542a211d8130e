"""`check --format html` files opened in a real headless chromium.

For both seeds: the file opens from disk, makes no request but for itself, logs nothing (its
own CSP would log a blocked inline block, so the hashes are checked too), holds every finding
of the JSON report in order, and each finding with evidence has its highlight in the draft,
reached by clicking the finding. Skips with a reason when chromium is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cdp import CHROMIUM, Browser
from conftest import SEED_HWFRS, SEED_ONS, run_cli

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


@pytest.mark.parametrize("seed", [SEED_ONS, SEED_HWFRS], ids=["ons", "hwfrs"])
def test_html_report_opens_offline_and_holds_every_finding(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    res = run_cli("check", seed, "--format", "html", "-o", out)
    assert res.returncode in (0, 1), res.stderr
    record = json.loads(run_cli("check", seed, "--format", "json").stdout)

    with Browser(tmp_path / "profile") as page:
        page.goto(out.as_uri())
        assert page.eval("document.body.dataset.ready") == "1", "the inline script did not run (CSP hash?)"
        shown = page.eval(
            "Array.from(document.querySelectorAll('li.finding')).map(li => ({code: li.dataset.code, text: li.innerText}))"
        )
        assert [s["code"] for s in shown] == [f["code"] for f in record["findings"]]
        for s, f in zip(shown, record["findings"]):
            assert f["message"] in s["text"] and f["fix"] in s["text"] and f["severity"].upper() in s["text"]
        verdict = {"fail": "FAIL", "review": "REVIEW", "pass": "PASS"}[record["summary"]["verdict"]]
        assert page.eval("document.querySelector('.verdict .word').innerText") == verdict
        assert page.eval("document.querySelectorAll('table.questions tbody tr').length") == len(record["questions"])

        for i, f in enumerate(record["findings"], 1):
            if not f["evidence"]:
                continue
            page.click(f"#r1-f{i} a.goto")
            active = page.eval("Array.from(document.querySelectorAll('mark.hl.active')).map(m => m.textContent).join('')")
            if f["category"] != "personal-data":  # masked in the draft
                assert " ".join(f["evidence"]["text"].split())[:40] in " ".join(active.split()), f["code"]
            assert page.eval("document.activeElement.textContent") == f["code"]

        assert page.requested_urls() == [out.as_uri()], "the report must not load anything"
        assert page.console_errors() == []

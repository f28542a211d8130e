"""`foi-review serve` over HTTP: the review it gives, and that it is safe by default.

The server runs as a separate process on a free loopback port (tests/webserve.py), exactly as
an officer starts it; requests are made with http.client so any Host or Origin can be sent.
The browser-driven tests are in test_web_browser.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install 'foi-reviewer[web]')")

from conftest import SEED_HWFRS, SEED_ONS, run_cli  # noqa: E402
from llm_server import Reply, ScriptedServer  # noqa: E402
from webserve import Serve, wait_gone, zip_bomb_docx  # noqa: E402


@pytest.fixture(scope="module")
def tmp_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("serve-tmp")


@pytest.fixture(scope="module")
def server(tmp_root: Path) -> Iterator[Serve]:
    s = Serve(env={"TMPDIR": str(tmp_root)})
    try:
        yield s
    finally:
        s.stop()


def review_seed(server: Serve, seed: Path) -> str:
    res = server.post("/review", {"csrf": server.token()}, {"combined_file": (seed.name, seed.read_bytes())})
    assert res.status == 200, res.body[:500]
    return res.body


def test_review_of_a_combined_seed_matches_the_cli(server: Serve) -> None:
    page = review_seed(server, SEED_HWFRS)
    cli = json.loads(run_cli("check", SEED_HWFRS, "--format", "json").stdout)
    assert 'class="verdict verdict-fail"' in page and ">FAIL<" in page
    codes = [line.split('"')[0] for line in page.split('data-code="')[1:]]
    assert codes == [f["code"] for f in cli["findings"]]
    assert "never leave it" in page  # the privacy statement


def test_downloads_are_the_cli_reports(server: Serve) -> None:
    page = review_seed(server, SEED_ONS)
    rid = page.split('href="/reviews/')[1].split(".json")[0]
    got = server.get(f"/reviews/{rid}.json")
    assert got.status == 200 and "attachment" in got.headers["content-disposition"]
    web = json.loads(got.body)
    cli = json.loads(run_cli("check", SEED_ONS, "--format", "json").stdout)
    assert web["findings"] == [
        {**f, "evidence": f["evidence"] and {**f["evidence"], "source": SEED_ONS.name}} for f in cli["findings"]
    ]
    assert web["questions"] == [
        {**q, "evidence": q["evidence"] and {**q["evidence"], "source": SEED_ONS.name}} for q in cli["questions"]
    ]
    sarif = json.loads(server.get(f"/reviews/{rid}.sarif").body)
    assert len(sarif["runs"][0]["results"]) == len(cli["findings"])
    assert server.get(f"/reviews/{rid}.exe").status == 404
    assert server.get("/reviews/nosuchreview.json").status == 404


def test_pasted_request_and_draft(server: Serve) -> None:
    draft = "Dear X,\n\n1. We hold no such records.\n\nYours sincerely\n<script>document.title='pwned'</script>"
    res = server.post("/review", {"csrf": server.token(), "request_text": "1. How many cameras do you have?", "response_text": draft})
    assert res.status == 200
    assert "TP001" in res.body
    assert "<script>document.title" not in res.body and "&lt;script&gt;document.title" in res.body


def test_foreign_host_header_is_refused(server: Serve) -> None:
    for host in ("evil.example", f"evil.example:{server.port}", "127.0.0.1:1", f"127.0.0.1.nip.io:{server.port}"):
        res = server.get("/", host=host)
        assert res.status == 403, host
        assert "csrf" not in res.body
    for host in (f"127.0.0.1:{server.port}", f"localhost:{server.port}", f"[::1]:{server.port}"):
        assert server.get("/", host=host).status == 200, host


def test_every_answer_carries_the_security_headers(server: Serve) -> None:
    for res in (server.get("/"), server.get("/static/review.js"), server.get("/", host="evil.example")):
        assert res.headers["content-security-policy"].startswith("default-src 'self'")
        assert res.headers["cache-control"] == "no-store"
        assert res.headers["x-content-type-options"] == "nosniff"
    page = server.get("/").body
    assert "<script>" not in page and " style=" not in page  # everything inline would break the CSP


def test_posts_need_the_session_token_and_our_origin(server: Serve) -> None:
    files = {"combined_file": (SEED_HWFRS.name, SEED_HWFRS.read_bytes())}
    assert server.post("/review", {}, files).status == 403
    assert server.post("/review", {"csrf": "guessed"}, files).status == 403
    token = server.token()
    assert server.post("/review", {"csrf": token}, files, headers={"Origin": "http://evil.example"}).status == 403
    assert server.post("/review", {"csrf": token}, files, headers={"Origin": server.url.rstrip("/")}).status == 200


def test_oversized_upload_gets_the_cli_line(server: Serve, tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    big.write_bytes(b"a" * (21 * 1024 * 1024))
    cli = run_cli("check", big)
    assert cli.returncode == 2
    reason = cli.stderr.strip().split(": ", 2)[2].replace(str(big), big.name)
    res = server.post("/review", {"csrf": server.token()}, {"response_file": ("huge.txt", big.read_bytes())})
    assert res.status == 400
    assert f"<strong>Could not review:</strong> {reason}" in res.body.replace("&#39;", "'")
    assert "too large" in reason and "limit 20 MB" in reason
    assert server.alive()


def test_a_body_over_the_limit_is_refused_before_parsing(server: Serve) -> None:
    res = server.request(
        "POST", "/review", b"x" * 1024,
        {"Content-Type": "multipart/form-data; boundary=x", "Content-Length": str(60 * 1024 * 1024)},
    )
    assert res.status == 413 and "limit 20 MB" in res.body


def test_hostile_files_give_one_line_and_the_server_keeps_serving(server: Serve, tmp_path: Path) -> None:
    bomb = zip_bomb_docx(tmp_path).read_bytes()
    for name, data in (("bomb.docx", bomb), ("broken.pdf", b"%PDF-1.4 nonsense"), ("empty.txt", b"")):
        path = tmp_path / name
        path.write_bytes(data)
        cli = run_cli("check", path)
        assert cli.returncode == 2 and len(cli.stderr.strip().splitlines()) == 1
        reason = cli.stderr.strip().split(": ", 2)[2].replace(str(path), name)
        res = server.post("/review", {"csrf": server.token()}, {"response_file": (name, data)})
        assert res.status == 400, name
        assert reason in res.body.replace("&#39;", "'").replace("&#34;", '"').replace("&quot;", '"'), (name, reason)
        assert server.alive()
    assert ">FAIL<" in review_seed(server, SEED_HWFRS)


def test_nothing_is_left_on_disk(server: Serve, tmp_root: Path) -> None:
    review_seed(server, SEED_HWFRS)
    server.post("/review", {"csrf": server.token()}, {"response_file": ("bad.docx", b"PK\x03\x04 not a zip")})
    assert wait_gone(tmp_root), list(tmp_root.iterdir())


def test_model_review_shows_the_estimate_first_and_runs_only_when_confirmed(tmp_path: Path) -> None:
    llm = ScriptedServer().start()
    s = Serve(env={"OPENAI_BASE_URL": llm.base_url, "OPENAI_API_KEY": "test-key", "FOI_REVIEW_CACHE_DIR": str(tmp_path / "cache")})
    try:
        page = review_seed(s, SEED_ONS)
        assert 'id="model-estimate"' in page
        rid = page.split('name="review_id" value="')[1].split('"')[0]
        est = s.post("/model/estimate", {"csrf": s.token(), "review_id": rid})
        assert est.status == 200 and "nothing is sent" in est.body and 'id="model-run"' in est.body
        assert "test-key" not in est.body
        assert llm.requests == []  # the estimate sent nothing
        llm.push(Reply.chat({"questions": [], "exemptions": [], "issues": []}))
        done = s.post("/model/run", {"csrf": s.token(), "review_id": rid})
        assert done.status == 200
        assert len(llm.requests) >= 1
        assert "model review: " in done.body
    finally:
        s.stop()
        llm.stop()


def test_no_model_button_without_an_endpoint(server: Serve) -> None:
    page = review_seed(server, SEED_ONS)
    assert 'id="model-estimate"' not in page
    rid = page.split('href="/reviews/')[1].split(".json")[0]
    assert server.post("/model/run", {"csrf": server.token(), "review_id": rid}).status == 400


def test_serve_without_the_extra_says_how_to_install_it() -> None:
    code = (
        "import sys; sys.modules['starlette'] = None; sys.argv = ['foi-review', 'serve', '--no-browser']\n"
        "from reviewer.cli import main; main()"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 2
    assert res.stderr.strip().splitlines() == [
        "foi-review: error: serve needs the optional web extra (starlette is not installed): pip install 'foi-reviewer[web]'"
    ]


def test_remote_hosts_need_an_explicit_flag() -> None:
    res = run_cli("serve", "--host", "0.0.0.0", "--no-browser")
    assert res.returncode == 2
    assert len(res.stderr.strip().splitlines()) == 1 and "--allow-remote" in res.stderr


def test_a_port_in_use_is_one_line(server: Serve) -> None:
    res = run_cli("serve", "--port", str(server.port), "--no-browser")
    assert res.returncode == 2
    assert res.stderr.strip().splitlines() == [
        f"foi-review: error: cannot listen on 127.0.0.1:{server.port} (Address already in use); choose another --port"
    ]


def test_allowed_hosts_follow_the_address() -> None:
    from reviewer.web.server import allowed_hosts

    assert allowed_hosts("127.0.0.1", 8765) == frozenset({"127.0.0.1:8765", "localhost:8765", "[::1]:8765"})
    assert "192.0.2.10:9000" in allowed_hosts("192.0.2.10", 9000)
    assert "192.0.2.10:9000" not in allowed_hosts("127.0.0.1", 9000)


def test_docs_list_every_serve_option_and_the_readme_starts_it() -> None:
    from conftest import ROOT
    from reviewer.web.server import DEFAULT_PORT

    help_text = run_cli("serve", "--help").stdout
    options = {o for o in re.findall(r"(--[a-z-]+)", help_text) if o != "--help"}
    doc = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(--[a-z-]+)", doc, re.M))
    assert options == documented
    assert str(DEFAULT_PORT) in help_text and f"127.0.0.1:{DEFAULT_PORT}" in doc
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = readme.split("\n## ", 1)[0]
    assert "](docs/review-page.png)" in first and (ROOT / "docs" / "review-page.png").exists()
    command = next(line for line in first.splitlines() if "foi-review serve" in line and "pip install" in line)
    assert command == "pip install -q '.[web]' && foi-review serve"  # what Serve() runs, with --port 0 --no-browser


def test_bench_web_prints_its_figures() -> None:
    from conftest import ROOT

    res = subprocess.run(
        [sys.executable, "bench/bench_web.py", "--runs", "2", "--cli-runs", "1"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert res.returncode == 0, res.stderr
    assert "server median" in res.stdout
    for seed in ("ons-cctv-suppliers", "hwfrs-cctv-maintenance"):
        assert re.search(rf"{seed}\s+[\d.]+ ms", res.stdout), res.stdout


def test_word_upload_and_pasted_request_are_reviewed_as_the_cli_does(server: Serve, tmp_path: Path) -> None:
    import docbuild

    draft = docbuild.docx_from_text(docbuild.RESPONSE, tmp_path / "draft.docx")
    request = tmp_path / "request.txt"
    request.write_text(docbuild.REQUEST, encoding="utf-8")
    cli = json.loads(run_cli("check", request, draft, "--format", "json").stdout)
    res = server.post(
        "/review", {"csrf": server.token(), "request_text": docbuild.REQUEST}, {"response_file": ("draft.docx", draft.read_bytes())}
    )
    assert res.status == 200
    codes = [line.split('"')[0] for line in res.body.split('data-code="')[1:]]
    assert codes == [f["code"] for f in cli["findings"]]
    assert "draft.docx" in res.body and str(tmp_path) not in res.body


def test_same_file_name_twice_keeps_request_and_draft_apart(server: Serve) -> None:
    res = server.post(
        "/review", {"csrf": server.token()},
        {"request_file": ("letter.txt", b"1. How many cameras do you have?\n"), "response_file": ("letter.txt", b"1. We have 40 cameras.\n")},
    )
    assert res.status == 200
    assert "The request" in res.body and "request: letter.txt" in res.body


def test_settings_come_from_the_config_file(tmp_path: Path) -> None:
    (tmp_path / ".foi-review.toml").write_text('regime = "FOISA"\n', encoding="utf-8")
    s = Serve(cwd=tmp_path)
    try:
        page = review_seed(s, SEED_HWFRS)
        assert "[FOISA]" in page
    finally:
        s.stop()


def test_the_browser_is_opened_on_the_page(tmp_path: Path) -> None:
    opened = tmp_path / "opened.txt"
    browser = f"{sys.executable} -c \"import sys; open(sys.argv[1], 'w').write(sys.argv[2])\" {opened} %s"
    proc = subprocess.Popen(
        [sys.executable, "-m", "reviewer", "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "BROWSER": browser},
    )
    try:
        assert proc.stdout is not None
        url = re.search(r"http://127\.0\.0\.1:\d+/", proc.stdout.readline())
        assert url
        for _ in range(200):
            if opened.exists() and opened.read_text():
                break
            time.sleep(0.05)
        assert opened.read_text() == url.group(0)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_a_file_name_outside_ascii_reviews_and_downloads(server: Serve) -> None:
    res = server.post("/review", {"csrf": server.token()}, {"combined_file": ("ответ – draft.txt", SEED_HWFRS.read_bytes())})
    assert res.status == 200 and "ответ _ draft.txt" in res.body  # letters kept, punctuation made safe
    rid = res.body.split('href="/reviews/')[1].split(".json")[0]
    got = server.get(f"/reviews/{rid}.json")
    assert got.status == 200 and json.loads(got.body)["response"]["source"] == "ответ _ draft.txt"


def test_allow_remote_warns_before_listening() -> None:
    # 192.0.2.1 is a documentation address this machine does not have: the bind fails, so
    # nothing ever listens beyond loopback, but the warning must come first.
    res = run_cli("serve", "--host", "192.0.2.1", "--allow-remote", "--no-browser", "--port", "0")
    lines = res.stderr.strip().splitlines()
    assert res.returncode == 2
    assert lines[0] == "foi-review: warning: listening on 192.0.2.1: anyone who can reach this address can use the page"
    assert lines[1].startswith("foi-review: error: cannot listen on 192.0.2.1:0 (")

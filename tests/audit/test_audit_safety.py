"""Issue 14, items 1, 3 and 8: audits and gates a CI engineer and an auditor can trust.

Templates are reviewed through rendering, never raw; a gate that finds no case fails; an
interrupted audit says what it saved and how to go on; results are never overwritten or
merged by mistake; and every mistake that can be seen before the run stops it before the run.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casegen import generate_tree
from reviewer.cli import app

ROOT = Path(__file__).resolve().parents[2]
FOI_REVIEW = Path(sys.executable).parent / "foi-review"
runner = CliRunner()

TEMPLATE = """Our reference: {{ reference }}

Dear {{ requester_name }},

Thank you for your request of {{ request_date }} about {{ subject }}, which we have dealt with under the Freedom of Information Act 2000.

{% for q in answers %}{{ loop.index }}. {{ q.question }}
{{ q.answer }}

{% endfor %}If you are dissatisfied with the handling of your request, you may ask for an internal review by writing to info.requests@example-borough.gov.uk within 40 working days.

If you are not content with the outcome of the internal review, you have the right to complain to the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow SK9 5AF.

Yours sincerely,

Information Rights Team
"""

REQUEST = """Dear Borough Council,

Under the Freedom of Information Act, please tell me:
1. How many potholes were repaired in 2023?
2. What was the total cost of those repairs?

Yours faithfully,
Ms Quinn
"""

DATA = {
    "reference": "FOI-2025-0042",
    "requester_name": "Ms Quinn",
    "request_date": "2 June 2025",
    "subject": "pothole repairs",
    "answers": [
        {"question": "How many potholes were repaired in 2023?", "answer": "We repaired 4,120 potholes in 2023."},
        {"question": "What was the total cost of those repairs?", "answer": "The total cost was £612,000."},
    ],
}


def _template_repo(root: Path, template_name: str = "pothole.md.j2", with_case: bool = True) -> Path:
    """A repository of templates: templates/<name> and, optionally, a golden case naming it."""
    (root / ".foi-review.toml").write_text("", encoding="utf-8")
    (root / "templates").mkdir(parents=True)
    if template_name.endswith(".docx"):
        from docbuild import docx_from_text

        docx_from_text(TEMPLATE, root / "templates" / template_name)
    else:
        (root / "templates" / template_name).write_text(TEMPLATE, encoding="utf-8")
    if with_case:
        case = root / "fixtures" / "cases" / "pothole-two-answers"
        case.mkdir(parents=True)
        (case / "request.txt").write_text(REQUEST, encoding="utf-8")
        spec = {"request": "request.txt", "template": f"../../../templates/{template_name}", "data": DATA}
        (case / "expected.json").write_text(json.dumps(spec), encoding="utf-8")
    return root


# --- item 1: templates are rendered, not reviewed raw -----------------------------------------


@pytest.mark.parametrize("name", ["pothole.md.j2", "pothole.jinja", "pothole.md", "pothole.txt", "pothole.docx"])
def test_item_1_audit_renders_a_jinja_template_with_its_cases_data(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _template_repo(tmp_path, name)
    monkeypatch.chdir(repo)
    res = runner.invoke(app, ["audit", "templates/", "--format", "json", "--no-progress", "--jobs", "1", "--results", "r.jsonl"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert summary["cases"] == 1 and summary["broken"] == 0  # picked up, whatever its suffix
    (rec,) = [json.loads(line) for line in (repo / "r.jsonl").read_text(encoding="utf-8").splitlines()[1:]]
    assert rec["case"] == f"{name} (pothole-two-answers)"
    review = rec["review"]
    codes = [f["code"] for f in review["findings"]]
    assert "TP001" not in codes  # no {{ var }} left to be reported as a placeholder
    # the request is the golden case's, not the template's own paragraphs
    assert [q["status"] for q in review["questions"]] == ["answered", "answered"]
    assert "potholes" in review["questions"][0]["text"]


def test_item_1_a_template_no_case_names_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _template_repo(tmp_path, "pothole.md.j2", with_case=False)
    monkeypatch.chdir(repo)
    res = runner.invoke(app, ["audit", "templates/", "--format", "json", "--no-progress", "--jobs", "1"])
    assert res.exit_code == 1  # a gate that could not check the template does not pass it
    summary = json.loads(res.stdout)
    assert summary["cases"] == 1 and summary["broken"] == 1
    (broken,) = summary["broken_cases"]
    reason = broken["error"]
    assert "\n" not in reason
    assert "pothole.md.j2 is a Jinja template" in reason and "expected.json" in reason
    assert not summary["by_rule"]  # no TP001 for each {{ var }}


def test_item_1_test_gate_renders_a_j2_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _template_repo(tmp_path, "pothole.md.j2")
    monkeypatch.chdir(repo)
    first = runner.invoke(app, ["test", "fixtures/cases", "--update"])
    assert first.exit_code == 0, first.output
    pinned = json.loads((repo / "fixtures/cases/pothole-two-answers/expected.json").read_text(encoding="utf-8"))
    assert pinned["questions"] == {"1": "answered", "2": "answered"} and pinned["findings"] == []
    # a template edit that drops the internal-review paragraph fails the gate
    text = (repo / "templates/pothole.md.j2").read_text(encoding="utf-8")
    (repo / "templates/pothole.md.j2").write_text(text.replace("If you are dissatisfied", "If you wish, write to us").replace("internal review", "reply"), encoding="utf-8")
    res = runner.invoke(app, ["test", "fixtures/cases"])
    assert res.exit_code == 1 and "FAIL  pothole-two-answers" in res.stdout
    assert '-    "internal_review": true,' in res.stdout


def test_item_1_hook_pattern_files_are_all_picked_up() -> None:
    from reviewer.audit.cases import _reviewable

    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    pattern = next(line.split("files:", 1)[1].strip() for line in hooks.splitlines() if "files:" in line)
    suffixes = pattern.split("(", 1)[1].split(")", 1)[0].split("|")
    for suffix in ("j2", "jinja", "md", "txt"):
        assert suffix in suffixes
        assert _reviewable(f"reply.{suffix}")


# --- item 3: a gate that finds nothing fails; the hook's format ----------------------------


@pytest.mark.parametrize("layout", ["empty", "notes-only", "mistyped"])
def test_item_3_an_audit_that_finds_no_case_exits_2(tmp_path: Path, layout: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "templates"
    folder.mkdir()
    if layout == "notes-only":
        (folder / "README.txt").write_text("Templates live here.\n", encoding="utf-8")
    if layout == "mistyped":
        (folder / "sub").mkdir()
        (folder / "sub" / "notes.md").write_text("to do\n", encoding="utf-8")
    res = runner.invoke(app, ["audit", "templates", "--no-progress", "--results", "r.jsonl"])
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("foi-review: error: templates: no case found")
    assert "request.*" in lines[0] and "response.*" in lines[0] and ".j2" in lines[0] and "manifest.csv" in lines[0]
    assert not (tmp_path / "r.jsonl").exists()  # stopped before the run


def test_item_3_a_test_gate_that_finds_no_case_exits_2(tmp_path: Path) -> None:
    res = runner.invoke(app, ["test", str(tmp_path)])
    assert res.exit_code == 2
    (line,) = res.stderr.strip().splitlines()
    assert str(tmp_path) in line and "expected.json" in line


def _hook_entry(hook_id: str) -> list[str]:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    block = text.split(f"- id: {hook_id}\n", 1)[1].split("\n- id:", 1)[0]
    entry = next(line.split("entry:", 1)[1].strip() for line in block.splitlines() if line.strip().startswith("entry:"))
    return shlex.split(entry)


@pytest.mark.parametrize("under_actions", [False, True])
def test_item_3_pre_commit_audit_hook_uses_github_format_only_under_actions(tmp_path: Path, under_actions: bool) -> None:
    repo = _template_repo(tmp_path, "pothole.md.j2")
    leak = TEMPLATE.replace("Information Rights Team", "Dan Mercer, Highways Officer, direct line 01632 960 555")
    (repo / "templates" / "pothole.md.j2").write_text(leak, encoding="utf-8")
    entry = _hook_entry("foi-review-audit")
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    if under_actions:
        env["GITHUB_ACTIONS"] = "true"
    # the hook's entry, with the args a user gives in .pre-commit-config.yaml
    res = subprocess.run([*entry, "templates/", "--jobs", "1"], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert res.returncode == 1, res.stderr
    if under_actions:
        # on the template's own line, not on the line of the rendered text (the loop shifts it)
        line = next(n for n, text in enumerate(leak.splitlines(), 1) if "01632 960 555" in text)
        assert res.stdout.startswith(f"::error file=templates/pothole.md.j2,line={line},")
    else:
        assert "::error" not in res.stdout and "Verdicts" in res.stdout and "PD002" in res.stdout


# --- item 8: safe audits ---------------------------------------------------------------------


def _slow_tree(root: Path, n: int = 48) -> Path:
    """`n` case folders, each a long draft that takes a noticeable time to review."""
    generate_tree(root, 1)
    (src,) = [p for p in root.rglob("case-*") if p.is_dir()]
    filler = "".join(f"Paragraph {i}: we hold information about the contract and its schedule.\n\n" for i in range(2500))
    (src / "response.txt").write_text((src / "response.txt").read_text(encoding="utf-8") + filler, encoding="utf-8")
    for i in range(1, n):
        shutil.copytree(src, src.parent / f"case-x{i:04d}")
    return root


def test_item_8_ctrl_c_says_what_was_saved_and_how_to_resume(tmp_path: Path) -> None:
    tree = _slow_tree(tmp_path / "cases")
    out = tmp_path / "results.jsonl"
    cmd = [str(FOI_REVIEW), "audit", str(tree), "--results", str(out), "--jobs", "2", "--no-progress"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.read_text(encoding="utf-8").count("\n") < 4):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C does: the whole process group
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    (line,) = stderr.strip().splitlines()
    saved = sum(1 for raw in out.read_text(encoding="utf-8").splitlines() if '"case"' in raw)
    assert 0 < saved < 48
    assert f"interrupted: {saved} of 48 case(s) saved in {out}." in line
    resume = line.split("To go on: ", 1)[1]
    assert resume == shlex.join(["foi-review", *cmd[1:], "--resume"])
    # the command it gives goes on where the run stopped
    res = subprocess.run([str(FOI_REVIEW), *shlex.split(resume)[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert res.returncode in (0, 1), res.stderr
    assert f"{saved} already done" in res.stderr
    assert sum(1 for raw in out.read_text(encoding="utf-8").splitlines() if '"case"' in raw) == 48


def test_item_8_out_is_not_overwritten_without_resume_or_force(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    generate_tree(tmp_path / "cases", 6)
    first = runner.invoke(app, ["audit", "cases", "--results", "r.jsonl", "--no-progress", "--jobs", "1", "--fail-on", "never"])
    assert first.exit_code == 0
    before = (tmp_path / "r.jsonl").read_bytes()
    again = runner.invoke(app, ["audit", "cases", "--results", "r.jsonl", "--no-progress", "--jobs", "1"])
    assert again.exit_code == 2
    (line,) = again.stderr.strip().splitlines()
    assert "r.jsonl already holds 6 case(s)" in line and "--resume" in line and "--force" in line
    assert (tmp_path / "r.jsonl").read_bytes() == before
    forced = runner.invoke(app, ["audit", "cases", "--results", "r.jsonl", "--no-progress", "--jobs", "1", "--force", "--fail-on", "never"])
    assert forced.exit_code == 0


def test_item_8_resume_refuses_another_trees_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    generate_tree(tmp_path / "a", 4)
    generate_tree(tmp_path / "b", 4)
    assert runner.invoke(app, ["audit", "a", "--results", "r.jsonl", "--no-progress", "--jobs", "1", "--fail-on", "never"]).exit_code == 0
    before = (tmp_path / "r.jsonl").read_bytes()
    res = runner.invoke(app, ["audit", "b", "--results", "r.jsonl", "--resume", "--no-progress", "--jobs", "1"])
    assert res.exit_code == 2
    (line,) = res.stderr.strip().splitlines()
    assert "holds the results of an audit of" in line and str(tmp_path / "a") in line
    assert (tmp_path / "r.jsonl").read_bytes() == before
    # a results file without a header (another case list, same folder name) is caught by its ids
    (tmp_path / "old.jsonl").write_text("".join(line for line in before.decode().splitlines(keepends=True)[1:]).replace('"case":"', '"case":"gone/'), encoding="utf-8")
    res = runner.invoke(app, ["audit", "a", "--results", "old.jsonl", "--resume", "--no-progress", "--jobs", "1"])
    assert res.exit_code == 2 and "that a does not" in res.stderr
    # the same tree reached from another folder resumes
    monkeypatch.chdir(tmp_path / "a")
    ok = runner.invoke(app, ["audit", ".", "--results", "../r.jsonl", "--resume", "--no-progress", "--jobs", "1", "--fail-on", "never"])
    assert ok.exit_code == 0 and "4 already done" in ok.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--baseline", "nosuch.json"], "nosuch.json: baseline not found"),
        (["--results", "nofolder/r.jsonl"], "--results nofolder/r.jsonl: no such folder"),
        (["--csv", "nofolder/f.csv"], "--csv nofolder/f.csv: no such folder"),
        (["--resume"], "--resume needs --results"),
    ],
)
def test_item_8_checked_before_any_case_is_reviewed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], says: str) -> None:
    monkeypatch.chdir(tmp_path)
    generate_tree(tmp_path / "cases", 3)
    seen: list[str] = []
    import reviewer.audit.runner as audit_runner

    real = audit_runner.review_case
    monkeypatch.setattr(audit_runner, "review_case", lambda case, *a, **k: seen.append(case.id) or real(case, *a, **k))
    res = runner.invoke(app, ["audit", "cases", "--no-progress", "--jobs", "1", *args])
    assert res.exit_code == 2
    (line,) = res.stderr.strip().splitlines()
    assert says in line
    assert seen == []  # nothing was reviewed first


def test_item_8_a_bad_manifest_stops_before_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "manifest.csv").write_text("case;draft\n1;a.txt\n", encoding="utf-8")
    res = runner.invoke(app, ["audit", "manifest.csv", "--no-progress", "--results", "r.jsonl"])
    assert res.exit_code == 2 and "no 'response' column" in res.stderr
    assert not (tmp_path / "r.jsonl").exists()


def test_item_1_a_draft_with_a_placeholder_left_in_it_is_still_a_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One `{{ name }}` forgotten in a past reply is what TP001 is for, not a template."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cases").mkdir()
    draft = "Request\n\n" + REQUEST + "\nResponse\n\n" + TEMPLATE.replace("{{ reference }}", "FOI-2025-0042").split("{% for")[0].replace("{{ request_date }} about {{ subject }}", "2 June 2025 about potholes")
    draft += "1. We repaired 4,120 potholes in 2023.\n\n2. The total cost was £612,000.\n"
    (tmp_path / "cases" / "combined-0042.txt").write_text(draft, encoding="utf-8")
    res = runner.invoke(app, ["audit", "cases", "--format", "json", "--no-progress", "--jobs", "1"])
    summary = json.loads(res.stdout)
    assert summary["broken"] == 0 and [r["code"] for r in summary["by_rule"]] == ["TP001"]

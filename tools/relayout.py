"""Move the package and its tests into their layers, and rewrite every reference to a moved module.

Why a codemod and not a one-off commit: the layout change touches every import in the project,
while other branches keep changing the content of the same modules. Re-running this script on the
merged tree reproduces the move exactly, so nobody has to merge a rename by hand.

    python tools/relayout.py          # move and rewrite (a second run changes nothing)
    python tools/relayout.py --check  # exit 1 if anything would change

`TABLE` below is the whole layout: one row per module under reviewer/ and tests/, `old -> new`
for a move, the bare path for a module that stays. The script refuses to run (exit 2, listing
them) when a module exists that the table does not name, so a module added on another branch is
placed by a person rather than left behind in the old layout.

What gets rewritten, in every file git tracks (except this one):
- dotted module names anywhere: `from reviewer.x import`, `import reviewer.x`, strings such as
  "reviewer.x.name" (monkeypatch targets, importlib, `python -m reviewer.x`), pyproject.toml;
- `from reviewer.pkg import module` forms whose module moved (or was renamed);
- file paths `reviewer/x.py` and `tests/test_x.py` (docs, README, .ci/run, comments);
- in a module that moves deeper, `Path(__file__).parent` / `os.path.dirname(__file__)` chains
  (tests that find the repository root, `names.py` finding `reviewer/data/`).
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# old path -> new path; a bare path stays where it is. Every .py file under reviewer/ and tests/.
TABLE = """
reviewer/__init__.py
reviewer/__main__.py
reviewer/cli.py
reviewer/review.py -> reviewer/pipeline.py
reviewer/resolve.py

# core: the values every layer shares (no behaviour beyond validating and locating)
reviewer/core/__init__.py
reviewer/document.py -> reviewer/core/document.py
reviewer/model.py -> reviewer/core/model.py
reviewer/findings.py -> reviewer/core/findings.py
reviewer/errors.py -> reviewer/core/errors.py
reviewer/staff.py -> reviewer/core/staff_list.py

# text: text infrastructure below the loaders
reviewer/text/__init__.py
reviewer/textutil.py -> reviewer/text/textutil.py
reviewer/unwrap.py -> reviewer/text/unwrap.py
reviewer/quoted.py -> reviewer/text/quoted.py
reviewer/masking.py -> reviewer/text/masking.py

# analysis: request parsing, answer alignment and the facts the checks read
reviewer/analysis/__init__.py
reviewer/given.py -> reviewer/analysis/given.py
reviewer/request.py -> reviewer/analysis/request.py
reviewer/asks.py -> reviewer/analysis/asks.py
reviewer/citations.py -> reviewer/analysis/citations.py
reviewer/alignment.py -> reviewer/analysis/alignment.py
reviewer/status.py -> reviewer/analysis/status.py
reviewer/exemptions.py -> reviewer/analysis/exemption_assessment.py
reviewer/refusal.py -> reviewer/analysis/refusal.py
reviewer/contacts.py -> reviewer/analysis/contacts.py
reviewer/names.py -> reviewer/analysis/names.py
reviewer/analysis/placeholders.py

# team: the FOI team's own policy, applied to what the checks found
reviewer/team/__init__.py
reviewer/config.py -> reviewer/team/config.py
reviewer/policy.py -> reviewer/team/policy.py
reviewer/suppress.py -> reviewer/team/suppress.py

# command back ends beside the CLI
reviewer/golden.py -> reviewer/audit/golden.py
reviewer/templating.py -> reviewer/audit/templating.py
reviewer/timelimit.py -> reviewer/audit/timelimit.py
reviewer/audit/__init__.py
reviewer/audit/guard.py
reviewer/audit/hook.py -> reviewer/hook.py
reviewer/audit/templates.py
reviewer/audit/cases.py
reviewer/audit/progress.py
reviewer/audit/runner.py
reviewer/audit/summary.py
reviewer/evaluate/__init__.py
reviewer/evaluate/cases.py -> reviewer/evaluate/labelled.py
reviewer/evaluate/render.py
reviewer/evaluate/runner.py
reviewer/evaluate/scoring.py
reviewer/web/__init__.py
reviewer/web/app.py
reviewer/web/intake.py
reviewer/web/server.py

reviewer/checks/__init__.py
reviewer/checks/rule_cases.py
reviewer/checks/completeness.py
reviewer/checks/exemptions.py
reviewer/checks/personal_data.py
reviewer/checks/redaction.py
reviewer/checks/refusal_notice.py
reviewer/checks/staff.py
reviewer/checks/template.py
reviewer/law/__init__.py
reviewer/llm/__init__.py
reviewer/llm/cache.py
reviewer/llm/client.py
reviewer/llm/errors.py -> reviewer/llm/failures.py
reviewer/llm/grounding.py
reviewer/llm/prompts.py
reviewer/llm/pseudonymise.py
reviewer/llm/review.py
reviewer/checks/model.py
reviewer/llm/schema.py
reviewer/llm/settings.py
reviewer/llm/tokens.py
reviewer/loaders/__init__.py
reviewer/loaders/builder.py
reviewer/loaders/doc.py
reviewer/loaders/docx.py
reviewer/loaders/docx_numbering.py
reviewer/loaders/email.py
reviewer/loaders/html.py
reviewer/loaders/msg.py
reviewer/loaders/numbering.py
reviewer/loaders/odt.py
reviewer/loaders/pdf.py
reviewer/loaders/rtf.py
reviewer/loaders/safezip.py
reviewer/loaders/text.py -> reviewer/loaders/plain.py
reviewer/loaders/xlsx.py
reviewer/reporters/__init__.py
reviewer/baseline.py -> reviewer/reporters/baseline.py
reviewer/reporters/formats.py
reviewer/reporters/golden_report.py
reviewer/reporters/location.py
reviewer/rule_reference.py -> reviewer/reporters/rule_reference.py
reviewer/reporters/audit_summary.py
reviewer/reporters/cases.py -> reviewer/reporters/common.py
reviewer/reporters/csv_report.py
reviewer/reporters/github.py
reviewer/reporters/html_report.py
reviewer/reporters/json_report.py
reviewer/reporters/junit.py
reviewer/reporters/records.py
reviewer/reporters/review_html.py
reviewer/reporters/sarif.py
reviewer/reporters/terminal.py

# tests mirror the package; shared helpers stay at the top of tests/
tests/conftest.py
tests/casegen.py
tests/cdp.py
tests/docbuild.py
tests/llm_proxy.py
tests/llm_server.py
tests/webserve.py
tests/test_architecture.py
tests/test_cli.py
tests/test_cli_issue14.py
tests/test_seeds.py
tests/rulecase_files.py
tests/test_walkthroughs.py
tests/test_fixture_cases.py
tests/test_bench.py
tests/test_bench_scaling.py
tests/test_scaling_paths.py
tests/test_law.py -> tests/law/test_law.py
tests/test_textutil.py -> tests/text/test_textutil.py
tests/test_gates.py -> tests/text/test_gates.py
tests/test_unwrap.py -> tests/text/test_unwrap.py
tests/test_loaders_docs.py -> tests/loaders/test_loaders_docs.py
tests/test_docx_list_end.py -> tests/loaders/test_docx_list_end.py
tests/test_formats_numbering.py -> tests/loaders/test_formats_numbering.py
tests/test_fuzz_loaders.py -> tests/loaders/test_fuzz_loaders.py
tests/test_hostile_inputs.py -> tests/loaders/test_hostile_inputs.py
tests/test_document_imports.py -> tests/loaders/test_document_imports.py
tests/test_request.py -> tests/analysis/test_request.py
tests/test_asks.py -> tests/analysis/test_asks.py
tests/test_quoted_and_given.py -> tests/analysis/test_quoted_and_given.py
tests/test_citations.py -> tests/analysis/test_citations.py
tests/test_alignment.py -> tests/analysis/test_alignment.py
tests/test_omitted_questions.py -> tests/analysis/test_omitted_questions.py
tests/test_status.py -> tests/analysis/test_status.py
tests/test_statuses_doc.py -> tests/analysis/test_statuses_doc.py
tests/test_exemptions.py -> tests/analysis/test_exemption_assessment.py
tests/test_refusal.py -> tests/analysis/test_refusal.py
tests/test_contacts.py -> tests/analysis/test_contacts.py
tests/test_staff_names.py -> tests/analysis/test_staff_names.py
tests/test_personal_data.py -> tests/checks/test_personal_data.py
tests/test_redaction.py -> tests/checks/test_redaction.py
tests/test_redaction_more.py -> tests/checks/test_redaction_more.py
tests/test_template.py -> tests/checks/test_template.py
tests/test_rule_cases.py -> tests/checks/test_rule_cases.py
tests/test_no_information.py -> tests/analysis/test_no_information.py
tests/test_subject_and_fix_texts.py -> tests/checks/test_subject_and_fix_texts.py
tests/test_config.py -> tests/team/test_config.py
tests/test_policy.py -> tests/team/test_policy.py
tests/test_llm_parts.py -> tests/llm/test_llm_parts.py
tests/test_llm_review.py -> tests/llm/test_llm_review.py
tests/test_llm_local.py -> tests/llm/test_llm_local.py
tests/test_outputs.py -> tests/reporters/test_outputs.py
tests/test_html_report.py -> tests/reporters/test_html_report.py
tests/test_html_report_browser.py -> tests/reporters/test_html_report_browser.py
tests/test_audit.py -> tests/audit/test_audit.py
tests/test_audit_safety.py -> tests/audit/test_audit_safety.py
tests/test_case_timeout.py -> tests/audit/test_case_timeout.py
tests/test_golden.py -> tests/audit/test_golden.py
tests/test_html_browser.py -> tests/audit/test_html_browser.py
tests/test_eval.py -> tests/evaluate/test_eval.py
tests/test_web.py -> tests/web/test_web.py
tests/test_web_browser.py -> tests/web/test_web_browser.py
"""

SELF = Path(__file__).resolve()
SCANNED = ("reviewer", "tests")  # the trees whose every .py file must be in TABLE


def parse_table(text: str = TABLE) -> dict[str, str]:
    """Rows as {old: new}; a module that stays maps to itself. Duplicates are an error."""
    rows: dict[str, str] = {}
    news: set[str] = set()
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        old, _, new = (part.strip() for part in line.partition("->"))
        new = new or old
        if old in rows or new in news:
            raise SystemExit(f"relayout: {line!r} repeats a path already in the table")
        rows[old] = new
        news.add(new)
    return rows


def dotted(path: str) -> str:
    """`reviewer/checks/__init__.py` -> `reviewer.checks`; `reviewer/cli.py` -> `reviewer.cli`."""
    parts = path.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def unplaced(rows: dict[str, str]) -> list[str]:
    """Modules on disk that the table does not name (neither as an old nor as a new path)."""
    known = set(rows) | set(rows.values())
    found = []
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(ROOT).parts):
                continue
            if rel not in known:
                found.append(rel)
    return found


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout


# --- rewriting -----------------------------------------------------------------------------


class Rewriter:
    def __init__(self, rows: dict[str, str]) -> None:
        moved = {old: new for old, new in rows.items() if old != new}
        self.modules = {dotted(old): dotted(new) for old, new in moved.items() if old.startswith("reviewer/")}
        current = {dotted(new) for new in rows.values() if new.startswith("reviewer/")}
        # A name that is still a module after the move is never rewritten: that keeps a second
        # run from rewriting what the first produced, whatever the order of the rows.
        clash = set(self.modules) & current
        if clash:
            raise SystemExit(f"relayout: old names reused for new modules (ambiguous): {sorted(clash)}")
        self.paths = dict(moved)
        names = sorted(self.modules, key=len, reverse=True)
        self.dotted_re = re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, names)) + r")(?![\w])")
        self.path_re = re.compile(
            r"(?<![\w.-])(" + "|".join(map(re.escape, sorted(self.paths, key=len, reverse=True))) + r")(?![\w])"
        )

    def text(self, source: str, is_python: bool) -> str:
        if is_python:
            source = self.from_imports(source)
        source = self.dotted_re.sub(lambda m: self.modules[m.group(1)], source)
        return self.path_re.sub(lambda m: self.paths[m.group(1)], source)

    def from_imports(self, source: str) -> str:
        """`from reviewer.pkg import mod [as x]` where `reviewer.pkg.mod` moved: import it from its
        new package, keeping the local name (`from reviewer.analysis import asks`,
        `from reviewer.loaders import plain as text`)."""
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return source
        edits: list[tuple[int, int, str]] = []  # (first line, last line, replacement text)
        lines = source.splitlines(keepends=True)
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                continue
            if not (node.module == "reviewer" or node.module.startswith("reviewer.")):
                continue
            if not any(f"{node.module}.{a.name}" in self.modules for a in node.names):
                continue
            groups: dict[str, list[str]] = {}
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if full in self.modules:
                    parent, _, base = self.modules[full].rpartition(".")
                    local = alias.asname or alias.name
                    groups.setdefault(parent, []).append(base if local == base else f"{base} as {local}")
                else:
                    groups.setdefault(node.module, []).append(alias.name if not alias.asname else f"{alias.name} as {alias.asname}")
            first = lines[node.lineno - 1]
            indent = first[: len(first) - len(first.lstrip())]
            last = lines[node.end_lineno - 1]  # type: ignore[operator]
            tail = last.encode()[node.end_col_offset :].decode()  # keep a trailing comment
            stmts = [f"from {parent} import {', '.join(names)}" for parent, names in groups.items()]
            edits.append((node.lineno, node.end_lineno or node.lineno, indent + f"\n{indent}".join(stmts) + tail))
        for start, end, new in sorted(edits, reverse=True):
            lines[start - 1 : end] = [new if new.endswith("\n") else new + "\n"]
        return "".join(lines)


FILE_RE = re.compile(r"Path\(__file__\)(\.resolve\(\))?(\.parents\[(\d+)\]|(?:\.parent(?!s))+)")


DIRNAME_RE = re.compile(r"((?:os\.path\.dirname\()+)__file__\)+")


def climb(source: str, deeper: int) -> str:
    """A module moved `deeper` folders down: its `Path(__file__).parent` and
    `os.path.dirname(__file__)` chains climb that much further, so data found next to the
    package or the repository root is still found."""

    def fix(m: re.Match[str]) -> str:
        levels = int(m.group(3)) + 1 if m.group(3) is not None else m.group(2).count(".parent")
        levels += deeper
        tail = ".parent" if levels == 1 else f".parents[{levels - 1}]"
        return f"Path(__file__){m.group(1) or ''}{tail}"

    def fix_dirname(m: re.Match[str]) -> str:
        levels = m.group(1).count("os.path.dirname(") + deeper
        return "os.path.dirname(" * levels + "__file__" + ")" * levels

    return DIRNAME_RE.sub(fix_dirname, FILE_RE.sub(fix, source))


def depth(path: str) -> int:
    return path.count("/")


def tracked_files() -> list[Path]:
    out = []
    for rel in git("ls-files", "-z").split("\0"):
        if not rel:
            continue
        path = ROOT / rel
        if path.resolve() == SELF or path.is_symlink() or not path.is_file():
            continue
        out.append(path)
    return out


def run(check: bool) -> int:
    rows = parse_table()
    missing = unplaced(rows)
    if missing:
        print("relayout: these modules are not in tools/relayout.py's TABLE; add a row for each:", file=sys.stderr)
        for rel in missing:
            print(f"    {rel}", file=sys.stderr)
        return 2
    rewriter = Rewriter(rows)
    pending = [(old, new) for old, new in rows.items() if old != new and (ROOT / old).exists()]
    clashes = [new for old, new in pending if (ROOT / new).exists()]
    if clashes:
        print(f"relayout: both old and new paths exist for: {clashes}", file=sys.stderr)
        return 2
    if check:
        changed = [old for old, _ in pending]
    else:
        changed = []
        for old, new in pending:
            target = ROOT / new
            target.parent.mkdir(parents=True, exist_ok=True)
            init = target.parent / "__init__.py"
            if new.startswith("reviewer/") and not init.exists():
                init.write_text(f'"""{PACKAGE_DOCS.get(target.parent.name, "TODO: say what belongs in this layer.")}"""\n', encoding="utf-8")
                git("add", init.relative_to(ROOT).as_posix())
            git("mv", old, new)
            if depth(new) != depth(old):
                target.write_text(climb(target.read_text(encoding="utf-8"), depth(new) - depth(old)), encoding="utf-8")
            changed.append(old)
    for path in tracked_files():
        try:
            source = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        new_source = rewriter.text(source, path.suffix == ".py")
        if new_source != source:
            changed.append(path.relative_to(ROOT).as_posix())
            if not check:
                path.write_text(new_source, encoding="utf-8")
    for rel in changed:
        print(rel)
    if check and changed:
        print(f"relayout: {len(changed)} paths would change", file=sys.stderr)
        return 1
    return 0


# Docstrings for the packages the move creates: what belongs in the layer, and why it is one.
PACKAGE_DOCS = {
    "core": "The values every layer shares: documents and spans, the review model, findings and the\n"
    "rule registry, the errors a person can act on, the staff list. Imports nothing above itself.\n",
    "text": "Text infrastructure below the loaders: folding and matching, unwrapping hard-wrapped lines,\n"
    "finding quoted e-mail history, masking sensitive values. Knows nothing about FOI.\n",
    "analysis": "What a request asks and what a draft does with it: request parsing, answer alignment and\n"
    "status, citations, exemption assessment, the refusal notice, contacts and names.\n"
    "The checks read these facts; nothing here produces a finding.\n",
    "team": "The FOI team's own policy: settings, inline suppressions, and `policy`, which\n"
    "applies them to what the checks found.\n",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a run would change something")
    return run(parser.parse_args().check)


if __name__ == "__main__":
    sys.exit(main())

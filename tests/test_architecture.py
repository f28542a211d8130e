"""Import contracts and rule metadata: the layout keeps showing the pipeline.

The layers themselves (the core never imports the CLI, the reporters or the LLM tier, so it
stays usable as a library and cheap to import) are import-linter contracts in pyproject.toml;
the test runs `lint-imports` so a plain `pytest` catches a broken layer too. The README's map
must name every module, so a reader can find where anything lives.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

import reviewer.checks  # noqa: F401  (registers every rule)
from reviewer.checks.rule_cases import cases_for
from reviewer.core.findings import CODE_PREFIX, RULES, Category

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "reviewer"


def test_import_contracts_are_kept() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    proc = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout


def readme_map() -> set[str]:
    """The paths the README's "How it works" tree names: `reviewer/`, `reviewer/audit/`,
    `reviewer/audit/runner.py`... A line's indent (two spaces a level) gives its folder;
    description lines that wrap start with neither a folder nor a module and are skipped."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## How it works", 1)[1].split("```", 2)[1]
    named: set[str] = set()
    stack: list[str] = []
    for line in block.splitlines():
        token = line.strip().split(" ", 1)[0]
        if not token.endswith(("/", ".py")):
            continue
        level = (len(line) - len(line.lstrip())) // 2
        del stack[level:]
        path = "".join(stack) + token
        named.add(path)
        if token.endswith("/"):
            stack.append(token)
    return named


def modules_on_disk() -> set[str]:
    """Every module and package of `reviewer`; a package's `__init__.py` is its folder."""
    out = set()
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        out.add(rel.removesuffix("__init__.py") if path.name == "__init__.py" else rel)
    return out


def test_readme_map_shows_every_module() -> None:
    named, real = readme_map(), modules_on_disk()
    assert not real - named, f"modules missing from the README's map: {sorted(real - named)}"
    assert not named - real, f"the README's map names modules that do not exist: {sorted(named - real)}"


def test_importing_the_pipeline_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys, reviewer.pipeline, reviewer.cli; "
        "heavy = [m for m in ('rich', 'openai', 'tiktoken', 'pydantic', 'phonenumbers', 'httpx') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"imported at start-up: {out}"


def test_rule_metadata_is_complete_and_consistent() -> None:
    assert RULES, "no rules registered"
    names = set()
    for code, rule in RULES.items():
        assert re.fullmatch(r"[A-Z]{2}\d{3}", code)
        assert code.startswith(CODE_PREFIX[rule.category])
        assert rule.name not in names
        names.add(rule.name)
        assert rule.summary and rule.fix, code
        failing, passing = cases_for(code)  # the examples are whole drafts, run by test_rule_cases.py
        assert failing and passing, f"{code} needs a failing and a passing example"
    used = {r.category for r in RULES.values()}
    assert {Category.COMPLETENESS, Category.EXEMPTIONS, Category.REFUSAL_NOTICE, Category.PERSONAL_DATA, Category.TEMPLATE} <= used


def test_the_review_context_is_frozen_and_checks_only_read_it() -> None:
    """The pipeline's results are values passed forward: the context cannot be filled in later,
    and a check given a context without the assessed refusal notice says so instead of
    quietly recomputing what the pipeline computes."""
    from reviewer.checks import refusal_notice
    from reviewer.pipeline import review_texts

    review = review_texts("1. How many cameras do you have?\n", "1. We do not hold this information.\n")
    with pytest.raises(dataclasses.FrozenInstanceError):
        review.context.exemptions = []  # type: ignore[misc]
    assert review.context.refusal_notice is not None
    unassessed = dataclasses.replace(review.context, refusal_notice=None)
    with pytest.raises(ValueError, match="assessed"):
        list(refusal_notice.run(unassessed))

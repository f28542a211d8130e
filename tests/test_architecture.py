"""Import contracts and rule metadata: the layout keeps showing the pipeline.

The core (loaders, request parsing, alignment, checks, findings) never imports the CLI, the
reporters or the LLM tier, so it stays usable as a library and cheap to import.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import reviewer.checks  # noqa: F401  (registers every rule)
from reviewer.checks.rule_cases import cases_for
from reviewer.core.findings import CODE_PREFIX, RULES, Category

PKG = Path(__file__).resolve().parent.parent / "reviewer"
CORE = [
    *sorted((PKG / "loaders").glob("*.py")),
    *sorted((PKG / "checks").glob("*.py")),
    PKG / "findings.py",
    PKG / "document.py",
    PKG / "model.py",
    PKG / "request.py",
    PKG / "alignment.py",
    PKG / "status.py",
    PKG / "citations.py",
    PKG / "exemptions.py",
    PKG / "refusal.py",
    PKG / "review.py",
]
FORBIDDEN = ("reviewer.cli", "reviewer.reporters", "reviewer.llm")


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


@pytest.mark.parametrize("path", [p for p in CORE if p.exists()], ids=lambda p: p.name)
def test_core_does_not_import_outer_layers(path: Path) -> None:
    bad = {m for m in imports(path) if m.startswith(FORBIDDEN)}
    assert not bad, f"{path.name} imports {bad}"


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

"""The model tier's parts: prompts, offline tokens, pseudonymisation, grounding, cache,
packaging and the promise that the rule engine does not pay for any of it."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import SEED_ONS, SEEDS
from reviewer.llm import tokens
from reviewer.llm.cache import Cache
from reviewer.llm.grounding import locate
from reviewer.llm.prompts import (
    REVIEW_VARIABLES,
    PromptError,
    load_prompt,
    parse_prompt,
    prompt_names,
)
from reviewer.llm.pseudonymise import build

ROOT = Path(__file__).resolve().parents[2]

# --- prompts ------------------------------------------------------------------------------------


def test_every_prompt_uses_exactly_the_variables_the_code_supplies() -> None:
    supplied = {"review": REVIEW_VARIABLES}
    assert set(prompt_names()) == set(supplied)
    for name in prompt_names():
        p = load_prompt(name)
        assert p.variables == supplied[name], name
        assert p.version and p.description
        p.render(**dict.fromkeys(p.variables, "x"))


def test_top_level_prompts_folder_is_the_shipped_one() -> None:
    assert (ROOT / "prompts" / "review.toml").read_text() == (ROOT / "reviewer" / "prompts" / "review.toml").read_text()


BAD = 'name = "t"\nversion = "1"\ndescription = "d"\nvariables = ["a"]\nsystem = "$a"\nuser = "$b"\n'


def test_a_prompt_with_an_undeclared_variable_fails_at_load() -> None:
    with pytest.raises(PromptError, match="differ from those declared"):
        parse_prompt("t", BAD)
    with pytest.raises(PromptError, match="missing key 'version'"):
        parse_prompt("t", 'name = "t"\n')
    with pytest.raises(PromptError, match="malformed"):
        parse_prompt("t", BAD.replace('user = "$b"', 'user = "costs $5"'))


def test_rendering_with_a_missing_variable_fails() -> None:
    p = load_prompt()
    with pytest.raises(PromptError, match="missing variables"):
        p.render(regime="FOIA")


def test_prompts_command_lists_and_shows() -> None:
    from typer.testing import CliRunner

    from reviewer.cli import app

    out = CliRunner().invoke(app, ["prompts"])
    assert out.exit_code == 0 and "review@1" in out.stdout
    shown = CliRunner().invoke(app, ["prompts", "review"])
    assert "--- system ---" in shown.stdout and "<<<DRAFT" in shown.stdout
    assert CliRunner().invoke(app, ["prompts", "nope"]).exit_code == 2


# --- tokens -------------------------------------------------------------------------------------


def test_encodings_are_the_ones_tiktoken_expects() -> None:
    # Known token ids: these would differ with any other vocabulary.
    assert tokens.get_encoding("o200k_base").encode("hello world") == [24912, 2375]
    assert tokens.get_encoding("cl100k_base").encode("hello world") == [15339, 1917]
    assert tokens.Counter.for_model("gpt-4o-mini").encoding == "o200k_base"
    assert tokens.Counter.for_model("gpt-4").encoding == "cl100k_base"
    local = tokens.Counter.for_model("llama3.1:8b")
    assert local.encoding == "o200k_base" and not local.exact


def test_a_vendored_file_with_the_wrong_hash_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    name = "cl100k_base"
    filename, _, pat, special = tokens.ENCODINGS[name]
    monkeypatch.setitem(tokens.ENCODINGS, name, (filename, "0" * 64, pat, special))
    with pytest.raises(tokens.EncodingError, match="tiktoken expects 0000"):
        tokens._read_ranks(name)


def test_tiktoken_expects_the_same_hashes_we_check() -> None:
    src = (Path(__import__("tiktoken_ext.openai_public").openai_public.__file__)).read_text()
    for name, (_, sha, _, _) in tokens.ENCODINGS.items():
        assert sha in src, name


OFFLINE = """
import socket, sys
def refuse(*a, **k):
    raise OSError("network disabled in this test")
socket.socket.connect = refuse
socket.create_connection = refuse
from reviewer.cli import main
sys.argv = ["foi-review", "check", sys.argv[1], "--dry-run"]
main()
"""


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_dry_run_counts_tokens_with_no_network_and_no_download(seed: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "TIKTOKEN_", "FOI_REVIEW_"))}
    env["TIKTOKEN_CACHE_DIR"] = str(tmp_path / "tiktoken")  # empty: any download attempt would land here
    env["FOI_REVIEW_CACHE_DIR"] = str(tmp_path / "cache")
    run = subprocess.run([sys.executable, "-c", OFFLINE, str(SEEDS[seed])], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "input tokens" in run.stdout and "nothing is sent" in run.stdout
    assert "estimated cost $" in run.stdout
    assert not (tmp_path / "tiktoken").exists()


# --- pseudonymisation and grounding -------------------------------------------------------------


def test_placeholders_are_stable_and_restored() -> None:
    text = "Contact Jane Smith (jane.smith@x.gov.uk, 01632 960123).\n\nYours sincerely,\n\nJane Smith\nOfficer"
    a, b = build(text), build(text)
    assert a.forward == b.forward
    masked = a.apply(text)
    assert "Jane" not in masked and "jane.smith" not in masked and "960123" not in masked
    assert a.restore(masked) == text


def test_locate_is_case_and_whitespace_tolerant_only() -> None:
    text = "The total value of FM contract\n  is £12,301,930.00."
    span = locate("the TOTAL value of fm contract is £12,301,930.00", text)
    assert span is not None and text[span.start : span.end] == "The total value of FM contract\n  is £12,301,930.00"
    assert locate("The total value of the FM contract", text) is None
    assert locate("The total value of FM contract is £12,301,930", text, 5) is None  # outside the range
    assert locate("   ", text) is None


# --- cache --------------------------------------------------------------------------------------


def test_cache_trouble_is_a_warning_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = Cache(blocker / "cache")
    cache.put("ab" * 32, "{}", {})
    assert cache.get("ab" * 32) is None
    assert cache.warnings and "cannot write" in cache.warnings[0]
    good = Cache(tmp_path / "ok")
    (tmp_path / "ok" / "cd").mkdir(parents=True)
    (tmp_path / "ok" / "cd" / ("cd" * 32 + ".json")).write_text("{truncated")
    assert good.get("cd" * 32) is None and "unreadable" in good.warnings[0]
    good.put("ef" * 32, '{"a": 1}', {"model": "m"})
    assert good.get("ef" * 32) == {"key": "ef" * 32, "content": '{"a": 1}', "model": "m"}
    assert not list((tmp_path / "ok").rglob(".tmp-*"))


# --- packaging and layering ---------------------------------------------------------------------


def test_plain_check_imports_neither_openai_nor_tiktoken() -> None:
    code = (
        "import sys\n"
        "from reviewer.cli import app\n"
        "try:\n"
        f"    app(['check', {str(SEED_ONS)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('openai', 'tiktoken', 'httpx2', 'reviewer.llm')))\n"
        "print(any(m.startswith('reviewer.llm') for m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip().splitlines()[-2:] == ["[]", "False"], run.stdout + run.stderr


def source_of(module: str) -> Path:
    """Where a module's source is, by its dotted name (so the check follows a module that moves)."""
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None, module
    return Path(spec.origin)


def test_rule_engine_layers_never_import_the_model_tier() -> None:
    for package in ("reviewer.checks", "reviewer.loaders"):
        for path in source_of(package).parent.glob("*.py"):
            assert "reviewer.llm" not in path.read_text(), path
    for name in ("reviewer.core.findings", "reviewer.core.model", "reviewer.pipeline", "reviewer.analysis.alignment", "reviewer.analysis.request"):
        assert "reviewer.llm" not in source_of(name).read_text(), name


@pytest.mark.skipif(os.environ.get("FOI_REVIEW_SKIP_WHEEL") == "1", reason="wheel build skipped on request")
def test_the_wheel_ships_prompts_encodings_and_prices(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "-w", str(tmp_path), "--no-deps", "-q"],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    (wheel,) = tmp_path.glob("foi_reviewer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "reviewer/prompts/review.toml",
        "reviewer/llm/encodings/o200k_base.tiktoken.gz",
        "reviewer/llm/encodings/cl100k_base.tiktoken.gz",
        "reviewer/llm/prices.toml",
    ):
        assert needed in names, needed


def test_json_mode_schema_bounds_every_free_string_and_list_but_strict_schema_does_not() -> None:
    """A grammar-constrained server stops a small model filling one string until the output
    limit only if the schema bounds it; OpenAI's strict json_schema gets the plain schema."""
    from reviewer.llm.schema import (
        ModelReview,
        bounded_schema,
        json_schema,
        response_format,
    )

    def strings(node: object, found: list[dict[str, object]]) -> list[dict[str, object]]:
        if isinstance(node, dict):
            if node.get("type") == "string" and "enum" not in node:
                found.append(node)
            for v in node.values():
                strings(v, found)
        elif isinstance(node, list):
            for v in node:
                strings(v, found)
        return found

    bounded = strings(bounded_schema(), [])
    assert bounded and all(isinstance(s.get("maxLength"), int) for s in bounded)
    assert all("maxLength" not in s for s in strings(json_schema(), []))
    assert response_format("json_object_schema")["schema"] == bounded_schema()
    assert response_format("json_schema")["json_schema"]["schema"] == json_schema()
    lists = [bounded_schema()["properties"][k] for k in ("questions", "exemptions", "issues")]
    assert all(isinstance(x.get("maxItems"), int) for x in lists)
    # The bounds only narrow: a reply within them is still a valid ModelReview.
    ModelReview.model_validate({"questions": [{"ref": "1", "status": "answered", "quote": "x" * 240, "missing": None, "reason": "r"}],
                                "exemptions": [], "issues": []})

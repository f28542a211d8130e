"""The model tier against the servers public bodies run themselves.

Two parts:
- the response format (`auto` / `json_schema` / `json_object`), against the scripted server
  (tests/llm_server.py) answering the way real servers do, e.g. llama-cpp-python's HTTP 500
  naming `response_format`;
- a real llama-cpp-python server (`python -m llama_cpp.server`) with SmolLM2-135M-Instruct on
  127.0.0.1, behind a small logging proxy that records every request body, so the test can
  prove no personal data reached the model. See docs/llm.md for the set-up it verifies.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import SEED_ONS
from llm_server import Reply, ScriptedServer
from reviewer.cli import app
from reviewer.llm.review import run_reviews
from reviewer.llm.schema import json_schema
from reviewer.llm.settings import LLMSettings
from reviewer.review import review_files

# What llama-cpp-python 0.3.x's server answers to `response_format: {"type": "json_schema"}`.
LLAMA_CPP_500 = (
    "1 validation error for CreateChatCompletionRequest\nresponse_format.type\n"
    "  Input should be 'text' or 'json_object' [type=literal_error, input_value='json_schema']"
)


def empty_answer() -> dict[str, Any]:
    return {"questions": [], "exemptions": [], "issues": []}


def settings(server: ScriptedServer, tmp_path: Path, **kw: Any) -> LLMSettings:
    base: dict[str, Any] = {
        "base_url": server.base_url,
        "model": "local",
        "timeout": 2.0,
        "max_attempts": 3,
        "backoff_base": 0.01,
        "backoff_max": 0.5,
        "cache_dir": tmp_path / "cache",
    }
    base.update(kw)
    return LLMSettings(**base)


def run_one(server: ScriptedServer, tmp_path: Path, **kw: Any) -> Any:
    review = review_files(None, SEED_ONS)
    run_reviews([review], settings(server, tmp_path, **kw))
    return review


def formats(server: ScriptedServer) -> list[dict[str, Any]]:
    return [r["response_format"] for r in server.requests]


# --- response format ------------------------------------------------------------------------


def test_auto_falls_back_to_json_object_with_the_schema_on_a_500_naming_response_format(
    llm_server: ScriptedServer, tmp_path: Path
) -> None:
    llm_server.push(Reply.error(500, LLAMA_CPP_500), Reply.chat(empty_answer()))
    review = run_one(llm_server, tmp_path)
    assert review.llm.used, review.llm.failed
    sent = formats(llm_server)
    assert [f["type"] for f in sent] == ["json_schema", "json_object"]
    assert sent[1]["schema"] == json_schema()
    assert review.llm.response_format == "json_object_schema"
    notes = [n for n in review.notes if "rejected response_format" in n]
    assert notes == [f"model review: {llm_server.base_url[:-3]} rejected response_format json_schema (HTTP 500); sent json_object with the schema instead"]


def test_a_500_that_does_not_name_the_format_is_a_server_error_not_a_fallback(
    llm_server: ScriptedServer, tmp_path: Path
) -> None:
    llm_server.push(Reply.error(500, "out of memory"), Reply.chat(empty_answer()))
    review = run_one(llm_server, tmp_path)
    assert review.llm.used
    assert [f["type"] for f in formats(llm_server)] == ["json_schema", "json_schema"]  # a plain retry
    assert not any("rejected response_format" in n for n in review.notes)


def test_auto_steps_down_to_plain_json_mode_when_the_schema_key_is_rejected_too(
    llm_server: ScriptedServer, tmp_path: Path
) -> None:
    llm_server.push(
        Reply.error(400, "response_format json_schema is not supported"),
        Reply.error(422, "unknown field response_format.schema"),
        Reply.chat(empty_answer()),
    )
    review = run_one(llm_server, tmp_path)
    assert review.llm.used
    assert formats(llm_server)[2] == {"type": "json_object"}
    assert sum("rejected response_format" in n for n in review.notes) == 1


def test_the_fallback_is_remembered_for_the_rest_of_the_run(llm_server: ScriptedServer, tmp_path: Path) -> None:
    llm_server.push(Reply.error(500, LLAMA_CPP_500), Reply.chat(empty_answer()), Reply.chat(empty_answer()))
    reviews = [review_files(None, SEED_ONS), review_files(None, SEED_ONS)]
    run_reviews(reviews, settings(llm_server, tmp_path, concurrency=1, use_cache=False))
    assert [f["type"] for f in formats(llm_server)] == ["json_schema", "json_object", "json_object"]
    assert all(r.llm.used for r in reviews)


def test_json_schema_only_never_falls_back(llm_server: ScriptedServer, tmp_path: Path) -> None:
    llm_server.default = Reply.error(500, LLAMA_CPP_500)
    review = run_one(llm_server, tmp_path, response_format="json_schema")
    assert not review.llm.used
    assert review.llm.failed == f"server error from {llm_server.base_url[:-3]} (HTTP 500) (after 3 attempts)"
    assert {f["type"] for f in formats(llm_server)} == {"json_schema"}


def test_json_object_sends_the_schema_from_the_first_call(llm_server: ScriptedServer, tmp_path: Path) -> None:
    llm_server.push(Reply.chat(empty_answer()))
    review = run_one(llm_server, tmp_path, response_format="json_object")
    assert review.llm.used
    assert formats(llm_server) == [{"type": "json_object", "schema": json_schema()}]


def test_per_call_tokens_and_time_are_in_the_json_report(llm_server: ScriptedServer, tmp_path: Path) -> None:
    llm_server.push(Reply.chat(empty_answer()))
    env = {"OPENAI_BASE_URL": llm_server.base_url, "OPENAI_API_KEY": "", "FOI_REVIEW_CACHE_DIR": str(tmp_path / "c")}
    result = CliRunner().invoke(app, ["check", str(SEED_ONS), "--llm", "--model", "local", "--format", "json", "--response-format", "json_object"], env=env)
    llm = json.loads(result.stdout)["llm"]
    assert llm["response_format"] == "json_object_schema"
    [call] = llm["per_call"]
    assert call["input_tokens"] == 100 and call["output_tokens"] == 50  # as the server counted them
    assert 0 < call["seconds"] < 10 and call["cached"] is False and call["questions"] == ["1", "2"]


def test_response_format_from_the_settings_file_and_a_bad_value(llm_server: ScriptedServer, tmp_path: Path) -> None:
    (tmp_path / ".foi-review.toml").write_text('[llm]\nresponse_format = "json_object"\n', encoding="utf-8")
    llm_server.push(Reply.chat(empty_answer()))
    env = {"OPENAI_BASE_URL": llm_server.base_url, "OPENAI_API_KEY": "", "FOI_REVIEW_CACHE_DIR": str(tmp_path / "c")}
    cfg = str(tmp_path / ".foi-review.toml")
    result = CliRunner().invoke(app, ["check", str(SEED_ONS), "--llm", "--config", cfg, "--fail-on", "never"], env=env)
    assert result.exit_code == 0, result.output
    assert formats(llm_server)[0]["type"] == "json_object"
    bad = CliRunner().invoke(app, ["check", str(SEED_ONS), "--llm", "--response-format", "xml"], env=env)
    assert bad.exit_code == 2 and "--response-format must be auto, json_schema or json_object" in bad.output
    (tmp_path / "bad.toml").write_text('[llm]\nresponse_format = "yaml"\n', encoding="utf-8")
    bad = CliRunner().invoke(app, ["check", str(SEED_ONS), "--config", str(tmp_path / "bad.toml")], env=env)
    assert bad.exit_code == 2 and "key 'llm.response_format' must be one of auto, json_schema, json_object" in bad.output

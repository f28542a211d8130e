"""The structured output a model must return, as pydantic models.

The JSON schema sent as `response_format` (strict: every key required, no extra keys, null
where a part is absent) is generated from these models, and the reply is validated against
them whatever the server did with the schema, so JSON-mode-only servers are held to the same
shape. Imports pydantic: only the model tier imports this module.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

StatusName = Literal[
    "answered", "partial", "not_held", "withheld", "refused", "ncnd", "not_applicable", "redirected", "unanswered"
]
IssueKind = Literal["subject_mismatch", "stale_boilerplate", "personal_data"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class QuestionReview(_Strict):
    ref: str
    status: StatusName
    quote: str
    missing: str | None
    reason: str


class ExemptionReview(_Strict):
    citation: str
    factors_for: str | None
    factors_against: str | None
    conclusion: str | None
    harm_explained: bool | None
    harm_quote: str | None


class Issue(_Strict):
    kind: IssueKind
    quote: str
    explanation: str


class ModelReview(_Strict):
    questions: list[QuestionReview]
    exemptions: list[ExemptionReview]
    issues: list[Issue]


SCHEMA_NAME = "foi_model_review"


def _untitled(node: Any) -> Any:
    """The schema without pydantic's "title" keys: they cost tokens and say nothing."""
    if isinstance(node, dict):
        return {k: _untitled(v) for k, v in node.items() if not (k == "title" and isinstance(v, str))}
    if isinstance(node, list):
        return [_untitled(v) for v in node]
    return node


@cache
def json_schema() -> dict[str, Any]:
    schema: dict[str, Any] = _untitled(ModelReview.model_json_schema())
    return schema


# Lengths a grammar-constrained server can enforce while it decodes. A small local model left
# to itself fills a free string until the output limit (SmolLM2-135M wrote 2,000 tokens of one
# "reason"); with these bounds its reply ends, as valid JSON, in a few hundred tokens. Quotes
# are verified against the draft anyway, and a claim whose quote was cut short is dropped.
_MAX_LENGTH = {"quote": 240, "reason": 160, "missing": 120, "explanation": 160, "citation": 40, "ref": 12,
               "factors_for": 300, "factors_against": 300, "conclusion": 300, "harm_quote": 240}
_MAX_ITEMS = {"questions": 60, "exemptions": 12, "issues": 6}


def _bound(node: Any, name: str | None = None) -> Any:
    if isinstance(node, list):
        return [_bound(v, name) for v in node]
    if not isinstance(node, dict):
        return node
    out = dict(node)
    if "properties" in node:
        out["properties"] = {k: _bound(v, k) for k, v in node["properties"].items()}
    for key in ("anyOf", "items"):
        if key in node:
            out[key] = _bound(node[key], name)
    if "$defs" in node:
        out["$defs"] = {k: _bound(v) for k, v in node["$defs"].items()}
    if node.get("type") == "string" and name in _MAX_LENGTH:
        out["maxLength"] = _MAX_LENGTH[name]
    if node.get("type") == "array" and name in _MAX_ITEMS:
        out["maxItems"] = _MAX_ITEMS[name]
    return out


@cache
def bounded_schema() -> dict[str, Any]:
    """The schema with string lengths and list sizes bounded, for servers that constrain
    decoding by it (JSON mode with a schema: llama.cpp-family). Not sent as OpenAI's strict
    json_schema, which does not take every such keyword."""
    schema: dict[str, Any] = _bound(json_schema())
    return schema


@cache
def schema_digest() -> str:
    return hashlib.sha256(json.dumps(json_schema(), sort_keys=True).encode()).hexdigest()


# The `response_format` settings a user can choose, and the wire formats behind them, in the
# order `auto` tries them. `json_object_schema` is JSON mode with the schema alongside, the way
# llama.cpp-family servers (llama-server, llama-cpp-python) take it to constrain decoding;
# plain `json_object` is the last resort for a server that rejects even that.
FORMAT_CHOICES = ("auto", "json_schema", "json_object")
FORMAT_LADDER: dict[str, tuple[str, ...]] = {
    "auto": ("json_schema", "json_object_schema", "json_object"),
    "json_schema": ("json_schema",),
    "json_object": ("json_object_schema", "json_object"),
}


def first_format(setting: str) -> str:
    """The wire format a setting tries first (what token counts assume)."""
    return FORMAT_LADDER.get(setting, (setting,))[0]


def response_format(kind: str) -> dict[str, Any]:
    """The `response_format` argument for a wire format (`json_schema`, `json_object_schema`
    or `json_object`)."""
    if kind == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": SCHEMA_NAME, "strict": True, "schema": json_schema()}}
    if kind == "json_object_schema":
        return {"type": "json_object", "schema": bounded_schema()}
    return {"type": "json_object"}


class OutputError(ValueError):
    """The text is not valid JSON of the right shape; the message says which."""


def parse_output(text: str | None) -> ModelReview:
    """Validate a model's reply. Tolerates a ```json fence (some local servers add one) and a
    raw line break or tab inside a string, which small local models write (SmolLM2 did in 8 of
    57 dev cases): JSON forbids them, but what the string says is read the same, and every
    quote is verified against the draft anyway."""
    if text is None or not text.strip():
        raise OutputError("empty reply")
    body = text.strip()
    if body.startswith("```"):
        body = body.strip("`")
        body = body[4:] if body.lower().startswith("json") else body
    try:
        data = json.loads(body, strict=False)
    except json.JSONDecodeError as exc:
        what = exc.msg.removesuffix(" at")  # "Invalid control character at"
        raise OutputError(f"malformed JSON ({what} at character {exc.pos})") from exc
    try:
        return ModelReview.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise OutputError(f"reply does not match the schema: {where}: {first['msg']} ({exc.error_count()} error(s))") from exc

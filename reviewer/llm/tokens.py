"""Token counts and cost estimates, offline.

tiktoken downloads its encoding files on first use, which fails on a machine with no internet
(CI). The two encodings the OpenAI chat models use ship gzipped in `encodings/`; each is
checked against the SHA-256 tiktoken itself expects (the constants in
`tiktoken_ext/openai_public.py`) before a `tiktoken.Encoding` is built from it, so no download
ever happens and a corrupt or substituted file is an error, not a wrong count.

A model tiktoken does not know (a local Llama, Qwen...) is counted with o200k_base and the
count is flagged approximate; its tokenizer differs, typically by 10-20%.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import tiktoken

ENDOFTEXT = "<|endoftext|>"
ENDOFPROMPT = "<|endofprompt|>"

# name -> (file, sha256 of the decompressed file as tiktoken expects it, pattern, special tokens)
# Patterns and special tokens are tiktoken's own (tiktoken_ext/openai_public.py, MIT).
_O200K_PAT = "|".join(
    [
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""\p{N}{1,3}""",
        r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
        r"""\s*[\r\n]+""",
        r"""\s+(?!\S)""",
        r"""\s+""",
    ]
)
_CL100K_PAT = r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""

ENCODINGS: dict[str, tuple[str, str, str, dict[str, int]]] = {
    "o200k_base": (
        "o200k_base.tiktoken.gz",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
        _O200K_PAT,
        {ENDOFTEXT: 199999, ENDOFPROMPT: 200018},
    ),
    "cl100k_base": (
        "cl100k_base.tiktoken.gz",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
        _CL100K_PAT,
        {
            ENDOFTEXT: 100257,
            "<|fim_prefix|>": 100258,
            "<|fim_middle|>": 100259,
            "<|fim_suffix|>": 100260,
            ENDOFPROMPT: 100276,
        },
    ),
}
FALLBACK_ENCODING = "o200k_base"
# Same ranks and pattern as o200k_base; only special tokens differ.
_ALIASES = {"o200k_harmony": "o200k_base"}

# Chat framing per the OpenAI cookbook: each message costs 3 tokens, the reply is primed with 3.
TOKENS_PER_MESSAGE = 3
TOKENS_REPLY_PRIMING = 3


class EncodingError(Exception):
    """A vendored encoding file is missing or does not match tiktoken's expected hash."""


def _read_ranks(name: str) -> dict[bytes, int]:
    filename, expected, _, _ = ENCODINGS[name]
    try:
        packed = (resources.files("reviewer.llm") / "encodings" / filename).read_bytes()
        data = gzip.decompress(packed)
    except (OSError, EOFError) as exc:
        raise EncodingError(f"encoding {name}: cannot read {filename}: {exc}") from exc
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise EncodingError(f"encoding {name}: {filename} has sha256 {actual}, tiktoken expects {expected}")
    ranks: dict[bytes, int] = {}
    for line in data.splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


@cache
def get_encoding(name: str) -> tiktoken.Encoding:
    """A tiktoken encoding built from the vendored, hash-checked file. Never downloads."""
    import tiktoken

    _, _, pattern, special = ENCODINGS[name]
    return tiktoken.Encoding(name=name, pat_str=pattern, mergeable_ranks=_read_ranks(name), special_tokens=special)


def encoding_name_for(model: str) -> tuple[str, bool]:
    """(encoding name, exact) for a model name; unknown models fall back, flagged inexact."""
    from tiktoken.model import encoding_name_for_model

    bare = model.split("/")[-1]  # "openai/gpt-4o-mini" as some gateways name it
    try:
        name = encoding_name_for_model(bare)
    except KeyError:
        return FALLBACK_ENCODING, False
    name = _ALIASES.get(name, name)
    if name in ENCODINGS:
        return name, True
    return FALLBACK_ENCODING, False


@dataclass(frozen=True)
class Counter:
    """Counts tokens for one model."""

    model: str
    encoding: str
    exact: bool

    @classmethod
    def for_model(cls, model: str) -> Counter:
        name, exact = encoding_name_for(model)
        return cls(model, name, exact)

    def count(self, text: str) -> int:
        return len(get_encoding(self.encoding).encode(text, disallowed_special=()))

    def count_messages(self, messages: list[dict[str, str]], response_format: dict[str, Any] | None = None) -> int:
        """Input tokens of a chat request: messages, framing and (approximately) the schema."""
        total = TOKENS_REPLY_PRIMING
        for m in messages:
            total += TOKENS_PER_MESSAGE + self.count(m["content"]) + self.count(m["role"])
        schema = None
        if response_format is not None:
            schema = response_format.get("schema") or (response_format.get("json_schema") or {}).get("schema")
        if schema is not None:
            total += self.count(json.dumps(schema, separators=(",", ":")))
        return total


@dataclass(frozen=True)
class Price:
    model_key: str
    input_per_million: float
    output_per_million: float

    def cost(self, input_tokens: int, output_tokens: int) -> float:
        return (input_tokens * self.input_per_million + output_tokens * self.output_per_million) / 1_000_000


def _price_table() -> dict[str, Any]:
    override = os.environ.get("FOI_REVIEW_PRICES")
    if override:
        return tomllib.loads(Path(override).read_text(encoding="utf-8"))
    return tomllib.loads((resources.files("reviewer.llm") / "prices.toml").read_text(encoding="utf-8"))


def price_for(model: str) -> Price | None:
    """The price row for a model: the longest key the (bare) model name starts with."""
    table = _price_table().get("models", {})
    bare = model.split("/")[-1].lower()
    keys = sorted((k for k in table if bare.startswith(k.lower())), key=len, reverse=True)
    if not keys:
        return None
    row = table[keys[0]]
    return Price(keys[0], float(row["input"]), float(row["output"]))

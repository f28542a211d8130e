"""Everything that decides where a model review goes and how: one frozen value.

Built from the command line, the config file and the standard `openai` variables
(`OPENAI_API_KEY`, `OPENAI_BASE_URL`). The key is kept out of `repr`, the cache key and every
report; only the endpoint's host is shown.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_MAX_INPUT_TOKENS = 12_000
DEFAULT_MAX_OUTPUT_TOKENS = 2_000
DEFAULT_CONCURRENCY = 4


@dataclass(frozen=True)
class LLMSettings:
    model: str = DEFAULT_MODEL
    base_url: str | None = None  # None: OpenAI's own endpoint
    api_key: str | None = field(default=None, repr=False)
    temperature: float = 0.0
    seed: int = 20240601
    max_input_tokens: int = DEFAULT_MAX_INPUT_TOKENS
    max_output_tokens: int = DEFAULT_MAX_OUTPUT_TOKENS
    timeout: float = 60.0  # seconds per attempt
    max_attempts: int = 4  # first try plus three retries
    backoff_base: float = 1.0  # seconds; doubled per attempt, with jitter
    backoff_max: float = 30.0  # longest wait between attempts (also caps retry-after)
    concurrency: int = DEFAULT_CONCURRENCY
    pseudonymise: bool = True
    use_cache: bool = True
    cache_dir: Path | None = None  # None: FOI_REVIEW_CACHE_DIR, XDG_CACHE_HOME or ~/.cache
    # "auto": json_schema, falling back to JSON mode when the server rejects it; "json_schema"
    # only; "json_object" (JSON mode with the schema alongside, for llama.cpp-family servers).
    response_format: str = "auto"

    @property
    def configured(self) -> bool:
        """True when there is somewhere to send a request: a key, or an explicit endpoint."""
        return bool(self.api_key) or bool(self.base_url)

    @property
    def endpoint(self) -> str:
        return (self.base_url or DEFAULT_BASE_URL).rstrip("/")

    @property
    def endpoint_host(self) -> str:
        """Scheme, host and port only: what reports and the cache key may show."""
        parts = urlsplit(self.endpoint)
        return f"{parts.scheme}://{parts.netloc}" if parts.netloc else self.endpoint

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> LLMSettings:
        """Settings from the standard variables plus explicit overrides (None values ignored)."""
        env = os.environ if env is None else env
        values: dict[str, object] = {
            "api_key": env.get("OPENAI_API_KEY") or None,
            "base_url": env.get("OPENAI_BASE_URL") or None,
        }
        if env.get("FOI_REVIEW_MODEL"):
            values["model"] = env["FOI_REVIEW_MODEL"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

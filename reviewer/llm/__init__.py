"""The optional model-review tier: grounded, pseudonymised, cached review through any
OpenAI-compatible endpoint.

    settings -> plan (pseudonymise, prompt, count tokens, split) -> cache or client
             -> schema validation -> grounding (verify quotes, merge) -> Review

Importing this package is cheap: `openai`, `tiktoken` and `pydantic` are imported only by the
modules that need them (`client`, `tokens`, `schema`), and those only when a model review or
a dry run is asked for, so the rule engine's start-up time does not pay for them.
"""

from __future__ import annotations

from reviewer.llm.failures import LLMBadOutput, LLMError, LLMUnavailable
from reviewer.llm.settings import LLMSettings

__all__ = ["LLMBadOutput", "LLMError", "LLMSettings", "LLMUnavailable"]

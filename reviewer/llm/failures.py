"""The model tier's own errors. `reviewer.llm.client` translates every `openai` exception
into one of these, in one place; nothing else in the package sees an `openai` exception.

Each carries a one-line `reason` for the report ("model review failed: <reason>") and a
`tip` saying what to try next. `retryable` tells the client whether another attempt can help.
"""

from __future__ import annotations


class LLMError(Exception):
    """Base class: the model review could not be done."""

    retryable = False
    tip = ""
    timed_out = False  # the endpoint did not answer within the timeout

    def __init__(self, reason: str, *, retry_after: float | None = None, tip: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        if tip is not None:
            self.tip = tip


class LLMNotConfigured(LLMError):
    """No endpoint configured: nothing is sent anywhere."""

    tip = "set OPENAI_API_KEY (and OPENAI_BASE_URL for a local or Azure server), see docs/llm.md"


class LLMUnavailable(LLMError):
    """The endpoint could not give an answer: network, timeout, rate limit, server error,
    unknown model, rejected key."""

    tip = "check OPENAI_BASE_URL, the key and --model; --require-llm makes this exit 2"


class LLMRetryable(LLMUnavailable):
    """A failure worth another try: timeout, connection error, 429, 5xx."""

    retryable = True


class LLMBadOutput(LLMError):
    """The model answered, but not with something we can use: malformed or truncated JSON,
    output that does not match the schema, a refusal."""

    retryable = True
    tip = "try another --model; servers without JSON-schema support are asked for JSON mode"


class LLMRefused(LLMBadOutput):
    retryable = False


class LLMTruncated(LLMBadOutput):
    """The reply ran to the output token limit. Not retried: the same prompt at temperature 0
    with a fixed seed runs to the same limit again (a local server repeats it token for token)."""

    retryable = False
    tip = "raise [llm] max_output_tokens, or use a model that answers within it"

"""The one place that talks to the `openai` client.

Builds the sync or async client from `LLMSettings` (any OpenAI-compatible endpoint through
`base_url`), sends one chat completion with bounded retries, and translates every `openai`
exception into `LLMUnavailable` / `LLMRetryable` / `LLMBadOutput` / `LLMRefused` here, so the
rest of the package never sees the client's exception types.

Retries are ours (the client's own `max_retries` is 0) so they are bounded by
`settings.max_attempts`, honour `retry-after` / `retry-after-ms`, and back off exponentially
with jitter up to `settings.backoff_max`. A server asking to wait longer than that is given up
on at once rather than hammered.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from reviewer.llm.failures import (
    LLMBadOutput,
    LLMError,
    LLMRefused,
    LLMRetryable,
    LLMTruncated,
    LLMUnavailable,
)
from reviewer.llm.schema import (
    FORMAT_LADDER,
    OutputError,
    parse_output,
    response_format,
)
from reviewer.llm.settings import LLMSettings

if TYPE_CHECKING:
    import openai

    from reviewer.llm.schema import ModelReview

# A placeholder key for local servers that need none (the client insists on one).
NO_KEY = "no-key-needed"
# A timed-out call is tried at most twice: a local server with one slot keeps generating the
# abandoned answer, so a third try only queues behind two (measured with llama-cpp-python).
MAX_TIMEOUT_ATTEMPTS = 2
# Unusable output (malformed JSON, the wrong shape) is tried at most twice: at temperature 0 with
# a fixed seed a model mostly repeats itself, so a second try catches a glitch (a cut stream, a
# provider's occasional bad JSON) and a third only costs time and tokens (a local SmolLM2 gave
# the same invalid reply three times out of three on the dev cases).
MAX_BAD_OUTPUT_ATTEMPTS = 2


@dataclass(frozen=True)
class Completion:
    review: ModelReview
    content: str
    input_tokens: int | None
    output_tokens: int | None
    attempts: int
    seconds: float = 0.0  # wall time of the whole call, retries included
    format: str = ""  # the wire format that was answered


def _client_kwargs(settings: LLMSettings) -> dict[str, Any]:
    return {
        "api_key": settings.api_key or NO_KEY,
        "base_url": settings.endpoint,
        "timeout": settings.timeout,
        "max_retries": 0,
    }


def build_client(settings: LLMSettings) -> openai.OpenAI:
    import openai

    return openai.OpenAI(**_client_kwargs(settings))


def build_async_client(settings: LLMSettings) -> openai.AsyncOpenAI:
    import openai

    return openai.AsyncOpenAI(**_client_kwargs(settings))


def _retry_after(headers: Any) -> float | None:
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        when = email.utils.parsedate_to_datetime(value) if value else None
        return max(0.0, when.timestamp() - time.time()) if when else None


def translate(exc: BaseException, settings: LLMSettings) -> LLMError:
    """Map an `openai` exception to our own family; unknown exceptions become LLMUnavailable."""
    import openai

    where = settings.endpoint_host
    if isinstance(exc, openai.APITimeoutError):
        err = LLMRetryable(f"timed out after {settings.timeout:g} s waiting for {where}")
        err.timed_out = True
        return err
    if isinstance(exc, openai.APIConnectionError):
        return LLMRetryable(f"cannot connect to {where}")
    if isinstance(exc, openai.RateLimitError):
        return LLMRetryable(f"rate limited by {where} (HTTP 429)", retry_after=_retry_after(exc.response.headers))
    if isinstance(exc, openai.NotFoundError):
        return LLMUnavailable(f"model '{settings.model}' not found at {where} (HTTP 404)", tip="check --model against the models the server offers")
    if isinstance(exc, (openai.AuthenticationError, openai.PermissionDeniedError)):
        return LLMUnavailable(f"{where} rejected the API key (HTTP {exc.status_code})", tip="check OPENAI_API_KEY")
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500 or exc.status_code in (408, 409):
            return LLMRetryable(f"server error from {where} (HTTP {exc.status_code})", retry_after=_retry_after(exc.response.headers))
        return LLMUnavailable(f"{where} refused the request (HTTP {exc.status_code}): {_short(exc.message)}")
    if isinstance(exc, openai.APIResponseValidationError):
        return LLMBadOutput(f"unreadable response from {where}")
    if isinstance(exc, openai.OpenAIError):
        return LLMUnavailable(f"{type(exc).__name__}: {_short(str(exc))}")
    return LLMUnavailable(f"{type(exc).__name__}: {_short(str(exc))}")


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _is_format_rejection(exc: BaseException) -> bool:
    """The server refused the response format: any 4xx or 5xx whose body names it.

    Not only 400/422: llama-cpp-python's server (0.3.x) answers a `json_schema` request with
    HTTP 500 and a validation error naming `response_format`.
    """
    import openai

    if not isinstance(exc, openai.APIStatusError) or exc.status_code < 400:
        return False
    body = f"{exc.message} {exc.body!r}".lower()
    return any(w in body for w in ("response_format", "json_schema", "schema"))


def _read(completion: Any, attempt: int, max_tokens: int) -> Completion:
    """Validate one completion object into a `Completion`; raise LLMBadOutput/LLMRefused."""
    choices = getattr(completion, "choices", None) or []
    if not choices:
        raise LLMBadOutput("the reply had no choices")
    choice = choices[0]
    message = choice.message
    refusal = getattr(message, "refusal", None)
    if refusal:
        raise LLMRefused(f"the model refused: {_short(refusal)}")
    if choice.finish_reason == "length":
        raise LLMTruncated(f"truncated JSON (the reply hit the output token limit, max_output_tokens = {max_tokens})")
    if choice.finish_reason == "content_filter":
        raise LLMRefused("the reply was withheld by the provider's content filter")
    content = message.content or ""
    try:
        review = parse_output(content)
    except OutputError as exc:
        raise LLMBadOutput(str(exc)) from exc
    usage = getattr(completion, "usage", None)
    return Completion(
        review=review,
        content=content,
        input_tokens=getattr(usage, "prompt_tokens", None),
        output_tokens=getattr(usage, "completion_tokens", None),
        attempts=attempt,
    )


def _label(fmt: str) -> str:
    return {"json_schema": "json_schema", "json_object_schema": "json_object with the schema"}.get(fmt, "json_object")


def _status(exc: Exception) -> str:
    code = getattr(exc, "status_code", None)
    return f"HTTP {code}" if code else type(exc).__name__


def _timed(done: Completion, started: float, fmt: str) -> Completion:
    return replace(done, seconds=round(time.perf_counter() - started, 3), format=fmt)


class ModelClient:
    """Sends review requests with bounded retries. One instance per run; async and sync.

    The response format walks down `FORMAT_LADDER[settings.response_format]` when the server
    rejects one; the step is shared by every later call of the run (the server will not change
    its mind), and `fallback` says once what happened, for the report's notes.
    """

    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings
        self._ladder = FORMAT_LADDER.get(settings.response_format, (settings.response_format,))
        self._step = 0
        self.fallback: str | None = None
        self._async: openai.AsyncOpenAI | None = None
        self._sync: openai.OpenAI | None = None

    @property
    def format(self) -> str:
        """The wire format the next request uses."""
        return self._ladder[self._step]

    def _request(self, messages: list[dict[str, str]], fmt: str) -> dict[str, Any]:
        s = self.settings
        return {
            "model": s.model,
            "messages": messages,
            "temperature": s.temperature,
            "seed": s.seed,
            "max_tokens": s.max_output_tokens,
            "response_format": response_format(fmt),
        }

    def _delay(self, attempt: int, err: LLMError) -> float | None:
        """Seconds to wait before the next attempt, or None to give up now."""
        s = self.settings
        if not err.retryable or attempt >= s.max_attempts:
            return None
        if err.timed_out and attempt >= min(s.max_attempts, MAX_TIMEOUT_ATTEMPTS):
            return None
        if isinstance(err, LLMBadOutput) and attempt >= MAX_BAD_OUTPUT_ATTEMPTS:
            return None
        if err.retry_after is not None:
            if err.retry_after > s.backoff_max:
                err.reason += f"; the server asked to wait {err.retry_after:g} s, longer than {s.backoff_max:g} s"
                return None
            return err.retry_after
        return min(s.backoff_max, s.backoff_base * 2.0 ** (attempt - 1)) * random.uniform(0.5, 1.0)

    def _failure(self, exc: Exception, fmt: str) -> LLMError | None:
        """The error a failed call becomes (to retry or raise), or None when the server only
        refused the response format `fmt` and the call should be repeated in the next one."""
        if isinstance(exc, LLMError):
            return exc
        if _is_format_rejection(exc):
            if fmt != self.format:
                return None  # a concurrent call has already stepped down: retry in the new format
            if self._step + 1 < len(self._ladder):
                self._step += 1
                first = self.fallback is None
                self.fallback = (
                    f"{self.settings.endpoint_host} rejected response_format {_label(fmt)}"
                    f" ({_status(exc)}); sent {_label(self.format)} instead"
                    if first
                    else f"{self.fallback}; then {_label(self.format)}"
                )
                return None
        return translate(exc, self.settings)

    def _finish(self, err: LLMError, attempt: int) -> LLMError:
        if attempt > 1:
            err.reason += f" (after {attempt} attempts)"
        return err

    async def acomplete(self, messages: list[dict[str, str]]) -> Completion:
        if self._async is None:
            self._async = build_async_client(self.settings)
        attempt = 0
        started = time.perf_counter()
        while True:
            attempt += 1
            fmt = self.format
            try:
                raw = await self._async.chat.completions.create(**self._request(messages, fmt))
                return _timed(_read(raw, attempt, self.settings.max_output_tokens), started, fmt)
            except Exception as exc:  # noqa: BLE001 - every client exception is translated here
                failure = self._failure(exc, fmt)
            if failure is None:
                attempt -= 1  # the server refused the response format: same call in the next one
                continue
            wait = self._delay(attempt, failure)
            if wait is None:
                raise self._finish(failure, attempt)
            await asyncio.sleep(wait)

    def complete(self, messages: list[dict[str, str]]) -> Completion:
        if self._sync is None:
            self._sync = build_client(self.settings)
        attempt = 0
        started = time.perf_counter()
        while True:
            attempt += 1
            fmt = self.format
            try:
                raw = self._sync.chat.completions.create(**self._request(messages, fmt))
                return _timed(_read(raw, attempt, self.settings.max_output_tokens), started, fmt)
            except Exception as exc:  # noqa: BLE001 - every client exception is translated here
                failure = self._failure(exc, fmt)
            if failure is None:
                attempt -= 1  # the server refused the response format: same call in the next one
                continue
            wait = self._delay(attempt, failure)
            if wait is None:
                raise self._finish(failure, attempt)
            time.sleep(wait)

    async def aclose(self) -> None:
        if self._async is not None:
            await self._async.close()
            self._async = None

    def close(self) -> None:
        if self._sync is not None:
            self._sync.close()
            self._sync = None

"""One resolver for every command: the command line over the settings file over the defaults.

`check`, `audit`, `test`, `eval`, `serve` and `prompts` all come through here, so an option
means the same everywhere and the model settings are built once. It sits above the engine
(`pipeline.Options`) and the model tier (`llm.settings`), which it builds, and below the CLI;
the settings file itself is read by `team.config`, which knows neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.core.model import Regime
from reviewer.team.config import (
    FAIL_ON,
    RESPONSE_FORMATS,
    Config,
    ConfigError,
    load_config,
)

if TYPE_CHECKING:  # the engine and the model tier load only when a command runs
    from reviewer.llm.settings import LLMSettings
    from reviewer.pipeline import Options


@dataclass(frozen=True)
class Choices:
    """What was said on the command line. The field names are the commands' parameter names."""

    config: Path | None = None
    fail_on: str | None = None
    allow_contact: tuple[str, ...] = ()
    regime: str | None = None
    llm: bool = False
    model: str | None = None
    max_input_tokens: int | None = None
    concurrency: int | None = None
    response_format: str | None = None
    no_cache: bool = False
    no_pseudonymise: bool = False
    require_llm: bool = False
    dry_run: bool = False
    show_payload: bool = False


@dataclass(frozen=True)
class Resolved:
    """Everything a command needs to run, decided once: CLI over settings file over defaults."""

    config: Config
    options: Options
    fail_on: str
    llm: LLMSettings | None  # when a model review (or a dry run) is asked for
    require_llm: bool = False
    dry_run: bool = False
    show_payload: bool = False


def _choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    if value is not None and value.lower() not in allowed:
        raise ConfigError(f"{option} must be {', '.join(allowed[:-1])} or {allowed[-1]}, not '{value}'")
    return None if value is None else value.lower()


def model_settings(config: Config, choices: Choices = Choices()) -> LLMSettings:
    """The model settings: the command line over the settings file over the defaults; the
    endpoint from OPENAI_BASE_URL, else the file's `[llm] base_url`."""
    import os

    from reviewer.llm.settings import LLMSettings

    response_format = _choice(choices.response_format, RESPONSE_FORMATS, "--response-format")
    return LLMSettings.from_env(
        model=choices.model or config.model,
        max_input_tokens=choices.max_input_tokens or config.max_input_tokens,
        concurrency=choices.concurrency or config.concurrency,
        base_url=None if os.environ.get("OPENAI_BASE_URL") else config.base_url,
        use_cache=not choices.no_cache,
        pseudonymise=not choices.no_pseudonymise,
        response_format=response_format or config.response_format or "auto",
        timeout=config.timeout,
        max_output_tokens=config.max_output_tokens,
    )


def resolve(choices: Choices, cwd: Path) -> Resolved:
    """Read the settings file (`choices.config`, else the nearest one from `cwd`) and merge the
    command line over it. Raises `ConfigError` with a one-line message for anything unusable."""
    from reviewer.pipeline import Options

    if choices.show_payload and not choices.dry_run:
        raise ConfigError("--show-payload needs --dry-run: it shows what would be sent instead of sending it")
    _choice(choices.response_format, RESPONSE_FORMATS, "--response-format")  # checked even without --llm
    config = load_config(choices.config, cwd)
    fail_on = _choice(choices.fail_on, FAIL_ON, "--fail-on") or config.fail_on
    regime = config.regime
    if choices.regime is not None:
        if choices.regime.upper() not in Regime.__members__:
            raise ConfigError(f"--regime must be FOIA, EIR, FOISA or EISR, not '{choices.regime}'")
        regime = Regime[choices.regime.upper()]
    options = Options(
        allow_contacts=config.allow_contacts + tuple(choices.allow_contact),
        regime=regime,
        rules=config.rules,
        staff=config.staff_list,
    )
    wants_model = choices.llm or choices.require_llm or choices.dry_run or config.llm
    llm = model_settings(config, choices) if wants_model else None
    return Resolved(
        config, options, fail_on, llm, require_llm=choices.require_llm, dry_run=choices.dry_run, show_payload=choices.show_payload
    )

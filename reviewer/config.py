"""Project settings from `.foi-review.toml` or `[tool.foi-review]` in `pyproject.toml`.

An FOI team keeps its own mailboxes and numbers in an allow-list so the personal-data check
never flags them, and sets how strict the exit code is. Settings are looked up like other
linters do: the nearest file in the current directory or its parents, stopping at the
repository root (a `.git` folder) or the filesystem root. Keys are validated against a small
table so a typo ("allow_contact") fails loudly, with the key and file named in one line,
instead of being ignored.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer.model import Regime

CONFIG_FILE = ".foi-review.toml"
PYPROJECT = "pyproject.toml"
FAIL_ON = ("error", "warning", "info", "never")


class ConfigError(Exception):
    """A settings file that cannot be used; the message is one line naming the key and file."""


@dataclass(frozen=True)
class Config:
    """Validated settings. Defaults apply when no file is found."""

    allow_contacts: tuple[str, ...] = ()
    fail_on: str = "error"
    regime: Regime | None = None  # None: detect from the draft
    llm: bool = False  # run the model review on every check (needs an endpoint)
    model: str | None = None  # model name for the model review
    max_input_tokens: int | None = None
    concurrency: int | None = None
    source: Path | None = None  # the file the settings came from


def _allow_contacts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError("must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _fail_on(value: Any) -> str:
    if not isinstance(value, str) or value.lower() not in FAIL_ON:
        raise ValueError(f"must be one of {', '.join(FAIL_ON)}")
    return value.lower()


def _regime(value: Any) -> Regime:
    if not isinstance(value, str) or value.upper() not in Regime.__members__:
        raise ValueError(f"must be one of {', '.join(r.value for r in Regime)}")
    return Regime[value.upper()]


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _model(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a model name")
    return value.strip()


def _positive(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError("must be a positive whole number")
    return value


# The known keys and their validators; a later key is one line here plus a Config field.
_KEYS: dict[str, Callable[[Any], Any]] = {
    "allow_contacts": _allow_contacts,
    "fail_on": _fail_on,
    "regime": _regime,
    "llm": _bool,
    "model": _model,
    "max_input_tokens": _positive,
    "concurrency": _positive,
}


def find_config(cwd: Path) -> tuple[Path, bool] | None:
    """The nearest settings file at or above `cwd`: (path, is_pyproject), or None.

    In each directory `.foi-review.toml` wins over `pyproject.toml`, and a `pyproject.toml`
    counts only if it has a `[tool.foi-review]` table. The search stops after the directory
    that holds `.git`.
    """
    for d in (cwd.resolve(), *cwd.resolve().parents):
        own = d / CONFIG_FILE
        if own.is_file():
            return own, False
        py = d / PYPROJECT
        if py.is_file() and _pyproject_table(py) is not None:
            return py, True
        if (d / ".git").exists():
            return None
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read settings: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}".replace("\n", " ")) from exc


def _pyproject_table(path: Path) -> dict[str, Any] | None:
    tool = _read(path).get("tool")
    table = tool.get("foi-review") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def load_config(path: Path | None, cwd: Path) -> Config:
    """Settings from `path` if given, else from the nearest file found from `cwd`.

    An explicit `pyproject.toml` is read from its `[tool.foi-review]` table; any other explicit
    file is read whole. Raises `ConfigError` for a missing explicit file, bad TOML, an unknown
    key or a bad value.
    """
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"{path}: settings file not found")
        is_pyproject = path.name == PYPROJECT
    else:
        found = find_config(cwd)
        if found is None:
            return Config()
        path, is_pyproject = found
    if is_pyproject:
        table = _pyproject_table(path) or {}
        where = f"{path} [tool.foi-review]"
    else:
        table = _read(path)
        where = str(path)
    values: dict[str, Any] = {}
    for key, raw in table.items():
        check = _KEYS.get(key)
        if check is None:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(f"{where}: unknown key '{key}' (known keys: {known})")
        try:
            values[key] = check(raw)
        except ValueError as exc:
            raise ConfigError(f"{where}: key '{key}' {exc}") from exc
    return Config(**values, source=path)

"""Project settings from `.foi-review.toml` or `[tool.foi-review]` in `pyproject.toml`.

An FOI team keeps its own mailboxes and numbers in an allow-list so the personal-data check
never flags them, and sets how strict the exit code is. Settings are looked up like other
linters do: the nearest file in the current directory or its parents, stopping at the
repository root (a `.git` folder) or the filesystem root. Keys are validated against a small
table so a typo ("allow_contact") fails loudly, with the key and file named in one line,
instead of being ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer.core.errors import InputError
from reviewer.core.findings import RuleSetting, Severity
from reviewer.core.model import Regime
from reviewer.core.staff_list import StaffList, load_staff_list

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
    rules: tuple[RuleSetting, ...] = ()  # per-rule enable/disable/severity
    staff_list: StaffList | None = None  # who may be named in a published reply
    base_url: str | None = None  # OpenAI-compatible endpoint for the model review ([llm] table)
    response_format: str | None = None  # auto, json_schema or json_object ([llm] table)
    timeout: float | None = None  # seconds per model call ([llm] table); local models are slow
    max_output_tokens: int | None = None  # longest reply per model call ([llm] table)


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


_RULE_KEYS = ("enabled", "severity")
_SEVERITIES = tuple(s.value for s in Severity)


class _KeyError(ValueError):
    """A bad value deeper in a table: carries the dotted sub-key so the message can name it."""

    def __init__(self, subkey: str, message: str) -> None:
        super().__init__(message)
        self.subkey = subkey


def _rules(value: Any) -> tuple[RuleSetting, ...]:
    """`{PD003 = "off"}`, `{EX005 = "error"}` or `{TP002 = {enabled = false, severity = "info"}}`."""
    import reviewer.checks  # noqa: F401  (registers the rules)
    from reviewer.core.findings import RULES

    if not isinstance(value, dict):
        raise ValueError("must be a table of rule codes, e.g. PD003 = \"off\"")
    out: list[RuleSetting] = []
    for code, setting in value.items():
        if code.upper() not in RULES:
            raise _KeyError(code, "is not a rule code (see `foi-review rules`)")
        code = code.upper()
        if isinstance(setting, str):
            word = setting.lower()
            if word in ("off", "disable", "disabled"):
                out.append(RuleSetting(code, enabled=False))
            elif word in ("on", "enable", "enabled"):
                out.append(RuleSetting(code))
            elif word in _SEVERITIES:
                out.append(RuleSetting(code, severity=Severity(word)))
            else:
                raise _KeyError(code, f"must be on, off or a severity ({', '.join(_SEVERITIES)})")
        elif isinstance(setting, dict):
            for k in setting:
                if k not in _RULE_KEYS:
                    raise _KeyError(f"{code}.{k}", f"is not a rule setting (known: {', '.join(_RULE_KEYS)})")
            enabled = setting.get("enabled", True)
            if not isinstance(enabled, bool):
                raise _KeyError(f"{code}.enabled", "must be true or false")
            sev = setting.get("severity")
            if sev is not None and (not isinstance(sev, str) or sev.lower() not in _SEVERITIES):
                raise _KeyError(f"{code}.severity", f"must be one of {', '.join(_SEVERITIES)}")
            out.append(RuleSetting(code, enabled, Severity(sev.lower()) if sev else None))
        else:
            raise _KeyError(code, "must be on, off, a severity, or a table with enabled/severity")
    return tuple(out)


def _positive_int(value: Any, top: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
        raise ValueError(f"must be a whole number from 1 to {top}")
    return value


_LLM_TABLE = {
    "enabled": "llm", "model": "model", "base_url": "base_url", "max_input_tokens": "max_input_tokens",
    "concurrency": "concurrency", "response_format": "response_format", "timeout": "timeout",
    "max_output_tokens": "max_output_tokens",
}
RESPONSE_FORMATS = ("auto", "json_schema", "json_object")


def _llm(value: Any) -> bool | dict[str, Any]:
    """`llm = true`, or an `[llm]` table of enabled, model, base_url, max_input_tokens, concurrency,
    response_format, timeout, max_output_tokens (spread into the same Config fields as the top-level keys)."""
    if isinstance(value, bool):
        return value
    if not isinstance(value, dict):
        raise ValueError(f"must be true, false or a table ({', '.join(_LLM_TABLE)})")
    out: dict[str, Any] = {}
    for k, v in value.items():
        if k not in _LLM_TABLE:
            raise _KeyError(k, f"is not an LLM setting (known: {', '.join(_LLM_TABLE)})")
        try:
            if k == "enabled":
                v = _bool(v)
            elif k == "model":
                v = _model(v)
            elif k == "base_url":
                if not isinstance(v, str) or not v.startswith(("http://", "https://")):
                    raise ValueError("must be an http:// or https:// URL")
            elif k == "response_format":
                if v not in RESPONSE_FORMATS:
                    raise ValueError(f"must be one of {', '.join(RESPONSE_FORMATS)}")
            elif k == "timeout":
                if isinstance(v, bool) or not isinstance(v, (int, float)) or not 1 <= v <= 3600:
                    raise ValueError("must be a number of seconds from 1 to 3600")
                v = float(v)
            else:
                v = _positive_int(v, {"concurrency": 256, "max_output_tokens": 100_000}.get(k, 10_000_000))
        except ValueError as exc:
            raise _KeyError(k, str(exc)) from None
        out[_LLM_TABLE[k]] = v
    return out


def _staff_list(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be the path of a CSV file (name, role, publish)")
    return value.strip()


# The known keys and their validators; a later key is one line here plus a Config field.
_KEYS: dict[str, Callable[[Any], Any]] = {
    "allow_contacts": _allow_contacts,
    "fail_on": _fail_on,
    "regime": _regime,
    "llm": _llm,
    "model": _model,
    "max_input_tokens": _positive,
    "concurrency": _positive,
    "rules": _rules,
    "staff_list": _staff_list,
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
    import tomllib  # only when there is a settings file to read: most runs have none

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read settings: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}".replace("\n", " ")) from exc


def _pyproject_table(path: Path) -> dict[str, Any] | None:
    try:
        if b"foi-review" not in path.read_bytes():
            return None  # most projects' pyproject.toml: no need to parse it (or import tomllib)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read settings: {exc.strerror or exc}") from exc
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
        except _KeyError as exc:
            raise ConfigError(f"{where}: key '{key}.{exc.subkey}' {exc}") from exc
        except ValueError as exc:
            raise ConfigError(f"{where}: key '{key}' {exc}") from exc
    if isinstance(values.get("llm"), dict):
        table = values.pop("llm")
        for field_name, v in table.items():
            if field_name in values:
                raise ConfigError(f"{where}: key 'llm.{_llm_key(field_name)}' repeats the top-level key '{field_name}'; keep one")
            values[field_name] = v
    if "staff_list" in values:
        staff_path = path.parent / values["staff_list"]
        try:
            values["staff_list"] = load_staff_list(staff_path)
        except InputError as exc:
            raise ConfigError(f"{where}: key 'staff_list': {exc}") from exc
    return Config(**values, source=path)


def _llm_key(field_name: str) -> str:
    return next(k for k, f in _LLM_TABLE.items() if f == field_name)

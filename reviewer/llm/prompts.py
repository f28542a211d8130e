"""Prompt templates as data: `prompts/*.toml`, shipped inside the package.

The repository's top-level `prompts/` folder is a symlink to `reviewer/prompts/`, so the files
a team reviews are the files the wheel ships and `importlib.resources` finds, in an editable
install and an installed wheel alike.

A template fails loudly when it loads: a missing key, a `$variable` the template uses but does
not declare (or declares but never uses), a malformed `$`. Rendering with a variable missing
or an extra one is an error too, so what is sent is exactly what the file says.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from string import Template

REVIEW_PROMPT = "review"
# The variables the code supplies to the review prompt (tested against the file).
REVIEW_VARIABLES = frozenset({"regime", "questions", "rule_findings", "exemptions", "draft"})


class PromptError(Exception):
    """A prompt file that cannot be used, or a render with the wrong variables."""


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    description: str
    variables: frozenset[str]
    system: str
    user: str
    source: str  # the file's text, as shipped

    @property
    def label(self) -> str:
        """`review@1`: what reports and the JSON output record."""
        return f"{self.name}@{self.version}"

    @property
    def digest(self) -> str:
        """sha256 of the file's text: part of the cache key with the version."""
        return hashlib.sha256(self.source.encode("utf-8")).hexdigest()

    def render(self, **values: str) -> tuple[str, str]:
        """(system, user) with every variable filled. Missing or extra variables raise."""
        given = set(values)
        if given != self.variables:
            missing, extra = sorted(self.variables - given), sorted(given - self.variables)
            raise PromptError(f"prompt {self.label}: missing variables {missing}, unexpected {extra}")
        try:
            return Template(self.system).substitute(values), Template(self.user).substitute(values)
        except (KeyError, ValueError) as exc:  # pragma: no cover - excluded by the load checks
            raise PromptError(f"prompt {self.label}: {exc}") from exc


def _identifiers(name: str, part: str, text: str) -> set[str]:
    t = Template(text)
    if not t.is_valid():
        raise PromptError(f"prompt {name}: malformed $ placeholder in '{part}' (write $$ for a dollar sign)")
    return set(t.get_identifiers())


def parse_prompt(name: str, source: str) -> Prompt:
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise PromptError(f"prompt {name}: invalid TOML: {exc}") from exc
    for key in ("name", "version", "description", "variables", "system", "user"):
        if key not in data:
            raise PromptError(f"prompt {name}: missing key '{key}'")
    if data["name"] != name:
        raise PromptError(f"prompt {name}: file declares name '{data['name']}'")
    declared = data["variables"]
    if not isinstance(declared, list) or not all(isinstance(v, str) for v in declared):
        raise PromptError(f"prompt {name}: 'variables' must be a list of names")
    used = _identifiers(name, "system", data["system"]) | _identifiers(name, "user", data["user"])
    if used != set(declared):
        raise PromptError(
            f"prompt {name}: variables used {sorted(used)} differ from those declared {sorted(declared)}"
        )
    return Prompt(
        name=name,
        version=str(data["version"]),
        description=str(data["description"]),
        variables=frozenset(declared),
        system=data["system"].strip(),
        user=data["user"].strip(),
        source=source,
    )


def prompt_names() -> list[str]:
    folder = resources.files("reviewer") / "prompts"
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))


@cache
def load_prompt(name: str = REVIEW_PROMPT) -> Prompt:
    path = resources.files("reviewer") / "prompts" / f"{name}.toml"
    if not path.is_file():
        raise PromptError(f"no prompt named '{name}' (known: {', '.join(prompt_names()) or 'none'})")
    return parse_prompt(name, path.read_text(encoding="utf-8"))

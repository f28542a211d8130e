"""Every rule's failing and passing examples, as whole drafts kept in data files.

A rule's examples are not prose: each is a case in `reviewer/checks/cases/<family>.toml`, a
request and a complete draft (or a Word, Excel or PDF file described by its visible text and
its hidden parts), with the codes that must appear and those that must not. The same cases
are run through the real review by `tests/checks/test_rule_cases.py`, printed by `foi-review rules
CODE` and written into docs/rules.md, so an example cannot claim what the rule does not do
(sqlfluff's YAML rule cases, bandit's example files).

A case is a *failing* example of a rule when the rule is in its `must` list and a *passing*
example when it is in its `must_not` list; `rule` names the one rule the case is about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

CASES_DIR = Path(__file__).parent / "cases"

_KEYS = frozenset(
    {"rule", "name", "about", "request", "draft", "must", "must_not", "regime", "settings", "files", "format", "document", "model_answer"}
)
FORMATS = ("txt", "combined", "docx", "xlsx", "pdf")


class RuleCaseError(ValueError):
    """A case file that does not say what a case must say (a test failure, not a crash)."""


@dataclass(frozen=True)
class RuleCase:
    """One example of one rule: the input, and the codes that must and must not come out."""

    family: str  # the file it came from (completeness, exemptions, ...)
    rule: str
    name: str
    about: str
    draft: str
    request: str | None = None
    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()
    regime: str | None = None
    settings: str | None = None  # a .foi-review.toml written beside the draft
    files: tuple[tuple[str, str], ...] = ()  # further files beside it (a staff list)
    format: str = "txt"
    document: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    model_answer: str | None = None  # the model tier's JSON answer, for the model's own rules

    @property
    def failing(self) -> bool:
        """A failing example: the rule must fire on it."""
        return self.rule in self.must

    @property
    def case_id(self) -> str:
        return f"{self.rule}-{self.name}"


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleCaseError(f"{where}: '{key}' must be a list of rule codes")
    return tuple(value)


def _case(family: str, raw: dict[str, Any], n: int) -> RuleCase:
    where = f"{family}.toml case {n}"
    unknown = set(raw) - _KEYS
    if unknown:
        raise RuleCaseError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("rule", "name", "about", "draft"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise RuleCaseError(f"{where}: '{key}' is required")
    case = RuleCase(
        family=family,
        rule=raw["rule"],
        name=raw["name"],
        about=raw["about"].strip(),
        draft=raw["draft"],
        request=raw.get("request"),
        must=_strings(raw.get("must", []), where, "must"),
        must_not=_strings(raw.get("must_not", []), where, "must_not"),
        regime=raw.get("regime"),
        settings=raw.get("settings"),
        files=tuple(sorted((raw.get("files") or {}).items())),
        format=raw.get("format", "txt"),
        document=raw.get("document") or {},
        model_answer=raw.get("model_answer"),
    )
    if case.format not in FORMATS:
        raise RuleCaseError(f"{where}: 'format' must be one of {', '.join(FORMATS)}")
    if (case.rule in case.must) == (case.rule in case.must_not):
        raise RuleCaseError(f"{where}: {case.rule} must be in exactly one of 'must' and 'must_not'")
    if set(case.must) & set(case.must_not):
        raise RuleCaseError(f"{where}: a code cannot be in both 'must' and 'must_not'")
    if case.format == "combined" and case.request is not None:
        raise RuleCaseError(f"{where}: a combined draft holds its own request")
    return case


@lru_cache(maxsize=1)
def load_cases(directory: Path = CASES_DIR) -> tuple[RuleCase, ...]:
    """Every case of every family file, in file order. Raises `RuleCaseError` on a bad file."""
    import tomllib

    out: list[RuleCase] = []
    for path in sorted(directory.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise RuleCaseError(f"{path.name}: invalid TOML: {exc}") from exc
        cases = data.get("case", [])
        if not isinstance(cases, list):
            raise RuleCaseError(f"{path.name}: cases are written as [[case]] tables")
        out.extend(_case(path.stem, raw, n) for n, raw in enumerate(cases, 1))
    ids = [c.case_id for c in out]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise RuleCaseError(f"duplicate case names: {', '.join(dupes)}")
    return tuple(out)


def cases_for(code: str) -> tuple[list[RuleCase], list[RuleCase]]:
    """(failing, passing) examples of one rule."""
    mine = [c for c in load_cases() if c.rule == code]
    return [c for c in mine if c.failing], [c for c in mine if not c.failing]


def hidden_parts(case: RuleCase) -> list[str]:
    """One line per hidden part of a case's document, for people reading the example."""
    lines: list[str] = []
    for key, value in case.document.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict):
                desc = ", ".join(f"{k}={v!r}" for k, v in item.items())
                lines.append(f"{key}: {desc}")
            else:
                lines.append(f"{key}: {item!r}")
    return lines


def example_summary(code: str) -> str:
    """Two lines naming the rule's first failing and first passing example (SARIF's help)."""
    failing, passing = cases_for(code)
    lines = [f"Fails: {failing[0].about}"] if failing else []
    lines += [f"Passes: {passing[0].about}"] if passing else []
    return "\n".join(lines)

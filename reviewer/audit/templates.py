"""Response templates found by an audit: recognise them, and render them with their cases' data.

A repository of response templates holds files such as `refusal.md.j2` or a Word reply with
`{{ requester_name }}` in it. Reviewed as they stand, every `{{ var }}` is a "placeholder left
in the reply" and the template's own paragraphs are read as a request. So a file that is a
Jinja template (by its suffix, `.j2` / `.jinja`, or a text or Word file holding Jinja syntax:
see `is_template`) is never reviewed raw: it is rendered with the data of each golden case that names it
(`"template"` in a case folder's `expected.json`, with `"data"` and the case's request), and each rendering is one audit case. A template that no case names becomes one
broken case whose one-line reason says what it needs; a gate that could not check a template
must not pass it silently.

Golden cases are looked for in the repository holding the audited folder (the nearest folder
above it with `.git`, `pyproject.toml` or `.foi-review.toml`, else the folder itself), once per
audit and only when a template is found, so an audit of ordinary cases pays nothing.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TEMPLATE_SUFFIXES = frozenset({".j2", ".jinja", ".jinja2"})
# text files whose raw bytes are the template (Word and PDF are read through their loader)
_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm"})
_SNIFF_BYTES = 256 * 1024
# `{{ requester_name }}`, `{{ q.answer }}`, `{{ name|upper }}`, `{% if fee %}`, `{% for q in answers %}`
_JINJA_RE = re.compile(
    r"\{\{-?\s*[A-Za-z_][\w.]*(?:\s*\|\s*\w+(?:\([^{}]*\))?)*\s*-?\}\}"
    r"|\{%-?\s*(?:if|for|set|include|macro|block|extends|raw|with|filter|call|import|from)\b[^{}]*-?%\}"
)
_CASE_FILE = "expected.json"  # golden cases; a case.json naming a template is a case folder of its own
_SKIP_DIRS = frozenset({"node_modules", "venv", "site-packages", "__pycache__"})
_REPO_MARKERS = (".git", "pyproject.toml", ".foi-review.toml")


def holds_jinja(text: str) -> bool:
    """True when `text` uses Jinja syntax: a `{{ variable }}` or a `{% tag %}`."""
    return _JINJA_RE.search(text) is not None


def inner_suffix(path: Path) -> str:
    """The suffix that says what a template renders to: `refusal.md.j2` -> `.md`."""
    if path.suffix.lower() in TEMPLATE_SUFFIXES:
        return Path(path.stem).suffix.lower()
    return path.suffix.lower()


_VAR_RE = re.compile(r"\{\{-?\s*([A-Za-z_][\w.]*)")
_CONTROL_RE = re.compile(r"\{%-?\s*(?:if|for|set|include|macro|block|extends|with|filter|call|import|from)\b")
_MANY_VARIABLES = 3


def is_template(path: Path, index: TemplateIndex | None = None) -> bool:
    """A Jinja template rather than a reply: by its suffix (`.j2`, `.jinja`); or, for a text or
    Word file holding Jinja syntax, when a golden case names it, it has `{% %}` control tags, or
    it has three or more distinct `{{ variables }}`. A draft with one or two `{{ name }}` left
    in it and nothing else is a reply with placeholders left in it (TP001), as it always was.
    Reads at most 256 KB of a text file; a Word file is read through its loader."""
    suffix = path.suffix.lower()
    if suffix in TEMPLATE_SUFFIXES:
        return True
    try:
        if suffix in _TEXT_SUFFIXES:
            with path.open("rb") as fh:
                head = fh.read(_SNIFF_BYTES)
            if b"{{" not in head and b"{%" not in head:
                return False
            text = head.decode("utf-8", errors="replace")
        elif suffix in (".docx", ".odt"):
            from reviewer.loaders import load

            text = load(path).text
        else:
            return False
    except Exception:  # noqa: BLE001 - an unreadable file is reported when it is reviewed
        return False
    if not holds_jinja(text):
        return False
    if _CONTROL_RE.search(text) or len(set(_VAR_RE.findall(text))) >= _MANY_VARIABLES:
        return True
    return index is not None and bool(index.uses(path))


@dataclass(frozen=True)
class TemplateUse:
    """A golden case that renders a template: its folder, its data and its request file."""

    folder: Path
    data: dict[str, Any]
    request: Path | None


def _repository_root(start: Path) -> Path:
    here = start.resolve()
    folder = here if here.is_dir() else here.parent
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in _REPO_MARKERS):
            return candidate
    return folder


class TemplateIndex:
    """Which golden cases name which template, built on first use from one walk of the
    repository (only `expected.json` files are read)."""

    def __init__(self, start: Path) -> None:
        self.start = start
        self._uses: dict[Path, list[TemplateUse]] | None = None

    def uses(self, template: Path) -> list[TemplateUse]:
        if self._uses is None:
            self._uses = _index(_repository_root(self.start))
        return self._uses.get(template.resolve(), [])


_MAX_FOLDERS = 20_000  # a repository of templates is small; never crawl a whole disk


def _index(root: Path) -> dict[Path, list[TemplateUse]]:
    uses: dict[Path, list[TemplateUse]] = {}
    for seen, (dirpath, dirnames, filenames) in enumerate(os.walk(root)):
        if seen >= _MAX_FOLDERS:
            break
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")) and d not in _SKIP_DIRS)
        if _CASE_FILE not in filenames:
            continue
        folder = Path(dirpath)
        try:
            spec = json.loads((folder / _CASE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(spec, dict) or not isinstance(spec.get("template"), str):
            continue
        data = spec.get("data")
        request = folder / str(spec["request"]) if isinstance(spec.get("request"), str) else None
        if request is None and (folder / "request.txt").is_file():
            request = folder / "request.txt"
        template = (folder / spec["template"]).resolve()
        uses.setdefault(template, []).append(TemplateUse(folder, data if isinstance(data, dict) else {}, request))
    return uses


def needs_data_text(path: Path) -> str:
    """The one line for a template that no case gives data to."""
    return (
        f"{path.name} is a Jinja template with no case's data to render it with: name it as "
        f"\"template\", with its \"data\", in a golden case's expected.json (see docs/ci.md)"
    )


_IN_RENDERING = "in the text rendered from the case's data"


def relocate(review: dict[str, Any], template: Path, source: str) -> None:
    """Point the evidence of a rendered template's review at the template file itself.

    The review's offsets and lines are those of the rendered text, which a `{% for %}` loop
    or a long value shifts; a CI annotation on "line 23" of the template would land on the wrong
    line. Evidence whose text stands as such in the template (a paragraph a template edit added)
    gets its line and column in the template; evidence made of the case's data has no line in
    the template, so it gets a logical location instead (SARIF and GitHub then name the file).
    Word and PDF templates have no lines anyway and are left as they are."""
    if inner_suffix(template) not in _TEXT_SUFFIXES | {""}:
        return
    newlines = [i for i, ch in enumerate(source) if ch == "\n"]

    def place(ev: dict[str, Any]) -> None:
        text = str(ev.get("text") or "")
        at = source.find(text) if text else -1
        if at < 0:
            ev.update(line=0, column=0, location=_IN_RENDERING)
            return
        import bisect

        line = bisect.bisect_left(newlines, at) + 1
        line_start = newlines[line - 2] + 1 if line > 1 else 0
        ev.update(line=line, column=at - line_start + 1, start=at, end=at + len(text))

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key.endswith("evidence") and isinstance(value, dict) and value.get("source") == str(template):
                    place(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(review)

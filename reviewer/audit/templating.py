"""Render a response template with one case's data before it is reviewed.

Teams keep replies as templates with Jinja-style placeholders (`{{ requester_name }}`,
`{% if fee %}...{% endif %}`). A golden case names a template and the data to fill it with;
the rendered text is what gets reviewed, so a template edit that drops the internal-review
paragraph fails every case that uses it.

Rendering is strict: a placeholder with no value is an error naming the variable (never an
empty string that would hide the slip), and templates run in Jinja's sandbox.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reviewer.core.errors import InputError

_LOADED_SUFFIXES = frozenset({".docx", ".odt", ".pdf", ".rtf"})


def template_source(path: Path) -> str:
    """The template's text: a text file as it stands, a Word template as its loader reads it
    (so `{{ requester_name }}` split across Word's runs still reads as one placeholder)."""
    if path.suffix.lower() in _LOADED_SUFFIXES:
        from reviewer.loaders import load

        return load(path).text
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the template ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: the template is not UTF-8 text") from None


def render_template(path: Path, data: dict[str, Any]) -> str:
    """The template at `path` rendered with `data`. Raises `InputError` with a one-line reason."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    source = template_source(path)
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    try:
        return env.from_string(source).render(**data)
    except jinja2.UndefinedError as exc:
        raise InputError(f"{path}: template variable {exc.message} (add it to the case's data)") from None
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"{path}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise InputError(f"{path}: cannot render the template: {exc}") from None

"""`foi-review serve`: a local review page for people who do not live in a terminal.

    intake.py   uploaded or pasted text -> Documents -> a Review (no web library; tested alone)
    app.py      the Starlette application: the page, the guards, the downloads
    server.py   binds the socket (loopback unless told otherwise), runs uvicorn, opens the browser
    templates/  the page (Jinja); static/  its CSS and JavaScript, served as files

Starlette, uvicorn and python-multipart are the optional `web` extra, imported only here and
only by `serve`; `missing()` tells the CLI what to install without importing the rest.
"""

from __future__ import annotations

import importlib.util

REQUIRED = ("starlette", "uvicorn", "multipart", "jinja2")
INSTALL_HINT = "pip install 'foi-reviewer[web]'"


def missing() -> str | None:
    """The first module of the web extra that is not installed, or None."""
    for name in REQUIRED:
        try:
            if importlib.util.find_spec(name) is None:
                return name
        except (ImportError, ValueError):
            return name
    return None

"""Find the cases in an audit tree.

A case is one of:

* a **case folder**: a folder holding a request file (`request*`) and a response file
  (`response*`, `reply*` or `draft*`), with optional `case.json` metadata;
* a **case file**: any other reviewable file, holding request and response together;
* a **manifest row**: `manifest.csv` or `manifest.jsonl` at the top of the tree (or given as
  PATH) names the files, one case per row: `response` (required), `request`, `id`, and any
  other columns (date, team, reference...) kept as metadata. Paths are relative to the
  manifest. A tree with a manifest is read from the manifest only.

A `case.json` may instead name a `template` (rendered with its `data`, see
`reviewer.templating`) in place of a response file, which is how golden cases test templates.

Discovery streams: it walks the tree lazily and yields cases in a stable (sorted) order, so a
tree of 100,000 cases is never held in memory. Problems with one case (a request with no
response, a bad manifest row, unreadable `case.json`) are yielded as a `Case` with `error`
set, to be reported like any other broken case.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.loaders import supported_suffixes

MANIFEST_NAMES = ("manifest.jsonl", "manifest.csv")
CASE_FILE = "case.json"
EXPECTED_FILE = "expected.json"
_REQUEST_STEMS = ("request",)
_RESPONSE_STEMS = ("response", "reply", "draft", "template")
_IGNORED = {CASE_FILE, EXPECTED_FILE, *MANIFEST_NAMES}


@dataclass(frozen=True)
class Case:
    """One case to review. Plain and picklable: it is sent to worker processes."""

    id: str  # stable and unique within the audit: the resume key
    response: Path | None
    request: Path | None = None  # None: `response` holds both
    metadata: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    template: Path | None = None  # render this with `data` instead of reading `response`
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    error: str | None = None  # found broken during discovery


def _reviewable(name: str) -> bool:
    if name.startswith((".", "~$")) or name in _IGNORED:
        return False
    return os.path.splitext(name)[1].lower() in supported_suffixes()


def _stem(name: str) -> str:
    return os.path.splitext(name)[0].lower()


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() or "."
    except ValueError:
        return path.as_posix()


def _str_metadata(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        return {}
    return {str(k): "" if v is None else str(v) for k, v in raw.items()}


def case_from_folder(folder: Path, case_id: str) -> Case | None:
    """The case a folder holds, or None when it is not a case folder."""
    names = sorted(os.listdir(folder))
    meta: dict[str, Any] = {}
    if CASE_FILE in names:
        try:
            loaded = json.loads((folder / CASE_FILE).read_text(encoding="utf-8"))
            if not isinstance(loaded, dict):
                raise ValueError("must be a JSON object")
            meta = loaded
        except (OSError, ValueError) as exc:
            return Case(case_id, None, error=f"{CASE_FILE}: {exc}")
    files = [n for n in names if _reviewable(n) and (folder / n).is_file()]
    requests = [n for n in files if _stem(n).startswith(_REQUEST_STEMS)]
    responses = [n for n in files if _stem(n).startswith(_RESPONSE_STEMS)]
    metadata = _str_metadata(meta.get("metadata"))
    raw_data = meta.get("data")
    data: dict[str, Any] = raw_data if isinstance(raw_data, dict) else {}
    request = folder / str(meta["request"]) if "request" in meta else (folder / requests[0] if requests else None)
    template = folder / str(meta["template"]) if "template" in meta else None
    if "response" in meta:
        response: Path | None = folder / str(meta["response"])
    elif template is None and responses:
        response = folder / responses[0]
    else:
        response = None
    if not meta and request is None and response is None:
        return None
    if not meta and request is None and response is not None and len(files) > 1:
        return None  # a folder of combined files that happens to hold a "reply..." file
    if len(requests) > 1 or len(responses) > 1:
        if "request" not in meta and "response" not in meta and "template" not in meta:
            return Case(case_id, None, metadata=metadata, error=f"several request/response files: {', '.join(files)}")
    if response is None and template is None:
        return Case(case_id, None, request=request, metadata=metadata, error="a request but no response file")
    return Case(case_id, response, request, metadata, template, data)


def _walk(root: Path) -> Iterator[Case]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
        here = Path(dirpath)
        case_id = _rel(here, root)
        folder_case = case_from_folder(here, case_id)
        if folder_case is not None:
            dirnames[:] = []  # a case folder's sub-folders are its own business
            yield folder_case
            continue
        for name in sorted(filenames):
            if _reviewable(name):
                path = here / name
                yield Case(_rel(path, root), path)


def _manifest_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(line number, row or an error message) for each row of a CSV or JSONL manifest."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        if path.suffix.lower() == ".csv":
            reader = csv.DictReader(fh)
            for row in reader:
                yield reader.line_num, {k.strip(): (v or "").strip() for k, v in row.items() if k}
        else:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError as exc:
                    yield lineno, f"not valid JSON ({exc})"
                    continue
                yield lineno, row if isinstance(row, dict) else "not a JSON object"


def from_manifest(path: Path) -> Iterator[Case]:
    base = path.parent
    for lineno, row in _manifest_rows(path):
        where = f"{path.name}:{lineno}"
        if isinstance(row, str):
            yield Case(where, None, error=f"{where}: {row}")
            continue
        response = row.get("response") or row.get("file")
        request = row.get("request") or None
        metadata = _str_metadata({k: v for k, v in row.items() if k not in ("response", "file", "request", "id")})
        case_id = str(row.get("id") or row.get("reference") or response or where)
        if not response:
            yield Case(case_id, None, metadata=metadata, error=f"{where}: no 'response' given")
            continue
        yield Case(case_id, base / str(response), base / str(request) if request else None, metadata)


def manifest_in(path: Path) -> Path | None:
    if path.is_file() and path.suffix.lower() in (".csv", ".jsonl"):
        return path
    if path.is_dir():
        for name in MANIFEST_NAMES:
            if (path / name).is_file():
                return path / name
    return None


def discover(path: Path) -> Iterator[Case]:
    """Every case under `path` (a folder, a manifest, or one combined file), in a stable order."""
    manifest = manifest_in(path)
    if manifest is not None:
        yield from from_manifest(manifest)
    elif path.is_dir():
        yield from _walk(path)
    elif path.is_file():
        yield Case(path.name, path)
    else:
        yield Case(str(path), None, error=f"{path}: no such file or folder")


def count(path: Path) -> int:
    """How many cases `discover(path)` will yield (a cheap pre-pass for the progress bar)."""
    return sum(1 for _ in discover(path))

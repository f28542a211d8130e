"""Find the cases in an audit tree.

A case is one of:

* a **case folder**: a folder holding a request file and a response file, named by a word in
  the file name: `request` for the request; `response`, `reply`, `draft` or `answer` for the
  response (`request.txt`, `FOI-0151-request.txt`, `Final reply.docx`), with optional
  `case.json` metadata; a folder given directly as PATH takes its own name as the case id;
* a **case file**: any other reviewable file, holding request and response together. Notes
  (`README*`, `notes*`...) and spreadsheets on their own are not cases: they are skipped and
  the audit says so;
* a **manifest row**: `manifest.csv` or `manifest.jsonl` at the top of the tree (or given as
  PATH) names the files, one case per row: `response` (required), `request`, `id`, and any
  other columns (date, team, reference...) kept as metadata. Paths are relative to the
  manifest. A tree with a manifest is read from the manifest only; folders and files beside it
  that no row names are reported as skipped. A CSV manifest is read like a draft (any encoding
  Excel saves in, `,` `;` or tab separated).

A `case.json` may instead name a `template` (rendered with its `data`, see
`reviewer.audit.templating`) in place of a response file, which is how golden cases test templates.

Discovery streams: it walks the tree lazily and yields cases in a stable (sorted) order, so a
tree of 100,000 cases is never held in memory. Problems with one case (a request with no
response, a bad manifest row, unreadable `case.json`) are yielded as a `Case` with `error`
set, to be reported like any other broken case.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.audit.templates import (
    TEMPLATE_SUFFIXES,
    TemplateIndex,
    is_template,
    needs_data_text,
)
from reviewer.core.errors import InputError
from reviewer.loaders import supported_suffixes

MANIFEST_NAMES = ("manifest.jsonl", "manifest.csv")
CASE_FILE = "case.json"
EXPECTED_FILE = "expected.json"
_REQUEST_WORDS = frozenset({"request", "requests"})
_RESPONSE_WORDS = frozenset({"response", "responses", "reply", "replies", "draft", "answer", "template"})
ACCEPTED_NAMES = "request.* (or a name with the word 'request') and response.*, reply.*, draft.* or answer.* (or a name with one of those words)"
_IGNORED = {CASE_FILE, EXPECTED_FILE, *MANIFEST_NAMES}
# files that are never a combined case on their own: notes beside the cases, and spreadsheets
# (an attachment to a reply, not a request and its reply)
_NOTE_STEMS = frozenset({"readme", "notes", "note", "changelog", "license", "licence", "todo"})
_SHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv"})
_WORD_RE = re.compile(r"[a-z]+")


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
    suffix = os.path.splitext(name)[1].lower()
    return suffix in supported_suffixes() or suffix in TEMPLATE_SUFFIXES


def _stem(name: str) -> str:
    return os.path.splitext(name)[0].lower()


def _role(name: str) -> str | None:
    """"request" or "response" from the first telling word of a file name, wherever it sits:
    `FOI-0151-request.txt`, `Final reply.docx`, `response-to-request.docx` (a response)."""
    for word in _WORD_RE.findall(_stem(name)):
        if word in _REQUEST_WORDS:
            return "request"
        if word in _RESPONSE_WORDS:
            return "response"
    return None


def _is_request(name: str) -> bool:
    return _role(name) == "request"


def _is_response(name: str) -> bool:
    return _role(name) == "response"


def _not_a_case(name: str) -> bool:
    """A file that is not a combined request and response: a note or a lone spreadsheet."""
    return _stem(name).split(".")[0] in _NOTE_STEMS or os.path.splitext(name)[1].lower() in _SHEET_SUFFIXES


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
    elif EXPECTED_FILE in names:
        meta = _golden_spec(folder / EXPECTED_FILE)
    files = [n for n in names if _reviewable(n) and (folder / n).is_file()]
    requests = [n for n in files if _is_request(n)]
    responses = [n for n in files if _is_response(n)]
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
    if template is None and response is not None and response.suffix.lower() in TEMPLATE_SUFFIXES:
        template, response = response, None  # `response.md.j2`: rendered with case.json's data
    if not meta and request is None and response is None:
        return None
    if not meta and request is None and response is not None and len(files) > 1:
        return None  # a folder of combined files that happens to hold a "reply..." file
    if len(requests) > 1 or len(responses) > 1:
        if "request" not in meta and "response" not in meta and "template" not in meta:
            return Case(case_id, None, metadata=metadata, error=f"several request/response files: {', '.join(files)}")
    if response is None and template is None:
        seen = ", ".join(n for n in names if not n.startswith(".")) or "none"
        return Case(
            case_id, None, request=request, metadata=metadata,
            error=f"a request but no response file (files seen: {seen}; names accepted: {ACCEPTED_NAMES})",
        )
    return Case(case_id, response, request, metadata, template, data)


def _golden_spec(path: Path) -> dict[str, Any]:
    """A golden case's expected.json as a case.json, when it names its files (a template and
    its data, or a response): an audit of the golden cases reviews what `foi-review test` does."""
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(spec, dict) or not any(isinstance(spec.get(k), str) for k in ("template", "response")):
        return {}
    return {k: spec[k] for k in ("request", "response", "template", "data", "metadata") if k in spec}


def _template_cases(path: Path, case_id: str, index: TemplateIndex) -> Iterator[Case]:
    """One case per golden case that renders the template at `path`, or one broken case
    saying that it needs data."""
    uses = index.uses(path)
    if not uses:
        yield Case(case_id, None, template=path, error=needs_data_text(path))
        return
    for use in uses:
        yield Case(f"{case_id} ({use.folder.name})", None, use.request, template=path, data=use.data)


def _walk(root: Path, skipped: list[str] | None = None) -> Iterator[Case]:
    index = TemplateIndex(root)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
        here = Path(dirpath)
        # one case folder given directly is named after itself, not "."
        case_id = _rel(here, root) if here != root else (root.resolve().name or root.as_posix())
        folder_case = case_from_folder(here, case_id)
        if folder_case is not None:
            dirnames[:] = []  # a case folder's sub-folders are its own business
            yield folder_case
            continue
        for name in sorted(filenames):
            if _reviewable(name):
                path = here / name
                if is_template(path, index):
                    yield from _template_cases(path, _rel(path, root), index)
                    continue
                if _not_a_case(name):
                    if skipped is not None:
                        skipped.append(f"{_rel(path, root)} (not a case)")
                    continue
                yield Case(_rel(path, root), path)


def _manifest_text(path: Path) -> str:
    """The manifest's text in whatever encoding it was saved in (Excel's UK default is
    Windows-1252), detected as a draft's is (`reviewer.loaders.plain.decode`)."""
    from reviewer.loaders.plain import decode

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the manifest ({exc.strerror or exc})") from None
    return decode(data, str(path))


def _csv_reader(text: str) -> csv.DictReader[str]:
    """A reader for a CSV manifest separated by `,`, `;` (Excel where the decimal point is a
    comma) or tabs, whichever the header line uses."""
    first = text.split("\n", 1)[0]
    try:
        dialect: Any = csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.DictReader(text.splitlines(keepends=True), dialect=dialect)


_KNOWN_COLUMNS = frozenset({"response", "file", "request", "id", "reference", "date", "team"})


def _column(name: str) -> str:
    """A column name as the manifest reader looks it up: the known ones in any case."""
    name = name.strip()
    return name.lower() if name.lower() in _KNOWN_COLUMNS else name


def check_manifest(path: Path) -> None:
    """Raise `InputError` (one line) if the manifest under `path` cannot be read or has no
    `response` column, naming the columns found, before any case is reviewed."""
    manifest = manifest_in(path)
    if manifest is None or manifest.suffix.lower() != ".csv":
        return
    reader = _csv_reader(_manifest_text(manifest))
    columns = [c.strip() for c in (reader.fieldnames or []) if c and c.strip()]
    if not {"response", "file"} & {c.lower() for c in columns}:
        found = ", ".join(columns) or "none"
        raise InputError(f"{manifest}: no 'response' column (the draft's file); columns found: {found}")


def _manifest_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(line number, row or an error message) for each row of a CSV or JSONL manifest."""
    text = _manifest_text(path)
    if path.suffix.lower() == ".csv":
        check_manifest(path)
        reader = _csv_reader(text)
        for row in reader:
            yield reader.line_num, {_column(k): (v or "").strip() for k, v in row.items() if k}
    else:
        for lineno, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                yield lineno, f"not valid JSON ({exc})"
                continue
            yield lineno, row if isinstance(row, dict) else "not a JSON object"


def from_manifest(path: Path, skipped: list[str] | None = None) -> Iterator[Case]:
    """The manifest's cases. A manifest that cannot be read or lacks its `response` column is
    one broken case with a one-line reason (not one per row). Folders and files beside the
    manifest that no row names are added to `skipped`, so an auditor knows they were left out."""
    base = path.parent
    named: set[str] = set()
    try:
        for lineno, row in _manifest_rows(path):
            where = f"{path.name}:{lineno}"
            if isinstance(row, str):
                yield Case(where, None, error=f"{where}: {row}")
                continue
            response = row.get("response") or row.get("file")
            request = row.get("request") or None
            for given in (response, request):
                if given:
                    named.add(Path(str(given)).parts[0] if Path(str(given)).parts else str(given))
            metadata = _str_metadata({k: v for k, v in row.items() if k not in ("response", "file", "request", "id")})
            case_id = str(row.get("id") or row.get("reference") or response or where)
            if not response:
                yield Case(case_id, None, metadata=metadata, error=f"{where}: no 'response' given")
                continue
            yield Case(case_id, base / str(response), base / str(request) if request else None, metadata)
    except InputError as exc:
        yield Case(path.name, None, error=str(exc))
        return
    if skipped is not None:
        for entry in sorted(os.listdir(base)):
            if entry.startswith((".", "__")) or entry in named or entry in _IGNORED or entry == path.name:
                continue
            if (base / entry).is_dir() or _reviewable(entry):
                skipped.append(f"{entry}{'/' if (base / entry).is_dir() else ''} (not in {path.name})")


def manifest_in(path: Path) -> Path | None:
    if path.is_file() and path.suffix.lower() in (".csv", ".jsonl"):
        return path
    if path.is_dir():
        for name in MANIFEST_NAMES:
            if (path / name).is_file():
                return path / name
    return None


def discover(path: Path, skipped: list[str] | None = None) -> Iterator[Case]:
    """Every case under `path` (a folder, a manifest, or one combined file), in a stable order.
    What is found and left out (notes, lone spreadsheets, folders a manifest does not name) is
    added to `skipped`, one line each, for the audit's summary."""
    manifest = manifest_in(path)
    if manifest is not None:
        yield from from_manifest(manifest, skipped)
    elif path.is_dir():
        yield from _walk(path, skipped)
    elif path.is_file():
        index = TemplateIndex(path.parent)
        if is_template(path, index):
            yield from _template_cases(path, path.name, index)
        else:
            yield Case(path.name, path)
    else:
        yield Case(str(path), None, error=f"{path}: no such file or folder")


def count(path: Path) -> int:
    """How many cases `discover(path)` will yield (a cheap pre-pass for the progress bar)."""
    return sum(1 for _ in discover(path))

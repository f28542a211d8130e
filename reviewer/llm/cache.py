"""A content-addressed, crash-safe on-disk cache of model answers.

key = sha256 of the canonical JSON of everything that decides the answer: model, endpoint,
prompt version and text digest, schema digest, response format, temperature, seed, output
limit and the (pseudonymised) messages. Re-running a CI gate on an unchanged draft therefore
sends nothing and gives the same answer; any change to the prompt, schema or draft misses.

What is stored: the key's inputs' digests and the model's raw answer, which refers to people
only by placeholder. Never the API key, never unpseudonymised text (the review does not use
the cache when pseudonymisation is turned off).

Where: `$FOI_REVIEW_CACHE_DIR`, else `$XDG_CACHE_HOME/foi-reviewer/llm`, else
`~/.cache/foi-reviewer/llm`. Writes go to a temp file then `os.replace`, so a crash never
leaves half an entry; any trouble reading or writing is a warning and the review goes on.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

CACHE_FORMAT = 1


def default_cache_dir() -> Path:
    override = os.environ.get("FOI_REVIEW_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "foi-reviewer" / "llm"


def cache_key(parts: dict[str, Any]) -> str:
    canonical = json.dumps({"format": CACHE_FORMAT, **parts}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Cache:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_cache_dir()
        self.warnings: list[str] = []

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        path = self._path(key)
        try:
            with path.open(encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            self._warn(f"cache entry {path} unreadable, ignored ({exc})")
            return None
        if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("content"), str):
            self._warn(f"cache entry {path} malformed, ignored")
            return None
        return data

    def put(self, key: str, content: str, meta: dict[str, Any]) -> None:
        path = self._path(key)
        tmp_name: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"key": key, "content": content, **meta}, fh, ensure_ascii=False, sort_keys=True)
            os.replace(tmp_name, path)
            tmp_name = None
        except OSError as exc:
            self._warn(f"cannot write the model cache in {self.directory} ({exc.strerror or exc})")
        finally:
            if tmp_name is not None:
                try:
                    os.unlink(tmp_name)
                except OSError:
                    pass

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

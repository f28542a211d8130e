"""Output formats. Each takes the plain record from `records.review_record` and returns text;
the CLI decides where the text goes."""

from __future__ import annotations

from enum import Enum


class Format(str, Enum):
    TERMINAL = "terminal"
    JSON = "json"

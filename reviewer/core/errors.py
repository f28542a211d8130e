"""Errors a person can act on. Each carries a one-line message and maps to exit code 2."""

from __future__ import annotations


class ReviewerError(Exception):
    """Base class: anything that stops a review for a reason the user can fix."""


class InputError(ReviewerError):
    """A file that cannot be reviewed: missing, empty, binary, too large, corrupt."""


class UsageError(ReviewerError):
    """A command line or configuration that does not make sense."""

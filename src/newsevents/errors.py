"""Numbered, searchable errors for problems with the set-up (not with one document).

A problem with one document becomes a :class:`~newsevents.records.DocError` on
that document; a :class:`SetupError` stops the run at start and says what to do.
"""

from __future__ import annotations


class NewsEventsError(Exception):
    """Base class: ``code`` is stable and searchable (E001, E002, ...)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class SetupError(NewsEventsError):
    """The environment, configuration or a data file is wrong; nothing can run."""


class InputError(NewsEventsError):
    """The user's arguments are wrong (bad path, bad option value)."""

"""Shared fixtures: one loaded pipeline for the whole session (loading takes seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.api import Coder
from newsevents.records import Document, Event

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def coder() -> Coder:
    return Coder()


def events_of(doc: Document, code_prefix: str = "") -> list[Event]:
    return [e for e in doc.events if e.cameo.startswith(code_prefix)]


def one_event(doc: Document, code_prefix: str) -> Event:
    found = events_of(doc, code_prefix)
    assert len(found) == 1, [(e.cameo, e.source, e.target, e.status) for e in doc.events]
    return found[0]

"""Shared fixtures: one loaded pipeline for the whole session (loading takes seconds)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsevents.api import Coder
from newsevents.records import Document, Event

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def default_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Commands store into ``newsevents.duckdb`` by default; in tests, into a temporary one."""
    path = tmp_path_factory.mktemp("store") / "default.duckdb"
    os.environ["NEWSEVENTS_DB"] = str(path)
    return path


@pytest.fixture(scope="session")
def coder() -> Coder:
    return Coder()


def events_of(doc: Document, code_prefix: str = "") -> list[Event]:
    return [e for e in doc.events if e.cameo.startswith(code_prefix)]


def one_event(doc: Document, code_prefix: str) -> Event:
    found = events_of(doc, code_prefix)
    assert len(found) == 1, [(e.cameo, e.source, e.target, e.status) for e in doc.events]
    return found[0]

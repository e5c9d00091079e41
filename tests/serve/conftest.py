"""A small store served in-process: API tests call the app without a network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsevents.api import Coder
from newsevents.records import Actor
from newsevents.serve.app import Settings, create_app
from newsevents.store import Store
from tests.store.build import GOMEL, MINISTER, VERSIONS, detention

ENVOY = Actor("the Ruritanian envoy", None, "RURGOV", "RUR", "GOV")
KEY = "s3cret-key"


def make_store(path: Path) -> Path:
    docs = [
        detention("a", date="2024-05-01", url="https://news.example/a"),
        detention("b", date="2024-05-01", outlet="Wire One"),
        detention("c", date="2024-06-10", cameo="172", place=GOMEL),
        detention("d", date="2024-06", cameo="112", source=MINISTER, target=ENVOY,
                  status="claimed"),
        detention("e", date="2005", status="negated"),
    ]
    with Store(path) as store:
        store.put(docs, "r1", VERSIONS)
        store.deduplicate()
    return path


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, coder: Coder) -> Iterator[TestClient]:
    db = make_store(tmp_path_factory.mktemp("serve") / "s.duckdb")
    with TestClient(create_app(Settings(db=db), coder=coder)) as c:
        yield c


@pytest.fixture
def writable(tmp_path: Path, coder: Coder) -> Iterator[TestClient]:
    db = make_store(tmp_path / "w.duckdb")
    app = create_app(Settings(db=db, writable=True, api_key=KEY, max_bytes=50_000),
                     coder=coder)
    with TestClient(app) as c:
        yield c
    app.state.store.close()

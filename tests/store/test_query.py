"""Filters and aggregates over the store (the API under `query`, `stats` and the server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsevents.errors import InputError
from newsevents.records import Actor
from newsevents.store import Store
from newsevents.store.query import Filters
from tests.store.build import GOMEL, MINISTER, detention, read_only_store

ENVOY = Actor("the Ruritanian envoy", None, "RURGOV", "RUR", "GOV")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    docs = [
        detention("a", date="2024-05-01"),
        detention("b", date="2024-05-01", outlet="Wire One"),  # the same detention again
        detention("c", date="2024-06-10", cameo="172", place=GOMEL),
        detention("d", date="2024-06", cameo="112", source=MINISTER, target=ENVOY,
                  status="claimed"),
        detention("e", date="2005", status="negated"),
        detention("f", date="2024-06-12", cameo="0231", target=None, place=None),
    ]
    yield from read_only_store(tmp_path_factory.mktemp("q") / "s.duckdb", docs)


def ids(store: Store, **kw: object) -> list[str]:
    frame = store.events(Filters(**kw), mentions=True)  # type: ignore[arg-type]
    return sorted(frame["event_id"].to_list())


@pytest.mark.parametrize(("kw", "want"), [
    ({}, ["a-0", "b-0", "c-0", "d-0", "e-0", "f-0"]),
    ({"cameo": "17"}, ["a-0", "b-0", "c-0", "e-0"]),
    ({"cameo": "172"}, ["c-0"]),
    ({"actor": "RUR"}, ["d-0"]),
    ({"actor": "petrova"}, ["d-0"]),  # words of a canonical name
    ({"source": "BLRGOV"}, ["d-0"]),
    ({"target": "BLRCVL"}, ["a-0", "b-0", "c-0", "e-0"]),
    ({"country": "rur"}, ["d-0"]),
    ({"sector": "GOV"}, ["d-0"]),
    ({"status": ("claimed", "negated")}, ["d-0", "e-0"]),
    ({"place": "gomel"}, ["c-0"]),
    ({"place": "BLR"}, ["a-0", "b-0", "c-0", "d-0", "e-0"]),
    ({"since": "2024-06-01"}, ["c-0", "d-0", "f-0"]),  # "2024-06" reaches into June
    ({"since": "2024-06-11", "until": "2024-06-30"}, ["d-0", "f-0"]),
    ({"until": "2005"}, ["e-0"]),
    ({"doc": "c"}, ["c-0"]),
    ({"quad": 4, "plover": "coerce"}, ["a-0", "b-0", "c-0", "d-0", "e-0", "f-0"]),
])
def test_query_filters(store: Store, kw: dict[str, object], want: list[str]) -> None:
    assert ids(store, **kw) == want


def test_query_events_are_deduplicated(store: Store) -> None:
    frame = store.events(Filters(cameo="173", since="2024"))
    assert frame.height == 1
    assert frame.row(0, named=True)["num_mentions"] == 2


def test_query_doc_filter_on_events_finds_the_shared_event(store: Store) -> None:
    assert store.events(Filters(doc="b")).height == 1


def test_stats_monthly_counts_keep_coarse_dates_apart(store: Store) -> None:
    rows = store.stats(by=["month"]).to_dicts()
    assert [(r["month"], r["events"], r["mentions"]) for r in rows] == [
        ("2005", 1, 1), ("2024-05", 1, 2), ("2024-06", 3, 3)]
    assert all(r["quad4"] == r["events"] for r in rows)


def test_stats_by_dyad_and_root(store: Store) -> None:
    rows = store.stats(Filters(since="2024"), by=["dyad", "root"]).to_dicts()
    top = rows[0]
    assert (top["source_code"], top["target_code"], top["cameo_root"], top["events"]) == (
        "BLRCOP", "BLRCVL", "17", 2)
    assert store.stats(by=["dyad"], mentions=True)["events"].sum() == 6


def test_stats_week_and_goldstein(store: Store) -> None:
    rows = store.stats(Filters(cameo="17", since="2024"), by=["week"]).to_dicts()
    assert [r["week"] for r in rows] == ["2024-W18", "2024-W24"]
    assert rows[0]["goldstein"] == -5.0


@pytest.mark.parametrize(("kw", "words"), [
    ({"since": "May 2024"}, "YYYY"),
    ({"until": "2024-02-30"}, "not a real date"),
    ({"cameo": "arrest"}, "digits"),
    ({"status": ("rumoured",)}, "asserted"),
    ({"quad": 5}, "1, 2, 3 or 4"),
])
def test_query_bad_filters_say_what_to_do(store: Store, kw: dict[str, object],
                                          words: str) -> None:
    with pytest.raises(InputError, match=words):
        store.events(Filters(**kw))  # type: ignore[arg-type]


def test_stats_unknown_group(store: Store) -> None:
    with pytest.raises(InputError, match="cannot group by 'fortnight'"):
        store.stats(by=["fortnight"])


def test_store_sql_reads_the_tables(store: Store) -> None:
    frame = store.sql("SELECT count(*) AS n FROM mentions WHERE cameo_root = ?", ["17"])
    assert frame["n"].to_list() == [4]


def test_store_is_read_only_when_opened_so(store: Store, tmp_path: Path) -> None:
    import duckdb

    with pytest.raises(duckdb.Error):
        store.sql("DELETE FROM events")

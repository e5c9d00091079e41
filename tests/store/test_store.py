"""The store: idempotent, incremental, atomic writes, and events that read back as coded."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from newsevents.errors import SetupError
from newsevents.records import event_json
from newsevents.store import Store
from newsevents.store.rows import day_range, doc_key
from tests.store.build import VERSIONS, article, detention, document, event


def test_store_put_twice_changes_no_count(tmp_path: Path) -> None:
    docs = [detention("a"), detention("b", outlet="Wire One")]
    with Store(tmp_path / "s.duckdb") as store:
        run = store.begin_run("test", VERSIONS)
        store.put(docs, run, VERSIONS)
        store.deduplicate()
        first = {k: v for k, v in store.counts().items() if k != "runs"}
        store.put(docs, run, VERSIONS)
        store.deduplicate()
        assert {k: v for k, v in store.counts().items() if k != "runs"} == first
        assert first["documents"] == 2 and first["mentions"] == 2 and first["events"] == 1


def test_store_verdicts(tmp_path: Path) -> None:
    doc = detention("a")
    with Store(tmp_path / "s.duckdb") as store:
        assert store.verdict(doc.article, VERSIONS) == "new"
        store.put([doc], "r1", VERSIONS)
        assert store.verdict(doc.article, VERSIONS) == "stored"
        assert store.verdict(doc.article, {**VERSIONS, "patterns": "p2"}) == "recode"
        changed = replace(doc.article, body=doc.article.body + " Corrected.")
        assert store.verdict(changed, VERSIONS) == "updated"


def test_store_new_text_under_known_id_replaces_old(tmp_path: Path) -> None:
    old = detention("a")
    new_art = replace(old.article, body=old.article.body + "\nA correction followed.")
    new = document(new_art, event(new_art, cameo="172"))
    with Store(tmp_path / "s.duckdb") as store:
        store.put([old], "r1", VERSIONS)
        store.deduplicate()
        store.put([new], "r2", VERSIONS)
        store.deduplicate()
        assert store.query("SELECT doc_key FROM documents") == [(doc_key(new_art),)]
        assert store.query("SELECT cameo FROM mentions") == [("172",)]
        assert store.query("SELECT cameo FROM events") == [("172",)]
        assert store.query("SELECT count(*) FROM sentences")[0][0] == 3


def test_store_event_records_read_back_as_coded(tmp_path: Path) -> None:
    art = article("x", "Police detained the foreign minister's aide in Minsk.\nNo more.")
    evs = (event(art, 0), event(art, 1, cameo="112", status="claimed", place=None, date="2023",
                                target=None, sentence=1, trigger="more"))
    with Store(tmp_path / "s.duckdb") as store:
        store.put([document(art, *evs)], "r1", VERSIONS)
        assert store.stored_events(art) == [event_json(e) for e in evs]


def test_store_failed_batch_leaves_nothing(tmp_path: Path) -> None:
    good = detention("a")
    bad = detention("b")
    bad = replace(bad, events=bad.events * 2)  # one event id twice: the insert fails
    with Store(tmp_path / "s.duckdb") as store:
        store.put([good], "r1", VERSIONS)
        with pytest.raises(duckdb.ConstraintException):
            store.put([detention("c"), bad], "r2", VERSIONS)
        assert store.query("SELECT doc_id FROM documents") == [("a",)]


def test_store_marks_a_killed_run_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.begin_run("extract x", VERSIONS)
    with Store(path) as store:
        assert store.query("SELECT state FROM runs") == [("interrupted",)]


def test_store_refuses_an_old_schema(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE documents (doc_id VARCHAR PRIMARY KEY)")
    con.close()
    with pytest.raises(SetupError, match="E031.*new --db"):
        Store(path)


def test_store_read_only_needs_a_file(tmp_path: Path) -> None:
    with pytest.raises(SetupError, match="no store at"):
        Store(tmp_path / "none.duckdb", read_only=True)


@pytest.mark.parametrize(("date", "first", "last"), [
    ("2005", "2005-01-01", "2005-12-31"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2024-03-07", "2024-03-07", "2024-03-07"),
])
def test_store_day_range(date: str, first: str, last: str) -> None:
    a, b = day_range(date)
    assert (a.isoformat(), b.isoformat()) == (first, last)  # type: ignore[union-attr]

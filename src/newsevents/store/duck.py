"""The embedded DuckDB store: a corpus of coded documents, their mentions and their events.

A document is keyed by its id and content (:func:`~newsevents.store.rows.doc_key`),
so the same article read twice is stored once, and a new text under a known id
replaces the old one. Each write is one transaction: a batch of documents with
all their rows, or a deduplication step. A run killed at
any point (even ``kill -9``) leaves whole documents or none, and the next run
codes what is missing and finishes the deduplication (docs/store.md).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import duckdb

from newsevents.errors import SetupError
from newsevents.records import Article, DocError, Document, analysis_json
from newsevents.store import dedup
from newsevents.store.query import Filters, events_sql, stats_sql
from newsevents.store.rows import (
    doc_key,
    event_record,
    lead_sentences,
    mention_row,
    outlet,
    versions_text,
)
from newsevents.store.schema import SCHEMA, SCHEMA_VERSION, TABLES

if TYPE_CHECKING:
    import polars as pl

log = logging.getLogger(__name__)
DOCUMENT_ORDER = "m.doc_key, m.ordinal"
# DuckDB's cache and working memory; more for stores of many millions of mentions
MEMORY_LIMIT = os.environ.get("NEWSEVENTS_DUCKDB_MEMORY", "512MB")
Verdict = Literal["new", "stored", "recode", "updated"]


class Store:
    """One DuckDB file. Open it for writing (one process at a time) or ``read_only``."""

    def __init__(self, path: str | Path, read_only: bool = False,
                 rule: dedup.DedupRule | None = None) -> None:
        self.path = Path(path)
        self.rule = rule or dedup.DedupRule()  # replaced by the store's own when none is given
        self._asked = rule
        self._names: dict[str, list[str]] = {}
        if read_only and not self.path.exists():
            raise SetupError("E030", f"no store at {self.path}; run `newsevents extract ... "
                                     f"--db {self.path}` first")
        if not self.path.parent.is_dir():
            raise SetupError("E030", f"the folder of the store {self.path} does not exist; "
                                     "create it, or pass another --db path")
        try:
            # DuckDB caches table blocks up to its memory limit (by default most of the
            # machine's memory); a bounded cache keeps a long run's memory flat
            self.con = duckdb.connect(str(self.path), read_only=read_only,
                                      config={"memory_limit": MEMORY_LIMIT})
        except duckdb.Error as exc:
            raise SetupError("E030", f"cannot open the store {self.path}: {exc}. Is another "
                                     "process writing to it? Wait for it, or pass another "
                                     "--db path.") from exc
        self._check_schema()
        if not read_only:
            self.con.execute(SCHEMA)
            self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", [SCHEMA_VERSION])
            # only one process writes at a time, so a run still "running" was killed
            self.con.execute("UPDATE runs SET state = 'interrupted' WHERE state = 'running'")
            self._apply_rule()

    def _check_schema(self) -> None:
        tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        if not tables:
            return
        version = None
        if "meta" in tables:
            row = self.one("SELECT value FROM meta WHERE key = 'schema'")
            version = row[0] if row else None
        if version != SCHEMA_VERSION:
            self.con.close()
            raise SetupError("E031", f"{self.path} was written by another version of "
                                     f"newsevents (store schema {version or 1}, this one "
                                     f"reads {SCHEMA_VERSION}); code the articles into a new "
                                     "--db file")

    def _apply_rule(self) -> None:
        """Keep the store's rule unless another was asked for; then re-work every event."""
        row = self.one("SELECT value FROM meta WHERE key = 'dedup'")
        if row and self._asked is None:
            self.rule = dedup.DedupRule.parse(row[0])
        if row and row[0] == self.rule.text:
            return
        with self.transaction():
            if row:
                dedup.rekey(self.con)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('dedup', ?)", [self.rule.text])

    def reader(self) -> Store:
        """A view of this store on its own cursor, for one thread (the server's requests)."""
        view = Store.__new__(Store)
        view.path, view.rule, view._asked, view._names = self.path, self.rule, self._asked, {}
        view.con = self.con.cursor()
        return view

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> _Transaction:
        return _Transaction(self.con)

    # -- runs ----------------------------------------------------------------------------
    def begin_run(self, command: str, versions: dict[str, str]) -> str:
        run_id = uuid.uuid4().hex[:16]
        self.con.execute("INSERT INTO runs (run_id, started, state, command, versions) "
                         "VALUES (?, ?, 'running', ?, ?)",
                         [run_id, _now(), command, versions_text(versions)])
        return run_id

    def end_run(self, run_id: str, counts: dict[str, int], errors: list[DocError]) -> None:
        """Finish the run: deduplicate what it added, then record its counts and errors."""
        self.deduplicate()
        with self.transaction():
            if errors:
                self.con.executemany("INSERT INTO run_errors VALUES (?, ?, ?, ?, ?)",
                                     [[run_id, e.doc_id, e.origin, e.stage, e.message]
                                      for e in errors])
            self.con.execute(
                "UPDATE runs SET finished = ?, state = 'done', read = ?, coded = ?, "
                "skipped = ?, updated = ?, failed = ?, events = ? WHERE run_id = ?",
                [_now(), counts.get("read", 0), counts.get("coded", 0),
                 counts.get("skipped", 0), counts.get("updated", 0), len(errors),
                 counts.get("events", 0), run_id])

    def deduplicate(self) -> int:
        """Work out the events of every key whose mentions changed; returns how many keys."""
        log.info("deduplicating")
        with self.transaction():
            n = dedup.update(self.con, self.rule, _now())
        log.info("deduplicated the events of %d keys", n)
        return n

    # -- documents -----------------------------------------------------------------------
    def verdict(self, article: Article, versions: dict[str, str]) -> Verdict:
        """What to do with an article: code it, or is it stored already?"""
        key = doc_key(article)
        row = self.one("SELECT versions FROM documents WHERE doc_key = ?", [key])
        if row is not None:
            return "stored" if row[0] == versions_text(versions) else "recode"
        other = self.one("SELECT 1 FROM documents WHERE doc_id = ? LIMIT 1", [article.doc_id])
        return "updated" if other else "new"

    def put(self, docs: list[Document], run_id: str, versions: dict[str, str]) -> None:
        """Store coded documents with all their rows, each replacing any older coding of it.

        One transaction: all of them or none.
        """
        if not docs:
            return
        rows: dict[str, list[list[Any]]] = {t: [] for t in (
            "documents", "sentences", "actors", "places", "times", "mentions")}
        version = versions_text(versions)
        keys = [doc_key(d.article) for d in docs]
        with self.transaction():
            known = self._known(keys, [d.doc_id for d in docs])
            for doc, key in zip(docs, keys, strict=True):
                a = doc.article
                if key in known or a.doc_id in known:
                    self._forget_id(a.doc_id, key)
                    self._delete(key)
                analysis = analysis_json(doc)
                del analysis["events"]  # they live in ``mentions``
                rows["documents"].append([
                    key, a.doc_id, a.published, a.title, a.url, outlet(a), a.origin, a.body,
                    len(doc.sentences), len(doc.events), version,
                    json.dumps(analysis, ensure_ascii=False), run_id, _now()])
                rows["sentences"] += [[key, s.index, s.start, s.end, s.heading, s.text]
                                      for s in doc.sentences]
                rows["actors"] += [
                    [key, m.sentence_index, m.start, m.end, m.actor.text, m.actor.name,
                     m.actor.code, m.actor.country, m.actor.sector, list(m.actor.groups)]
                    for m in doc.actors]
                rows["places"] += [
                    [key, p.sentence_index, p.start, p.end, p.text, p.place.name,
                     p.place.country, p.place.adm1, p.place.lat, p.place.lon,
                     p.place.geonameid, p.place.precision]
                    for p in doc.places]
                rows["times"] += [[key, t.sentence_index, t.start, t.end, t.text, t.value,
                                   t.precision] for t in doc.times]
                lead = lead_sentences(doc)
                rows["mentions"] += [
                    mention_row(ev, key, i, ev.evidence.sentence_index in lead, run_id)
                    for i, ev in enumerate(doc.events)]
            for table, values in rows.items():
                self._insert(table, values)
        log.info("stored %d documents (%d event mentions)", len(docs), len(rows["mentions"]))

    def _known(self, keys: list[str], ids: list[str]) -> set[str]:
        """Which of these keys and ids the store holds (the rest need no clearing out)."""
        found = self.con.execute(
            "SELECT doc_key FROM documents WHERE doc_key IN (SELECT unnest(?)) UNION "
            "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [keys, ids])
        return {r[0] for r in found.fetchall()}

    def _insert(self, table: str, rows: list[list[Any]]) -> None:
        """Insert many rows at once (through Arrow: far faster than one statement per row)."""
        if not rows:
            return
        import pyarrow as pa  # type: ignore[import-untyped]

        names = self._columns(table)
        frame = pa.table({n: list(col) for n, col in zip(names, zip(*rows, strict=True),
                                                         strict=True)})
        # after a failed insert the transaction is aborted and unregistering would fail too;
        # the next register replaces the view
        self.con.register("_rows", frame)
        self.con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
        self.con.unregister("_rows")

    def _columns(self, table: str) -> list[str]:
        if table not in self._names:
            self._names[table] = [r[0] for r in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [table]).fetchall()]
        return self._names[table]

    def _forget_id(self, doc_id: str, key: str) -> None:
        """A new text under a known id replaces the old text."""
        for (old,) in self.query("SELECT doc_key FROM documents WHERE doc_id = ? AND "
                                 "doc_key <> ?", [doc_id, key]):
            self._delete(old)

    def _delete(self, key: str) -> None:
        self.con.execute("INSERT OR IGNORE INTO dirty_keys SELECT DISTINCT event_key FROM "
                         "mentions WHERE doc_key = ? AND event_key IS NOT NULL", [key])
        for table in ("mentions", "sentences", "actors", "places", "times", "documents"):
            self.con.execute(f"DELETE FROM {table} WHERE doc_key = ?", [key])

    def stored_events(self, article: Article) -> list[dict[str, Any]]:
        """The event records of a stored article, as ``extract`` prints them."""
        return list(self.event_records("m.doc_key = ?", [doc_key(article)]))

    def event_records(self, where: str, params: list[Any], order: str = "",
                      limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Event records of the mentions that ``where`` selects (``m`` is ``mentions``)."""
        sql = (f"SELECT m.*, s.text AS sentence_text FROM mentions m LEFT JOIN sentences s "
               f"ON s.doc_key = m.doc_key AND s.sentence_index = m.sentence_index "
               f"WHERE {where} ORDER BY {order or DOCUMENT_ORDER}")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        for row in self.rows(sql, params):
            yield event_record(row, row["sentence_text"])

    def rows(self, sql: str, params: list[Any] | None = None) -> Iterator[dict[str, Any]]:
        """The result rows as dicts, read a few thousand at a time (constant memory)."""
        cur = self.con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        while batch := cur.fetchmany(5000):
            for values in batch:
                yield dict(zip(names, values, strict=True))

    # -- reading -------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {}
        for table in TABLES:
            row = self.one(f"SELECT count(*) FROM {table}")
            out[table] = int(row[0]) if row else 0
        return out

    def events(self, filters: Filters | None = None, mentions: bool = False,
               limit: int | None = None, offset: int = 0) -> pl.DataFrame:
        """Events (or with ``mentions``, every article's mention of one) as a DataFrame."""
        sql, params = events_sql(filters or Filters(), mentions, limit, offset)
        return self.sql(sql, params)

    def stats(self, filters: Filters | None = None, by: list[str] | None = None,
              mentions: bool = False) -> pl.DataFrame:
        """Counts, mentions, mean Goldstein score and quad classes per group."""
        sql, params = stats_sql(filters or Filters(), by or [], mentions)
        return self.sql(sql, params)

    def sql(self, sql: str, params: list[Any] | None = None) -> pl.DataFrame:
        """Any SQL on the store's tables (docs/store.md), as a DataFrame."""
        frame: pl.DataFrame = self.con.sql(sql, params=params or None).pl()
        return frame

    def one(self, sql: str, params: list[Any] | None = None) -> tuple[Any, ...] | None:
        """The first row of a query, or None (the result is read to its end)."""
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self.con.execute(sql, params or []).fetchall()
        return rows


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


class _Transaction:
    def __init__(self, con: Any) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, kind: object, *rest: object) -> None:
        self.con.execute("ROLLBACK" if kind else "COMMIT")


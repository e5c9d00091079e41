"""The embedded DuckDB store: documents and their events, written one document at a time.

A document's rows are replaced in one transaction, so coding the same article
twice leaves the store as it was, and a run stopped midway never leaves half a
document behind. Full deduplication across articles is issue #6.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from newsevents.errors import SetupError
from newsevents.records import Document, event_json

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY, published VARCHAR, title VARCHAR, origin VARCHAR,
    body VARCHAR, n_sentences INTEGER, n_events INTEGER, analysis JSON);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, published VARCHAR, date VARCHAR,
    date_precision VARCHAR, cameo VARCHAR, cameo_root VARCHAR, plover VARCHAR,
    goldstein DOUBLE, quad_class INTEGER, status VARCHAR,
    source_code VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    target_code VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
    sentence VARCHAR, record JSON);
"""


class Store:
    def __init__(self, path: str | Path) -> None:
        try:
            self.con = duckdb.connect(str(path))
        except duckdb.Error as exc:
            raise SetupError("E030", f"cannot open the store {path}: {exc}. Is another process "
                                     "using it? Pass another --db path.") from exc
        self.con.execute(SCHEMA)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def put(self, doc: Document, analysis: dict[str, Any]) -> None:
        a = doc.article
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM events WHERE doc_id = ?", [a.doc_id])
            self.con.execute("DELETE FROM documents WHERE doc_id = ?", [a.doc_id])
            self.con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [a.doc_id, a.published, a.title, a.origin, a.body, len(doc.sentences),
                 len(doc.events), json.dumps(analysis)])
            rows = []
            for ev in doc.events:
                s, t, loc = ev.source, ev.target, ev.location
                rows.append([
                    ev.event_id, ev.doc_id, ev.published, ev.date, ev.date_precision, ev.cameo,
                    ev.cameo_root, ev.plover, ev.goldstein, ev.quad_class, ev.status,
                    s.code if s else None, s.country if s else None, s.sector if s else None,
                    t.code if t else None, t.country if t else None, t.sector if t else None,
                    loc.name if loc else None, loc.country if loc else None,
                    loc.lat if loc else None, loc.lon if loc else None,
                    ev.evidence.sentence, json.dumps(event_json(ev))])
            if rows:
                self.con.executemany(
                    "INSERT OR REPLACE INTO events VALUES (" + ", ".join(["?"] * 23) + ")", rows)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def counts(self) -> dict[str, int]:
        docs = self.con.execute("SELECT count(*) FROM documents").fetchone()
        evs = self.con.execute("SELECT count(*) FROM events").fetchone()
        return {"documents": int(docs[0]) if docs else 0, "events": int(evs[0]) if evs else 0}

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self.con.execute(sql, params or []).fetchall()
        return rows

"""The store's tables (docs/store.md describes each column).

One row per document (keyed by its content), per sentence, per actor, place and
time mention, per coded event mention, per deduplicated event, and per run.
``mentions`` holds what the coder found in each article; ``events`` holds what
happened once, however many articles told it (see :mod:`newsevents.store.dedup`).
"""

from __future__ import annotations

SCHEMA_VERSION = "2"

ACTOR_FIELDS = (("text", "VARCHAR"), ("name", "VARCHAR"), ("code", "VARCHAR"),
                ("country", "VARCHAR"), ("sector", "VARCHAR"), ("groups", "VARCHAR[]"))


def _actor(role: str) -> list[tuple[str, str]]:
    return [(f"{role}_{c}", t) for c, t in ACTOR_FIELDS]


# The columns an event mention and a deduplicated event share, in this order. ``day`` and
# ``day_end`` are the first and last day of the event's date, whatever its precision.
EVENT_FIELDS: list[tuple[str, str]] = [
    ("date", "VARCHAR"), ("date_precision", "VARCHAR"), ("date_source", "VARCHAR"),
    ("day", "DATE"), ("day_end", "DATE"),
    *_actor("source"), *_actor("target"),
    ("cameo", "VARCHAR"), ("cameo_root", "VARCHAR"), ("plover", "VARCHAR"),
    ("plover_mode", "VARCHAR"), ("goldstein", "DOUBLE"), ("quad_class", "TINYINT"),
    ("status", "VARCHAR"), *_actor("speaker"),
    ("location_name", "VARCHAR"), ("location_country", "VARCHAR"),
    ("location_adm1", "VARCHAR"), ("location_lat", "DOUBLE"), ("location_lon", "DOUBLE"),
    ("location_geonameid", "BIGINT"), ("location_precision", "VARCHAR"),
]
MENTION_FIELDS: list[tuple[str, str]] = [
    ("event_id", "VARCHAR PRIMARY KEY"), ("doc_key", "VARCHAR"), ("doc_id", "VARCHAR"),
    ("ordinal", "INTEGER"),  # the event's place in the document's list of events
    ("published", "DATE"), *EVENT_FIELDS,
    ("sentence_index", "INTEGER"), ("sentence_start", "INTEGER"), ("sentence_end", "INTEGER"),
    ("trigger", "VARCHAR"), ("trigger_start", "INTEGER"), ("confidence", "DOUBLE"),
    ("rule", "VARCHAR"), ("issues", "VARCHAR[]"),
    # the versions of coder, ontology, patterns, actors and dictionaries (JSON text)
    ("versions", "VARCHAR"),
    # in the article's lead (its first paragraph); the dedup key; the deduplicated event
    ("lead", "BOOLEAN"), ("event_key", "VARCHAR"), ("global_id", "BIGINT"),
    ("run_id", "VARCHAR"),
]
EVENT_TABLE_FIELDS: list[tuple[str, str]] = [
    ("global_id", "BIGINT PRIMARY KEY"), ("event_key", "VARCHAR"), *EVENT_FIELDS,
    ("num_mentions", "INTEGER"), ("num_sources", "INTEGER"), ("num_articles", "INTEGER"),
    ("first_published", "DATE"), ("last_published", "DATE"), ("first_mention", "VARCHAR"),
    ("is_root", "BOOLEAN"), ("confidence", "DOUBLE"), ("added", "TIMESTAMP"),
]


def _columns(fields: list[tuple[str, str]]) -> str:
    return ",\n    ".join(f'"{n}" {t}' for n, t in fields)


SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP, state VARCHAR,
    command VARCHAR, versions VARCHAR,
    read INTEGER, coded INTEGER, skipped INTEGER, updated INTEGER, failed INTEGER,
    events INTEGER);
CREATE TABLE IF NOT EXISTS run_errors (
    run_id VARCHAR, doc_id VARCHAR, origin VARCHAR, stage VARCHAR, message VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    doc_key VARCHAR PRIMARY KEY, doc_id VARCHAR, published DATE, title VARCHAR, url VARCHAR,
    source_name VARCHAR, origin VARCHAR, body VARCHAR, n_sentences INTEGER,
    n_events INTEGER, versions VARCHAR, analysis JSON, run_id VARCHAR, added TIMESTAMP);
CREATE INDEX IF NOT EXISTS documents_id ON documents (doc_id);
CREATE TABLE IF NOT EXISTS sentences (
    doc_key VARCHAR, sentence_index INTEGER, "start" INTEGER, "end" INTEGER,
    heading BOOLEAN, text VARCHAR);
CREATE TABLE IF NOT EXISTS actors (
    doc_key VARCHAR, sentence_index INTEGER, "start" INTEGER, "end" INTEGER,
    {_columns(_actor("actor"))});
CREATE TABLE IF NOT EXISTS places (
    doc_key VARCHAR, sentence_index INTEGER, "start" INTEGER, "end" INTEGER, text VARCHAR,
    name VARCHAR, country VARCHAR, adm1 VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT,
    precision VARCHAR);
CREATE TABLE IF NOT EXISTS times (
    doc_key VARCHAR, sentence_index INTEGER, "start" INTEGER, "end" INTEGER, text VARCHAR,
    value VARCHAR, precision VARCHAR);
CREATE TABLE IF NOT EXISTS mentions (
    {_columns(MENTION_FIELDS)});
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_key);
CREATE TABLE IF NOT EXISTS events (
    {_columns(EVENT_TABLE_FIELDS)});
-- keys whose events must be worked out again: their mentions changed (dedup.py)
CREATE TABLE IF NOT EXISTS dirty_keys (event_key VARCHAR PRIMARY KEY);
"""

TABLES = ("documents", "sentences", "actors", "places", "times", "mentions",
          "events", "runs", "run_errors")

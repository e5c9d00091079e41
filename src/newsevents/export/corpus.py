"""Export the store, or the part the filters select, in the formats of docs/store.md.

``gdelt-events``, ``gdelt-mentions``, ``plover``, ``polecat`` and ``jsonl`` are
written row by row as the store is read (constant memory); ``csv`` and
``parquet`` are written by DuckDB itself. Parquet goes to a directory with one
folder per month of the event date (``month=2024-03``), for the deduplicated
events and for the mentions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.errors import InputError
from newsevents.export import gdelt, plover
from newsevents.export.writers import EventWriter
from newsevents.store.query import Filters

if TYPE_CHECKING:
    from newsevents.store import Store

FORMATS = ("gdelt-events", "gdelt-mentions", "plover", "polecat", "jsonl", "csv", "parquet")
_MONTH = "coalesce(strftime(day, '%Y-%m'), 'undated') AS month"


def export(store: Store, fmt: str, out: Path, filters: Filters | None = None,
           mentions: bool = False) -> int:
    """Write the selected events (or their mentions) to ``out``; returns how many rows."""
    if fmt not in FORMATS:
        raise InputError("E042", f"unknown export format {fmt!r}; use one of "
                                 f"{', '.join(FORMATS)}")
    filters = filters or Filters()
    where, params = filters.where(mentions=False)
    if fmt == "parquet":
        return _parquet(store, out, where, params)
    if fmt == "csv":
        table = "mentions" if mentions else "events"
        sql = (f"SELECT * FROM {table} WHERE global_id IN "
               f"(SELECT global_id FROM events WHERE {where}) ORDER BY day NULLS LAST, "
               f"global_id")
        store.con.execute(f"COPY ({sql}) TO '{_quoted(out)}' (FORMAT csv, HEADER true)",
                          params)
        return _count(store, table, where, params)
    with out.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "gdelt-events":
            return gdelt.write(store.rows(gdelt.EVENTS_SQL.format(where=where), params), fh,
                               mentions=False)
        if fmt == "gdelt-mentions":
            return gdelt.write(store.rows(gdelt.MENTIONS_SQL.format(where=where), params),
                               fh, mentions=True)
        if fmt == "plover":
            return plover.write_plover(
                store.rows(plover.ROWS_SQL.format(where=where), params), fh)
        if fmt == "polecat":
            return plover.write_polecat(
                store.rows(plover.ROWS_SQL.format(where=where), params), fh)
        writer = EventWriter(fh, "jsonl")
        n = 0
        for record in store.event_records(
                f"m.global_id IN (SELECT global_id FROM events WHERE {where})", params,
                order="m.day NULLS LAST, m.global_id, m.event_id"):
            writer.write(record)
            n += 1
        return n


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _count(store: Store, table: str, where: str, params: list[Any]) -> int:
    row = store.one(f"SELECT count(*) FROM {table} WHERE global_id IN "
                    f"(SELECT global_id FROM events WHERE {where})", params)
    return int(row[0]) if row else 0


def _parquet(store: Store, out: Path, where: str, params: list[Any]) -> int:
    for table in ("events", "mentions"):
        if (out / table).exists():
            raise InputError("E043", f"{out / table} exists already; export into a new "
                                     "directory, or remove it first")
    out.mkdir(parents=True, exist_ok=True)
    for table in ("events", "mentions"):
        sql = (f"SELECT *, {_MONTH} FROM {table} WHERE global_id IN "
               f"(SELECT global_id FROM events WHERE {where})")
        store.con.execute(f"COPY ({sql}) TO '{_quoted(out / table)}' (FORMAT parquet, "
                          f"PARTITION_BY (month), OVERWRITE_OR_IGNORE true)", params)
    return _count(store, "events", where, params)

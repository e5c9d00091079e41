"""`newsevents export`: the store, or what the filters select, as GDELT, PLOVER, POLECAT,
JSONL, CSV or Parquet files (docs/store.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from newsevents.cli.common import DB, err, fail, open_store
from newsevents.cli.query import with_filters
from newsevents.errors import NewsEventsError
from newsevents.export.corpus import FORMATS
from newsevents.store.query import Filters


@with_filters
def export(
    filters: Filters,
    fmt: str = typer.Argument(..., help=f"One of {', '.join(FORMATS)}."),
    out: Path = typer.Option(..., "--out", "-o", help="The file to write (a directory for "
                             "parquet)."),
    db: Path = DB,
    mentions: bool = typer.Option(False, "--mentions", help="csv: one row per mention "
                                  "instead of per event."),
) -> None:
    """Write the store's events (all, or those the filters select) in an exchange format."""
    from newsevents.export.corpus import export as run_export

    if fmt not in FORMATS:
        raise fail(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if out.parent and not out.parent.exists():
        raise fail(f"the folder of --out {out} does not exist; create it first")
    with open_store(db, read_only=True) as store:
        try:
            n = run_export(store, fmt, out, filters, mentions)
        except NewsEventsError as exc:
            raise fail(str(exc)) from None
    err.print(f"wrote {n} {'rows' if fmt in ('csv', 'jsonl', 'gdelt-mentions') else 'events'}"
              f" to {out}")

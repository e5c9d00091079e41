"""`newsevents sql`: any read-only SQL on the store's tables (docs/store.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from newsevents.cli.common import DB
from newsevents.cli.query import FORMAT, print_frame


def sql(
    statement: str = typer.Argument(..., help="A SQL query, e.g. \"SELECT cameo_root, "
                                    "count(*) FROM events GROUP BY 1\"."),
    db: Path = DB,
    fmt: str = FORMAT,
) -> None:
    """Run SQL on the store (read-only) and print the result."""
    print_frame(db, fmt, lambda store: store.sql(statement))

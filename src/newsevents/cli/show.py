"""`newsevents show`: what the store holds, as readable tables."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from newsevents.cli.common import DB, fail, open_store


def show(
    db: Path = DB,
    limit: int = typer.Option(40, "--limit", help="How many events to list."),
) -> None:
    """Summarise the store: counts by CAMEO root and status, and the events themselves."""
    if not db.exists():
        raise fail(f"no store at {db}; run `newsevents extract ... --db {db}` first")
    con = Console() if Console().is_terminal else Console(width=160)
    with open_store(db, read_only=True) as store:
        c = store.counts()
        con.print(f"[bold]{c['documents']}[/] documents, [bold]{c['mentions']}[/] event "
                  f"mentions, [bold]{c['events']}[/] events after deduplication in {db}")
        t = Table(title="events by CAMEO root and status")
        for col in ("root", "plover", "status", "events", "mean Goldstein"):
            t.add_column(col)
        for root, plover, status, n, g in store.query(
                "SELECT cameo_root, plover, status, count(*), round(avg(goldstein), 1) "
                "FROM events GROUP BY ALL ORDER BY 1, 3"):
            t.add_row(root, plover, status, str(n), str(g))
        con.print(t)
        t = Table(title=f"event mentions (first {limit})", show_lines=False)
        for col in ("doc", "date", "source", "cameo", "target", "status", "place", "trigger"):
            t.add_column(col, overflow="fold")
        for row in store.query(
                "SELECT doc_id, date, source_code, cameo, target_code, status, location_name, "
                "trigger FROM mentions ORDER BY doc_id, trigger_start LIMIT ?", [limit]):
            t.add_row(*[str(x) if x is not None else "-" for x in row])
        con.print(t)

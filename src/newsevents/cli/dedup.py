"""`newsevents dedup`: work out the store's events again under another deduplication rule."""

from __future__ import annotations

from pathlib import Path

import typer

from newsevents.cli.common import CONFIG, DB, err, fail, open_store


def dedup(
    db: Path = DB,
    window: int | None = typer.Option(None, "--window", help="Days apart two mentions of "
                                      "one event may be."),
    place: str | None = typer.Option(None, "--place", help="country, adm1, exact or none."),
    config: Path | None = CONFIG,
) -> None:
    """Re-deduplicate the store's mentions into events (docs/store.md): nothing is re-coded."""
    if not db.exists():
        raise fail(f"no store at {db}; run `newsevents extract ... --db {db}` first")
    with open_store(db, config=config, window=window, place=place) as store:
        store.deduplicate()
        c = store.counts()
        err.print(f"{c['mentions']} mentions are {c['events']} events under the rule "
                  f"{store.rule.text}")

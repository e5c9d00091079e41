"""`newsevents query` and `newsevents stats`: filtered events, and their aggregates, from the store.

Both share the filters of :class:`newsevents.store.query.Filters`; the output is
a rich table on a terminal, or CSV, JSON or JSONL (docs/store.md).
"""

from __future__ import annotations

import functools
import inspect
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import typer
from rich.console import Console
from rich.table import Table

from newsevents.cli.common import DB, fail, open_store
from newsevents.errors import NewsEventsError
from newsevents.store.query import GROUPS, Filters
from newsevents.store.rows import iso

if TYPE_CHECKING:
    import polars as pl

    from newsevents.store import Store

# The filters of query, stats and export, as (parameter, type, option): one definition,
# added to each command by :func:`with_filters`.
FILTER_OPTIONS: list[tuple[str, Any, Any]] = [
    ("actor", str | None, typer.Option(None, "--actor", help="Either actor: a code prefix "
                                       "(USAGOV, CHN) or words of its name.")),
    ("source", str | None, typer.Option(None, "--source", help="Code prefix of the one who "
                                        "acts.")),
    ("target", str | None, typer.Option(None, "--target", help="Code prefix of the one acted "
                                        "upon.")),
    ("country", str | None, typer.Option(None, "--country", help="ISO alpha-3 country of "
                                         "either actor.")),
    ("sector", str | None, typer.Option(None, "--sector", help="Role code of either actor "
                                        "(GOV, COP, ...).")),
    ("cameo", str | None, typer.Option(None, "--cameo", help="CAMEO code or root: 17 is every "
                                       "coercion, 173 arrests and below.")),
    ("plover", str | None, typer.Option(None, "--plover", help="PLOVER event type (COERCE, "
                                        "PROTEST, ...).")),
    ("quad", int | None, typer.Option(None, "--quad", help="Quad class 1-4.")),
    ("status", list[str] | None, typer.Option(None, "--status", help="asserted, claimed, "
                                              "proposed, hypothetical, future or negated "
                                              "(repeatable).")),
    ("since", str | None, typer.Option(None, "--since", help="Events whose date reaches "
                                       "YYYY[-MM[-DD]] or later.")),
    ("until", str | None, typer.Option(None, "--until", help="Events whose date begins by "
                                       "YYYY[-MM[-DD]].")),
    ("place", str | None, typer.Option(None, "--place", help="Country code, or words of the "
                                       "place or region.")),
    ("doc", str | None, typer.Option(None, "--doc", help="Only what this document id told.")),
]


def with_filters(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the filter options; it receives them as one ``filters: Filters``."""
    names = [name for name, _, _ in FILTER_OPTIONS]

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> None:
        values = {n: kwargs.pop(n) for n in names}
        values["status"] = tuple(values["status"] or ())
        command(filters=Filters(**values), **kwargs)

    sig = inspect.signature(command, eval_str=True)
    params = [p for p in sig.parameters.values() if p.name != "filters"]
    params += [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=opt, annotation=t)
               for n, t, opt in FILTER_OPTIONS]
    wrapper.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    return wrapper


MENTIONS = typer.Option(False, "--mentions", help="Every article's mention, not the "
                        "deduplicated events.")
FORMAT = typer.Option("table", "--format", "-f", help="table, csv, json or jsonl.")
FORMATS = ("table", "csv", "json", "jsonl")
TABLE_COLUMNS = ("global_id", "doc_id", "date", "source_code", "cameo", "target_code", "plover",
                 "status", "location_name", "num_mentions", "num_articles", "trigger")


@with_filters
def query(
    filters: Filters,
    db: Path = DB,
    mentions: bool = MENTIONS,
    limit: int = typer.Option(50, "--limit", help="How many rows (0: all)."),
    offset: int = typer.Option(0, "--offset", help="Skip this many rows first."),
    fmt: str = FORMAT,
) -> None:
    """List the events of the store that match the filters."""
    print_frame(db, fmt, lambda store: store.events(filters, mentions, limit or None, offset),
                f"{'mentions' if mentions else 'events'} ({{n}} shown)", TABLE_COLUMNS)


@with_filters
def stats(
    filters: Filters,
    db: Path = DB,
    by: list[str] | None = typer.Option(None, "--by", help=f"Group by (repeatable): "
                                        f"{', '.join(GROUPS)}."),
    mentions: bool = MENTIONS,
    fmt: str = FORMAT,
) -> None:
    """Count events per group, with mentions, mean Goldstein score and quad classes."""
    print_frame(db, fmt, lambda store: store.stats(filters, list(by or []), mentions),
                f"{'mentions' if mentions else 'events'} by {', '.join(by or ['nothing'])}")


def print_frame(db: Path, fmt: str, compute: Callable[[Store], pl.DataFrame], title: str = "",
                table_columns: tuple[str, ...] = ()) -> None:
    """Open the store read-only, compute a frame and print it; user errors end cleanly.

    ``title`` may hold ``{n}``, the number of rows; a table shows only ``table_columns``
    when given (CSV and JSON have every column).
    """
    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    with open_store(db, read_only=True) as store:
        try:
            frame = compute(store)
        except NewsEventsError as exc:
            raise fail(str(exc)) from None
        except duckdb.Error as exc:
            raise fail(f"the SQL failed: {str(exc).splitlines()[0]}. The tables and their "
                       "columns are in docs/store.md") from None
    columns = list(frame.columns)
    if fmt == "table" and table_columns:
        columns = [c for c in columns if c in table_columns]
    emit(frame.to_dicts(), columns, fmt, title.format(n=frame.height))


def emit(rows: list[dict[str, Any]], columns: list[str], fmt: str, title: str = "") -> None:
    """Print rows as a table, CSV, a JSON array or JSON lines on stdout."""
    if fmt == "table":
        con = Console() if Console().is_terminal else Console(width=200)
        table = Table(title=title)
        for c in columns:
            table.add_column(c, overflow="fold")
        for row in rows:
            table.add_row(*["-" if row[c] is None else str(iso(row[c])) for c in columns])
        con.print(table)
    elif fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(columns)
        for row in rows:
            w.writerow(["" if row[c] is None else iso(row[c]) for c in columns])
    elif fmt == "json":
        json.dump([{c: iso(r[c]) for c in columns} for r in rows], sys.stdout,
                  ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for r in rows:
            sys.stdout.write(json.dumps({c: iso(r[c]) for c in columns},
                                        ensure_ascii=False) + "\n")

"""`newsevents extract`: code articles into the store and print one event per line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

import typer

from newsevents.api import RunReport
from newsevents.cli.common import (
    ACTORS,
    ALLOW_UNDATED,
    CONFIG,
    DEFAULT_DB,
    DICTIONARY,
    EXIT_FAILURES,
    EXIT_OK,
    INPUTS,
    OUT,
    PROGRESS,
    STATEMENTS,
    SUMMARY,
    VERBOSE,
    WORKERS,
    check_inputs,
    err,
    error_json,
    exit_code,
    fail,
    load_coder,
    open_store,
    print_summary,
    progress_of,
    run,
    verbose_logging,
)
from newsevents.errors import NewsEventsError
from newsevents.export.writers import EventWriter
from newsevents.ingest import read_inputs
from newsevents.records import event_json

if TYPE_CHECKING:
    from newsevents.store import Store


def extract(
    inputs: list[str] = INPUTS,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl or csv."),
    out: Path | None = OUT,
    db: Path | None = typer.Option(None, "--db", envvar="NEWSEVENTS_DB",
                                   help="The DuckDB store (default newsevents.duckdb; "
                                   "docs/store.md)."),
    no_db: bool = typer.Option(False, "--no-db", help="Do not store anything; only print the "
                               "events."),
    recode: bool = typer.Option(False, "--recode", help="Code again the documents the store "
                                "holds already."),
    dedup_window: int | None = typer.Option(None, "--dedup-window", help="Days apart two "
                                            "mentions of one event may be (docs/store.md)."),
    dedup_place: str | None = typer.Option(None, "--dedup-place", help="country, adm1, "
                                           "exact or none (docs/store.md)."),
    dictionary: list[Path] = DICTIONARY,
    actors: list[Path] = ACTORS,
    config: Path | None = CONFIG,
    statements: bool = STATEMENTS,
    allow_undated: bool = ALLOW_UNDATED,
    report_path: Path | None = typer.Option(None, "--report", help="Write the run report "
                                            "(counts and errors) as JSON here."),
    summary: bool = SUMMARY,
    progress: bool = PROGRESS,
    verbose: bool = VERBOSE,
    workers: int = WORKERS,
    engine: str = typer.Option("local", "--engine", help="local, or spark: code on Spark "
                               "and write Parquet to the --out directory (docs/spark.md)."),
    spark_master: str | None = typer.Option(None, "--spark-master", help="The Spark master "
                                            "(default: spark-submit's, else local[*])."),
) -> None:
    """Code articles into the store and print their events, one per line.

    Documents the store holds already are not coded again: their stored events are printed.
    """
    if fmt not in ("jsonl", "csv"):
        raise fail(f"--format must be jsonl or csv, not {fmt!r}")
    if engine == "spark":
        raise typer.Exit(spark_extract(inputs, out, dictionary, statements, config, actors,
                                       allow_undated, spark_master, summary))
    if engine != "local":
        raise fail(f"--engine must be local or spark, not {engine!r}")
    check_inputs(inputs)
    verbose_logging(verbose)
    # the workers are forked before the store is opened: they inherit no open database
    coder = load_coder(dictionary, statements, config, actors, workers)
    store = None
    try:
        if not no_db:
            store = (default_store(config, dedup_window, dedup_place) if db is None else
                     open_store(db, config=config, window=dedup_window, place=dedup_place))
        report = RunReport()
        stream: IO[str] = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
        try:
            writer = EventWriter(stream, fmt)
            if store is None:
                for doc in run(coder, inputs, report, allow_undated, progress):
                    for ev in doc.events:
                        writer.write(event_json(ev))
            else:
                articles = read_inputs(inputs, stdin=sys.stdin, require_date=not allow_undated)
                items = coder.code_into(store, articles, report, recode=recode,
                                        command=" ".join(["extract", *inputs]))
                for _, records in progress_of(items, report, progress):
                    for record in records:
                        writer.write(record)
        finally:
            if out:
                stream.close()
    finally:
        if store is not None:
            store.close()
        coder.close()

    if report_path:
        report_path.write_text(json.dumps({
            "documents": report.documents, "events": report.events, **report.counts,
            "errors": [error_json(e) for e in report.errors]}, indent=2), encoding="utf-8")
    if summary:
        print_summary(report)
    raise typer.Exit(exit_code(report))


def default_store(config: Path | None, window: int | None, place: str | None
                  ) -> Store | None:
    """The store in ``newsevents.duckdb`` here, unless it cannot be opened (a read-only
    folder, another process writing it): then the events are printed, not stored."""
    from newsevents.store import Store
    from newsevents.store.dedup import read_rule

    rule = read_rule(config, window, place)  # a bad rule is the user's error: it stops
    try:
        return Store(DEFAULT_DB, rule=rule)
    except NewsEventsError as exc:
        err.print(f"[yellow]warning:[/] {exc.message.rstrip('.')}. The events are printed "
                  "but not stored; pass --db PATH to store them elsewhere, or --no-db")
        return None


def spark_extract(inputs: list[str], out: Path | None, dictionary: list[Path],
                  statements: bool, config: Path | None, actors: list[Path],
                  allow_undated: bool, master: str | None, summary: bool) -> int:
    """``extract --engine spark``: Parquet in ``out``, a summary on stderr; the exit code."""
    if not inputs:
        raise fail("no input given: name JSONL or Parquet files or directories (paths or "
                   "URIs Spark reads)")
    if out is None:
        raise fail("--engine spark writes Parquet to a directory: give it with --out DIR")
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise fail("the Spark engine needs pyspark: pip install 'newsevents[spark]'") from None
    from newsevents import spark

    coder = load_coder(dictionary, statements, config, actors)  # checks the set-up first
    counts = spark.run(inputs, str(out), coder.pipeline.options,
                       require_date=not allow_undated, master=master or "local[*]")
    if summary:
        err.print(f"[bold]{counts['documents']}[/] documents, [bold]{counts['events']}[/] "
                  f"events, [bold]{counts['errors']}[/] problems (listed in {out}/errors)")
    return EXIT_FAILURES if counts["errors"] else EXIT_OK

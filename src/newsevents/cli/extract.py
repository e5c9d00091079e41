"""`newsevents extract`: code articles into the store and print one event per line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO

import typer

from newsevents.api import RunReport
from newsevents.cli.common import (
    ACTORS,
    ALLOW_UNDATED,
    CONFIG,
    DB,
    DICTIONARY,
    INPUTS,
    OUT,
    PROGRESS,
    STATEMENTS,
    SUMMARY,
    VERBOSE,
    check_inputs,
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
from newsevents.export.writers import EventWriter
from newsevents.ingest import read_inputs
from newsevents.records import event_json


def extract(
    inputs: list[str] = INPUTS,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl or csv."),
    out: Path | None = OUT,
    db: Path = DB,
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
) -> None:
    """Code articles into the store and print their events, one per line.

    Documents the store holds already are not coded again: their stored events are printed.
    """
    if fmt not in ("jsonl", "csv"):
        raise fail(f"--format must be jsonl or csv, not {fmt!r}")
    check_inputs(inputs)
    verbose_logging(verbose)
    store = None if no_db else open_store(db, config=config, window=dedup_window,
                                          place=dedup_place)
    try:
        coder = load_coder(dictionary, statements, config, actors)
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
    if report_path:
        report_path.write_text(json.dumps({
            "documents": report.documents, "events": report.events, **report.counts,
            "errors": [error_json(e) for e in report.errors]}, indent=2), encoding="utf-8")
    if summary:
        print_summary(report)
    raise typer.Exit(exit_code(report))

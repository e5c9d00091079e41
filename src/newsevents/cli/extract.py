"""`newsevents extract`: one event per line (JSONL or CSV), optionally into the store."""

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
    DICTIONARY,
    INPUTS,
    OUT,
    PROGRESS,
    STATEMENTS,
    SUMMARY,
    check_inputs,
    error_json,
    exit_code,
    fail,
    load_coder,
    print_summary,
    run,
)
from newsevents.export.writers import EventWriter
from newsevents.records import analysis_json


def extract(
    inputs: list[str] = INPUTS,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl or csv."),
    out: Path | None = OUT,
    db: Path | None = typer.Option(None, "--db", help="Also store documents and events in "
                                   "this DuckDB file."),
    dictionary: list[Path] = DICTIONARY,
    actors: list[Path] = ACTORS,
    config: Path | None = CONFIG,
    statements: bool = STATEMENTS,
    allow_undated: bool = ALLOW_UNDATED,
    report_path: Path | None = typer.Option(None, "--report", help="Write the run report "
                                            "(counts and errors) as JSON here."),
    summary: bool = SUMMARY,
    progress: bool = PROGRESS,
) -> None:
    """Code articles into events: one event per line."""
    if fmt not in ("jsonl", "csv"):
        raise fail(f"--format must be jsonl or csv, not {fmt!r}")
    check_inputs(inputs)
    coder = load_coder(dictionary, statements, config, actors)
    report = RunReport()
    store = None
    if db is not None:
        from newsevents.store import Store

        store = Store(db)
    stream: IO[str] = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        writer = EventWriter(stream, fmt)
        for doc in run(coder, inputs, report, allow_undated, progress):
            for ev in doc.events:
                writer.write(ev)
            if store is not None:
                store.put(doc, analysis_json(doc))
    finally:
        if out:
            stream.close()
        if store is not None:
            store.close()
    if report_path:
        report_path.write_text(json.dumps({
            "documents": report.documents, "events": report.events,
            "errors": [error_json(e) for e in report.errors]}, indent=2), encoding="utf-8")
    if summary:
        print_summary(report)
    raise typer.Exit(exit_code(report))

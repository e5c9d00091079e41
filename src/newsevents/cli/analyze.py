"""`newsevents analyze`: one document per line with sentences, actors, places, times,
quotes, events and errors."""

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
    WORKERS,
    check_inputs,
    exit_code,
    load_coder,
    print_summary,
    run,
)
from newsevents.records import analysis_json


def analyze(
    inputs: list[str] = INPUTS,
    out: Path | None = OUT,
    dictionary: list[Path] = DICTIONARY,
    actors: list[Path] = ACTORS,
    config: Path | None = CONFIG,
    statements: bool = STATEMENTS,
    allow_undated: bool = ALLOW_UNDATED,
    summary: bool = SUMMARY,
    progress: bool = PROGRESS,
    workers: int = WORKERS,
) -> None:
    """Analyse articles: one JSON document per line."""
    check_inputs(inputs)
    coder = load_coder(dictionary, statements, config, actors, workers)
    report = RunReport()
    stream: IO[str] = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        for doc in run(coder, inputs, report, allow_undated, progress):
            stream.write(json.dumps(analysis_json(doc), ensure_ascii=False) + "\n")
    finally:
        if out:
            stream.close()
        coder.close()
    if summary:
        print_summary(report)
    raise typer.Exit(exit_code(report))

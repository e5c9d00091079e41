"""`newsevents analyze`: one document per line with sentences, actors, places, times,
quotes, events and errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO

import typer

from newsevents.api import RunReport
from newsevents.cli.common import check_inputs, exit_code, load_coder, print_summary, run
from newsevents.records import analysis_json


def analyze(
    inputs: list[str] = typer.Argument(None, help="Files, directories, or - for JSONL on stdin."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write here instead of stdout."),
    dictionary: list[Path] = typer.Option(None, "--dictionary", help="Extra pattern file "
                                          "(repeatable)."),
    config: Path | None = typer.Option(None, "--config", help="A TOML config file "
                                       "(docs/cli.md)."),
    statements: bool = typer.Option(False, "--statements", help="Also code every claim about "
                                    "another actor as a 010 statement by the speaker."),
    allow_undated: bool = typer.Option(False, "--allow-undated"),
    summary: bool = typer.Option(True, "--summary/--no-summary"),
    progress: bool = typer.Option(True, "--progress/--no-progress"),
) -> None:
    """Analyse articles: one JSON document per line."""
    check_inputs(inputs)
    coder = load_coder(dictionary, statements, config)
    report = RunReport()
    stream: IO[str] = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        for doc in run(coder, inputs, report, allow_undated, progress):
            stream.write(json.dumps(analysis_json(doc), ensure_ascii=False) + "\n")
    finally:
        if out:
            stream.close()
    if summary:
        print_summary(report)
    raise typer.Exit(exit_code(report))

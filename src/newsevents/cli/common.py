"""What the commands share: loading the coder with a clean error, the run summary, exit codes."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsevents.api import Coder, RunReport
from newsevents.errors import NewsEventsError
from newsevents.pipeline import read_config
from newsevents.records import DocError, Document

if TYPE_CHECKING:
    from newsevents.store import Store

T = TypeVar("T")
err = Console(stderr=True, soft_wrap=True)  # one line per problem, grep-able

# Options shared by the commands that code articles (documented in docs/cli.md).
INPUTS = typer.Argument(None, help="Files, directories, or - for JSONL on stdin.")
OUT = typer.Option(None, "--out", "-o", help="Write here instead of stdout.")
DICTIONARY = typer.Option(None, "--dictionary", help="Extra dictionary: ours or PETRARCH2 "
                          "(repeatable).")
CONFIG = typer.Option(None, "--config", help="A TOML config file (docs/cli.md).")
ACTORS = typer.Option(None, "--actors", help="A directory of actor files in our formats that "
                      "add to and override ours (repeatable; docs/actors.md).")
STATEMENTS = typer.Option(False, "--statements", help="Also code every claim about another "
                          "actor as a 010 statement by the speaker.")
ALLOW_UNDATED = typer.Option(False, "--allow-undated", help="Do not report articles without "
                             "a publication date as errors.")
SUMMARY = typer.Option(True, "--summary/--no-summary", help="Print the closing summary on "
                       "stderr.")
PROGRESS = typer.Option(True, "--progress/--no-progress", help="Progress bar.")
DEFAULT_DB = Path("newsevents.duckdb")
DB = typer.Option(DEFAULT_DB, "--db", envvar="NEWSEVENTS_DB",
                  help="The DuckDB store (docs/store.md).")
VERBOSE = typer.Option(False, "--verbose", "-v", help="Log each step on stderr.")
WORKERS = typer.Option(os.cpu_count() or 1, "--workers", "-w", help="Worker processes that "
                       "code articles (default: one per core; 1: none, code in this process).")
EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2


def fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(EXIT_USAGE)


def load_coder(dictionaries: list[Path] | None = None, statements: bool = False,
               config: Path | None = None, actors: list[Path] | None = None,
               workers: int = 1) -> Coder:
    for p in [*(dictionaries or []), *([config] if config else []), *(actors or [])]:
        if not p.exists():
            raise fail(f"file {p} does not exist")
    for d in actors or []:
        if not d.is_dir():
            raise fail(f"--actors {d} is not a directory; give the folder that holds the "
                       "actor files (docs/actors.md)")
    try:
        base = read_config(config)
        options = replace(base, dictionaries=base.dictionaries + tuple(dictionaries or ()),
                          actor_dirs=base.actor_dirs + tuple(actors or ()),
                          statements=statements or base.statements)
        if workers < 1:
            raise fail(f"--workers must be 1 or more, not {workers}")
        with err.status("loading the pipeline ...", spinner="dots"):
            coder = Coder(options, workers=workers)
            coder.start()
            return coder
    except NewsEventsError as exc:
        raise fail(str(exc)) from None


def check_inputs(inputs: list[str]) -> None:
    if not inputs:
        raise fail("no input given: name files, directories, or - for JSONL on stdin")
    for name in inputs:
        if name != "-" and not Path(name).exists():
            raise fail(f"input {name} does not exist; check the path")


def run(coder: Coder, inputs: list[str], report: RunReport, allow_undated: bool,
        progress: bool) -> Iterator[Document]:
    """Code the inputs, showing a progress bar on a terminal; yields coded documents."""
    items = coder.code_inputs(inputs, stdin=sys.stdin, require_date=not allow_undated)

    def counted() -> Iterator[Document]:
        for item in items:
            report.add(item)
            if isinstance(item, Document):
                yield item

    yield from progress_of(counted(), report, progress)


def progress_of(items: Iterator[T], report: RunReport, progress: bool) -> Iterator[T]:
    """Pass the items through, with a progress bar on a terminal and clean set-up errors."""
    show = progress and err.is_terminal
    with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[events]} events"), TimeElapsedColumn(),
                  console=err, disable=not show, transient=True) as bar:
        task = bar.add_task("coding", total=None, events=0)
        try:
            for item in items:
                bar.update(task, completed=report.documents + len(report.errors),
                           events=report.events)
                yield item
        except NewsEventsError as exc:
            raise fail(str(exc)) from None


def open_store(db: Path, read_only: bool = False, config: Path | None = None,
               window: int | None = None, place: str | None = None) -> Store:
    """Open the store, or stop with a message that says what to do."""
    from newsevents.store import Store
    from newsevents.store.dedup import read_rule

    try:
        rule = None if read_only else read_rule(config, window, place)
        return Store(db, read_only=read_only, rule=rule)
    except NewsEventsError as exc:
        raise fail(str(exc)) from None


def verbose_logging(verbose: bool) -> None:
    """With --verbose, the library's progress messages go to stderr, one line each."""
    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
        logging.getLogger("spacy").setLevel(logging.WARNING)


def print_summary(report: RunReport) -> None:
    stored = ""
    if report.stored or report.repeats:
        stored = (f" ({report.documents - report.stored} coded, {report.stored} already in "
                  f"the store, {report.repeats} repeated)")
    err.print(f"[bold]{report.documents}[/] documents{stored}, [bold]{report.events}[/] "
              f"events, [bold]{len(report.errors)}[/] problems")
    for e in report.errors:
        where = e.origin or e.doc_id or "?"
        err.print(f"  [red]{e.stage}[/] {where}: {e.message}")


def exit_code(report: RunReport) -> int:
    return EXIT_FAILURES if report.failed else EXIT_OK


def error_json(e: DocError) -> dict[str, str | None]:
    return {"doc_id": e.doc_id, "origin": e.origin, "stage": e.stage, "message": e.message}

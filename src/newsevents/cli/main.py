"""The `newsevents` command: one module per command, each over the Python API."""

from __future__ import annotations

import typer

from newsevents.cli import actors
from newsevents.cli.analyze import analyze
from newsevents.cli.dedup import dedup
from newsevents.cli.evaluate import evaluate
from newsevents.cli.explain import explain
from newsevents.cli.export import export
from newsevents.cli.extract import extract
from newsevents.cli.query import query, stats
from newsevents.cli.serve import serve
from newsevents.cli.show import show
from newsevents.cli.sql import sql
from newsevents.cli.stages import stages

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="newsevents: auditable event data (CAMEO, PLOVER) from news articles.")
app.command()(extract)
app.command()(analyze)
app.command()(evaluate)
app.command()(explain)
app.command()(show)
app.command()(query)
app.command()(stats)
app.command()(sql)
app.command()(export)
app.command()(dedup)
app.command()(serve)
app.command()(stages)
app.add_typer(actors.app, name="actors")

if __name__ == "__main__":
    app()

"""`newsevents stages`: the pipeline's stages with what each requires and provides."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from newsevents.cli.common import load_coder
from newsevents.pipeline import stage_table


def stages() -> None:
    """Print the stage table."""
    coder = load_coder()
    t = Table(title="pipeline stages")
    for col in ("stage", "requires", "provides"):
        t.add_column(col)
    for row in stage_table(coder.pipeline.stages):
        t.add_row(*row)
    Console().print(t)
    raise typer.Exit(0)

"""`newsevents actors lookup NAME`: how a name resolves on a date, and why."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from newsevents.cli.common import ACTORS, CONFIG, DICTIONARY, fail, load_coder

app = typer.Typer(no_args_is_help=True, help="Look into the actor knowledge base.")


@app.command()
def lookup(
    name: str = typer.Argument(..., help="A name, title or phrase: 'Boris Johnson', "
                               "'the Kremlin', 'Kenyan police'."),
    date: str | None = typer.Option(None, "--date", help="The day to resolve on "
                                    "(YYYY-MM-DD); default: today."),
    sentence: str | None = typer.Option(None, "--sentence", help="Resolve the name inside "
                                        "this sentence instead of in '<NAME> said.'."),
    dictionary: list[Path] = DICTIONARY,
    actors: list[Path] = ACTORS,
    config: Path | None = CONFIG,
) -> None:
    """Show the knowledge-base entries for a name and how it resolves in a sentence."""
    import datetime as dt

    day = date or dt.date.today().isoformat()
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        raise fail(f"--date must be a day as YYYY-MM-DD, not {day!r}") from None
    text = sentence or f"{name} said."
    if name not in text:
        raise fail(f"the sentence does not contain {name!r}")
    coder = load_coder(dictionary, config=config, actors=actors)
    out = Console()
    kb = coder.pipeline.kb
    t = Table(title=f"knowledge base: {name!r}")
    for col in ("kind", "entry", "code on " + day, "roles"):
        t.add_column(col)
    for e in kb.lookup(name):
        roles = "; ".join([f"{c.code} {c.start or '…'}–{c.end or '…'}" for c in e.dated
                           if c.dated] + [f"otherwise {c.code}" for c in e.dated
                                          if not c.dated])
        code = e.code_on(day) if e.dated else (e.code or _code(e.country, e.sector))
        t.add_row(e.kind, e.name, code or "-", roles)
    if not t.rows:
        t.add_row("-", "no entry", "-", "")
    out.print(t)
    doc = coder.code_text(text, day)
    r = Table(title=f"resolved in: {text}")
    for col in ("mention", "code", "country", "sector", "why"):
        r.add_column(col)
    for m in doc.actors:
        r.add_row(m.text, m.actor.code or "-", m.actor.country or "-", m.actor.sector or "-",
                  m.why)
    if not r.rows:
        r.add_row("-", "-", "-", "-", "no actor found in the sentence")
    out.print(r)


def _code(country: str | None, sector: str | None) -> str | None:
    return (country or "") + (sector or "") or None

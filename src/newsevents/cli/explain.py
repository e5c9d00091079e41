"""`newsevents explain "a sentence" [--date YYYY-MM-DD]`: how a text is coded, step by step."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from newsevents.cli.common import ACTORS, CONFIG, DICTIONARY, fail, load_coder
from newsevents.explain import explain as explain_text
from newsevents.ingest.readers import check_date


def explain(
    text: str = typer.Argument(..., help="The text to explain (quote it)."),
    date: str | None = typer.Option(None, "--date", help="Publication date, YYYY-MM-DD."),
    config: Path | None = CONFIG,
    dictionary: list[Path] = DICTIONARY,
    actors: list[Path] = ACTORS,
    as_json: bool = typer.Option(False, "--json", help="Print the explanation as JSON."),
) -> None:
    """Show the parse, patterns tried and matched, actors and why, and the events."""
    if date is not None and check_date(date):
        raise fail(f"--date: {check_date(date)}")
    if not text.strip():
        raise fail("nothing to explain: give a sentence in quotes")
    coder = load_coder(dictionary, config=config, actors=actors)
    ex = explain_text(coder, text, date)
    if as_json:
        print(json.dumps(ex.as_json(), ensure_ascii=False, indent=2))
        raise typer.Exit(0)
    con = Console() if Console().is_terminal else Console(width=160)
    for sent, rows in zip(ex.doc.sentences, ex.tokens, strict=True):
        t = Table(title=f"sentence {sent.index}{' (heading)' if sent.heading else ''}: "
                        f"{sent.text}")
        for col in ("i", "text", "lemma", "pos", "dep", "head", "entity"):
            t.add_column(col)
        for r in rows:
            t.add_row(str(r["i"]), r["text"], r["lemma"], r["pos"], r["dep"], str(r["head"]),
                      r["ent"])
        con.print(t)
    t = Table(title="patterns tried")
    for col in ("sentence", "token", "kind", "tried", "matched"):
        t.add_column(col)
    for tr in ex.trials:
        t.add_row(str(tr.sentence_index), tr.token, tr.kind, "\n".join(tr.tried),
                  tr.matched or "-")
    con.print(t)
    t = Table(title="actors")
    for col in ("sentence", "text", "code", "why"):
        t.add_column(col)
    for m in ex.doc.actors:
        t.add_row(str(m.sentence_index), m.text, m.actor.code or "-", m.why)
    con.print(t)
    if ex.doc.times or ex.doc.places:
        t = Table(title="times and places")
        for col in ("kind", "text", "value"):
            t.add_column(col)
        for tm in ex.doc.times:
            t.add_row("time", tm.text, f"{tm.value} ({tm.precision})")
        for p in ex.doc.places:
            t.add_row("place", p.text, f"{p.place.name}, {p.place.country} ({p.place.precision})")
        con.print(t)
    t = Table(title="events")
    for col in ("cameo", "plover", "source", "target", "status", "speaker", "date", "place",
                "trigger", "rule"):
        t.add_column(col)
    for e in ex.events:
        t.add_row(e.cameo, e.plover, e.source.code or "-" if e.source else "-",
                  e.target.code or "-" if e.target else "-", e.status,
                  e.speaker.code or "-" if e.speaker else "-", e.date or "-",
                  e.location.name if e.location else "-", e.evidence.trigger, e.rule)
    con.print(t)
    raise typer.Exit(0)

"""`newsevents evaluate GOLD...`: score the coder against article or sentence gold files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from newsevents.cli.common import (
    ACTORS,
    CONFIG,
    DICTIONARY,
    EXIT_FAILURES,
    EXIT_OK,
    fail,
    load_coder,
)
from newsevents.evaluate import (
    PRF,
    ActorResult,
    PlaceResult,
    SentenceResult,
    TimeResult,
    analysed,
    event_date_of,
    event_place_of,
    is_actor_gold,
    is_place_gold,
    is_time_gold,
    read_actor_gold,
    read_sentence_gold,
    score_actors,
    score_article,
    score_places,
    score_sentence,
    score_times,
)
from newsevents.ingest.readers import read_text_file
from newsevents.records import Article

out = Console()


def evaluate(
    gold: list[Path] = typer.Argument(..., help="Article gold (.json), sentence or actor gold "
                                      "(.jsonl) files, or directories of them."),
    json_out: Path | None = typer.Option(None, "--json", help="Write all scores as JSON here."),
    show_errors: int = typer.Option(0, "--errors", help="List this many sentence mismatches."),
    config: Path | None = CONFIG,
    dictionary: list[Path] = DICTIONARY,
    actors: list[Path] = ACTORS,
) -> None:
    """Score extraction against gold data (docs/gold.md)."""
    files: list[Path] = []
    for g in gold:
        if g.is_dir():
            files += sorted(p for p in g.rglob("*") if p.suffix in (".json", ".jsonl"))
        elif g.exists():
            files.append(g)
        else:
            raise fail(f"gold file {g} does not exist")
    coder = load_coder(dictionary, config=config, actors=actors)
    report: dict[str, Any] = {}
    ok = True
    jsonl = [f for f in files if f.suffix == ".jsonl"]
    actor_files = [f for f in jsonl if is_actor_gold(f)]
    time_files = [f for f in jsonl if is_time_gold(f)]
    place_files = [f for f in jsonl if is_place_gold(f)]
    sentence_files = [f for f in jsonl if f not in actor_files + time_files + place_files]
    for f in files:
        if f.suffix == ".json":
            ok = _article(coder, f, report) and ok
    if sentence_files:
        ok = _sentences(coder, sentence_files, report, show_errors) and ok
    if actor_files:
        _actors(coder, actor_files, report, show_errors)
    if time_files:
        _times(coder, time_files, report, show_errors)
    if place_files:
        _places(coder, place_files, report, show_errors)
    if json_out:
        json_out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    raise typer.Exit(EXIT_OK if ok else EXIT_FAILURES)


def _article(coder: Any, path: Path, report: dict[str, Any]) -> bool:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise fail(f"cannot read gold file {path}: {exc}") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("doc"), str):
        raise fail(f"{path}: article gold needs a \"doc\" field naming the article file "
                   "(relative to the gold file); see docs/gold.md")
    doc_path = (path.parent / gold["doc"]).resolve()
    items = list(read_text_file(doc_path))
    article = next((i for i in items if isinstance(i, Article)), None)
    if article is None:
        raise fail(f"{path}: the article {doc_path} cannot be read: {items}")
    doc = coder.pipeline.code_one(article)
    res = score_article(gold, doc.events)
    t = Table(title=f"{path.name}: {doc_path.name}")
    for col in ("kind", "id / why", "result", "fields wrong in the nearest event"):
        t.add_column(col)
    for kind, rows in (("must", res.must), ("should", res.should)):
        for ident, found, wrong in rows:
            t.add_row(kind, ident, "[green]found[/]" if found else "[red]missing[/]",
                      ", ".join(wrong))
    for why, n in res.must_not:
        t.add_row("must_not", why, "[green]absent[/]" if n == 0 else f"[red]{n} found[/]", "")
    out.print(t)
    n_must = sum(1 for _, hit, _ in res.must if hit)
    n_should = sum(1 for _, hit, _ in res.should if hit)
    out.print(f"must: {n_must}/{len(res.must)}  should: "
              f"{n_should}/{len(res.should)}  must_not violated: "
              f"{sum(1 for _, n in res.must_not if n)}")
    report[str(path)] = {"must": res.must, "should": res.should, "must_not": res.must_not,
                         "passed": res.passed}
    return res.passed


def _prf_row(name: str, p: PRF) -> list[str]:
    return [name, f"{p.precision:.3f}", f"{p.recall:.3f}", f"{p.f1:.3f}", str(p.n_gold),
            str(p.n_pred)]


def _sentences(coder: Any, files: list[Path], report: dict[str, Any], show: int) -> bool:
    items = []
    for f in files:
        try:
            items += read_sentence_gold(f)
        except (OSError, ValueError, KeyError) as exc:
            raise fail(f"cannot read gold file {f}: {exc}") from None
    res = SentenceResult()
    plover_of = {c: v.plover for c, v in coder.pipeline.ontology.codes.items()}
    for gs in items:
        doc = coder.code_text(gs.text, gs.date, doc_id=gs.id)
        score_sentence(res, gs, list(doc.events), plover_of)
    for title, table in (("fields", res.fields), ("CAMEO roots", dict(sorted(res.roots.items()))),
                         ("PLOVER types", dict(sorted(res.plovers.items())))):
        t = Table(title=f"{len(items)} gold sentences: {title}")
        for col in ("", "precision", "recall", "F1", "gold", "predicted"):
            t.add_column(col)
        for name, p in table.items():
            t.add_row(*_prf_row(name, p))
        out.print(t)
    out.print(f"PLOVER type accuracy on found events: {res.plover_accuracy:.3f} "
              f"({res.plover_right}/{res.plover_found})")
    for e in res.errors[:show]:
        out.print(f"[yellow]{e['id']}[/] {e['text']}\n   missing {e['missing']}  "
                  f"spurious {e['spurious']}")
    report["sentences"] = {
        "n": len(items),
        "fields": {k: vars(v) | {"f1": v.f1} for k, v in res.fields.items()},
        "roots": {k: vars(v) | {"f1": v.f1} for k, v in res.roots.items()},
        "plover": {k: vars(v) | {"f1": v.f1} for k, v in res.plovers.items()},
        "plover_accuracy": res.plover_accuracy,
        "errors": res.errors,
    }
    return True


def _actors(coder: Any, files: list[Path], report: dict[str, Any], show: int) -> None:
    res = ActorResult()
    for f in files:
        try:
            items = read_actor_gold(f)
        except (OSError, ValueError) as exc:
            raise fail(f"cannot read gold file {f}: {exc}") from None
        for g in items:
            doc = coder.code_text(g.text, g.date, doc_id=g.id)
            score_actors(res, g, list(doc.actors))
    t = Table(title=f"{res.mentions} gold actor mentions")
    for col in ("", "right", "accuracy"):
        t.add_column(col)
    t.add_row("found", str(res.found), f"{res.rate(res.found):.3f}")
    t.add_row("country", str(res.country), f"{res.rate(res.country):.3f}")
    t.add_row("sector", str(res.sector), f"{res.rate(res.sector):.3f}")
    t.add_row("country and sector", str(res.both), f"{res.rate(res.both):.3f}")
    t.add_row(f"full code ({res.codes} given)", str(res.codes_right),
              f"{res.rate(res.codes_right, res.codes):.3f}")
    out.print(t)
    for e in res.errors[:show]:
        out.print(f"[yellow]{e['id']}[/] {e['mention']!r}: gold {e['gold']}, got {e['got']}"
                  f"  ({e['why']})")
    report["actors"] = {k: v for k, v in vars(res).items()} | {
        "country_accuracy": res.rate(res.country), "sector_accuracy": res.rate(res.sector)}


def _times(coder: Any, files: list[Path], report: dict[str, Any], show: int) -> None:
    res = TimeResult()
    for gold, doc in _analysed(coder, files, "time"):
        score_times(res, gold, doc, lambda d, trigger: event_date_of(coder, d, trigger))
    _share_table(f"{res.expressions} gold time expressions, {res.event_dates} event dates", (
        ("found", res.found, res.expressions),
        ("value exact", res.exact, res.expressions),
        ("durations and names kept out", res.not_times - res.spurious, res.not_times),
        ("event date exact", res.event_exact, res.event_dates)), res.errors, show)
    report["times"] = {k: v for k, v in vars(res).items()}


def _analysed(coder: Any, files: list[Path], kind: str) -> Any:
    """Each gold line with its text run through every stage before coding (the parse kept);
    a line that is no gold line stops the run with a message."""
    try:
        for f in files:
            yield from analysed(coder, f, kind)
    except ValueError as exc:
        raise fail(str(exc)) from None


def _share_table(title: str, rows: Any, errors: list[dict[str, Any]], show: int) -> None:
    """A table of (name, right, of) rows with their shares, then the first errors."""
    t = Table(title=title)
    for col in ("", "right", "of", "share"):
        t.add_column(col)
    for name, n, of in rows:
        t.add_row(name, str(n), str(of), f"{n / of:.3f}" if of else "-")
    out.print(t)
    for e in errors[:show]:
        out.print(f"[yellow]{e['id']}[/] {e['text']!r}: gold {e['gold']}, got {e['got']}")


def _places(coder: Any, files: list[Path], report: dict[str, Any], show: int) -> None:
    res = PlaceResult()
    for gold, doc in _analysed(coder, files, "place"):
        score_places(res, gold, doc, lambda d, trigger: event_place_of(coder, d, trigger))
    _share_table(f"{res.toponyms} gold toponyms, {res.event_places} event places", (
        ("toponyms found (recall)", res.found, res.toponyms),
        ("resolved within 161 km", res.within_161km, res.toponyms),
        ("right country", res.country, res.toponyms),
        ("non-places kept out", res.not_places - res.spurious, res.not_places),
        ("event place right", res.event_right, res.event_places)), res.errors, show)
    report["places"] = {k: v for k, v in vars(res).items()}


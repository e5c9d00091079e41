"""What the dashboard's views show, read from the store: pages of events, places on the map,
the network of who acts on whom, one document with everything found in it, and the store's
totals. The HTTP API (:mod:`newsevents.serve`) returns these as JSON, one endpoint per view.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from newsevents.records import Document, event_json
from newsevents.store.query import Filters
from newsevents.store.rows import iso

if TYPE_CHECKING:
    from newsevents.store import Store

PAGE_COLUMNS = (
    "e.global_id::VARCHAR AS global_id, e.date, e.date_precision, e.source_code, "
    "e.source_name, e.source_text, e.cameo, e.target_code, e.target_name, e.target_text, "
    "e.plover, e.status, e.goldstein, e.quad_class, e.location_name, e.location_country, "
    "e.location_lat, e.location_lon, e.num_mentions, e.num_articles, e.num_sources")
MENTION_PAGE_COLUMNS = (
    "e.global_id::VARCHAR AS global_id, e.event_id, e.date, e.date_precision, e.source_code, "
    "e.source_name, e.source_text, e.cameo, e.target_code, e.target_name, e.target_text, "
    "e.plover, e.status, e.goldstein, e.quad_class, e.location_name, e.location_country, "
    "e.location_lat, e.location_lon, e.confidence")


def _dicts(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    return list(store.rows(sql, params))


def _marks(values: list[Any]) -> str:
    return ", ".join("?" * len(values))


def plain(row: dict[str, Any]) -> dict[str, Any]:
    """A row with its dates as ISO text, ready for JSON."""
    return {k: iso(v) for k, v in row.items()}


def event_page(store: Store, filters: Filters, mentions: bool, limit: int, offset: int
               ) -> tuple[int, list[dict[str, Any]]]:
    """How many events match, and one page of them with their (best) mention's evidence."""
    where, params = filters.where(mentions)
    table = "mentions" if mentions else "events"
    total = store.one(f"SELECT count(*) FROM {table} WHERE {where}", params)
    cols = MENTION_PAGE_COLUMNS if mentions else PAGE_COLUMNS
    keys = ["day", "global_id", *(["event_id"] if mentions else [])]
    rows = _dicts(store, f"SELECT {cols}, {'e.event_id' if mentions else 'e.first_mention'} "
                         f"AS mention FROM {table} e WHERE {where} "
                         f"ORDER BY {' NULLS LAST, '.join(keys)} LIMIT ? OFFSET ?",
                  [*params, limit, offset])
    # then the evidence of the page's mentions only: lookups by id, not joins on every row
    evidence: dict[str, dict[str, Any]] = {}
    if rows:
        ids = [r["mention"] for r in rows]
        told = _dicts(store, f"SELECT event_id, doc_key, doc_id, sentence_index, trigger "
                             f"FROM mentions WHERE event_id IN ({_marks(ids)})", ids)
        docs = sorted({m["doc_key"] for m in told})
        text = {(d, i): t for d, i, t in store.query(
            f"SELECT doc_key, sentence_index, text FROM sentences WHERE doc_key IN "
            f"({_marks(docs)})", docs)} if docs else {}
        evidence = {m["event_id"]: {**m, "sentence": text.get((m["doc_key"],
                                                                m["sentence_index"]))}
                    for m in told}
    for r in rows:
        best = evidence.get(r.pop("mention"), {})
        r.update({k: best.get(k) for k in ("doc_id", "sentence_index", "trigger", "sentence")})
    return (int(total[0]) if total else 0), [plain(r) for r in rows]


def place_counts(store: Store, filters: Filters, limit: int = 2000) -> list[dict[str, Any]]:
    """Events per place (the map), the most frequent first."""
    where, params = filters.where(mentions=False)
    return _dicts(store, f"""
        SELECT location_name AS name, location_country AS country,
               location_lat AS lat, location_lon AS lon, count(*) AS events,
               round(avg(goldstein), 2) AS goldstein
        FROM events WHERE {where} AND location_lat IS NOT NULL
        GROUP BY ALL ORDER BY events DESC, name LIMIT ?""", [*params, limit])


def network(store: Store, filters: Filters, limit: int = 80
            ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Who acts on whom: the ``limit`` busiest dyads, with their actors as nodes."""
    where, params = filters.where(mentions=False)
    edges = _dicts(store, f"""
        SELECT source_code AS source, target_code AS target, count(*) AS events,
               round(avg(goldstein), 2) AS goldstein,
               avg(goldstein) < 0 AS conflict
        FROM events WHERE {where} AND source_code IS NOT NULL AND target_code IS NOT NULL
             AND source_code <> target_code
        GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?""", [*params, limit])
    info: dict[str, dict[str, Any]] = {}
    if edges:
        codes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        for row in _dicts(store, f"""
                SELECT code, any_value(country) AS country, any_value(sector) AS sector,
                       count(*) AS events
                FROM (SELECT source_code AS code, source_country AS country,
                             source_sector AS sector FROM events WHERE {where}
                      UNION ALL
                      SELECT target_code, target_country, target_sector FROM events
                      WHERE {where})
                WHERE code IN (SELECT unnest(?)) GROUP BY code""", [*params, *params, codes]):
            info[row["code"]] = row
    nodes = [{"id": c, "label": c, "country": r["country"], "sector": r["sector"],
              "events": r["events"]} for c, r in sorted(info.items())]
    return nodes, edges


def _spans(doc: Document) -> dict[str, list[dict[str, Any]]]:
    return {
        "sentences": [{"index": s.index, "start": s.start, "end": s.end}
                      for s in doc.sentences],
        "actors": [{"start": m.start, "end": m.end, "text": m.text, "code": m.actor.code,
                    "name": m.actor.name, "country": m.actor.country,
                    "sector": m.actor.sector} for m in doc.actors],
        "places": [{"start": p.start, "end": p.end, "text": p.text, "name": p.place.name,
                    "country": p.place.country, "lat": p.place.lat, "lon": p.place.lon}
                   for p in doc.places],
        "times": [{"start": t.start, "end": t.end, "text": t.text, "value": t.value}
                  for t in doc.times],
    }


def coded_document(doc: Document, doc_key: str | None = None) -> dict[str, Any]:
    """A freshly coded document in the shape of :func:`document`."""
    a = doc.article
    return {
        "doc_id": a.doc_id, "doc_key": doc_key, "published": a.published, "title": a.title,
        "url": a.url, "source_name": a.source, "body": a.body, **_spans(doc),
        "events": [{**event_json(e), "global_id": None} for e in doc.events],
        "errors": [{"stage": e.stage, "message": e.message} for e in doc.errors],
    }


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A stored document: its text, sentences, actors, places, times and events."""
    rows = _dicts(store, "SELECT doc_key, doc_id, published, title, url, source_name, body, "
                         "analysis FROM documents WHERE doc_id = ? ORDER BY added DESC "
                         "LIMIT 1", [doc_id])
    if not rows:
        return None
    row = rows[0]
    key = row["doc_key"]
    analysis = json.loads(row.pop("analysis") or "{}")
    ids = dict(store.query("SELECT event_id, global_id::VARCHAR FROM mentions "
                           "WHERE doc_key = ?", [key]))
    events = [{**r, "global_id": ids.get(r["event_id"])}
              for r in store.event_records("m.doc_key = ?", [key])]
    return {
        **plain(row),
        "sentences": [{"index": i, "start": s["start"], "end": s["end"]}
                      for i, s in enumerate(analysis.get("sentences", []))],
        "actors": [{"start": m["start"], "end": m["end"], "text": m["text"],
                    **{k: m["actor"][k] for k in ("code", "name", "country", "sector")}}
                   for m in analysis.get("actors", [])],
        "places": [{"start": p["start"], "end": p["end"], "text": p["text"],
                    **{k: p["place"][k] for k in ("name", "country", "lat", "lon")}}
                   for p in analysis.get("places", [])],
        "times": [{k: t[k] for k in ("start", "end", "text", "value")}
                  for t in analysis.get("times", [])],
        "events": events,
        "errors": analysis.get("errors", []),
    }


def totals(store: Store) -> dict[str, Any]:
    """The store's counts and the span of its event dates."""
    counts = store.counts()
    span = store.one("SELECT min(day), max(day_end) FROM events")
    versions = store.one("SELECT versions FROM runs WHERE state = 'done' "
                         "ORDER BY finished DESC LIMIT 1")
    return {
        "documents": counts["documents"], "mentions": counts["mentions"],
        "events": counts["events"],
        "first_day": iso(span[0]) if span else None,
        "last_day": iso(span[1]) if span else None,
        "versions": json.loads(versions[0]) if versions and versions[0] else {},
    }

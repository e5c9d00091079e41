"""Records to store rows and back: an event stored and read again is the event that was coded.

:func:`mention_row` flattens an :class:`~newsevents.records.Event` into the
columns of ``schema.MENTION_FIELDS``; :func:`event_record` rebuilds the JSON of
docs/records.md from such a row (and the sentence text), so ``extract`` can
replay stored documents and ``query`` can print records.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from typing import Any
from urllib.parse import urlparse

from newsevents.records import Actor, Article, Document, Event, Place
from newsevents.store.schema import ACTOR_FIELDS


def doc_key(article: Article) -> str:
    """The document's key: its id, date and body. The same article read again has the same
    key; a copy under another id (a syndicated story) is another article."""
    h = hashlib.sha1(f"{article.doc_id}\x00{article.published or ''}\x00{article.body}"
                     .encode())
    return h.hexdigest()[:24]


def outlet(article: Article) -> str | None:
    """The news outlet: the article's ``source`` field, else its URL's host."""
    if article.source:
        return article.source
    if article.url:
        host = urlparse(article.url).hostname
        return host.removeprefix("www.") if host else None
    return None


def lead_sentences(doc: Document) -> set[int]:
    """Sentences of the article's lead: its first paragraph after any headline."""
    body = doc.article.body
    lead: set[int] = set()
    end = -1
    for s in doc.sentences:
        if s.heading:
            continue
        if end < 0:
            nl = body.find("\n", s.start)
            end = len(body) if nl < 0 else nl
        if s.start < end:
            lead.add(s.index)
    return lead


def day_range(date: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
    if not date:
        return None, None
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
    day = dt.date(parts[0], parts[1], parts[2])
    return day, day


def _actor_values(a: Actor | None) -> list[Any]:
    if a is None:
        return [None] * len(ACTOR_FIELDS)
    return [a.text, a.name, a.code, a.country, a.sector, list(a.groups)]


def _place_values(p: Place | None) -> list[Any]:
    if p is None:
        return [None] * 7
    return [p.name, p.country, p.adm1, p.lat, p.lon, p.geonameid, p.precision]


def event_values(ev: Event) -> list[Any]:
    """The ``schema.EVENT_FIELDS`` of one event, in order."""
    day, day_end = day_range(ev.date)
    return [
        ev.date, ev.date_precision, ev.date_source, day, day_end,
        *_actor_values(ev.source), *_actor_values(ev.target),
        ev.cameo, ev.cameo_root, ev.plover, ev.plover_mode, ev.goldstein, ev.quad_class,
        ev.status, *_actor_values(ev.speaker), *_place_values(ev.location),
    ]


def mention_row(ev: Event, doc_key: str, ordinal: int, lead: bool, run_id: str) -> list[Any]:
    """One ``mentions`` row; its key and event are filled in by deduplication."""
    e = ev.evidence
    return [
        ev.event_id, doc_key, ev.doc_id, ordinal, ev.published, *event_values(ev),
        e.sentence_index, e.start, e.end, e.trigger, e.trigger_start, ev.confidence, ev.rule,
        list(ev.issues), versions_text(ev.versions), lead, None, None, run_id,
    ]


def versions_text(versions: dict[str, str]) -> str:
    return json.dumps(versions)  # in the coder's order, so records read back unchanged


def _actor_json(row: dict[str, Any], role: str) -> dict[str, Any] | None:
    if row[f"{role}_text"] is None:
        return None
    out = {c: row[f"{role}_{c}"] for c, _ in ACTOR_FIELDS}
    out["groups"] = list(out["groups"] or [])
    return out


def iso(value: Any) -> Any:
    """A date or timestamp from the store as ISO text; anything else as it is."""
    return value.isoformat() if isinstance(value, dt.date) else value


def event_record(row: dict[str, Any], sentence: str) -> dict[str, Any]:
    """The event JSON of docs/records.md from a ``mentions`` row and its sentence's text."""
    location = None
    if row["location_name"] is not None:
        location = {
            "name": row["location_name"], "country": row["location_country"],
            "adm1": row["location_adm1"], "lat": row["location_lat"],
            "lon": row["location_lon"], "geonameid": row["location_geonameid"],
            "precision": row["location_precision"]}
    return {
        "event_id": row["event_id"], "doc_id": row["doc_id"], "published": iso(row["published"]),
        "date": row["date"], "date_precision": row["date_precision"],
        "date_source": row["date_source"],
        "source": _actor_json(row, "source"), "target": _actor_json(row, "target"),
        "cameo": row["cameo"], "cameo_root": row["cameo_root"], "plover": row["plover"],
        "plover_mode": row["plover_mode"], "goldstein": row["goldstein"],
        "quad_class": int(row["quad_class"]), "status": row["status"],
        "speaker": _actor_json(row, "speaker"), "location": location,
        "evidence": {"sentence_index": row["sentence_index"], "sentence": sentence,
                     "start": row["sentence_start"], "end": row["sentence_end"],
                     "trigger": row["trigger"], "trigger_start": row["trigger_start"]},
        "confidence": row["confidence"], "rule": row["rule"],
        "versions": json.loads(row["versions"] or "{}"),
        "issues": list(row["issues"] or []),
    }

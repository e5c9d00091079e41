"""The typed records that flow between pipeline stages: the contract.

Ingest makes an :class:`Article`; the pipeline wraps it in a :class:`Document`
that each stage returns with the fields it provides filled in. Output records
(:class:`Event`, :class:`Actor`, :class:`Place`, ...) serialise to the JSON of
``docs/records.md`` through :func:`to_json`. Codes are strings ("030", not 30).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["asserted", "claimed", "proposed", "hypothetical", "future", "negated"]
STATUSES: tuple[Status, ...] = (
    "asserted",
    "claimed",
    "proposed",
    "hypothetical",
    "future",
    "negated",
)
Precision = Literal["year", "month", "day"]  # of an event's date (records.md)
# of a time expression's value (ISO 8601 / EDTF: "2024-W09", "2023-22" summer, "199X")
TimePrecision = Literal["year", "month", "day", "week", "season", "decade", "century",
                        "interval"]


@dataclass(frozen=True)
class Article:
    """One input article, as read by ingest. ``body`` is what offsets point into."""

    doc_id: str
    body: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""  # where it came from: "path" or "path:line"


@dataclass(frozen=True)
class DocError:
    """A problem with one document, recorded on it instead of stopping the batch."""

    stage: str
    message: str
    doc_id: str | None = None
    origin: str = ""


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    heading: bool = False


@dataclass(frozen=True)
class Actor:
    text: str
    name: str | None
    code: str | None
    country: str | None
    sector: str | None
    groups: tuple[str, ...] = ()

    def same_entity(self, other: Actor | None) -> bool:
        return (
            other is not None
            and self.country == other.country
            and self.sector == other.sector
            and (self.name or self.text) == (other.name or other.text)
        )


@dataclass(frozen=True)
class ActorMention:
    """An actor found at a character span; ``head`` is the token index of its head."""

    text: str
    start: int
    end: int
    actor: Actor
    sentence_index: int
    head: int
    why: str = ""


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    adm1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: Literal["country", "adm1", "city", "site"]


@dataclass(frozen=True)
class PlaceMention:
    text: str
    start: int
    end: int
    place: Place
    sentence_index: int
    head: int


@dataclass(frozen=True)
class TimeMention:
    text: str
    start: int
    end: int
    value: str
    precision: TimePrecision
    sentence_index: int
    head: int


@dataclass(frozen=True)
class Quote:
    speaker: ActorMention | None
    cue: Span
    content: Span
    direct: bool
    sentence_index: int


@dataclass(frozen=True)
class Evidence:
    sentence_index: int
    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int | None = None  # the trigger's offset in the article body


@dataclass(frozen=True)
class Event:
    event_id: str
    doc_id: str
    published: str | None
    date: str | None
    date_precision: Precision | None
    date_source: Literal["text", "published"] | None
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    plover: str
    plover_mode: str | None
    goldstein: float
    quad_class: int
    status: Status
    speaker: Actor | None
    location: Place | None
    evidence: Evidence
    confidence: float
    rule: str
    versions: dict[str, str] = field(default_factory=dict)
    issues: tuple[str, ...] = ()  # issue codes of a user's PETRARCH issues list


@dataclass(frozen=True)
class Document:
    """An article as it moves through the stages. Stages fill fields and return a copy."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    parsed: Any = None  # parse.ParsedText; never serialised
    actors: tuple[ActorMention, ...] = ()
    times: tuple[TimeMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    errors: tuple[DocError, ...] = ()

    @property
    def doc_id(self) -> str:
        return self.article.doc_id


def to_json(obj: Any) -> Any:
    """Turn records into JSON-ready values (dataclasses to dicts, tuples to lists)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_json(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_json(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_json(v) for k, v in obj.items()}
    return obj


def event_json(ev: Event) -> dict[str, Any]:
    out: dict[str, Any] = to_json(ev)
    return out


def _mention_json(m: ActorMention) -> dict[str, Any]:
    return {"text": m.text, "start": m.start, "end": m.end, "actor": to_json(m.actor)}


def analysis_json(doc: Document) -> dict[str, Any]:
    """The ``analyze`` record of docs/records.md for one document."""
    a = doc.article
    return {
        "doc_id": a.doc_id,
        "published": a.published,
        "title": a.title,
        "sentences": [
            {"start": s.start, "end": s.end, "heading": s.heading} for s in doc.sentences
        ],
        "actors": [_mention_json(m) for m in doc.actors],
        "places": [
            {"text": p.text, "start": p.start, "end": p.end, "place": to_json(p.place)}
            for p in doc.places
        ],
        "times": [
            {"text": t.text, "start": t.start, "end": t.end, "value": t.value,
             "precision": t.precision}
            for t in doc.times
        ],
        "quotes": [
            {
                "speaker": _mention_json(q.speaker) if q.speaker else None,
                "cue": to_json(q.cue),
                "content": to_json(q.content),
                "direct": q.direct,
            }
            for q in doc.quotes
        ],
        "events": [event_json(e) for e in doc.events],
        "errors": [{"stage": e.stage, "message": e.message} for e in doc.errors],
    }

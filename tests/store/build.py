"""Small hand-made documents and events for the store tests (fictional where it matters)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsevents.records import (
    Actor,
    ActorMention,
    Article,
    Document,
    Event,
    Evidence,
    Place,
    PlaceMention,
    Sentence,
    TimeMention,
)
from newsevents.store import Store

VERSIONS = {"coder": "test-1", "ontology": "o1", "patterns": "p1", "actors": "a1"}
MINSK = Place("Minsk", "BLR", "Minsk City", 53.9, 27.57, 625144, "city")
GOMEL = Place("Gomel", "BLR", "Gomel Region", 52.43, 30.98, 627907, "city")
POLICE = Actor("police", None, "BLRCOP", "BLR", "COP")
STUDENTS = Actor("students", None, "BLRCVL", "BLR", "CVL")
MINISTER = Actor("the foreign minister", "Ana Petrova", "BLRGOV", "BLR", "GOV", ("CTH",))


def article(doc_id: str, body: str, published: str | None = "2024-05-02",
            source: str | None = None, url: str | None = None) -> Article:
    return Article(doc_id=doc_id, body=body, published=published, source=source, url=url,
                   origin=f"{doc_id}.txt")


def sentences(body: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for i, line in enumerate(body.split("\n")):
        if line:
            out.append(Sentence(i, start, start + len(line), line))
        start += len(line) + 1
    return tuple(Sentence(i, s.start, s.end, s.text) for i, s in enumerate(out))


def event(art: Article, n: int = 0, cameo: str = "173", source: Actor | None = POLICE,
          target: Actor | None = STUDENTS, date: str | None = "2024-05-01",
          status: str = "asserted", place: Place | None = MINSK, sentence: int = 0,
          trigger: str = "detained", confidence: float = 0.9) -> Event:
    s = sentences(art.body)[sentence]
    precision = {4: "year", 7: "month", 10: "day"}.get(len(date or ""))
    return Event(
        event_id=f"{art.doc_id}-{n}", doc_id=art.doc_id, published=art.published, date=date,
        date_precision=precision, date_source="text" if date else None,  # type: ignore[arg-type]
        source=source, target=target, cameo=cameo, cameo_root=cameo[:2], plover="COERCE",
        plover_mode="arrest" if cameo.startswith("17") else None, goldstein=-5.0,
        quad_class=4, status=status,  # type: ignore[arg-type]
        speaker=MINISTER if status == "claimed" else None, location=place,
        evidence=Evidence(s.index, s.text, s.start, s.end, trigger,
                          s.start + max(s.text.find(trigger), 0)),
        confidence=confidence, rule="test", versions=dict(VERSIONS))


def document(art: Article, *events: Event) -> Document:
    sents = sentences(art.body)
    first = sents[0]
    return Document(
        article=art, sentences=sents,
        actors=(ActorMention("police", first.start, first.start + 6, POLICE, 0, 0),),
        places=(PlaceMention("Minsk", first.start, first.start + 5, MINSK, 0, 0),),
        times=(TimeMention("on Wednesday", first.start, first.start + 12, "2024-05-01", "day",
                           0, 0),),
        events=events)


DETENTION = "Police detained 12 students in Minsk on Wednesday.\nThe ministry said nothing."


def detention(doc_id: str, date: str = "2024-05-01", **kw: object) -> Document:
    """One article telling the fictional detention of students in Minsk."""
    published = str(kw.pop("published", "2024-05-02"))
    art = article(doc_id, DETENTION + f" ({doc_id})", published=published,
                  source=kw.pop("outlet", None), url=kw.pop("url", None))  # type: ignore[arg-type]
    return document(art, event(art, date=date, **kw))  # type: ignore[arg-type]


def read_only_store(path: Path, docs: list[Document]) -> Iterator[Store]:
    """A store holding these documents, deduplicated, then opened read-only."""
    with Store(path) as store:
        store.put(docs, "r1", VERSIONS)
        store.deduplicate()
    with Store(path, read_only=True) as store:
        yield store

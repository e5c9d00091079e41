"""Place: the place stage. Finds toponyms and resolves them to gazetteer entries.

Toponyms are spaCy's GPE, LOC and FAC entities. A capital or country that is
the subject or object of a verb ("Beijing said") is an actor, not a place, and
nationality words are never places. Each name is resolved among its gazetteer
candidates by feature type, population and the countries the article talks about.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace
from typing import Any

from newsevents.actors.kb import KnowledgeBase
from newsevents.place.gazetteer import GazEntry, Gazetteer
from newsevents.records import Document, Place, PlaceMention

PLACE_LABELS = {"GPE", "LOC", "FAC"}
ACTOR_DEPS = {"nsubj", "nsubjpass", "dobj", "poss", "agent", "dative", "appos", "conj"}
REGION_WORDS = re.compile(
    r"\s+(province|region|state|county|district|governorate|oblast|prefecture|"
    r"autonomous region|city|town|village|municipality)$", re.IGNORECASE)
SITE_WORDS = re.compile(
    r"\s+(airport|international airport|prison|university|hospital|square|stadium|port|"
    r"station|camp|refugee camp|border crossing|crossing|market|mosque|church|embassy)$",
    re.IGNORECASE)
LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "around", "from", "to", "into",
            "through", "throughout", "towards", "toward", "within", "of", "on", "off", "north",
            "south", "east", "west"}


def to_place(entry: GazEntry) -> Place:
    precision = {"country": "country", "adm1": "adm1", "city": "city"}[entry.kind]
    adm1 = entry.adm1 if entry.kind != "adm1" else (entry.adm1 or entry.name)
    return Place(name=entry.name, country=entry.country, adm1=adm1, lat=entry.lat,
                 lon=entry.lon, geonameid=entry.geonameid, precision=precision)  # type: ignore[arg-type]


class PlaceFinder:
    """The place stage."""

    name = "place"
    requires: tuple[str, ...] = ("parsed", "actors")
    provides: tuple[str, ...] = ("places",)

    def __init__(self, gazetteer: Gazetteer, kb: KnowledgeBase) -> None:
        self.gaz = gazetteer
        self.kb = kb

    def __call__(self, doc: Document) -> Document:
        context: Counter[str] = Counter(
            m.actor.country for m in doc.actors if m.actor.country)
        found: list[tuple[Any, Any, list[GazEntry]]] = []
        actor_heads = {(m.sentence_index, m.head) for m in doc.actors}
        for ps in doc.parsed.sentences:
            for ent in ps.span.ents:
                if self._is_actor(ent) or not (
                        ent.label_ in PLACE_LABELS or self._mislabelled(ent, ps, actor_heads)):
                    continue
                name = REGION_WORDS.sub("", re.sub(r"^the\s+", "", ent.text, flags=re.I))
                cands = self.gaz.candidates(name)
                site = SITE_WORDS.search(name)
                if not cands and site:  # "Tashkent airport", "Evin prison": the town's site
                    cands = self.gaz.candidates(name[:site.start()].strip())
                known = self.kb.first(name, ("country",))
                country = self.gaz.countries(known.country) if (
                    cands and known is not None and known.country) else None
                if country is not None:
                    # the actor tables settle a country's short name ("Congo" is the DRC)
                    cands = [country, *[c for c in cands if c.kind != "country"]]
                if cands:
                    found.append((ps, ent, cands))
                    context[cands[0].country or ""] += 1
        out: list[PlaceMention] = []
        for ps, ent, cands in found:
            best = max(cands, key=lambda c: _score(c, context, ent, cands))
            head = _phrase_head(ent)
            start, end = ps.offset + ent.start_char, ps.offset + ent.end_char
            out.append(PlaceMention(doc.article.body[start:end], start, end, to_place(best),
                                    ps.sentence.index, head.i))
        return replace(doc, places=tuple(out))

    def _mislabelled(self, ent: Any, ps: Any, actor_heads: set[tuple[int, int]]) -> bool:
        """A lone word the small model calls a person or organisation, that no actor claims
        and the gazetteer knows as a big place: 'shelled areas of Kharkiv'."""
        return (ent.label_ in ("PERSON", "ORG") and len(ent) == 1
                and (ps.sentence.index, ent.root.i) not in actor_heads
                and self.gaz.is_major_place(ent.text))

    def _is_actor(self, ent: Any) -> bool:
        root = ent.root
        head = _phrase_head(ent)
        if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE:
            return False
        if head.dep_ == "poss":
            # "Beijing's crackdown" is the government's; "Durban's townships" are a place
            return self.kb.first(ent.text, ("country", "capital")) is not None
        if head.dep_ in ("compound", "amod") and head.head.ent_type_ not in PLACE_LABELS:
            # "US President", "the Beijing Olympics" modify an actor or a name, not a place;
            # "Tashkent airport", "Gaza border" name where
            noun = head.head
            return (noun.ent_type_ != "" or noun.pos_ == "PROPN"
                    or self.kb.first(noun.text, ("sector",)) is not None
                    or self.kb.first(noun.lemma_, ("sector",)) is not None)
        return root.dep_ in ACTOR_DEPS or head.dep_ in ACTOR_DEPS


def _phrase_head(ent: Any) -> Any:
    """'Xinjiang' in 'the Xinjiang province' stands for the whole phrase."""
    t = ent.root
    while t.dep_ == "compound" and t.head.lower_ in ("province", "region", "state", "county",
                                                     "district", "city", "governorate"):
        t = t.head
    return t


def _score(c: GazEntry, context: Counter[str], ent: Any, cands: list[GazEntry]) -> float:
    kind = {"country": 3.0, "adm1": 1.5, "city": 1.0}[c.kind]
    if c.kind == "city" and any(o.kind == "adm1" and o.country == c.country
                                and o.name.split()[0] == c.name for o in cands):
        kind = 2.0  # "Kharkiv", "Minsk": the city, not the region named after it
    pop = math.log10(c.population + 10)
    ctx = 2.0 * math.log1p(context.get(c.country or "", 0))
    # "Paris, Texas": a region named right after the place
    nxt = ent.doc[ent.end + 1] if ent.end + 1 < len(ent.doc) and ent.doc[ent.end].text == "," \
        else None
    near = 3.0 if nxt is not None and c.adm1 and c.adm1.lower().startswith(nxt.lower_) else 0.0
    return kind + pop + ctx + near

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
from newsevents.place.gazetteer import GazEntry, Gazetteer, normalize_name
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
    precision = {"country": "country", "adm1": "adm1", "city": "city",
                 "site": "site"}[entry.kind]
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
        self.extra = load_extra_places()

    def __call__(self, doc: Document) -> Document:
        context: Counter[str] = Counter(
            m.actor.country for m in doc.actors if m.actor.country)
        found: list[tuple[Any, Any, list[GazEntry]]] = []
        actor_heads = {(m.sentence_index, m.head) for m in doc.actors
                       if m.actor.sector != "UNK"}
        for ps in doc.parsed.sentences:
            spans = [e for e in ps.span.ents
                     if not self._is_actor(e, ps, actor_heads) and (
                         e.label_ in PLACE_LABELS or self._mislabelled(e, ps, actor_heads))]
            spans = [part for e in spans for part in _split_list(e)]
            spans += self._unlabelled(ps, spans, actor_heads, context)
            for ent in spans:
                cands = self._candidates(ent.text)
                if cands:
                    found.append((ps, ent, cands))
                    context[cands[0].country or ""] += 1
        out: list[PlaceMention] = []
        # the regions and countries the article names: a town "in Scotland", "near Koya in
        # the Kurdistan Region", "Hyderabad, ... in Sindh" is the one inside them
        named = [(k, c) for k, (_, _, cands) in enumerate(found) for c in cands[:2]
                 if c.kind in ("adm1", "country")]
        for k, (ps, ent, cands) in enumerate(found):
            own = Counter({cands[0].country or "": 1})
            regions = {(c.country, normalize_name(c.name)) for j, c in named
                       if j != k and c.kind == "adm1"}
            countries = {c.country for j, c in named if j != k}
            best = max(cands, key=lambda c: _score(c, context - own, ent, cands)
                       + (4.0 if (c.country, normalize_name(c.adm1 or "")) in regions else 0.0)
                       + (1.5 if c.country in countries else 0.0)
                       - (2.0 if normalize_name(c.name) != normalize_name(ent.text)
                          and not normalize_name(c.name).startswith(normalize_name(ent.text))
                          else 0.0))
            head = _phrase_head(ent)
            start, end = ps.offset + ent.start_char, ps.offset + ent.end_char
            out.append(PlaceMention(doc.article.body[start:end], start, end,
                                    self.place(best), ps.sentence.index, head.i))
        return replace(doc, places=tuple(out))

    def place(self, entry: GazEntry) -> Place:
        """The record of a gazetteer entry; a country at its geographic centre (the
        gazetteer's point for a country is often its capital region)."""
        place = to_place(entry)
        centre = self.kb.centroids.get(entry.country or "") if entry.kind == "country" else None
        return replace(place, lat=centre[0], lon=centre[1]) if centre else place

    def _candidates(self, text: str) -> list[GazEntry]:
        bare = re.sub(r"^the\s+", "", text, flags=re.I)
        extra = self.extra.get(normalize_name(bare))
        if extra:
            # "Darfur", "North Kivu", "Tahrir Square": known to our list of regions and
            # sites the gazetteer lacks or names otherwise
            return extra
        name = REGION_WORDS.sub("", bare)
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
        return cands

    def _unlabelled(self, ps: Any, spans: list[Any], actor_heads: set[tuple[int, int]],
                    context: Counter[str]) -> list[Any]:
        """Capitalised names the tagger missed that the gazetteer knows, where a place is
        expected: after "in", "near", "north of" ..., or "the town of", or as a big place
        ("shelled villages north of Aleppo", "the border town of Adre")."""
        out = []
        covered = {t.i for sp in spans for t in sp} | {t.i for e in ps.span.ents for t in e
                                                       if e.label_ not in ("DATE", "TIME")
                                                       and e.label_ in PLACE_LABELS}
        doc = ps.span.doc
        for tok in ps.span:
            if tok.i in covered or tok.pos_ != "PROPN" or tok.dep_ == "compound" or (
                    ps.sentence.index, tok.i) in actor_heads or tok.ent_type_ in (
                    "PERSON", "DATE"):
                continue
            start = tok.i
            while start > ps.span.start and doc[start - 1].dep_ == "compound" and \
                    doc[start - 1].pos_ == "PROPN":
                start -= 1
            phrase = doc[start:tok.i + 1]
            if any(t.i in covered for t in phrase):
                continue
            head = tok.head
            placed = (tok.dep_ == "pobj" and (head.lower_ in LOCATIVE or (
                head.lower_ == "of" and head.head.lemma_.lower() in PLACE_HEADS)))
            cands = self._candidates(phrase.text)
            if not cands or self.kb.first(phrase.text) is not None:
                continue
            big = max(c.population for c in cands) >= 100_000
            known = any(context.get(c.country or "", 0) for c in cands)
            listed = normalize_name(phrase.text) in self.extra  # a region or site we list
            if listed or (placed and (big or known)) or (big and known):
                out.append(phrase)
        return out

    def _mislabelled(self, ent: Any, ps: Any, actor_heads: set[tuple[int, int]]) -> bool:
        """A lone word the small model calls a person or organisation, that no actor claims
        and the gazetteer knows as a big place: 'shelled areas of Kharkiv'."""
        if ent.label_ not in ("PERSON", "ORG", "NORP") or (
                ps.sentence.index, ent.root.i) in actor_heads or self.kb.lookup(ent.text):
            return False
        if len(ent) == 1 and self.gaz.is_major_place(ent.text):
            return True
        # "from São Paulo", "in Khan Younis": where a place is expected, a place it knows
        head = _phrase_head(ent)
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        return (head.dep_ == "pobj" and head.head.lower_ in LOCATIVE
                and bool(self._candidates(ent.text)))

    def _is_actor(self, ent: Any, ps: Any, actor_heads: set[tuple[int, int]]) -> bool:
        root = ent.root
        head = _phrase_head(ent)
        if head.dep_ == "appos" and head.head.ent_type_ in PLACE_LABELS:
            return False  # "Kingston, Ontario": the region that places a place
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head  # "in Chicago and New York": as the first of the list
        if ent.label_ not in PLACE_LABELS or head.i != _phrase_head(ent).i:
            # a name the tagger got wrong, or a later item of a list: an actor only if the
            # actors stage made it one
            return (ps.sentence.index, root.i) in actor_heads or (
                ps.sentence.index, _phrase_head(ent).i) in actor_heads
        if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE:
            return False
        if head.dep_ == "poss":
            # "Beijing's crackdown" is the government's; "Durban's townships" and "China's
            # far-western Xinjiang region" are a place
            if head.head.lemma_.lower() in PLACE_HEADS:
                return False
            return self.kb.first(ent.text, ("country", "capital")) is not None
        if head.dep_ in ("compound", "amod") and head.head.ent_type_ not in PLACE_LABELS:
            # "US President", "the Beijing Olympics" modify an actor or a name, not a place;
            # "Tashkent airport", "Gaza border" name where
            noun = head.head
            return (noun.ent_type_ != "" or noun.pos_ == "PROPN"
                    or self.kb.first(noun.text, ("sector",)) is not None
                    or self.kb.first(noun.lemma_, ("sector",)) is not None)
        return root.dep_ in ACTOR_DEPS or head.dep_ in ACTOR_DEPS


def load_extra_places() -> dict[str, list[GazEntry]]:
    """``data/places_extra.tsv``: regions that are no first-level division (Darfur,
    Transnistria), English names of some that are ("North Kivu"), and sites often named as
    the place of events (Tahrir Square, Evin prison)."""
    from newsevents.data import data_path, read_tsv, split_multi

    out: dict[str, list[GazEntry]] = {}
    path = data_path("places_extra.tsv")
    if not path.exists():
        return out
    for r in read_tsv(path):
        kind = "site" if r.get("kind") == "site" else "adm1"
        entry = GazEntry(None, r["name"], kind, r.get("country") or None,  # type: ignore[arg-type]
                         r.get("adm1") or (r["name"] if kind == "adm1" else None),
                         float(r["lat"]), float(r["lon"]), 0)
        for n in [r["name"], *split_multi(r.get("aliases", ""))]:
            out.setdefault(normalize_name(n), []).append(entry)
    return out


PLACE_HEADS = {"region", "province", "coast", "border", "city", "capital", "town", "village",
               "territory", "waters", "airspace", "north", "south", "east", "west", "state",
               "district", "county", "island", "islands", "port", "outskirts", "countryside",
               "mountains", "desert", "heartland", "part", "area", "enclave", "strait",
               "soil", "side", "interior", "frontier", "neighbourhood", "suburb", "municipality"}


def _split_list(ent: Any) -> list[Any]:
    """"Kingston, Ontario" tagged as one name: the place and the region named after it."""
    commas = [t.i for t in ent if t.text == ","]
    if not commas or len(ent) < 3:
        return [ent]
    doc, parts, start = ent.doc, [], ent.start
    for i in commas:
        if i > start:
            parts.append(doc[start:i])
        start = i + 1
    if start < ent.end:
        parts.append(doc[start:ent.end])
    return parts


def _phrase_head(ent: Any) -> Any:
    """'Xinjiang' in 'the Xinjiang province' stands for the whole phrase."""
    t = ent.root
    while t.dep_ == "compound" and t.head.lower_ in ("province", "region", "state", "county",
                                                     "district", "city", "governorate"):
        t = t.head
    return t


def _score(c: GazEntry, context: Counter[str], ent: Any, cands: list[GazEntry]) -> float:
    kind = {"country": 3.0, "adm1": 1.5, "city": 1.0, "site": 1.0}[c.kind]
    if c.kind == "city" and any(o.kind == "adm1" and o.country == c.country and (
            o.name.split()[0] == c.name
            or normalize_name(c.name).startswith(normalize_name(o.name)))
            for o in cands):
        kind = 2.5  # "Kharkiv", "Minsk", "New York": the city, not the region named after it
    pop = math.log10(c.population + 10)
    ctx = 2.0 * math.log1p(context.get(c.country or "", 0))
    # "Paris, Texas": a region named right after the place
    nxt = ent.doc[ent.end + 1] if ent.end + 1 < len(ent.doc) and ent.doc[ent.end].text == "," \
        else None
    near = 3.0 if nxt is not None and c.adm1 and c.adm1.lower().startswith(nxt.lower_) else 0.0
    return kind + pop + ctx + near

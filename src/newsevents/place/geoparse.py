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
from difflib import SequenceMatcher
from typing import Any

from newsevents.actors.kb import KnowledgeBase
from newsevents.parse import backing_word
from newsevents.place.gazetteer import GazEntry, Gazetteer, haversine_km, normalize_name
from newsevents.records import Document, Place, PlaceMention

PLACE_LABELS = {"GPE", "LOC", "FAC"}
NAME_LABELS = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
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
            "south", "east", "west", "over", "along", "beyond", "past", "via", "onto"}
_DET_RE = re.compile(r"^the\s+", re.I)
_POSS_RE = re.compile(r"\s*['’]s$")
_SAINT_RE = re.compile(r"^(st|ste)\.?\s+", re.I)
# words for built places: an organisation-tagged name with one of these as head is a site
BUILT_SITES = {"dam", "bridge", "square", "airport", "airbase", "prison", "jail",
               "penitentiary", "crossing", "port", "harbour", "harbor", "stadium", "avenue",
               "street", "road", "highway", "boulevard", "station", "camp", "base", "gate",
               "palace", "park", "market", "mine", "refinery", "plant", "pipeline", "canal",
               "tunnel", "checkpoint", "terminal"}


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
            ents = [_Named(self._linked_name(_with_feature(e)), e.label_)
                    for e in ps.span.ents]
            spans = [e for e in ents
                     if not self._is_actor(e, ps, actor_heads) and (
                         e.label_ in PLACE_LABELS or self._mislabelled(e, ps, actor_heads)
                         or self._named_site(e))]
            spans = [self._linked_name(_with_feature(part)) for e in spans
                     for part in _split_list(e)]
            spans += self._unlabelled(ps, spans, actor_heads, context)
            spans += self._features(ps, spans)
            for ent in spans:
                cands = self._candidates(ent.text)
                if cands or _feature_word(ent) in SITE_NOUNS:
                    found.append((ps, ent, cands))
                    if cands:
                        context[cands[0].country or ""] += 1
        out: list[PlaceMention] = []
        # the regions and countries the article names: a town "in Scotland", "near Koya in
        # the Kurdistan Region", "Hyderabad, ... in Sindh" is the one inside them
        named = [(k, c) for k, (_, _, cands) in enumerate(found) for c in cands[:2]
                 if c.kind in ("adm1", "country")]
        # the regions that hold the other places named ("Georgia" with Atlanta and Savannah
        # is the state; "eastern Washington" with Spokane)
        holders = Counter((cands[0].country, normalize_name(cands[0].adm1 or ""))
                          for _, _, cands in found if cands and cands[0].kind == "city")
        lists = [(ps.sentence.index, _list_head(_phrase_head(ent)).i) for ps, ent, _ in found]
        # the countries each sentence's actors name by themselves (not by guess)
        named_here: dict[int, set[str]] = {}
        for m in doc.actors:
            if m.actor.country and "main country" not in m.why and "place" not in m.why:
                named_here.setdefault(m.sentence_index, set()).add(m.actor.country)
        for ps in doc.parsed.sentences:  # "the Chadian border town of Adre"
            for tok in ps.span:
                if tok.ent_type_ in ("NORP", "GPE") and not backing_word(tok):
                    e = self.kb.first(tok.text, ("adjective", "country"))
                    if e is not None and e.country:
                        named_here.setdefault(ps.sentence.index, set()).add(e.country)
        chosen: list[GazEntry | None] = []
        for k, (_, ent, cands) in enumerate(found):
            if not cands:
                chosen.append(None)
                continue
            own = Counter({cands[0].country or "": 1})
            regions = {(c.country, normalize_name(c.name)) for j, c in named
                       if j != k and c.kind == "adm1"}
            countries = {c.country for j, c in named if j != k}
            # "outside Lagos and Portimao": the places of one list are mostly in one country
            siblings = {found[j][2][0].country for j in range(len(found))
                        if j != k and lists[j] == lists[k] and found[j][2]}
            own_holder = Counter({(cands[0].country, normalize_name(cands[0].adm1 or "")): 1}
                                 if cands[0].kind == "city" else {})
            held = holders - own_holder
            regional = _regional(ent)
            best = max(cands, key=lambda c: _score(c, context - own, ent, cands)
                       + (4.0 if (c.country, normalize_name(c.adm1 or "")) in regions else 0.0)
                       + (1.5 if c.country in countries else 0.0)
                       + (2.0 if c.country in siblings else 0.0)
                       + (3.0 if c.kind == "adm1" and held[(c.country, normalize_name(c.name))]
                          else 0.0)
                       + (1.5 if regional and c.kind in ("adm1", "country") else 0.0)
                       - _name_penalty(c.name, ent.text))
            stranger = (best.geonameid is not None or best.kind == "city") and not (
                context - own)[best.country or ""]
            if stranger and (
                    (_feature_word(ent) in SITE_NOUNS and sum(context.values()) > 1)
                    or (best.kind == "city" and best.population < 15_000
                        and self.kb.first(ent.text, ("capital",)) is None
                        and best.country not in named_here.get(ps.sentence.index, set())
                        and named_here.get(ps.sentence.index))):
                # "Tora prison" in a story about Egypt is no site of an Ethiopian town; "the
                # town of Moura" where Malian soldiers killed is no Portuguese village: a
                # town below GeoNames' 15,000 list, in a country neither the article nor its
                # sentence names, is a place we do not know
                chosen.append(None)
                continue
            chosen.append(best)
        for k, (ps, ent, _) in enumerate(found):
            place = self._contained(k, found, chosen)
            if place is None:
                continue
            head = _phrase_head(ent)
            start, end = ps.offset + ent.start_char, ps.offset + ent.end_char
            out.append(PlaceMention(doc.article.body[start:end], start, end, place,
                                    ps.sentence.index, head.i))
        return replace(doc, places=tuple(out))

    def _contained(self, k: int, found: list[tuple[Any, Any, list[GazEntry]]],
                   chosen: list[GazEntry | None]) -> Place | None:
        """The place of the k-th name. A place named as holding it ("the Alhambra in
        Granada", "Koya in the Kurdistan Region", "Evin prison in Tehran") overrules a
        gazetteer match that lies outside it: the name is then a place we do not know inside
        the one we do, and takes its position and precision. A site we cannot find in the
        gazetteer and no place holds lies in the one city its sentence names ("a stabbing
        near New Street station", police in Birmingham)."""
        ps, ent, _ = found[k]
        best = chosen[k]
        holder = _holder(ent, [(j, f[1]) for j, f in enumerate(found)
                               if j != k and f[0] is ps and chosen[j] is not None])
        if holder is not None:
            outer = chosen[holder[0]]
            assert outer is not None
            if (holder[1] or outer.kind in ("adm1", "country")) and (
                    best is None or not _inside(best, outer)):
                return replace(self.place(outer), name=ent.text)
        if best is not None:
            return self.place(best)
        for kind in ("city", "adm1", "country"):  # "Pakistan closed the Torkham crossing"
            around = {(c.country, c.name): c for j, c in enumerate(chosen)
                      if j != k and c is not None and c.kind == kind and found[j][0] is ps}
            if len(around) == 1:
                return replace(self.place(next(iter(around.values()))), name=ent.text)
            if around:
                return None
        return None

    def place(self, entry: GazEntry) -> Place:
        """The record of a gazetteer entry; a country at its geographic centre (the
        gazetteer's point for a country is often its capital region)."""
        place = to_place(entry)
        centre = self.kb.centroids.get(entry.country or "") if entry.kind == "country" else None
        return replace(place, lat=centre[0], lon=centre[1]) if centre else place

    def _candidates(self, text: str) -> list[GazEntry]:
        bare = _POSS_RE.sub("", _DET_RE.sub("", text))  # "New Zealand's"
        saint = _SAINT_RE.sub(lambda m: "Sainte " if m.group(1).lower() == "ste" else
                              "Saint ", bare)
        if saint != bare:  # "St Catherine" is "Saint Catherine"
            return self._candidates(saint) or self._candidates_of(bare)
        return self._candidates_of(bare)

    def _candidates_of(self, bare: str) -> list[GazEntry]:
        extra = self.extra.get(normalize_name(bare))
        if extra:
            # "Darfur", "North Kivu", "Tahrir Square": known to our list of regions and
            # sites the gazetteer lacks or names otherwise
            return extra
        name = REGION_WORDS.sub("", bare)
        if name != bare and normalize_name(name) in self.extra:
            return self.extra[normalize_name(name)]  # "the Transnistria region"
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
            before_place_word = tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and \
                tok.head.lemma_.lower() in PLACE_HEADS  # "on the Ciudad Juarez side"
            if tok.i in covered or tok.pos_ != "PROPN" or (
                    tok.dep_ == "compound" and not before_place_word) or (
                    ps.sentence.index, tok.i) in actor_heads or tok.ent_type_ in (
                    "PERSON", "DATE") or (tok.ent_iob_ == "I" and tok.ent_type_ in NAME_LABELS):
                continue  # "Georgia" in "the University of Georgia" is part of a name
            start = tok.i
            while start > ps.span.start and doc[start - 1].dep_ == "compound" and \
                    doc[start - 1].pos_ == "PROPN":
                start -= 1
            phrase = doc[start:tok.i + 1]
            if any(t.i in covered for t in phrase):
                continue
            slot = tok.head if before_place_word else tok
            head = slot.head
            placed = (slot.dep_ == "pobj" and (head.lower_ in LOCATIVE or (
                head.lower_ == "of" and head.head.lemma_.lower() in PLACE_HEADS)))
            phrase = self._linked_name(phrase)
            cands = self._candidates(phrase.text)
            if not cands or (self.kb.first(phrase.text) is not None and not (
                    placed and (head.lower_ != "of" or _direction(head.head))
                    and self._placename(phrase.text))):
                continue
            own_name = [c for c in cands if normalize_name(c.name) == normalize_name(
                phrase.text)]
            if not own_name and normalize_name(phrase.text) not in self.extra:
                continue  # "on International Women's Day" is no alternate name of Dayton
            big = max(c.population for c in cands) >= 100_000
            known = any(context.get(c.country or "", 0) for c in cands)
            listed = normalize_name(phrase.text) in self.extra  # a region or site we list
            if listed or (placed and (big or known)) or (big and known):
                out.append(phrase)
        return out

    def _linked_name(self, phrase: Any) -> Any:
        """"Rio Grande do Sul", "Mato Grosso do Sul", "Santiago de Compostela": a name
        whose parts are joined by a small word, where the gazetteer knows the whole."""
        doc, end = phrase.doc, phrase.end
        while end + 1 < len(doc) and doc[end].lower_ in LINK_WORDS and \
                doc[end + 1].pos_ == "PROPN":
            stop = end + 2
            while stop < len(doc) and doc[stop].pos_ == "PROPN":
                stop += 1
            if not self._candidates(doc[phrase.start:stop].text):
                break
            end = stop
        return doc[phrase.start:end]

    def _mislabelled(self, ent: Any, ps: Any, actor_heads: set[tuple[int, int]]) -> bool:
        """A lone word the small model calls a person or organisation, that no actor claims
        and the gazetteer knows as a big place: 'shelled areas of Kharkiv'."""
        if ent.label_ not in ("PERSON", "ORG", "NORP", "PRODUCT"):
            return False
        if normalize_name(_DET_RE.sub("", ent.text)) in self.extra and (
                ps.sentence.index, ent.root.i) not in actor_heads:
            return True  # a region or site on our list ("Nagorno-Karabakh")
        head = _list_head(_phrase_head(ent))
        if ((head.dep_ == "pobj" and head.head.lower_ in LOCATIVE) or self._object_place(
                head, actor_heads, ps)) and self._placename(ent.text):
            # "from São Paulo", "in Khan Younis", "warnings in Samoa", "left Niamey": where
            # a place is expected, a place it knows
            return True
        if (ps.sentence.index, ent.root.i) in actor_heads or self.kb.lookup(ent.text):
            return False
        # "in Cox's Bazar, Bangladesh" parsed as a possessive, "over the Belgorod region":
        # a name that is a big place
        return (len(ent) == 1 or ent.label_ != "NORP") and self.gaz.is_major_place(ent.text)

    def _is_actor(self, ent: Any, ps: Any, actor_heads: set[tuple[int, int]]) -> bool:
        root = ent.root
        if backing_word(ent[-1]):
            return True  # "a US-brokered truce", "pro-Russian": no place of the sentence
        if len(ent) == 1 and ent[0].lower_ in DIRECTIONS:
            return True  # "Kenya's Western partners": a direction word alone is no place
        head = _phrase_head(ent)
        if head.dep_ == "appos" and head.head.ent_type_ in PLACE_LABELS:
            return False  # "Kingston, Ontario": the region that places a place
        if _regional(ent) or self._qualified(ent) or self._named_site(ent):
            return False  # "eastern Libya", "San Jose, California" are places, never actors
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head  # "in Chicago and New York": as the first of the list
        if ent.label_ not in PLACE_LABELS or head.i != _phrase_head(ent).i:
            # a name the tagger got wrong, or a later item of a list: an actor only if the
            # actors stage made it one, and never after "in", "to", "near" when the
            # gazetteer knows it and the actor tables know no person or body by that name
            # ("flew police to Noumea", "warnings in Samoa and Fiji")
            if ((head.dep_ == "pobj" and head.head.lower_ in LOCATIVE) or self._object_place(
                    head, actor_heads, ps)) and self._placename(ent.text):
                return False  # "the last troops left Niamey" (tagged a person)
            return (ps.sentence.index, root.i) in actor_heads or (
                ps.sentence.index, _phrase_head(ent).i) in actor_heads
        if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE:
            return False
        if head.dep_ == "pobj" and head.head.lower_ in ("including", "like") and \
                self.kb.first(ent.text, ("country", "capital")) is not None:
            return True  # "partners, including the United States": members of a list of actors
        if head.dep_ == "poss":
            # "Beijing's crackdown" is the government's; "Durban's townships" and "China's
            # far-western Xinjiang region" are a place
            if head.head.lemma_.lower() in PLACE_HEADS:
                return False
            # "Spain's weather agency", "Nigeria's commercial hub" name the country; a
            # capital's ("Tehran's ambassador") is its government's
            return self.kb.first(ent.text, ("country",)) is None and \
                self.kb.first(ent.text, ("capital",)) is not None
        if head.dep_ in ("compound", "amod") and head.head.ent_type_ not in PLACE_LABELS:
            # "US President", "the Beijing Olympics" modify an actor or a name, not a place;
            # "Tashkent airport", "Gaza border" name where
            noun = head.head
            return (noun.ent_type_ != "" or noun.pos_ == "PROPN"
                    or self.kb.first(noun.text, ("sector",)) is not None
                    or self.kb.first(noun.lemma_, ("sector",)) is not None)
        if self._object_place(head, actor_heads, ps):
            return False  # "trucks entered Gaza", "rising floods threatened Wuhan"
        return root.dep_ in ACTOR_DEPS or head.dep_ in ACTOR_DEPS

    @staticmethod
    def _object_place(head: Any, actor_heads: set[tuple[int, int]], ps: Any) -> bool:
        """The object of a verb of going, leaving or striking a place ("entered Gaza",
        "left Niamey"), or of any verb whose subject is a thing, not an actor ("floods hit
        eastern Libya", "a power outage hit San Jose")."""
        if head.dep_ != "dobj":
            return False
        verb = head.head
        if verb.lemma_.lower() in PLACE_OBJECT_VERBS:
            return True
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        return bool(subjects) and all(
            s.pos_ == "NOUN" and (ps.sentence.index, s.i) not in actor_heads
            for s in subjects)

    def _qualified(self, ent: Any) -> bool:
        """"San Jose, California": a name followed by a region or country holding a place
        of that name."""
        doc = ent.doc
        if ent.end + 1 >= len(doc) or doc[ent.end].text != "," or \
                doc[ent.end + 1].ent_type_ not in ("GPE", "LOC") or \
                doc[ent.end + 1].ent_iob_ != "B":
            return False
        nxt = next((e for e in doc.ents if e.start == ent.end + 1), None)
        if nxt is None:
            return False
        outer = [c for c in self._candidates(nxt.text) if c.kind in ("adm1", "country")]
        return any(c.country == o.country and (o.kind == "country" or normalize_name(
            c.adm1 or "") == normalize_name(o.name)) for c in self._candidates(ent.text)
            for o in outer)

    def _named_site(self, ent: Any) -> bool:
        """"the Three Gorges Dam", "the Bridge of the Americas", "Istiklal Avenue": a name
        the tagger calls an organisation whose head is a word for a built place (but not for
        an institution: "the University of Georgia" acts as a body)."""
        if ent.label_ not in ("ORG", "PRODUCT", "FAC"):
            return False
        return _phrase_head(ent).lemma_.lower() in BUILT_SITES and \
            self.kb.first(ent.text) is None

    def _placename(self, text: str) -> bool:
        """The gazetteer knows the name and the actor tables know it, if at all, only as a
        country or capital."""
        return bool(self._candidates(text)) and all(
            e.kind in ("country", "capital") for e in self.kb.lookup(text))

    def _features(self, ps: Any, spans: list[Any]) -> list[Any]:
        """Names the tagger missed before a region or site word: "the Donetsk region",
        "Evin prison", "the Shambhu border crossing"."""
        covered = {t.i for sp in spans for t in sp}
        out = []
        for tok in ps.span:
            word = tok.lemma_.lower()
            if tok.pos_ != "NOUN" or tok.i in covered or not (
                    word in SITE_NOUNS or word in REGION_NOUNS):
                continue
            start = tok.i
            while start > ps.span.start and ps.span.doc[start - 1].dep_ == "compound" and \
                    ps.span.doc[start - 1].head.i in range(start, tok.i + 1):
                start -= 1
            names = [t for t in ps.span.doc[start:tok.i] if t.pos_ == "PROPN"]
            if not names or any(t.i in covered for t in ps.span.doc[start:tok.i]) or \
                    names[0].i != start or names[0].ent_type_ in ("PERSON", "NORP"):
                continue
            phrase = ps.span.doc[start:tok.i + 1]
            if word in REGION_NOUNS and not self._candidates(phrase.text):
                continue
            if word in SITE_NOUNS and self.kb.first(phrase.text) is not None:
                continue
            out.append(phrase)
        return out


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


PLACE_HEADS = {"parish", "canton", "emirate", "region", "province", "coast", "border", "city",
               "capital", "town", "village", "territory", "waters", "airspace", "north", "south",
               "east", "west", "state",
               "district", "county", "island", "islands", "port", "outskirts", "countryside",
               "mountains", "desert", "heartland", "part", "area", "enclave", "strait",
               "soil", "side", "interior", "frontier", "neighbourhood", "suburb", "municipality"}


# a country or city that is the object of these is the place of the act ("entered Gaza")
PLACE_OBJECT_VERBS = {"enter", "leave", "visit", "tour", "reach", "cross", "flee", "shake",
                      "rock", "batter", "flood", "buy", "annex", "invade", "occupy", "evacuate",
                      "traverse", "roam", "overrun"}
SITE_NOUNS = BUILT_SITES | {"university", "hospital", "mosque", "church", "cathedral",
                            "temple", "synagogue", "embassy", "consulate", "field", "centre",
                            "center", "facility", "complex", "compound"}
REGION_NOUNS = {"region", "province", "state", "county", "district", "governorate", "oblast",
                "prefecture", "municipality", "department", "territory"}
LINK_WORDS = {"do", "da", "de", "dos", "das", "del", "di", "des", "la", "el", "al"}
DIRECTIONS = {"eastern", "western", "northern", "southern", "central", "north", "south",
              "east", "west", "northeastern", "northwestern", "southeastern", "southwestern",
              "north-eastern", "north-western", "south-eastern", "south-western", "upstate",
              "far-western", "far-eastern"}


class _Named:
    """A name as the tagger found it, possibly made longer ("San Antonio del Tachira"): the
    span with the tagger's label."""

    def __init__(self, span: Any, label: str) -> None:
        self.span, self.label_ = span, label

    def __getattr__(self, name: str) -> Any:
        return getattr(self.span, name)

    def __getitem__(self, i: Any) -> Any:
        return self.span[i]

    def __iter__(self) -> Any:
        return iter(self.span)

    def __len__(self) -> int:
        return len(self.span)


def _name_penalty(name: str, text: str) -> float:
    """How far a candidate's own name is from the name in the text, 0 to 2: none for the
    same name or one it begins as a word ("Kharkiv Oblast"), little for a spelling
    ("Slovyansk" for "Sloviansk"), most for an alternate name of another place (GeoNames
    lists "Slovyansk" among Nikopol's)."""
    own, said = normalize_name(name), normalize_name(text)
    if own == said or own.startswith(said + " "):
        return 0.0
    ratio = SequenceMatcher(None, own, said).ratio()
    return 2.0 * (1.0 - ratio) if ratio >= 0.8 else 2.0


def _feature_word(ent: Any) -> str:
    return str(ent[-1].lemma_.lower()) if len(ent) > 1 else ""


def _with_feature(ent: Any) -> Any:
    """"New Street" before "station", "Rakhine" before "state": the name with its word."""
    doc, end = ent.doc, ent.end
    while end < len(doc) and doc[end - 1].dep_ == "compound" and \
            doc[end - 1].head.i >= end and doc[end].pos_ in ("NOUN", "PROPN") and \
            doc[end].lemma_.lower() in SITE_NOUNS | REGION_NOUNS | {"border"}:
        end += 1
    if end == ent.end:
        # "the Safi detention centre": through plain nouns to a site word
        head = doc[end - 1]
        while head.dep_ == "compound" and head.head.i > head.i and \
                head.head.pos_ == "NOUN" and head.head.i - ent.end < 3:
            head = head.head
        if head.i >= end and head.lemma_.lower() in SITE_NOUNS and all(
                t.dep_ in ("compound", "amod") and t.pos_ == "NOUN"
                for t in doc[end:head.i]):
            end = head.i + 1
    if end == ent.end or doc[end - 1].lemma_.lower() == "border":
        return ent
    return doc[ent.start:end]


def _list_head(tok: Any) -> Any:
    """The first item of the list a name is in ("in Chicago and New York")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _direction(tok: Any) -> bool:
    """"north-west of", "east of": a compass word."""
    return any(part in DIRECTIONS for part in tok.lower_.split("-"))


def _regional(ent: Any) -> bool:
    """"eastern Washington", "southern Spain": a direction word names part of a region."""
    head = _phrase_head(ent)
    return any(c.dep_ == "amod" and c.lower_ in DIRECTIONS for c in head.children) or (
        ent.start > 0 and ent.doc[ent.start - 1].lower_ in DIRECTIONS)


def _holder(ent: Any, others: list[tuple[int, Any]]) -> tuple[int, bool] | None:
    """The place named as holding a name: "X in Y" with "in" on X (True), or the name
    right after a comma ("X, Y"; False: it holds X only if it is a region or country)."""
    head = _phrase_head(ent)
    by_head = {_phrase_head(o).i: j for j, o in others}
    doc = ent.doc
    # "in" on the name, or right after it wherever the parser hung it ("bases near Koya in
    # the Kurdistan Region", "attacked the town of Palma in Cabo Delgado")
    after = [doc[k] for k in (ent.end, ent.end + 1) if k < len(doc) and doc[k].dep_ == "prep"
             and (k == ent.end or doc[ent.end].text == ",")]  # "Tripoli, in northern Lebanon"
    for prep in [*head.children, *after]:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "inside", "within"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.i in by_head:
                    return by_head[obj.i], True
    if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
        for j, o in others:
            if o.start == ent.end + 1 and not (
                    o.end < len(doc) and doc[o.end].tag_ == "POS"):
                # not "Niger, Nigeria's foreign ministry said": a possessor begins a clause
                return j, False
    return None


def _inside(c: GazEntry, outer: GazEntry) -> bool:
    if c.country != outer.country:
        return False
    if outer.kind == "country" or c is outer:
        return True
    if None in (c.lat, c.lon, outer.lat, outer.lon):
        return True  # nothing to measure: trust the gazetteer
    near = haversine_km(c.lat, c.lon, outer.lat, outer.lon)  # type: ignore[arg-type]
    if outer.kind == "adm1":  # "Xinjiang" holds Urumqi of "Xinjiang Uygur Autonomous Region"
        inner_region, outer_region = normalize_name(c.adm1 or ""), normalize_name(outer.name)
        return near < 250 or bool(inner_region) and (
            inner_region.startswith(outer_region) or outer_region.startswith(inner_region))
    return near < 60


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
    # "neighbouring Niger": a neighbour is a country, not the home region of that name
    prev = ent.doc[ent.start - 1] if ent.start > 0 else None
    if prev is not None and prev.lower_ in ("neighbouring", "neighboring") and c.kind == "country":
        near += 3.0
    return kind + pop + ctx + near

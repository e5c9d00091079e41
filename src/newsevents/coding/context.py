"""The actors of one sentence as the coding stage sees them.

Beyond the actors stage's mentions, coding uses the sentence itself: an object
that is no actor may hold one ("condemned Israel's decision"), a place may be
the target ("air strikes on a town near Tyre" hit that country's civilians),
and an actor without a country takes the country of the place where the event
happened, or of the state actor that acts on it at home.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from newsevents.actors.kb import KnowledgeBase
from newsevents.actors.resolve import STATE_SECTORS, compose_code, make_actor
from newsevents.coding.syntax import with_conjuncts
from newsevents.parse import backing_word
from newsevents.records import Actor, ActorMention, Document

TRANSNATIONAL = {"IGO", "NGO"}
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "into", "on"}
PLACE_NOUNS = {"city", "town", "village", "region", "province", "capital", "district", "state",
               "border", "camp", "port", "county", "area", "territory", "island", "coast"}
DOMESTIC_ROOTS = {"14", "17", "18", "19", "20"}


class SentenceActors:
    def __init__(self, doc: Document, ps: Any, kb: KnowledgeBase) -> None:
        self.idx = ps.sentence.index
        self.tokens = list(ps.span)
        self.kb = kb
        self.by_token: dict[int, ActorMention] = {
            m.head: m for m in doc.actors if m.sentence_index == self.idx}
        self.places = {p.head: p for p in doc.places if p.sentence_index == self.idx}
        # heads whose country is only the article's main country, a guess the event's own
        # place overrides ("police detained 40 in Minsk" in an article about Turkey)
        self.guessed = {m.head for m in doc.actors if m.sentence_index == self.idx
                        and "main country" in m.why}

    def at(self, tok: Any | None, place_country: str | None = None) -> list[Actor]:
        """Actors at a token and the tokens coordinated with it."""
        if tok is None:
            return []
        out = []
        heads = with_conjuncts(tok)
        # "the Colombian government and ELN rebels" parsed with "government and ELN" as a
        # modifier of "rebels": the coordinated modifier is an actor of its own
        heads += [c for t in list(heads) for c in t.children if c.dep_ == "nmod"
                  and c.i in self.by_token and any(k.dep_ == "cc" for k in c.children)]
        for t in heads:
            if t.i in self.by_token:
                actor = self._placed(t.i, self.by_token[t.i].actor, place_country)
                out.append(actor)
                out.extend(self._coordinated_nationalities(t, actor))
        return out

    def _placed(self, i: int, actor: Actor, place_country: str | None) -> Actor:
        """An actor whose country was only a guess takes the country where the event
        happened."""
        if i in self.guessed and place_country and actor.country != place_country and not (
                EXILE_WORDS & set(actor.text.lower().split())):  # an exile abroad
            return replace(actor, country=place_country, code=compose_code(
                place_country, actor.sector, actor.groups))
        return actor

    def _coordinated_nationalities(self, head: Any, actor: Actor) -> list[Actor]:
        """"Polish and Lithuanian troops", "the presidents of Kenya and Uganda", "diplomats
        from Brazil and South Africa": one actor per country."""
        words = []
        for mod in head.children:
            if mod.dep_ == "amod":
                words += [c for c in mod.children if c.dep_ == "conj"]
            elif mod.dep_ == "prep" and mod.lower_ in ("of", "from"):
                for pobj in mod.children:
                    if pobj.dep_ == "pobj":
                        words += [c for c in pobj.children if c.dep_ == "conj"]
        out = []
        for c in words:
            name = c.doc[c.left_edge.i:c.i + 1].text  # "South Africa", not "Africa"
            e = self.kb.first(name, ("adjective", "country", "capital")) or self.kb.first(
                c.text, ("adjective", "country", "capital"))
            if e is not None and e.country and e.country != actor.country:
                out.append(replace(actor, country=e.country, code=compose_code(
                    e.country, actor.sector, actor.groups)))
        return out

    def locative_country(self) -> str | None:
        """A place the gazetteer missed but a nationality word names: "in the Ethiopian
        city of Axum", "near a Syrian village"."""
        for t in self.tokens:
            if (t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS
                    and t.lemma_.lower() in PLACE_NOUNS):
                for c in t.children:
                    if c.dep_ in ("amod", "compound"):
                        e = self.kb.first(c.text, ("adjective", "country"))
                        if e is not None and e.country:
                            return e.country
        return None

    def is_actor(self, tok: Any) -> bool:
        return tok.i in self.by_token

    def within(self, tok: Any, besides: Actor | None = None, pronouns: bool = True,
               place_country: str | None = None) -> Actor | None:
        """The first actor inside a phrase that is no actor itself, named ones before
        pronouns ("its border with Armenia"), and never the one acting (``besides``);
        without ``pronouns`` a possessive pronoun does not count ("its partners" are not
        the ones it stands for)."""
        found = [self.by_token[t.i] for t in tok.subtree
                 if t.i != tok.i and t.i in self.by_token
                 and (pronouns or t.pos_ != "PRON")]
        found = [m for m in found if besides is None or not m.actor.same_entity(besides)]
        # the phrase's own possessor first ("support its reconstruction plan for Gaza": the
        # plan's owner), then named ones; other pronouns and "the country's" last ("its
        # border with Armenia", "the country's border with Guyana")
        owner = {c.i for c in tok.children if c.dep_ == "poss" and not (
            besides is not None and c.i in self.by_token
            and self.by_token[c.i].actor.country == besides.country)}
        found.sort(key=lambda m: (m.head not in owner,
                                  m.why.startswith(("pronoun", "'the country'"))))
        return self._placed(found[0].head, found[0].actor, place_country) if found else None

    def place_country(self, tok: Any) -> str | None:
        """The country of a place named in a phrase ("a village near Kismayo")."""
        for t in tok.subtree:
            if t.i in self.places and self.places[t.i].place.country:
                return self.places[t.i].place.country
            if t.dep_ in ("amod", "compound") and t.pos_ in ("ADJ", "PROPN") and \
                    not backing_word(t):
                e = self.kb.first(t.text, ("adjective", "country"))
                if e is not None and e.country:
                    return e.country
        return None

    def wider_targets(self, heads: list[Any], root: str, source: Actor | None,
                      skip: set[int]) -> list[Actor]:
        """When the slots hold no one: the first actor in the event's own phrase that is
        not the source ("pledged to boost investment in Indonesia's new capital"; both of
        "offered to mediate between Russia and Ukraine"), else the country of a place it is
        done to ("airlifted rations to villages in southern Madagascar"); none may be
        found."""
        tokens: list[Any] = []
        for h in heads:
            tokens += [t for t in phrase_tokens(h, skip) if t not in tokens]
        if root == "13":
            # "threatened to take measures if Finland joined NATO": the one who must comply
            for t in [*heads, *tokens]:
                for cl in t.children:
                    if cl.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in (
                            "if", "unless", "should") for c in cl.children):
                        tokens += [s for c in cl.children if c.dep_ == "nsubj"
                                   for s in c.subtree if s not in tokens]
        head_ids = {h.i for h in heads}
        for t in tokens:
            m = self.by_token.get(t.i)
            if m is None or t.i in head_ids or m.actor.sector == "UNK" or (
                    m.why.startswith("pronoun") and source is not None
                    and m.actor.same_entity(source)):
                continue  # not the event noun itself ("issued a joint statement")
            if source is not None and (m.actor.same_entity(source) or (
                    m.actor.code is not None and m.actor.code == source.code)):
                continue
            if source is not None and m.actor.sector in ("MIL", "COP") and (
                    m.actor.country in (None, source.country)):
                continue  # "offered to send 1,000 police officers": its own force
            if t.dep_ == "pobj" and t.head.lower_ == "between":
                # "to mediate between Russia and Ukraine": both
                both = [a for a in self.at(t) if source is None or not a.same_entity(source)]
                if len(both) > 1:
                    return both
            return [m.actor]
        if source is None:
            return []  # "killed in an air strike in Lebanon": a place, no one acting on it
        for t in tokens:
            # "opened fire on Azerbaijani positions": the nation of the thing acted on
            if not _under_prep(t, DESTINATION_PREPS, heads) and root not in DOMESTIC_ROOTS:
                continue
            nation = self.nationality(t, _place_sector(root))
            if nation is not None and nation.country != source.country:
                return [nation]
        for t in tokens:
            place = self.places.get(t.i)
            if place is None or not place.place.country:
                continue
            if not _under_prep(t, DESTINATION_PREPS, heads) and root not in DOMESTIC_ROOTS:
                continue  # "an agreement signed in Paris", "met in Almaty": not with France
            country = place.place.country
            if source.country == country and root not in DOMESTIC_ROOTS:
                continue
            return [make_actor(t.text, None, country, _place_sector(root))]
        return []

    def members(self, tok: Any) -> list[Actor]:
        """The actors a noun lists: "partners, including the United States and Britain",
        "donors such as Japan"."""
        out: list[Actor] = []
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("including", "like", "as"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        out.extend(self.at(obj))
        return out

    def modifier_org(self, tok: Any, direct: bool = False) -> Actor | None:
        """An organisation named in a modifier: "PKK positions", "a United Nations inquiry";
        ``direct``: only a modifier of ``tok`` itself."""
        for t in (tok.children if direct else tok.subtree):
            if t.dep_ in ("compound", "amod"):
                # "European Union", not "Union"; "Security Council" in "a draft Security
                # Council resolution": the longest name ending at the modifier
                org = next((o for o in (self.kb.first(t.doc[i:t.i + 1].text, ("org",))
                                        for i in range(t.left_edge.i, t.i + 1))
                            if o is not None), None)
                if org is not None and org.code and not org.dated:
                    return make_actor(t.text, org.name, org.country, org.sector, code=org.code)
        return None

    def modifier_sector(self, tok: Any) -> Actor | None:
        """A role word modifying the thing acted on: "rejected opposition calls", "a
        government proposal was rejected" (its country comes later, from the place or the
        state facing it)."""
        for t in tok.children:
            if t.dep_ in ("compound", "amod") and t.i not in self.by_token:
                e = self.kb.first(t.text, ("sector",)) or self.kb.first(t.lemma_, ("sector",))
                if e is not None and e.sector == "BUS" and t.pos_ == "ADJ":
                    continue  # "a multinational force" is no company's
                if e is not None and e.sector and e.sector not in TRANSNATIONAL:
                    return make_actor(t.text, None, None, e.sector)
        return None

    def nationality(self, tok: Any, sector: str = "GOV") -> Actor | None:
        """The state a nationality word on ``tok`` names ("Israeli strikes", "a
        Liberian-flagged tanker")."""
        words = [c for t in tok.children if t.dep_ in ("amod", "compound")
                 for c in (t, *(g for g in t.children if g.dep_ == "npadvmod"))]
        for t in words:
            if t.dep_ in ("amod", "compound", "npadvmod") and t.i not in self.by_token and \
                    not backing_word(t):
                e = self.kb.first(t.text, ("adjective", "country"))
                if e is not None and e.country:
                    return make_actor(t.text, None, e.country, sector)
        return None

    def target_fallback(self, tok: Any | None, root: str, source: Actor | None = None,
                        place_country: str | None = None) -> Actor | None:
        """An object that is no actor: an actor inside it, else an organisation naming it
        ("PKK positions"), else the people (or, for diplomacy, the government) of the place
        it names, with the sector a modifier gives ("a police checkpoint in Mogadishu")."""
        if tok is None:
            return None
        if root not in DOMESTIC_ROOTS:
            # "condemned Israeli strikes", "rejected a German request to re-export Swiss-made
            # ammunition": the nation of the thing acted on, before any inside it
            nation = self.nationality(tok)
            if nation is not None and not (source and nation.country == source.country):
                return nation
        # "strikes on PKK positions in the mountains of northern Iraq": an organisation
        # named on the thing itself comes before anyone further inside the phrase
        inner = self.modifier_org(tok, direct=True) or self.within(
            tok, besides=source, place_country=place_country) or self.modifier_org(
            tok) or self.modifier_sector(tok)
        if inner is not None:
            return inner
        if root in DOMESTIC_ROOTS:
            # "opened fire on Azerbaijani positions": the nation of the thing acted on
            nation = self.nationality(tok, _place_sector(root))
            if nation is not None and not (source and nation.country == source.country):
                return nation
        if root not in DOMESTIC_ROOTS | PLACE_TARGET_ROOTS:
            return None  # "an agreement on rail links in Paris" is not with Paris
        country = self.place_country(tok)
        if country is None or (root == "15" and source is not None
                               and source.country == country):
            return None  # "police stepped up security around the palace": at home, no one
        sector = _place_sector(root)
        for t in tok.subtree:
            if t.dep_ in ("compound", "amod") or t.i == tok.i:
                e = self.kb.first(t.text, ("sector",)) or self.kb.first(t.lemma_, ("sector",))
                if e is not None and e.sector:
                    sector = e.sector
                    break
        return make_actor(tok.text, None, country, sector)


# visits, deployments, withdrawals: a destination; statements: what they are about ("a
# statement on the transition in Niger")
PLACE_TARGET_ROOTS = {"01", "03", "04", "08", "15"}
# dependents of a trigger that are not part of the event's own phrase
OUTSIDE_PHRASE = {"nsubj", "nsubjpass", "csubj", "csubjpass", "agent", "advcl", "relcl", "ccomp",
                  "parataxis", "punct", "mark", "aux", "auxpass", "neg", "conj", "cc", "appos",
                  "npadvmod", "poss"}
# prepositions that lead to whom an act is done, and to a place as its destination
TARGET_PREPS = {"to", "with", "for", "against", "on", "into", "from", "between", "toward",
                "towards", "over", "in", "at", "upon", "among", "as", "out", "of"}
DESTINATION_PREPS = {"to", "into", "for", "toward", "towards", "between", "against", "on", "from"}


def phrase_tokens(head: Any, skip: set[int]) -> list[Any]:
    """The tokens of an event's own phrase under ``head``: its objects, prepositional
    phrases and complements, never its subject, a "by" agent or another clause."""
    out: list[Any] = []
    stack = [c for c in head.children if c.dep_ not in OUTSIDE_PHRASE and c.i not in skip]
    while stack:
        t = stack.pop()
        if t.ent_type_ in ("DATE", "TIME") or t.i in skip:
            continue
        if t.dep_ == "prep" and t.lower_ not in TARGET_PREPS:
            continue  # "after", "despite", "during": circumstances, not participants
        out.append(t)
        stack.extend(c for c in t.children
                     if c.dep_ not in ("relcl", "advcl", "ccomp", "parataxis", "punct", "appos"))
    return sorted(out, key=lambda t: t.i)


EXILE_WORDS = {"exiled", "exile", "émigré", "emigre", "expatriate"}


def localize(actor: Actor | None, place_country: str | None, other: Actor | None
             ) -> Actor | None:
    """Give a country-less actor the country where the event happened, or else the country
    of the state actor it faces: police question "former prime minister X", prosecutors
    charge "executives", a minister demands that "students" end a blockade. A state acts
    on people of another country only where the text says so, and then they have one."""
    if actor is None or actor.country or (actor.sector in TRANSNATIONAL and (
            actor.name or actor.sector == "IGO")) or (
            actor.sector is None and not actor.groups):
        return actor
    country = place_country
    if country is None and other is not None and other.sector in STATE_SECTORS:
        country = other.country
    if EXILE_WORDS & set(actor.text.lower().split()):
        # "exiled opposition politician X" in Berlin is no German: the state he faces
        country = other.country if other is not None and other.sector in STATE_SECTORS else None
    if country is None:
        return actor
    return replace(actor, country=country,
                   code=compose_code(country, actor.sector, actor.groups))


def _place_sector(root: str) -> str:
    """Who a place stands for as a target: its people, when force or coercion is used on it
    ("shelled villages in Kherson"); its state, for a protest made there or diplomacy."""
    return "CVL" if root in DOMESTIC_ROOTS - {"14"} else "GOV"


def _under_prep(tok: Any, preps: set[str], heads: list[Any]) -> bool:
    """Whether ``tok`` hangs below one of ``preps`` on its way up to one of ``heads``
    ("on the sidelines of a summit in Astana" leads to no one)."""
    stop = {h.i for h in heads}
    up = tok
    while up.i not in stop and up.head.i != up.i:
        if up.dep_ == "prep" and up.lower_ in preps:
            obj = next((c for c in up.children if c.dep_ == "pobj"), None)
            return obj is None or obj.lemma_.lower() not in SETTING_NOUNS
        up = up.head
    return False


SETTING_NOUNS = {"sideline", "sidelines", "margin", "margins", "eve", "occasion", "edge",
                 "outskirts", "basis", "behalf"}

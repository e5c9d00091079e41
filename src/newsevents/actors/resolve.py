"""Actor resolution: the actors stage. Noun phrases to coded actors, in document context.

For each noun-phrase head of each sentence, in reading order, the resolver
combines what the phrase says (names, titles, nationality words, sector words,
possessives, appositives) with what the document said before (surname links,
pronouns, definite descriptions such as "the report", and a lead's indefinite
description that the next sentence names). Nothing is guessed from nothing:
a phrase with no known part is not an actor.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from newsevents.actors.kb import Entry, KnowledgeBase
from newsevents.parse import backing_word, stray_subject
from newsevents.records import Actor, ActorMention, Document

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
RELATIVE = {"who", "whom", "whose", "which", "that"}
QUANTIFIERS = {"many", "some", "most", "several", "dozens", "hundreds", "thousands", "all",
               "scores", "millions", "members", "number", "one", "two", "three", "four", "five",
               "majority", "none", "few", "each", "both", "any", "tens", "rest"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod", "poss", "nummod", "det"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# after these a capital is a place; after "to" it may be the addressee ("appealed to Seoul")
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "from",
                  "through", "throughout", "within"}
NAMED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# where an unknown capitalised word can be a person's name ("Kharkiv" in "areas of Kharkiv"
# cannot; "Quispe said" can)
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "appos", "conj", "poss", "attr", "agent",
                 "ROOT"}
# "workers at Argentina's state oil company", "residents of Gaza": where a group belongs
STATE_OF = {"emergency", "siege", "war", "alert", "readiness", "mourning", "disaster",
            "exception", "play", "affairs", "union"}
# organisations that "the <noun>" can point back to, by the kinds it fits
ORG_SECTORS = {"IGO", "NGO", "REB", "PTY", "BUS", "MED", "LAB", "OPP", "CRM"}
ORG_NOUNS = {"alliance": {"IGO"}, "bloc": {"IGO"}, "organisation": {"IGO", "NGO"},
             "organization": {"IGO", "NGO"}, "agency": {"IGO", "NGO"},
             "commission": {"IGO"}, "group": {"REB", "NGO", "OPP", "PTY", "CRM", "BUS"},
             "movement": {"REB", "OPP", "PTY"}, "militia": {"REB"}, "company": {"BUS"},
             "firm": {"BUS"}, "corporation": {"BUS"}, "party": {"PTY"}, "union": {"LAB"},
             "charity": {"NGO"}, "mission": {"IGO"}, "network": {"MED"},
             "broadcaster": {"MED"}, "newspaper": {"MED"}}
PEOPLE_SECTORS = {"CVL", "HLH"}  # residents, families, medics: of the place they are in
# roles that take the sector of the body they belong to ("the army's spokesman": MIL)
GENERIC_ROLES = {"spokesman", "spokeswoman", "spokesperson", "commissioner", "chief", "head",
                 "official", "leader", "commander", "director", "secretary", "representative",
                 "member", "officer", "delegate", "delegation", "boss", "chairman",
                 "chairwoman", "chair", "president", "secretary-general"}
# documents that speak for the body named on them ("an Amnesty International report")
DOCUMENT_HEADS = {"report", "statement", "study", "survey", "assessment", "investigation",
                  "inquiry", "review", "audit", "analysis"}
# sectors whose actors belong to a country even when the phrase names none
CONTEXT_SECTORS = STATE_SECTORS | {"OPP", "CVL", "REB", "HLH", "EDU", "LAB", "BUS", "JRN", "MED",
                                   "REL", "PTY", "ELI", "CRM", "AGR"}
FROM_SENDERS = {"request", "demand", "call", "offer", "appeal", "proposal", "pressure",
                "criticism", "complaint", "protest", "message", "letter", "invitation",
                "support", "aid", "help", "warning", "threat", "apology", "order", "response",
                "delegation", "envoy", "ultimatum", "condemnation", "praise", "plea"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast",
              "southwest", "outskirts", "edge", "centre", "center", "heart"}
PLACE_NOUNS = {"city", "town", "village", "capital", "port", "province", "region", "district",
               "island", "outskirts", "suburb", "centre", "center", "heart"}
BELONGING_PREPS = {"of", "at", "from", "in", "across", "throughout"}


AFFILIATION_VERBS = {"link", "tie", "affiliate", "connect", "associate", "align", "ally"}


def _affiliate(mentions: list[ActorMention], idx: int, span: Any) -> None:
    """"Hackers linked to Russian military intelligence", "militants affiliated with the
    Islamic State": an unnamed group whose country was only guessed takes the country of
    the one it is tied to, and acts for it when that is a state body."""
    here = {m.head: k for k, m in enumerate(mentions) if m.sentence_index == idx}
    doc = span.doc
    for head, k in here.items():
        m = mentions[k]
        if m.actor.name or (m.actor.country and "main country" not in m.why):
            continue
        tok = doc[head]
        # also "Hackers linked to X carried out ...", parsed with "linked" as the main verb
        ties = [c for c in tok.children if c.dep_ == "acl"] + (
            [tok.head] if tok.dep_ == "nsubj" and tok.head.tag_ in ("VBN", "VBD")
            and not any(c.dep_ == "dobj" for c in tok.head.children) else [])
        for acl in ties:
            if acl.lemma_.lower() not in AFFILIATION_VERBS:
                continue
            for prep in acl.children:
                objs = [o for o in prep.children if o.dep_ == "pobj" and o.i in here]
                if prep.dep_ != "prep" or prep.lower_ not in ("to", "with") or not objs:
                    continue
                tie = mentions[here[objs[0].i]].actor
                if not tie.country:
                    continue
                sector = tie.sector if tie.sector in STATE_SECTORS else m.actor.sector
                actor = replace(m.actor, country=tie.country, sector=sector,
                                code=compose_code(tie.country, sector, m.actor.groups))
                mentions[k] = replace(m, actor=actor,
                                      why=f"{acl.text} {prep.text} '{tie.text}'")


def compose_code(country: str | None, sector: str | None, groups: tuple[str, ...]) -> str | None:
    parts = [p for p in (country, *groups, sector) if p]
    return "".join(parts) or None


def span_start(core: list[Any], tok: Any) -> int:
    return min([int(t.i) for t in core] + [int(tok.i)])


def split_code(code: str) -> tuple[str | None, str | None, tuple[str, ...]]:
    """Country, sector and groups of an actor code: "GBRGOV", "SYRKURREB", "IGOUNO", "UKR"."""
    if code[:3] in ("IGO", "NGO", "ELI"):
        return None, code[:3], ()
    if len(code) <= 3:
        return code, None, ()
    return code[:3], code[-3:], tuple(code[i:i + 3] for i in range(3, len(code) - 3, 3))


def make_actor(text: str, name: str | None, country: str | None, sector: str | None,
               groups: tuple[str, ...] = (), code: str | None = None) -> Actor:
    return Actor(text=text, name=name, code=code or compose_code(country, sector, groups),
                 country=country, sector=sector, groups=groups)


@dataclass
class Discourse:
    """What the document has said so far, for links across sentences."""

    names: dict[str, Actor] = field(default_factory=dict)  # full names and surnames
    descriptions: dict[str, Actor] = field(default_factory=dict)  # head lemma -> first actor
    last_person: Actor | None = None
    persons: list[tuple[Actor, bool]] = field(default_factory=list)  # (person, was subject)
    last_thing: Actor | None = None
    last_subject_thing: Actor | None = None  # the last state or body that was a subject
    last_plural: Actor | None = None  # the last plural subject, for "they"
    plurals: list[Actor] = field(default_factory=list)  # every plural, most recent last
    resolved: dict[int, Actor] = field(default_factory=dict)  # token -> actor, this document
    pending: tuple[Actor, int] | None = None  # a lead's unnamed "an exiled activist"
    orgs: list[Actor] = field(default_factory=list)  # named organisations, most recent last
    salient_country: str | None = None
    sentence_countries: dict[int, str] = field(default_factory=dict)  # the one a sentence names
    sentence_places: dict[int, str] = field(default_factory=dict)  # the country of its one place
    sentence: int = 0  # the sentence being resolved
    date: str | None = None  # the article's date: dictionary actors' codes depend on it


class ActorResolver:
    """The actors stage."""

    name = "actors"
    requires: tuple[str, ...] = ("parsed",)
    provides: tuple[str, ...] = ("actors",)

    def __init__(self, kb: KnowledgeBase,
                 is_place: Callable[[str], bool] = lambda name: False,
                 place_country: Callable[[str], str | None] = lambda name: None) -> None:
        self.kb = kb
        self.is_place = is_place
        self.place_country = place_country  # a big city's or region's country (gazetteer)
        self._doc_text: tuple[Any, str] = (None, "")

    # -- the stage -------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        parsed = doc.parsed
        salient, per_sentence, places = self._salient_country(parsed)
        ctx = Discourse(salient_country=salient, sentence_countries=per_sentence,
                        sentence_places=places, date=doc.article.published)
        mentions: list[ActorMention] = []
        seen_ents: set[tuple[int, int]] = set()
        for ps in parsed.sentences:
            idx = ps.sentence.index
            ctx.sentence = idx
            for tok in ps.span:
                if not self._is_head(tok) or backing_word(tok):
                    continue  # the backer of "US-brokered" is no actor of the sentence
                ent = self._entity_span(tok)
                if ent is not None and len(ent) > 1:
                    # "Bashar al-Assad" cut into several heads: one mention, at the name's
                    # root when that can head a mention
                    if (ent.start, ent.end) in seen_ents or (
                            tok.i != ent.root.i and self._is_head(ent.root)):
                        continue
                    seen_ents.add((ent.start, ent.end))
                found = self.resolve(tok, ctx, idx)
                if found is None:
                    continue
                actor, why, (s, e) = found
                start, end = ps.offset + s, ps.offset + e
                mentions.append(ActorMention(
                    text=doc.article.body[start:end], start=start, end=end, actor=actor,
                    sentence_index=idx, head=tok.i, why=why))
            _affiliate(mentions, idx, ps.span)
        return replace(doc, actors=tuple(mentions))

    @staticmethod
    def _is_head(tok: Any) -> bool:
        if tok.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.dep_ not in ("compound", "amod", "nummod", "det")
        if tok.pos_ == "VERB" and tok.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "dative"):
            return True  # a noun the tagger took for a verb ("with EU envoys")
        return tok.lower_ in QUANTIFIERS and tok.dep_ not in ("det", "amod", "nummod")

    def _salient_country(self, parsed: Any
                         ) -> tuple[str | None, dict[int, str], dict[int, str]]:
        """The country the document names most, and for each sentence the one country it
        names most when that one leads alone: where a role word with no country of its own
        ("police", "demonstrators") most likely belongs."""
        counts: Counter[str] = Counter()
        per_sentence: dict[int, str] = {}
        sentence_places: dict[int, str] = {}
        for ps in parsed.sentences:
            here: Counter[str] = Counter()
            places: set[str] = set()
            # words inside a longer name counted whole ("Guinea" in "Papua New Guinea")
            named = {t.i for ent in ps.span.ents if len(ent) > 1
                     and (e0 := self.kb.first(_DET.sub("", ent.text),
                                              ("country", "person", "org"))) is not None
                     and e0.country for t in ent}
            for tok in ps.span:
                if tok.pos_ in ("PROPN", "ADJ", "NOUN") and (tok.is_title or tok.is_upper) \
                        and not backing_word(tok) and tok.i not in named:
                    # the word's first reading only: "Brussels" is the EU before Belgium
                    e = next(iter(self.kb.lookup(tok.text)), None)
                    if e is not None and e.country and e.kind in (
                            "country", "adjective", "capital", "demonym", "group", "person"):
                        here[e.country] += 1
                        if e.kind in ("capital", "country") and tok.ent_type_ == "GPE":
                            places.add(e.country)
            for ent in ps.span.ents:
                name = _DET.sub("", ent.text)
                if len(ent) > 1:
                    # a country's full name, a known person or organisation with a country
                    e2 = self.kb.first(name, ("country", "person", "org"))
                    if e2 and e2.country:
                        here[e2.country] += 1
                        continue
                if ent.label_ in ("GPE", "LOC") and not self.kb.lookup(name):
                    place = self.place_country(name)  # "Lagos", "Aleppo"
                    if place:
                        here[place] += 1
                        places.add(place)
            top = here.most_common(2)
            if top and (len(top) == 1 or top[0][1] > top[1][1]):
                per_sentence[ps.sentence.index] = top[0][0]
            if len(places) == 1:
                sentence_places[ps.sentence.index] = places.pop()
            counts.update(here)
        top = counts.most_common(2)
        salient = top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else (
            top[0][0] if top else None)
        return salient, per_sentence, sentence_places

    # -- one noun phrase ---------------------------------------------------
    def resolve(self, tok: Any, ctx: Discourse, sent_idx: int
                ) -> tuple[Actor, str, tuple[int, int]] | None:
        """Resolve the phrase headed by ``tok``; returns the actor, why, and its char span."""
        low = tok.lower_
        if tok.pos_ == "PRON" or low in RELATIVE:
            actor = self._pronoun(tok, ctx)
            if actor is not None:
                ctx.resolved[tok.i] = actor
            return (replace(actor, text=tok.text), f"pronoun '{tok.text}'",
                    (tok.idx, tok.idx + len(tok.text))) if actor else None
        if low in QUANTIFIERS:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            inner = self.resolve(pobj, ctx, sent_idx)
                            if inner:
                                actor, why, _ = inner
                                left = min(tok.idx, pobj.left_edge.idx)
                                end = pobj.idx + len(pobj.text)
                                return actor, f"'{tok.text} of': {why}", (left, end)
            if tok.pos_ != "NOUN":
                return None
        if (low == "country" and tok.dep_ == "poss" and _definite(tok)
                and not any(c.dep_ in ("amod", "compound") for c in tok.children)):
            # "the country's violent crackdown": the state last named before it in its
            # sentence, else the one the sentence (else the article) is about
            earlier = [(i, a) for i, a in ctx.resolved.items()
                       if tok.sent.start <= i < tok.i and a.country]
            country = (max(earlier, key=lambda x: x[0])[1].country if earlier else None) or (
                ctx.sentence_countries.get(sent_idx) or ctx.salient_country)
            if country is None:
                return None
            span = (tok.left_edge.idx, tok.idx + len(tok.text))
            return (make_actor(tok.doc.text[span[0]:span[1]], None, country, "GOV"),
                    f"'the country': {country}, the one its sentence or article names", span)
        result = self._phrase(tok, ctx)
        if result is None:
            return None
        actor, why, span = result
        self._remember(tok, actor, ctx, sent_idx)
        return actor, why, span

    def _pronoun(self, tok: Any, ctx: Discourse) -> Actor | None:
        low = tok.lower_
        if low in RELATIVE:
            return None  # "who", "which": the noun they hang on is resolved in its own right
        if low in PERSON_PRONOUNS:
            # centering: "he"/"she"/"his" continue the last subject; "him"/"her" as an object
            # is someone other than the subject of its own verb
            if low in ("him", "her") and tok.dep_ in ("dobj", "pobj", "dative"):
                subj = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
                own = ctx.resolved.get(subj[0].i) if subj else None
                for cand, _ in reversed(ctx.persons):
                    if own is None or not cand.same_entity(own):
                        return cand
            for cand, was_subject in reversed(ctx.persons):
                if was_subject:
                    return cand
            return ctx.last_person
        if low in ("its", "their") and tok.dep_ == "poss":
            # "the ministry ... called on its partners": a possessive binds to the subject
            # of its own clause
            owner = self._clause_subject(tok, ctx)
            if owner is not None:
                return owner
        if low in ("it", "they") and tok.dep_ == "nsubj" and tok.head.dep_ == "ccomp" and \
                tok.head.head.lemma_.lower() in SAYING_VERBS:
            # "Nauru ... said it would recognise Beijing": the one saying, speaking of itself
            owner = self._clause_subject(tok.head, ctx)
            if owner is not None and owner.sector not in PEOPLE_SECTORS:
                return owner
        if low in THING_PRONOUNS:
            if low == "it" and tok.dep_ in ("nsubj", "nsubjpass"):
                # centering: a subject "it" continues the last subject ("Mali's government
                # accused the UN mission ... It ordered the mission to leave")
                return ctx.last_subject_thing or ctx.last_thing
            return ctx.last_thing
        if low == "them":
            # an object pronoun is not the subject of its own verb ("charged them")
            subj = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            own = ctx.resolved.get(subj[0].i) if subj else None
            for cand in reversed(ctx.plurals):
                if own is None or not cand.same_entity(own):
                    return cand
            return ctx.last_thing
        if low in PLURAL_PRONOUNS:
            return ctx.last_plural or ctx.last_thing
        return None

    @staticmethod
    def _clause_subject(tok: Any, ctx: Discourse) -> Actor | None:
        """The resolved subject of the clause a token stands in (through coordinated verbs:
        "X accused Y and called on its partners"), never the phrase the token is part of."""
        up = tok.head
        for _ in range(6):
            if up.pos_ in ("VERB", "AUX"):
                break
            if up.head.i == up.i:
                return None
            up = up.head
        verb = up
        for _ in range(3):
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            stray = stray_subject(verb)
            subj = subj or ([stray] if stray is not None else [])
            if subj:
                owner = tok.head if tok.dep_ == "poss" else tok  # "its partners", "the army"
                if subj[0].i in {t.i for t in owner.subtree}:
                    return None
                if tok.lower_ == "its" and any(c.dep_ == "conj" for c in subj[0].children):
                    # "demanded that Egypt and Jordan support its plan": "its" is no pair;
                    # the subject of the clause above
                    if verb.dep_ == "ccomp" and verb.head.pos_ in ("VERB", "AUX"):
                        outer = [c for c in verb.head.children if c.dep_ == "nsubj"]
                        return ctx.resolved.get(outer[0].i) if outer else None
                    return None
                return ctx.resolved.get(subj[0].i)
            if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def _core(self, tok: Any) -> list[Any]:
        """The head with its left modifiers (titles, adjectives, compounds), in order."""
        out = [tok]
        stack = [tok]
        while stack:
            t = stack.pop()
            for c in t.lefts:
                if c.dep_ in MODIFIER_DEPS and c.dep_ not in ("det", "poss"):
                    out.append(c)
                    stack.append(c)
        # flat names continue to the right ("Joe Biden" when "Joe" is the head)
        for c in tok.rights:
            if c.dep_ in ("flat", "compound") and c.ent_type_ == tok.ent_type_:
                out.append(c)
        return sorted(out, key=lambda t: t.i)

    def _text(self, doc: Any) -> str:
        """The text of a spaCy Doc, kept: ``Doc.text`` rebuilds it from every token."""
        if self._doc_text[0] is not doc:
            self._doc_text = (doc, doc.text)
        return self._doc_text[1]

    @staticmethod
    def _entity_span(tok: Any) -> Any:
        """The named entity a token is in, found from the IOB tags around it (walking the
        document's entity list for every phrase is what the profile showed costs most)."""
        if tok.ent_type_ not in NAMED:
            return None
        doc, start, end = tok.doc, tok.i, tok.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end]

    def _earlier_org(self, tok: Any, ctx: Discourse) -> Actor | None:
        """"The alliance", "the Commission", "the group" after a named organisation: the
        latest one whose name has the word, else whose kind fits it."""
        word = tok.lemma_.lower()
        kinds = ORG_NOUNS.get(word)
        if kinds is None or not _definite(tok) or any(
                c.dep_ in ("amod", "compound", "poss") for c in tok.children):
            return None
        for org in reversed(ctx.orgs):
            if word in (org.name or "").lower().split():
                return org
        for org in reversed(ctx.orgs):
            if org.sector in kinds:
                return org
        return None

    def _phrase(self, tok: Any, ctx: Discourse) -> tuple[Actor, str, tuple[int, int]] | None:
        if tok.lemma_.lower() in REGION_HEADS and tok.dep_ == "pobj" and \
                tok.head.lower_ in LOCATIVE_WORDS and any(
                    c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
            return None  # "in Borno state", "near Kherson province": a place, not a government
        if tok.lemma_.lower() == "state" and any(
                p.lower_ == "of" and any(o.lemma_.lower() in STATE_OF for o in p.children)
                for p in tok.children):
            return None  # "the state of emergency" is no state
        if tok.lemma_.lower() == "intelligence" and not any(
                c.dep_ in ("det", "poss") or c.ent_type_ in ("NORP", "GPE", "ORG")
                for c in tok.children):
            return None  # "shared intelligence on smuggling routes": information, no agency
        if tok.lemma_.lower() == "regime" and any(
                c.dep_ == "compound" and c.pos_ == "NOUN" for c in tok.children):
            return None  # "the sanctions regime", "a visa regime": rules, not a government
        earlier = self._earlier_org(tok, ctx)
        if earlier is not None:
            left = tok.left_edge.idx
            return (replace(earlier, text=tok.text), f"same as earlier '{earlier.name}'",
                    (left, tok.idx + len(tok.text)))
        core = self._core(tok)
        lefts = [c.left_edge.idx for c in tok.lefts if c.dep_ in MODIFIER_DEPS]
        span = (min([core[0].idx, *lefts]), tok.idx + len(tok.text))
        ent = self._entity_span(tok)
        if ent is not None:
            span = (min(span[0], ent.start_char), max(span[1], ent.end_char))
        text = self._text(tok.doc)[span[0]:span[1]]
        readings = self._readings(core, tok)
        names = [text] + ([ent.text] if ent is not None and len(ent) > 1
                          and ent.root.i == tok.i else [])
        words = text.split()
        names += [" ".join(words[i:]) for i in range(1, len(words) - 1)]  # past a title
        if tok.right_edge.i - tok.left_edge.i < 6 and tok.right_edge.i > tok.i:
            # "Doctors Without Borders": a name the parser cut into a head and its phrase
            names.append(self._text(tok.doc)[tok.left_edge.idx:tok.right_edge.idx
                                             + len(tok.right_edge.text)])
        for k, whole_name in enumerate(names):
            # "the European Court of Justice" runs past the head; "Tehrik-i-Taliban
            # Pakistan" is one name however the tokenizer cut it
            whole = [e for e in self.kb.lookup(_DET.sub("", whole_name))
                     if e.kind in ("org", "person")]
            if whole and (" " in whole_name.strip() or "-" in whole_name):
                readings[tok.i] = whole[0]
                if k == len(names) - 1 and tok.right_edge.i > tok.i:
                    end = tok.right_edge.idx + len(tok.right_edge.text)
                    span = (min(span[0], tok.left_edge.idx), max(span[1], end))
                    text = self._text(tok.doc)[span[0]:span[1]]
                break
        head_entry = readings.get(tok.i)
        countries = [e.country for i, e in sorted(readings.items()) if e.country and i != tok.i
                     and e.kind in ("country", "adjective", "capital", "demonym", "group",
                                    "org")]
        groups = tuple(dict.fromkeys(e.group for e in readings.values() if e.group))
        sectors = [e.sector for i, e in sorted(readings.items())
                   if e.kind == "sector" and e.sector and i != tok.i]
        poss = self._possessor(tok, ctx)
        known_name = tok.pos_ == "PROPN" and (
            (ent is not None and ent.text in ctx.names) or tok.text in ctx.names)
        is_person_name = known_name or tok.ent_type_ == "PERSON" or (
            tok.pos_ == "PROPN" and head_entry is None and tok.ent_type_ == ""
            and tok.dep_ in ARGUMENT_DEPS) or (
            # "Lindiwe Mokoena, South Africa's health minister," (tagged an organisation)
            tok.pos_ == "PROPN" and head_entry is None and self._described_as_person(tok))
        if (is_person_name and not known_name and (ent is None or len(ent) == 1)
                and head_entry is None and self.is_place(tok.text)):
            return None  # "areas of Kharkiv": a lone word naming a big place is the place
        if (is_person_name and not known_name and head_entry is None and self._locative(tok)
                and self.place_country(ent.text if ent is not None else tok.text)):
            return None  # "from São Paulo", "in Khan Younis": a place the tagger called a name

        name: str | None = None
        country = countries[0] if countries else None
        sector: str | None = None
        code: str | None = None
        why: list[str] = []

        if (head_entry is not None and (head_entry.kind in ("capital", "country") or (
                head_entry.kind == "org" and tok.ent_type_ in ("GPE", "LOC")))
                and (self._locative(tok) or (ent is not None and tok.ent_type_ in ("LOC", "FAC")
                                             and ent.root.i != tok.i))):
            return None  # "in Beijing", "in Brussels", "the Gulf of Oman": a place
        orgs = [e for i, e in sorted(readings.items()) if e.kind == "org" and i != tok.i]
        for org in orgs:
            if org.code and not org.dated:  # "NATO Secretary-General X": NATO was named
                ctx.orgs.append(make_actor(org.name, org.name, org.country, org.sector,
                                           code=org.code))
        if (orgs and head_entry is None and tok.lemma_.lower() in ORG_NOUNS
                and orgs[-1].code and not orgs[-1].dated):
            # "Yemen's Houthi movement", "the Wagner group": the organisation itself
            org = orgs[-1]
            return (make_actor(text, org.name, org.country, org.sector, code=org.code),
                    f"organisation {org.name}", span)
        if not orgs and not countries and head_entry is not None and head_entry.kind == "sector" \
                and head_entry.person:
            orgs = self._belonging_org(tok)  # "inspectors from the IAEA"
        if (orgs and head_entry is not None and head_entry.kind == "sector"
                and (head_entry.person or tok.lemma_.lower() in GENERIC_ROLES | DOCUMENT_HEADS)
                and orgs[0].code and not orgs[0].dated):
            # "a UN official", "the NATO spokesman", "the Houthi delegation": the
            # organisation speaks
            org = orgs[0]
            actor = make_actor(text, org.name, org.country, org.sector, code=org.code)
            return actor, f"'{tok.text}' of organisation {org.name}", span
        if head_entry is not None and head_entry.kind != "adjective" and not known_name:
            country = head_entry.country or country
            if head_entry.kind == "sector":
                sector = head_entry.sector
                why.append(f"'{tok.text}' is sector {sector}")
                body = self._body_of_role(tok, head_entry, readings, poss)
                if body is not None:
                    # "the army's spokesman", "a police commissioner", "union leaders"
                    sector = body
                    why.append(f"a role of a {body} body")
            elif head_entry.kind in ("org", "person") and head_entry.dated:
                code = head_entry.code_on(ctx.date)
                if code is None and head_entry.kind == "person":
                    code = "ELI"  # a former head of an IGO whose nationality we lack
                if code is None:
                    return None  # no role on this date ([---], or outside every range)
                country, sector, groups = split_code(code)
                name = head_entry.name
                kind = "person" if head_entry.kind == "person" else "dictionary actor"
                why.append(f"{kind} {head_entry.name}: {code} on {ctx.date}")
                former = any(t.lower_ in ("former", "ex", "ex-") for t in tok.doc[
                    max(span_start(core, tok) - 2, 0):tok.i])
                if (head_entry.kind == "person" and sectors and not former
                        and sector in (None, "ELI") and sectors[-1] in STATE_SECTORS):
                    # "Prime Minister Boris Johnson" in a story told later: the text's title
                    sector, code = sectors[-1], None
                    country = country or head_entry.country
                    why.append(f"title '{sector}'")
                elif head_entry.kind == "person" and former and country:
                    sector, code = "ELI", None
                    why.append("former")
            elif head_entry.kind == "org":
                code, sector, name = head_entry.code, head_entry.sector, head_entry.name
                why.append(f"organisation {head_entry.name}")
            elif head_entry.kind == "group":
                sector = sectors[-1] if sectors else None
                why.append(f"group {head_entry.group}")
            else:
                sector = head_entry.sector
                name = head_entry.name if head_entry.kind in ("country", "capital") else None
                why.append(f"{head_entry.kind} of {head_entry.country}")
        elif is_person_name:
            name = ent.text if ent is not None and tok.ent_type_ in ("PERSON", "ORG") else text
            name = _strip_titles(name, core, readings)
            known = ctx.names.get(name) or ctx.names.get(name.split()[-1])
            if known is None and tok.dep_ == "appos" and tok.head.i in ctx.resolved:
                known = ctx.resolved[tok.head.i]  # "Norway's foreign minister, Ingrid Lie"
            if sectors:
                sector = sectors[-1]
                why.append(f"title '{sectors[-1]}'")
            if known is not None and not (country or sector):
                country, sector, groups = known.country, known.sector, known.groups
                name = known.name or name
                why.append(f"same person as '{known.name}' earlier")
            appos = self._appositive(tok, ctx)
            if appos is not None:
                country = country or appos.country
                sector = sector or appos.sector
                groups = groups or appos.groups
                why.append("appositive description")
            if not (country or sector or groups) and ctx.pending is not None:
                country, sector, groups = (ctx.pending[0].country, ctx.pending[0].sector,
                                           ctx.pending[0].groups)
                why.append(f"named after the lead's '{ctx.pending[0].text}'")
                ctx.pending = None
            if not (country or sector or groups):
                sector = "UNK"
                why.append("unknown person: nothing in context says more")
        else:
            if not (countries or groups) and poss is None:
                return None
            sector = sectors[-1] if sectors else ("CVL" if groups else None)
            if sector is None and poss is None and not groups:
                return None

        if sector is None and sectors:
            sector = sectors[-1]
        if (poss is not None and not country and code is None and poss.country is None
                and poss.sector == "IGO" and poss.code and head_entry is not None
                and head_entry.kind == "sector" and head_entry.person
                and sector not in ("MIL", "COP")):
            # "the bloc's foreign ministers", "the UN's envoy": the organisation's own
            code, sector = poss.code, poss.sector
            why.append(f"of the organisation '{poss.text}'")
        if poss is not None and not country:
            country = poss.country
            groups = groups or poss.groups
            why.append(f"possessor '{poss.text}'")
            if sector is None and head_entry is None:
                return None
        if country is None and head_entry is not None and head_entry.kind == "sector":
            # "an official in Brussels" is visiting; "a court in Tehran" is Iran's
            country = self._belonging_country(tok, sector in STATE_SECTORS
                                              and head_entry.person)
            if country:
                why.append(f"country {country} from the phrase it belongs to")
        if (country is None and sector in STATE_SECTORS and head_entry is not None
                and head_entry.kind == "sector"):
            earlier = ctx.descriptions.get(tok.lemma_.lower())
            subject = self._clause_subject(tok, ctx) if _definite(tok) else None
            if earlier is not None and earlier.country:
                country = earlier.country
                why.append(f"same as earlier '{earlier.text}'")
            elif subject is not None and subject.country and subject.sector in STATE_SECTORS:
                # "Israel's minister urged the army to ...": the army of the subject's state
                country = subject.country
                why.append(f"the state of its clause's subject, {country}")
            elif ctx.salient_country:
                country = ctx.salient_country
                why.append(f"the article's main country {country}")
        elif (country is None and head_entry is not None and head_entry.kind == "sector"
              and _definite(tok)):
            earlier = ctx.descriptions.get(tok.lemma_.lower())
            if earlier is not None:
                return (replace(earlier, text=text), f"same as earlier '{earlier.text}'", span)
        if country and head_entry is not None and head_entry.kind == "sector":
            why.append(f"country {country} from the phrase")
        if (country is None and code is None and sector in CONTEXT_SECTORS
                and not (head_entry is not None and head_entry.kind == "person")):
            # a role word, or a titled name, with no country of its own: the country the
            # sentence names, else the article's (the event's place may still override)
            # a state body ("the army") is most likely that of its clause's state subject;
            # people ("displaced families") most likely of the place the sentence names
            subject = self._clause_subject(tok, ctx) if sector in STATE_SECTORS else None
            guess = (subject.country if subject is not None and subject.sector
                     in STATE_SECTORS else None) or (
                ctx.sentence_places.get(ctx.sentence) if sector in PEOPLE_SECTORS
                else None) or ctx.sentence_countries.get(ctx.sentence) or ctx.salient_country
            if guess:
                country = guess
                why.append(f"the article's main country {guess} (from the sentence)"
                           if guess == ctx.sentence_countries.get(ctx.sentence) else
                           f"the article's main country {guess}")
        if sector in STATE_SECTORS and code is None and any(
                t.lower_ in ("former", "ex", "ex-") for t in core):
            sector = "ELI"  # "former prime minister X", "an ex-army chief": an elite now
            why.append("former")
        actor = make_actor(text, name, country, sector, groups, code)
        return actor, "; ".join(why), span

    def _belonging_org(self, tok: Any) -> list[Entry]:
        """The organisation a person belongs to: 'observers from the OSCE', 'a spokesman
        for the World Food Programme', 'inspectors of the IAEA'."""
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("from", "for", "of", "with", "at"):
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                ent = self._entity_span(pobj)
                name = _DET.sub("", ent.text if ent is not None else pobj.text)
                found = [e for e in self.kb.lookup(name)
                         if e.kind == "org" and e.code and not e.dated]
                if found:
                    return found[:1]
        return []

    def _belonging_country(self, tok: Any, state: bool) -> str | None:
        """'workers at Argentina's state oil company', 'residents of Gaza'; an official
        'in Brussels' is only visiting."""
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in BELONGING_PREPS or (
                    state and prep.lower_ == "in"):
                continue
            for t in prep.subtree:
                if t.pos_ in ("PROPN", "ADJ") or t.is_title:
                    e = self.kb.first(t.text, ("country", "adjective", "capital"))
                    if e is not None and e.country:
                        return e.country
                    if t.pos_ == "PROPN" and t.dep_ == "pobj":
                        place = self.place_country(t.text)  # "a resident of Aleppo"
                        if place:
                            return place
        return None

    def _inside_titled_name(self, window: list[Any]) -> bool:
        """Whether the tokens end a person's name that follows a title: "Foreign Minister
        Rafael Montenegro" (not "Will Washington demand", which the tagger also calls a
        person)."""
        if not any(t.ent_type_ == "PERSON" for t in window) or window[0].ent_iob_ != "I":
            return False
        doc, start = window[0].doc, window[0].i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        title = doc[start - 1] if start > 0 else None
        return title is not None and self.kb.first(title.lemma_.lower(), ("sector",)) is not None

    def _readings(self, core: list[Any], head: Any) -> dict[int, Entry]:
        """KB readings of the core tokens, longest phrase first; keyed by last token index."""
        out: dict[int, Entry] = {}
        i = 0
        while i < len(core):
            matched = False
            for n in range(min(self.kb.max_words, len(core) - i), 0, -1):
                window = core[i:i + n]
                if any(b.i - a.i != 1 and not (b.i - a.i == 2 and a.nbor().text == "-")
                       for a, b in zip(window, window[1:], strict=False)):
                    continue
                # "Secretary-General", "Ki-moon": the tokenizer's hyphens rejoined
                phrase = "".join(t.text + ("-" if k < len(window) - 1 and window[k + 1].i
                                           - t.i == 2 else " " if k < len(window) - 1 else "")
                                 for k, t in enumerate(window))
                entries = self.kb.lookup(phrase)
                if not entries:
                    entries = self.kb.lookup(" ".join(
                        (t.lemma_ if t.pos_ == "NOUN" else t.text) for t in window))
                if any(backing_word(t) for t in window):
                    # "Iranian-backed militias" are no Iranians
                    entries = [e for e in entries if e.kind not in (
                        "country", "adjective", "capital", "demonym")]
                if self._inside_titled_name(window):
                    # "Rafael Montenegro" is a man, not a country ("Sri Lanka" mistagged as
                    # a person is still the country; "Tajik" before a name still says whose)
                    entries = [e for e in entries
                               if e.kind in ("sector", "org", "adjective", "person")]
                if entries:
                    last = window[-1]
                    out[last.i] = _pick(entries, last.i == head.i)
                    i += n
                    matched = True
                    break
            if not matched:
                i += 1
        return out

    def _possessor(self, tok: Any, ctx: Discourse) -> Actor | None:
        for c in tok.children:
            if c.dep_ == "poss":
                if c.pos_ == "PRON":
                    return self._pronoun(c, ctx)
                if c.i in ctx.resolved:  # resolved already, left to right
                    return ctx.resolved[c.i]
                found = self._phrase(c, ctx)
                return found[0] if found else None
        return None

    @staticmethod
    def _body_of_role(tok: Any, entry: Entry, readings: dict[int, Entry],
                      poss: Actor | None) -> str | None:
        """The sector of the body a generic role belongs to: a body word before it ("police
        commissioner") or a possessor that is a body of another sector ("the army's
        spokesman", "their leaders" of protesters)."""
        if not entry.person or tok.lemma_.lower() not in GENERIC_ROLES:
            return None
        for i, e in sorted(readings.items()):
            if i != tok.i and e.kind == "sector" and not e.person and e.sector:
                return e.sector
        if poss is not None and poss.sector and poss.sector not in ("GOV", "CVL", None):
            return poss.sector
        return None

    def _described_as_person(self, tok: Any) -> bool:
        for c in tok.children:
            if c.dep_ == "appos":
                e = self.kb.first(c.lemma_.lower(), ("sector",))
                if e is not None and e.person:
                    return True
        return False

    def _appositive(self, tok: Any, ctx: Discourse) -> Actor | None:
        """'X, a Uyghur activist': the description; 'X, Ukraine's ombudsman', a role we do
        not know, still says whose."""
        for c in tok.children:
            if c.dep_ == "appos":
                found = self._phrase(c, ctx)
                if found:
                    return found[0]
                owner = self._possessor(c, ctx)
                if owner is not None and owner.country:
                    return make_actor(c.text, None, owner.country, None, owner.groups)
        return None

    @staticmethod
    def _locative(tok: Any) -> bool:
        """'in Beijing', and 'the city of Sucre', 'the capital, Kyiv', 'in Samoa and Fiji':
        a place."""
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS:
            # "a request from Kyiv", "pressure from Washington": who it comes from
            return not (tok.head.lower_ == "from"
                        and tok.head.head.lemma_.lower() in FROM_SENDERS)
        if tok.dep_ == "appos" and tok.head.lemma_.lower() in PLACE_NOUNS:
            return True
        return (tok.dep_ == "pobj" and tok.head.lower_ == "of"
                and (tok.head.head.lemma_.lower() in PLACE_NOUNS
                     or tok.head.head.lower_ in DIRECTIONS))  # "west of Paris"

    def _remember(self, tok: Any, actor: Actor, ctx: Discourse, sent_idx: int) -> None:
        plural = tok.tag_ in ("NNS", "NNPS")
        ctx.resolved[tok.i] = actor
        if actor.name and (tok.ent_type_ == "PERSON" or actor.name in ctx.names):
            ctx.names.setdefault(actor.name, actor)
            ctx.names.setdefault(actor.name.split()[-1], actor)
        entry = self.kb.first(tok.text, ("sector",)) or self.kb.first(tok.lemma_, ("sector",))
        person = tok.ent_type_ == "PERSON" or (entry is not None and entry.person
                                               and tok.pos_ == "NOUN")
        if person and not plural:
            ctx.last_person = actor
            ctx.persons.append((actor, tok.dep_ in ("nsubj", "nsubjpass")
                                or tok.head.dep_ in ("nsubj", "nsubjpass")))
            if (tok.pos_ == "NOUN" and any(c.lower_ in ("a", "an") for c in tok.children)
                    and not actor.name):
                ctx.pending = (actor, sent_idx)
        elif plural:
            # "they" most often continues the subject (centering), not an object
            if tok.dep_ in ("nsubj", "nsubjpass") or ctx.last_plural is None:
                ctx.last_plural = actor
            ctx.plurals.append(actor)
        else:
            ctx.last_thing = actor
            if tok.dep_ in ("nsubj", "nsubjpass") or tok.head.dep_ in ("nsubj", "nsubjpass"):
                ctx.last_subject_thing = actor
        if tok.pos_ == "NOUN":
            ctx.descriptions.setdefault(tok.lemma_.lower(), actor)
        if actor.name and actor.sector in ORG_SECTORS and not person:
            ctx.orgs.append(actor)
        if ctx.pending is not None and sent_idx - ctx.pending[1] > 2:
            ctx.pending = None


_DET = re.compile(r"^the\s+", re.I)
REGION_HEADS = {"state", "province", "region", "district", "county", "governorate", "oblast",
                "prefecture"}
LOCATIVE_WORDS = {"in", "at", "near", "across", "throughout", "inside", "outside", "around",
                  "into", "from", "to", "within"}
SAYING_VERBS = {"say", "announce", "state", "declare", "warn", "insist", "confirm", "add",
                "tell", "vow", "pledge", "promise", "threaten", "argue", "claim"}


def _pick(entries: list[Entry], is_head: bool) -> Entry:
    if not is_head:
        for e in entries:
            if e.kind in ("adjective", "country", "group", "org", "capital"):
                return e
    return entries[0]


def _definite(tok: Any) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _strip_titles(name: str, core: list[Any], readings: dict[int, Entry]) -> str:
    words = name.split()
    titles = {core_t.text for core_t in core if core_t.i in readings}
    while len(words) > 1 and words[0] in titles:
        words.pop(0)
    return " ".join(words)

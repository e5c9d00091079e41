"""Attaching a time and a place to an event: the time or place governing the trigger
wins, then one in the same clause, then the sentence's; otherwise the publication
date, and the country of the actors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from newsevents.coding.syntax import clause_head
from newsevents.records import Actor, Document, Place, PlaceMention, Precision, TimeMention
from newsevents.time import TEMPORAL_PREPS, event_date

Date = tuple[str | None, Precision | None, str | None]


def _governor(tok: Any) -> Any:
    """The word a time or place phrase attaches to: up through compounds, pobj and prep."""
    t = tok
    while t.dep_ in ("compound", "pobj", "prep", "nummod", "amod", "npadvmod", "appos", "det",
                     "case", "poss", "nmod", "quantmod") and t.head.i != t.i:
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            break
    return t


def _name_modifier(tok: Any) -> bool:
    """'the 2022 Olympics': a date that names a thing, unless a temporal preposition
    makes it the time of the clause ('following the 2014 attack')."""
    if tok.dep_ not in ("nummod", "compound", "amod", "nmod", "poss"):
        return False
    noun = tok.head
    return not (noun.dep_ == "pobj" and noun.head.lower_ in TEMPORAL_PREPS)


def _in_other_clause(tok: Any, anchor: Any) -> bool:
    """A time inside a relative clause or an appositive that does not hold the event ("an
    academic who has been held since 2022") dates that clause, not the event."""
    t = tok
    while t.head.i != t.i:
        if t.dep_ in ("relcl", "acl", "appos"):
            return not any(x.i == anchor.i for x in t.subtree)
        t = t.head
    return False


def _ongoing(verb: Any) -> bool:
    """A state reported in the present or present perfect ("remains", "are occupying",
    "have occupied"), not a deed of the past."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    # "still refuses", "is still held": "still" makes any present a state
    state = verb.lemma_.lower() in STATE_VERBS or any(
        c.dep_ == "advmod" and c.lower_ == "still" for c in verb.children)
    if verb.tag_ in ("VBZ", "VBP") and not aux:
        return state
    if verb.tag_ == "VBN" and aux & {"is", "are", "am", "'s", "'re"} and not aux & {
            "will", "would", "was", "were"}:
        return state  # "is held", "are detained": the present passive of a state
    return bool(aux & {"have", "has", "'ve"}) and verb.tag_ == "VBN" and not aux & {"had"}


STATE_VERBS = {"remain", "stay", "continue", "occupy", "hold", "keep", "live", "lie", "stand",
               "control", "besiege", "detain", "face", "await"}


class Attacher:
    def __init__(self, countries: dict[str, Place]) -> None:
        self.countries = countries

    def date(self, doc: Document, ps: Any, trigger: Any, anchor: Any,
             cue: Any | None = None) -> Date:
        """``cue``: the verb that reports, asks for or plans the event ("said on Thursday
        that ..."); its time is when it was said, not when the event happened."""
        times = [t for t in doc.times if t.sentence_index == ps.sentence.index
                 and not _name_modifier(ps.span.doc[t.head])
                 and not _in_other_clause(ps.span.doc[t.head], anchor)
                 and not (cue is not None and cue.i not in (trigger.i, anchor.i)
                          and _governor(ps.span.doc[t.head]).i == cue.i)]
        times = [t for t in times if event_date(t.value, t.precision) is not None]
        if _ongoing(anchor):
            # "remains in custody", "have occupied the square": a state that holds now is
            # dated by a time of its own, else by the publication date
            times = [t for t in times
                     if _governor(ps.span.doc[t.head]).i in (trigger.i, anchor.i)]
        best = _nearest(times, ps, trigger, anchor)
        if best is not None:
            found = event_date(best.value, best.precision)
            assert found is not None
            return found[0], found[1], "text"
        pub = doc.article.published
        return (pub, "day", "published") if pub else (None, None, None)

    def location(self, doc: Document, ps: Any, trigger: Any, anchor: Any, src: Actor | None,
                 tgt: Actor | None, quad: int) -> Place | None:
        found = self.place(doc, ps, trigger, anchor)
        if found is not None:
            return found
        order = (tgt, src) if quad in (2, 4) else (src, tgt)
        for actor in order:
            if actor is not None and actor.country in self.countries:
                return self.countries[actor.country]
        return None

    def place(self, doc: Document, ps: Any, trigger: Any, anchor: Any) -> Place | None:
        """A place named in the sentence: governing the trigger, in its clause, or anywhere."""
        places = [p for p in doc.places if p.sentence_index == ps.sentence.index]
        reported = _reported_clause(anchor)
        if reported is not None:
            # "EU ministers, meeting in Brussels, said that Iranian forces had shot
            # demonstrators": where the speakers met is not where the shooting was
            # (but "the mayor of Lebanon, Ohio, said the town's plant was shut" speaks for
            # the place: only a place the speakers were at, under a participle, is left out)
            subjects = [c for c in reported.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            places = [p for p in places
                      if not any(_under_participle(ps.span.doc[p.head], s) for s in subjects)]
        # among places equally close to the trigger, the most precise: "crossed into China
        # near Ruili" happened at Ruili, "in London, Ontario" in London
        best = _nearest(places, ps, trigger, anchor,
                        lambda m: PRECISION_RANK.get(m.place.precision, 3))
        return best.place if best is not None else None


M = TypeVar("M", TimeMention, PlaceMention)


PRECISION_RANK = {"site": 0, "city": 0, "adm1": 1, "country": 2}


def _under_participle(tok: Any, top: Any) -> bool:
    """Whether ``tok`` hangs below ``top`` through a verb ("ministers, meeting in Brussels")."""
    t = tok
    for _ in range(10):
        if t.i == top.i or t.head.i == t.i:
            return False
        t = t.head
        if t.pos_ == "VERB" and t.i != top.i and any(a.i == top.i for a in t.ancestors):
            return True
    return False


def _reported_clause(anchor: Any) -> Any | None:
    """The clause complement of a verb (of saying) that holds the event, if any."""
    t = anchor
    for _ in range(10):
        if t.dep_ == "ccomp" and t.head.pos_ == "VERB":
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _nearest(mentions: list[M], ps: Any, trigger: Any, anchor: Any,
             finer: Callable[[M], int] | None = None) -> M | None:
    """The mention governing the trigger (or its light verb), else one in its clause, else
    any in the sentence; the finest (``finer``), then the nearest to the trigger, among
    equals."""
    clause = clause_head(anchor)
    scored: list[tuple[int, int, int, M]] = []
    for m in mentions:
        gov = _governor(ps.span.doc[m.head])
        if gov.i in (trigger.i, anchor.i):
            rank = 0
        elif clause_head(gov).i == clause.i:
            rank = 1
        else:
            rank = 2
        scored.append((rank, finer(m) if finer else 0, abs(m.head - trigger.i), m))
    return min(scored, key=lambda x: (x[0], x[1], x[2]))[3] if scored else None

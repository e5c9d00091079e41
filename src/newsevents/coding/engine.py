"""Coding: the event stage. Builds events from the triggers of each sentence.

Triggers and their slots come from :mod:`newsevents.coding.triggers`; here each becomes
one event per dyad, with actors from the actors stage (localized, coordinated), status
from :mod:`newsevents.coding.syntax`, date and place from :mod:`newsevents.coding.attach`,
and the transforms of :mod:`newsevents.coding.transforms`. Speech acts add events of
their own: "X said Y should ..." is an appeal by X to Y, a claim that Y committed
violence an accusation by X against Y, a denial 016.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from newsevents.actors.kb import KnowledgeBase
from newsevents.actors.resolve import ORG_SECTORS, STATE_SECTORS, make_actor, split_code
from newsevents.coding.attach import Attacher
from newsevents.coding.context import SentenceActors, localize
from newsevents.coding.dictionaries import UserDictionaries
from newsevents.coding.syntax import (
    StatusReading,
    agent,
    children,
    is_passive,
    read_status,
    subject,
)
from newsevents.coding.tables import Lexicon, Ontology
from newsevents.coding.transforms import Transform, Transforms, count_people
from newsevents.coding.triggers import CLAIM_NOUNS, Match, TriggerFinder
from newsevents.records import Actor, Document, Event, Evidence

VIOLENT_ROOTS = {"18", "19", "20"}
# events only people do: a subject that is no actor ("shares rallied") rules them out
ACCUSING_CUES = {"conclude", "find", "allege", "claim", "accuse", "charge", "blame", "contend",
                 "testify", "insist", "assert", "argue", "maintain", "believe", "condemn"}
CRIME_NOUNS = {"genocide", "atrocity", "atrocities", "massacre", "cleansing", "crimes",
               "abuses", "torture", "persecution"}
DENIAL_CUES = {"deny", "dismiss", "refute", "reject"}
# nouns for others in a relation to someone: "Kenya's partners" are not Kenya
RELATIONAL_NOUNS = {"partner", "ally", "neighbour", "neighbor", "rival", "enemy", "foe",
                    "critic", "counterpart", "backer", "creditor", "donor", "adversary"}
# verbs whose coordinated subjects act on each other
RECIPROCAL_VERBS = {"swap", "exchange", "trade"}
SYMMETRIC_ROOTS = {"03", "04", "05", "06", "19"}
SYMMETRIC_CODES = {"036", "046", "057", "030", "0841", "0871"}
# acts one asks for oneself: the one who asks receives them unless another is named
RECIPIENT_ROOTS = {"06", "07", "08"}
# restrictions imposed or eased, repression eased: on the population unless said otherwise
POPULATION_CODES = ("081", "082", "172")
SELF_WORDS = {"its", "it", "their", "them", "itself", "themselves", "his", "her", "him"}
TOPIC_PREPS = {"into", "for", "of", "out", "over", "about", "on", "in", "against", "regarding",
               "concerning"}
ORDER_CUES = {"order", "instruct"}
# forces sent to keep the peace (074): the words that tell it
PEACEKEEPERS = {"peacekeeper", "peacekeepers", "blue helmet", "contingent"}
DEPLOY_WORDS = {"send", "deploy", "dispatch", "arrive", "station", "contribute", "deployment",
                "post"}
MISSION_KINDS = {"security", "peacekeeping", "multinational", "stabilisation", "stabilization",
                 "protection"}
PROTECTED = {"civilian", "civilians", "villager", "villagers", "population", "residents",
             "people", "refugees"}
# acts with no target: "declined to comment on reports that Russian diplomats visited North
# Korea" says nothing to or of North Korea
UNTARGETED_CODES = {"011"}
# an event noun after these is the occasion of another act, and happened whatever that act's
# mood ("denied firing on demonstrators during the march")
CIRCUMSTANCE_PREPS = {"during", "amid", "after", "following", "since"}
# "claimed responsibility for", "denied any role in": who owns up to an act, and how
RESPONSIBILITY_NOUNS = {"responsibility", "role", "involvement", "part", "hand", "complicity"}
OWNING_VERBS = {"claim": "claimed", "accept": "claimed", "admit": "asserted",
                "acknowledge": "asserted", "deny": "negated", "reject": "negated",
                "disclaim": "negated", "disavow": "negated"}
HUMAN_AGENT_ROOTS = {"01", "02", "03", "04", "05", "06", "07", "10", "11", "12", "13", "14"}
CODER_VERSION = "coder-0.1"


class EventCoder:
    """The coding stage."""

    name = "coding"
    requires: tuple[str, ...] = ("parsed", "actors", "times", "places")
    provides: tuple[str, ...] = ("events",)

    def __init__(self, ontology: Ontology, lexicon: Lexicon, kb: KnowledgeBase,
                 attacher: Attacher, statements: bool = False,
                 user: UserDictionaries | None = None) -> None:
        self.user = user or UserDictionaries()
        self.transforms = Transforms(ontology)
        self.statements = statements  # code every claim about another actor as 010 too
        self.ontology = ontology
        self.lex = lexicon
        self.kb = kb
        self.attach = attacher
        self.triggers = TriggerFinder(lexicon, kb)
        self.versions = {"coder": CODER_VERSION, "ontology": ontology.version,
                         "patterns": lexicon.version, "actors": kb.version}

    def __call__(self, doc: Document) -> Document:
        events: list[Event] = []
        if self.user.discarded(doc.article.body, story=True):
            return replace(doc, events=())  # a dictionary's story-level discard
        for ps in doc.parsed.sentences:
            if self.user.discarded(ps.sentence.text, story=False):
                continue
            ctx = SentenceActors(doc, ps, self.kb)
            matches = self.triggers.find(ps.span, ctx)
            matches = [m for m in _drop_consequences(matches) if not self._says(m)]
            matches += self.triggers.speech_acts(ps.span, matches, ctx)
            events.extend(_dedupe([ev for m in matches for ev in self.build(doc, ps, m, ctx)]))
        return replace(doc, events=tuple(events))

    def _agreed_together(self, status: StatusReading) -> bool:
        """Whether a cue makes an act of coordinated actors a joint one ("agreed to",
        "pledged to"): its intent code (03x) is symmetric as talks are."""
        if status.cue is None:
            return False
        found = self.transforms.cues.get(status.cue.lemma_.lower())
        return found is not None and found[0] == "intent"

    @staticmethod
    def _threatened(m: Match, ctx: SentenceActors, source: Actor | None) -> Actor | None:
        """Whom a threat is made against, when the parse hangs the threatened act away from
        the verb ("threatened in an online message to bomb hotels in Nairobi", "issued a
        threat to occupy the Essequibo region"): the one that act is done to, or the state
        of the place it is done in."""
        for t in m.trigger.subtree:
            if t.i == m.trigger.i or t.tag_ != "VB" or not any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                continue
            for obj in children(t, "dobj"):
                found = next(iter(ctx.at(obj)), None) or ctx.within(obj, besides=source)
                if found is not None and not (source and found.same_entity(source)):
                    return found
            country = ctx.place_country(t)
            if country is not None and not (source and source.country == country):
                return make_actor(t.text, None, country, "GOV")
            return None
        return None

    def _says(self, m: Match) -> bool:
        """"A UN inquiry found that ...": the inquiry is who speaks, not an event told."""
        t = m.trigger
        return (t.pos_ == "NOUN" and t.dep_ == "nsubj"
                and self.lex.complements.get(t.head.lemma_.lower()) == "claimed")

    # -- building events ------------------------------------------------------
    def build(self, doc: Document, ps: Any, m: Match, ctx: SentenceActors) -> list[Event]:
        status = read_status(m.anchor, self.lex)
        if (m.trigger.pos_ in ("NOUN", "PROPN") and m.anchor.i == m.trigger.i
                and m.trigger.dep_ == "pobj"
                and m.trigger.head.lower_ in CIRCUMSTANCE_PREPS
                and status.status in ("negated", "future", "proposed", "hypothetical")):
            # "denied that soldiers fired on demonstrators during Saturday's march", "pledged
            # to lend ... during a visit by the prime minister": the occasion happened
            status = StatusReading("asserted", None, None)
        if m.trigger.i != m.anchor.i and status.status == "asserted" and any(
                c.dep_ == "det" and c.lower_ == "no" for c in m.trigger.children):
            status = StatusReading("negated", None, None)  # "police made no arrests"
        if (status.cue is not None and m.trigger.lemma_.lower() in CLAIM_NOUNS
                and m.trigger.dep_ == "dobj" and status.cue.i == m.trigger.head.i
                and children(m.trigger, "poss")):
            # "Moscow rejected Kyiv's demands": the demands were made all the same
            status = StatusReading("asserted", None, None)
        owned = _owned_up(m.trigger)
        if owned is not None:
            # "claimed responsibility for a bomb that struck a convoy", "denied any role in
            # the poisoning of X": the act is the claimant's, claimed or denied by it
            verb, reading = owned
            who = agent(verb) if is_passive(verb) else subject(verb)
            status = StatusReading(reading, who, verb)
            if m.source_tok is None and m.implied_source is None:
                m = replace(m, source_tok=who)
        if _purpose(m.anchor) and (status.cue is None or status.cue.i != m.anchor.head.i):
            return []  # "sent troops to protect villagers": an aim, not a deed
        if m.code in self.transforms.refine:
            words = {t.i: t for t in [*m.trigger.subtree, *m.anchor.subtree]}
            lemmas = [t.lemma_.lower() for _, t in sorted(words.items())]
            refined = self.transforms.refined(m.code, lemmas)
            m = replace(m, code=refined, rule=m.rule if refined == m.code else m.rule + "+refine")
        if m.target_tok is not None:
            scaled = self.transforms.scaled(m.code, count_people(m.target_tok))
            m = replace(m, code=scaled, rule=m.rule if scaled == m.code else m.rule + "+scale")
        if ps.sentence.heading and status.status == "asserted" and m.anchor.tag_ == "VB":
            status = replace(status, status="proposed")
        root = m.code[:2]
        if m.target_tok is not None and m.target_tok.i == m.trigger.i:
            m = replace(m, target_tok=None)  # "opened a joint investigation": no one
        if m.target_tok is not None and m.target_tok.lemma_.lower() == "state" and any(
                p.lower_ == "of" for p in children(m.target_tok, "prep")):
            m = replace(m, target_tok=None)  # "declared a state of emergency": on the people
        if m.source_tok is not None and _non_agent(m.source_tok, self.lex.non_agents):
            return []
        place = self.attach.place(doc, ps, m.trigger, m.anchor)
        place_country = place.country if place is not None else ctx.locative_country()
        sources: list[Actor | None] = list(ctx.at(m.source_tok, place_country)) or [
            m.implied_source]
        if sources == [None] and m.source_tok is not None and m.source_tok.pos_ == "NOUN":
            if m.source_tok.lemma_.lower() in RELATIONAL_NOUNS:
                # "Kenya's Western partners, including the United States and Britain": the
                # ones listed, never the one they are partners of
                sources = list(ctx.members(m.source_tok)) or [None]
            else:
                # "Nigeria's defence headquarters", "inspectors from the IAEA": the actor
                # the subject belongs to
                sources = [ctx.within(m.source_tok, pronouns=False)]
        if (root == "15" and sources == [None] and m.target_tok is not None
                and m.target_tok.dep_ == "nsubjpass"):
            forces = [a for a in ctx.at(m.target_tok, place_country) if a.sector in ("MIL", "COP")]
            if forces:
                # "hundreds of riot police were deployed across Dhaka": the force deployed
                # shows the force, on no one named
                sources, m = list(forces), replace(m, target_tok=None)
        if (m.source_tok is not None and not sources[0] and root in HUMAN_AGENT_ROOTS
                and not ctx.is_actor(m.source_tok)):
            return []  # "shares rallied", "talks stalled": no one protests or appeals
        if _peacekeeping(m) and sources[0] is not None and (
                sources[0].country is None or place_country not in (None, sources[0].country)):
            # a state's forces abroad, or an international body's anywhere
            m = replace(m, code="074", rule=m.rule + "+peacekeeping")
            root = "07"
        targets: list[Actor | None] = list(ctx.at(m.target_tok, place_country)) or [
            ctx.target_fallback(m.target_tok, root, sources[0], place_country)]
        targets = _one_crowd(targets)
        if ((root == "15" or m.code.startswith(("087", "074"))) and sources[0] is not None
                and m.target_tok is not None and m.target_tok.dep_ in ("dobj", "nsubjpass")
                and all(
                    t is not None and t.sector in ("MIL", "COP") and (
                        t.country in (None, sources[0].country) or m.target_tok.i in ctx.guessed)
                    for t in targets)):
            # "France deployed 45,000 police", "reservists were called up": its own force
            targets = [None]
        symmetric = (root in SYMMETRIC_ROOTS or m.code in SYMMETRIC_CODES
                     or self._agreed_together(status)  # "X and Y agreed to pull back"
                     or m.trigger.lemma_.lower() in RECIPROCAL_VERBS)  # "swapped prisoners"
        joint = len(sources) > 1 and symmetric
        if joint and (m.trigger.lemma_.lower() in RECIPROCAL_VERBS or (
                not ctx.at(m.target_tok, place_country)
                and (all(t is None or t.name is None for t in targets)
                     or not _named_party(m.target_tok, ctx)))):
            # "Russia and the US swapped prisoners in Ankara": with each other; what they
            # swap and where they do it name no one else
            targets = [None]
        if m.code in UNTARGETED_CODES:
            targets = [None]
        elif targets == [None] and not joint:  # "X and Y held talks": with each other
            skip = {t.i for t in m.source_tok.subtree} if m.source_tok is not None else set()
            light = m.trigger.head.i == m.anchor.i and m.trigger.dep_ in (
                "dobj", "nsubjpass", "attr")  # "held talks with", not "apologized for abuses"
            heads = [m.trigger, m.anchor] if light and m.anchor.i != m.trigger.i else [m.trigger]
            # "offered to mediate between Russia and Ukraine": both
            targets = list(ctx.wider_targets(heads, root, sources[0], skip)) or [None]
            if targets == [None] and root == "13":
                targets = [self._threatened(m, ctx, sources[0])]
            if targets == [None] and root == "15":
                # "massed troops near its border with Ukraine": the state across the border
                targets = [_across_border(m.trigger, ctx)]
            if targets == [None] and m.code.startswith(("074", "017")) and sources[0] is not None \
                    and place_country not in (None, sources[0].country):
                # peacekeepers sent abroad keep the host state; a wreath laid abroad
                # honours it
                targets = [make_actor("", None, place_country, "GOV")]
        speaker = ctx.at(status.speaker, place_country)
        if not speaker and status.speaker is not None and status.speaker.pos_ == "NOUN":
            # "a United Nations inquiry found that"
            inner = ctx.within(status.speaker) or ctx.modifier_org(status.speaker)
            speaker = [inner] if inner is not None else []
        if joint and all(t is not None and t.name is None
                         and t.text.lower().startswith(("the two ", "both "))
                         for t in targets):
            targets = [None]  # "Kenya and Ethiopia signed ..., the first accord between the
            # two neighbours": themselves
        pairs = [(s, t) for s in sources for t in targets]
        if symmetric and len(sources) > 1 and all(
                t is not None and any(s is not None and (t.same_entity(s) or t.code == s.code)
                                      for s in sources)
                for t in targets):
            targets = [None]  # "the leaders of Chad and Niger settled their dispute"
        if symmetric:
            # "Ethiopia and Egypt resumed talks", "clashes between the army and the RSF"
            group = [a for a in (sources if targets == [None] else
                                 targets if sources == [None] else []) if a is not None]
            if len(group) > 1:
                pairs = [(a, b) for a in group for b in group if a is not b]
        if (status.cue is not None and status.status == "proposed" and speaker
                and status.cue.lemma_.lower() in ORDER_CUES and not _negated(status.cue)):
            # "Taliban authorities ordered MSF to close its clinics": an order by an
            # authority is its act, done through others
            sources, status = [speaker[0]], StatusReading("asserted", None, None)
            speaker = []
            pairs = [(s, t) for s in sources for t in targets]
        tr = None
        if status.cue is not None and status.status in ("future", "proposed", "negated"):
            cue = status.cue.lemma_.lower()
            tr = self.transforms.apply(cue, m.code)
            if (tr is None and status.status == "future" and speaker and sources[0]
                    and self.lex.complements.get(cue) == "claimed"
                    and speaker[0].code == sources[0].code and any(
                        c.lower_ == "would" for c in m.anchor.children if c.dep_ == "aux")):
                # "Germany said it would deliver ...": announcing one's own act is a promise
                # ("X will visit Y, his office said" stays the visit, in the future)
                tr = self.transforms.apply("promise", m.code)
        out: list[Event] = []
        for src0, tgt0 in pairs:
            src = localize(src0, place_country, tgt0)
            tgt = localize(tgt0, place_country, src0)
            if src is None and root == "14" and (place_country or (tgt and tgt.country)):
                # protesters unnamed: the people of the place, or of the state they face
                country = place_country or (tgt.country if tgt else None)
                src = make_actor("", None, country, "CVL")
            if (tgt is None and speaker and tr is not None and tr.kind in ("appeal", "demand")
                    and root in RECIPIENT_ROOTS and not speaker[0].same_entity(src)):
                tgt = speaker[0]  # "Ukraine urged Germany to supply missiles": to Ukraine
            if src is None and tgt is None:
                continue
            if (tgt is None and src is not None and src.country and src.sector in STATE_SECTORS
                    and m.code.startswith(POPULATION_CODES)):
                # "lifted the curfew", "banned all public gatherings": on the people
                tgt = make_actor("", None, src.country, "CVL")
            if root == "14" and tgt is None and src is not None and src.sector != "GOV":
                # a protest outside a state's embassy is made to that state ("rallied
                # outside the British embassy in Tehran"); one that names no addressee to the
                # state where it happens
                country = _embassy_of(m.anchor, ctx) or place_country or src.country
                if country is not None:
                    tgt = make_actor("", None, country, "GOV")
            if src is not None and tgt is not None and (src.same_entity(tgt) or (
                    src.code == tgt.code and tgt.text.lower() in SELF_WORDS)):
                tgt = None  # "Canada should lift its tariffs": no one else is acted on
            if tr is None or not tr.replaces:
                out.extend(self._event(doc, ps, _armed(m, src, tgt), src, tgt, status,
                                       speaker[0] if speaker else None))
            if tr is not None and status.cue is not None:
                # "Venezuela and Cuba called on the US to lift ...": an appeal by each
                askers = speaker if tr.kind in ("appeal", "demand") and speaker else [
                    speaker[0] if speaker else None]
                for asker in askers:
                    out.extend(self._transformed(doc, ps, tr, status.cue, src, tgt, asker))
        return out

    def _on_date(self, actor: Actor | None, published: str | None, date: str | None
                 ) -> Actor | None:
        """The actor with the code its knowledge-base person had on ``date``, when the code
        it has came from the publication date (a title in the text stays)."""
        if actor is None or actor.name is None or date is None:
            return actor
        entry = self.kb.first(actor.name, ("person",))
        if entry is None or entry.code_on(_day(published)) != actor.code:
            return actor
        code = entry.code_on(_day(date))
        if code is None or code == actor.code:
            return actor
        country, sector, groups = split_code(code)
        return replace(actor, code=code, country=country, sector=sector, groups=groups)

    def _transformed(self, doc: Document, ps: Any, tr: Transform, cue: Any,
                     src: Actor | None, tgt: Actor | None, speaker: Actor | None
                     ) -> list[Event]:
        """The promise, appeal, demand or threat coded with the subcode of its act: a
        promise or threat by the one who will act, against the act's target; an appeal or
        demand by the speaker to the one asked to act."""
        own = read_status(cue, self.lex)
        if tr.kind in ("appeal", "demand"):
            actor, other = speaker, src
        else:
            actor, other = src or speaker, tgt
        if actor is None and other is None:
            return []
        if actor is not None and other is not None and actor.same_entity(other):
            other = None
        return self._event(doc, ps, Match(tr.code, f"transform:{tr.kind}", cue, cue, None,
                                          None), actor, other,
                           StatusReading(own.status, own.speaker, own.cue), None)

    def _event(self, doc: Document, ps: Any, m: Match, src: Actor | None, tgt: Actor | None,
               status: StatusReading, speaker: Actor | None) -> list[Event]:
        art = doc.article
        code = self.ontology[m.code]
        date, precision, date_source = self.attach.date(doc, ps, m.trigger, m.anchor,
                                                        status.cue)
        if date_source != "published":
            # "In 2005, Prime Minister X ...": a person's role on the event's own date
            src = self._on_date(src, art.published, date)
            tgt = self._on_date(tgt, art.published, date)
        location = self.attach.location(doc, ps, m.trigger, m.anchor, src, tgt, code.quad_class)
        start, end = ps.sentence.start, ps.sentence.end
        trig_start = ps.offset + m.trigger.idx
        trigger = art.body[trig_start:trig_start + len(m.trigger.text)]
        key = "|".join([art.doc_id, str(ps.sentence.index), str(m.trigger.i), m.code,
                        _actor_key(src) or "", _actor_key(tgt) or "", status.status,
                        self.versions["coder"]])
        confidence = 0.9
        if src is None or tgt is None:
            confidence -= 0.2
        if m.implied_source is not None and src is m.implied_source:
            confidence -= 0.2
        ev = Event(
            event_id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:20],
            doc_id=art.doc_id, published=art.published, date=date, date_precision=precision,
            date_source=date_source,  # type: ignore[arg-type]
            source=src, target=tgt, cameo=m.code,
            cameo_root=m.code[:2], plover=code.plover, plover_mode=code.plover_mode,
            goldstein=code.goldstein, quad_class=code.quad_class, status=status.status,  # type: ignore[arg-type]
            speaker=speaker if status.status != "asserted" else None, location=location,
            evidence=Evidence(ps.sentence.index, ps.sentence.text, start, end, trigger,
                              trig_start),
            confidence=round(confidence, 2), rule=m.rule, versions=dict(self.versions),
            issues=self.user.issues_in(ps.sentence.text))
        out = [ev]
        act = self._speech_act(m, src, tgt, status, speaker)
        if act is not None:
            act_code, rule, about = act
            cue = status.cue if status.cue is not None else m.trigger
            out.extend(self._event(doc, ps, Match(act_code, rule, cue, cue, None, None), speaker,
                                   about, StatusReading("asserted", None, None), None))
        return out

    def _speech_act(self, m: Match, src: Actor | None, tgt: Actor | None,
                    status: StatusReading, speaker: Actor | None
                    ) -> tuple[str, str, Actor | None] | None:
        """The saying itself, coded apart from what was said: a claim that someone used
        violence is an accusation (112); a denial is 016; any other claim about another
        actor is a statement (010)."""
        if speaker is None or status.cue is None:
            return None

        def other(a: Actor | None) -> bool:
            return a is not None and not speaker.same_entity(a) and speaker.code != a.code

        cue = status.cue.lemma_.lower()
        statements = self.statements
        if (status.status == "claimed" and other(src) and m.code[:2] in VIOLENT_ROOTS | {"175"}
                and (cue in ACCUSING_CUES or m.trigger.lemma_.lower() in CRIME_NOUNS)):
            # "the report concluded X committed genocide" accuses X; "police said gunmen
            # attacked" only reports the attack
            return "112", "claim-of-violence", src
        if status.status == "negated" and cue in DENIAL_CUES:
            return "016", "speech:denial", tgt if other(tgt) else None
        if status.status == "claimed" and statements:
            about = src if other(src) else tgt if other(tgt) else None
            if about is not None:
                return "010", "speech:statement", about
        return None


def _owned_up(tok: Any) -> tuple[Any, str] | None:
    """The verb and status when ``tok`` is what someone claims, admits or denies a part in
    ("claimed responsibility for a roadside bomb that struck ...", "denied any role in the
    poisoning of ...", "responsibility for the cyberattack was denied by Moscow")."""
    node = tok
    for _ in range(6):
        if node.dep_ not in ("pobj", "prep", "relcl", "acl", "conj", "appos") or (
                node.head.i == node.i):
            return None
        below, node = node, node.head
        verb = None
        if (node.lemma_.lower() in RESPONSIBILITY_NOUNS and node.dep_ in ("dobj", "nsubjpass")
                and node.head.lemma_.lower() in OWNING_VERBS):
            verb = node.head
        elif below.dep_ == "prep" and node.lemma_.lower() in OWNING_VERBS and any(
                c.lemma_.lower() in RESPONSIBILITY_NOUNS for c in children(node, "dobj")):
            verb = node  # "denied any role | in the poisoning": the phrase hung on the verb
        if verb is not None:
            reading = OWNING_VERBS[verb.lemma_.lower()]
            if reading != "negated" and _negated(verb):
                reading = "negated"  # "did not claim responsibility"
            return verb, reading
    return None


def _named_party(tok: Any | None, ctx: SentenceActors) -> bool:
    """Whether what coordinated actors act on names a party of its own: a partner ("with
    X") or an owner ("support its plan"); one named only deep inside it ("sharing
    information on al-Shabaab's finances") is the topic."""
    if tok is None:
        return False
    return (tok.dep_ == "pobj" and tok.head.lower_ == "with") or any(
        ctx.at(c) for c in children(tok, "poss"))


def _across_border(trigger: Any, ctx: SentenceActors) -> Actor | None:
    """The state named across a border in a show of force's phrase ("massed troops near
    its border with Ukraine", "along the frontier with Guyana")."""
    for t in trigger.subtree:
        if t.lemma_.lower() in ("border", "frontier", "boundary"):
            for prep in children(t, "prep"):
                if prep.lower_ == "with":
                    for obj in children(prep, "pobj"):
                        found = ctx.at(obj)
                        if found:
                            return found[0]
    return None


def _peacekeeping(m: Match) -> bool:
    """Forces sent abroad to keep the peace or protect people: "deployed 400 police to Haiti
    as the first contingent of a multinational security mission", "soldiers were sent to
    Cabo Delgado to protect villagers", "peacekeepers arrived in southern Lebanon"."""
    if not (m.code[:2] == "15" or (m.code == "042" and m.source_tok is not None and (
            m.source_tok.lemma_.lower() in PEACEKEEPERS
            or any(t.lemma_.lower() in PEACEKEEPERS for t in m.source_tok.subtree)))):
        return False
    if m.trigger.lemma_.lower() not in DEPLOY_WORDS:
        return False
    for t in m.anchor.sent:
        low = t.lemma_.lower()
        if low in PEACEKEEPERS or low == "peacekeeping":
            return True
        if low in ("mission", "force") and any(c.lemma_.lower() in MISSION_KINDS
                                                for c in t.children):  # "a security force"
            return True
        if low == "protect" and t.dep_ in ("advcl", "xcomp") and any(
                o.lemma_.lower() in PROTECTED for o in t.subtree):
            return True
    return False


def _purpose(verb: Any) -> bool:
    """An infinitive of purpose: 'to protect', 'in order to stop' hung on another verb."""
    return (verb.dep_ in ("advcl", "acl") and verb.pos_ == "VERB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


def _embassy_of(verb: Any, ctx: SentenceActors) -> str | None:
    """The state whose embassy or consulate the act happens at ("outside the British
    embassy", "at the US consulate", "in front of the embassy of Israel")."""
    for t in verb.subtree:
        if t.lemma_.lower() in ("embassy", "consulate", "mission") and t.dep_ == "pobj":
            nation = ctx.nationality(t) or ctx.within(t)
            if nation is not None and nation.country:
                return nation.country
    return None


def _armed(m: Match, src: Actor | None, tgt: Actor | None) -> Match:
    """An attack or killing by a state's armed forces, or by armed men on soldiers, is the
    use of conventional military force (190), not unconventional violence (180, 1823):
    "troops killed two gunmen", "insurgents attacked an army base"."""
    if m.code not in ("180", "1823") or src is None:
        return m
    if src.sector == "MIL" or (src.sector == "REB" and tgt is not None
                               and tgt.sector == "MIL") or (
            # "Turkey could attack Kurdish fighters in Syria": a state's attack on armed men
            # or on another state is its armed forces'
            src.sector == "GOV" and tgt is not None and (
                tgt.sector in ("MIL", "REB") or (tgt.sector == "GOV"
                                                 and tgt.country != src.country))):
        return replace(m, code="190", rule=m.rule + "+armed")
    return m


def _drop_consequences(matches: list[Match]) -> list[Match]:
    """A participle that tells how an act went is part of it: "shelled the town, killing
    two civilians" is one attack; "rallied in Tbilisi, demanding his resignation" is one
    protest (whose demand its subcode tells)."""
    told = matches
    matches = _by_means(matches)
    # a verb merged into its event noun still has its consequences ("a bomb that struck a
    # convoy, killing four")
    roots = {m.trigger.i: m.code[:2] for m in told + matches}
    anchored = {m.anchor.i: m.code[:2] for m in matches}  # "carried out atrocities, burning"
    anchors = set(anchored) | set(roots)
    # "enforced a general strike, demanding ...": the verb that holds an event noun
    anchored.update({m.trigger.head.i: m.code[:2] for m in matches
                     if m.trigger.pos_ == "NOUN" and m.trigger.dep_ == "dobj"})
    out = []
    for m in matches:
        t = m.trigger
        if _topic_of_another(m, anchors) or _idle_subject(m):
            continue
        if (t.dep_ == "pobj" and t.head.dep_ == "prep"
                and not (t.head.lower_ == "for" and m.code == "040")
                # "looted shops during a strike by police": an act of others
                and not (t.head.lower_ in CIRCUMSTANCE_PREPS
                         and any(p.lower_ == "by" for p in children(t, "prep")))
                and roots.get(t.head.head.i) == m.code[:2] and t.head.head.i != t.i):
            continue  # "went on strike": the verb's phrase already codes it (not "flew to
            # Lima for talks": the visit and the talks)
        first = t
        for _ in range(4):  # "burning villages and killing and raping their inhabitants"
            if first.dep_ not in ("conj", "dobj") or first.head.i == first.i:
                break
            first = first.head
        head_root = (roots.get(first.head.i) or anchored.get(first.head.i)
                     if first.dep_ == "advcl" and first.tag_ == "VBG" else None)
        if head_root is not None and (
                (head_root in VIOLENT_ROOTS and m.code[:2] in VIOLENT_ROOTS and t.tag_ == "VBG")
                or (head_root == "14" and (m.code[:2] == "10" or first.i != t.i))):
            continue  # also what the protest demands ("rallied, demanding his resignation")
        out.append(m)
    return out


def _by_means(matches: list[Match]) -> list[Match]:
    """"Killed six rebels in a firefight", "were killed in a drone strike": the killing is
    how the strike or the fight is told; one event with the strike's code and the verb's
    actors."""
    nouns = {m.trigger.i: m for m in matches if m.trigger.pos_ == "NOUN"
             and m.code[:2] in VIOLENT_ROOTS}
    out, used = [], set()
    for m in matches:
        if m.trigger.pos_ == "VERB" and m.code[:2] == "18":
            for prep in m.trigger.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "by"):
                    continue
                means = next((nouns[c.i] for c in prep.children
                              if c.dep_ == "pobj" and c.i in nouns), None)
                if means is not None and means.code[:2] != "18":
                    m = replace(m, code=means.code, rule=f"{m.rule}+{means.rule}")
                    used.add(means.trigger.i)
                    break
        doer = m.source_tok
        if doer is not None and doer.tag_ in ("WDT", "WP") and m.trigger.dep_ == "relcl":
            doer = m.trigger.head  # "a bomb that struck"
        if (m.trigger.pos_ == "VERB" and m.code[:2] in VIOLENT_ROOTS and doer is not None
                and doer.i in nouns and doer.i != m.trigger.i):
            # "a car bomb attack killed six officers", "a roadside bomb that struck a
            # convoy": the attack told with what it did; one event, the attack's code
            means = nouns[doer.i]
            if means.target_tok is None:
                nouns[doer.i] = replace(means, target_tok=m.target_tok)
            continue
        out.append(m)
    return [nouns.get(m.trigger.i, m) for m in out
            if m.trigger.i not in used or m.trigger.pos_ == "VERB"]


def _idle_subject(m: Match) -> bool:
    """"Talks with Iran have reached a dead end": an event noun that is only the subject of
    a clause about it, with no one named doing it, tells no event (force told so still does:
    "the attack killed six")."""
    t = m.trigger
    return (t.pos_ == "NOUN" and t.dep_ in ("nsubj", "nsubjpass") and m.anchor.i == t.i
            and m.source_tok is None and m.implied_source is None
            and not any(c.dep_ == "prep" and c.lower_ == "between" for c in t.children)
            and m.code[:2] not in VIOLENT_ROOTS | {"14", "15", "16", "17"})


def _topic_of_another(m: Match, triggers: set[int]) -> bool:
    """An event noun that is only what another event is about, with a side of its own
    missing: "an inquiry into alleged abuses", "an appeal for food aid", "lifted restrictions
    on gatherings". (With both sides named it is an event of its own: "an investigation into
    the shelling of a market by Russian forces".)"""
    if m.anchor.i != m.trigger.i or m.trigger.pos_ == "VERB" or (
            (m.source_tok is not None or m.implied_source is not None)
            and m.target_tok is not None):
        return False
    if m.code[:2] in ("17", "18", "19", "20") and m.target_tok is not None:
        return False  # "resign over the arrest of dozens of protesters": a deed all the same
    t = m.trigger
    for _ in range(4):
        if t.dep_ not in ("pobj", "prep", "dobj", "nsubjpass", "compound", "conj", "appos",
                          "prt", "advmod") or (
                t.dep_ == "prep" and t.lower_ not in TOPIC_PREPS):
            return False  # "detained 14 during a protest": a circumstance, an event of its own
        t = t.head
        if t.i in triggers and t.i != m.trigger.i:
            return True
    return False


def _day(date: str | None) -> str | None:
    """A day inside a date of any precision: mid-year for "2005", mid-month for "2005-03"."""
    if date is None or len(date) >= 10:
        return date[:10] if date else None
    return f"{date}-07-01" if len(date) == 4 else f"{date}-15"


def _negated(verb: Any) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _non_agent(tok: Any, words: frozenset[str]) -> bool:
    """'Storm Daniel killed ...', 'the earthquake destroyed ...': not an actor's deed."""
    return any(t.lemma_.lower() in words or t.lower_ in words
               for t in tok.subtree if t.dep_ in ("compound", "amod") or t.i == tok.i)


def _one_crowd(targets: list[Actor | None]) -> list[Actor | None]:
    """Unnamed people of one country listed together are one target ("killed 8,000 men
    and boys", "granted asylum to a journalist and her two children"); states, armed
    groups and organisations listed together stay apart ("mediated between Ethiopia's
    government and Tigrayan forces")."""
    if len(targets) < 2 or any(
            t is None or t.name is not None or t.sector in STATE_SECTORS | ORG_SECTORS
            for t in targets):
        return targets
    if len({t.country for t in targets if t is not None}) != 1:
        return targets
    return targets[:1]


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per code, dyad and status in a sentence; an event missing a source or
    target gives way to the same event with it ("signed" and "an agreement with Peru")."""
    out: list[Event] = []
    seen: set[tuple[str | None, ...]] = set()
    full = {(e.cameo, _actor_key(e.source), e.status) for e in events if e.target} | {
        (e.cameo, _actor_key(e.target), e.status) for e in events if e.source}
    # a visit (042, 043) is no finer form of the talks held on it ("flew to Lima for talks")
    specific = {(e.cameo_root, _actor_key(e.source), e.status) for e in events
                if (len(e.cameo) > 3 or (len(e.cameo) == 3 and e.cameo[2] != "0"))
                and e.cameo not in ("042", "043")}
    refined = {(e.cameo[:3], _actor_key(e.source), e.status) for e in events
               if len(e.cameo) > 3}
    # a pattern that names the request ("demanded +obj resignation": 1041) beats the code
    # a transform builds for it from the act asked for
    named = {(e.cameo_root, _actor_key(e.source), _actor_key(e.target), e.status)
             for e in events if not e.rule.startswith("transform:") and not e.cameo.endswith("0")}
    for e in events:
        key = (e.cameo, _actor_key(e.source), _actor_key(e.target), e.status)
        if key in seen:
            continue
        if len(e.cameo) == 3 and e.cameo.endswith("0") and (
                e.cameo_root, _actor_key(e.source), e.status) in specific:
            continue  # "urged" (020) gives way to "urged ... to release" (0253)
        if len(e.cameo) == 3 and (e.cameo, _actor_key(e.source), e.status) in refined:
            continue  # "accused" (112) gives way to "accused ... of torture" (1122)
        if e.rule.startswith("transform:") and (
                e.cameo_root, _actor_key(e.source), _actor_key(e.target), e.status) in named:
            continue
        if e.target is None and (e.cameo, _actor_key(e.source), e.status) in full:
            continue
        if e.source is None and (e.cameo, _actor_key(e.target), e.status) in full:
            continue
        seen.add(key)
        out.append(e)
    return out


def _actor_key(a: Actor | None) -> str | None:
    return None if a is None else (a.code or a.text)

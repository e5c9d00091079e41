"""Coding: the event stage. Matches verb and noun patterns over the parse and builds events.

For every sentence: verb triggers ("detained", "cracked down on") and noun
triggers ("the arrest of", "held talks with") are matched against the pattern
dictionary; their source and target come from the parse (active, passive with
"by", agentless passive, light verbs, possessives, "of"/"by" phrases) and the
actors stage; their status from :mod:`newsevents.coding.syntax`. Speech acts
add events of their own: "X said Y should ..." is an appeal by X to Y, and a
claim that Y committed violence is an accusation by X against Y.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any

from newsevents.actors.kb import KnowledgeBase
from newsevents.actors.resolve import make_actor
from newsevents.coding.attach import Attacher
from newsevents.coding.context import SentenceActors, localize
from newsevents.coding.dictionaries import UserDictionaries
from newsevents.coding.petrarch import NULL_CODE
from newsevents.coding.syntax import (
    StatusReading,
    agent,
    children,
    is_passive,
    read_status,
    subject,
)
from newsevents.coding.tables import Lexicon, Ontology, VerbPattern
from newsevents.coding.transforms import Transform, Transforms, count_people
from newsevents.records import Actor, Document, Event, Evidence

VIOLENT_ROOTS = {"18", "19", "20"}
NAME_ENTITIES = {"WORK_OF_ART", "LAW", "EVENT", "ORG", "FAC", "PRODUCT", "DATE", "TIME",
                 "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# events only people do: a subject that is no actor ("shares rallied") rules them out
ACCUSING_CUES = {"conclude", "find", "allege", "claim", "accuse", "charge", "blame", "contend",
                 "testify", "insist", "assert", "argue", "maintain", "believe", "condemn"}
CRIME_NOUNS = {"genocide", "atrocity", "atrocities", "massacre", "cleansing", "crimes",
               "abuses", "torture", "persecution"}
DENIAL_CUES = {"deny", "dismiss", "refute", "reject"}
SYMMETRIC_ROOTS = {"03", "04", "05", "06", "19"}
SYMMETRIC_CODES = {"036", "046", "057", "030", "0841"}
HUMAN_AGENT_ROOTS = {"01", "02", "03", "04", "05", "10", "11", "12", "13", "14"}
DEFAULT_VERB_PREPS = ("with", "against", "on", "between", "to")
CODER_VERSION = "coder-0.1"


@dataclass
class Match:
    """A trigger found in a sentence, before actors and status are attached."""

    code: str
    rule: str
    trigger: Any  # the trigger token
    anchor: Any  # where status and subject are read: the verb, or the light verb of a noun
    source_tok: Any | None
    target_tok: Any | None
    implied_source: Actor | None = None
    status: StatusReading | None = None


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
        self.object_control = frozenset(
            [lemma for lemma, pats in lexicon.verbs.items()
             if any(p.control == "object" for p in pats)]
            + [lemma for lemma, cls in lexicon.complements.items() if cls == "proposed"])
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
            matches = self.find(ps.span, ctx)
            matches += self.speech_acts(ps.span, matches)
            events.extend(_dedupe([ev for m in matches for ev in self.build(doc, ps, m, ctx)]))
        return replace(doc, events=tuple(events))

    def _subject(self, verb: Any, control: str | None = None) -> Any | None:
        return subject(verb, control, self.object_control)

    # -- finding triggers -----------------------------------------------------
    def find(self, sent: Any, ctx: SentenceActors) -> list[Match]:
        out: list[Match] = []
        lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        consumed: set[int] = set()  # objects of a matched verb are not events of their own
        for tok in sent:
            if tok.ent_type_ in NAME_ENTITIES:
                continue  # "the Genocide Convention", "Committee to Protect Journalists"
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_.startswith("VB")):
                m = self._verb(tok, ctx, lemmas)
                if m is not None:
                    out.append(m)
                    consumed.update(c.i for c in children(tok, "dobj"))
                    continue
            if tok.i in consumed:
                continue
            if tok.pos_ in ("NOUN", "PROPN", "VERB") and tok.dep_ != "compound":
                n = self._noun(tok, ctx)
                if n is not None:
                    out.append(n)
        return out

    def _verb(self, tok: Any, ctx: SentenceActors, lemmas: set[str]) -> Match | None:
        pats = self.lex.verbs.get(tok.lemma_.lower()) or self.lex.verbs.get(tok.lower_)
        if not pats:
            return self._pejorative(tok)
        best: VerbPattern | None = None
        for p in pats:
            if p.unless & lemmas:
                continue
            if _verb_fits(tok, p) and (best is None or (p.priority, p.specificity) > (
                    best.priority, best.specificity)):
                best = p
        if best is None:
            return self._pejorative(tok)
        if best.code == NULL_CODE:
            return None  # a dictionary's [---]: this phrase codes nothing
        target = self._verb_target(tok, best, ctx)
        source = agent(tok) if is_passive(tok) else self._subject(tok, best.control)
        return Match(best.code, best.id, tok, tok, source, target)

    def _verb_target(self, tok: Any, p: VerbPattern, ctx: SentenceActors) -> Any | None:
        """The first slot that holds an actor; else the first that holds anything."""
        if p.prep:
            # the pattern names the target's preposition ("deploy to"): that phrase, actor or
            # not ("troops" in "deployed troops to the border" is the source's own force)
            named = _prep_object(tok, p.prep)
            if named is not None:
                return named
        found = [t for t in self._target_slots(tok, p) if t is not None]
        return next((t for t in found if ctx.is_actor(t)), found[0] if found else None)

    def _target_slots(self, tok: Any, p: VerbPattern) -> list[Any]:
        """Candidates for the target, in the order of the pattern's slots."""
        # an object the pattern requires ("sign an agreement") is a target only if it is an
        # actor ("beat protesters"): _verb_target prefers actors among these candidates
        objs = children(tok, "dobj")
        if not objs:  # "beat and deported dozens of refugees": the object is shared
            for conj in children(tok, "conj"):
                objs += children(conj, "dobj")[:1]
        out: list[Any] = []
        default = ("prep", "dobj", "nsubjpass", "dative", "ccomp_subject") if p.prep else (
            "dobj", "nsubjpass", "prep", "dative", "ccomp_subject")
        for slot in p.target or default:
            if slot == "dobj":
                out += objs[:1]
            elif slot == "nsubjpass":
                out += children(tok, "nsubjpass")[:1]
            elif slot == "dative":
                out += [_pobj(d) or d for d in children(tok, "dative")[:1]]
            elif slot == "prep":
                # "signed an agreement with Peru": the phrase may hang on the object
                for prep in [p.prep] if p.prep else list(DEFAULT_VERB_PREPS):
                    out += [_prep_object(tok, prep)] + [
                        _prep_object(o, prep) for o in children(tok, "dobj")]
            elif slot == "ccomp_subject" and p.complement:
                out += [s for cc in children(tok, "ccomp") for s in children(cc, "nsubj")[:1]]
        return out

    def _pejorative(self, tok: Any) -> Match | None:
        """"called X a terrorist", "branded X a traitor": an accusation (112)."""
        if tok.lemma_.lower() not in self.lex.pejorative_verbs:
            return None
        objs = children(tok, "dobj")
        preds = children(tok, "oprd", "xcomp", "attr") + objs[1:]  # "branded X a spy"
        for prep in children(tok, "prep"):
            if prep.lower_ == "as":
                preds += children(prep, "pobj")
        for pred in preds:
            for word in [pred, *children(pred, "conj")]:
                if word.lower_ in self.lex.pejoratives or word.lemma_ in self.lex.pejoratives:
                    target = objs[0] if objs else None
                    return Match("112", "pejorative:" + word.lower_, tok, tok,
                                 self._subject(tok), target)
        return None

    def _noun(self, tok: Any, ctx: SentenceActors) -> Match | None:
        pat = None
        left = tok.nbor(-1) if tok.i > tok.sent.start else None
        if left is not None and left.dep_ in ("compound", "amod"):
            pat = self.lex.nouns.get(f"{left.lower_} {tok.lower_}")
        pat = pat or self.lex.nouns.get(tok.lower_) or self.lex.nouns.get(tok.lemma_.lower())
        if pat is None or tok.pos_ == "VERB":
            return None
        anchor = tok
        source = target = None
        implied: Actor | None = None
        head = tok.head
        light = head.lemma_.lower() in self.lex.light_verbs
        if tok.dep_ in ("dobj", "nsubjpass", "attr") and light:
            anchor = head
            source = agent(head) if is_passive(head) else self._subject(head)
        elif pat.needs_light_verb:
            return None
        elif tok.dep_ == "pobj" and head.lower_ == "under":
            anchor = head.head
            target = (children(anchor, "nsubj") or [None])[0]
        elif tok.dep_ == "pobj" and head.head.pos_ in ("VERB", "NOUN"):
            anchor = head.head if head.lower_ == "for" else tok
        patient_poss = pat.of == "target" and pat.code[:2] in ("17", "08", "18")
        for c in tok.children:
            if c.dep_ == "poss":
                owner = ctx.at(c)
                # "his arrest": the one arrested; "Tehran's crackdown": the one who acts
                state = bool(owner) and owner[0].sector in STATE_SECTORS
                if patient_poss and not state:
                    target = target or c
                else:
                    source = source or c
            elif c.dep_ in ("amod", "compound") and source is None and implied is None:
                # "Israeli air strikes", "European Union sanctions": the modifier acts
                words = tok.doc[c.left_edge.i:c.i + 1].text
                entry = self.kb.first(words, ("org",)) or self.kb.first(
                    c.text, ("adjective", "country", "org"))
                if entry is not None and entry.kind == "org":
                    implied = make_actor(words, entry.name, entry.country, entry.sector,
                                         code=entry.code)
                elif entry is not None and entry.country:
                    sector = "MIL" if pat.code[:2] in ("15", "19") or pat.code == "195" else "GOV"
                    implied = make_actor(c.text, None, entry.country, sector)
        by = _prep_object(tok, "by")
        if by is not None:
            source = by
        of = _prep_object(tok, "of")
        if of is not None:
            if pat.of == "target":
                target = target or of
            else:
                source = source or of
        for prep in pat.preps:
            found = _prep_object(tok, prep) or (
                _prep_object(anchor, prep) if anchor.i != tok.i else None
            ) or _prep_in_phrase(anchor, prep)
            if found is not None:
                target = found if prep != "of" or pat.of == "target" else target
                break
        return Match(pat.code, pat.id, tok, anchor, source, target, implied)

    # -- speech acts --------------------------------------------------------
    def speech_acts(self, sent: Any, matches: list[Match]) -> list[Match]:
        """'X said Y should ...' -> an appeal by X to Y (020)."""
        out: list[Match] = []
        for tok in sent:
            if self.lex.complements.get(tok.lemma_.lower()) != "claimed":
                continue
            for cc in children(tok, "ccomp"):
                modal = [c for c in cc.children if c.dep_ == "aux" and c.lower_ in
                         ("should", "must", "ought")]
                subj = children(cc, "nsubj")
                if modal and subj and not any(m.trigger.i == tok.i for m in matches):
                    out.append(Match("020", "speech:should", tok, tok, self._subject(tok),
                                     subj[0]))
        return out

    # -- building events ------------------------------------------------------
    def build(self, doc: Document, ps: Any, m: Match, ctx: SentenceActors) -> list[Event]:
        status = read_status(m.anchor, self.lex)
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
        if m.source_tok is not None and _non_agent(m.source_tok, self.lex.non_agents):
            return []
        place = self.attach.place(doc, ps, m.trigger, m.anchor)
        place_country = place.country if place is not None else ctx.locative_country()
        sources: list[Actor | None] = list(ctx.at(m.source_tok, place_country)) or [
            m.implied_source]
        if (m.source_tok is not None and not sources[0] and root in HUMAN_AGENT_ROOTS
                and not ctx.is_actor(m.source_tok)):
            return []  # "shares rallied", "talks stalled": no one protests or appeals
        targets: list[Actor | None] = list(ctx.at(m.target_tok, place_country)) or [
            ctx.target_fallback(m.target_tok, root, sources[0])]
        speaker = ctx.at(status.speaker, place_country)
        pairs = [(s, t) for s in sources for t in targets]
        if m.code[:2] in SYMMETRIC_ROOTS or m.code in SYMMETRIC_CODES:
            # "Ethiopia and Egypt resumed talks", "clashes between the army and the RSF"
            group = [a for a in (sources if targets == [None] else
                                 targets if sources == [None] else []) if a is not None]
            if len(group) > 1:
                pairs = [(a, b) for a in group for b in group if a is not b]
        tr = None
        if status.cue is not None and status.status in ("future", "proposed", "negated"):
            cue = status.cue.lemma_.lower()
            tr = self.transforms.apply(cue, m.code)
            if (tr is None and status.status == "future" and speaker and sources[0]
                    and self.lex.complements.get(cue) == "claimed"
                    and speaker[0].code == sources[0].code):
                # "Germany said it would deliver ...": announcing one's own act is a promise
                tr = self.transforms.apply("promise", m.code)
        out: list[Event] = []
        for src0, tgt0 in pairs:
            if True:
                src = localize(src0, place_country, tgt0, m.code)
                tgt = localize(tgt0, place_country, src0, m.code)
                if src is None and root == "14" and (place_country or (tgt and tgt.country)):
                    # protesters unnamed: the people of the place, or of the state they face
                    country = place_country or (tgt.country if tgt else None)
                    src = make_actor("", None, country, "CVL")
                if src is None and tgt is None:
                    continue
                if src is not None and tgt is not None and src.same_entity(tgt):
                    tgt = None  # "Canada should lift its tariffs": no one else is acted on
                if tr is None or not tr.replaces:
                    out.extend(self._event(doc, ps, m, src, tgt, status,
                                           speaker[0] if speaker else None))
                if tr is not None and status.cue is not None:
                    out.extend(self._transformed(doc, ps, m, tr, status.cue, src, tgt,
                                                 speaker[0] if speaker else None))
        return out

    def _transformed(self, doc: Document, ps: Any, m: Match, tr: Transform, cue: Any,
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
        date, precision, date_source = self.attach.date(doc, ps, m.trigger, m.anchor)
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
            evidence=Evidence(ps.sentence.index, ps.sentence.text, start, end, trigger),
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


def _non_agent(tok: Any, words: frozenset[str]) -> bool:
    """'Storm Daniel killed ...', 'the earthquake destroyed ...': not an actor's deed."""
    return any(t.lemma_.lower() in words or t.lower_ in words
               for t in tok.subtree if t.dep_ in ("compound", "amod") or t.i == tok.i)


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per code, dyad and status in a sentence; an event missing a source or
    target gives way to the same event with it ("signed" and "an agreement with Peru")."""
    out: list[Event] = []
    seen: set[tuple[str | None, ...]] = set()
    full = {(e.cameo, _actor_key(e.source), e.status) for e in events if e.target} | {
        (e.cameo, _actor_key(e.target), e.status) for e in events if e.source}
    specific = {(e.cameo_root, _actor_key(e.source), e.status) for e in events
                if len(e.cameo) > 3 or (len(e.cameo) == 3 and e.cameo[2] != "0")}
    for e in events:
        key = (e.cameo, _actor_key(e.source), _actor_key(e.target), e.status)
        if key in seen:
            continue
        if len(e.cameo) == 3 and e.cameo.endswith("0") and (
                e.cameo_root, _actor_key(e.source), e.status) in specific:
            continue  # "urged" (020) gives way to "urged ... to release" (0253)
        if e.target is None and (e.cameo, _actor_key(e.source), e.status) in full:
            continue
        if e.source is None and (e.cameo, _actor_key(e.target), e.status) in full:
            continue
        seen.add(key)
        out.append(e)
    return out


def _actor_key(a: Actor | None) -> str | None:
    return None if a is None else (a.code or a.text)


def _pobj(prep: Any) -> Any | None:
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            return c
    return None


def _prep_object(tok: Any, word: str) -> Any | None:
    """The object of a preposition under ``tok``; never a time ('called on Friday')."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == word:
            obj = _pobj(c)
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                return obj
    return None


def _prep_in_phrase(anchor: Any, word: str) -> Any | None:
    """A prepositional object anywhere in the anchor's phrase, not inside another clause:
    the parser often hangs 'against Uyghurs' on the wrong noun."""
    for t in anchor.subtree:
        if t.dep_ != "prep" or t.lower_ != word or t.i < anchor.i:
            continue
        up = t.head
        while up.i != anchor.i and up.pos_ not in ("VERB", "AUX") and up.head.i != up.i:
            up = up.head
        if up.i == anchor.i:
            return _pobj(t)
    return None


def _verb_fits(tok: Any, p: VerbPattern) -> bool:
    kids = list(tok.children)
    words = {c.lower_ for c in kids} | {c.lemma_.lower() for c in kids}
    grand = {g.lemma_.lower() for c in kids for g in c.children} | {
        g.lower_ for c in kids for g in c.children}
    if any(part not in {c.lower_ for c in kids if c.dep_ in ("prt", "prep", "advmod")}
           for part in p.particles):
        return False
    if p.prep and not (_prep_object(tok, p.prep) is not None or any(
            c.dep_ == "prt" and c.lower_ == p.prep for c in kids)):
        return False
    if any(w not in words | grand for w in p.words):
        return False
    if p.subject:
        subj = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass", "agent")]
        heads = {s.lemma_.lower() for s in subj} | {
            g.lemma_.lower() for s in subj if s.dep_ == "agent" for g in s.children}
        if not heads & p.subject:
            return False
    return not (p.obj_nouns and not (p.obj_nouns & (words | grand)))

"""Triggers: the first half of the coding stage. Finds verb and noun triggers in a sentence
and reads their source and target slots off the dependency parse.

Verb triggers ("detained", "cracked down on", "lift +obj sanctions") and noun triggers
("the arrest of", "held talks with") are matched against the pattern dictionary; slots
come from the subject, the "by" phrase of a passive, infinitive control, objects, the
pattern's preposition, datives, possessors and nationality words. The events themselves
are built in :mod:`newsevents.coding.engine`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from newsevents.actors.kb import KnowledgeBase
from newsevents.actors.resolve import STATE_SECTORS, make_actor
from newsevents.coding.context import SentenceActors
from newsevents.coding.syntax import agent, children, is_passive, subject
from newsevents.coding.tables import NULL_CODE, Lexicon, VerbPattern
from newsevents.parse import backing_word
from newsevents.records import Actor

NAME_ENTITIES = {"WORK_OF_ART", "LAW", "EVENT", "ORG", "FAC", "PRODUCT", "DATE", "TIME",
                 "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}
NOMINAL_DEPS = {"pobj", "dobj", "nsubj", "nsubjpass", "attr", "dative"}
DEFAULT_VERB_PREPS = ("with", "against", "on", "between", "to")
# in conflict (roots 10-20) "against" names the target before "with", which names a forum
# or a partner ("filed a complaint with the WTO against Indonesia")
CONFLICT_VERB_PREPS = ("against", "on", "with", "between", "to")
# what a pejorative can qualify: "called them a terrorist organisation", not "a criminal
# fabrication"
BODY_NOUNS = {"organisation", "organization", "group", "gang", "regime", "state", "network",
              "cell", "outfit", "movement", "entity", "militia", "army", "government"}
# verbs of warning: a threat only when the speaker's own act is what is warned of
FORECAST_VERBS = {"warn", "caution"}
# words that make a sentence one about sport, where attacks, strikes and fights are play
SPORT_WORDS = {"grandmaster", "chess", "striker", "goalkeeper", "midfielder", "defender",
               "footballer", "tournament", "championship", "league", "olympics", "olympic",
               "semifinal", "semi-final", "quarterfinal", "quarter-final", "goal", "goals",
               "penalty", "tennis", "cricket", "rugby", "boxer", "boxing", "wicket", "innings",
               "equaliser", "equalizer", "half-time", "halftime", "kick-off", "hat-trick",
               "scoreline", "friendly"}
# a work named after an event ("Siege of Sarajevo, a documentary by ...")
WORK_NOUNS = {"documentary", "film", "movie", "book", "novel", "play", "album", "song",
              "series", "exhibition", "memoir", "opera", "painting", "poem"}
# words that make an act of two or more actors a joint one
# verbs that ask for an act: an event noun they take is the act asked for, proposed
REQUEST_VERBS = {"urge", "demand", "ask", "request", "call", "press", "push", "appeal"}
# what one party says to another: rejected or welcomed, it is still that party's act
CLAIM_NOUNS = {"demand", "allegation", "accusation", "threat", "ultimatum", "criticism",
               "condemnation"}
# what a release of money is made of: aid, not freed people
MONEY_WORDS = {"million", "billion", "euros", "dollars", "funds", "funding", "aid", "loan",
               "tranche", "money"}
# rallies that are no protest
NON_PROTEST_WORDS = {"campaign", "election", "electoral", "victory", "pre-election"}
# military exercises: held with a partner, cooperation; alone, a show of force
DRILL_NOUNS = {"exercise", "exercises", "drill", "drills", "manoeuvre", "manoeuvres",
               "maneuver", "maneuvers", "game", "games"}
# verbs by which one comes to take part in talks ("return to the talks")
JOINING_VERBS = {"return", "join", "rejoin", "enter", "come", "go", "head"}
# prepositions that set an act at a meeting ("during talks with") or make the meeting its
# means ("settle their dispute through negotiations")
OCCASION_PREPS = {"during", "at", "on", "after", "following", "before", "ahead", "through",
                  "via"}
# verbs whose subject undergoes the act their object names ("faced sanctions", "drew
# condemnation from")
REACTION_VERBS = {"draw", "attract", "face", "earn", "incur", "spark", "provoke", "prompt",
                  "trigger", "receive"}
# acts done with a partner: asked for, the partner named is the one asked to take part
JOINT_ROOTS = {"03", "04", "05", "06"}
JOINT_WORDS = {"joint", "jointly", "bilateral", "together", "shared", "common"}
# going somewhere "for talks": the traveller takes part in them
TRAVEL_VERBS = {"travel", "fly", "go", "arrive", "come", "head", "visit", "return", "leave",
                "set", "journey", "land", "send", "dispatch"}  # "sent an envoy to Kabul for talks"
# nouns that hold an event noun without changing it: "a round of talks", "a wave of arrests"
CONTAINER_NOUNS = {"round", "series", "wave", "spate", "string", "campaign", "day", "week",
                   "flurry", "barrage", "volley", "set"}


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


class TriggerFinder:
    """Finds the triggers of a sentence, with their slots."""

    def __init__(self, lexicon: Lexicon, kb: KnowledgeBase) -> None:
        self.lex = lexicon
        self.kb = kb
        self.object_control = frozenset(
            [lemma for lemma, pats in lexicon.verbs.items()
             if any(p.control == "object" for p in pats)]
            + [lemma for lemma, cls in lexicon.complements.items() if cls == "proposed"])

    def _subject(self, verb: Any, control: str | None = None) -> Any | None:
        return subject(verb, control, self.object_control)

    # -- finding triggers -----------------------------------------------------
    def find(self, sent: Any, ctx: SentenceActors) -> list[Match]:
        out: list[Match] = []
        tokens = ctx.tokens  # the sentence's tokens, made once
        lemmas = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
        consumed: set[int] = set()  # objects of a matched verb are not events of their own
        nouns: list[Match] = []
        for tok in tokens:
            if tok.ent_type_ in NAME_ENTITIES:
                continue  # "the Genocide Convention", "Committee to Protect Journalists"
            verbal = tok.pos_ in ("VERB", "AUX") and (tok.dep_ not in NOMINAL_DEPS
                                                      or tok.tag_ == "VBG")  # "denied beating"
            if verbal or (tok.pos_ == "NOUN" and (tok.tag_.startswith("VB") or (
                    # "demanded that Moscow mediate", with "mediate" tagged a noun: a clause
                    # head with a subject is a verb
                    tok.dep_ in ("ccomp", "xcomp", "ROOT") and children(tok, "nsubj")))):
                m = self._verb(tok, ctx, lemmas)
                if m is not None:
                    out.append(m)
                    # its object is what it acts on ("lifted restrictions", "restrictions
                    # were lifted"), not an event of its own
                    if tok.lemma_.lower() not in REQUEST_VERBS:  # "demanded talks": asked for
                        # "rejected Kyiv's demands": a demand someone else made is an act
                        consumed.update(c.i for c in children(tok, "dobj", "nsubjpass")
                                        if not self._deed_of_another(tok, c, ctx))
                    continue
            if (tok.pos_ in ("NOUN", "PROPN", "VERB") and tok.dep_ != "compound") or (
                    tok.pos_ == "ADJ" and tok.dep_ == "acomp"):  # "was optimistic about"
                n = self._noun(tok, ctx)
                if n is not None:
                    nouns.append(n)
        out += [n for n in nouns if n.trigger.i not in consumed and not _titled(n.trigger)]
        out += self._joint_acts(sent, ctx, out)
        if lemmas & SPORT_WORDS:
            # "launched a devastating attack on the champion's king", "a late strike from
            # City's forwards": sport, not force
            out = [m for m in out if m.code[:2] not in ("14", "18", "19", "20")]
        return sorted(out, key=lambda m: m.trigger.i)

    def _event_noun(self, tok: Any) -> bool:
        """Whether a noun names an event ("arrest", "air strikes")."""
        lemma = tok.lemma_.lower()
        return bool(self.lex.nouns.get(lemma) or self.lex.nouns.get(tok.lower_) or any(
            self.lex.nouns.get(f"{c.lower_} {tok.lower_}") for c in children(tok, "compound",
                                                                          "amod")))

    def _deed_of_another(self, verb: Any, obj: Any, ctx: SentenceActors) -> bool:
        """Whether an event noun that a matched verb acts on is an act of its own, done by
        another party: "rejected Kyiv's demands", "criticised Pakistan's mass expulsion of
        Afghans", "condemned the arrest of students by police" (not "lifted restrictions":
        the verb's own act on a thing)."""
        if _agent_of_noun(obj) is not None or (
                not is_passive(verb) and _prep_object(verb, "by") is not None):
            return True
        owners = [p for p in children(obj, "poss") if p.pos_ != "PRON"]
        if obj.lemma_.lower() in CLAIM_NOUNS and children(obj, "poss"):
            return True
        subj = ctx.at(self._subject(verb))
        return bool(owners) and any(
            a.sector in STATE_SECTORS | {"REB", "OPP"} and not any(
                a.same_entity(s) or a.code == s.code for s in subj)
            for p in owners for a in ctx.at(p))

    def _joint_acts(self, sent: Any, ctx: SentenceActors, found: list[Match]) -> list[Match]:
        """An act two or more states do together that no pattern names ("India and the UAE
        began settling bilateral oil trade", "a jointly owned plant was opened by the
        governments of Argentina and Bolivia"): material cooperation (060) between them."""
        taken = {m.anchor.i for m in found} | {m.trigger.i for m in found}
        out: list[Match] = []
        for tok in ctx.tokens:
            if tok.pos_ != "VERB" or tok.i in taken or tok.head.i in taken:
                continue
            objects = children(tok, "dobj", "nsubjpass")
            if not any(c.dep_ in ("amod", "advmod") and c.lower_ in JOINT_WORDS
                       for o in objects for c in o.subtree) and not any(
                    c.dep_ == "advmod" and c.lower_ in JOINT_WORDS for c in tok.children):
                continue
            actor = agent(tok) if is_passive(tok) else self._subject(tok)
            if actor is None or len({a.country for a in ctx.at(actor) if a.country}) < 2:
                continue
            out.append(Match("060", "joint:" + tok.lemma_.lower(), tok, tok, actor, None))
        return out

    def _verb(self, tok: Any, ctx: SentenceActors, lemmas: set[str]) -> Match | None:
        pats = self.lex.verbs.get(tok.lemma_.lower()) or self.lex.verbs.get(tok.lower_)
        if not pats:
            return self._pejorative(tok)
        best: VerbPattern | None = None
        vc = VerbContext.of(tok)
        for p in pats:
            if p.unless & lemmas:
                continue
            if verb_fits(tok, p, vc) and (best is None or (p.priority, p.specificity) > (
                    best.priority, best.specificity)):
                best = p
        if best is None:
            return self._pejorative(tok)
        if best.code == NULL_CODE:
            return None  # a dictionary's [---]: this phrase codes nothing
        if tok.lemma_.lower() in FORECAST_VERBS and self._warns_of_others(tok, ctx):
            return None  # "Russia could use ..., a NATO official warned": a forecast
        target = self._verb_target(tok, best, ctx)
        if (target is None or not ctx.is_actor(target)) and best.complement:
            # "threatened to take military action against South Korea": the target of the
            # promised or threatened act, when that act is no event of its own
            for comp in children(tok, "xcomp", "ccomp"):
                # "refused to back the EU's sanctions package against Russia": the owner of
                # what the act is done to, before any phrase inside it
                owner = next((p for o in children(comp, "dobj") for p in children(o, "poss")
                              if ctx.is_actor(p) and p.pos_ != "PRON"), None)
                if owner is not None:
                    target = owner
                    break
                for prep in ("against", "on", "with", "to"):
                    found = _prep_in_phrase(comp, prep)
                    if found is not None and ctx.is_actor(found):
                        target = found
                        break
                else:
                    continue
                break
        if (target is None or not (ctx.is_actor(target) or ctx.within(target))) and (
                not is_passive(tok)):
            # "broke the ceasefire by launching air strikes on RSF positions": the target of
            # the means is the target of the act
            target = next((c for prep in children(tok, "prep") if prep.lower_ == "by"
                           for c in children(prep, "pcomp")), target)
        deed = next((o for o in children(tok, "dobj") if self._event_noun(o)), None)
        if deed is not None and best.code[:2] in ("11", "12"):
            # "condemned the arrest of 30 students by Cambodian police", "condemned Israel's
            # air strikes on Gaza": who did it
            owner = next((p for p in children(deed, "poss")
                          if p.pos_ != "PRON" and ctx.is_actor(p)), None)
            target = _agent_of_noun(deed) or owner or target
        source = agent(tok) if is_passive(tok) else self._subject(tok, best.control)
        if tok.dep_ == "relcl":
            # "an academic who has been held", "a bomb that struck": the noun they stand for
            source, target = (tok.head if t is not None and t.tag_ in ("WDT", "WP") else t
                              for t in (source, target))
        elif _participle(tok) and ctx.is_actor(tok.head):
            # "protesters detained by police": the noun is acted on, "by" names who acts
            by = agent(tok)
            source = by
            if target is None or (by is not None and target.i == by.i):
                target = tok.head
        if best.code[:2] == "17" and source is None and _background(tok):
            return None  # "a teacher held in Tehran since 2022": a state, told in passing
        return Match(best.code, best.id, tok, tok, source, target)

    def _warns_of_others(self, tok: Any, ctx: SentenceActors) -> bool:
        """Whether a warning, made to no one, tells what someone else may do ("the army
        could strike, an official warned"), not what the speaker will."""
        if children(tok, "dobj", "dative", "nsubjpass") or (
                _prep_object(tok, "against") is not None):
            return False  # made to someone ("miners were warned by the minister that ...")
        speaker = ctx.at(self._subject(tok))
        for comp in children(tok, "ccomp", "parataxis"):
            for subj in children(comp, "nsubj", "nsubjpass"):
                doer = ctx.at(subj)
                if subj.pos_ == "PRON" or not doer:
                    continue
                if not speaker or not any(d.same_entity(s) or d.code == s.code
                                          for d in doer for s in speaker):
                    return True
        return False

    def _verb_target(self, tok: Any, p: VerbPattern, ctx: SentenceActors) -> Any | None:
        """The first slot that holds an actor; else the first that holds anything."""
        if p.prep:
            # the pattern names the target's preposition ("deploy to"): that phrase, actor or
            # not ("troops" in "deployed troops to the border" is the source's own force)
            named = _prep_object(tok, p.prep)
            objs = [o for o in children(tok, "dobj") if ctx.is_actor(o)]
            if p.prep in ("of", "with") and objs:
                # "accused Moscow of shelling", "charged the mayor with fraud": the object
                return objs[0]
            passive = [o for o in children(tok, "nsubjpass")
                       if ctx.is_actor(o) or ctx.within(o) is not None]
            if p.prep in ("of", "with") and passive:
                return passive[0]  # "an engineer was accused of spying for China"
            if named is not None:
                return named
        if p.code[:2] >= "10" and not any(ctx.is_actor(o) for o in children(tok, "dobj")):
            # "filed a complaint with the WTO against Indonesian restrictions": in conflict,
            # what an act is against is its target, actor or not
            against = _prep_in_phrase(tok, "against")
            if against is not None:
                return against
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
        if not objs and not p.complement:
            # "extradited a businessman wanted for fraud": a participle the parser took for
            # a clause of its own, with the object as its subject
            objs = [s for c in children(tok, "ccomp") if c.tag_ in ("VBN", "VBD")
                    and not children(c, "aux", "auxpass", "mark")
                    for s in children(c, "nsubj")][:1]
        out: list[Any] = []
        default = ("prep", "dobj", "nsubjpass", "dative", "ccomp_subject") if p.prep else (
            "dobj", "nsubjpass", "prep", "dative", "ccomp_subject")
        for slot in p.target or default:
            if slot == "dobj":
                out += objs[:1]
                if objs and not is_passive(tok):
                    # "would accept mediation by Saudi Arabia": the parser hangs the object's
                    # "by" on the verb; an active verb has no agent phrase of its own
                    out += [_prep_object(tok, "by")]
            elif slot == "nsubjpass":
                out += children(tok, "nsubjpass")[:1]
            elif slot == "dative":
                out += [_pobj(d) or d for d in children(tok, "dative")[:1]]
            elif slot == "prep":
                # "signed an agreement with Peru": the phrase may hang on the object
                for prep in [p.prep] if p.prep else list(
                        CONFLICT_VERB_PREPS if p.code[:2] >= "10" else DEFAULT_VERB_PREPS):
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
            # "a terrorist", "terrorists and criminals", "a terrorist organisation"
            mods = children(pred, "amod", "compound") if pred.lemma_.lower() in BODY_NOUNS \
                else []
            for word in [pred, *children(pred, "conj"), *mods]:
                if word.lower_ in self.lex.pejoratives or word.lemma_ in self.lex.pejoratives:
                    target = objs[0] if objs else None
                    return Match("112", "pejorative:" + word.lower_, tok, tok,
                                 self._subject(tok), target)
        return None

    def _noun(self, tok: Any, ctx: SentenceActors) -> Match | None:
        pat = None
        # "joint patrols", also "joint border patrols": a modifier of the noun, nearest first
        mods = [t for c in tok.lefts if c.dep_ in ("compound", "amod") for t in c.subtree
                if t.dep_ in ("compound", "amod")]  # "joint" may hang on "river" or "border"
        # "joint military exercises": "joint" first, then the nearest modifier
        for left in sorted(mods, key=lambda c: (c.lower_ not in JOINT_WORDS, -c.i)):
            pat = self.lex.nouns.get(f"{left.lower_} {tok.lower_}") or self.lex.nouns.get(
                f"{left.lower_} {tok.lemma_.lower()}")
            if pat is not None:
                break
        pat = pat or self.lex.nouns.get(tok.lower_) or self.lex.nouns.get(tok.lemma_.lower())
        if pat is None or (tok.pos_ == "VERB" and (tok.dep_ not in NOMINAL_DEPS
                                                   or tok.tag_ == "VBG")):
            return None  # a verb tagged as one; a noun the tagger took for a verb is fine
        if (pat.code[:2] == "14" and tok.lemma_.lower() == "strike"
                and _prep_object(tok, "on") is not None):
            # "strikes on schools" hit something; a labour strike is "against" or "over"
            pat = replace(pat, code="190", id=pat.id + "+on")
        anchor = tok
        source = target = None
        implied: Actor | None = None
        slot = tok  # where the event noun stands in the clause
        if (tok.dep_ == "pobj" and tok.head.lower_ == "of"
                and tok.head.head.lemma_.lower() in CONTAINER_NOUNS):
            slot = tok.head.head  # "opened a new round of talks", "a wave of arrests"
        head = slot.head
        light = head.lemma_.lower() in self.lex.light_verbs
        asker = _request_verb(slot)
        if asker is not None:
            # "asked Washington for joint patrols", "demanded a new round of talks with the
            # government": the act asked for, by the one asked (or the partner named), for
            # the one who asks; its status comes from the request
            asked = [c for c in children(asker, "dobj", "dative") if c.i != slot.i] + [
                p for p in (_prep_object(asker, "on"), _prep_object(asker, "upon")) if p]
            if asked and ctx.is_actor(asked[0]):
                source = asked[0]
            elif pat.code[:2] in JOINT_ROOTS:
                source = next((p for p in (_prep_object(tok, w) for w in pat.preps)
                               if p is not None and ctx.is_actor(p)), None)
            target = self._subject(asker)
        elif slot.dep_ == "dobj" and head.lemma_.lower() in REACTION_VERBS:
            # "the threat drew condemnation from press groups", "Iran faces new sanctions":
            # the subject undergoes the act; "from" names who acts
            anchor = head
            source = _prep_object(tok, "from") or _prep_object(head, "from")
            target = self._subject(head)
            if target is not None:
                # "the detention of three activists by Turkish police drew protests": made
                # against who detained them
                target = _agent_of_noun(target) or target
        elif slot.dep_ in ("dobj", "nsubjpass", "attr") and light:
            anchor = head
            source = agent(head) if is_passive(head) else self._subject(head)
        elif tok.pos_ == "ADJ":
            # "X was optimistic about Y": the copula carries the act, its subject acts
            anchor = head
            source = self._subject(head)
        elif pat.needs_light_verb:
            return None
        elif tok.dep_ == "pobj" and head.lower_ == "under":
            anchor = head.head
            target = (children(anchor, "nsubj") or [None])[0]
        elif tok.dep_ == "pobj" and head.head.pos_ in ("VERB", "NOUN"):
            anchor = head.head if head.lower_ == "for" else tok
            if head.lower_ == "for" and anchor.lemma_.lower() in TRAVEL_VERBS and \
                    pat.code.startswith("04") and pat.code not in ("042", "043"):
                source = self._subject(anchor)  # "flew to Warsaw for talks with": she talks
        if (pat.code[:2] == "04" and tok.dep_ == "pobj" and head.lower_ in ("to", "into")
                and head.head.lemma_.lower() in JOINING_VERBS and source is None):
            # "refused to return to nuclear talks with the US": who returns takes part
            source = self._subject(head.head)
        if (pat.code[:2] == "04" and tok.dep_ == "pobj" and head.lower_ in OCCASION_PREPS
                and not children(tok, "poss") and _prep_object(tok, "by") is None):
            # "during a visit to Warsaw, the German president laid a wreath", "a commitment
            # was made by the minister during talks with his Dutch counterpart": who does
            # the clause's deed takes part in the meeting it happens at
            verb = head.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            if verb.pos_ in ("VERB", "AUX"):
                source = agent(verb) if is_passive(verb) else self._subject(verb)
        if pat.code[:2] == "14" and (
                (tok.dep_ == "pobj" and head.lower_ == "in" and tok.lemma_.lower() == "protest"
                 and not children(tok, "det", "poss"))
                or any(c.lower_ in NON_PROTEST_WORDS for c in tok.children
                       if c.dep_ in ("compound", "amod"))):
            # "on hunger strike in protest at his detention": the manner of another act;
            # "a campaign rally" is no protest
            return None
        released = _prep_object(tok, "of")
        if pat.code == "0841" and released is not None and any(
                t.lower_ in MONEY_WORDS for t in released.subtree):
            pat = replace(pat, code="071", id=pat.id + "+money")  # "release of 15 million euros"
        if pat.code == "150" and tok.lemma_.lower() in DRILL_NOUNS and (
                _prep_object(tok, "with") is not None or _prep_object(anchor, "with")
                is not None):
            pat = replace(pat, code="062", id=pat.id + "+with")  # "drills with Mauritania"
        patient_poss = pat.of == "target" and pat.code[:2] in ("17", "08", "18")
        for c in tok.children:
            if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"):  # "Saturday's march"
                owner = ctx.at(c)
                # "his arrest": the one arrested; "Tehran's crackdown": the one who acts
                state = bool(owner) and owner[0].sector in STATE_SECTORS
                if patient_poss and not state:
                    target = target or c
                else:
                    source = source or c
            elif (c.dep_ in ("amod", "compound") and source is None and implied is None
                  and not backing_word(c)):  # "UN-sponsored talks" are not the UN's
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
        if (target is None and tok.lemma_.lower() in CLAIM_NOUNS and slot.dep_ == "dobj"
                and children(tok, "poss") and head.pos_ == "VERB" and not light):
            # "Moscow rejected Kyiv's demands": made to the one who answers them
            target = self._subject(head)
        by = _prep_object(tok, "by")
        if by is None and slot.dep_ == "dobj" and head.pos_ == "VERB" and not is_passive(head):
            by = _prep_object(head, "by")  # "condemned a visit to Taiwan by US lawmakers"
        by = by or _agent_of_noun(tok)  # "the arrest of two teachers | by Iranian police"
        if by is not None:
            source = by
        of = _prep_object(tok, "of")
        if of is not None:
            if pat.of == "target":
                target = target or of
            else:
                source = source or of
        for prep in pat.preps:
            if asker is not None and source is not None and pat.code[:2] in JOINT_ROOTS:
                break  # the partner is the one asked to act
            found = _prep_object(tok, prep) or (
                _prep_object(anchor, prep) if anchor.i != tok.i else None
            ) or _prep_in_phrase(anchor, prep)
            if found is not None:
                target = found if prep != "of" or pat.of == "target" else target
                break
        return Match(pat.code, pat.id, tok, anchor, source, target, implied)

    # -- speech acts --------------------------------------------------------
    def speech_acts(self, sent: Any, matches: list[Match], ctx: SentenceActors) -> list[Match]:
        """'X said Y should ...', also 'Y should ..., X said' -> an appeal by X to Y (020).
        (What is said with no event of its own is not coded as a statement: our gold
        codes it in 1 of 7 sentences.)"""
        out: list[Match] = []
        for tok in ctx.tokens:
            if self.lex.complements.get(tok.lemma_.lower()) != "claimed":
                continue
            speaker = self._subject(tok)
            if speaker is None or not (ctx.at(speaker) or ctx.within(speaker)):
                continue
            if any(m.trigger.i == tok.i for m in matches):
                continue
            for cc in _said(tok):
                modal = [c for c in cc.children if c.dep_ == "aux" and c.lower_ in
                         ("should", "must", "ought")]
                subj = children(cc, "nsubj")
                if modal and subj:
                    out.append(Match("020", "speech:should", tok, tok, speaker, subj[0]))
        return out


def _said(tok: Any) -> list[Any]:
    """What a verb of saying reports: its complement clause, or the clause it is hung on
    ("Talks have stalled, a diplomat said")."""
    found = children(tok, "ccomp")
    if not found and tok.dep_ == "parataxis":
        found = [tok.head]
    return found


def _agent_of_noun(noun: Any) -> Any | None:
    """The "by" phrase of an event noun, also where the parser hung it on the noun's "of"
    object ("the arrest of 30 students | by Cambodian police")."""
    by = _prep_object(noun, "by")
    of_obj = _prep_object(noun, "of")
    if by is None and of_obj is not None:
        by = _prep_object(of_obj, "by")
    return by


def _request_verb(slot: Any) -> Any | None:
    """The verb that asks for the event noun at ``slot``: its object ("demanded talks") or
    what it asks for ("asked Washington for patrols", "called for the lifting of ...")."""
    head = slot.head
    if slot.dep_ == "dobj" and head.lemma_.lower() in REQUEST_VERBS:
        return head
    if (slot.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower()
            in REQUEST_VERBS):
        return head.head
    return None


def _participle(tok: Any) -> bool:
    """A past participle describing a noun ("a journalist held in Iran"), not a main verb
    the parser hung on a verbless sentence's noun ("Hundreds of students protested")."""
    return (tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.dep_ != "ROOT"
            and not children(tok, "nsubj", "nsubjpass"))


def _background(tok: Any) -> bool:
    """A participle or passive relative clause that tells, in passing, what was done to
    the noun it describes ("opposition politicians who had been detained under the state of
    emergency", "asylum seekers held at the Safi centre")."""
    if tok.dep_ == "acl":
        return _participle(tok)
    return tok.dep_ == "relcl" and any(c.tag_ in ("WDT", "WP")
                                       for c in children(tok, "nsubjpass"))


def _titled(tok: Any) -> bool:
    """An event noun that is the title of a work: "Siege of Sarajevo, a documentary by
    Bosnian director Amra Hadzic, won the top prize"."""
    return tok.is_title and any(c.dep_ == "appos" and c.lemma_.lower() in WORK_NOUNS
                                for c in tok.children)


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


@dataclass
class VerbContext:
    """What every pattern of a verb asks about it, computed once per verb."""

    kids: list[Any]
    near: set[str]  # words and lemmas of its children and grandchildren
    marks: set[str]  # its particles, prepositions and adverbs
    _objects: set[str] | None = None

    @classmethod
    def of(cls, tok: Any) -> VerbContext:
        kids = list(tok.children)
        near = {c.lower_ for c in kids} | {c.lemma_.lower() for c in kids}
        for c in kids:
            for g in c.children:
                near.add(g.lower_)
                near.add(g.lemma_.lower())
        marks = {c.lower_ for c in kids if c.dep_ in ("prt", "prep", "advmod")}
        return cls(kids, near, marks)

    def objects(self, tok: Any) -> set[str]:
        if self._objects is None:
            self._objects = _object_words(tok)
        return self._objects


def verb_fits(tok: Any, p: VerbPattern, vc: VerbContext | None = None) -> bool:
    vc = vc or VerbContext.of(tok)
    kids = vc.kids
    if any(part not in vc.marks for part in p.particles):
        return False
    if p.prep and not (_prep_object(tok, p.prep) is not None or any(
            c.dep_ == "prt" and c.lower_ == p.prep for c in kids)):
        return False
    if any(w not in vc.near for w in p.words):
        return False
    if p.subject:
        subj = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass", "agent")]
        if not subj:  # "protesters set tyres ablaze and looted shops": the shared subject
            shared = subject(tok)
            subj = [shared] if shared is not None else []
        heads = {s.lemma_.lower() for s in subj} | {
            g.lemma_.lower() for s in subj if s.dep_ == "agent" for g in s.children}
        if not heads & p.subject:
            return False
    return not (p.obj_nouns and not (p.obj_nouns & vc.objects(tok)))


_CLAUSAL = {"nsubj", "csubj", "ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "punct",
            "mark", "acl", "appos"}


def _object_words(verb: Any, depth: int = 3) -> set[str]:
    """Words (and lemmas) of the verb's objects and phrases, three levels down, never its
    subject or another clause: "delivered a batch of missiles", "tents were distributed"."""
    out: set[str] = set()
    frontier = [verb]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in _CLAUSAL:
                    continue
                out.add(c.lower_)
                out.add(c.lemma_.lower())
                nxt.append(c)
        frontier = nxt
    return out

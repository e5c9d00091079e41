"""Explain how one text is coded: the parse, the patterns tried and matched, the actors
chosen and why, and the events with their status. A plain data structure, rendered by
``newsevents explain`` and usable from Python."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsevents.api import Coder
from newsevents.coding.triggers import verb_fits
from newsevents.records import Document, Event, to_json


@dataclass
class PatternTrial:
    sentence_index: int
    token: str
    lemma: str
    kind: str  # verb | noun
    tried: list[str] = field(default_factory=list)
    matched: str | None = None


@dataclass
class Explanation:
    doc: Document
    tokens: list[list[dict[str, Any]]]
    trials: list[PatternTrial]

    @property
    def events(self) -> tuple[Event, ...]:
        return self.doc.events

    def as_json(self) -> dict[str, Any]:
        return {
            "sentences": [{"index": s.index, "text": s.text, "heading": s.heading}
                          for s in self.doc.sentences],
            "tokens": self.tokens,
            "patterns": [vars(t) for t in self.trials],
            "actors": [{"text": m.text, "code": m.actor.code, "why": m.why,
                        "sentence_index": m.sentence_index} for m in self.doc.actors],
            "times": [to_json(t) for t in self.doc.times],
            "places": [to_json(p) for p in self.doc.places],
            "events": [to_json(e) for e in self.doc.events],
        }


def explain(coder: Coder, text: str, date: str | None = None) -> Explanation:
    pipeline = coder.pipeline
    lex = pipeline.lexicon
    from newsevents.ingest.readers import content_id
    from newsevents.records import Article

    article = Article(doc_id=content_id(text), body=text, published=date)
    parsed = next(iter(pipeline.parser.pipe([Document(article=article)])))
    tokens: list[list[dict[str, Any]]] = []
    trials: list[PatternTrial] = []
    for ps in parsed.parsed.sentences:
        rows = []
        for t in ps.span:
            rows.append({"i": t.i, "text": t.text, "lemma": t.lemma_, "pos": t.pos_,
                         "tag": t.tag_, "dep": t.dep_, "head": t.head.i,
                         "ent": t.ent_type_ or ""})
            lemma = t.lemma_.lower()
            if t.pos_ in ("VERB", "AUX") and lemma in lex.verbs:
                trial = PatternTrial(ps.sentence.index, t.text, lemma, "verb")
                best = None
                for p in lex.verbs[lemma]:
                    trial.tried.append(p.id)
                    if verb_fits(t, p) and (best is None or p.specificity > best.specificity):
                        best = p
                trial.matched = best.id if best else None
                trials.append(trial)
            elif t.pos_ in ("NOUN", "PROPN"):
                pat = lex.nouns.get(t.lower_) or lex.nouns.get(lemma)
                if pat is not None:
                    trials.append(PatternTrial(ps.sentence.index, t.text, lemma, "noun",
                                               [pat.id], pat.id))
        tokens.append(rows)
    doc = pipeline.code_one(article)
    return Explanation(doc, tokens, trials)

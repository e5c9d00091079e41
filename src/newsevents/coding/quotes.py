"""Quotations: who said what. Reported speech ("X said that ...") from the parse, and
direct quotes (text in quotation marks) attributed to the speech verb of their sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from newsevents.coding.syntax import children, subject
from newsevents.coding.tables import Lexicon
from newsevents.records import ActorMention, Document, Quote, Span

QUOTED = re.compile(r'"([^"]{3,})"')


class QuoteFinder:
    """The quotes stage."""

    name = "quotes"
    requires: tuple[str, ...] = ("parsed", "actors")
    provides: tuple[str, ...] = ("quotes",)

    def __init__(self, lexicon: Lexicon) -> None:
        self.cues = {k for k, v in lexicon.complements.items() if v == "claimed"}

    def __call__(self, doc: Document) -> Document:
        by_token = {(m.sentence_index, m.head): m for m in doc.actors}
        body = doc.article.body
        out: list[Quote] = []
        for ps in doc.parsed.sentences:
            idx = ps.sentence.index
            cues = [t for t in ps.span if t.pos_ in ("VERB", "AUX")
                    and t.lemma_.lower() in self.cues]
            taken: list[tuple[int, int]] = []
            for cue in cues:
                comps = children(cue, "ccomp")
                if not comps:
                    continue
                comp = comps[0]
                s = ps.offset + comp.left_edge.idx
                e = ps.offset + comp.right_edge.idx + len(comp.right_edge.text)
                taken.append((s, e))
                out.append(Quote(self._speaker(cue, by_token, idx), _span(body, ps, cue),
                                 Span(body[s:e], s, e), False, idx))
            # direct quotes: quotation marks in the normalised sentence text
            text = ps.span.text
            for m in QUOTED.finditer(text):
                s = ps.offset + ps.span.start_char + m.start(1)
                e = ps.offset + ps.span.start_char + m.end(1)
                if len(m.group(1).split()) < 3 or not cues:
                    continue
                direct = Span(body[s:e], s, e)
                # the same words found as reported speech: one quote, marked direct
                same = [i for i, q in enumerate(out) if q.sentence_index == idx
                        and q.content.start < e and s < q.content.end]
                if same:
                    out[same[0]] = replace(out[same[0]], content=direct, direct=True)
                    continue
                cue = cues[0]
                out.append(Quote(self._speaker(cue, by_token, idx), _span(body, ps, cue),
                                 direct, True, idx))
        return replace(doc, quotes=tuple(out))

    @staticmethod
    def _speaker(cue: Any, by_token: dict[tuple[int, int], ActorMention], idx: int
                 ) -> ActorMention | None:
        subj = subject(cue)
        return by_token.get((idx, subj.i)) if subj is not None else None


def _span(body: str, ps: Any, tok: Any) -> Span:
    s = ps.offset + tok.idx
    return Span(body[s:s + len(tok.text)], s, s + len(tok.text))

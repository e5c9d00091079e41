"""User dictionaries: ``--dictionary PATH`` files of any kind, told apart by their content.

Our own pattern files (YAML with ``verbs``/``nouns``) and the five PETRARCH2 kinds (verbs
with patterns and synsets, actors with date ranges, agents, discards, issues) all load
here, into the coding stage's lexicon, the actors stage's knowledge base, and the lists of
discards and issues. Entries from user dictionaries win over ours where both match: a
dictionary's author gets the codes the dictionary says.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.actors.kb import KnowledgeBase
from newsevents.coding.petrarch import (
    DictionaryError,
    PetrarchDictionaries,
    read_dictionaries,
)
from newsevents.coding.tables import NULL_CODE, PARTICLES, Lexicon, Ontology, VerbPattern
from newsevents.errors import SetupError

log = logging.getLogger(__name__)
USER_PRIORITY = 1


@dataclass(frozen=True)
class Discard:
    pattern: re.Pattern[str]
    story: bool
    phrase: str


@dataclass
class UserDictionaries:
    """What the user's files hold beyond patterns: discards and issues."""

    yaml_files: list[Path] = field(default_factory=list)
    petrarch: PetrarchDictionaries | None = None
    discards: list[Discard] = field(default_factory=list)
    issues: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    kinds: list[tuple[str, str]] = field(default_factory=list)  # (path, kind)

    def discarded(self, text: str, story: bool) -> str | None:
        """The discard phrase found in ``text`` (a story-level one when ``story``)."""
        for d in self.discards:
            if d.story == story and d.pattern.search(text):
                return d.phrase
        return None

    def issues_in(self, text: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(code for pat, code in self.issues if pat.search(text)))


def _is_our_yaml(path: Path) -> bool:
    if path.suffix.lower() in (".yml", ".yaml"):
        return True
    head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    return bool(re.search(r"^(verbs|nouns|complements|light_verbs):", head, re.MULTILINE))


def _phrase_regex(phrase: str, whole_word: bool = True) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.lower().split()]
    tail = r"\b" if whole_word else ""
    return re.compile(r"\b" + r"\s+".join(words) + tail, re.IGNORECASE)


def load_user_dictionaries(paths: Iterable[Path]) -> UserDictionaries:
    out = UserDictionaries()
    petrarch_files: list[Path] = []
    for p in paths:
        if not p.exists():
            raise SetupError("E040", f"dictionary {p} does not exist")
        if _is_our_yaml(p):
            out.yaml_files.append(p)
            out.kinds.append((str(p), "patterns"))
        else:
            petrarch_files.append(p)
    if petrarch_files:
        try:
            pd = read_dictionaries(petrarch_files)
        except DictionaryError as exc:
            raise SetupError("E041", f"PETRARCH dictionary: {exc}") from exc
        out.petrarch = pd
        out.kinds += list(pd.files)
        for d in pd.discards:
            out.discards.append(Discard(_phrase_regex(d.phrase, d.whole_word), d.story,
                                        d.phrase))
        for i in pd.issues:
            out.issues.append((_phrase_regex(i.phrase), i.code))
    return out


def add_petrarch_verbs(lex: Lexicon, pd: PetrarchDictionaries, ontology: Ontology) -> int:
    """PETRARCH verb patterns as our verb patterns: the verb, then the words after it
    (particles, required words, a synset as a set of objects), and the preposition before
    the target. A pattern coded ``[---]`` stops the phrase from coding anything."""
    added = 0
    # a verb the dictionary defines is coded as the dictionary says, not also as ours says
    for lemma in {vp.verb.split()[0] for vp in pd.verbs}:
        lex.verbs[lemma] = [p for p in lex.verbs.get(lemma, []) if p.priority >= USER_PRIORITY]
    for vp in pd.verbs:
        if vp.code != NULL_CODE and vp.code not in ontology:
            log.warning("%s: code %s is not in the CAMEO table; pattern skipped", vp.source,
                        vp.code)
            continue
        words = vp.verb.split()
        lemma, extra = words[0], words[1:]
        after = [w for w in vp.after if not w.startswith("&")]
        obj_nouns: set[str] = set()
        for name in vp.synsets:
            syn = pd.synsets.get(name.lstrip("&"))
            if syn is not None:
                obj_nouns |= {phrase.split()[-1] for phrase in syn.words}
        rest = extra + after
        particles = tuple(w for w in rest if w in PARTICLES and w != vp.prep)
        required = tuple(w for w in rest if w not in PARTICLES and w != vp.prep)
        pattern = VerbPattern(
            id=f"petrarch:{vp.source or vp.raw}", code=vp.code, lemma=lemma,
            particles=particles, prep=vp.prep, words=required,
            obj_nouns=frozenset(obj_nouns), priority=USER_PRIORITY,
            target=("prep", "dobj", "nsubjpass") if vp.prep else ())
        lex.verbs.setdefault(lemma, []).append(pattern)
        added += 1
    return added


def add_petrarch_actors(kb: KnowledgeBase, pd: PetrarchDictionaries) -> None:
    for a in pd.actors:
        kb.add_dated(a.names, a.codes)
    for g in pd.agents:
        for name in g.names:
            kb.add_sector(name, g.code)

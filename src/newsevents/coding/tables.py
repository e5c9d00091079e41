"""The coding stage's knowledge: the CAMEO codebook table and the pattern dictionary.

Both are data files (``data/cameo.tsv``, ``data/patterns.yml``) whose headers say
where their facts come from; this module only reads and indexes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.data import data_path, file_version, read_tsv, read_yaml
from newsevents.errors import SetupError

PREPOSITIONS = {"on", "upon", "to", "with", "against", "for", "of", "from", "into", "in", "at",
                "about", "between", "toward", "towards"}
PARTICLES = {"up", "down", "out", "off", "in", "back", "away", "over", "on", "through", "around"}
STATUS_CLASSES = ("claimed", "negated", "future", "proposed", "hypothetical")

NULL_CODE = "---"  # a phrase that codes nothing (and blocks the less specific ones)


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str
    plover_mode: str | None


class Ontology:
    """CAMEO codes with Goldstein score, quad class and PLOVER type and mode."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or data_path("cameo.tsv")
        self.codes: dict[str, CameoCode] = {}
        for r in read_tsv(path):
            self.codes[r["code"]] = CameoCode(
                r["code"], r["name"], float(r["goldstein"]), int(r["quad_class"]),
                r["plover_type"], r["plover_mode"] or None)
        self.version = file_version(path)

    def __getitem__(self, code: str) -> CameoCode:
        try:
            return self.codes[code]
        except KeyError:
            raise SetupError("E010", f"CAMEO code {code!r} is not in the codebook table; "
                                     "fix the pattern that uses it") from None

    def __contains__(self, code: object) -> bool:
        return code in self.codes


@dataclass(frozen=True)
class VerbPattern:
    id: str
    code: str
    lemma: str
    particles: tuple[str, ...] = ()
    prep: str | None = None
    words: tuple[str, ...] = ()  # further words that must stand under the verb
    obj_nouns: frozenset[str] = frozenset()  # one of these must stand under the verb
    complement: str | None = None
    control: str | None = None
    target: tuple[str, ...] = ()
    unless: frozenset[str] = frozenset()  # words that, in the sentence, rule the pattern out
    priority: int = 0  # user dictionaries (1) win over ours (0)
    subject: frozenset[str] = frozenset()  # the subject's head must be one of these

    @property
    def specificity(self) -> int:
        return (len(self.particles) + len(self.words) + bool(self.prep) + 2 * bool(self.obj_nouns)
                + bool(self.subject))



@dataclass(frozen=True)
class NounPattern:
    id: str
    code: str
    noun: str  # one or two words, lower case
    of: str = "target"
    preps: tuple[str, ...] = ()
    needs_light_verb: bool = False  # "brought a case against": 'case' alone is no event


@dataclass
class Lexicon:
    verbs: dict[str, list[VerbPattern]] = field(default_factory=dict)
    nouns: dict[str, NounPattern] = field(default_factory=dict)
    complements: dict[str, str] = field(default_factory=dict)  # lemma -> status class
    light_verbs: frozenset[str] = frozenset()
    pejoratives: frozenset[str] = frozenset()
    pejorative_verbs: frozenset[str] = frozenset()
    non_agents: frozenset[str] = frozenset()
    sets: dict[str, list[str]] = field(default_factory=dict)  # "&name" in "+obj &name"
    version: str = ""

    @classmethod
    def load(cls, paths: Iterable[Path] = (), ontology: Ontology | None = None) -> Lexicon:
        files = [data_path("patterns.yml"), data_path("patterns_cameo.yml"), *paths]
        lex = cls()
        for p in files:
            lex._add_file(p, read_yaml(p) or {}, ontology)
        lex.version = file_version(*files)
        return lex

    def _add_file(self, path: Path, doc: Any, ontology: Ontology | None) -> None:
        if not isinstance(doc, dict):
            raise SetupError("E011", f"{path}: expected a mapping with verbs/nouns lists")
        self.sets.update({str(k): [str(w).lower() for w in v]
                          for k, v in (doc.get("sets") or {}).items()})
        for n, entry in enumerate(doc.get("verbs") or []):
            code = str(entry["code"])
            if ontology is not None and code not in ontology and code != NULL_CODE:
                raise SetupError("E010", f"{path}: verb entry {n} uses unknown code {code}")
            for phrase in entry.get("verbs") or []:
                vp = parse_verb_phrase(str(phrase), code, entry, f"{path.stem}:v{n}", self.sets)
                self.verbs.setdefault(vp.lemma, []).append(vp)
        for n, entry in enumerate(doc.get("nouns") or []):
            code = str(entry["code"])
            if ontology is not None and code not in ontology:
                raise SetupError("E010", f"{path}: noun entry {n} uses unknown code {code}")
            preps = entry.get("preps") or []
            if not all(isinstance(x, str) for x in preps):
                raise SetupError("E013", f"{path}: noun entry {n} has a preposition that YAML "
                                         "read as true/false; quote it (\"on\", \"off\")")
            for noun in entry.get("nouns") or []:
                self.nouns[str(noun).lower()] = NounPattern(
                    f"{path.stem}:n{n}:{noun}", code, str(noun).lower(),
                    str(entry.get("of", "target")), tuple(entry.get("preps") or ()),
                    bool(entry.get("light_verb_only", False)))
        for status, lemmas in (doc.get("complements") or {}).items():
            if status not in STATUS_CLASSES:
                raise SetupError("E012", f"{path}: unknown complement status {status!r}")
            for lemma in lemmas:
                self.complements.setdefault(str(lemma), status)
        self.light_verbs |= frozenset(doc.get("light_verbs") or ())
        self.pejoratives |= frozenset(doc.get("pejoratives") or ())
        self.pejorative_verbs |= frozenset(doc.get("pejorative_verbs") or ())
        self.non_agents |= frozenset(doc.get("non_agents") or ())


def parse_verb_phrase(phrase: str, code: str, entry: dict[str, Any], pid: str,
                      sets: dict[str, list[str]] | None = None) -> VerbPattern:
    obj_nouns: frozenset[str] = frozenset()
    if "+obj" in phrase:
        phrase, _, nouns = phrase.partition("+obj")
        words: list[str] = []
        for n in nouns.split("|"):
            n = n.strip().lower()
            if n.startswith("&"):
                if sets is None or n[1:] not in sets:
                    raise SetupError("E014", f"{pid}: word set {n} is not defined under sets:")
                words += sets[n[1:]]
            elif n:
                words.append(n)
        obj_nouns = frozenset(words)
    words = phrase.lower().split()
    lemma, rest = words[0], words[1:]
    prep = rest.pop() if rest and rest[-1] in PREPOSITIONS else None
    particles = tuple(w for w in rest if w in PARTICLES)
    others = tuple(w for w in rest if w not in PARTICLES)
    return VerbPattern(
        id=f"{pid}:{phrase.strip()}", code=code, lemma=lemma, particles=particles, prep=prep,
        words=others, obj_nouns=obj_nouns, complement=entry.get("complement"),
        control=entry.get("control"), target=tuple(entry.get("target") or ()),
        unless=frozenset(str(w).lower() for w in entry.get("unless") or ()),
        subject=frozenset(str(w).lower() for w in entry.get("subject") or ()))

"""Transforms: a promised, requested, demanded or threatened act takes the CAMEO subcode of
its governing verb's class ("pledged to send aid" is 0333, "threatened sanctions" 1312).
The tables are data (``data/transforms.yml``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.coding.tables import Ontology
from newsevents.data import data_path, read_yaml
from newsevents.errors import SetupError

_WORD_COUNTS = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
                "millions": 2_000_000, "hundred": 100, "thousand": 1000, "million": 1_000_000}


def count_people(tok: Any) -> int | None:
    """How many people a phrase speaks of: "about 8,000 men", "hundreds of civilians",
    "tens of thousands of people"; None when it gives no number."""
    best: int | None = None
    for t in tok.subtree:
        low = t.lower_.replace(",", "")
        n: int | None = None
        if low.isdigit():
            n = int(low)
        elif low in _WORD_COUNTS:
            n = _WORD_COUNTS[low]
            if t.i > 0 and t.nbor(-1).lower_.replace(",", "").isdigit():
                n = int(t.nbor(-1).lower_.replace(",", "")) * _WORD_COUNTS[low]
            elif t.i > 1 and t.nbor(-2).lower_ in ("tens", "hundreds"):
                n *= 10 if t.nbor(-2).lower_ == "tens" else 100  # "tens of thousands"
        if n is not None and (best is None or n > best):
            best = n
    return best


@dataclass(frozen=True)
class Transform:
    kind: str  # intent | appeal | demand | threat
    code: str
    replaces: bool  # the act is not coded apart from the promise or threat


class Transforms:
    def __init__(self, ontology: Ontology, path: Path | None = None) -> None:
        path = path or data_path("transforms.yml")
        doc = read_yaml(path) or {}
        self.ontology = ontology
        self.cues: dict[str, tuple[str, dict[str, str]]] = {}
        self.suffix: dict[str, str] = {str(k): str(v) for k, v in doc.get("suffix", {}).items()}
        self.tables = {name: {str(k): str(v) for k, v in doc.get(name, {}).items()}
                       for name in ("threat", "refusal")}
        self.refine: dict[str, list[tuple[str, list[tuple[str, ...]]]]] = {
            str(code): [(str(r["code"]), [tuple(str(w).lower().split()) for w in r["words"]])
                        for r in rules]
            for code, rules in (doc.get("refine") or {}).items()}
        for kind, spec in (doc.get("classes") or {}).items():
            if "prefix" not in spec and spec.get("map") not in self.tables:
                raise SetupError("E060", f"{path}: class {kind} needs a prefix or a known map")
            for cue in spec.get("cues", []):
                self.cues[str(cue)] = (str(kind), spec)
        self.scale: list[tuple[frozenset[str], int, str]] = [
            (frozenset(str(c) for c in r["codes"]), int(r["min"]), str(r["code"]))
            for r in doc.get("scale", [])]
        for code in [*self.tables["threat"].values(), *self.tables["refusal"].values(),
                     *(c for _, _, c in self.scale),
                     *(c for rules in self.refine.values() for c, _ in rules)]:
            if code not in ontology:
                raise SetupError("E061", f"{path}: {code} is not a CAMEO code")

    def refined(self, code: str, lemmas: list[str]) -> str:
        """A general code's subcode, from the words of its phrase."""
        for sub, phrases in self.refine.get(code, []):
            for phrase in phrases:
                n = len(phrase)
                if any(tuple(lemmas[i:i + n]) == phrase for i in range(len(lemmas) - n + 1)):
                    return sub
        return code

    def scaled(self, code: str, victims: int | None) -> str:
        """The mass-violence code when an act hits enough people, else ``code``."""
        if victims is None:
            return code
        for codes, least, mass in self.scale:
            if code in codes and victims >= least:
                return mass
        return code

    @staticmethod
    def _longest(table: dict[str, str], code: str) -> str | None:
        for n in (4, 3, 2):
            if len(code) >= n and code[:n] in table:
                return table[code[:n]]
        return None

    def apply(self, cue_lemma: str, act_code: str) -> Transform | None:
        found = self.cues.get(cue_lemma)
        if found is None:
            return None
        kind, spec = found
        if "map" in spec:
            code = self._longest(self.tables[str(spec["map"])], act_code)
        else:
            suffix = self._longest(self.suffix, act_code)
            code = str(spec["prefix"]) + suffix if suffix is not None else None
            while code is not None and code not in self.ontology and len(code) > 3:
                code = code[:-1]  # a subcode the codebook lacks: its parent
        if code is None or code not in self.ontology:
            return None
        return Transform(kind, code, bool(spec.get("replaces", False)))

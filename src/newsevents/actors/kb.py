"""The actor knowledge base: countries, capitals, IGOs, sector words, ethnic and religious groups.

Loaded from the TSV files under ``data/actors`` (each says where its facts come
from) plus any user files in the same format. Lookups are by normalised
phrase: acronyms in capitals (``US``, ``UN``) match case-sensitively so that
the pronoun "us" is never the United States.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from newsevents.coding.petrarch import ActorEntry, DatedCode
from newsevents.data import data_path, file_version, read_tsv, split_multi

Kind = Literal["country", "capital", "adjective", "demonym", "org", "group", "sector"]
# Order of preference when one phrase has several readings.
_KIND_RANK = {"org": 0, "country": 1, "capital": 2, "group": 3, "demonym": 4,
              "adjective": 5, "sector": 6}
ACTOR_FILES = ("countries.tsv", "igos.tsv", "armed_groups.tsv", "sectors.tsv", "groups.tsv")


@dataclass(frozen=True)
class Entry:
    kind: Kind
    name: str
    country: str | None = None
    sector: str | None = None
    group: str | None = None
    code: str | None = None  # a full actor code, for organisations
    person: bool = False  # a sector word naming one person ("spokesman", not "ministry")
    dated: tuple[DatedCode, ...] = ()  # a user dictionary's codes with date ranges

    def code_on(self, date: str | None) -> str | None:
        if not self.dated:
            return self.code
        return ActorEntry(("",), self.dated).code_on(date)


def norm_phrase(text: str) -> str:
    text = text.replace("’", "'").replace("\u2019", "'")
    text = re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text)


def _is_acronym(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 5


class KnowledgeBase:
    def __init__(self, extra_dirs: Iterable[Path] = ()) -> None:
        self._exact: dict[str, list[Entry]] = {}
        self._lower: dict[str, list[Entry]] = {}
        self.country_names: dict[str, str] = {}
        self._cache: dict[str, list[Entry]] = {}
        self.max_words = 1
        paths = [data_path("actors") / f for f in ACTOR_FILES]
        for d in extra_dirs:
            paths += [d / f for f in ACTOR_FILES if (d / f).exists()]
        for p in paths:
            self._load(p)
        self.version = file_version(*paths)

    # -- loading -------------------------------------------------------
    def _add(self, phrase: str, entry: Entry) -> None:
        phrase = norm_phrase(phrase)
        if not phrase:
            return
        self.max_words = max(self.max_words, len(phrase.split()))
        table = self._exact if _is_acronym(phrase) else self._lower
        key = phrase if table is self._exact else phrase.lower()
        self._cache.clear()
        entries = table.setdefault(key, [])
        # a user file loaded later overrides an entry of the same kind
        entries[:] = [e for e in entries if e.kind != entry.kind] + [entry]

    def _load(self, path: Path) -> None:
        rows = read_tsv(path)
        name = path.name
        for r in rows:
            if name == "countries.tsv":
                iso3 = r["iso3"]
                self.country_names[iso3] = r["name"]
                for n in [r["name"], *split_multi(r.get("aliases", ""))]:
                    self._add(n, Entry("country", r["name"], country=iso3, sector="GOV"))
                for n in split_multi(r.get("capitals", "")):
                    self._add(n, Entry("capital", r["name"], country=iso3, sector="GOV"))
                for n in split_multi(r.get("adjectives", "")):
                    self._add(n, Entry("adjective", r["name"], country=iso3))
                for n in split_multi(r.get("demonyms", "")):
                    self._add(n, Entry("demonym", r["name"], country=iso3, sector="CVL"))
            elif name in ("igos.tsv", "armed_groups.tsv"):
                country = r.get("country") or None
                sector = r.get("sector") or None
                for n in [r["name"], *split_multi(r.get("aliases", ""))]:
                    self._add(n, Entry("org", r["name"], country=country, sector=sector,
                                       code=r.get("code") or None))
            elif name == "sectors.tsv":
                sector = r["sector"]
                for n in [r["word"], *split_multi(r.get("plural", ""))]:
                    self._add(n, Entry("sector", n, sector=sector,
                                       person=r.get("unit", "person") == "person"))
            elif name == "groups.tsv":
                for n in split_multi(r["names"]):
                    self._add(n, Entry("group", split_multi(r["names"])[0],
                                       country=r.get("country") or None, group=r["code"]))

    def add_dated(self, names: Iterable[str], codes: tuple[DatedCode, ...]) -> None:
        """A user dictionary's actor: its code depends on the date (a president in office)."""
        names = list(names)
        for n in names:
            self._add(n, Entry("org", names[0].title(), dated=codes, code=None))

    def add_sector(self, word: str, sector: str) -> None:
        self._add(word, Entry("sector", word, sector=sector, person=True))

    # -- lookup --------------------------------------------------------
    def lookup(self, phrase: str) -> list[Entry]:
        """Every reading of a phrase, best first (cached: the same words recur)."""
        cached = self._cache.get(phrase)
        if cached is not None:
            return cached
        found = self._lookup(phrase)
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[phrase] = found
        return found

    def _lookup(self, phrase: str) -> list[Entry]:
        phrase = norm_phrase(phrase)
        found = list(self._exact.get(phrase, []))
        if not _is_acronym(phrase) or phrase.lower() == phrase:
            found += self._lower.get(phrase.lower(), [])
        elif len(phrase) > 3:
            # "CHINA" in a shouted headline still means China
            found += self._lower.get(phrase.lower(), [])
        return sorted(found, key=lambda e: _KIND_RANK[e.kind])

    def first(self, phrase: str, kinds: Iterable[Kind] | None = None) -> Entry | None:
        wanted = set(kinds) if kinds is not None else None
        for e in self.lookup(phrase):
            if wanted is None or e.kind in wanted:
                return e
        return None

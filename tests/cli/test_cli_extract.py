"""End-to-end tests of `newsevents extract` through the real command line.

Every start of the CLI loads spaCy (seconds), so each module-scoped fixture below runs the
command once and several tests check what that one run did.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsevents.records import STATUSES

EVENT_FIELDS = {
    "event_id", "doc_id", "published", "date", "date_precision", "date_source", "source",
    "target", "cameo", "cameo_root", "plover", "plover_mode", "goldstein", "quad_class",
    "status", "speaker", "location", "evidence", "confidence", "rule",
}
EVIDENCE_FIELDS = {"sentence_index", "sentence", "start", "end", "trigger"}
ACTOR_FIELDS = {"text", "name", "code", "country", "sector", "groups"}

DETENTION_BODY = "Two journalists were detained by police in Minsk on Tuesday.\n"
APPEAL_BODY = "The United Nations urged Russia to release the prisoners.\n"
WIRE_TEXT = "German police arrested three activists in Berlin on Monday."
BODIES = {"detention": DETENTION_BODY, "appeal": APPEAL_BODY, "wire-1": WIRE_TEXT}
PUBLISHED = {"detention": "2024-03-07", "appeal": "2024-03-08", "wire-1": "2024-03-06"}

# origin (file name, or file:line for JSONL) -> words the error message must contain
BAD_DOCUMENTS = {
    "baddate.txt": ["2021-02-30", "calendar date"],
    "batch.jsonl:2": ["malformed JSON"],
    "batch.jsonl:3": ['"text"'],
    "blob.bin": ["binary"],
    "empty.txt": ["no body text"],
    "latin1.txt": ["UTF-8"],
}


def cli(*args: str, stdin: str | None = None, cwd: Path | None = None
        ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run([sys.executable, "-m", "newsevents.cli.main", *args], input=stdin,
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd,
                          timeout=600, check=False)


def write_inputs(d: Path) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    (d / "detention.txt").write_text(" date 2024-03-07\n" + DETENTION_BODY, encoding="utf-8")
    (d / "appeal.txt").write_text("date: 2024-03-08\n" + APPEAL_BODY, encoding="utf-8")
    (d / "batch.jsonl").write_text(
        json.dumps({"id": "wire-1", "text": WIRE_TEXT, "date": "2024-03-06"}) + "\n"
        + '{"id": "wire-2", "text": "Troops withdrew from\n'
        + json.dumps({"id": "wire-3", "date": "2024-03-06", "title": "no text"}) + "\n",
        encoding="utf-8")
    (d / "blob.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01police detained")
    (d / "latin1.txt").write_bytes(
        " date 2024-03-07\nLa police a arr\u00eat\u00e9 deux militants \u00e0 Li\u00e8ge."
        .encode("latin-1"))
    (d / "empty.txt").write_bytes(b"")
    (d / "baddate.txt").write_text(" date 2021-02-30\nPolice arrested two men in Kyiv.\n",
                                   encoding="utf-8")
    return d


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_inputs(tmp_path_factory.mktemp("extract") / "articles")


@pytest.fixture(scope="module")
def jsonl_run(inputs: Path) -> dict[str, Any]:
    report = inputs.parent / "report.json"
    proc = cli("extract", str(inputs), "--report", str(report), "--no-progress")
    return {"proc": proc, "events": jsonl(proc.stdout),
            "report": json.loads(report.read_text(encoding="utf-8"))
            if report.exists() else None}


@pytest.fixture(scope="module")
def store_runs(inputs: Path) -> dict[str, Any]:
    """The same CSV extract into the same store, twice; counts after each run."""
    db = inputs.parent / "events.duckdb"
    runs = []
    for _ in range(2):
        proc = cli("extract", str(inputs), "--format", "csv", "--db", str(db), "--no-progress")
        show = cli("show", "--db", str(db))
        con = duckdb.connect(str(db), read_only=True)
        try:
            counts = {t: con.execute(f"select count(*) from {t}").fetchall()[0][0]
                      for t in ("documents", "mentions", "events")}
            ids = sorted(r[0] for r in con.execute("select event_id from mentions").fetchall())
            docs = sorted(r[0] for r in con.execute("select doc_id from documents").fetchall())
        finally:
            con.close()
        runs.append({"proc": proc, "show": show, "counts": counts, "ids": ids, "docs": docs})
    return {"db": db, "runs": runs}


# -- 1. a directory with good and bad documents ------------------------------------------
def test_cli_extract_exit_code_and_clean_stderr(jsonl_run: dict[str, Any]) -> None:
    proc = jsonl_run["proc"]
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "Traceback" not in proc.stdout
    n = len(jsonl_run["events"])
    assert n >= 3
    summary = " ".join(proc.stderr.split())
    assert "3 documents" in summary
    assert f"{n} events" in summary
    assert "6 problems" in summary
    for origin in BAD_DOCUMENTS:
        assert origin in summary, (origin, proc.stderr)


def test_cli_extract_events_only_from_good_documents(jsonl_run: dict[str, Any]) -> None:
    events = jsonl_run["events"]
    assert {e["doc_id"] for e in events} == set(BODIES)
    ids = [e["event_id"] for e in events]
    assert len(ids) == len(set(ids)), ids
    # directory entries are read in sorted order: appeal.txt, batch.jsonl, detention.txt
    order = [e["doc_id"] for e in events]
    assert order == sorted(order, key=["appeal", "wire-1", "detention"].index)


def test_cli_extract_event_records_have_the_documented_fields(
        jsonl_run: dict[str, Any]) -> None:
    for e in jsonl_run["events"]:
        assert set(e) >= EVENT_FIELDS, EVENT_FIELDS - set(e)
        assert set(e["evidence"]) >= EVIDENCE_FIELDS
        assert isinstance(e["event_id"], str) and e["event_id"]
        assert e["published"] == PUBLISHED[e["doc_id"]]
        assert e["date_precision"] in ("year", "month", "day")
        assert e["date_source"] in ("text", "published")
        assert len(e["date"]) == {"year": 4, "month": 7, "day": 10}[e["date_precision"]]
        assert isinstance(e["cameo"], str) and e["cameo"].isdigit()
        assert 2 <= len(e["cameo"]) <= 4
        assert e["cameo_root"] == e["cameo"][:2]
        assert e["plover"].isupper()
        assert isinstance(e["goldstein"], float) and -10.0 <= e["goldstein"] <= 10.0
        assert e["quad_class"] in (1, 2, 3, 4)
        assert e["status"] in STATUSES
        assert 0.0 <= e["confidence"] <= 1.0
        assert isinstance(e["rule"], str) and e["rule"]
        for role in ("source", "target", "speaker"):
            assert e[role] is None or set(e[role]) >= ACTOR_FIELDS, e[role]
        ev = e["evidence"]
        body = BODIES[e["doc_id"]]
        assert body[ev["start"]:ev["end"]] == ev["sentence"]
        assert ev["trigger"] in ev["sentence"]
        assert ev["sentence_index"] == 0


def test_cli_extract_codes_the_passive_detention(jsonl_run: dict[str, Any]) -> None:
    [ev] = [e for e in jsonl_run["events"]
            if e["doc_id"] == "detention" and e["cameo_root"] == "17"]
    assert ev["evidence"]["trigger"] == "detained"
    assert ev["source"]["sector"] == "COP"  # "by police": the agent of the passive acts
    assert ev["source"]["text"] == "police"
    assert ev["target"]["text"] == "Two journalists"
    assert ev["plover"] == "COERCE"
    assert ev["quad_class"] == 4
    assert ev["status"] == "asserted"
    assert (ev["date"], ev["date_precision"], ev["date_source"]) == ("2024-03-05", "day", "text")
    assert ev["location"]["name"] == "Minsk" and ev["location"]["country"] == "BLR"


def test_cli_extract_codes_the_appeal(jsonl_run: dict[str, Any]) -> None:
    appeal = [e for e in jsonl_run["events"] if e["doc_id"] == "appeal"]
    [urge] = [e for e in appeal if e["cameo_root"] == "02"]
    assert urge["evidence"]["trigger"] == "urged"
    assert urge["plover"] == "REQUEST"
    assert urge["status"] == "asserted"
    assert urge["source"]["sector"] == "IGO"
    assert urge["target"]["country"] == "RUS"
    assert (urge["date"], urge["date_source"]) == ("2024-03-08", "published")
    # what is urged has not happened: the release is only proposed, by the UN
    [release] = [e for e in appeal if e["evidence"]["trigger"] == "release"]
    assert release["status"] == "proposed"
    assert release["speaker"] is not None and release["speaker"]["sector"] == "IGO"


def test_cli_extract_report_lists_each_bad_document(jsonl_run: dict[str, Any]) -> None:
    report = jsonl_run["report"]
    assert report is not None, "--report FILE was not written"
    assert report["documents"] == 3
    assert report["events"] == len(jsonl_run["events"])
    errors = report["errors"]
    origins = [Path(e["origin"]).name for e in errors]
    assert sorted(origins) == sorted(BAD_DOCUMENTS), errors
    for e in errors:
        assert Path(e["origin"]).parent.name == "articles"
        assert e["stage"] == "ingest"
        for word in BAD_DOCUMENTS[Path(e["origin"]).name]:
            assert word in e["message"], e
    by_origin = {Path(e["origin"]).name: e for e in errors}
    assert by_origin["batch.jsonl:3"]["doc_id"] == "wire-3"
    assert by_origin["baddate.txt"]["doc_id"] == "baddate"


def test_cli_extract_summary_one_line_per_problem(jsonl_run: dict[str, Any]) -> None:
    lines = jsonl_run["proc"].stderr.splitlines()
    assert len(lines) == 1 + len(BAD_DOCUMENTS), lines
    for origin, words in BAD_DOCUMENTS.items():
        [line] = [ln for ln in lines if origin + ":" in ln]
        for word in words:
            assert word in line, (origin, line)


# -- 2. CSV and the store ------------------------------------------------------------------
def test_cli_extract_csv_header_and_rows(store_runs: dict[str, Any],
                                         jsonl_run: dict[str, Any]) -> None:
    proc = store_runs["runs"][0]["proc"]
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    header = proc.stdout.splitlines()[0].split(",")
    for col in ("event_id", "doc_id", "published", "date", "cameo", "cameo_root", "plover",
                "status", "source_code", "target_code", "sentence", "start", "end", "trigger"):
        assert col in header
    events = jsonl_run["events"]
    assert len(rows) == len(events)
    for row, ev in zip(rows, events, strict=True):
        assert row["event_id"] == ev["event_id"]
        assert row["cameo"] == ev["cameo"]  # codes stay strings: "020", not 20
        assert row["status"] == ev["status"]
        assert row["sentence"] == ev["evidence"]["sentence"]
        assert (int(row["start"]), int(row["end"])) == (ev["evidence"]["start"],
                                                        ev["evidence"]["end"])
        assert row["source_code"] == (ev["source"]["code"] if ev["source"] else "")
    assert any(r["cameo"].startswith("0") for r in rows)


def test_cli_extract_store_twice_keeps_counts(store_runs: dict[str, Any],
                                              jsonl_run: dict[str, Any]) -> None:
    first, second = store_runs["runs"]
    n = len(jsonl_run["events"])
    assert first["counts"]["documents"] == 3
    assert first["counts"]["mentions"] == n
    assert 0 < first["counts"]["events"] <= n
    assert second["counts"] == first["counts"]
    assert second["ids"] == first["ids"] == sorted(e["event_id"] for e in jsonl_run["events"])
    assert first["docs"] == ["appeal", "detention", "wire-1"]
    for run in (first, second):
        show = run["show"]
        assert show.returncode == 0, show.stderr
        assert f"3 documents, {n} event mentions" in show.stdout
        assert "Traceback" not in show.stderr
        assert "COERCE" in show.stdout and "REQUEST" in show.stdout


# -- 4. deterministic event ids ---------------------------------------------------------------
def test_cli_extract_event_ids_are_deterministic(store_runs: dict[str, Any],
                                                 jsonl_run: dict[str, Any]) -> None:
    ids_jsonl = [e["event_id"] for e in jsonl_run["events"]]
    ids_csv = [[r["event_id"] for r in csv.DictReader(io.StringIO(run["proc"].stdout))]
               for run in store_runs["runs"]]
    assert ids_csv[0] == ids_jsonl
    assert ids_csv[1] == ids_jsonl
    assert store_runs["runs"][0]["proc"].stdout == store_runs["runs"][1]["proc"].stdout


# -- 3. standard input --------------------------------------------------------------------------
STDIN_NO_ID = "Police arrested two opposition leaders in Tbilisi on Friday."


def test_cli_extract_reads_jsonl_on_stdin(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "in-1", "text": WIRE_TEXT, "date": "2024-03-06"}),
        json.dumps({"text": STDIN_NO_ID, "date": "2024-03-11", "source": "wire"}),
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "in-5", "text": "Troops withdrew.", "date": "11/03/2024"}),
    ]
    report = tmp_path / "report.json"
    proc = cli("extract", "-", "--report", str(report), "--no-progress",
               stdin="\n".join(lines) + "\n")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    events = jsonl(proc.stdout)
    no_id = "doc-" + hashlib.sha1(STDIN_NO_ID.encode("utf-8")).hexdigest()[:16]
    assert {e["doc_id"] for e in events} == {"in-1", no_id}
    [arrest] = [e for e in events if e["doc_id"] == no_id]
    assert arrest["cameo_root"] == "17"
    assert arrest["published"] == "2024-03-11"
    assert arrest["date"] == "2024-03-08"  # the Friday before Monday 11 March
    assert arrest["evidence"]["sentence"] == STDIN_NO_ID
    rep = json.loads(report.read_text(encoding="utf-8"))
    assert rep["documents"] == 2
    assert sorted((e["origin"], e["doc_id"]) for e in rep["errors"]) == [
        ("<stdin>:4", None), ("<stdin>:5", "in-5")]
    assert "YYYY-MM-DD" in {e["origin"]: e for e in rep["errors"]}["<stdin>:5"]["message"]


# -- 7. usage errors ------------------------------------------------------------------------------
def test_cli_extract_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    proc = cli("extract", "no-such-articles", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip() == "error: input no-such-articles does not exist; check the path"


def test_cli_extract_unknown_format_is_a_usage_error(inputs: Path) -> None:
    proc = cli("extract", str(inputs), "--format", "xml")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip() == "error: --format must be jsonl or csv, not 'xml'"


def test_cli_extract_no_input_is_a_usage_error() -> None:
    proc = cli("extract")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "no input given" in proc.stderr

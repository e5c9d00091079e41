"""The Spark engine in local mode: the same events, ids and fields as the local engine.

Through the command line: `extract --engine spark` over JSONL and over Parquet, against
`extract --no-db` over the same articles.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
pytest.importorskip("pyspark", reason="the Spark engine needs pyspark (newsevents[spark])")
if not shutil.which("java"):
    if os.environ.get("CI"):
        raise RuntimeError("the Spark tests need Java 17; .ci/run installs it")
    pytest.skip("no java here (apt-get install openjdk-17-jre-headless)",
                allow_module_level=True)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsevents.cli.main", *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=900,
                          check=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("spark")
    rows = []
    for path in sorted((ROOT / "examples").glob("*.txt"))[:5]:
        header, body = path.read_text(encoding="utf-8").split("\n", 1)
        rows.append({"id": path.stem, "text": body, "date": header.split()[-1],
                     "title": None, "url": f"https://news.example/{path.stem}",
                     "source": "Example Wire"})
    rows.append({"id": "undated", "text": "Police detained two men in Minsk on Tuesday.",
                 "date": None, "title": None, "url": None, "source": None})
    jsonl = d / "articles.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{not json\n",
                     encoding="utf-8")
    parquet = d / "articles.parquet"
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM read_json('{jsonl}', format='newline_delimited', "
                f"ignore_errors=true)) TO '{parquet}' (FORMAT parquet)")
    return {"dir": d, "jsonl": jsonl, "parquet": parquet}


@pytest.fixture(scope="module")
def local(corpus: dict[str, Path]) -> list[dict[str, Any]]:
    proc = cli("extract", str(corpus["jsonl"]), "--no-db", "--no-progress", "--workers", "1")
    assert proc.returncode == 1, proc.stderr  # the bad line and the undated article
    return sorted((json.loads(line) for line in proc.stdout.splitlines()),
                  key=lambda e: e["event_id"])


def spark_run(corpus: dict[str, Path], source: str) -> dict[str, Any]:
    out = corpus["dir"] / f"out-{source}"
    proc = cli("extract", "--engine", "spark", str(corpus[source]), "--out", str(out),
               "--spark-master", "local[2]")
    con = duckdb.connect()
    events = [json.loads(r[0]) for r in con.execute(
        f"SELECT record FROM read_parquet('{out}/events/*/*.parquet') ORDER BY event_id"
    ).fetchall()]
    months = {r[0] for r in con.execute(
        f"SELECT DISTINCT month FROM read_parquet('{out}/events/*/*.parquet', "
        f"hive_partitioning=true)").fetchall()}
    docs = con.execute(f"SELECT doc_id FROM read_parquet('{out}/documents/*/*.parquet') "
                       f"ORDER BY doc_id").fetchall()
    errors = con.execute(f"SELECT doc_id, stage, message FROM read_parquet("
                         f"'{out}/errors/*.parquet') ORDER BY message").fetchall()
    return {"proc": proc, "events": events, "months": months, "docs": [d[0] for d in docs],
            "errors": errors}


@pytest.fixture(scope="module")
def from_jsonl(corpus: dict[str, Path]) -> dict[str, Any]:
    return spark_run(corpus, "jsonl")


def test_spark_events_equal_the_local_engine(from_jsonl: dict[str, Any],
                                             local: list[dict[str, Any]]) -> None:
    proc = from_jsonl["proc"]
    assert proc.returncode == 1, proc.stderr  # problems were found, and listed
    assert "Traceback" not in proc.stderr
    assert len(local) > 50
    assert from_jsonl["events"] == local  # every id and every field


def test_spark_writes_documents_errors_and_months(from_jsonl: dict[str, Any],
                                                  local: list[dict[str, Any]]) -> None:
    assert len(from_jsonl["docs"]) == 6 and "undated" in from_jsonl["docs"]
    stages = sorted((e[0] or "", e[1]) for e in from_jsonl["errors"])
    assert stages == [("", "ingest"), ("undated", "ingest")]
    assert any("malformed JSON" in e[2] for e in from_jsonl["errors"])
    def month(date: str | None) -> str:  # the month of the date's first day
        return "undated" if not date else date[:7] if len(date) >= 7 else f"{date}-01"

    want = {month(e["date"]) for e in local}
    assert from_jsonl["months"] == want
    assert "6 documents" in " ".join(from_jsonl["proc"].stderr.split())


def test_spark_reads_parquet(corpus: dict[str, Path], local: list[dict[str, Any]]) -> None:
    run = spark_run(corpus, "parquet")
    assert run["proc"].returncode == 1, run["proc"].stderr  # the undated article
    assert run["events"] == local


def test_spark_needs_an_out_directory(corpus: dict[str, Path]) -> None:
    proc = cli("extract", "--engine", "spark", str(corpus["jsonl"]))
    assert proc.returncode == 2 and "--out DIR" in proc.stderr
    assert "Traceback" not in proc.stderr

"""The corpus through the command line: idempotent and crash-safe ingest, dedup, query,
stats, sql and export.

Each start of the CLI loads spaCy (seconds), so module fixtures run the commands once and
several tests check what they did.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsevents.store.schema import TABLES

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
# columns that record when and by which run a row was written: the rest must be equal
RUN_COLUMNS = {"run_id", "added"}
DATA_TABLES = [t for t in TABLES if t not in ("runs", "run_errors")]


def cli(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["NEWSEVENTS_DB"] = str(db)
    return subprocess.run([sys.executable, "-m", "newsevents.cli.main", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=600, check=False)


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every data row of the store, without the columns that say when it was written."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in DATA_TABLES:
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [table]).fetchall() if r[0] not in RUN_COLUMNS]
            quoted = ", ".join(f'"{c}"' for c in cols)
            out[table] = sorted(con.execute(f"SELECT {quoted} FROM {table}").fetchall(),
                                key=repr)
        return out
    finally:
        con.close()


def counts(db: Path) -> dict[str, int]:
    return {t: len(rows) for t, rows in snapshot(db).items()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example articles, and a config that stores two documents at a time."""
    d = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "examples", d / "articles")
    (d / "small-batches.toml").write_text("[newsevents]\nbatch_size = 2\n", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def twice(corpus: Path) -> dict[str, Any]:
    db = corpus / "twice.duckdb"
    runs = []
    for _ in range(2):
        report = corpus / "report.json"
        proc = cli("extract", str(corpus / "articles"), "--no-progress", "--report",
                   str(report), db=db)
        runs.append({"proc": proc, "snapshot": snapshot(db),
                     "report": json.loads(report.read_text(encoding="utf-8"))})
    return {"db": db, "runs": runs}


# -- idempotent ---------------------------------------------------------------------------------
def test_cli_store_coding_twice_changes_no_count(twice: dict[str, Any]) -> None:
    first, second = twice["runs"]
    assert first["proc"].returncode == 0, first["proc"].stderr
    assert second["proc"].returncode == 0, second["proc"].stderr
    n = {t: len(rows) for t, rows in first["snapshot"].items()}
    assert n["documents"] == 12 and n["mentions"] > 100 and 0 < n["events"] <= n["mentions"]
    assert second["snapshot"] == first["snapshot"]


def test_cli_store_second_run_codes_nothing_and_prints_the_same(twice: dict[str, Any]) -> None:
    first, second = twice["runs"]
    assert first["report"]["coded"] == 12 and first["report"]["skipped"] == 0
    assert second["report"]["coded"] == 0 and second["report"]["skipped"] == 12
    assert "12 already in the store" in " ".join(second["proc"].stderr.split())
    assert second["proc"].stdout == first["proc"].stdout  # replayed from the store


def test_cli_store_records_each_run(twice: dict[str, Any]) -> None:
    con = duckdb.connect(str(twice["db"]), read_only=True)
    try:
        runs = con.execute("SELECT state, coded, skipped, versions FROM runs "
                           "ORDER BY started").fetchall()
    finally:
        con.close()
    assert [(r[0], r[1], r[2]) for r in runs] == [("done", 12, 0), ("done", 0, 12)]
    assert "coder" in json.loads(runs[0][3])


# -- crash safety -------------------------------------------------------------------------------
def killed_run(corpus: Path, db: Path, after: str, times: int = 1) -> str:
    """Start extract and kill -9 it once ``after`` has appeared ``times`` times on stderr."""
    env = {**os.environ, "NEWSEVENTS_DB": str(db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsevents.cli.main", "extract", str(corpus / "articles"),
         "--config", str(corpus / "small-batches.toml"), "--no-progress", "-v",
         "--out", os.devnull],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    seen = []
    assert proc.stderr is not None
    for line in proc.stderr:
        seen.append(line)
        if sum(after in s for s in seen) >= times:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=600)
    return "".join(seen)


@pytest.mark.parametrize(("after", "times"), [("stored", 1), ("stored", 4), ("deduplicating", 1)])
def test_cli_store_killed_run_then_rerun_equals_one_whole_run(
        corpus: Path, twice: dict[str, Any], after: str, times: int) -> None:
    db = corpus / f"killed-{after}-{times}.duckdb"
    log = killed_run(corpus, db, after, times)
    assert after in log
    partial = counts(db)
    assert partial["documents"] == 2 * times if after == "stored" else 12
    rerun = cli("extract", str(corpus / "articles"), "--no-progress", "--report",
                str(corpus / "rerun.json"), "--out", os.devnull, db=db)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads((corpus / "rerun.json").read_text(encoding="utf-8"))
    assert report["coded"] == 12 - partial["documents"]
    assert snapshot(db) == twice["runs"][0]["snapshot"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        states = [r[0] for r in con.execute("SELECT state FROM runs ORDER BY started").fetchall()]
    finally:
        con.close()
    assert states == ["interrupted", "done"]


# -- deduplication across articles --------------------------------------------------------------
@pytest.fixture(scope="module")
def syndicated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three outlets tell one detention, in their own words (tests/cli/syndicated.jsonl)."""
    db = tmp_path_factory.mktemp("synd") / "s.duckdb"
    proc = cli("extract", str(HERE / "syndicated.jsonl"), "--no-progress", "--out", os.devnull,
               db=db)
    assert proc.returncode == 0, proc.stderr
    return db


def test_cli_store_one_detention_told_by_three_outlets(syndicated: Path) -> None:
    proc = cli("query", "--cameo", "173", "--format", "json", db=syndicated)
    assert proc.returncode == 0, proc.stderr
    [ev] = json.loads(proc.stdout)
    assert (ev["source_code"], ev["target_code"], ev["date"]) == ("GEOCOP", "GEOEDU",
                                                                   "2024-03-05")
    assert (ev["num_mentions"], ev["num_articles"], ev["num_sources"]) == (3, 3, 3)
    proc = cli("query", "--cameo", "173", "--mentions", "--format", "jsonl", db=syndicated)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert sorted(r["doc_id"] for r in rows) == ["paper-b", "radio-c", "wire-a"]
    assert {r["global_id"] for r in rows} == {ev["global_id"]}


def test_cli_store_dedup_command_reworks_events(syndicated: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(syndicated, db)
    proc = cli("dedup", "--window", "0", "--place", "none", db=db)
    assert proc.returncode == 0, proc.stderr
    assert "under the rule window_days=0;place=none" in proc.stderr
    proc = cli("stats", "--by", "root", "--format", "csv", db=db)
    assert proc.stdout.splitlines()[0].startswith("cameo_root,events,mentions,goldstein")


def test_cli_store_stats_by_month_and_dyad(syndicated: Path) -> None:
    proc = cli("stats", "--by", "month", "--by", "dyad", "--cameo", "17", "--format", "json",
               db=syndicated)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [{
        "month": "2024-03", "source_code": "GEOCOP", "target_code": "GEOEDU", "events": 1,
        "mentions": 3, "goldstein": -5.0, "quad1": 0, "quad2": 0, "quad3": 0, "quad4": 1}]
    table = cli("stats", "--by", "plover", db=syndicated)
    assert "COERCE" in table.stdout and "Traceback" not in table.stderr


def test_cli_store_sql_and_export(syndicated: Path, tmp_path: Path) -> None:
    proc = cli("sql", "SELECT count(*) AS n FROM documents", "--format", "csv", db=syndicated)
    assert proc.stdout.split() == ["n", "3"]
    out = tmp_path / "events.tsv"
    proc = cli("export", "gdelt-events", "--out", str(out), "--plover", "COERCE", db=syndicated)
    assert proc.returncode == 0, proc.stderr
    [line] = out.read_text(encoding="utf-8").splitlines()
    assert len(line.split("\t")) == 61


@pytest.mark.parametrize(("args", "words"), [
    (["query", "--since", "last week"], "--since must be YYYY"),
    (["stats", "--by", "fortnight"], "cannot group by 'fortnight'"),
    (["sql", "SELEC 1"], "the SQL failed"),
    (["sql", "DELETE FROM events"], "the SQL failed"),
    (["export", "gdelt", "--out", "x.tsv"], "unknown format 'gdelt'"),
    (["query", "--format", "xml"], "--format must be one of"),
])
def test_cli_store_user_errors_are_clean(syndicated: Path, args: list[str], words: str) -> None:
    proc = cli(*args, db=syndicated)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert words in " ".join(proc.stderr.split())


def test_cli_store_missing_store_is_a_clean_error(tmp_path: Path) -> None:
    for command in ("query", "stats", "show"):
        proc = cli(command, db=tmp_path / "none.duckdb")
        assert proc.returncode == 2 and "no store at" in proc.stderr, proc.stderr
        assert not (tmp_path / "none.duckdb").exists()


@pytest.mark.parametrize(("args", "words"), [
    (["serve"], "no store at"),
    (["serve", "--api-key", "k"], "--api-key guards writing"),
])
def test_cli_serve_set_up_errors_are_clean(tmp_path: Path, args: list[str], words: str) -> None:
    proc = cli(*args, db=tmp_path / "none.duckdb")
    assert proc.returncode == 2 and words in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_extract_prints_when_the_default_store_is_busy(tmp_path: Path) -> None:
    """Another process writing ./newsevents.duckdb: the default store is skipped with a
    warning and the events are still printed; a store named with --db must open."""
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; "
                               "c = duckdb.connect('newsevents.duckdb'); print('held'); "
                               "sys.stdout.flush(); time.sleep(120)"],
                              cwd=tmp_path, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        env = {k: v for k, v in os.environ.items() if k != "NEWSEVENTS_DB"}
        article = str(HERE / "syndicated.jsonl")
        args = [sys.executable, "-m", "newsevents.cli.main", "extract", article,
                "--no-progress", "--workers", "1"]
        default = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True,
                                 timeout=600, check=False)
        assert default.returncode == 0, default.stderr
        assert "warning:" in default.stderr and "not stored" in default.stderr
        assert len(default.stdout.splitlines()) == 4  # the events of the three articles
        named = subprocess.run([*args, "--db", "newsevents.duckdb"], cwd=tmp_path, env=env,
                               capture_output=True, text=True, timeout=600, check=False)
        assert named.returncode == 2 and "E030" in named.stderr
        assert named.stdout == "" and "Traceback" not in named.stderr
    finally:
        holder.kill()
        holder.wait()

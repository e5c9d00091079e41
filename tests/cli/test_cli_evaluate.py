"""End-to-end tests of `newsevents evaluate` through the real command line: the seed article
gold, a sentence gold file of our own, and broken gold files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED

SEED_GOLD = SHARED / "spec" / "seed-article.gold.json"

SENTENCE_GOLD = [
    {"id": "my-1", "text": "German police arrested three German activists in Berlin on Monday.",
     "date": "2024-03-06",
     "events": [{"source": {"country": "DEU", "sector": "COP"},
                 "target": {"country": "DEU", "sector": "OPP"},
                 "cameo": "173", "status": "asserted", "date": "2024-03-04"}]},
    {"id": "my-2", "text": "The United Nations urged Russia to release the prisoners.",
     "date": "2024-03-08",
     "events": [{"source": {"country": None, "sector": "IGO"},
                 "target": {"country": "RUS", "sector": "GOV"},
                 "cameo": "020", "status": "asserted"},
                {"source": {"country": "RUS", "sector": "GOV"},
                 "target": {"country": None, "sector": "CVL"},
                 "cameo": "0841", "status": "proposed"}]},
    {"id": "my-3", "text": "The weather in Oslo was mild and sunny on Sunday.",
     "date": "2024-03-08", "events": []},
]
FIELDS = ["event", "root", "code", "source", "target", "status", "date"]


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run([sys.executable, "-m", "newsevents.cli.main", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd,
                          timeout=600, check=False)


@pytest.fixture(scope="module")
def sentence_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    d = tmp_path_factory.mktemp("evaluate")
    gold = d / "mine.jsonl"
    gold.write_text("".join(json.dumps(g) + "\n" for g in SENTENCE_GOLD), encoding="utf-8")
    scores = d / "scores.json"
    proc = cli("evaluate", str(gold), "--json", str(scores), "--errors", "5")
    return {"proc": proc,
            "scores": json.loads(scores.read_text(encoding="utf-8")) if scores.exists() else None}


@pytest.fixture(scope="module")
def missing_gold(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = (tmp_path_factory.mktemp("evaluate-missing") / "gold-files-never-written"
            / "missing-article.gold.json")
    return {"path": path, "proc": cli("evaluate", str(path))}


def test_cli_evaluate_seed_article_gold() -> None:
    proc = cli("evaluate", str(SEED_GOLD))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert "must: 8/8" in proc.stdout
    assert "must_not violated: 0" in proc.stdout
    assert "000_03a44af6df1f2788.txt" in proc.stdout
    for ident in ("urge-biden", "detained-2005", "alleged-atrocities"):
        assert ident in proc.stdout
    assert "missing" not in [line.split("│")[3].strip() for line in proc.stdout.splitlines()
                             if line.count("│") >= 4 and "│ must " in line]


def test_cli_evaluate_sentence_gold_tables(sentence_run: dict[str, Any]) -> None:
    proc = sentence_run["proc"]
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    out = proc.stdout
    for title in ("3 gold sentences: fields", "3 gold sentences: CAMEO roots",
                  "3 gold sentences: PLOVER types"):
        assert title in out
    assert out.count("precision") >= 3 and out.count("recall") >= 3
    assert re.search(r"PLOVER type accuracy on found events: \d\.\d{3} \(\d+/\d+\)", out)
    scores = sentence_run["scores"]
    assert scores is not None, "--json FILE was not written"
    s = scores["sentences"]
    assert s["n"] == 3
    assert sorted(s["fields"]) == sorted(FIELDS)
    for name in FIELDS:
        f = s["fields"][name]
        assert f["n_gold"] == 3, (name, f)
        assert 0 <= f["tp"] <= min(f["n_gold"], f["n_pred"])
        # the printed row agrees with the JSON
        p = f["tp"] / f["n_pred"] if f["n_pred"] else 1.0
        r = f["tp"] / f["n_gold"]
        row = re.search(rf"│ {name} +│ ([0-9.]+) +│ ([0-9.]+) +│ ([0-9.]+) +│ (\d+) +│ (\d+)",
                        out)
        assert row, name
        assert row.groups()[:2] == (f"{p:.3f}", f"{r:.3f}")
        assert row.groups()[3:] == (str(f["n_gold"]), str(f["n_pred"]))
    assert {k: v["n_gold"] for k, v in s["roots"].items() if v["n_gold"]} == {
        "17": 1, "02": 1, "08": 1}
    assert s["roots"]["17"]["tp"] == 1  # the arrest in Berlin is found with its dyad
    assert s["plover"]["COERCE"]["n_gold"] == 1
    assert s["plover"]["REQUEST"]["n_gold"] == 1


def test_cli_evaluate_missing_gold_is_a_usage_error(missing_gold: dict[str, Any]) -> None:
    proc = missing_gold["proc"]
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    message = " ".join(proc.stderr.split())
    assert message.startswith("error: gold file ")
    assert message.endswith(" does not exist")
    assert str(missing_gold["path"]) in proc.stderr.replace("\n", "")


def test_cli_evaluate_missing_gold_one_line_error(missing_gold: dict[str, Any]) -> None:
    lines = missing_gold["proc"].stderr.strip().splitlines()
    assert lines == [f"error: gold file {missing_gold['path']} does not exist"]


def test_cli_evaluate_article_gold_without_doc(tmp_path: Path) -> None:
    gold = tmp_path / "nodoc.gold.json"
    gold.write_text(json.dumps({"published": "2021-03-11", "must": []}), encoding="utf-8")
    proc = cli("evaluate", str(gold))
    assert "Traceback" not in proc.stderr, proc.stderr[-400:]
    assert proc.returncode == 2
    assert "doc" in proc.stderr


def test_cli_evaluate_sentence_gold_line_not_an_object(tmp_path: Path) -> None:
    gold = tmp_path / "odd.jsonl"
    gold.write_text(json.dumps(SENTENCE_GOLD[0]) + "\n" + '["not", "an", "object"]\n',
                    encoding="utf-8")
    proc = cli("evaluate", str(gold))
    assert "Traceback" not in proc.stderr, proc.stderr[-400:]
    assert proc.returncode == 2
    assert "odd.jsonl:2" in proc.stderr.replace("\n", "")

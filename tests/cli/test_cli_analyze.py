"""End-to-end tests of `newsevents analyze` through the real command line: one run (a text
file in a directory plus JSONL on standard input), checked by several tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

ARTICLE_BODY = (
    "Protests in Z\u00fcrich\n"
    "\n"
    "Police detained 40 protesters in Minsk on Tuesday. "
    "The minister said that the talks had failed.\n"
    "\n"
    "Turkish President Erdo\u011fan said: \u201cWe will not retreat.\u201d "
    "Thousands marched in Ankara last week.\n"
)
WIRE_TEXT = "The minister said that the talks had failed."
BODIES = {"minsk": ARTICLE_BODY, "w1": WIRE_TEXT}
KEYS = {"doc_id", "published", "title", "sentences", "actors", "places", "times", "quotes",
        "events", "errors"}


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run([sys.executable, "-m", "newsevents.cli.main", *args], input=stdin,
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=600, check=False)


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    d = tmp_path_factory.mktemp("analyze") / "articles"
    d.mkdir()
    (d / "minsk.txt").write_text(" date 2024-03-07\n" + ARTICLE_BODY, encoding="utf-8")
    stdin = json.dumps({"id": "w1", "text": WIRE_TEXT, "date": "2024-03-06",
                        "title": "Talks"}) + "\n"
    proc = cli("analyze", str(d), "-", "--no-progress", stdin=stdin)
    docs = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return {"proc": proc, "docs": {doc["doc_id"]: doc for doc in docs},
            "order": [doc["doc_id"] for doc in docs]}


def test_cli_analyze_one_object_per_document(analysis: dict[str, Any]) -> None:
    proc = analysis["proc"]
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert analysis["order"] == ["minsk", "w1"]  # paths first, then standard input
    for doc in analysis["docs"].values():
        assert set(doc) >= KEYS, KEYS - set(doc)
        assert doc["errors"] == []
    assert analysis["docs"]["minsk"]["published"] == "2024-03-07"
    assert analysis["docs"]["w1"]["published"] == "2024-03-06"
    assert analysis["docs"]["w1"]["title"] == "Talks"
    n_events = sum(len(d["events"]) for d in analysis["docs"].values())
    assert f"2 documents, {n_events} events, 0 problems" in " ".join(proc.stderr.split())


def test_cli_analyze_sentence_offsets_index_the_body(analysis: dict[str, Any]) -> None:
    for doc_id, doc in analysis["docs"].items():
        body = BODIES[doc_id]
        prev_end = 0
        for s in doc["sentences"]:
            text = body[s["start"]:s["end"]]
            assert text and text == text.strip(), (doc_id, s, text)
            assert s["start"] >= prev_end
            prev_end = s["end"]
    minsk = analysis["docs"]["minsk"]
    texts = [ARTICLE_BODY[s["start"]:s["end"]] for s in minsk["sentences"]]
    assert texts == [
        "Protests in Z\u00fcrich",
        "Police detained 40 protesters in Minsk on Tuesday.",
        "The minister said that the talks had failed.",
        "Turkish President Erdo\u011fan said: \u201cWe will not retreat.\u201d",
        "Thousands marched in Ankara last week.",
    ]
    assert [s["heading"] for s in minsk["sentences"]] == [True, False, False, False, False]
    [only] = analysis["docs"]["w1"]["sentences"]
    assert (only["start"], only["end"]) == (0, len(WIRE_TEXT))


def test_cli_analyze_mention_offsets_index_the_body(analysis: dict[str, Any]) -> None:
    for doc_id, doc in analysis["docs"].items():
        body = BODIES[doc_id]
        for kind in ("actors", "places", "times"):
            for m in doc[kind]:
                assert body[m["start"]:m["end"]] == m["text"], (doc_id, kind, m)
    minsk = analysis["docs"]["minsk"]
    actors = {a["text"]: a for a in minsk["actors"]}
    assert {"Police", "40 protesters", "Turkish President Erdo\u011fan"} <= set(actors)
    assert actors["Turkish President Erdo\u011fan"]["actor"]["code"] == "TURGOV"
    places = {p["text"]: p for p in minsk["places"]}
    # character offsets, not byte offsets: "ü" comes before and "ğ" between the places
    assert places["Z\u00fcrich"]["start"] == ARTICLE_BODY.index("Z\u00fcrich")
    assert places["Minsk"]["place"]["country"] == "BLR"
    assert places["Ankara"]["start"] == ARTICLE_BODY.index("Ankara")
    assert places["Ankara"]["place"]["country"] == "TUR"
    times = {t["text"]: t for t in minsk["times"]}
    assert (times["Tuesday"]["value"], times["Tuesday"]["precision"]) == ("2024-03-05", "day")


def test_cli_analyze_reported_speech_quote(analysis: dict[str, Any]) -> None:
    for doc_id, doc in analysis["docs"].items():
        body = BODIES[doc_id]
        [q] = [q for q in doc["quotes"] if "talks had failed" in q["content"]["text"]]
        assert q["speaker"]["text"] == "The minister"
        assert body[q["speaker"]["start"]:q["speaker"]["end"]] == "The minister"
        assert q["speaker"]["actor"]["sector"] == "GOV"
        assert q["cue"]["text"] == "said"
        assert body[q["cue"]["start"]:q["cue"]["end"]] == "said"
        assert q["content"]["text"] in ("that the talks had failed", "the talks had failed")
        assert body[q["content"]["start"]:q["content"]["end"]] == q["content"]["text"]
        assert q["cue"]["end"] <= q["content"]["start"]
        assert q["direct"] is False
        for quote in doc["quotes"]:
            for part in ("cue", "content"):
                span = quote[part]
                assert body[span["start"]:span["end"]] == span["text"], (doc_id, quote)
    [q] = analysis["docs"]["w1"]["quotes"]
    assert (q["cue"]["start"], q["content"]["end"]) == (13, 43)


def test_cli_analyze_direct_quote_listed_once(analysis: dict[str, Any]) -> None:
    quotes = [q for q in analysis["docs"]["minsk"]["quotes"]
              if "We will not retreat" in q["content"]["text"]]
    assert len(quotes) == 1, quotes
    [q] = quotes
    assert q["direct"] is True
    assert q["speaker"]["text"] == "Turkish President Erdo\u011fan"


def test_cli_analyze_events_point_at_their_sentences(analysis: dict[str, Any]) -> None:
    minsk = analysis["docs"]["minsk"]
    sentences = minsk["sentences"]
    for ev in minsk["events"]:
        e = ev["evidence"]
        s = sentences[e["sentence_index"]]
        assert (e["start"], e["end"]) == (s["start"], s["end"])
        assert ARTICLE_BODY[e["start"]:e["end"]] == e["sentence"]
        assert e["trigger"] in e["sentence"]
        assert ev["doc_id"] == "minsk"
    [arrest] = [ev for ev in minsk["events"] if ev["evidence"]["trigger"] == "detained"]
    assert arrest["cameo_root"] == "17"
    assert arrest["evidence"]["sentence_index"] == 1
    assert arrest["date"] == "2024-03-05"
    assert arrest["location"]["country"] == "BLR"
    # the quoted sentence reports no event
    assert not [ev for ev in minsk["events"] if ev["evidence"]["sentence_index"] == 2]


def test_cli_analyze_unqualified_police_take_the_event_country(
        analysis: dict[str, Any]) -> None:
    minsk = analysis["docs"]["minsk"]
    [arrest] = [ev for ev in minsk["events"] if ev["evidence"]["trigger"] == "detained"]
    assert arrest["location"]["country"] == "BLR"
    assert arrest["target"]["country"] == "BLR"
    assert arrest["source"]["code"] == "BLRCOP"

"""Cross-document deduplication: one event per happening, with GDELT-style counts."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsevents.data import data_path
from newsevents.errors import SetupError
from newsevents.store import Store
from newsevents.store.dedup import DedupRule, read_rule
from tests.store.build import GOMEL, VERSIONS, detention, event


def events(store: Store) -> list[dict[str, Any]]:
    return store.sql("SELECT * FROM events ORDER BY day, num_mentions DESC").to_dicts()


def stored(tmp_path: Path, docs: list[Any], rule: DedupRule | None = None) -> Store:
    tmp_path.mkdir(parents=True, exist_ok=True)
    store = Store(tmp_path / "s.duckdb", rule=rule)
    store.put(docs, "r1", VERSIONS)
    store.deduplicate()
    return store


def test_dedup_same_event_in_three_articles_is_one(tmp_path: Path) -> None:
    docs = [detention("a", outlet="Wire One"), detention("b", outlet="Wire One"),
            detention("c", url="https://www.daily.example/x", published="2024-05-03")]
    with stored(tmp_path, docs) as store:
        [ev] = events(store)
        assert (ev["num_mentions"], ev["num_articles"], ev["num_sources"]) == (3, 3, 2)
        assert ev["first_published"].isoformat() == "2024-05-02"
        assert ev["last_published"].isoformat() == "2024-05-03"
        assert {r[0] for r in store.query("SELECT global_id FROM mentions")} == {ev["global_id"]}


def test_dedup_two_mentions_in_one_article(tmp_path: Path) -> None:
    doc = detention("a")
    again = event(doc.article, 1, sentence=1, trigger="said")  # told twice in one article
    doc = replace(doc, events=(*doc.events, again))
    with stored(tmp_path, [doc, detention("b")]) as store:
        [ev] = events(store)
        assert (ev["num_mentions"], ev["num_articles"], ev["num_sources"]) == (3, 2, 2)


def test_dedup_window_chains_days(tmp_path: Path) -> None:
    docs = [detention("a", date="2024-05-01"), detention("b", date="2024-05-02"),
            detention("c", date="2024-05-05")]
    with stored(tmp_path, docs) as store:
        assert [e["num_mentions"] for e in events(store)] == [2, 1]
    with stored(tmp_path / "w", docs, DedupRule(window_days=3)) as store:
        assert [e["num_mentions"] for e in events(store)] == [3]
    with stored(tmp_path / "z", docs, DedupRule(window_days=0)) as store:
        assert [e["num_mentions"] for e in events(store)] == [1, 1, 1]


def test_dedup_keeps_apart_what_differs(tmp_path: Path) -> None:
    docs = [detention("a"), detention("b", cameo="172"), detention("c", target=None),
            detention("d", status="negated"), detention("e", place=None),
            detention("f", date="2024-05")]
    with stored(tmp_path, docs) as store:
        assert len(events(store)) == 6


def test_dedup_claimed_and_asserted_are_one_happening(tmp_path: Path) -> None:
    docs = [detention("a", status="claimed"), detention("b", confidence=0.5)]
    with stored(tmp_path, docs) as store:
        [ev] = events(store)
        assert ev["status"] == "asserted"  # the best mention: asserted before claimed
        assert ev["first_mention"] == "b-0"


def test_dedup_place_levels(tmp_path: Path) -> None:
    docs = [detention("a"), detention("b", place=GOMEL)]
    with stored(tmp_path, docs) as store:  # default: same country
        assert len(events(store)) == 1
    with stored(tmp_path / "x", docs, DedupRule(place="exact")) as store:
        assert len(events(store)) == 2


def test_dedup_is_incremental_and_rule_change_reworks_all(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.put([detention("a", date="2024-05-01")], "r1", VERSIONS)
        assert store.deduplicate() == 1
        assert store.deduplicate() == 0  # nothing new: nothing to do
        store.put([detention("b", date="2024-05-04")], "r2", VERSIONS)
        assert store.deduplicate() == 1
        assert len(events(store)) == 2
    with Store(path, rule=DedupRule(window_days=5)) as store:
        store.deduplicate()
        [ev] = events(store)
        assert ev["num_mentions"] == 2
    with Store(path) as store:  # no rule asked for: the store keeps its own
        assert store.rule == DedupRule(window_days=5)
        assert store.deduplicate() == 0
    with Store(path, rule=DedupRule()) as store:  # back to the default rule
        store.deduplicate()
        assert len(events(store)) == 2


def test_dedup_event_ids_do_not_depend_on_arrival_order(tmp_path: Path) -> None:
    docs = [detention("a"), detention("b", date="2024-05-02"), detention("c", cameo="172")]
    with stored(tmp_path, docs) as one:
        first = sorted(r["global_id"] for r in events(one))
    path = tmp_path / "two.duckdb"
    with Store(path) as two:
        for d in reversed(docs):
            two.put([d], "r", VERSIONS)
            two.deduplicate()
        assert sorted(r["global_id"] for r in events(two)) == first


def test_dedup_removed_mentions_remove_their_event(tmp_path: Path) -> None:
    old = detention("a")
    new = replace(old, article=replace(old.article, body=old.article.body + " Updated."),
                  events=())
    with stored(tmp_path, [old]) as store:
        store.put([new], "r2", VERSIONS)
        store.deduplicate()
        assert events(store) == []


def test_dedup_read_rule(tmp_path: Path) -> None:
    assert read_rule(None) is None  # nothing asked: a store keeps its rule
    assert read_rule(None, window_days=3) == DedupRule(window_days=3, place="country")
    config = tmp_path / "c.toml"
    config.write_text("[dedup]\nplace = \"adm1\"\n", encoding="utf-8")
    assert read_rule(config) == DedupRule(window_days=1, place="adm1")
    assert read_rule(config, place="none") == DedupRule(window_days=1, place="none")
    config.write_text("[newsevents]\nbatch_size = 4\n", encoding="utf-8")
    assert read_rule(config) is None


@pytest.mark.parametrize(("text", "words"), [
    ("[dedup]\nwindow = 2\n", "unknown [dedup] keys ['window']"),
    ("[dedup]\nplace = \"city\"\n", "country, adm1, exact, none"),
    ("[dedup]\nwindow_days = 999\n", "0 to 366"),
    ("[dedup]\nwindow_days = \"two\"\n", "whole number"),
])
def test_dedup_bad_rules_say_what_to_do(tmp_path: Path, text: str, words: str) -> None:
    config = tmp_path / "c.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(SetupError, match=re.escape(words)):
        read_rule(config)


def test_dedup_packaged_default_is_the_rule_default() -> None:
    import tomllib

    table = tomllib.loads(data_path("default.toml").read_text(encoding="utf-8"))["dedup"]
    assert DedupRule(**table) == DedupRule()
    assert DedupRule.parse(DedupRule(window_days=4, place="exact").text) == DedupRule(4, "exact")

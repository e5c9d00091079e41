"""Coding into a store through the Python API: incremental, replayed, failures kept out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsevents.api import Coder, RunReport
from newsevents.records import Article, Document
from newsevents.store import Store

ARTICLES = [
    Article("calm", "Kenyan police arrested five protesters in Nairobi on Monday.", "2024-07-09"),
    Article("stormy", "The army shelled the town of Kadugli on Friday.", "2024-07-09"),
]


def coded(coder: Coder, store: Store, articles: list[Article]
          ) -> tuple[RunReport, dict[str, list[dict[str, Any]]]]:
    report = RunReport()
    out = {a.doc_id: records for a, records in coder.code_into(store, articles, report)}
    return report, out


def test_code_into_codes_once_and_replays(coder: Coder, tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        first, records = coded(coder, store, ARTICLES)
        second, again = coded(coder, store, [*ARTICLES, ARTICLES[0]])
        assert first.counts == {"read": 2, "coded": 2, "skipped": 0, "updated": 0,
                                "events": first.events}
        assert second.counts["coded"] == 0 and second.counts["skipped"] == 3
        assert again == records and first.events == second.events > 0
        assert store.query("SELECT state, coded, skipped FROM runs ORDER BY started") == [
            ("done", 2, 0), ("done", 0, 3)]


def test_code_into_yields_in_input_order(coder: Coder, tmp_path: Path) -> None:
    later = Article("later", "Chad and Niger signed a border accord on Sunday.", "2024-07-09")
    with Store(tmp_path / "s.duckdb") as store:
        coded(coder, store, [ARTICLES[1]])
        report = RunReport()
        order = [a.doc_id for a, _ in coder.code_into(store, [ARTICLES[0], ARTICLES[1], later],
                                                      report)]
        assert order == ["calm", "stormy", "later"]
        assert (report.counts["coded"], report.stored) == (2, 1)


def test_code_into_keeps_a_failed_document_out(coder: Coder, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    stage = coder.pipeline.stages[2]

    class Failing:
        name, requires, provides = stage.name, stage.requires, stage.provides

        def __call__(self, doc: Document) -> Document:
            if doc.doc_id == "stormy":
                raise RuntimeError("a fault in the stage")
            result: Document = stage(doc)
            return result

    stages = list(coder.pipeline.stages)
    stages[2] = Failing()
    monkeypatch.setattr(coder.pipeline, "stages", stages)
    with Store(tmp_path / "s.duckdb") as store:
        report, _ = coded(coder, store, ARTICLES)
        assert [(e.doc_id, e.stage) for e in report.errors] == [("stormy", stage.name)]
        assert store.query("SELECT doc_id FROM documents") == [("calm",)]
        assert store.query("SELECT failed FROM runs") == [(1,)]
        assert store.query("SELECT doc_id, stage FROM run_errors") == [("stormy", stage.name)]
        monkeypatch.undo()
        report, _ = coded(coder, store, ARTICLES)  # tried again, and stored this time
        assert report.counts["coded"] == 1 and not report.errors
        assert store.query("SELECT count(*) FROM documents") == [(2,)]

"""Gold scores as floors: a change that makes the coder worse on our gold fails here.

Each gold set keeps its own floors, set just under the scores measured when they were
last raised; raise them as the coder improves (never lower them to make a change pass).
`core` is the first set (issue #2); `roots` the per-root set (issue #3); `heldout` and
`heldout_b` were written without looking at the coder or the other sets (see README.md for
what each has since been used for)."""

import json
from pathlib import Path

import pytest

from newsevents.evaluate import (
    ActorResult,
    PlaceResult,
    SentenceResult,
    TimeResult,
    analysed,
    event_date_of,
    event_place_of,
    read_actor_gold,
    read_sentence_gold,
    score_actors,
    score_article,
    score_places,
    score_sentence,
    score_times,
)
from newsevents.ingest.readers import read_text_file
from newsevents.records import Article
from tests.conftest import SHARED

GOLD = Path(__file__).resolve().parent
SETS = {
    "core": sorted((GOLD / "sentences").glob("[!r]*.jsonl")),
    "roots": sorted((GOLD / "sentences").glob("roots_*.jsonl")),
    "heldout": [GOLD / "heldout" / "mixed.jsonl"],
    "heldout_b": [GOLD / "heldout" / "mixed_b.jsonl"],
    "heldout_c": [GOLD / "heldout" / "mixed_c.jsonl"],
}
SETS["all"] = (SETS["core"] + SETS["roots"] + SETS["heldout"] + SETS["heldout_b"]
               + SETS["heldout_c"])
FLOORS = {
    "core": {"event": 0.88, "root": 0.93, "source": 0.87, "status": 0.88, "date": 0.83},
    "roots": {"event": 0.84, "root": 0.89, "source": 0.81, "status": 0.85, "date": 0.82},
    "heldout": {"event": 0.82, "root": 0.89},
    "heldout_b": {"event": 0.85, "root": 0.92},  # first seen: 0.740 and 0.867
    "heldout_c": {"event": 0.77, "root": 0.90},  # first seen: 0.634 and 0.828
    # issue #3's check: event F1 (source country, target country and root) on all our gold
    "all": {"event": 0.85},
}
# actor gold (issue #4): country and sector right per mention
ACTOR_FLOORS = {"country": 0.95, "sector": 0.94, "found": 0.97}


def _score(coder, paths: list[Path]) -> SentenceResult:  # noqa: ANN001
    res = SentenceResult()
    plover_of = {c: v.plover for c, v in coder.pipeline.ontology.codes.items()}
    for path in paths:
        for gs in read_sentence_gold(path):
            score_sentence(res, gs, list(coder.code_text(gs.text, gs.date, gs.id).events),
                           plover_of)
    return res


@pytest.fixture(scope="module")
def scores(coder) -> dict[str, SentenceResult]:  # noqa: ANN001
    return {name: _score(coder, paths) for name, paths in SETS.items()}


def test_gold_sets_are_big_enough() -> None:
    sizes = {name: sum(len(read_sentence_gold(p)) for p in paths)
             for name, paths in SETS.items()}
    assert sizes["core"] >= 80 and sizes["roots"] >= 400 and sizes["heldout"] >= 50, sizes


@pytest.mark.parametrize(("gold_set", "field"),
                         [(s, f) for s, floors in FLOORS.items() for f in sorted(floors)])
def test_gold_sentence_f1_floor(scores: dict[str, SentenceResult], gold_set: str,
                                field: str) -> None:
    prf = scores[gold_set].fields[field]
    assert prf.f1 >= FLOORS[gold_set][field], (gold_set, field, prf.precision, prf.recall,
                                                prf.f1)


def test_gold_no_root_below_0_7(scores: dict[str, SentenceResult]) -> None:
    low = {r: round(prf.f1, 3) for r, prf in scores["all"].roots.items() if prf.f1 < 0.7}
    assert not low, low


def test_gold_plover_accuracy(scores: dict[str, SentenceResult]) -> None:
    for name, res in scores.items():
        assert res.plover_accuracy >= 0.9, (name, res.plover_accuracy)


def test_gold_seed_article_every_must_and_no_must_not(coder) -> None:  # noqa: ANN001
    gold_path = SHARED / "spec" / "seed-article.gold.json"
    if not gold_path.exists():
        pytest.skip("../shared is not beside this clone")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    [article] = [a for a in read_text_file((gold_path.parent / gold["doc"]).resolve())
                 if isinstance(a, Article)]
    res = score_article(gold, coder.pipeline.code_one(article).events)
    assert [i for i, ok, _ in res.must if not ok] == []
    assert [w for w, n in res.must_not if n] == []


def test_gold_actor_mentions(coder) -> None:  # noqa: ANN001
    res = ActorResult()
    for path in sorted((GOLD / "actors").glob("*.jsonl")):
        for g in read_actor_gold(path):
            score_actors(res, g, list(coder.code_text(g.text, g.date, g.id).actors))
    assert res.mentions >= 300
    got = {"country": res.rate(res.country), "sector": res.rate(res.sector),
           "found": res.rate(res.found)}
    assert all(got[k] >= v for k, v in ACTOR_FLOORS.items()), (got, res.errors[:10])


def test_gold_time_expressions_and_event_dates(coder) -> None:  # noqa: ANN001
    def event_date(doc, trigger):  # noqa: ANN001, ANN202
        return event_date_of(coder, doc, trigger)

    res, held = TimeResult(), TimeResult()
    for path in sorted((GOLD / "time").glob("*.jsonl")):
        for gold, doc in analysed(coder, path, "time"):
            score_times(res, gold, doc, event_date)
    for gold, doc in analysed(coder, GOLD / "heldout" / "times.jsonl", "time"):
        score_times(held, gold, doc, event_date)
    assert res.expressions >= 400
    assert res.exact / res.expressions >= 0.98, res.errors[:10]
    assert res.event_exact / res.event_dates >= 0.93, res.errors[:10]
    # the held-out set, never tuned on, as a floor against losing ground
    assert held.exact / held.expressions >= 0.95, held.errors[:10]
    assert held.event_exact / held.event_dates >= 0.82, held.errors[:10]


def test_gold_places(coder) -> None:  # noqa: ANN001
    def event_place(doc, trigger):  # noqa: ANN001, ANN202
        return event_place_of(coder, doc, trigger)

    res, held = PlaceResult(), PlaceResult()
    for path in sorted((GOLD / "places").glob("*.jsonl")):
        for gold, doc in analysed(coder, path, "place"):
            score_places(res, gold, doc, event_place)
    for gold, doc in analysed(coder, GOLD / "heldout" / "places.jsonl", "place"):
        score_places(held, gold, doc, event_place)
    assert res.toponyms >= 400
    assert res.found / res.toponyms >= 0.93, res.errors[:10]
    assert res.within_161km / res.toponyms >= 0.90, res.errors[:10]
    # the held-out set, never tuned on, as a floor against losing ground
    assert held.found / held.toponyms >= 0.88, held.errors[:10]
    assert held.within_161km / held.toponyms >= 0.83, held.errors[:10]


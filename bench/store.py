"""The store at scale: load synthetic event mentions, deduplicate them, time the questions users
ask, and measure the file.

A measurement, not a test: it prints figures and checks nothing. It works in a temporary
directory.

    python bench/store.py [--mentions 1000000] [--runs 5] [--articles 300]

The mentions are made in SQL (seeded, so every run makes the same ones): 400 actor codes,
the CAMEO codes of our ontology, dates over three years, 2,000 places in 150 countries, one
mention in twenty not asserted, four mentions per article on average. A quarter of them
repeat an earlier mention from another article (a few days apart at most), as wire copy
does, so deduplication has work to do. Each mention has a sentence of about 150
characters. Article bodies are not stored, so the size is that of the event data alone.

Then it codes ``--articles`` synthetic articles (bench/synth.py) twice with one loaded
coder: into a new store, and with no store, and prints the store's share of the time.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from synth import make_articles

from newsevents.api import Coder, RunReport
from newsevents.coding.tables import Ontology
from newsevents.records import Article
from newsevents.store import Store
from newsevents.store.query import Filters, stats_sql

STATUSES = ["asserted"] * 15 + ["claimed", "claimed", "proposed", "future", "negated"]


def load(store: Store, n: int) -> None:
    """Fill documents, sentences and mentions with ``n`` synthetic mentions."""
    codes = sorted(Ontology().codes)
    con = store.con
    con.execute("SELECT setseed(0.42)")
    con.execute(f"""
        CREATE TEMP TABLE base AS
        SELECT i,
               CASE WHEN i % 4 = 3 THEN (i * 7919) % i ELSE i END AS origin
        FROM range({n}) t(i)""")
    con.execute(f"""
        CREATE TEMP TABLE seeds AS
        SELECT i,
               'C' || lpad(((i * 31) % 150)::VARCHAR, 2, '0') AS src_country,
               'C' || lpad(((i * 17 + 5) % 150)::VARCHAR, 2, '0') AS tgt_country,
               (['GOV','MIL','COP','CVL','OPP','REB','JUD','MED'])[1 + (i * 13) % 8] AS src_sector,
               (['GOV','MIL','COP','CVL','OPP','REB','JUD','MED'])[1 + (i * 29) % 8] AS tgt_sector,
               (?::VARCHAR[])[1 + (i * 101) % {len(codes)}] AS cameo,
               DATE '2022-01-01' + ((i * 37) % 1095)::INTEGER AS day,
               (i * 53) % 2000 AS place,
               ({STATUSES!r})[1 + (i * 7) % {len(STATUSES)}] AS status
        FROM range({n}) t(i)""", [codes])
    con.execute("""
        CREATE TEMP TABLE m AS
        SELECT b.i, s.src_country, s.tgt_country, s.src_sector, s.tgt_sector, s.cameo,
               s.day + CASE WHEN b.i <> b.origin THEN (b.i % 3)::INTEGER ELSE 0 END AS day,
               s.place, s.status
        FROM base b JOIN seeds s ON s.i = b.origin""")
    con.execute("BEGIN TRANSACTION")
    con.execute(f"""
        INSERT INTO documents
        SELECT 'k' || d, 'doc-' || d, DATE '2022-01-01' + (d % 1100)::INTEGER, NULL, NULL,
               'outlet-' || (d % 300), NULL, '', 4, 4, '{{}}', '{{}}', 'bench', now()
        FROM range({n // 4 + 1}) t(d)""")
    con.execute("""
        INSERT INTO sentences
        SELECT 'k' || (i // 4), i % 4, 0, 150, false,
               'The ' || src_sector || ' of ' || src_country || ' took action ' || cameo ||
               ' against the ' || tgt_sector || ' of ' || tgt_country ||
               ' on a day of the year, officials and witnesses told reporters.'
        FROM m""")
    con.execute("""
        INSERT INTO mentions (event_id, doc_key, doc_id, ordinal, published, date,
            date_precision, date_source, day, day_end, source_text, source_code,
            source_country, source_sector, target_text, target_code, target_country,
            target_sector, cameo, cameo_root, plover, goldstein, quad_class, status,
            location_name, location_country, location_lat, location_lon,
            location_geonameid, location_precision, sentence_index, sentence_start,
            sentence_end, trigger, trigger_start, confidence, rule, versions, lead, run_id)
        SELECT 'm' || i, 'k' || (i // 4), 'doc-' || (i // 4), i % 4, day + 1,
               strftime(day, '%Y-%m-%d'), 'day', 'text', day, day,
               'the ' || src_sector, src_country || src_sector, src_country, src_sector,
               'the ' || tgt_sector, tgt_country || tgt_sector, tgt_country, tgt_sector,
               cameo, cameo[1:2], 'COERCE', -5.0, 1 + (i % 4), status,
               'Place ' || place, 'C' || lpad((place % 150)::VARCHAR, 2, '0'),
               (place % 170) - 85.0, (place % 360) - 180.0, place, 'city',
               i % 4, 0, 150, 'acted', 10, 0.9, 'bench', '{}', i % 4 = 0, 'bench'
        FROM m""")
    con.execute("COMMIT")


def timed(fn: object, runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def ingest_cost(n: int, tmp: Path) -> tuple[float, float, int]:
    """Seconds to code ``n`` articles with no store, and into a new store; events stored."""
    articles = [Article(doc_id=a["id"], body=a["text"], published=a["date"])
                for a in make_articles(n)]
    coder = Coder()
    coder.code_text("Police detained two men in Minsk.", "2024-03-07")  # warm up
    t0 = time.perf_counter()
    for _ in coder.code_articles(articles):
        pass
    bare = time.perf_counter() - t0
    with Store(tmp / "ingest.duckdb") as store:
        t0 = time.perf_counter()
        for _ in coder.code_into(store, articles, RunReport()):
            pass
        stored = time.perf_counter() - t0
        events = store.counts()["mentions"]
    return bare, stored, events


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5, help="runs of each query (median shown)")
    ap.add_argument("--articles", type=int, default=300, help="articles coded into a store "
                    "to time ingest (0: skip)")
    args = ap.parse_args()
    n = args.mentions
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        with Store(path) as store:
            t0 = time.perf_counter()
            load(store, n)
            loaded = time.perf_counter() - t0
            t0 = time.perf_counter()
            store.deduplicate()
            deduped = time.perf_counter() - t0
            c = store.counts()
            store.con.execute("CHECKPOINT")
        size = path.stat().st_size
        with Store(path, read_only=True) as store:
            monthly, frame = timed(lambda: store.stats(by=["month", "dyad", "root"]), args.runs)
            monthly_m, _ = timed(lambda: store.stats(by=["month", "dyad", "root"],
                                                     mentions=True), args.runs)
            one, _ = timed(lambda: store.stats(Filters(country="C07", cameo="17",
                                                       since="2023"), by=["month"]), args.runs)
            page, _ = timed(lambda: store.events(Filters(cameo="19", status=("asserted",)),
                                                 limit=100), args.runs)
            groups = frame.height  # type: ignore[attr-defined]
        if args.articles:
            bare, stored, events = ingest_cost(args.articles, Path(tmp))
    sql = stats_sql(Filters(), ["month", "dyad", "root"])[0]
    print("newsevents store")
    print(f"loaded {n:,} mentions in {n // 4 + 1:,} articles: {loaded:.1f} s (SQL, not the "
          f"coder)")
    print(f"deduplicated into {c['events']:,} events ({c['mentions'] / c['events']:.2f} "
          f"mentions per event): {deduped:.1f} s")
    print(f"monthly count by dyad and root over all events: {monthly * 1000:.0f} ms "
          f"({groups:,} groups; median of {args.runs}); over all mentions: "
          f"{monthly_m * 1000:.0f} ms")
    print(f"  {sql}")
    print(f"one country's coercion since 2023 by month: {one * 1000:.0f} ms; "
          f"first 100 asserted fights: {page * 1000:.0f} ms")
    print(f"store size: {size / 1e6:.0f} MB; {size / 1e6 * 1_000_000 / n:.0f} MB per million "
          f"mentions ({size / 1e6 * 1_000_000 / c['events']:.0f} MB per million events), "
          f"sentences included, article bodies not")
    if args.articles:
        print(f"coding {args.articles} synthetic articles: {bare:.1f} s with no store, "
              f"{stored:.1f} s into a new store ({events} mentions); the store's share "
              f"{(stored - bare) / stored:.0%}")


if __name__ == "__main__":
    main()

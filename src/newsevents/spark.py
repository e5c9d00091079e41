"""The Spark engine: the same coder over a cluster, for corpora one machine cannot hold.

``newsevents extract --engine spark INPUT... --out DIR`` (or ``spark-submit`` of this module)
reads JSONL or Parquet articles from any path or URI Spark reads, codes each partition with
one pipeline per executor process (loaded once, reused across tasks), and writes Parquet
partitioned by month:

- ``DIR/events/month=YYYY-MM/``: one row per event, with its full record (``record``, the
  JSON of docs/records.md) and the columns most queries need;
- ``DIR/documents/month=YYYY-MM/``: one row per document (its ``analyze`` record);
- ``DIR/errors/``: one row per document that could not be read or coded.

The same input gives the same event ids and fields as the local engine: both build articles
with :func:`newsevents.ingest.readers.read_record` and code them with the same pipeline
(docs/spark.md).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from newsevents.api import Coder
from newsevents.pipeline import Options
from newsevents.records import DocError, Document, analysis_json, event_json
from newsevents.store.rows import day_range

_CODERS: dict[Options, Coder] = {}  # in an executor's Python worker: loaded once

EVENT_SCHEMA = (
    "event_id STRING, doc_id STRING, published STRING, date STRING, date_precision STRING, "
    "cameo STRING, cameo_root STRING, plover STRING, goldstein DOUBLE, quad_class INT, "
    "status STRING, source_code STRING, source_country STRING, target_code STRING, "
    "target_country STRING, location_name STRING, location_country STRING, lat DOUBLE, "
    "lon DOUBLE, record STRING, month STRING")
DOCUMENT_SCHEMA = ("doc_id STRING, published STRING, title STRING, n_sentences INT, "
                   "n_events INT, analysis STRING, month STRING")
ERROR_SCHEMA = "doc_id STRING, origin STRING, stage STRING, message STRING"
ARTICLE_FIELDS = ("id", "text", "date", "title", "url", "source")


def month_of(date: str | None) -> str:
    """The partition of a date: the month of its first day ("2005" is 2005-01)."""
    first, _ = day_range(date) if date else (None, None)
    return first.strftime("%Y-%m") if first else "undated"


def event_row(record: dict[str, Any]) -> tuple[Any, ...]:
    s, t, loc = record["source"] or {}, record["target"] or {}, record["location"] or {}
    return (record["event_id"], record["doc_id"], record["published"], record["date"],
            record["date_precision"], record["cameo"], record["cameo_root"], record["plover"],
            record["goldstein"], record["quad_class"], record["status"], s.get("code"),
            s.get("country"), t.get("code"), t.get("country"), loc.get("name"),
            loc.get("country"), loc.get("lat"), loc.get("lon"),
            json.dumps(record, ensure_ascii=False), month_of(record["date"]))


def code_partition(rows: Iterable[Any], options: Options, require_date: bool
                   ) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Code one partition of input rows (JSONL lines or table rows): ("event" | "document" |
    "error", row) pairs."""
    from newsevents.ingest.readers import read_record

    coder = _CODERS.get(options)
    if coder is None:
        coder = _CODERS[options] = Coder(options)

    def articles() -> Iterator[Any]:
        for origin, obj in rows:
            if isinstance(obj, str):  # a JSONL line
                if not obj.strip():
                    continue
                try:
                    obj = json.loads(obj)
                except json.JSONDecodeError as exc:
                    yield DocError("ingest", f"malformed JSON ({exc.msg} at column "
                                             f"{exc.colno})", None, origin)
                    continue
            elif isinstance(obj.get("date"), dt.date):  # a Parquet DATE column
                obj = {**obj, "date": obj["date"].isoformat()[:10]}
            yield from read_record(obj, origin, require_date)

    for out in coder.code_articles(articles()):
        errors: Iterable[DocError] = [out] if isinstance(out, DocError) else out.errors
        for e in errors:
            yield "error", (e.doc_id, e.origin, e.stage, e.message)
        if isinstance(out, Document):
            yield "document", _document_row(out)
            for ev in out.events:
                yield "event", event_row(event_json(ev))


def _document_row(doc: Document) -> tuple[Any, ...]:
    a = doc.article
    return (a.doc_id, a.published, a.title, len(doc.sentences), len(doc.events),
            json.dumps(analysis_json(doc), ensure_ascii=False), month_of(a.published))


def _rows(spark: Any, path: str) -> Any:
    """(origin, JSONL line or row dict) pairs of one input, as an RDD."""
    if path.rstrip("/").endswith(".parquet") or _is_parquet_dir(spark, path):
        df = spark.read.parquet(path)
        cols = [c for c in ARTICLE_FIELDS if c in df.columns]
        return df.select(*cols).rdd.map(lambda r: (path, r.asDict()))
    return spark.read.text(path).rdd.map(lambda r: (path, r.value))


def _is_parquet_dir(spark: Any, path: str) -> bool:
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    p = jvm.org.apache.hadoop.fs.Path(path)
    fs = p.getFileSystem(conf)
    if not fs.exists(p) or not fs.getFileStatus(p).isDirectory():
        return False
    return any(s.getPath().getName().endswith(".parquet") for s in fs.listStatus(p))


def _of_kind(kind: str) -> Any:
    return lambda kv: kv[0] == kind


def run(inputs: list[str], out: str, options: Options | None = None,
        require_date: bool = True, master: str | None = None) -> dict[str, int]:
    """Code the inputs on Spark and write ``out``; returns the counts of what was written."""
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    options = options or Options()
    # local mode: the executors' Python is this one, which has newsevents installed
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("newsevents")
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    try:
        rdd = spark.sparkContext.union([_rows(spark, p) for p in inputs])
        coded = rdd.mapPartitions(
            lambda rows: code_partition(rows, options, require_date)
        ).persist(StorageLevel.MEMORY_AND_DISK)  # coded once, written three times
        counts = {}
        for kind, schema, partitioned in (("event", EVENT_SCHEMA, True),
                                          ("document", DOCUMENT_SCHEMA, True),
                                          ("error", ERROR_SCHEMA, False)):
            rows = coded.filter(_of_kind(kind)).map(lambda kv: kv[1])
            df = spark.createDataFrame(rows, schema)
            writer = df.write.mode("overwrite")
            if partitioned:
                writer = writer.partitionBy("month")
            writer.parquet(f"{out.rstrip('/')}/{kind}s")
            counts[kind + "s"] = df.count()
        coded.unpersist()
        return counts
    finally:
        spark.stop()


def main(argv: list[str] | None = None) -> int:
    """``spark-submit newsevents/spark.py INPUT... --out DIR``: the entry point on a cluster."""
    import argparse

    ap = argparse.ArgumentParser(prog="newsevents-spark", description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="+", help="JSONL or Parquet articles (paths or URIs)")
    ap.add_argument("--out", required=True, help="output directory (path or URI)")
    ap.add_argument("--allow-undated", action="store_true")
    args = ap.parse_args(argv)
    counts = run(args.inputs, args.out, require_date=not args.allow_undated)
    print(json.dumps(counts), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

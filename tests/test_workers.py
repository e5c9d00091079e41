"""Worker processes: the same documents as one process, in input order, with the input read
lazily (so memory does not grow with it)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

from newsevents.api import Coder, RunReport
from newsevents.records import Article, DocError, Document, event_json
from newsevents.store import Store
from newsevents.workers import WorkerPool

TEXTS = [
    "Kenyan police arrested five protesters in Nairobi on Monday.",
    "The army shelled the town of Kadugli on Friday.",
    "Chad and Niger signed a border accord on Sunday.",
    "Protesters marched to parliament in Tbilisi on Tuesday.",
]


def articles(n: int) -> list[Article | DocError]:
    out: list[Article | DocError] = []
    for i in range(n):
        out.append(Article(f"a{i}", TEXTS[i % len(TEXTS)] + f" ({i})", "2024-07-09"))
        if i % 7 == 3:
            out.append(DocError("ingest", "unreadable", f"bad{i}", f"f{i}.txt"))
    return out


def test_workers_same_documents_in_input_order(coder: Coder) -> None:
    items = articles(45)
    alone = list(coder.pipeline.run(items))
    pool = WorkerPool(coder.pipeline, 2)
    try:
        together = list(pool.run(items))
    finally:
        pool.close()
    assert [getattr(x, "doc_id", None) for x in together] == [
        getattr(x, "doc_id", None) for x in alone]
    for a, b in zip(alone, together, strict=True):
        if isinstance(a, Document):
            assert isinstance(b, Document)
            assert [event_json(e) for e in a.events] == [event_json(e) for e in b.events]
        else:
            assert a == b


def test_workers_read_the_input_lazily(coder: Coder) -> None:
    read = 0

    def endless() -> Iterator[Article]:
        nonlocal read
        for i in itertools.count():
            read += 1
            yield Article(f"e{i}", TEXTS[i % len(TEXTS)], "2024-07-09")

    pool = WorkerPool(coder.pipeline, 2)
    try:
        first = list(itertools.islice(pool.run(endless()), 10))
    finally:
        pool.close()
    assert [d.doc_id for d in first] == [f"e{i}" for i in range(10)]
    size = coder.pipeline.options.batch_size
    assert read <= (2 * 2 + 1) * size  # two batches per worker in flight, and one more


def test_workers_store_what_one_process_stores(coder: Coder, tmp_path: Path) -> None:
    items = [a for a in articles(20) if isinstance(a, Article)]
    snapshots = []
    for n, workers in enumerate((1, 2)):
        coder.workers = workers
        try:
            with Store(tmp_path / f"{n}.duckdb") as store:
                list(coder.code_into(store, items, RunReport()))
                snapshots.append(sorted(store.query("SELECT event_id, global_id, cameo "
                                                    "FROM mentions")))
        finally:
            coder.close()
            coder.workers = 1
    assert snapshots[0] == snapshots[1] and len(snapshots[0]) >= 20


def test_workers_end_with_their_parent(tmp_path: Path) -> None:
    """A run killed with -9 leaves no worker behind holding the pipeline in memory."""
    import os
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(f'{{"id": "x{i}", "text": "{TEXTS[i % 4]}", '
                              f'"date": "2024-07-09"}}\n' for i in range(400)),
                      encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "newsevents.cli.main", "extract",
                             str(corpus), "--no-db", "--workers", "2", "--no-progress",
                             "-v", "--out", os.devnull], stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    for line in proc.stderr:
        if "worker processes" in line:
            break
    children: list[str] = []
    deadline = time.monotonic() + 30
    while len(children) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
        children = [c for task in Path(f"/proc/{proc.pid}/task").iterdir()
                    for c in (task / "children").read_text().split()]
    assert len(children) >= 2, children
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{c}").exists() for c in children):
        time.sleep(0.2)
    alive = [c for c in children
             if Path(f"/proc/{c}/status").exists()
             and "zombie" not in Path(f"/proc/{c}/status").read_text()]
    assert alive == []

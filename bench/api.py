"""Latency of the HTTP API under concurrent load: the server in one process, the load from
another (this one), on loopback.

A measurement, not a test: it prints figures and checks nothing.

    python bench/api.py [--mentions 200000] [--clients 8] [--queries 400] [--articles 60]

It fills a temporary store with synthetic mentions (as bench/store.py does), starts
`newsevents serve` on a free port, warms it (one extract loads the coder), then sends, from
``--clients`` threads at once, ``--queries`` filtered event queries (GET /v1/events with a
country, a CAMEO root and a date range) and ``--articles`` synthetic articles to code
(POST /v1/extract, not stored). For each it prints p50 and p99 latency and requests per
second.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from synth import make_articles

from newsevents.store import Store
from store import load


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, proc: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped (exit {proc.returncode})")
        try:
            if httpx.get(url + "/v1/meta", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer in time")


def run(requests: list[tuple[str, str, Any]], base: str, clients: int
        ) -> tuple[list[float], float, int]:
    """Send the requests from ``clients`` threads; latencies, wall time, failures."""
    local = {}

    def one(req: tuple[str, str, Any]) -> tuple[float, bool]:
        import threading

        client = local.setdefault(threading.get_ident(), httpx.Client(base_url=base,
                                                                       timeout=300))
        method, path, payload = req
        t0 = time.perf_counter()
        r = (client.get(path, params=payload) if method == "GET"
             else client.post(path, json=payload))
        return time.perf_counter() - t0, r.status_code == 200

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one, requests))
    wall = time.perf_counter() - t0
    for c in local.values():
        c.close()
    return [r[0] for r in results], wall, sum(not r[1] for r in results)


def report(name: str, lat: list[float], wall: float, failed: int) -> None:
    lat = sorted(lat)
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    print(f"{name}: {len(lat)} requests, p50 {statistics.median(lat) * 1000:.0f} ms, "
          f"p99 {p99 * 1000:.0f} ms, {len(lat) / wall:.1f} requests/s, {failed} failed")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=int, default=200_000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--queries", type=int, default=400)
    ap.add_argument("--articles", type=int, default=60)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "api.duckdb"
        with Store(db) as store:
            load(store, args.mentions)
            store.deduplicate()
            events = store.counts()["events"]
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([sys.executable, "-m", "newsevents.cli.main", "serve",
                                 "--db", str(db), "--port", str(port)],
                                stderr=subprocess.DEVNULL, env={**os.environ})
        try:
            wait_ready(base, proc)
            t0 = time.perf_counter()
            httpx.post(base + "/v1/extract", json={"text": "Police detained two men.",
                                                   "date": "2024-03-07"}, timeout=300)
            warm = time.perf_counter() - t0
            queries = [("GET", "/v1/events", {"country": f"C{i % 150:02d}", "cameo": "1",
                                              "since": "2023-01", "until": "2023-06",
                                              "limit": 50})
                       for i in range(args.queries)]
            articles = [("POST", "/v1/extract", {"text": a["text"], "date": a["date"]})
                        for a in make_articles(args.articles)]
            print("newsevents API under load (server and load in two processes, loopback)")
            print(f"store: {args.mentions:,} synthetic mentions, {events:,} events; "
                  f"{args.clients} concurrent clients; first extract (loads the coder) "
                  f"{warm:.1f} s")
            report("GET /v1/events (country, root, 6 months; 50 rows)",
                   *run(queries, base, args.clients))
            report("POST /v1/extract (a 250-word article, not stored)",
                   *run(articles, base, args.clients))
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()

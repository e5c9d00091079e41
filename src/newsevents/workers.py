"""Worker processes: the pipeline on every core, articles in, documents out, in input order.

The parent loads the pipeline once; the workers are forked from it, so they start at once
and share its memory pages (the spaCy model, the knowledge base, the gazetteer) until they
write to them. Articles go out in batches, at most two batches per worker in flight, so
memory stays flat however long the input is; results come back in input order.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from newsevents.pipeline import Pipeline
from newsevents.records import Article, Document

log = logging.getLogger(__name__)
T = TypeVar("T")
_PIPELINE: Pipeline | None = None  # in a worker: the pipeline inherited from the parent


def _watch_parent(parent: int) -> None:
    """In a worker: end when the parent process is gone (even killed with -9), instead of
    lingering with the pipeline in memory."""
    import ctypes
    import os
    import signal
    import threading

    # Linux: the kernel kills the worker as soon as the parent dies (PR_SET_PDEATHSIG)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)

    def watch() -> None:  # elsewhere, and in case the parent died before prctl
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="newsevents-parent-watch").start()


def _code(batch: list[Any]) -> list[Any]:
    assert _PIPELINE is not None, "a worker must be forked from a process with a pipeline"
    return list(_PIPELINE.run(batch))


class WorkerPool:
    """``workers`` forked processes running ``pipeline``; :meth:`run` is ``pipeline.run``."""

    def __init__(self, pipeline: Pipeline, workers: int) -> None:
        global _PIPELINE
        _PIPELINE = pipeline  # inherited by the forked workers
        self.pipeline = pipeline
        self.workers = workers
        self.executor = ProcessPoolExecutor(workers,
                                            mp_context=multiprocessing.get_context("fork"),
                                            initializer=_watch_parent,
                                            initargs=(os.getpid(),))
        log.info("started %d worker processes", workers)

    def run(self, items: Iterable[Article | T]) -> Iterator[Document | T]:
        size = self.pipeline.options.batch_size
        in_flight: deque[Future[list[Any]]] = deque()
        it = iter(items)
        while batch := list(itertools.islice(it, size)):
            in_flight.append(self.executor.submit(_code, batch))
            if len(in_flight) >= 2 * self.workers:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

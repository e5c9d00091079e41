"""The Python API: everything the CLI (and later the HTTP server) does, as plain functions.

    from newsevents.api import Coder
    coder = Coder()
    doc = coder.code_text("Police detained 40 protesters in Minsk on Tuesday.", "2024-03-07")
    for ev in doc.events: ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, TypeVar, cast

from newsevents.ingest import read_inputs
from newsevents.ingest.readers import check_date, content_id
from newsevents.pipeline import Options, Pipeline
from newsevents.records import Article, DocError, Document, event_json
from newsevents.store.rows import doc_key

if TYPE_CHECKING:
    from newsevents.store.duck import Store
    from newsevents.workers import WorkerPool

T = TypeVar("T")


@dataclass
class RunReport:
    """What a run did: counts, and every problem with the document it concerns."""

    documents: int = 0
    events: int = 0
    errors: list[DocError] = field(default_factory=list)
    # with a store: documents found there already (not coded again), repeats of an article
    # met earlier in the same run, and new texts under an id the store knew
    stored: int = 0
    repeats: int = 0
    updated: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def add(self, item: Document | DocError) -> None:
        if isinstance(item, DocError):
            self.errors.append(item)
            return
        self.documents += 1
        self.events += len(item.events)
        self.errors.extend(item.errors)

    def add_stored(self, n_events: int) -> None:
        self.documents += 1
        self.stored += 1
        self.events += n_events

    @property
    def counts(self) -> dict[str, int]:
        return {"read": self.documents + self.repeats, "coded": self.documents - self.stored,
                "skipped": self.stored + self.repeats, "updated": self.updated,
                "events": self.events}


@dataclass(frozen=True)
class _Stored:
    """An article the store holds already: it passes through the pipeline uncoded."""

    article: Article


class RecentKeys:
    """The last ``size`` keys seen: repeats of an article not yet stored are found here,
    older ones by the store, so memory stays flat however long the input is."""

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self.keys: dict[str, None] = {}

    def add(self, key: str) -> bool:
        """Record the key; False when it was seen already."""
        if key in self.keys:
            return False
        self.keys[key] = None
        if len(self.keys) > self.size:
            del self.keys[next(iter(self.keys))]
        return True


class Coder:
    """A loaded pipeline. Loading takes a few seconds; reuse one Coder for many articles.

    With ``workers`` > 1, articles are coded in that many worker processes forked from this
    one (:mod:`newsevents.workers`); results still come in input order. Close the Coder (or
    use it in a ``with`` block) to stop them.
    """

    def __init__(self, options: Options | None = None, workers: int = 1) -> None:
        self.pipeline = Pipeline(options)
        self.workers = max(1, workers)
        self._pool: WorkerPool | None = None

    def __enter__(self) -> Coder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the worker processes now (before this process opens files or threads that
        forked workers should not inherit)."""
        if self.workers > 1 and self._pool is None:
            from newsevents.workers import WorkerPool

            self._pool = WorkerPool(self.pipeline, self.workers)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def _run(self, items: Iterable[Article | T]) -> Iterator[Document | T]:
        if self.workers == 1:
            return self.pipeline.run(items)
        self.start()
        assert self._pool is not None
        return self._pool.run(items)

    @property
    def versions(self) -> dict[str, str]:
        return self.pipeline.versions

    def code_text(self, text: str, date: str | None = None, doc_id: str | None = None
                  ) -> Document:
        if date is not None and check_date(date):
            raise ValueError(check_date(date))
        article = Article(doc_id=doc_id or content_id(text), body=text, published=date)
        return self.pipeline.code_one(article)

    def code_articles(self, items: Iterable[Article | DocError]) -> Iterator[Document | DocError]:
        return self._run(items)

    def code_into(self, store: Store, items: Iterable[Article | DocError], report: RunReport,
                  recode: bool = False, command: str = ""
                  ) -> Iterator[tuple[Article, list[dict[str, Any]]]]:
        """Code articles into a store, incrementally; yields each article's event records.

        An article the store holds already, coded by these versions, is not coded again
        (unless ``recode``): its stored events are yielded. Articles are yielded in input
        order; new ones are coded (by the workers, if any) and stored a batch at a time,
        and the run ends with deduplication (docs/store.md).
        """
        run_id = store.begin_run(command, self.versions)
        recent = RecentKeys()

        def plan() -> Iterator[Article | DocError | _Stored]:
            for item in items:
                if isinstance(item, Article):
                    if not recent.add(doc_key(item)):  # twice in one run: one document
                        report.repeats += 1
                        continue
                    verdict = store.verdict(item, self.versions)
                    if verdict == "stored" and not recode:
                        yield _Stored(item)
                        continue
                    report.updated += verdict == "updated"
                yield item

        batch: list[Document] = []
        coded = cast("Iterator[Document | DocError | _Stored]", self._run(plan()))
        for out in coded:
            if isinstance(out, _Stored):
                records = store.stored_events(out.article)
                report.add_stored(len(records))
                yield out.article, records
                continue
            report.add(out)
            if isinstance(out, Document):
                if not out.errors:  # a stage failed on it: not stored, tried next run
                    batch.append(out)
                if len(batch) >= self.pipeline.options.batch_size:
                    store.put(batch, run_id, self.versions)
                    batch = []
                yield out.article, [event_json(e) for e in out.events]
        store.put(batch, run_id, self.versions)
        store.end_run(run_id, report.counts, report.errors)

    def code_inputs(self, inputs: Iterable[str], stdin: IO[str] | None = None,
                    require_date: bool = True) -> Iterator[Document | DocError]:
        """Read and code files, directories, or ``-`` (JSONL on stdin)."""
        return self._run(read_inputs(inputs, stdin=stdin, require_date=require_date))

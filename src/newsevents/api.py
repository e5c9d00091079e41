"""The Python API: everything the CLI (and later the HTTP server) does, as plain functions.

    from newsevents.api import Coder
    coder = Coder()
    doc = coder.code_text("Police detained 40 protesters in Minsk on Tuesday.", "2024-03-07")
    for ev in doc.events: ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from newsevents.ingest import read_inputs
from newsevents.ingest.readers import check_date, content_id
from newsevents.pipeline import Options, Pipeline
from newsevents.records import Article, DocError, Document, event_json
from newsevents.store.rows import doc_key

if TYPE_CHECKING:
    from newsevents.store.duck import Store


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


class Coder:
    """A loaded pipeline. Loading takes a few seconds; reuse one Coder for many articles."""

    def __init__(self, options: Options | None = None) -> None:
        self.pipeline = Pipeline(options)

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
        return self.pipeline.run(items)

    def code_into(self, store: Store, items: Iterable[Article | DocError], report: RunReport,
                  recode: bool = False, command: str = ""
                  ) -> Iterator[tuple[Article, list[dict[str, Any]]]]:
        """Code articles into a store, incrementally; yields each article's event records.

        An article the store holds already, coded by these versions, is not coded again
        (unless ``recode``): its stored events are yielded. Articles are yielded in input
        order; new ones are coded and stored a batch at a time, and the run ends with
        deduplication (docs/store.md).
        """
        run_id = store.begin_run(command, self.versions)
        seen: set[str] = set()
        pending: list[Article | DocError] = []  # in input order, waiting to be coded

        def code_pending() -> Iterator[tuple[Article, list[dict[str, Any]]]]:
            coded: list[Document] = []
            for out in self.pipeline.run(pending):
                report.add(out)
                if isinstance(out, Document):
                    if not out.errors:  # a stage failed on it: not stored, tried next run
                        coded.append(out)
                    yield out.article, [event_json(e) for e in out.events]
            pending.clear()
            store.put(coded, run_id, self.versions)

        for item in items:
            if isinstance(item, Article):
                key = doc_key(item)
                if key in seen:  # the same article twice in one run: one document
                    report.repeats += 1
                    continue
                seen.add(key)
                verdict = store.verdict(item, self.versions)
                if verdict == "stored" and not recode:
                    yield from code_pending()  # what came before it, first
                    records = store.stored_events(item)
                    report.add_stored(len(records))
                    yield item, records
                    continue
                report.updated += verdict == "updated"
            pending.append(item)
            if sum(isinstance(p, Article) for p in pending) >= self.pipeline.options.batch_size:
                yield from code_pending()
        yield from code_pending()
        store.end_run(run_id, report.counts, report.errors)

    def code_inputs(self, inputs: Iterable[str], stdin: IO[str] | None = None,
                    require_date: bool = True) -> Iterator[Document | DocError]:
        """Read and code files, directories, or ``-`` (JSONL on stdin)."""
        return self.pipeline.run(read_inputs(inputs, stdin=stdin, require_date=require_date))

"""The Python API: everything the CLI (and later the HTTP server) does, as plain functions.

    from newsevents.api import Coder
    coder = Coder()
    doc = coder.code_text("Police detained 40 protesters in Minsk on Tuesday.", "2024-03-07")
    for ev in doc.events: ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from newsevents.ingest import read_inputs
from newsevents.ingest.readers import check_date, content_id
from newsevents.pipeline import Options, Pipeline
from newsevents.records import Article, DocError, Document


@dataclass
class RunReport:
    """What a run did: counts, and every problem with the document it concerns."""

    documents: int = 0
    events: int = 0
    errors: list[DocError] = field(default_factory=list)

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

    def code_inputs(self, inputs: Iterable[str], stdin: IO[str] | None = None,
                    require_date: bool = True) -> Iterator[Document | DocError]:
        """Read and code files, directories, or ``-`` (JSONL on stdin)."""
        return self.pipeline.run(read_inputs(inputs, stdin=stdin, require_date=require_date))

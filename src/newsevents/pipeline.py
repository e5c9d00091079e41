"""The pipeline: the stage protocol, the default order, and the runner.

Every stage is a callable from :class:`~newsevents.records.Document` to
Document that declares what it ``requires`` and ``provides``; the order is
checked when the pipeline is built, not mid-run. A stage may also offer
``pipe`` to work on a batch (parse does, to batch spaCy). A failure inside one
document becomes a DocError on it; the rest of the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

from newsevents.actors.kb import KnowledgeBase
from newsevents.actors.resolve import ActorResolver
from newsevents.coding.attach import Attacher
from newsevents.coding.dictionaries import (
    add_petrarch_actors,
    add_petrarch_verbs,
    load_user_dictionaries,
)
from newsevents.coding.engine import EventCoder
from newsevents.coding.quotes import QuoteFinder
from newsevents.coding.tables import Lexicon, Ontology
from newsevents.data import file_version
from newsevents.errors import SetupError
from newsevents.parse import Parser
from newsevents.place.gazetteer import Gazetteer
from newsevents.place.geoparse import PlaceFinder, to_place
from newsevents.records import Article, DocError, Document
from newsevents.time import TimeFinder

log = logging.getLogger(__name__)
T = TypeVar("T")


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


@dataclass(frozen=True)
class Options:
    """What a user can change; every key has a CLI option (docs/cli.md)."""

    dictionaries: tuple[Path, ...] = ()
    actor_dirs: tuple[Path, ...] = ()
    batch_size: int = 32
    statements: bool = False  # also code every claim about another actor as a 010 statement


def read_config(path: Path | None) -> Options:
    """Options from a TOML file (``[newsevents]`` table); the packaged default when None."""
    import tomllib

    from newsevents.data import data_path

    source = path or data_path("default.toml")
    try:
        table = tomllib.loads(source.read_text(encoding="utf-8")).get("newsevents", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SetupError("E050", f"cannot read config {source}: {exc}") from exc
    unknown = set(table) - {"dictionaries", "actors", "statements", "batch_size"}
    if unknown:
        raise SetupError("E051", f"{source}: unknown keys {sorted(unknown)}; see "
                                 "docs/cli.md for the keys a config may set")
    base = source.parent
    return Options(
        dictionaries=tuple((base / str(p)).resolve() for p in table.get("dictionaries", [])),
        actor_dirs=tuple((base / str(p)).resolve() for p in table.get("actors", [])),
        statements=bool(table.get("statements", False)),
        batch_size=int(table.get("batch_size", 32)))


def check_order(stages: list[Any]) -> None:
    have = {"article"}
    for st in stages:
        missing = [r for r in st.requires if r not in have]
        if missing:
            raise SetupError("E020", f"stage '{st.name}' needs {missing}, which no earlier "
                                     "stage provides; fix the stage order")
        have.update(st.provides)


def stage_table(stages: list[Any]) -> list[tuple[str, str, str]]:
    return [(s.name, ", ".join(s.requires), ", ".join(s.provides)) for s in stages]


class Pipeline:
    def __init__(self, options: Options | None = None, nlp: Any = None) -> None:
        self.options = options or Options()
        self.user = load_user_dictionaries(self.options.dictionaries)
        self.kb = KnowledgeBase(self.options.actor_dirs)
        self.ontology = Ontology()
        self.lexicon = Lexicon.load(self.user.yaml_files, self.ontology)
        if self.user.petrarch is not None:
            add_petrarch_verbs(self.lexicon, self.user.petrarch, self.ontology)
            add_petrarch_actors(self.kb, self.user.petrarch)
        self.gazetteer = Gazetteer.load()
        countries = {}
        for iso in self.kb.country_names:
            entry = self.gazetteer.countries(iso)
            if entry is not None:
                countries[iso] = to_place(entry)
                if iso in self.kb.centroids:  # the country's centre, not its capital region
                    lat, lon = self.kb.centroids[iso]
                    countries[iso] = replace(countries[iso], lat=lat, lon=lon)
        self.parser = Parser(nlp, batch_size=self.options.batch_size)
        self.stages: list[Any] = [
            self.parser,
            ActorResolver(self.kb, self.gazetteer.is_major_place,
                          self.gazetteer.major_place_country),
            TimeFinder(),
            PlaceFinder(self.gazetteer, self.kb),
            QuoteFinder(self.lexicon),
            EventCoder(self.ontology, self.lexicon, self.kb, Attacher(countries),
                       statements=self.options.statements, user=self.user),
        ]
        check_order(self.stages)
        if self.options.dictionaries:
            coder: EventCoder = self.stages[-1]
            coder.versions["dictionaries"] = file_version(*self.options.dictionaries)

    @property
    def versions(self) -> dict[str, str]:
        coder: EventCoder = self.stages[-1]
        return dict(coder.versions)

    def run(self, items: Iterable[Article | T]) -> Iterator[Document | T]:
        """Code articles in batches; anything else (errors from ingest, articles the store
        holds already) passes through, in order."""
        batch: list[Document] = []
        for item in items:
            if not isinstance(item, Article):
                yield from self._flush(batch)
                batch = []
                yield item
                continue
            batch.append(Document(article=item))
            if len(batch) >= self.options.batch_size:
                yield from self._flush(batch)
                batch = []
        yield from self._flush(batch)

    def code_one(self, article: Article) -> Document:
        return next(d for d in self._flush([Document(article=article)])
                    if isinstance(d, Document))

    def _flush(self, batch: list[Document]) -> Iterator[Document]:
        if not batch:
            return
        try:
            parsed = list(self.parser.pipe(batch))
        except Exception as exc:  # one bad text must not sink the batch: retry one by one
            log.warning("batch parse failed (%s); parsing documents one by one", exc)
            parsed = [self._safe(self.parser, d) for d in batch]
        for doc in parsed:
            for stage in self.stages[1:]:
                if doc.errors and doc.parsed is None:
                    break
                doc = self._safe(stage, doc)
            yield replace(doc, parsed=None)

    @staticmethod
    def _safe(stage: Any, doc: Document) -> Document:
        try:
            out: Document = stage(doc)
            return out
        except SetupError:
            raise
        except Exception as exc:
            log.exception("stage %s failed on %s", stage.name, doc.doc_id)
            err = DocError(stage.name, f"internal error in stage '{stage.name}': "
                                       f"{type(exc).__name__}: {exc}; please report it",
                           doc.doc_id, doc.article.origin)
            return replace(doc, errors=(*doc.errors, err))

"""Questions of the whole corpus: filtered events and their aggregates, as polars DataFrames.

``query`` and ``stats`` on the command line, and the HTTP API, are thin layers
over :func:`events` and :func:`stats` here. Both read the deduplicated
``events`` table, or with ``mentions=True`` every coded mention (one row per
article that told the event). Filters and groupings are those of docs/store.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newsevents.errors import InputError
from newsevents.records import STATUSES

# A coarse date keeps its own precision in time groupings: "2005" is not January 2005.
_DAY = "CASE WHEN date_precision = 'day' THEN strftime(day, '%Y-%m-%d') ELSE date END"
_WEEK = "CASE WHEN date_precision = 'day' THEN strftime(day, '%G-W%V') ELSE date END"
_MONTH = "CASE WHEN date_precision = 'year' THEN date ELSE strftime(day, '%Y-%m') END"
GROUPS: dict[str, tuple[str, ...]] = {
    "day": (f"{_DAY} AS day",),
    "week": (f"{_WEEK} AS week",),
    "month": (f"{_MONTH} AS month",),
    "year": ("strftime(day, '%Y') AS year",),
    "dyad": ("source_code", "target_code"),
    "source": ("source_code",),
    "target": ("target_code",),
    "source-country": ("source_country",),
    "target-country": ("target_country",),
    "country": ("location_country",),
    "place": ("location_country", "location_adm1", "location_name"),
    "root": ("cameo_root",),
    "cameo": ("cameo",),
    "plover": ("plover",),
    "quad": ("quad_class",),
    "status": ("status",),
}
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class Filters:
    """Which events to read; every filter given must hold (docs/store.md)."""

    actor: str | None = None  # a code prefix, or words of a name, on either side
    source: str | None = None  # code prefix of the one who acts
    target: str | None = None  # code prefix of the one acted upon
    country: str | None = None  # ISO alpha-3 of either actor
    sector: str | None = None  # role code of either actor
    cameo: str | None = None  # code prefix: "17" is the root, "173" the code and below
    plover: str | None = None
    quad: int | None = None
    status: tuple[str, ...] = field(default_factory=tuple)
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD: events whose date reaches it
    until: str | None = None
    place: str | None = None  # a country code, or words of the place or region name
    doc: str | None = None  # a document id (its mentions; events told by it)

    def where(self, mentions: bool) -> tuple[str, list[Any]]:
        """The SQL condition and its parameters."""
        conds: list[str] = []
        params: list[Any] = []

        def add(cond: str, *values: Any) -> None:
            conds.append(cond)
            params.extend(values)

        if self.actor:
            word = f"%{self.actor.lower()}%"
            code = self.actor.upper() + "%"
            add("(source_code LIKE ? OR target_code LIKE ? OR lower(source_name) LIKE ? OR "
                "lower(target_name) LIKE ? OR lower(source_text) LIKE ? OR "
                "lower(target_text) LIKE ?)", code, code, word, word, word, word)
        if self.source:
            add("source_code LIKE ?", self.source.upper() + "%")
        if self.target:
            add("target_code LIKE ?", self.target.upper() + "%")
        if self.country:
            add("(source_country = ? OR target_country = ?)", *[self.country.upper()] * 2)
        if self.sector:
            add("(source_sector = ? OR target_sector = ?)", *[self.sector.upper()] * 2)
        if self.cameo:
            if not self.cameo.isdigit():
                raise InputError("E040", f"--cameo must be digits (a CAMEO code or root such "
                                         f"as 17 or 173), not {self.cameo!r}")
            add("cameo LIKE ?", self.cameo + "%")
        if self.plover:
            add("plover = ?", self.plover.upper())
        if self.quad is not None:
            if self.quad not in (1, 2, 3, 4):
                raise InputError("E040", f"--quad must be 1, 2, 3 or 4, not {self.quad}")
            add("quad_class = ?", self.quad)
        if self.status:
            bad = [s for s in self.status if s not in STATUSES]
            if bad:
                raise InputError("E040", f"unknown status {bad[0]!r}; use one of "
                                         f"{', '.join(STATUSES)}")
            add(f"status IN ({', '.join('?' * len(self.status))})", *self.status)
        if self.since:
            add("day_end >= ?", _bound(self.since, "since")[0])
        if self.until:
            add("day <= ?", _bound(self.until, "until")[1])
        if self.place:
            word = f"%{self.place.lower()}%"
            add("(location_country = ? OR lower(location_name) LIKE ? OR "
                "lower(location_adm1) LIKE ?)", self.place.upper(), word, word)
        if self.doc:
            if mentions:
                add("doc_id = ?", self.doc)
            else:
                add("global_id IN (SELECT global_id FROM mentions WHERE doc_id = ?)", self.doc)
        return (" AND ".join(conds) or "TRUE"), params


def _bound(value: str, name: str) -> tuple[str, str]:
    """The first and last day a --since/--until date stands for."""
    from newsevents.store.rows import day_range

    if not _DATE.fullmatch(value):
        raise InputError("E040", f"--{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    try:
        first, last = day_range(value)
    except ValueError as exc:
        raise InputError("E040", f"--{name} {value!r} is not a real date ({exc})") from exc
    assert first is not None and last is not None
    return first.isoformat(), last.isoformat()


def group_columns(by: list[str]) -> list[str]:
    unknown = [b for b in by if b not in GROUPS]
    if unknown:
        raise InputError("E041", f"cannot group by {unknown[0]!r}; use any of "
                                 f"{', '.join(GROUPS)}")
    return [c for b in by for c in GROUPS[b]]


EVENT_LIST = ("global_id, date, source_code, source_name, source_text, cameo, target_code, "
              "target_name, target_text, plover, status, goldstein, quad_class, "
              "location_name, location_country, location_lat, location_lon, num_mentions, "
              "num_articles, num_sources, first_mention")
MENTION_LIST = ("event_id, global_id, doc_id, date, source_code, source_name, source_text, "
                "cameo, target_code, target_name, target_text, plover, status, goldstein, "
                "quad_class, location_name, location_country, location_lat, location_lon, "
                "sentence_index, trigger, confidence")


def events_sql(filters: Filters, mentions: bool = False, limit: int | None = None,
               offset: int = 0) -> tuple[str, list[Any]]:
    where, params = filters.where(mentions)
    table, cols = ("mentions", MENTION_LIST) if mentions else ("events", EVENT_LIST)
    order = "day NULLS LAST, global_id, event_id" if mentions else "day NULLS LAST, global_id"
    sql = f"SELECT {cols} FROM {table} WHERE {where} ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return sql, params


def stats_sql(filters: Filters, by: list[str], mentions: bool = False
              ) -> tuple[str, list[Any]]:
    """Counts, mentions, mean Goldstein score and quad-class counts per group."""
    where, params = filters.where(mentions)
    cols = group_columns(by)
    names = [c.split(" AS ")[-1] for c in cols]
    n_mentions = "count(*)" if mentions else "sum(num_mentions)::BIGINT"
    quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS quad{q}" for q in range(1, 5))
    select = ", ".join([*cols, "count(*) AS events", f"{n_mentions} AS mentions",
                        "round(avg(goldstein), 2) AS goldstein", quads])
    table = "mentions" if mentions else "events"
    sql = f"SELECT {select} FROM {table} WHERE {where}"
    if names:
        # time groups in order of time, the rest by size (positions: aliases shadow columns)
        pos = {n: i + 1 for i, n in enumerate(names)}
        timed = [str(pos[n]) for n in names if n in ("day", "week", "month", "year")]
        rest = [str(pos[n]) for n in names if n not in ("day", "week", "month", "year")]
        order = [*(f"{p} NULLS LAST" for p in timed), f"{len(names) + 1} DESC",
                 *(f"{p} NULLS LAST" for p in rest)]
        sql += f" GROUP BY ALL ORDER BY {', '.join(order)}"
    return sql, params

"""Cross-document deduplication: the mentions of one event, in many articles, become one event.

Two mentions tell the same event when they have the same *key* and their dates
are close (docs/store.md):

- the key: source actor code, target actor code, CAMEO code, the status group
  (asserted and claimed are one group, "it happened"; proposed, hypothetical,
  future and negated each their own) and the place, at the precision the rule
  asks (``country`` by default; ``adm1``, ``exact`` or ``none``);
- day-precision dates chain: sorted by day, a mention joins the event before it
  when it is at most ``window_days`` later (1 by default). Month- and
  year-precision dates match only the same month or year; a mention with no date
  is an event of its own.

Each event counts its mentions, articles and sources as GDELT does (NumMentions,
NumArticles, NumSources) and takes its fields from its best mention: asserted
before claimed, then the most confident, the earliest published, the smallest id.

The work is incremental and atomic: only keys with new or removed mentions are
worked out again, in one transaction, so a run stopped at any point leaves the
store as it was before the step, and the next run finishes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import SetupError
from newsevents.store.schema import EVENT_FIELDS

PLACE_LEVELS = ("country", "adm1", "exact", "none")


@dataclass(frozen=True)
class DedupRule:
    window_days: int = 1
    place: str = "country"

    def __post_init__(self) -> None:
        if self.place not in PLACE_LEVELS:
            raise SetupError("E032", f"dedup place must be one of {', '.join(PLACE_LEVELS)}, "
                                     f"not {self.place!r}")
        if not 0 <= self.window_days <= 366:
            raise SetupError("E032", f"dedup window must be 0 to 366 days, not "
                                     f"{self.window_days}")

    @property
    def text(self) -> str:
        """How the rule is recorded in the store; a different rule rebuilds every event."""
        return f"window_days={self.window_days};place={self.place}"

    @classmethod
    def parse(cls, text: str) -> DedupRule:
        """The rule of :attr:`text`."""
        parts = dict(p.split("=", 1) for p in text.split(";"))
        return cls(window_days=int(parts["window_days"]), place=parts["place"])

    def key_sql(self) -> str:
        """The SQL expression of a mention's key (columns of ``mentions``)."""
        place = {
            "country": "coalesce(location_country, '')",
            "adm1": "coalesce(location_country, '') || '/' || coalesce(location_adm1, '')",
            "exact": "coalesce(location_geonameid::VARCHAR, location_name, '')",
            "none": "''",
        }[self.place]
        group = "CASE WHEN status IN ('asserted', 'claimed') THEN 'occurred' ELSE status END"
        return (f"concat_ws('|', coalesce(source_code, ''), coalesce(target_code, ''), cameo, "
                f"{group}, {place})")


def read_rule(path: Path | None, window_days: int | None = None,
              place: str | None = None) -> DedupRule | None:
    """The rule the user asks for: options over a config file's ``[dedup]`` table, the
    packaged defaults for what neither gives. None when neither gives anything: a store then
    keeps the rule it has."""
    import tomllib

    from newsevents.data import data_path

    table: dict[str, Any] = {}
    if path is not None:
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("dedup", {})
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SetupError("E050", f"cannot read config {path}: {exc}") from exc
        unknown = set(table) - {"window_days", "place"}
        if unknown:
            raise SetupError("E051", f"{path}: unknown [dedup] keys {sorted(unknown)}; see "
                                     "docs/store.md for the keys")
    options = {"window_days": window_days, "place": place}
    given = {**table, **{k: v for k, v in options.items() if v is not None}}
    if not given:
        return None
    defaults = tomllib.loads(data_path("default.toml").read_text(encoding="utf-8"))["dedup"]
    merged = {**defaults, **given}
    try:
        return DedupRule(window_days=int(merged["window_days"]), place=str(merged["place"]))
    except (TypeError, ValueError) as exc:
        raise SetupError("E032", f"[dedup] window_days must be a whole number ({exc})") from exc


_REST = [n for n, _ in EVENT_FIELDS]


def update(con: Any, rule: DedupRule, added: dt.datetime) -> int:
    """Work out the events of every key with new or removed mentions; returns how many keys.

    Runs inside the caller's transaction.
    """
    con.execute(f"UPDATE mentions SET event_key = {rule.key_sql()} WHERE event_key IS NULL")
    con.execute("INSERT OR IGNORE INTO dirty_keys SELECT DISTINCT event_key FROM mentions "
                "WHERE global_id IS NULL")
    n = con.execute("SELECT count(*) FROM dirty_keys").fetchall()[0][0]
    if not n:
        return 0
    con.execute("DELETE FROM events WHERE event_key IN (SELECT event_key FROM dirty_keys)")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE clustered AS
        WITH m AS (
            SELECT event_id, event_key, day, date_precision,
                   CASE WHEN date_precision = 'day' THEN 'd'
                        ELSE coalesce(date, 'undated:' || event_id) END AS part
            FROM mentions WHERE event_key IN (SELECT event_key FROM dirty_keys)),
        g AS (
            SELECT *, CASE WHEN part = 'd' AND day - lag(day) OVER w <= {rule.window_days}
                           THEN 0 ELSE 1 END AS brk
            FROM m WINDOW w AS (PARTITION BY event_key, part ORDER BY day, event_id)),
        c AS (
            SELECT *, sum(brk) OVER (PARTITION BY event_key, part ORDER BY day, event_id
                                     ROWS UNBOUNDED PRECEDING) AS n
            FROM g),
        f AS (
            SELECT event_id, event_key, part,
                   min(day) OVER (PARTITION BY event_key, part, n) AS first_day
            FROM c)
        SELECT event_id,
               (md5_number(event_key || '#' || part || '#' || coalesce(first_day::VARCHAR, ''))
                >> 65)::BIGINT AS gid
        FROM f""")
    con.execute("UPDATE mentions SET global_id = c.gid FROM clustered c "
                "WHERE mentions.event_id = c.event_id")
    cols = ", ".join(f'm."{c}"' for c in _REST)
    con.execute(f"""
        INSERT INTO events
        WITH cm AS (
            SELECT m.*, coalesce(d.source_name, m.doc_key) AS outlet,
                   row_number() OVER (
                       PARTITION BY m.global_id
                       ORDER BY CASE m.status WHEN 'asserted' THEN 0 ELSE 1 END,
                                m.confidence DESC, m.published NULLS LAST, m.event_id) AS rank
            FROM mentions m LEFT JOIN documents d USING (doc_key)
            WHERE m.global_id IN (SELECT gid FROM clustered)),
        agg AS (
            SELECT global_id, count(*) AS num_mentions, count(DISTINCT outlet) AS num_sources,
                   count(DISTINCT doc_key) AS num_articles, min(published) AS first_published,
                   max(published) AS last_published, bool_or(lead) AS is_root,
                   max(confidence) AS confidence
            FROM cm GROUP BY global_id)
        SELECT m.global_id, m.event_key, {cols}, a.num_mentions, a.num_sources,
               a.num_articles, a.first_published, a.last_published, m.event_id, a.is_root,
               a.confidence, ?
        FROM cm m JOIN agg a USING (global_id) WHERE m.rank = 1""", [added])
    con.execute("DELETE FROM dirty_keys")
    con.execute("DROP TABLE clustered")
    return int(n)


def rekey(con: Any) -> None:
    """Forget every key (the rule changed): the next :func:`update` works out all events."""
    con.execute("DELETE FROM events")
    con.execute("UPDATE mentions SET event_key = NULL, global_id = NULL")

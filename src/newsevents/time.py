"""Time: the time stage. Finds time expressions and normalises them against the publication date.

Sources are spaCy's DATE entities and our own patterns (weekdays, "last month",
"two years ago"). Durations ("for two years") are not dates and are dropped.
A name modifier ("the 2022 Olympics") is kept as a time mention: the coding
stage decides whether it dates an event.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from typing import Any

from newsevents.records import Document, Precision, TimeMention

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
           "several": 3, "a few": 3, "few": 3}
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
         "months": "month", "year": "year", "years": "year", "decade": "decade",
         "decades": "decade"}
SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}

_EXTRA = re.compile(
    r"\b(?:(?:last|next|this|on|past)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)\b|\byesterday\b|\btoday\b|\btomorrow\b|\b(?:last|next|this)\s+"
    r"(?:week|month|year)\b|\bearlier this (?:week|month|year)\b",
    re.IGNORECASE,
)


def _shift_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    return d.replace(year=d.year + y, month=m + 1, day=1)


def normalise(text: str, published: dt.date | None, past: bool = True
              ) -> tuple[str, Precision] | None:
    """ISO value and precision of a time expression, or None if it is not a date."""
    t = re.sub(r"\s+", " ", text.lower().strip())
    t = re.sub(r"^(?:in|on|at|during|since|by|from|of|the|early|late|mid-?)\s+", "", t)
    t = re.sub(r"^(?:the|early|late|mid-?)\s+", "", t)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        return t, "day"
    m = re.fullmatch(r"(?:(\d{1,2})(?:st|nd|rd|th)? )?([a-z]+)\.?,?(?: (\d{1,2})(?:st|nd|rd|th)?)?"
                     r",?(?: (\d{4}))?", t)
    if m and m.group(2) in MONTHS and not (m.group(1) and m.group(3)):
        month = MONTHS[m.group(2)]
        day = int(m.group(1) or m.group(3) or 0)
        year = int(m.group(4)) if m.group(4) else None
        if year is None:
            if published is None:
                return None
            year = published.year
            if past and month > published.month:
                year -= 1
            elif not past and month < published.month:
                year += 1
        if day:
            try:
                return dt.date(year, month, day).isoformat(), "day"
            except ValueError:
                return None
        return f"{year:04d}-{month:02d}", "month"
    m = re.fullmatch(r"(1[5-9]\d\d|20\d\d)", t)
    if m:
        return m.group(1), "year"
    m = re.fullmatch(r"(spring|summer|autumn|fall|winter)(?: of)? (\d{4})", t)
    if m:
        return f"{m.group(2)}-{SEASONS[m.group(1)]:02d}", "month"
    if published is None:
        return None
    return _relative(t, published, past)


def _relative(t: str, pub: dt.date, past: bool) -> tuple[str, Precision] | None:
    if t in ("yesterday", "last night"):
        return (pub - dt.timedelta(days=1)).isoformat(), "day"
    if t in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return pub.isoformat(), "day"
    if t == "tomorrow":
        return (pub + dt.timedelta(days=1)).isoformat(), "day"
    m = re.fullmatch(r"(last|next|this|past)? ?(monday|tuesday|wednesday|thursday|friday|saturday"
                     r"|sunday)", t)
    if m:
        wd = WEEKDAYS[m.group(2)]
        forward = m.group(1) == "next" or (m.group(1) != "last" and not past)
        if forward:
            delta = (wd - pub.weekday()) % 7 or 7
            return (pub + dt.timedelta(days=delta)).isoformat(), "day"
        delta = (pub.weekday() - wd) % 7 or 7
        return (pub - dt.timedelta(days=delta)).isoformat(), "day"
    m = re.fullmatch(r"(last|next|this|earlier this|later this|past) (week|month|year)", t)
    if m:
        step = {"last": -1, "past": -1, "next": 1}.get(m.group(1), 0)
        if m.group(2) == "year":
            return str(pub.year + step), "year"
        if m.group(2) == "month":
            return _shift_months(pub, step).strftime("%Y-%m"), "month"
        return (pub + dt.timedelta(weeks=step)).strftime("%Y-%m"), "month"
    m = re.fullmatch(r"(\d+|[a-z]+(?: few)?) (day|days|week|weeks|month|months|year|years) ago",
                     t)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS.get(m.group(1))
        if n is None:
            return None
        unit = UNITS[m.group(2)]
        if unit == "day":
            return (pub - dt.timedelta(days=n)).isoformat(), "day"
        if unit == "week":
            return (pub - dt.timedelta(weeks=n)).strftime("%Y-%m"), "month"
        if unit == "month":
            return _shift_months(pub, -n).strftime("%Y-%m"), "month"
        return str(pub.year - n), "year"
    return None


def is_duration(span: Any) -> bool:
    """'for two years', 'two years' (without 'ago'), '48 hours': a length of time, not a date."""
    text = span.text.lower()
    return bool(re.search(r"\b(days?|weeks?|months?|years?|hours?|decades?)\b", text)
                and not re.search(r"\b(ago|last|next|this|past|earlier|later)\b", text))


FUTURE_AUX = {"will", "shall", "'ll", "wo", "going"}


def _past(tok: Any) -> bool:
    """Whether the clause of a time expression speaks of the past. News reports the past,
    so only a future auxiliary on the verbs above it ("will meet on Tuesday", "plans to
    meet on Tuesday" under "will") or a planning verb makes it the future."""
    head = tok
    for _ in range(12):
        if head.pos_ in ("VERB", "AUX"):
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX
                   for c in head.children):
                return False
            if head.lemma_.lower() in ("plan", "schedule", "expect", "due") and (
                    head.tag_ != "VBD"):
                return False
            if head.tag_ in ("VBD", "VBN"):
                return True
        if head.head.i == head.i:
            break
        head = head.head
    return True


class TimeFinder:
    """The time stage."""

    name = "time"
    requires: tuple[str, ...] = ("parsed",)
    provides: tuple[str, ...] = ("times",)

    def __call__(self, doc: Document) -> Document:
        pub = dt.date.fromisoformat(doc.article.published) if doc.article.published else None
        out: list[TimeMention] = []
        for ps in doc.parsed.sentences:
            span = ps.span
            taken: set[int] = set()
            candidates = [e for e in span.ents if e.label_ == "DATE"]
            for m in _EXTRA.finditer(span.text):
                c = span.char_span(m.start(), m.end(), alignment_mode="expand")
                if c is not None and not any(c.start < e.end and e.start < c.end
                                             for e in candidates):
                    candidates.append(c)
            for c in sorted(candidates, key=lambda x: x.start):
                if c.start in taken or is_duration(c):
                    continue
                head = c.root
                found = normalise(c.text, pub, past=_past(head))
                if found is None:
                    continue
                taken.update(range(c.start, c.end))
                start = ps.offset + c.start_char
                end = ps.offset + c.end_char
                out.append(TimeMention(doc.article.body[start:end], start, end, found[0],
                                       found[1], ps.sentence.index, head.i))
        return replace(doc, times=tuple(out))

"""Time: the time stage. Finds time expressions and normalises them against the publication date.

Sources are spaCy's DATE (and part-of-day TIME) entities and our own patterns
(weekdays, "last month", "over the weekend", "the 1990s", "since 2019", "from 2010 to
2014"). Values are ISO 8601 / EDTF: a day "2024-03-05", a month "2024-03", a year
"2024", an ISO week "2024-W09", a season "2023-22" (21 spring ... 24 winter), a decade
"199X", a century "19XX", an interval "2010/2014" or "2019/..". Durations ("for two
years", "a three-day visit") are not times, nor are dates that name a thing ("the 2022
World Cup", "the 1951 Refugee Convention").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from typing import Any

from newsevents.records import Document, Precision, TimeMention, TimePrecision

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
# EDTF season codes and the months each covers (northern hemisphere)
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
SEASON_START = {21: 3, 22: 6, 23: 9, 24: 12}
PARTS_OF_DAY = r"(?:morning|afternoon|evening|night)"
Value = tuple[str, TimePrecision]

_EXTRA = re.compile(
    r"\b(?:(?:last|next|this|past)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)(?:\s+" + PARTS_OF_DAY + r")?\b|\byesterday(?:\s+" + PARTS_OF_DAY + r")?\b|"
    r"\b(?:early\s+)?today\b|\btonight\b|\btomorrow\b|\bovernight\b|\blast night\b|"
    r"\bthis (?:morning|afternoon|evening)\b|\bover the weekend\b|\b(?:last|this) weekend\b|"
    r"\b(?:last|next|this)\s+(?:week|month|year|spring|summer|autumn|fall|winter)\b|"
    r"\b(?:earlier|later) this (?:week|month|year)\b|\bthe (?:1[5-9]|20)\d0s\b|"
    r"\bthe \d{1,2}(?:st|nd|rd|th) century\b|\bthe \d{1,2}(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)


def _shift_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    return d.replace(year=d.year + y, month=m + 1, day=1)


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _season_value(season: int, pub: dt.date | None, year: int | None, past: bool) -> str | None:
    if year is not None:
        return f"{year}-{season}"
    if pub is None:
        return None
    start = dt.date(pub.year, SEASON_START[season], 1)
    if past:
        year = pub.year if start <= pub else pub.year - 1
    else:
        year = pub.year if start > pub else pub.year + 1
    return f"{year}-{season}"


def _clean(text: str) -> str:
    t = re.sub(r"\s+", " ", text.lower().strip()).replace("’", "'")
    t = re.sub(r"'s$", "", t)  # "Sunday's"
    for _ in range(3):
        t = re.sub(r"^(?:in|on|at|during|by|of|the|early|late|mid|mid-|around|until|till|"
                   r"before|after)\s+", "", t)
    t = re.sub(r"^mid-", "", t)
    return t


def normalise(text: str, published: dt.date | None, past: bool = True) -> Value | None:
    """ISO/EDTF value and precision of a time expression, or None if it is not a date."""
    raw = re.sub(r"\s+", " ", text.lower().strip())
    m = re.fullmatch(r"(?:since|from) (.+)", raw)
    if m and not re.search(r"\b(?:to|until|till|and)\b", m.group(1)):
        start = normalise(m.group(1), published, past=True)
        return (f"{start[0]}/..", "interval") if start else None
    m = re.fullmatch(r"(?:from|between) (.+?) (?:to|until|till|and|through) (.+)", raw)
    if m:
        a, b = normalise(m.group(1), published, past), normalise(m.group(2), published, past)
        if a and b:
            if a[1] == "day" and b[1] == "day" and b[0] < a[0]:
                return None
            return f"{a[0]}/{b[0]}", "interval"
        return None
    t = _clean(text)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        return t, "day"
    found = _calendar(t, published, past)
    if found is not None:
        return found
    if published is None:
        return None
    return _relative(t, published, past)


def _calendar(t: str, published: dt.date | None, past: bool) -> Value | None:
    m = re.fullmatch(r"(?:(\d{1,2})(?:st|nd|rd|th)? (?:of )?)?([a-z]+)\.?,?(?: (\d{1,2})"
                     r"(?:st|nd|rd|th)?)?,?(?: (\d{4}))?", t)
    if m and m.group(2) in MONTHS and not (m.group(1) and m.group(3)):
        month = MONTHS[m.group(2)]
        day = int(m.group(1) or m.group(3) or 0)
        year = int(m.group(4)) if m.group(4) else None
        if year is None:
            if published is None:
                return None
            year = published.year
            later = (month, day or 1) > (published.month, published.day if day else 1)
            if past and later and not (day == 0 and month == published.month):
                year -= 1
            elif not past and not later and not (day == 0 and month == published.month):
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
    m = re.fullmatch(r"(1[5-9]\d|20\d)0s", t)
    if m:
        return f"{m.group(1)}X", "decade"
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th) century", t)
    if m:
        return f"{int(m.group(1)) - 1:02d}XX", "century"
    m = re.fullmatch(r"(spring|summer|autumn|fall|winter)(?: of)?(?: (\d{4}))?", t)
    if m:
        value = _season_value(SEASONS[m.group(1)], published,
                              int(m.group(2)) if m.group(2) else None, past)
        return (value, "season") if value else None
    return None


def _relative(t: str, pub: dt.date, past: bool) -> Value | None:
    if t != "last night":  # "Tuesday night" is Tuesday, "last night" is yesterday
        t = re.sub(r" " + PARTS_OF_DAY + r"$", "", t) if not t.startswith("this ") else t
    if t in ("yesterday", "last night") or (t == "overnight" and past):
        return (pub - dt.timedelta(days=1)).isoformat(), "day"
    if t in ("today", "early today", "tonight", "this morning", "this afternoon",
             "this evening", "overnight"):
        return pub.isoformat(), "day"
    if t == "tomorrow":
        return (pub + dt.timedelta(days=1)).isoformat(), "day"
    if t in ("over the weekend", "last weekend", "weekend", "this weekend"):
        if t == "this weekend" and not past:
            sat = pub + dt.timedelta(days=(5 - pub.weekday()) % 7)
        else:
            sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7 or 7)
        return _week(sat), "week"
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", t)
    if m:  # "on the 3rd": a day of the publication month (or the month before, in the past)
        day = int(m.group(1))
        base = pub if not (past and day > pub.day) else _shift_months(pub, -1)
        try:
            return base.replace(day=day).isoformat(), "day"
        except ValueError:
            return None
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
        return _week(pub + dt.timedelta(weeks=step)), "week"
    m = re.fullmatch(r"(last|next|this) (spring|summer|autumn|fall|winter)", t)
    if m:
        season = SEASONS[m.group(2)]
        value = _season_value(season, pub, None,
                              past={"next": False, "last": True}.get(m.group(1), past))
        if value and m.group(1) == "last":
            # "last summer" in the summer itself is the year before
            start = dt.date(pub.year, SEASON_START[season], 1)
            if value == f"{pub.year}-{season}" and pub < start.replace(
                    month=min(SEASON_START[season] + 3, 12)) and pub >= start:
                value = f"{pub.year - 1}-{season}"
        return (value, "season") if value else None
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
            return _week(pub - dt.timedelta(weeks=n)), "week"
        if unit == "month":
            return _shift_months(pub, -n).strftime("%Y-%m"), "month"
        return str(pub.year - n), "year"
    return None


def event_date(value: str, precision: TimePrecision) -> tuple[str, Precision] | None:
    """A time's value as an event date of the output contract (records.md: a day, month or
    year): a week by the month of its Thursday (ISO's rule), a season by its year, an
    interval by its start; a decade or century dates no event."""
    if precision in ("day", "month", "year"):
        return value, precision
    if precision == "week":
        y, w = value.split("-W")
        thursday = dt.date.fromisocalendar(int(y), int(w), 4)
        return thursday.strftime("%Y-%m"), "month"
    if precision == "season":
        return value[:4], "year"
    if precision == "interval":
        start = value.split("/")[0]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", start):
            return start, "day"
        if re.fullmatch(r"\d{4}-\d{2}", start) and int(start[5:]) <= 12:
            return start, "month"
        if re.fullmatch(r"\d{4}", start):
            return start, "year"
        if re.fullmatch(r"\d{4}-W\d{2}", start):
            return event_date(start, "week")
        return None
    return None


def is_duration(span: Any) -> bool:
    """'for two years', 'two years' (without 'ago'), '48 hours', 'two years later': a length
    of time, not a date."""
    text = span.text.lower()
    if re.search(r"\b\w+[- ](?:days?|weeks?|months?|years?|hours?)[- ]?(?:later|earlier|"
                 r"long|old)\b", text):
        return True
    return bool(re.search(r"\b(days?|weeks?|months?|years?|hours?|decades?)\b", text)
                and not re.search(r"\b(ago|last|next|this|past|earlier|later)\b", text))


def names_a_thing(span: Any) -> bool:
    """'the 2022 World Cup', 'the 1951 Refugee Convention', 'the March 14 movement', 'Vision
    2030': a date that is part of a name or modifies a noun that is no time word."""
    root = span.root
    if any(t.ent_type_ in ("EVENT", "LAW", "WORK_OF_ART", "ORG", "FAC", "PRODUCT")
           for t in span):
        return True
    head = root.head
    if root.dep_ in ("nummod", "compound", "amod", "nmod") and head.i != root.i and (
            head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() not in TIME_NOUNS):
        # "following the 2014 knife attack" dates the clause
        return not (head.dep_ == "pobj" and head.head.lower_ in TEMPORAL_PREPS)
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "PROPN" and \
            head.head.lemma_.lower() not in TIME_NOUNS | MONTH_WORDS:
        return True  # "the Class of 2015", "the Spirit of 1776"
    return bool(root.dep_ == "appos" and head.pos_ == "PROPN")


TEMPORAL_PREPS = {"after", "following", "since", "before", "during", "in", "until", "ahead",
                  "amid", "at"}
TIME_NOUNS = {"morning", "afternoon", "evening", "night", "day", "week", "weekend", "month",
              "year", "season", "time", "hour", "spring", "summer", "autumn", "fall", "winter",
              "period", "quarter", "half"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "going"}
PLANNING = {"plan", "schedule", "expect", "due", "set", "hope", "intend", "aim", "forecast",
            "predict", "project", "slate", "poise"}


def _past(tok: Any) -> bool:
    """Whether the clause of a time expression speaks of the past. News reports the past,
    so only a future auxiliary on the verbs above it ("will meet on Tuesday"), "would" under
    a verb of saying ("said it would meet on Friday"), a planning verb, or "until" makes it
    the future."""
    if tok.dep_ == "pobj" and tok.head.lower_ in ("until", "till", "by") and \
            tok.head.head.tag_ in ("VBZ", "VBP", "VB"):
        return False  # "has until May 28", "must leave by Friday"
    head = tok
    for _ in range(12):
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
            if aux & FUTURE_AUX or (aux & {"may", "might", "could", "can"}
                                    and not aux & {"have", "'ve"}):
                return False  # "will meet", "may be called in June"
            if "would" in aux and head.dep_ in ("ccomp", "xcomp", "conj"):
                return False  # "said it would vote on Friday": the future of the saying
            if head.lemma_.lower() in PLANNING and head.tag_ != "VBD" and not aux & {
                    "was", "were", "had"}:
                return False  # "is forecast to arrive on Thursday", not "was forecast
            if head.tag_ in ("VBD", "VBN"):
                return True
        if head.head.i == head.i:
            break
        head = head.head
    return True


MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december", "jan", "feb", "mar", "apr",
               "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _interval_span(span: Any, c: Any) -> Any:
    """A candidate widened to its interval: "since 2019", "from 2010 to 2014", "between May
    and July"."""
    doc = span.doc
    before = doc[c.start - 1] if c.start > span.start else None
    if before is not None and re.fullmatch(r"[0-3]?\d", before.text) and \
            c[0].lower_ in MONTH_WORDS and 1 <= int(before.text) <= 31:
        c = doc[c.start - 1:c.end]  # "8 August 1988": the tagger left the day out
        before = doc[c.start - 1] if c.start > span.start else None
    if before is not None and before.lower_ in ("from", "between") and any(
            t.lower_ in ("to", "and", "until", "through") for t in c):
        return doc[c.start - 1:c.end]  # "from [2003 to 2007]"
    if before is not None and before.lower_ in ("from", "between", "since"):
        end = c.end
        if end < span.end - 1 and doc[end].lower_ in ("to", "and", "until", "through") \
                and before.lower_ != "since":
            rest = doc[end + 1:min(end + 6, span.end)]
            ents = [e for e in rest.ents if e.label_ in ("DATE",) and e.start == end + 1]
            stop = ents[0].end if ents else end + 2
            return doc[c.start - 1:stop]
        if before.lower_ == "since":
            return doc[c.start - 1:c.end]
    return c


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
                if c is None:
                    continue
                inside = [e for e in candidates if c.start < e.end and e.start < c.end]
                if not inside:
                    candidates.append(c)
                elif all(e.start >= c.start and e.end <= c.end for e in inside):
                    # ours is the whole expression ("over the weekend"), theirs a part
                    candidates = [e for e in candidates if e not in inside] + [c]
            for c in sorted(candidates, key=lambda x: x.start):
                c = _interval_span(span, c)
                commas = [t.i for t in c if t.text == ","]
                if commas and commas[0] > c.start and normalise(c.text, pub) is None:
                    c = span.doc[c.start:commas[0]]  # "[July 2, ending two months]"
                if c.start in taken or is_duration(c) or names_a_thing(c):
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

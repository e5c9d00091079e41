"""Evaluation against gold data, in two formats.

* Article gold (``must`` / ``should`` / ``must_not``, as in docs/gold.md): every
  ``must`` event has to be found and no ``must_not`` event may be.
* Sentence gold (JSONL, one sentence with its expected events per line): precision,
  recall and F1 per field, per CAMEO root and per PLOVER type.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.place.gazetteer import haversine_km
from newsevents.records import Event, event_json

FIELDS = ("event", "root", "code", "source", "target", "status", "date")


def _norm(text: str) -> str:
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).lower()


def _as_list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else [v]


# -- article gold -----------------------------------------------------------
def actor_matches(spec: dict[str, Any] | None, actor: dict[str, Any] | None) -> bool:
    if spec is None:
        return True
    if actor is None:
        return False
    if "country" in spec and actor.get("country") != spec["country"]:
        return False
    wanted = spec.get("any_of")
    if wanted:
        have = {actor.get("sector"), *(actor.get("groups") or [])}
        return bool(have & set(wanted))
    return True


def event_matches(spec: dict[str, Any], ev: dict[str, Any]) -> list[str]:
    """The fields of ``spec`` that ``ev`` gets wrong (empty: a match)."""
    wrong = []
    if "root" in spec and ev["cameo_root"] not in _as_list(spec["root"]):
        wrong.append("root")
    if "plover" in spec and ev["plover"] not in _as_list(spec["plover"]):
        wrong.append("plover")
    for role in ("source", "target"):
        if role in spec and not actor_matches(spec[role], ev[role]):
            wrong.append(role)
    for key in ("date", "date_precision", "status"):
        if key in spec and ev.get(key) != spec[key]:
            wrong.append(key)
    loc = ev.get("location") or {}
    if "location_country" in spec and loc.get("country") != spec["location_country"]:
        wrong.append("location_country")
    if "location_adm1" in spec:
        want = spec["location_adm1"].lower()
        names = [(loc.get("adm1") or "").lower(), (loc.get("name") or "").lower()]
        if not any(want in n for n in names if n):
            wrong.append("location_adm1")
    if "evidence" in spec and _norm(spec["evidence"]) not in _norm(ev["evidence"]["sentence"]):
        wrong.append("evidence")
    return wrong


@dataclass
class ArticleResult:
    must: list[tuple[str, bool, list[str]]] = field(default_factory=list)
    should: list[tuple[str, bool, list[str]]] = field(default_factory=list)
    must_not: list[tuple[str, int]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(ok for _, ok, _ in self.must) and not any(n for _, n in self.must_not)


def _best(spec: dict[str, Any], events: list[dict[str, Any]]) -> tuple[bool, list[str]]:
    best: list[str] | None = None
    for ev in events:
        wrong = event_matches(spec, ev)
        if not wrong:
            return True, []
        if best is None or len(wrong) < len(best):
            best = wrong
    return False, best or ["no event"]


def score_article(gold: dict[str, Any], events: Iterable[Event]) -> ArticleResult:
    evs = [event_json(e) for e in events]
    res = ArticleResult()
    for key, bucket in (("must", res.must), ("should", res.should)):
        for spec in gold.get(key, []):
            ok, wrong = _best(spec, evs)
            bucket.append((spec.get("id", "?"), ok, wrong))
    for spec in gold.get("must_not", []):
        n = sum(1 for ev in evs if not event_matches(spec, ev))
        res.must_not.append((spec.get("why", "?"), n))
    return res


# -- sentence gold ------------------------------------------------------------
@dataclass
class GoldSentence:
    id: str
    text: str
    date: str | None
    events: list[dict[str, Any]]


def read_sentence_gold(path: Path) -> list[GoldSentence]:
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{lineno}: malformed JSON ({exc.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise ValueError(f"{path}:{lineno}: each line must be an object with a \"text\" "
                             "field (docs/gold.md)")
        out.append(GoldSentence(str(obj.get("id", f"{path.stem}-{lineno}")), obj["text"],
                                obj.get("date"), list(obj.get("events") or [])))
    return out


def _actor_key(a: dict[str, Any] | None) -> tuple[str | None, str | None]:
    if not a:
        return (None, None)
    return (a.get("country"), a.get("sector"))


def _facets(ev: dict[str, Any], published: str | None, gold: bool) -> dict[str, tuple[Any, ...]]:
    code = str(ev["cameo"])
    root = code[:2]
    src, tgt = _actor_key(ev.get("source")), _actor_key(ev.get("target"))
    date = ev.get("date") or published
    return {
        "event": (root, src[0], tgt[0]),
        "root": (root,),
        "code": (root, code) if len(code) > 2 or not gold else (root, code),
        "source": (root, src),
        "target": (root, tgt),
        "status": (root, ev.get("status", "asserted")),
        "date": (root, date),
    }


@dataclass
class PRF:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class SentenceResult:
    fields: dict[str, PRF] = field(default_factory=lambda: {f: PRF() for f in FIELDS})
    roots: dict[str, PRF] = field(default_factory=dict)
    plovers: dict[str, PRF] = field(default_factory=dict)
    plover_right: int = 0
    plover_found: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def plover_accuracy(self) -> float:
        return self.plover_right / self.plover_found if self.plover_found else 1.0


def _count(bucket: PRF, gold: Counter[Any], pred: Counter[Any]) -> int:
    tp = sum((gold & pred).values())
    bucket.tp += tp
    bucket.n_gold += sum(gold.values())
    bucket.n_pred += sum(pred.values())
    return tp


def score_sentence(res: SentenceResult, gs: GoldSentence, events: list[Event],
                   plover_of: dict[str, str]) -> None:
    pred = [event_json(e) for e in events]
    g_f = [_facets(e, gs.date, True) for e in gs.events]
    p_f = [_facets(e, gs.date, False) for e in pred]
    for name in FIELDS:
        gold_c: Counter[Any] = Counter()
        pred_c: Counter[Any] = Counter()
        for f in g_f:
            gold_c[f[name]] += 1
        for f in p_f:
            # a gold code of two digits (a root) is matched at root level
            key = f[name]
            if name == "code":
                short = [g["code"] for g in g_f
                         if len(g["code"][1]) == 2 and g["code"][0] == key[0]]
                key = short[0] if short else key
            pred_c[key] += 1
        _count(res.fields[name], gold_c, pred_c)
    gold_ev: Counter[Any] = Counter(f["event"] for f in g_f)
    pred_ev: Counter[Any] = Counter(f["event"] for f in p_f)
    for root in {k[0] for k in gold_ev} | {k[0] for k in pred_ev}:
        _count(res.roots.setdefault(root, PRF()),
               Counter({k: v for k, v in gold_ev.items() if k[0] == root}),
               Counter({k: v for k, v in pred_ev.items() if k[0] == root}))
    for ptype in {plover_of.get(str(e["cameo"]), "?") for e in gs.events} | {
            e["plover"] for e in pred}:
        _count(res.plovers.setdefault(ptype, PRF()),
               Counter(f["event"] for f, e in zip(g_f, gs.events, strict=True)
                       if plover_of.get(str(e["cameo"])) == ptype),
               Counter(f["event"] for f, e in zip(p_f, pred, strict=True)
                       if e["plover"] == ptype))
    # PLOVER type accuracy over found events (same dyad and root)
    used: set[int] = set()
    for g, gf in zip(gs.events, g_f, strict=True):
        for i, (p, pf) in enumerate(zip(pred, p_f, strict=True)):
            if i not in used and pf["event"] == gf["event"]:
                used.add(i)
                res.plover_found += 1
                res.plover_right += plover_of.get(str(g["cameo"])) == p["plover"]
                break
    if gold_ev != pred_ev:
        res.errors.append({
            "id": gs.id, "text": gs.text,
            "missing": [list(k) for k in (gold_ev - pred_ev).elements()],
            "spurious": [list(k) for k in (pred_ev - gold_ev).elements()]})


# -- actor gold -------------------------------------------------------------
@dataclass
class ActorGold:
    id: str
    text: str
    date: str | None
    mentions: list[dict[str, Any]]


def is_actor_gold(path: Path) -> bool:
    """A JSONL gold file whose lines list actor ``mentions`` (not sentence events)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                return isinstance(json.loads(line), dict) and "mentions" in json.loads(line)
            except json.JSONDecodeError:
                return False
    return False


def read_actor_gold(path: Path) -> list[ActorGold]:
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{lineno}: malformed JSON ({exc.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not \
                isinstance(obj.get("mentions"), list):
            raise ValueError(f"{path}:{lineno}: each line needs \"text\" and a \"mentions\" "
                             "list (docs/gold.md)")
        for m in obj["mentions"]:
            if _find(obj["text"], m) is None:
                raise ValueError(f"{path}:{lineno}: mention {m.get('text')!r} is not in the "
                                 "text (or not that many times)")
        out.append(ActorGold(str(obj.get("id", f"{path.stem}-{lineno}")), obj["text"],
                             obj.get("date"), obj["mentions"]))
    return out


def _find(text: str, mention: dict[str, Any]) -> tuple[int, int] | None:
    """The span of the n-th whole-word occurrence of a mention's text."""
    words = str(mention.get("text", ""))
    n = int(mention.get("occurrence", 1))
    pattern = r"(?<![\w])" + re.escape(words) + r"(?![\w])"
    hits = [m.span() for m in re.finditer(pattern, text)]
    return hits[n - 1] if 0 < n <= len(hits) else None


@dataclass
class ActorResult:
    mentions: int = 0
    found: int = 0
    country: int = 0
    sector: int = 0
    both: int = 0
    codes: int = 0
    codes_right: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def rate(self, n: int, of: int | None = None) -> float:
        total = self.mentions if of is None else of
        return n / total if total else 1.0


def score_actors(res: ActorResult, gold: ActorGold, found: list[Any]) -> None:
    """Each gold mention against the predicted mention that overlaps it most (``found``:
    the document's ActorMentions); a mention the coder missed counts as wrong."""
    for m in gold.mentions:
        span = _find(gold.text, m)
        assert span is not None
        res.mentions += 1
        best, overlap = None, 0
        for p in found:
            o = min(span[1], p.end) - max(span[0], p.start)
            if o > overlap:
                best, overlap = p, o
        want_c, want_s = m.get("country"), m.get("sector")
        got_c = best.actor.country if best else None
        got_s = best.actor.sector if best else None
        ok_c, ok_s = best is not None and got_c == want_c, best is not None and got_s == want_s
        res.found += best is not None
        res.country += ok_c
        res.sector += ok_s
        res.both += ok_c and ok_s
        if m.get("code"):
            res.codes += 1
            res.codes_right += best is not None and best.actor.code == m["code"]
        if not (ok_c and ok_s):
            res.errors.append({"id": gold.id, "mention": m.get("text"),
                               "gold": f"{want_c} {want_s}",
                               "got": f"{got_c} {got_s}" if best else "not found",
                               "why": best.why if best else ""})


# -- time gold --------------------------------------------------------------
def is_time_gold(path: Path) -> bool:
    return _first_key(path, "times")


def _first_key(path: Path, key: str) -> bool:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                return False
            return isinstance(obj, dict) and key in obj
    return False


@dataclass
class TimeResult:
    expressions: int = 0
    found: int = 0
    exact: int = 0
    spurious: int = 0  # a duration or a name coded as a time
    not_times: int = 0
    event_dates: int = 0
    event_exact: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def score_times(res: TimeResult, gold: dict[str, Any], doc: Any, event_date: Any) -> None:
    """Each gold time expression against the coder's time that overlaps it (value exact);
    durations and names must not be times; each gold event date against the date the
    coding stage gives a trigger (``event_date(doc, token)``, in the output contract's
    form), compared with the gold value put in that form too."""
    text = gold["text"]
    times = list(doc.times)
    for t in gold.get("times", []):
        span = _find(text, t)
        assert span is not None, (gold.get("id"), t)
        s0, s1 = span
        res.expressions += 1
        best = max(times, key=lambda p: min(s1, p.end) - max(s0, p.start), default=None)
        if best is None or min(s1, best.end) - max(s0, best.start) <= 0:
            res.errors.append({"id": gold.get("id"), "text": t["text"], "gold": t["value"],
                               "got": "not found"})
            continue
        res.found += 1
        if best.value == t["value"]:
            res.exact += 1
        else:
            res.errors.append({"id": gold.get("id"), "text": t["text"], "gold": t["value"],
                               "got": best.value})
    for word in [*gold.get("durations", []), *gold.get("not_times", [])]:
        found = _find(text, {"text": word})
        if found is None:
            continue
        w0, w1 = found
        res.not_times += 1
        if any(min(w1, p.end) - max(w0, p.start) > 0 for p in times):
            res.spurious += 1
            res.errors.append({"id": gold.get("id"), "text": word, "gold": "no time",
                               "got": "a time"})
    for e in gold.get("event_dates", []):
        want = _contract_date(e["date"])
        if want is None:
            continue
        res.event_dates += 1
        got = event_date(doc, e["trigger"])
        res.event_exact += got == want
        if got != want:
            res.errors.append({"id": gold.get("id"), "text": f"event '{e['trigger']}'",
                               "gold": want, "got": got})


def _contract_date(value: str) -> str | None:
    """A gold EDTF value in the form events carry (records.md)."""
    from newsevents.time import event_date

    kinds = [("interval", "/"), ("week", "-W"), ("decade", "X")]
    for kind, mark in kinds:
        if mark in value:
            found = event_date(value, kind)  # type: ignore[arg-type]
            return found[0] if found else None
    if re.fullmatch(r"\d{4}-2[1-4]", value):
        return value[:4]
    return value


# -- place gold -------------------------------------------------------------
def is_place_gold(path: Path) -> bool:
    return _first_key(path, "places")


@dataclass
class PlaceResult:
    toponyms: int = 0
    found: int = 0
    within_161km: int = 0
    country: int = 0
    not_places: int = 0
    spurious: int = 0
    event_places: int = 0
    event_right: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def score_places(res: PlaceResult, gold: dict[str, Any], doc: Any, event_place: Any) -> None:
    """Each gold toponym against the coder's place that overlaps it: found (toponym recall),
    resolved within 161 km of the gold coordinates, right country; words that are no place
    here must not be places; an event's place (``event_place(doc, trigger)``, a place name
    or ``country:XXX``) against the gold one."""
    text = gold["text"]
    places = list(doc.places)
    spans = {}
    for g in gold.get("places", []):
        span = _find(text, g)
        assert span is not None, (gold.get("id"), g)
        s0, s1 = span
        spans[g["text"]] = g
        res.toponyms += 1
        best = max(places, key=lambda p: min(s1, p.end) - max(s0, p.start), default=None)
        if best is None or min(s1, best.end) - max(s0, best.start) <= 0:
            res.errors.append({"id": gold.get("id"), "text": g["text"], "gold": g["country"],
                               "got": "not found"})
            continue
        res.found += 1
        res.country += best.place.country == g["country"]
        near = best.place.lat is not None and best.place.lon is not None and haversine_km(
            best.place.lat, best.place.lon, g["lat"], g["lon"]) <= 161
        res.within_161km += near
        if not near:
            res.errors.append({"id": gold.get("id"), "text": g["text"],
                               "gold": f"{g['country']} {g['lat']},{g['lon']}",
                               "got": f"{best.place.name} {best.place.country} "
                                      f"{best.place.lat},{best.place.lon}"})
    for word in gold.get("not_places", []):
        found = _find(text, {"text": word})
        if found is None:
            continue
        w0, w1 = found
        res.not_places += 1
        if any(min(w1, p.end) - max(w0, p.start) > 0 for p in places):
            res.spurious += 1
            res.errors.append({"id": gold.get("id"), "text": word, "gold": "no place",
                               "got": "a place"})
    for e in gold.get("event_places", []):
        res.event_places += 1
        want = e["text"]
        got = event_place(doc, e["trigger"])
        if want.startswith("country:"):
            ok = got is not None and got.country == want.split(":", 1)[1]
        else:
            g = spans.get(want)
            ok = got is not None and g is not None and got.lat is not None and \
                got.lon is not None and haversine_km(got.lat, got.lon, g["lat"], g["lon"]) <= 161
        res.event_right += ok
        if not ok:
            res.errors.append({"id": gold.get("id"), "text": f"event '{e['trigger']}'",
                               "gold": want, "got": got.name if got else None})


# -- running gold lines through the stages ------------------------------------
def analysed(coder: Any, path: Path, kind: str) -> Iterator[tuple[dict[str, Any], Any]]:
    """Each gold line of ``path`` with its text run through every stage before coding (the
    parse kept); ``ValueError`` names a line that is no ``kind`` gold line."""
    from newsevents.records import Article, Document

    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            gold = json.loads(line)
            doc = Document(article=Article(str(gold.get("id", lineno)), gold["text"],
                                           gold.get("date")))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{lineno}: not a {kind} gold line ({exc}); see "
                             "docs/gold.md") from None
        for st in coder.pipeline.stages[:-1]:
            doc = st(doc)
        yield gold, doc


def _trigger(doc: Any, trigger: str) -> tuple[Any, Any] | None:
    """The sentence and token of the first word ``trigger`` in an analysed document."""
    for ps in doc.parsed.sentences:
        for tok in ps.span:
            if tok.text == trigger:
                return ps, tok
    return None


def event_date_of(coder: Any, doc: Any, trigger: str) -> str | None:
    """The date the coding stage gives the event at ``trigger`` (for ``score_times``)."""
    from newsevents.coding.syntax import read_status

    found = _trigger(doc, trigger)
    if found is None:
        return None
    ps, tok = found
    coding = coder.pipeline.stages[-1]
    cue = read_status(tok, coding.lex).cue
    date: str | None = coding.attach.date(doc, ps, tok, tok, cue)[0]
    return date


def event_place_of(coder: Any, doc: Any, trigger: str) -> Any:
    """The place the coding stage gives the event at ``trigger``, with its sentence's first
    actor as source (for ``score_places``)."""
    found = _trigger(doc, trigger)
    if found is None:
        return None
    ps, tok = found
    actors = [m.actor for m in doc.actors if m.sentence_index == ps.sentence.index]
    coding = coder.pipeline.stages[-1]
    return coding.attach.location(doc, ps, tok, tok, actors[0] if actors else None, None, 1)

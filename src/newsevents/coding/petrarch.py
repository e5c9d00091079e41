"""Reader for PETRARCH2-format dictionaries: the coding stage's door to existing CAMEO work.

Where it sits: ``newsevents.coding`` codes events from verb and noun patterns and resolves
actors and agents from its own tables (:mod:`newsevents.coding.tables`). Users who have spent
years on PETRARCH2 / TABARI dictionaries can bring those files instead; this module reads them
into plain, typed records and nothing more. It does not match sentences: the coder decides how
to use what is read here.

Five kinds of file are understood, told apart by their content (:func:`detect_kind`):

``verbs``
    Synsets (``&NAME`` followed by ``+WORD`` lines) and verb blocks: a header
    ``--- LABEL [CODE] ---``, verb lines (``SAY``, ``SPEED {SPEEDS SPED SPEEDING}``,
    multi-word ``+CALL_OFF`` / ``RE_+ARREST``, each with an optional own ``[CODE]``) and
    pattern lines starting with ``-``: ``- $ * (ON +) &CURRENCY [0231]``. In patterns ``*``
    is the verb, ``$`` the source, ``+`` the target, ``%`` a compound actor and ``^`` a skipped
    word; ``(PREP ...)`` is a prepositional phrase (``(BY/WITH ...)`` gives alternatives),
    ``{...}`` a noun phrase and ``&NAME`` a synset. Codes keep their leading zeros; of
    ``[042:043]`` the first (active) code is kept, ``[:173]`` gives ``173``, ``~`` is dropped.
    ``[---]`` is the null code: a verb with it yields no bare pattern; a *pattern* with it is
    kept with code :data:`NULL_CODE` because it blocks the block's code for that phrase.
    Every pattern of a block applies to every verb of the block, so one pattern line gives one
    :class:`VerbPattern` per verb. Verb transformations (``~ a (a b ATTACK) SAY = ...``) are
    skipped with a warning.
``actors``
    ``NAME_ [CODE]`` lines, ``+SYNONYM`` lines and code lines ``[CODE]``,
    ``[CODE >YYYYMMDD]``, ``[CODE <YYYYMMDD]``, ``[CODE YYYYMMDD-YYYYMMDD]`` (also YYMMDD,
    where 00-30 is 20YY, else 19YY; limits inclusive). Several codes may share a line.
``agents``
    ``PHRASE {PLURAL} [~CODE]`` (``[CODE~]``: the code goes before the actor's), with
    ``!MARKER! = A, B`` substitution sets used as ``CONGRESS!PERSON!``.
``discards``
    One phrase a line; a leading ``+`` discards the whole story, not just the sentence; a
    final ``_`` asks for a whole-word match (else the phrase is a stem).
``issues``
    ``PHRASE [CODE]`` with ``n:`` (noun plural), ``v:`` (verb forms) and ``+`` (space or
    hyphen) expansions; ``<ISSUE ...>`` tags are skipped, as are ``~``/``~~`` exclusion phrases.

Comments: ``#`` and the legacy ``;`` end a line; ``<!-- ... -->`` may sit inside a line or span
lines. Words are lower-cased and ``_`` becomes a space everywhere (the PETRARCH distinction
between ``_`` "consecutive" and blank "gap allowed" is not kept).

Errors: a line that cannot be read without guessing at the file's structure (a pattern with no
``*`` or no code, a synonym before any actor, an unclosed bracket or comment) raises
:class:`DictionaryError` ("path:line: what is wrong"). Oddities PETRARCH itself tolerates (an
agent with no code, an unreadable date, a pattern using an undefined synset) are skipped with a
warning on this module's logger.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import product
from pathlib import Path
from typing import Literal

from newsevents.coding.tables import NULL_CODE

log = logging.getLogger(__name__)

Kind = Literal["verbs", "actors", "agents", "discards", "issues"]

# Words taken as the preposition introducing the target when they stand right before '+'
# outside a parenthesised phrase ("* ON +"); inside "(ON +)" the phrase's head is used as is.
PREPOSITIONS = frozenset({
    "aboard", "about", "above", "across", "after", "against", "along", "alongside", "amid",
    "amidst", "among", "amongst", "around", "as", "at", "before", "behind", "below", "beneath",
    "beside", "besides", "between", "beyond", "by", "despite", "down", "during", "except", "for",
    "from", "in", "inside", "into", "like", "near", "of", "off", "on", "onto", "out", "outside",
    "over", "past", "per", "since", "than", "through", "throughout", "to", "toward", "towards",
    "under", "underneath", "unlike", "until", "unto", "up", "upon", "via", "with", "within",
    "without",
})

_MARKERS = frozenset("$+%^")
_CODE_RE = re.compile(r"^[0-9A-Za-z]+$")
_TOKEN_RE = re.compile(r"[(){}]|[^\s(){}]+")
_HEADER_RE = re.compile(r"^---")
_BRACKET_RE = re.compile(r"\[([^\[\]]*)\]")
_TRAILING_CODE_RE = re.compile(r"^(?P<body>.*?)\s*\[(?P<code>[^\[\]]*)\]$")
_VERB_LINE_RE = re.compile(
    r"^(?P<verb>[^\s\[\]{}]+)\s*(?:\{(?P<forms>[^{}\[\]]*)\})?\s*(?:\[(?P<code>[^\[\]]*)\])?$")
_MARKER_DEF_RE = re.compile(r"^!(?P<name>[^!\s]+)!\s*=\s*(?P<items>.*)$")
_MARKER_USE_RE = re.compile(r"!(?P<name>[^!\s]+)!")
_ISSUE_EXPANSION_RE = re.compile(r"(?:^|(?<=[\s-]))(?P<kind>[nv]):(?P<word>[^\s+-]+)")


class DictionaryError(ValueError):
    """A dictionary line that cannot be read; the message is ``path:line: what is wrong``."""

    def __init__(self, path: str, line: int, what: str) -> None:
        super().__init__(f"{path}:{line}: {what}")
        self.path = path
        self.line = line
        self.what = what


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True)
class DatedCode:
    """An actor code and the days it applies to: ISO ``YYYY-MM-DD`` or None; inclusive."""

    code: str
    start: str | None = None
    end: str | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, day: str) -> bool:
        """True if ``day`` (ISO ``YYYY-MM-DD``) lies in this code's range."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class ActorEntry:
    """One actor record: its names (lower case, ``_`` as spaces) and its codes in file order."""

    names: tuple[str, ...]
    codes: tuple[DatedCode, ...]

    def code_on(self, date: str | None) -> str | None:
        """The code valid on ``date`` (ISO ``YYYY-MM-DD``; a longer ISO string is cut to the day).

        With a date: among the dated codes covering it, the one whose range starts latest
        (on a hand-over day the new role wins; ties go to the earlier line); if none covers it,
        the undated (default) code; else None. Without a date: the undated code, else the
        open-ended one (``>DATE``) starting latest, else the range ending latest. The null code
        ``[---]`` gives None.
        """
        chosen: DatedCode | None = None
        undated = [c for c in self.codes if not c.dated]
        if date is None:
            open_ended = [c for c in self.codes if c.dated and c.end is None]
            if undated:
                chosen = undated[0]
            elif open_ended:
                chosen = max(open_ended, key=lambda c: c.start or "")
            elif self.codes:
                chosen = max(self.codes, key=lambda c: (c.end or "", c.start or ""))
        else:
            day = _iso_day(date)
            covering = [c for c in self.codes if c.dated and c.covers(day)]
            if covering:
                chosen = max(covering, key=lambda c: c.start or "")
            elif undated:
                chosen = undated[0]
        if chosen is None or chosen.code == NULL_CODE:
            return None
        return chosen.code


@dataclass(frozen=True)
class AgentEntry:
    """An agent: its names (singular and plural forms) and code without the ``~``.

    ``prefix`` is True for ``[CODE~]`` entries, whose code goes before the actor's code
    (``NGO~``) rather than after it.
    """

    names: tuple[str, ...]
    code: str
    prefix: bool = False


@dataclass(frozen=True)
class VerbPattern:
    """One verb with one pattern of its block (or, with ``after`` empty, the bare verb).

    ``verb`` is the lower-case base form (a multi-word verb keeps all its words: "call off");
    ``forms`` every surface form, base first. ``before`` and ``after`` are the words before and
    after the verb, lower case, in order, without the ``$ + % ^`` markers and brackets; a synset
    stands as ``&name`` (see :func:`expand_synsets`). ``prep`` is the preposition right before
    the ``+`` target marker (also present in ``after``). ``target_first`` is True when ``+``
    comes before ``*``. ``raw`` is the dictionary line as written; ``source`` is ``path:line``.
    """

    code: str
    verb: str
    forms: tuple[str, ...]
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    prep: str | None = None
    synsets: tuple[str, ...] = ()
    target_first: bool = False
    source_marker: bool = False
    target_marker: bool = False
    raw: str = ""
    source: str = ""


@dataclass(frozen=True)
class Synset:
    """A synonym set: lower-case name without ``&`` and its phrases, generated plurals included.

    Plurals are not generated when the label or the phrase ends in ``_`` (PETRARCH's rule).
    """

    name: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class IssueEntry:
    phrase: str
    code: str


@dataclass(frozen=True)
class Discard:
    """A phrase that stops coding of its sentence, or of the whole story if ``story``.

    PETRARCH matches a discard phrase as a stem ("baseball" also stops "baseballs") unless it
    was written with a final ``_``; ``whole_word`` records that ``_``.
    """

    phrase: str
    story: bool
    whole_word: bool = False


@dataclass(frozen=True)
class PetrarchDictionaries:
    verbs: tuple[VerbPattern, ...] = ()
    synsets: dict[str, Synset] = field(default_factory=dict)
    actors: tuple[ActorEntry, ...] = ()
    agents: tuple[AgentEntry, ...] = ()
    discards: tuple[Discard, ...] = ()
    issues: tuple[IssueEntry, ...] = ()
    files: tuple[tuple[str, str], ...] = ()  # (path, kind)

    def expand(self, pattern: VerbPattern) -> tuple[VerbPattern, ...]:
        """The pattern with its synsets replaced by their phrases (see :func:`expand_synsets`)."""
        return expand_synsets(pattern, self.synsets)


# ----------------------------------------------------------------------------- public API


def read_dictionaries(paths: Iterable[Path]) -> PetrarchDictionaries:
    """Read PETRARCH2 dictionary files of any of the five kinds, each told by its content.

    Synsets from all verb files are pooled (a repeated ``&NAME`` adds to the set, as in
    PETRARCH2) before patterns are checked: a pattern using a synset defined in none of the
    files is dropped with a warning.
    """
    acc = _Accumulator()
    for path in paths:
        name = str(path)
        data = Path(path).read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            log.warning("%s: not UTF-8; read as Latin-1", name)
            text = data.decode("latin-1")
        acc.add(text, name, None)
    return acc.finish()


def parse_text(text: str, kind: Kind | None = None, path: str = "<text>") -> PetrarchDictionaries:
    """Read one dictionary from a string; ``kind`` defaults to :func:`detect_kind`'s answer."""
    acc = _Accumulator()
    acc.add(text, path, kind)
    return acc.finish()


def detect_kind(text: str) -> Kind:
    """Tell which of the five dictionary kinds ``text`` is, from its content alone.

    Each content line (comments removed) votes:

    * verbs: ``--- LABEL [CODE] ---`` block headers, ``- ... * ... [CODE]`` pattern lines and
      ``&NAME`` synset labels. Any header or pattern line settles it, since no other kind has
      lines starting with ``-`` and holding ``*``.
    * agents: codes written ``[~CODE]`` or ``[CODE~]`` and ``!MARKER! = ...`` definitions.
    * issues: ``<ISSUE ...>`` tags, ``n:``/``v:`` expansions, ``~`` exclusion lines and
      ``phrase [CODE]`` lines whose phrase is lower case (issue files are conventionally
      written in lower case, actor and agent files in upper case).
    * actors: lines that are only a code (``[AFGGOV 790101-801231]``), codes with a date
      restriction, and upper-case ``NAME [CODE]`` lines whose code is letters and digits only.
    * discards: files with (almost) no bracketed code at all.

    The kind with most votes wins. An upper-case issues file with none of the issue marks
    above reads as actors; pass the kind to :func:`parse_text` in that case.
    """
    lines = _clean_lines(text, "<text>", strict=False)
    kind = _detect([ln.text for ln in lines])
    if kind is None:
        raise DictionaryError("<text>", lines[0].no if lines else 1,
                              "cannot tell which kind of PETRARCH dictionary this is")
    return kind


def expand_synsets(pattern: VerbPattern, synsets: Mapping[str, Synset]) -> tuple[VerbPattern, ...]:
    """Every concrete pattern obtained by putting each synset phrase in place of ``&name``.

    A phrase of several words fills several slots; the results have ``synsets == ()``. The
    number of results is the product of the synsets' sizes, so expand lazily, per pattern.
    Raises KeyError for a synset that is not in ``synsets``.
    """
    if not pattern.synsets:
        return (pattern,)

    def options(words: tuple[str, ...]) -> list[list[tuple[str, ...]]]:
        slots: list[list[tuple[str, ...]]] = []
        for word in words:
            if word.startswith("&"):
                syn = synsets.get(word[1:])
                if syn is None:
                    raise KeyError(f"synset &{word[1:]} is not defined")
                slots.append([tuple(phrase.split()) for phrase in syn.words])
            else:
                slots.append([(word,)])
        return slots

    out: dict[tuple[tuple[str, ...], tuple[str, ...]], None] = {}
    for before in product(*options(pattern.before)):
        for after in product(*options(pattern.after)):
            flat_before = tuple(w for part in before for w in part)
            out[(flat_before, tuple(w for part in after for w in part))] = None
    return tuple(replace(pattern, before=b, after=a, synsets=()) for b, a in out)


# ----------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class _Line:
    no: int
    text: str  # comments removed, stripped
    raw: str  # as written, right-stripped


def _clean_lines(text: str, path: str, strict: bool = True) -> list[_Line]:
    """Content lines with ``#``/``;`` and ``<!-- -->`` comments and blank lines removed."""
    out: list[_Line] = []
    open_comment = 0  # line number where an unclosed <!-- began
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw
        if open_comment:
            end = line.find("-->")
            if end < 0:
                continue
            line = line[end + 3:]
            open_comment = 0
        while True:
            cuts = [i for i in (line.find("#"), line.find(";")) if i >= 0]
            cut = min(cuts) if cuts else -1
            start = line.find("<!--")
            if start >= 0 and (cut < 0 or start < cut):
                end = line.find("-->", start + 4)
                if end < 0:
                    line = line[:start]
                    open_comment = no
                    break
                line = line[:start] + " " + line[end + 3:]
                continue
            if cut >= 0:
                line = line[:cut]
            break
        line = line.strip()
        if line.startswith("<!"):  # <!DOCTYPE ...> and similar declarations
            continue
        if line:
            out.append(_Line(no, line, raw.rstrip()))
    if open_comment and strict:
        raise DictionaryError(path, open_comment, "comment '<!--' is never closed by '-->'")
    return out


def _detect(lines: list[str]) -> Kind | None:
    if not lines:
        return None
    votes: dict[Kind, int] = {"verbs": 0, "actors": 0, "agents": 0, "issues": 0, "discards": 0}
    bracketed = 0
    strong_verbs = False
    for text in lines:
        if _HEADER_RE.match(text) or (text.startswith("-") and "*" in text and "[" in text):
            strong_verbs = True
            votes["verbs"] += 3
            continue
        if re.match(r"^&[A-Za-z]", text):
            votes["verbs"] += 2
        if _MARKER_DEF_RE.match(text):
            votes["agents"] += 3
        if "<ISSUE" in text.upper() or "</ISSUE" in text.upper():
            votes["issues"] += 3
        if re.search(r"(?:^|[\s+-])[nv]:\w", text):
            votes["issues"] += 2
        if text.startswith("~") and not re.match(r"^~\s*\w+\s*\(", text):
            votes["issues"] += 1
        codes = _BRACKET_RE.findall(text)
        if not codes:
            continue
        bracketed += 1
        phrase = text[:text.find("[")]
        for inner in codes:
            inner = inner.strip()
            head = inner.split()[0] if inner.split() else ""
            if not (head == NULL_CODE or _CODE_RE.match(head.strip("~"))):
                continue
            if inner.startswith("~") or inner.endswith("~"):
                votes["agents"] += 2
            elif re.match(r"^\S+\s+[<>]?\d{6,8}", inner):
                votes["actors"] += 2
            elif not phrase.strip() or phrase.startswith("+"):
                votes["actors"] += 1
            elif re.search(r"[a-z]", phrase) and not re.search(r"[A-Z]", phrase):
                votes["issues"] += 1
            elif _CODE_RE.match(inner) and inner.isupper():
                votes["actors"] += 1
    if strong_verbs:
        return "verbs"
    if bracketed <= len(lines) // 100 and not any(votes.values()):
        return "discards"
    if bracketed == 0 and votes["verbs"]:
        return "verbs"  # a file of synsets only
    candidates: tuple[Kind, ...] = ("verbs", "agents", "issues", "actors")
    best = max(candidates, key=lambda k: votes[k])
    if votes[best] == 0:
        return "discards" if bracketed <= len(lines) // 100 else None
    return best


# ----------------------------------------------------------------------------- accumulation


@dataclass
class _SynsetBuilder:
    name: str
    plurals: bool
    words: list[str] = field(default_factory=list)


@dataclass
class _Accumulator:
    verbs: list[VerbPattern] = field(default_factory=list)
    synsets: dict[str, _SynsetBuilder] = field(default_factory=dict)
    actors: list[ActorEntry] = field(default_factory=list)
    agents: list[AgentEntry] = field(default_factory=list)
    discards: list[Discard] = field(default_factory=list)
    issues: list[IssueEntry] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)

    def add(self, text: str, path: str, kind: Kind | None) -> None:
        lines = _clean_lines(text, path)
        if kind is None:
            kind = _detect([ln.text for ln in lines])
            if kind is None:
                raise DictionaryError(path, lines[0].no if lines else 1,
                                      "cannot tell which kind of PETRARCH dictionary this is")
        if kind == "verbs":
            _VerbReader(path, self).read(lines)
        elif kind == "actors":
            self.actors.extend(_read_actors(lines, path))
        elif kind == "agents":
            self.agents.extend(_read_agents(lines, path))
        elif kind == "discards":
            self.discards.extend(_read_discards(lines, path))
        else:
            self.issues.extend(_read_issues(lines, path))
        self.files.append((path, kind))

    def finish(self) -> PetrarchDictionaries:
        synsets: dict[str, Synset] = {}
        for b in self.synsets.values():
            words: dict[str, None] = {}
            for w in b.words:
                words[w] = None
                if b.plurals and not w.endswith("_"):
                    plural = _plural(w)
                    if plural:
                        words[plural] = None
            synsets[b.name] = Synset(b.name, tuple(w.rstrip("_").strip() for w in words))
        verbs: list[VerbPattern] = []
        warned: set[tuple[str, str]] = set()
        for vp in self.verbs:
            missing = [s for s in vp.synsets if s not in synsets]
            if missing:
                if (vp.source, missing[0]) not in warned:
                    warned.add((vp.source, missing[0]))
                    log.warning("%s: synset &%s is not defined; pattern skipped",
                                vp.source, missing[0])
                continue
            verbs.append(vp)
        return PetrarchDictionaries(
            verbs=tuple(verbs), synsets=synsets, actors=tuple(self.actors),
            agents=tuple(self.agents), discards=tuple(self.discards), issues=tuple(self.issues),
            files=tuple(self.files))


# ----------------------------------------------------------------------------- word helpers


def _words(token: str) -> list[str]:
    """Lower-case words of a dictionary token: ``_`` separates words, a trailing ``_`` goes."""
    return [w for w in re.split(r"[_\s]+", token.lower()) if w]


def _phrase(token: str) -> str:
    return " ".join(_words(token))


def _plural(phrase: str) -> str | None:
    """Regular plural of a phrase's last word; None if it already looks plural ("troops")."""
    head, _, last = phrase.rpartition(" ")
    if not last or not last[-1].isalpha():
        return None
    if re.search(r"(ss|x|z|ch|sh)$", last):
        last += "es"
    elif last.endswith("s"):
        return None
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def _verb_forms(word: str) -> list[str]:
    """Base, third person, past and -ing forms of a regular verb (no consonant doubling)."""
    if re.search(r"(s|x|z|ch|sh)$", word):
        third = word + "es"
    elif re.search(r"[^aeiou]y$", word):
        third = word[:-1] + "ies"
    else:
        third = word + "s"
    if word.endswith("e"):
        past = word + "d"
    elif re.search(r"[^aeiou]y$", word):
        past = word[:-1] + "ied"
    else:
        past = word + "ed"
    if word.endswith("ie"):
        ing = word[:-2] + "ying"
    elif word.endswith("e") and len(word) > 2 and not word.endswith(("ee", "oe", "ye")):
        ing = word[:-1] + "ing"
    else:
        ing = word + "ing"
    return [word, third, past, ing]


def _dedup(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


# ----------------------------------------------------------------------------- verbs


@dataclass
class _BlockVerb:
    lemma: str
    forms: list[str]
    code: str
    raw: str
    source: str
    explicit: bool  # forms listed in {...} rather than generated


@dataclass(frozen=True)
class _Shape:
    before: tuple[str, ...]
    after: tuple[str, ...]
    prep: str | None
    synsets: tuple[str, ...]
    target_first: bool
    source_marker: bool
    target_marker: bool


@dataclass
class _BlockPattern:
    code: str
    shapes: list[_Shape]
    raw: str
    source: str


@dataclass
class _Block:
    label: str
    code: str
    verbs: dict[str, _BlockVerb] = field(default_factory=dict)
    patterns: list[_BlockPattern] = field(default_factory=list)


def _verb_code(inner: str, path: str, no: int) -> str:
    """A verb or pattern code: ``[0211]``, ``[042:043]`` -> ``042``, ``[:173]``, ``[---]``."""
    text = inner.strip().replace("~", "")
    active, _, passive = text.partition(":")
    code = active.strip() or passive.strip()
    if code == NULL_CODE or (code and _CODE_RE.match(code)):
        return code
    raise DictionaryError(path, no, f"code [{inner}] is not a CAMEO code (digits) or [---]")


class _VerbReader:
    def __init__(self, path: str, acc: _Accumulator) -> None:
        self.path = path
        self.acc = acc
        self.block: _Block | None = None
        self.synset: _SynsetBuilder | None = None
        self.transformations = 0

    def read(self, lines: list[_Line]) -> None:
        for ln in lines:
            self._line(ln)
        self._close_block()
        if self.transformations:
            log.warning("%s: %d verb transformation line(s) ('~ ...') skipped: not supported",
                        self.path, self.transformations)

    def _line(self, ln: _Line) -> None:
        text = ln.text
        if text.startswith("+") and self.synset is not None:
            self._synset_member(ln)
            return
        self.synset = None
        if _HEADER_RE.match(text):
            self._close_block()
            self.block = self._header(ln)
        elif text.startswith("&"):
            label = text.split()[0]
            name = _phrase(label[1:]).replace(" ", "_")
            if not name or len(text.split()) > 1:
                raise DictionaryError(self.path, ln.no, f"synset label {text!r} is not '&NAME'")
            self.synset = self.acc.synsets.setdefault(
                name, _SynsetBuilder(name, plurals=not label.endswith("_")))
        elif text.startswith("~"):
            self.transformations += 1
        elif text.startswith("-"):
            self._block_for(ln, "pattern").patterns.append(self._pattern(ln))
        else:
            self._verb(ln)

    def _block_for(self, ln: _Line, what: str) -> _Block:
        if self.block is None:
            raise DictionaryError(self.path, ln.no,
                                  f"{what} before any '--- LABEL [CODE] ---' block header")
        return self.block

    def _header(self, ln: _Line) -> _Block:
        inner = ln.text.strip("-").strip()
        code = NULL_CODE
        if "[" in inner or "]" in inner:
            m = re.match(r"^(?P<label>[^\[\]]*?)\s*\[(?P<code>[^\[\]]*)\]$", inner)
            if not m:
                raise DictionaryError(self.path, ln.no, "block header must read "
                                      "'--- LABEL [CODE] ---' with one bracketed code")
            inner, code = m["label"], _verb_code(m["code"], self.path, ln.no)
        return _Block(label=inner.strip(), code=code)

    def _synset_member(self, ln: _Line) -> None:
        assert self.synset is not None
        member = ln.text[1:].strip()
        if not member or any(c in member for c in "&$+%^[]{}()"):
            log.warning("%s:%d: synset member %r is not a plain phrase; skipped",
                        self.path, ln.no, ln.text)
            return
        phrase = _phrase(member)
        self.synset.words.append(phrase + ("_" if member.endswith("_") else ""))

    def _verb(self, ln: _Line) -> None:
        block = self._block_for(ln, "verb line")
        m = _VERB_LINE_RE.match(ln.text)
        if not m:
            if ln.text.count("{") != ln.text.count("}") or ln.text.count("[") != ln.text.count("]"):
                raise DictionaryError(self.path, ln.no, "verb line has an unclosed { or [")
            log.warning("%s:%d: verb line %r is not 'VERB {FORMS} [CODE]'; skipped",
                        self.path, ln.no, ln.text)
            return
        token = m["verb"].lower()
        parts = [w for w in token.split("_") if w]
        heads = [i for i, w in enumerate(parts) if w.startswith("+")]
        if len(parts) > 1 and len(heads) != 1:
            log.warning("%s:%d: multi-word verb %r needs one '+' on the verb word; skipped",
                        self.path, ln.no, m["verb"])
            return
        i = heads[0] if heads else 0
        parts = [w.lstrip("+") for w in parts]
        if not parts or not all(parts):
            raise DictionaryError(self.path, ln.no, f"verb {m['verb']!r} has no word")
        lemma = " ".join(parts)
        if m["forms"] is not None:
            forms = [lemma, *(_phrase(f.replace("+", "")) for f in m["forms"].split())]
        else:
            forms = [" ".join(parts[:i] + [f] + parts[i + 1:]) for f in _verb_forms(parts[i])]
        code = _verb_code(m["code"], self.path, ln.no) if m["code"] is not None else block.code
        explicit = m["forms"] is not None
        known = block.verbs.get(lemma)
        if known is not None:  # the same verb twice in a block: listed forms win, last code wins
            if explicit and not known.explicit:
                known.forms, known.explicit = forms, True
            elif explicit or not known.explicit:
                known.forms.extend(forms)
            if m["code"] is not None:
                known.code = code
            return
        block.verbs[lemma] = _BlockVerb(lemma, forms, code, ln.raw.strip(),
                                        f"{self.path}:{ln.no}", explicit)

    def _pattern(self, ln: _Line) -> _BlockPattern:
        m = _TRAILING_CODE_RE.match(ln.text[1:].strip())
        if not m:
            raise DictionaryError(self.path, ln.no, "pattern has no [CODE] at its end")
        body = m["body"]
        code = _verb_code(m["code"], self.path, ln.no)
        if "[" in body or "]" in body:
            raise DictionaryError(self.path, ln.no, "pattern has a stray '[' or ']'")
        return _BlockPattern(code, self._shapes(body, ln), ln.raw.strip(), f"{self.path}:{ln.no}")

    def _shapes(self, body: str, ln: _Line) -> list[_Shape]:
        def fail(what: str) -> DictionaryError:
            return DictionaryError(self.path, ln.no, f"pattern {body.strip()!r}: {what}")

        # slots: (after_verb, alternatives); a prepositional head may have alternatives (BY/WITH)
        slots: list[tuple[bool, list[str]]] = []
        synsets: list[str] = []
        seen_verb = in_paren = in_brace = False
        head_next = False
        prev: tuple[int, bool] | None = None  # (slot index, is a parenthesised head)
        prep_slot: int | None = None
        source = target = target_first = False
        for tok in _TOKEN_RE.findall(body):
            if tok == "(":
                if in_paren:
                    raise fail("nested '('")
                in_paren = head_next = True
                prev = None
            elif tok == ")":
                if not in_paren:
                    raise fail("')' without '('")
                in_paren = head_next = False
                prev = None
            elif tok == "{":
                if in_brace:
                    raise fail("nested '{'")
                in_brace = True
            elif tok == "}":
                if not in_brace:
                    raise fail("'}' without '{'")
                in_brace = False
            elif tok in ("*", "**"):
                if seen_verb:
                    raise fail("more than one '*'")
                if in_paren or in_brace:
                    raise fail("'*' inside a phrase")
                seen_verb = True
                prev = None
            elif tok in _MARKERS:
                if tok == "+":
                    target = True
                    target_first = not seen_verb
                    if prev is not None:
                        idx, is_head = prev
                        if is_head or any(w in PREPOSITIONS for w in slots[idx][1]):
                            prep_slot = idx
                elif tok == "$":
                    source = True
                prev = None
                head_next = False
            elif tok.startswith("&"):
                name = _phrase(tok[1:]).replace(" ", "_")
                if not name:
                    raise fail(f"empty synset name {tok!r}")
                synsets.append(name)
                slots.append((seen_verb, ["&" + name]))
                prev = None
                head_next = False
            else:
                if head_next and "/" in tok:
                    alts = [_phrase(a) for a in tok.split("/") if _phrase(a)]
                    if alts:
                        slots.append((seen_verb, alts))
                        prev = (len(slots) - 1, True)
                else:
                    for w in _words(tok):
                        slots.append((seen_verb, [w]))
                        prev = (len(slots) - 1, head_next)
                        head_next = False
                head_next = False
        if in_paren or in_brace:
            raise fail("unclosed '(' or '{'")
        if not seen_verb:
            raise fail("no '*' for the verb")
        shapes: list[_Shape] = []
        for choice in product(*(alts for _, alts in slots)):
            before = tuple(w for (after, _), w in zip(slots, choice, strict=True) if not after)
            after_words = tuple(w for (after, _), w in zip(slots, choice, strict=True) if after)
            shapes.append(_Shape(
                before=before, after=after_words,
                prep=choice[prep_slot] if prep_slot is not None else None,
                synsets=_dedup(synsets), target_first=target_first,
                source_marker=source, target_marker=target))
        return shapes

    def _close_block(self) -> None:
        block, self.block = self.block, None
        if block is None:
            return
        if not block.verbs:
            if block.patterns:
                log.warning("%s: block %r has patterns but no verbs; skipped",
                            self.path, block.label)
            return
        for v in block.verbs.values():
            forms = _dedup(v.forms)
            # the bare verb is kept even when coded [---]: the dictionary says it codes nothing
            self.acc.verbs.append(VerbPattern(
                code=v.code, verb=v.lemma, forms=forms, raw=v.raw, source=v.source))
            for pat in block.patterns:
                for s in pat.shapes:
                    self.acc.verbs.append(VerbPattern(
                        code=pat.code, verb=v.lemma, forms=forms, before=s.before,
                        after=s.after, prep=s.prep, synsets=s.synsets,
                        target_first=s.target_first, source_marker=s.source_marker,
                        target_marker=s.target_marker, raw=pat.raw, source=pat.source))


# ----------------------------------------------------------------------------- actors


def _iso_day(date: str) -> str:
    text = date.strip()
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise ValueError(f"date {date!r} is not an ISO date (YYYY-MM-DD)") from None


def _dict_date(text: str) -> str | None:
    """YYYYMMDD or YYMMDD (00-30 -> 20YY, else 19YY) as ISO; None if not a valid date."""
    if re.fullmatch(r"\d{8}", text):
        year, rest = int(text[:4]), text[4:]
    elif re.fullmatch(r"\d{6}", text):
        yy = int(text[:2])
        year, rest = (2000 + yy if yy <= 30 else 1900 + yy), text[2:]
    else:
        return None
    try:
        return dt.date(year, int(rest[:2]), int(rest[2:])).isoformat()
    except ValueError:
        return None


def _actor_codes(text: str, path: str, no: int) -> list[DatedCode]:
    leftover = _BRACKET_RE.sub(" ", text)
    if "[" in leftover or "]" in leftover:
        raise DictionaryError(path, no, "unbalanced '[' or ']' in actor code")
    if leftover.strip():
        log.warning("%s:%d: text %r after the actor codes ignored", path, no, leftover.strip())
    codes: list[DatedCode] = []
    for inner in _BRACKET_RE.findall(text):
        parts = inner.split()
        if not parts or not (parts[0] == NULL_CODE or _CODE_RE.match(parts[0])):
            log.warning("%s:%d: actor code [%s] is not a code; skipped", path, no, inner)
            continue
        code, restriction = parts[0], "".join(parts[1:])
        if not restriction:
            codes.append(DatedCode(code))
            continue
        start: str | None = None
        end: str | None = None
        ok = True
        if restriction[0] == "<":
            end = _dict_date(restriction[1:])
            ok = end is not None
        elif restriction[0] == ">":
            start = _dict_date(restriction[1:])
            ok = start is not None
        elif "-" in restriction:
            first, _, second = restriction.partition("-")
            start, end = _dict_date(first), _dict_date(second)
            ok = start is not None and end is not None and start <= end
        else:
            ok = False
        if not ok:
            log.warning("%s:%d: date restriction in [%s] is not <DATE, >DATE or DATE-DATE with "
                        "valid YYYYMMDD/YYMMDD dates; code skipped", path, no, inner)
            continue
        codes.append(DatedCode(code, start, end))
    return codes


def _read_actors(lines: list[_Line], path: str) -> list[ActorEntry]:
    out: list[ActorEntry] = []
    names: list[str] | None = None
    codes: list[DatedCode] = []
    first = 0

    def close() -> None:
        if names is None:
            return
        if codes:
            out.append(ActorEntry(_dedup(names), tuple(codes)))
        else:
            log.warning("%s:%d: actor %r has no code; skipped", path, first, names[0])

    for ln in lines:
        text = ln.text
        if text.startswith("["):
            if names is None:
                raise DictionaryError(path, ln.no, "actor code line before any actor name")
            codes.extend(_actor_codes(text, path, ln.no))
            continue
        cut = text.find("[")
        name_part, code_part = (text, "") if cut < 0 else (text[:cut], text[cut:])
        if "]" in name_part:
            raise DictionaryError(path, ln.no, "']' without '[' in actor line")
        if text.startswith("+"):
            if names is None:
                raise DictionaryError(path, ln.no, "synonym '+...' before any actor name")
            name = _phrase(name_part[1:])
            if name:
                names.append(name)
            else:
                log.warning("%s:%d: empty actor synonym skipped", path, ln.no)
        else:
            close()
            name = _phrase(name_part)
            if not name:
                raise DictionaryError(path, ln.no, "actor line has no name")
            names, codes, first = [name], [], ln.no
        if code_part:
            codes.extend(_actor_codes(code_part, path, ln.no))
    close()
    return out


# ----------------------------------------------------------------------------- agents


def _read_agents(lines: list[_Line], path: str) -> list[AgentEntry]:
    out: list[AgentEntry] = []
    markers: dict[str, list[str]] = {}
    for ln in lines:
        text = ln.text
        if "!" in text and "=" in text and "[" not in text:
            m = _MARKER_DEF_RE.match(text)
            items = [_phrase(i) for i in m["items"].split(",")] if m else []
            if not m or not all(items):
                log.warning("%s:%d: substitution marker definition %r is not "
                            "'!NAME! = A, B'; skipped", path, ln.no, text)
                continue
            markers[m["name"].upper()] = items
            continue
        if "[" not in text:
            log.warning("%s:%d: agent %r has no [CODE]; skipped", path, ln.no, text)
            continue
        phrase_part, _, rest = text.partition("[")
        inner, closed, tail = rest.partition("]")
        if not closed:
            if inner.rstrip().endswith("}"):  # "[~ENV}": a typo PETRARCH reads anyway
                inner = inner.rstrip()[:-1]
                log.warning("%s:%d: agent code closed with '}' instead of ']'", path, ln.no)
            else:
                raise DictionaryError(path, ln.no, "agent code '[' is never closed by ']'")
        elif tail.strip():
            log.warning("%s:%d: text %r after the agent code ignored", path, ln.no, tail.strip())
        code = inner.strip()
        prefix = code.endswith("~") and not code.startswith("~")
        code = code.strip("~").strip()
        if not _CODE_RE.match(code):
            log.warning("%s:%d: agent code [%s] is not a code; skipped", path, ln.no, inner)
            continue
        names: list[str] = []
        use = _MARKER_USE_RE.search(phrase_part)
        if use:
            subst = markers.get(use["name"].upper())
            if subst is None:
                log.warning("%s:%d: substitution marker !%s! is not defined; skipped",
                            path, ln.no, use["name"])
                continue
            names = [_phrase(phrase_part[:use.start()] + item.replace(" ", "_")
                             + phrase_part[use.end():]) for item in subst]
        elif "{" in phrase_part:
            base, _, plural = phrase_part.partition("{")
            if "}" not in plural:
                log.warning("%s:%d: agent plural '{' is never closed by '}'; skipped",
                            path, ln.no)
                continue
            names = [_phrase(base), _phrase(plural[:plural.index("}")])]
        else:
            singular = _phrase(phrase_part)
            names = [singular, _plural(singular) or ""]
        names_t = _dedup(names)
        if not names_t:
            log.warning("%s:%d: agent line has no phrase; skipped", path, ln.no)
            continue
        out.append(AgentEntry(names_t, code, prefix))
    return out


# ----------------------------------------------------------------------------- discards


def _read_discards(lines: list[_Line], path: str) -> list[Discard]:
    out: list[Discard] = []
    for ln in lines:
        story = ln.text.startswith("+")
        text = ln.text[1:].strip() if story else ln.text
        phrase = _phrase(text)
        if not phrase:
            log.warning("%s:%d: empty discard phrase skipped", path, ln.no)
            continue
        out.append(Discard(phrase, story, whole_word=text.endswith("_")))
    return out


# ----------------------------------------------------------------------------- issues


def _expand_issue(text: str) -> list[str]:
    """PETRARCH issue expansions: ``a+b`` -> "a b", "a-b"; ``n:x`` -> x, plural; ``v:x`` ->
    x, xs, xed, xing."""
    plus = text.find("+")
    if plus >= 0:
        return (_expand_issue(text[:plus] + " " + text[plus + 1:])
                + _expand_issue(text[:plus] + "-" + text[plus + 1:]))
    m = _ISSUE_EXPANSION_RE.search(text)
    if m:
        word = m["word"]
        forms = _verb_forms(word) if m["kind"] == "v" else [word, _plural(word) or ""]
        out: list[str] = []
        for f in forms:
            if f:
                out.extend(_expand_issue(text[:m.start()] + f + text[m.end():]))
        return out
    return [" ".join(text.split())]


def _read_issues(lines: list[_Line], path: str) -> list[IssueEntry]:
    out: list[IssueEntry] = []
    exclusions = uncoded = 0
    for ln in lines:
        text = ln.text
        if re.match(r"^</?\s*ISSUE\b", text, re.IGNORECASE):
            continue
        if text.startswith("~"):
            exclusions += 1
            continue
        if "[" not in text:
            uncoded += 1
            continue
        phrase_part, _, rest = text.partition("[")
        inner, closed, tail = rest.partition("]")
        code = inner.strip()
        if not closed or not code or " " in code:
            log.warning("%s:%d: issue code in %r is not '[CODE]'; skipped", path, ln.no, text)
            continue
        if tail.strip():
            log.warning("%s:%d: text %r after the issue code ignored", path, ln.no, tail.strip())
        phrases = _dedup(_expand_issue(phrase_part.strip().lower()))
        if not phrases:
            log.warning("%s:%d: issue line has no phrase; skipped", path, ln.no)
        out.extend(IssueEntry(p, code) for p in phrases)
    if exclusions:
        log.info("%s: %d issue exclusion phrase(s) ('~', '~~') skipped: not supported",
                 path, exclusions)
    if uncoded:
        log.warning("%s: %d issue line(s) without a [CODE] skipped", path, uncoded)
    return out

"""The PETRARCH2 dictionary reader on small invented dictionaries (Freedonia, Sylvania)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from newsevents.coding.petrarch import (
    NULL_CODE,
    ActorEntry,
    AgentEntry,
    DatedCode,
    DictionaryError,
    Discard,
    IssueEntry,
    PetrarchDictionaries,
    VerbPattern,
    detect_kind,
    expand_synsets,
    parse_text,
    read_dictionaries,
)

FIXTURES = Path(__file__).parent / "petrarch_fixtures"
KINDS = ("verbs", "actors", "agents", "discards", "issues")


def _read(kind: str) -> PetrarchDictionaries:
    return read_dictionaries([FIXTURES / f"{kind}.txt"])


def _patterns(d: PetrarchDictionaries, verb: str) -> list[VerbPattern]:
    return [v for v in d.verbs if v.verb == verb]


def _actor(d: PetrarchDictionaries, name: str) -> ActorEntry:
    return next(a for a in d.actors if name in a.names)


# ------------------------------------------------------------------------------- verbs


def test_petrarch_verb_blocks_give_bare_verbs_with_block_or_own_code() -> None:
    d = _read("verbs")
    bare = {v.verb: v.code for v in d.verbs if not v.after and not v.before}
    # DENOUNCE [111] covers its verbs unless a verb has its own code; leading zeros stay.
    # A [---] header keeps its bare verbs with the null code: the dictionary says they
    # code nothing, which the coder must obey over its own patterns.
    assert bare == {"denounce": "111", "decry": "111", "scold": "1121", "sit down": "040",
                    "meet": NULL_CODE, "re convene": NULL_CODE, "observe": NULL_CODE}
    assert [v.code for v in _patterns(d, "meet") if not v.after] == [NULL_CODE]
    assert [v.code for v in _patterns(d, "observe")] == [NULL_CODE]


def test_petrarch_verb_forms_regular_irregular_and_multiword() -> None:
    d = _read("verbs")
    assert _patterns(d, "denounce")[0].forms == ("denounce", "denounces", "denounced",
                                                 "denouncing")
    assert _patterns(d, "decry")[0].forms == ("decry", "decries", "decried", "decrying")
    assert _patterns(d, "meet")[0].forms == ("meet", "meets", "met", "meeting")
    assert _patterns(d, "sit down")[0].forms == ("sit down", "sits down", "sat down",
                                                 "sitting down")
    # RE_+CONVENE: regular forms are made on the word marked with '+'.
    assert _patterns(d, "re convene")[0].forms == ("re convene", "re convenes", "re convened",
                                                   "re convening")


def test_petrarch_pattern_lines_apply_to_every_verb_of_their_block() -> None:
    d = _read("verbs")
    by_code = {v.code: v for v in _patterns(d, "scold")}
    on = by_code["113"]  # - * ON +
    assert (on.after, on.prep, on.target_marker, on.target_first) == (("on",), "on", True, False)
    passive = by_code["1125"]  # - + * (BY $)  [:1125]
    assert passive.target_first and passive.source_marker and passive.after == ("by",)
    for_talks = by_code["112"]  # - * + (FOR &PARLEY): '+' is not after a preposition
    assert for_talks.after == ("for", "&parley") and for_talks.prep is None
    assert for_talks.synsets == ("parley",)
    assert by_code[NULL_CODE].after == ("&envoy",)  # a null pattern blocks the block's code
    assert {v.code for v in _patterns(d, "denounce")} == {v.code for v in _patterns(d, "decry")}


def test_petrarch_pattern_markers_prepositions_and_code_variants() -> None:
    d = _read("verbs")
    meet = _patterns(d, "meet")
    with_ = next(v for v in meet if v.after == ("with",))
    assert (with_.code, with_.prep) == ("042", "with")  # [042:043]: the active code
    against = next(v for v in meet if v.code == "0211")  # - $ % * <!-- .. --> (AGAINST +)
    assert against.after == ("against",) and against.prep == "against"
    assert against.source_marker and against.target_marker and against.before == ()
    skip = next(v for v in meet if v.code == "036")  # - * ^ (FROM +) {DUCK SOUP}
    assert skip.after == ("from", "duck", "soup") and skip.prep == "from"
    # (BY/WITH &ENVOY) gives one pattern per preposition.
    assert sorted(v.after for v in meet if v.code == "043") == [("by", "&envoy"),
                                                                  ("with", "&envoy")]
    assert all(v.raw.startswith("-") or v.raw.startswith("MEET") for v in meet)
    assert with_.source.endswith("verbs.txt:33")


def test_petrarch_synsets_plurals_and_expansion() -> None:
    d = _read("verbs")
    assert d.synsets["envoy"].words == ("envoy", "envoys", "emissary", "emissaries",
                                        "peace broker", "go-between", "go-betweens")
    assert d.synsets["parley"].words == ("talks", "dialogue")  # '&PARLEY_': no plurals
    by_envoy = next(v for v in _patterns(d, "meet") if v.after == ("by", "&envoy"))
    expanded = expand_synsets(by_envoy, d.synsets)
    assert len(expanded) == 7
    assert ("by", "peace", "broker") in [v.after for v in expanded]
    assert all(v.synsets == () and v.code == "043" for v in expanded)
    assert d.expand(by_envoy) == expanded
    plain = next(v for v in _patterns(d, "meet") if v.code == "036")
    assert expand_synsets(plain, d.synsets) == (plain,)


def test_petrarch_undefined_synset_and_transformations_are_skipped_with_warnings(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="newsevents.coding.petrarch"):
        d = _read("verbs")
    assert not [v for v in d.verbs if v.code == "044"]  # - * &ORPHAN [044]
    assert "verbs.txt:37: synset &orphan is not defined" in caplog.text
    assert "transformation" in caplog.text


def test_petrarch_synsets_defined_in_another_file_are_pooled(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("&ENVOY_\n+CONSUL\n")
    (tmp_path / "b.txt").write_text("--- GREET [042] ---\nGREET\n- * &ENVOY [043]\n")
    d = read_dictionaries([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert d.files == ((str(tmp_path / "a.txt"), "verbs"), (str(tmp_path / "b.txt"), "verbs"))
    (pattern,) = [v for v in d.verbs if v.code == "043"]
    assert [v.after for v in d.expand(pattern)] == [("consul",)]


# ------------------------------------------------------------------------------- actors


def test_petrarch_actors_names_synonyms_and_codes() -> None:
    d = _read("actors")
    freedonia = _actor(d, "freedonia")
    assert freedonia.names == ("freedonia", "freedonian", "freedonians", "freedon city")
    assert freedonia.codes == (DatedCode("FRD", None, None),)
    assert _actor(d, "sylvanian").code_on("1933-05-05") == "SYL"
    firefly = _actor(d, "firefly")
    assert firefly.names == ("rufus t. firefly", "firefly")
    assert firefly.codes == (DatedCode("FRDELI", "1920-01-01", "1933-06-30"),
                             DatedCode("FRDGOV", "1933-07-01", "1945-12-31"),
                             DatedCode("FRDELI", None, None))
    # two codes on one line; YYMMDD years 31-99 are 19YY, 00-30 are 20YY
    assert _actor(d, "chicolini").codes == (DatedCode("FRDOPP", "1931-01-01", "1933-01-01"),
                                            DatedCode(NULL_CODE, None, None))
    assert _actor(d, "duchess teasdale").codes == (DatedCode("SYLELI", "2005-01-01",
                                                             "2010-12-31"),)


@pytest.mark.parametrize(
    ("name", "date", "code"),
    [
        ("firefly", "1919-12-31", "FRDELI"),  # before every range: the undated default
        ("firefly", "1925-03-01", "FRDELI"),  # inside the first range
        ("firefly", "1933-06-30", "FRDELI"),  # last day of the first range (inclusive)
        ("firefly", "1933-07-01", "FRDGOV"),  # first day of the second range
        ("firefly", "1940-02-02T10:00:00", "FRDGOV"),
        ("firefly", "1950-01-01", "FRDELI"),  # after every range: the default again
        ("firefly", None, "FRDELI"),
        ("ambassador trentino", "1900-01-01", "SYLGOV"),  # [SYLGOV <331231]
        ("ambassador trentino", "1933-12-31", "SYLGOV"),
        ("ambassador trentino", "1934-01-01", "SYLELI"),  # [SYLELI >340101]
        ("ambassador trentino", "2020-01-01", "SYLELI"),
        ("ambassador trentino", None, "SYLELI"),  # no default: the open-ended code
        ("chicolini", "1932-06-01", "FRDOPP"),
        ("chicolini", "1940-01-01", None),  # the default is the null code [---]
        ("chicolini", None, None),
        ("duchess teasdale", "2007-07-07", "SYLELI"),
        ("duchess teasdale", "2011-01-01", None),  # no default: no code
        ("duchess teasdale", None, "SYLELI"),  # no default, none open: the latest range
    ],
)
def test_petrarch_dated_actor_code_before_inside_after_ranges(
        name: str, date: str | None, code: str | None) -> None:
    assert _actor(_read("actors"), name).code_on(date) == code


def test_petrarch_overlapping_ranges_prefer_the_latest_start() -> None:
    entry = ActorEntry(("x",), (DatedCode("AAAGOV", "2000-01-01", "2010-12-31"),
                                DatedCode("AAAMIL", "2004-01-01", "2004-12-31")))
    assert entry.code_on("2004-06-01") == "AAAMIL"
    assert entry.code_on("2003-06-01") == "AAAGOV"
    with pytest.raises(ValueError, match="not an ISO date"):
        entry.code_on("June 2004")


# ------------------------------------------------------------------------------- agents


def test_petrarch_agents_plurals_substitutions_and_code_position(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="newsevents.coding.petrarch"):
        d = _read("agents")
    assert d.agents == (
        AgentEntry(("police",), "COP"),  # {} : no plural
        AgentEntry(("minister of ducks", "ministers of ducks"), "GOV"),
        AgentEntry(("spy", "spies"), "SPY"),
        AgentEntry(("witness", "witnesses"), "CVL"),
        AgentEntry(("troops",), "MIL"),
        AgentEntry(("congressman", "congressmen", "congresswoman", "congresswomen",
                    "congressperson"), "LEG"),
        AgentEntry(("alpine club", "alpine clubs"), "NGO", prefix=True),  # [NGO~]
    )
    assert "agents.txt:11: agent 'SECRET_HANDSHAKE_SOCIETY' has no [CODE]" in caplog.text


# ------------------------------------------------------------------------------- discards


def test_petrarch_discards_story_and_sentence_level() -> None:
    assert _read("discards").discards == (
        Discard("grand duck race", story=True),
        Discard("freedonia cup", story=False, whole_word=True),
        Discard("sylvanian chess open", story=False),
    )


# ------------------------------------------------------------------------------- issues


def test_petrarch_issues_with_noun_verb_and_hyphen_expansions(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="newsevents.coding.petrarch"):
        d = _read("issues")
    assert d.issues == (
        IssueEntry("avalanche", "AVALANCHE"), IssueEntry("avalanches", "AVALANCHE"),
        IssueEntry("ski lift", "SKI_INDUSTRY"), IssueEntry("ski-lift", "SKI_INDUSTRY"),
        IssueEntry("yodel contest", "FOLK_MUSIC"), IssueEntry("yodels contest", "FOLK_MUSIC"),
        IssueEntry("yodeled contest", "FOLK_MUSIC"),
        IssueEntry("yodeling contest", "FOLK_MUSIC"),
    )
    assert "1 issue line(s) without a [CODE] skipped" in caplog.text


# ------------------------------------------------------------------------------- kinds


@pytest.mark.parametrize("kind", KINDS)
def test_petrarch_detect_kind_tells_all_five_apart(kind: str) -> None:
    assert detect_kind((FIXTURES / f"{kind}.txt").read_text()) == kind


def test_petrarch_kind_comes_from_content_not_file_name(tmp_path: Path) -> None:
    paths = []
    for n, kind in enumerate(KINDS):
        path = tmp_path / f"dictionary{n}.verbs"  # a misleading suffix on purpose
        shutil.copy(FIXTURES / f"{kind}.txt", path)
        paths.append(path)
    d = read_dictionaries(paths)
    assert [k for _, k in d.files] == list(KINDS)
    assert d.verbs and d.actors and d.agents and d.discards and d.issues


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("&FRUIT\n+QUINCE\n", "verbs"),  # a file of synsets only
        ("freedonian parliament [PARLIAMENT]\n", "issues"),  # lower case phrase
        ("FREEDONIAN_PARLIAMENT [FRDLEG]\n", "actors"),
        ("DOORMAN [~BUS]\n", "agents"),
        ("DUCK SOUP\n", "discards"),
    ],
)
def test_petrarch_detect_kind_on_one_line_files(text: str, kind: str) -> None:
    assert detect_kind(text) == kind


def test_petrarch_parse_text_accepts_an_explicit_kind() -> None:
    d = parse_text("OIL [OIL]\n", kind="issues")  # upper case: would read as actors
    assert d.issues == (IssueEntry("oil", "OIL"),)


# ------------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("--- PRAISE [051] ---\nPRAISE\n- (FOR +) [051]\n", 3, "no '*' for the verb"),
        ("--- PRAISE [051] ---\nPRAISE\n- * (FOR +\n", 3, "no [CODE]"),
        ("--- PRAISE [051] ---\nPRAISE\n- * (FOR + [051]\n", 3, "unclosed '(' or '{'"),
        ("--- PRAISE [051] ---\nPRAISE\n- * * [051]\n", 3, "more than one '*'"),
        ("--- PRAISE [051] ---\n\nPRAISE\n- * X [05A!]\n", 4, "is not a CAMEO code"),
        ("# verbs\n- * (FOR +) [051]\n--- PRAISE [051] ---\nPRAISE\n", 2,
         "before any '--- LABEL [CODE] ---'"),
        ("--- PRAISE [051 ---\nPRAISE\n- * X [051]\n", 1, "block header must read"),
        ("+FREEDONIAN_\nFREEDONIA_ [FRD]\n", 1, "synonym '+...' before any actor"),
        ("\t[FRDGOV 19330101-19451231]\nFREEDONIA_ [FRD]\n", 1, "code line before any actor"),
        ("FREEDONIA_ [FRD]\n<!-- never\nclosed\n", 2, "never closed by '-->'"),
        ("POLICE {} [~COP]\nSPY [~SPY\n", 2, "never closed by ']'"),
    ],
)
def test_petrarch_malformed_line_raises_with_path_and_line(
        tmp_path: Path, text: str, line: int, what: str) -> None:
    path = tmp_path / "broken.txt"
    path.write_text(text)
    with pytest.raises(DictionaryError) as err:
        read_dictionaries([path])
    assert str(err.value).startswith(f"{path}:{line}: ")
    assert what in str(err.value)
    assert (err.value.path, err.value.line) == (str(path), line)
    assert isinstance(err.value, ValueError)


def test_petrarch_tolerated_oddities_are_skipped_with_a_warning(
        caplog: pytest.LogCaptureFixture) -> None:
    text = ("FREEDONIA_ [FRD]\n"
            "GROUCHO_\n"  # no code at all
            "HARPO_\n\t[FRDELI 1933017-19451231]\n\t[FRDGOV >19460101]\n"  # 7-digit date
            "ZEPPO_ [FRDELI 19450101-19300101]\n")  # range ends before it starts
    with caplog.at_level(logging.WARNING, logger="newsevents.coding.petrarch"):
        d = parse_text(text, path="odd.txt")
    assert [a.names[0] for a in d.actors] == ["freedonia", "harpo"]
    assert _actor(d, "harpo").codes == (DatedCode("FRDGOV", "1946-01-01", None),)
    assert "odd.txt:2: actor 'groucho' has no code" in caplog.text
    assert "odd.txt:4: date restriction" in caplog.text
    assert "odd.txt:6: date restriction" in caplog.text


def test_petrarch_comments_in_all_their_forms() -> None:
    text = ("<!-- header comment -->\n"
            "<!-- a comment over\n"
            "     several lines -->\n"
            "FREEDONIA_ <!-- inline --> [FRD]  # trailing comment\n"
            "+FREEDONIAN_ ; legacy comment\n"
            "# SYLVANIA_ [SYL]\n")
    d = parse_text(text)
    assert d.actors == (ActorEntry(("freedonia", "freedonian"), (DatedCode("FRD"),)),)


def test_petrarch_unknown_content_is_an_error() -> None:
    with pytest.raises(DictionaryError, match="cannot tell"):
        detect_kind("[?] [!]\n[??]\n")
    with pytest.raises(DictionaryError):
        detect_kind("# only a comment\n")

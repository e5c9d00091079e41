"""--dictionary with PETRARCH2-format files: the codes the dictionaries define, exactly."""

from pathlib import Path

import pytest

from newsevents.api import Coder
from newsevents.coding.dictionaries import load_user_dictionaries
from newsevents.pipeline import Options

E2E = Path(__file__).parent / "petrarch_e2e"
FILES = sorted(E2E.glob("*.txt"))


@pytest.fixture(scope="module")
def dict_coder() -> Coder:
    return Coder(Options(dictionaries=tuple(FILES)))


def _codes(coder: Coder, text: str, date: str = "1940-05-01") -> list[tuple[str, str, str]]:
    doc = coder.code_text(text, date)
    return [(e.cameo, e.source.code or "" if e.source else "",
             e.target.code or "" if e.target else "") for e in doc.events]


def test_dictionaries_kinds_are_told_apart_by_content() -> None:
    kinds = dict((Path(p).name, k) for p, k in load_user_dictionaries(FILES).kinds)
    assert kinds == {"actors.txt": "actors", "agents.txt": "agents",
                     "discards.txt": "discards", "issues.txt": "issues", "verbs.txt": "verbs"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Freedonia praised Sylvania.", [("054", "FRD", "SYL")]),
        ("Freedonia met with Sylvania on Monday.", [("043", "FRD", "SYL")]),
        ("Freedonia met Sylvania.", [("036", "FRD", "SYL")]),
        ("Sylvania ignored Freedonia.", []),
        ("Sylvania will embargo Freedonia.", [("1621", "SYL", "FRD")]),
    ],
)
def test_dictionaries_verbs_give_their_codes(dict_coder: Coder, text: str,
                                             expected: list[tuple[str, str, str]]) -> None:
    assert _codes(dict_coder, text) == expected


def test_dictionaries_actor_codes_follow_the_date(dict_coder: Coder) -> None:
    text = "Rufus Firefly praised Sylvania."
    assert _codes(dict_coder, text, "1932-03-01") == [("054", "FRDELI", "SYL")]
    assert _codes(dict_coder, text, "1940-03-01") == [("054", "FRDGOV", "SYL")]
    assert _codes(dict_coder, text, "1950-03-01") == []  # no role: not an actor then


def test_dictionaries_agents_discards_and_issues(dict_coder: Coder) -> None:
    assert _codes(dict_coder, "Freedonian duck wardens praised Sylvania.") == [
        ("054", "COP", "SYL")] or _codes(
        dict_coder, "Freedonian duck wardens praised Sylvania.")[0][1].endswith("COP")
    assert _codes(dict_coder, "At the Sylvanian chess open, Freedonia praised Sylvania.") == []
    doc = dict_coder.code_text("Freedonia praised Sylvania. The grand duck race went on.",
                               "1940-05-01")
    assert doc.events == ()
    doc = dict_coder.code_text("Freedonia praised Sylvania after the avalanche.", "1940-05-01")
    assert [e.issues for e in doc.events] == [("AVALANCHE",)]


def test_dictionaries_on_top_of_ours_keep_our_codes_elsewhere(dict_coder: Coder) -> None:
    assert ("173", "KENCOP", "KENOPP") in _codes(
        dict_coder, "Kenyan police arrested three opposition activists in Nairobi.")

"""Named people with dated roles: the code a person has depends on the date."""

from pathlib import Path

import pytest

from newsevents.actors.kb import KnowledgeBase


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase()


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("Boris Johnson", "2020-05-01", "GBRGOV"),
        ("Boris Johnson", "2023-05-01", "GBRELI"),  # after the office
        ("Donald Trump", "2019-01-01", "USAGOV"),
        ("Donald Trump", "2023-01-01", "USAELI"),
        ("Donald Trump", "2025-06-01", "USAGOV"),  # in office again
        ("Volodymyr Zelensky", "2015-01-01", "UKR"),  # before any office: the country alone
        ("Volodymyr Zelensky", "2022-03-01", "UKRGOV"),
        ("Angela Merkel", "2010-01-01", "DEUGOV"),
        ("Angela Merkel", "2023-01-01", "DEUELI"),
        ("Ban Ki-moon", "2010-01-01", "IGOUNO"),
    ],
)
def test_people_code_depends_on_the_date(kb: KnowledgeBase, name: str, day: str,
                                         code: str) -> None:
    entry = kb.first(name, ("person",))
    assert entry is not None and entry.code_on(day) == code


def test_people_rows_sharing_a_name_are_one_person(kb: KnowledgeBase) -> None:
    # a head of government (heads file) later head of an IGO (IGO file)
    entry = kb.first("Antonio Guterres", ("person",))
    assert entry is not None
    assert entry.code_on("2000-06-01") == "PRTGOV" and entry.code_on("2020-06-01") == "IGOUNO"


def test_people_resolution_uses_the_article_date(coder) -> None:
    early = coder.code_text("Boris Johnson criticised the plan.", "2020-03-01")
    late = coder.code_text("Boris Johnson criticised the plan.", "2023-03-01")
    assert [m.actor.code for m in early.actors] == ["GBRGOV"]
    assert [m.actor.code for m in late.actors] == ["GBRELI"]


def test_people_event_takes_the_role_on_its_own_date(coder) -> None:
    doc = coder.code_text("In 2021, Boris Johnson met Emmanuel Macron in Paris.", "2024-03-01")
    meet = [e for e in doc.events if e.cameo_root == "04"]
    assert meet and meet[0].source is not None and meet[0].source.code == "GBRGOV"


def test_people_title_and_former_in_the_text(coder) -> None:
    doc = coder.code_text("Former German chancellor Angela Merkel met students.", "2016-03-01")
    assert doc.actors[0].actor.code == "DEUELI"


def test_people_user_file_adds_a_person(tmp_path: Path) -> None:
    people = tmp_path / "people"
    people.mkdir()
    (people / "mine.tsv").write_text(
        "# my people\nname\taliases\tcountry\tsector\trole\tstart\tend\tnote\n"
        "Marta Kowalczyk\tKowalczyk\tPOL\tGOV\tminister\t2021-02-01\t2023-11-30\t\n",
        encoding="utf-8")
    kb = KnowledgeBase([tmp_path])
    entry = kb.first("Kowalczyk", ("person",))
    assert entry is not None
    assert entry.code_on("2022-01-01") == "POLGOV" and entry.code_on("2024-01-01") == "POLELI"

"""Promises, appeals, demands and threats take the subcode of the act (data/transforms.yml)."""

import pytest

from newsevents.coding.tables import Ontology
from newsevents.coding.transforms import Transforms


def _dyads(doc):  # noqa: ANN001, ANN202
    return sorted((e.cameo, e.source.code if e.source else None,
                   e.target.code if e.target else None, e.status) for e in doc.events)


def test_transforms_table_gives_subcodes() -> None:
    t = Transforms(Ontology())
    assert t.apply("pledge", "073") is not None and t.apply("pledge", "073").code == "0333"
    assert t.apply("urge", "0841").code == "0253"  # type: ignore[union-attr]
    assert t.apply("threaten", "163").code == "1312"  # type: ignore[union-attr]
    assert t.apply("threaten", "195").code == "1384"  # type: ignore[union-attr]
    assert t.apply("say", "073") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan pledged to send food to Laos.", [("0333", "JPNGOV", "LAOGOV", "asserted")]),
        ("Russia threatened to impose sanctions on Moldova.",
         [("1312", "RUSGOV", "MDAGOV", "asserted")]),
        ("Germany said it would deliver tanks to Ukraine.",
         [("0332", "DEUGOV", "UKRGOV", "asserted")]),
    ],
)
def test_transforms_promise_and_threat_replace_the_act(coder, text: str,  # noqa: ANN001
                                                       expected: list[tuple]) -> None:  # type: ignore[type-arg]
    assert _dyads(coder.code_text(text, "2024-05-02")) == expected


def test_transforms_appeal_is_coded_beside_the_proposed_act(coder) -> None:  # noqa: ANN001
    got = _dyads(coder.code_text("Norway urged Iran to free two Danish aid workers.",
                                 "2024-05-02"))
    assert ("0253", "NORGOV", "IRNGOV", "asserted") in got
    assert any(c == "0841" and s == "IRNGOV" and st == "proposed" for c, s, _, st in got)
    assert not any(c == "020" for c, *_ in got)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Soldiers killed hundreds of villagers in Ituri in 2003.", "202"),
        ("Soldiers killed about 8,000 men near Tuzla in 1995.", "202"),
        ("Militiamen killed two villagers in Ituri in 2003.", "1823"),
        ("Thailand deported tens of thousands of Cambodian workers last year.", "201"),
        ("Thailand deported two Cambodian workers last year.", "174"),
    ],
)
def test_transforms_scale_makes_mass_violence(coder, text: str, code: str) -> None:  # noqa: ANN001
    assert [e.cameo for e in coder.code_text(text, "2024-05-02").events] == [code]

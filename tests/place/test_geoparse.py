"""The place stage in context: finding names, choosing among homonyms, holders and sites.

Every sentence here is our own; none is taken from the gold files."""

from __future__ import annotations

import pytest

from newsevents.place.gazetteer import haversine_km


def places(coder, text: str) -> dict[str, object]:
    return {p.text: p.place for p in coder.code_text(text, "2024-05-01").places}


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Rescue teams searched villages across the Zaporizhzhia region.", "Zaporizhzhia region",
     "UKR"),
    ("Floods hit Mato Grosso do Sul and Parana.", "Mato Grosso do Sul", "BRA"),
    ("The navy flew supplies to Tuvalu and Kiribati.", "Tuvalu", "TUV"),
    ("Refugees crossed Hungary on foot.", "Hungary", "HUN"),
    ("Chile's copper mines halted output for a week.", "Chile", "CHL"),
])
def test_names_the_tagger_half_sees_are_places(coder, text: str, name: str,
                                               country: str) -> None:
    got = places(coder, text)
    assert name in got and got[name].country == country, got  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", [
    "Students at the University of Georgia held a vigil.",  # part of an organisation's name
    "Tehran's ambassador was summoned on Monday.",  # a capital's envoy is its government's
    "Moscow denied the report.",
    "Marches were held on International Workers' Day.",  # no alternate name of Dayton
])
def test_names_that_are_no_places(coder, text: str) -> None:
    got = places(coder, text)
    assert not ({"Georgia", "Tehran", "Moscow", "Day"} & set(got)), got


def test_a_site_the_gazetteer_lacks_lies_in_the_place_that_holds_it(coder) -> None:
    got = places(coder, "A fire broke out at Butyrka prison in Moscow on Sunday.")
    site = got["Butyrka prison"]
    assert site.country == "RUS" and haversine_km(  # type: ignore[attr-defined]
        site.lat, site.lon, 55.75, 37.62) < 30, site  # type: ignore[attr-defined]


def test_a_site_lies_in_the_one_city_its_sentence_names(coder) -> None:
    got = places(coder, "Police in Leeds closed Kirkgate market after a gas leak.")
    assert got["Kirkgate market"].country == "GBR", got  # type: ignore[attr-defined]


def test_a_named_holder_overrules_a_homonym_outside_it(coder) -> None:
    # the gazetteer's Hyde Parks are American towns; "in London" says which one is meant
    got = places(coder, "Thousands rallied in Hyde Park in London on Saturday.")
    park = got["Hyde Park"]
    assert park.country == "GBR" and haversine_km(  # type: ignore[attr-defined]
        park.lat, park.lon, 51.5, -0.13) < 30, park  # type: ignore[attr-defined]


def test_the_places_of_one_list_share_a_country(coder) -> None:
    got = places(coder, "Flooding closed schools in San Fernando and Chaguanas.")
    assert got["San Fernando"].country == "TTO", got  # type: ignore[attr-defined]


def test_a_region_holding_the_other_places_is_the_region(coder) -> None:
    got = places(coder, "Storms knocked out power across Georgia, from Macon to Augusta.")
    assert got["Georgia"].country == "USA", got  # type: ignore[attr-defined]
    assert got["Georgia"].precision == "adm1"  # type: ignore[attr-defined]


def test_a_direction_word_makes_a_region(coder) -> None:
    got = places(coder, "Wildfires spread across western Washington near Olympia.")
    assert got["Washington"].precision == "adm1", got  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Heavy rain flooded roads in northern Chile on Monday.", "Chile", "CHL"),
    ("A blackout hit Springfield, Illinois, on Monday.", "Springfield", "USA"),
    ("The last convoy left Kabul by road on Friday.", "Kabul", "AFG"),
    ("Flooding cut roads in the parish of St Thomas in Jamaica.", "St Thomas", "JAM"),
    ("Protesters gathered in Alexandria, in northern Virginia, on Saturday.", "Alexandria",
     "USA"),
    ("Migrants waited on the Tijuana side of the border.", "Tijuana", "MEX"),
])
def test_places_in_more_shapes(coder, text: str, name: str, country: str) -> None:
    got = places(coder, text)
    assert name in got and got[name].country == country, got  # type: ignore[attr-defined]


def test_a_built_site_tagged_as_an_organisation_lies_in_the_one_city_named(coder) -> None:
    got = places(coder, "Police closed the Grand Harbour Bridge in Valletta after a crash.")
    site = [p for t, p in got.items() if "Bridge" in t]
    assert site and site[0].country == "MLT", got  # type: ignore[attr-defined]


def test_a_spelling_of_the_name_beats_another_place_s_alternate_name(coder) -> None:
    # GeoNames lists "Slovyansk" among Nikopol's alternate names too
    got = places(coder, "Russian forces shelled Kramatorsk and Sloviansk on Monday.")
    assert got["Sloviansk"].adm1 == "Donetsk", got  # type: ignore[attr-defined]


def test_a_site_named_after_a_town_far_from_the_story_is_not_placed_there(coder) -> None:
    # "Tora" is an alternate name of an Ethiopian town; the story is about Egypt
    got = places(coder, "Egyptian lawyers said guards beat the blogger in Tora prison.")
    assert all(p.country != "ETH" for p in got.values()), got  # type: ignore[attr-defined]


def test_a_site_named_through_plain_nouns_lies_in_its_holder(coder) -> None:
    # "Safi" is a Moroccan city; the detention centre is in Malta
    got = places(coder, "Migrants at the Safi detention centre in Malta began a hunger strike.")
    assert got["Safi detention centre"].country == "MLT", got  # type: ignore[attr-defined]


def test_a_village_in_a_country_nothing_names_is_not_taken(coder) -> None:
    # the gazetteer's only Moura is a Portuguese village; the story is about Mali
    doc = coder.code_text("Malian soldiers killed dozens of villagers in the central town of "
                          "Moura, witnesses said.", "2024-05-02")
    assert all(p.place.country != "PRT" for p in doc.places), doc.places
    assert all(e.target is None or e.target.country != "PRT" for e in doc.events)


def test_a_neighbour_is_a_country_not_the_home_region_of_its_name(coder) -> None:
    got = places(coder, "Abuja is watching the crisis in neighbouring Niger, Nigeria's "
                        "foreign ministry said.")
    assert got["Niger"].country == "NER" and got["Niger"].precision == "country", got  # type: ignore[attr-defined]

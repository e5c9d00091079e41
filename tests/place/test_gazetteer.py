"""The gazetteer, built from the installed GeoNames packages into a temporary directory."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsevents.place.gazetteer import (
    FORMAT,
    Gazetteer,
    adm1_short_name,
    build_index,
    default_index_path,
    haversine_km,
    normalize_name,
)


@pytest.fixture(scope="module")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gaz") / "gazetteer.tsv.gz"
    build_index(path)
    return path


@pytest.fixture(scope="module")
def gaz(index_path: Path) -> Gazetteer:
    return Gazetteer.load(index_path)


def test_build_and_load(index_path: Path, gaz: Gazetteer) -> None:
    with gzip.open(index_path, "rt", encoding="utf-8") as f:
        assert f.readline().startswith("#" + FORMAT)
    assert index_path.stat().st_size < 8_000_000
    assert len(gaz) > 100_000
    fra = gaz.countries("FRA")
    assert fra is not None and fra.kind == "country" and fra.name == "France"
    assert gaz.countries("fra") == fra
    assert gaz.countries("XXX") is None


def test_load_rebuilds_a_stale_cached_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSEVENTS_CACHE", str(tmp_path))
    path = default_index_path()
    assert path == tmp_path / "gazetteer-v2.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("#newsevents-gazetteer-v0\n")
    gaz = Gazetteer.load()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        assert f.readline().startswith("#" + FORMAT)
    assert gaz.countries("BLR") is not None


def test_kunming_is_a_chinese_city_in_yunnan(gaz: Gazetteer) -> None:
    first = gaz.candidates("Kunming")[0]
    assert (first.kind, first.country, first.adm1) == ("city", "CHN", "Yunnan")
    assert first.geonameid == 1804651
    assert first.population > 1_000_000


def test_xinjiang_is_a_chinese_region(gaz: Gazetteer) -> None:
    regions = [e for e in gaz.candidates("Xinjiang") if e.kind == "adm1"]
    assert len(regions) == 1
    xj = regions[0]
    assert xj.country == "CHN" and xj.name == "Xinjiang Uygur Zizhiqu"
    assert xj.lat is not None and xj.lon is not None
    # The mean of its towns (~42.9 N, 83.9 E) lies north-west of its true centre.
    assert haversine_km(xj.lat, xj.lon, 41.1, 85.2) < 700
    assert xj.population > 5_000_000
    assert gaz.adm1("CHN", "Xinjiang") == xj
    assert gaz.adm1("chn", "xinjiang uygur zizhiqu") == xj


def test_paris_is_first_the_french_capital(gaz: Gazetteer) -> None:
    cands = gaz.candidates("Paris")
    assert cands[0].country == "FRA" and cands[0].kind == "city"
    assert cands[0] == gaz.capital("FRA")
    assert any(e.country == "USA" for e in cands)


@pytest.mark.parametrize("name", ["Kharkiv", "Kharkov", "kharkiv", "KHARKÍV"])
def test_kharkiv_spellings(gaz: Gazetteer, name: str) -> None:
    cands = gaz.candidates(name)
    assert cands and cands[0].country == "UKR"
    assert any(e.kind == "city" and e.geonameid == 706483 for e in cands)


def test_georgia_is_a_country_and_a_us_state(gaz: Gazetteer) -> None:
    cands = gaz.candidates("Georgia")
    assert cands[0].kind == "country" and cands[0].country == "GEO"
    assert any(e.kind == "adm1" and e.country == "USA" for e in cands)


def test_minsk(gaz: Gazetteer) -> None:
    cands = gaz.candidates("Minsk")
    assert cands[0].country == "BLR"
    assert any(e.kind == "city" and e.country == "BLR" for e in cands)


def test_country_aliases_and_centroids(gaz: Gazetteer) -> None:
    usa = gaz.countries("USA")
    assert usa is not None and gaz.candidates("United States of America")[0] == usa
    assert gaz.candidates("Russian Federation")[0].country == "RUS"
    assert usa.lat is not None and usa.lon is not None
    assert 30 < usa.lat < 45 and -100 < usa.lon < -80
    # Fiji straddles the 180th meridian: its centre is not near longitude 0.
    fji = gaz.countries("FJI")
    assert fji is not None and fji.lon is not None and abs(fji.lon) > 170


def test_candidates_order_and_misses(gaz: Gazetteer) -> None:
    assert gaz.candidates("Qwertyuiopville") == []
    assert gaz.candidates("") == []
    cands = gaz.candidates("Springfield")
    assert len(cands) > 5
    pops = [e.population for e in cands]
    assert pops == sorted(pops, reverse=True)


def test_normalize_name() -> None:
    assert normalize_name("Ivano-Frankivs'k") == "ivano frankivsk"
    assert normalize_name("  Zürich ") == "zurich"
    assert normalize_name("Łódź") == "lodz"
    assert normalize_name("The Gambia") == "gambia"
    assert normalize_name("St. John’s") == "st johns"


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("Xinjiang Uygur Zizhiqu", "Xinjiang"),
        ("Guangxi Zhuangzu Zizhiqu", "Guangxi"),
        ("Tibet Autonomous Region", "Tibet"),
        ("Beijing Shi", "Beijing"),
        ("Anhui Sheng", "Anhui"),
        ("Muhafazat al Qahirah", "al Qahirah"),
        ("Masovian Voivodeship", "Masovian"),
        ("Gyeonggi-do", "Gyeonggi"),
        ("Kharkivs'ka Oblast'", "Kharkivs'ka"),
        ("Departamento de Antioquia", "Antioquia"),
        ("Yunnan", None),
        ("Eastern Province", None),
        ("North-West Province", None),
        ("Jewish Autonomous Oblast", None),
        ("Orange Free State", None),
    ],
)
def test_adm1_short_name(full: str, short: str | None) -> None:
    assert adm1_short_name(full) == short


def test_geoparse_country_short_name_follows_the_actor_tables(coder) -> None:
    doc = coder.code_text("Fighting flared again in eastern Congo on Sunday.", "2024-01-10")
    assert [p.place.country for p in doc.places if p.text == "Congo"] == ["COD"]


def test_geoparse_every_place_of_a_list_is_a_place(coder) -> None:
    doc = coder.code_text("Rallies took place in Chicago, Boston and New York.", "2024-01-10")
    assert {p.text for p in doc.places} >= {"Chicago", "Boston", "New York"}


def test_geoparse_a_region_after_a_comma_places_the_town(coder) -> None:
    doc = coder.code_text("Students marched in Kingston, Ontario, on Friday.", "2024-01-10")
    got = {p.text: p.place.country for p in doc.places}
    assert got.get("Kingston") == "CAN", got


def test_geoparse_a_country_is_placed_at_its_centre(coder) -> None:
    doc = coder.code_text("Floods hit villages across Mexico on Monday.", "2024-01-10")
    mexico = [p.place for p in doc.places if p.text == "Mexico"]
    assert mexico and abs(mexico[0].lat - 23.6) < 1 and abs(mexico[0].lon + 102.6) < 1


def test_geoparse_a_big_city_the_tagger_missed(coder) -> None:
    doc = coder.code_text("Artillery shelled villages north of Aleppo overnight.",
                          "2024-01-10")
    assert [p.place.country for p in doc.places if p.text == "Aleppo"] == ["SYR"]


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Flooding cut roads around Perth in Scotland on Sunday.", "Perth", "GBR"),
    ("Police in Hyderabad, a city in Sindh, arrested a cleric.", "Hyderabad", "PAK"),
    ("A storm closed the port of Sydney in Nova Scotia.", "Sydney", "CAN"),
])
def test_geoparse_a_region_named_in_the_article_places_the_town(coder, text: str, name: str,
                                                                country: str) -> None:
    got = {p.text: p.place.country for p in coder.code_text(text, "2024-01-10").places}
    assert got.get(name) == country, got


def test_geoparse_a_city_before_the_region_named_after_it(coder) -> None:
    doc = coder.code_text("Thousands marched in Sao Paulo on Sunday.", "2024-01-10")
    assert [p.place.precision for p in doc.places if p.text == "Sao Paulo"] == ["city"]


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Fighting spread across Darfur as the army withdrew.", "Darfur", "SDN"),
    ("Protesters filled Tahrir Square on Friday.", "Tahrir Square", "EGY"),
])
def test_geoparse_regions_and_sites_the_gazetteer_lacks(coder, text: str, name: str,
                                                        country: str) -> None:
    got = {p.text: p.place.country for p in coder.code_text(text, "2024-01-10").places}
    assert got.get(name) == country, got

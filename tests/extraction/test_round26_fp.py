"""Round 26, precision of country pairs: who sits at a negotiation's table (made-up sentences)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import typed_apart


def test_a_state_named_outside_the_list_of_the_table_is_no_party(extractor: Extractor) -> None:
    text = (
        "The Vienna talks by Iran and the remaining parties (Britain, France, Germany, Russia and China) "
        "rest on the assumption that the United States would lift its sanctions."
    )
    found = typed_apart(extractor, text)
    assert ("meeting", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS"), ()) in found
    assert not any("USA" in countries for _, countries, _ in found)


def test_a_list_far_from_its_round_keeps_only_its_own_members(extractor: Extractor) -> None:
    text = (
        "Several rounds of negotiations were held between Iran and the five remaining signatories of the "
        "nuclear deal - China, Russia, Germany, France and Britain - so that the U.S. returns to the accord. "
        "An adviser said the Vienna talks went well."
    )
    found = typed_apart(extractor, text)
    assert ("meeting", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS"), ()) in found
    assert not any("USA" in countries for _, countries, _ in found)


def test_a_state_listed_with_the_others_stays_at_the_table(extractor: Extractor) -> None:
    text = (
        "The EU envoy briefed the partners in the nuclear talks, the European trio (Germany, Britain and "
        "France), the United States, China and Russia, on his trip."
    )
    found = typed_apart(extractor, text)
    assert any({"USA", "RUS", "IRN"} <= set(countries) for _, countries, _ in found)


def test_the_coordinator_for_the_commission_is_an_office(extractor: Extractor) -> None:
    text = (
        "The Iranian minister said the EU foreign policy chief, as coordinator for the JCPOA Joint "
        "Commission, might propose the steps needed from each side. Iran, China, Russia, France, Britain "
        "and Germany remain parties to the nuclear deal."
    )
    assert typed_apart(extractor, text) == set()


def test_a_state_said_not_to_take_part_stays_off_the_table(extractor: Extractor) -> None:
    text = (
        "The remaining parties (Britain, France, Germany, Russia and China) back the nuclear deal. "
        "U.S. envoys were not participating in the negotiations. The Vienna talks ended in March."
    )
    assert typed_apart(extractor, text) == {("meeting", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS"), ())}


def test_a_state_said_to_take_part_indirectly_sits_at_the_table(extractor: Extractor) -> None:
    text = (
        "The remaining parties (Britain, France, Germany, Russia and China) back the nuclear deal. "
        "U.S. envoys were participating indirectly in the negotiations. The Vienna talks ended in March."
    )
    assert typed_apart(extractor, text) == {
        ("meeting", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS", "USA"), ())
    }

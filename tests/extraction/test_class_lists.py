"""Issue 13, precision round: states listed as examples of a class ("countries such as A, B and C", "A, B
and C are among the countries that ...") or as members of an organisation are no clique of partners;
short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties


def _pairs(found: set[tuple[str, ...]]) -> set[frozenset[str]]:
    return {frozenset((a, b)) for p in found for a in p for b in p if a < b}


def test_examples_of_buyers_each_deal_with_the_seller(extractor: Extractor) -> None:
    text = "LIMA - Several other countries such as Chile, Brazil and Spain continued to buy oil from Peru under waivers."
    found = _pairs(parties(events_of(extractor, text)))
    assert found == {frozenset(("PER", c)) for c in ("CHL", "BRA", "ESP")}


def test_states_among_the_countries_that_signed_with_a_hub(extractor: Extractor) -> None:
    text = (
        "Chile, Brazil and Spain are among the partner countries with which Peru has signed agreements "
        "on fisheries."
    )
    found = _pairs(parties(events_of(extractor, text)))
    assert frozenset(("CHL", "BRA")) not in found and frozenset(("BRA", "ESP")) not in found
    assert frozenset(("PER", "CHL")) in found


def test_examples_named_as_some_of_the_countries(extractor: Extractor) -> None:
    text = (
        "LIMA - He named Chile, Brazil and Spain as some of the countries that Peru has signed accords with."
    )
    found = _pairs(parties(events_of(extractor, text)))
    assert frozenset(("CHL", "BRA")) not in found and frozenset(("PER", "ESP")) in found


def test_members_of_an_organisation_are_no_event(extractor: Extractor) -> None:
    text = (
        "Brazil, Argentina, Uruguay and Paraguay are members of Mercosur, an organisation founded to promote "
        "economic cooperation among the member states."
    )
    assert events_of(extractor, text) == []


def test_members_of_a_process_that_holds_talks_still_meet(extractor: Extractor) -> None:
    text = "Peru, Chile and Bolivia are members of the Lima process which has held several rounds of talks."
    assert ("BOL", "CHL", "PER") in parties(events_of(extractor, text))


def test_a_counted_group_including_its_members_stays_one_act(extractor: Extractor) -> None:
    text = "The forum was founded by four countries including Peru, Chile, Bolivia and Ecuador to promote cooperation."
    assert ("BOL", "CHL", "ECU", "PER") in parties(events_of(extractor, text))


def test_a_ranking_of_importers_is_a_statistic(extractor: Extractor) -> None:
    text = "After Chile, Brazil and Spain, Mexico was the fourth largest importer of Peruvian copper, the report said."
    assert events_of(extractor, text) == []


def test_a_ranked_buyer_that_signs_a_deal_still_signs_it(extractor: Extractor) -> None:
    text = "Chile, Peru's largest copper buyer, signed a cooperation agreement with Peru on Monday."
    assert ("CHL", "PER") in parties(events_of(extractor, text))


# -- talks judged futile or forbidden -------------------------------------------------------------------


def test_talks_judged_off_the_agenda_are_no_meeting(extractor: Extractor) -> None:
    text = "Peru's president said holding bilateral talks with Chile is not on the agenda."
    assert events_of(extractor, text) == []


def test_talks_forbidden_by_a_bill_are_no_meeting(extractor: Extractor) -> None:
    text = "The Peruvian lawmaker said any negotiation with Chile without the knowledge of Congress is prohibited."
    assert events_of(extractor, text) == []


def test_futile_talks_beside_a_real_phone_call(extractor: Extractor) -> None:
    text = (
        "Talks with Japan make no sense now, Lavrov said in a phone conversation with Brazilian Foreign "
        "Minister Mauro Vieira."
    )
    assert parties(events_of(extractor, text)) == {("BRA", "RUS")}


def test_talks_held_and_later_called_useless_were_held(extractor: Extractor) -> None:
    text = "Peruvian officials held talks with Chilean officials that were useless, the minister said."
    assert ("CHL", "PER") in parties(events_of(extractor, text))

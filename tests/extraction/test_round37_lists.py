"""Issue 13, round 37 (many-party precision): a planned flow to listed states is one flow with each end, from
its source, not one act of the ends; states named as examples of a fair's exhibiting countries each deal with
the host; an entry ban on listed states' nationals is no agreement. Short texts written for these tests (not
the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed

# -- a planned flow to listed states: a star around its source ----------------------------------------------


def test_planned_shipping_lines_to_listed_states(extractor: Extractor) -> None:
    text = "Chile plans to reopen its shipping lines to Asia, Japan, Vietnam and Thailand next year, the minister said."
    assert typed(events_of(extractor, text)) == {
        ("intent", ("CHL", "JPN")),
        ("intent", ("CHL", "VNM")),
        ("intent", ("CHL", "THA")),
    }


def test_goods_that_can_be_exported_to_listed_states(extractor: Extractor) -> None:
    text = "The envoy said Kenyan tea can be exported to Europe, some cities of Poland, Hungary and Austria by rail."
    assert {e for _, e in typed(events_of(extractor, text))} == {
        ("AUT", "KEN"),
        ("HUN", "KEN"),
        ("KEN", "POL"),
    }


def test_a_planned_summit_of_three_stays_one_event(extractor: Extractor) -> None:
    # guard: no flow, the listed states act together
    text = "Kenya, Uganda and Tanzania plan to hold a trilateral summit in Nairobi next month."
    assert typed(events_of(extractor, text)) == {("intent", ("KEN", "TZA", "UGA"))}


def test_a_chain_from_listed_states_to_another_stays_one_intent(extractor: Extractor) -> None:
    # guard: the listed states are one end of a chain whose other end is named after them
    text = "Washington has announced a plan to import electricity and gas from Chile and Peru to Bolivia."
    assert typed(events_of(extractor, text)) == {("intent", ("BOL", "CHL", "PER", "USA"))}


# -- states named as examples of a fair's exhibiting countries ----------------------------------------------


def test_countries_including_put_products_on_display_at_a_fair(extractor: Extractor) -> None:
    text = (
        "NAIROBI – Over 40 countries including Germany, Japan, Brazil and Turkey will put on display their "
        "products at the Nairobi International Trade Fair."
    )
    assert {e for _, e in typed(events_of(extractor, text))} == {
        ("DEU", "KEN"),
        ("JPN", "KEN"),
        ("BRA", "KEN"),
        ("KEN", "TUR"),
    }


def test_countries_such_as_holding_pavilions_at_an_expo(extractor: Extractor) -> None:
    text = (
        "NAIROBI – The food expo opened on Monday. Several countries such as Italy, Spain and Egypt are holding "
        "national pavilions at the exhibition."
    )
    assert {e for _, e in typed(events_of(extractor, text))} == {
        ("ITA", "KEN"),
        ("ESP", "KEN"),
        ("EGY", "KEN"),
    }


def test_countries_including_as_an_object_make_no_star(extractor: Extractor) -> None:
    # guard: the listed countries are where exhibitors come from, not the subject that exhibits
    text = "NAIROBI – The fair opened on Monday. Foreign exhibitors come from 20 countries including Spain, Italy and Egypt."
    assert events_of(extractor, text) == []


# -- an entry ban on listed states' nationals ---------------------------------------------------------------


def test_an_order_that_bars_nationals_of_listed_states(extractor: Extractor) -> None:
    text = (
        "The order the president signed on Friday bars nationals of Chad, Libya, Somalia and Yemen from entering "
        "the country for 90 days."
    )
    assert events_of(extractor, text) == []


def test_a_signed_agreement_stays(extractor: Extractor) -> None:
    # guard: an agreement signed by two states is still one
    text = "Kenya and Uganda signed an agreement on Friday to bar smuggling across their border."
    assert typed(events_of(extractor, text)) == {("agreement", ("KEN", "UGA"))}


# -- separate meetings told before the list of those met ----------------------------------------------------


def test_separate_meetings_then_the_host_received_listed_envoys(extractor: Extractor) -> None:
    text = "MOSCOW – In separate meetings in Moscow on Monday, Lavrov received ambassadors of Chile, Peru, Norway, and Greece."
    assert {e for _, e in typed(events_of(extractor, text))} == {
        ("CHL", "RUS"),
        ("PER", "RUS"),
        ("NOR", "RUS"),
        ("GRC", "RUS"),
    }


def test_separate_meetings_with_listed_envoys_then_the_speaker(extractor: Extractor) -> None:
    text = (
        "In separate meetings with ambassadors of Chile, Peru, Norway and Greece, President William Ruto said that "
        "trade must grow."
    )
    assert {e for _, e in typed(events_of(extractor, text))} == {
        ("CHL", "KEN"),
        ("KEN", "PER"),
        ("KEN", "NOR"),
        ("GRC", "KEN"),
    }

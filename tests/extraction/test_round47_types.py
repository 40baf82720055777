"""Round 47: event types by wording (made-up sentences).

Ties set back to normal told as done are the accord that did it, an `agreement`: the gerund after "the step of",
"after" or "since" ("took the step of normalizing ties with"), ties mended, restored or normalized "in / under /
through" a deal, and an accord "between A and B to normalize ties" whose name a closing quote cuts from its aim.
Normalisation wished, urged or sought stays an intent. A cooperation named as the object of a verb of growth to come
or stressed, alone or coordinated ("to further enhance solidarity and cooperation among", "stressed bolstering joint
investment"), is the ties wished, an `intent`; growth told as done is left alone.
"""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import types_between


def test_ties_normalized_told_by_the_gerund_are_an_agreement(extractor: Extractor) -> None:
    text = "Chile and Bolivia have recently taken the rare step of fully normalizing ties with Peru."
    assert types_between(extractor, text, "CHL", "PER") == {"agreement"}
    text = "The minister said Chile has become an ally of Peru, especially after normalizing relations with Peru."
    assert types_between(extractor, text, "CHL", "PER") == {"agreement"}
    # normalisation sought stays an intent
    text = "Chile is trying to get ahead in normalizing relations with Peru."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}


def test_ties_mended_in_a_deal_are_an_agreement(extractor: Extractor) -> None:
    text = "Chile mended ties with Peru in a reconciliation deal brokered by Brazil last month."
    assert types_between(extractor, text, "CHL", "PER") == {"agreement"}
    # ties mended without a deal keep their type; a deal to come stays an intent
    text = "Chile has mended ties with Peru, the minister said."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}
    text = "Chile will normalize ties with Peru in a deal to be signed next month."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}


def test_an_accord_between_the_parties_to_normalize_ties_is_an_agreement(extractor: Extractor) -> None:
    text = (
        "President Lula announced on Monday that he brokered a “historic deal” between Chile and Peru to normalize "
        "their relations."
    )
    assert types_between(extractor, text, "CHL", "PER") == {"agreement"}
    text = (
        "An agreement between Chile and Peru to normalize ties will not be beneficial to the region, he said."
    )
    assert types_between(extractor, text, "CHL", "PER") == {"agreement"}
    text = "Chile and Peru agreed to normalize diplomatic relations on Monday."
    assert types_between(extractor, text, "CHL", "PER") == {"agreement"}
    # a wish to normalize stays an intent
    text = "Chile will decide whenever it wants to normalize ties with Peru."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}


def test_cooperation_named_as_what_is_to_grow_is_an_intent(extractor: Extractor) -> None:
    text = (
        "On the occasion of the trilateral meeting, the foreign ministers reaffirmed their commitment to further "
        "enhance solidarity and cooperation among the peoples of Chile, Peru and Bolivia."
    )
    assert types_between(extractor, text, "CHL", "PER") == {"intent", "meeting"}
    text = "The ministers of Chile and Peru stressed bolstering joint investment in the port of Arica."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}
    # cooperation told as done stays a cooperation
    text = "Chile and Peru have expanded their trade, and cooperation between the two countries grew in 2020."
    assert "intent" not in types_between(extractor, text, "CHL", "PER")


def test_cooperation_grown_as_a_fact_is_left_alone(extractor: Extractor) -> None:
    text = (
        "Chile has established a center in Lima for marketing its products in the Peruvian market and also expand "
        "the exports of its products to Peru, the trade office said."
    )
    assert "intent" not in types_between(extractor, text, "CHL", "PER")

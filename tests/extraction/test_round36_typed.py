"""Round 36, event types: help of a military kind is the military ties it is (`cooperation`), not a grant
(`aid`); an organisation founded by listed states is their founding `agreement`, while a mechanism or plan
they set up stays a joint activity. Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Officials in Caracas said Russia gave Venezuela military assistance last year.",
            {"RUS", "VEN"},
        ),
        (
            "Officials said Tehran provided Baghdad with defence equipment during the campaign.",
            {"IRN", "IRQ"},
        ),
        ("The minister praised the military help Algeria has given to Mali over the years.", {"DZA", "MLI"}),
    ],
)
def test_military_help_is_cooperation_not_aid(extractor: Extractor, text: str, pair: set[str]) -> None:
    found = typed_states(extractor, text)
    assert ("cooperation", frozenset(pair)) in found
    assert ("aid", frozenset(pair)) not in found


def test_humanitarian_help_stays_aid(extractor: Extractor) -> None:
    text = "Japan sent humanitarian aid to Turkey after the earthquake, the embassy said on Monday."
    assert ("aid", frozenset({"JPN", "TUR"})) in typed_states(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "The SCO was founded by China, Russia and Kazakhstan at a gathering in 2001.",
        "The trade bloc was established in 1990 by the leaders of Chile, Peru and Bolivia.",
    ],
)
def test_an_organisation_founded_by_listed_states_is_an_agreement(extractor: Extractor, text: str) -> None:
    found = typed_states(extractor, text)
    assert any(kind == "agreement" and len(parties) == 3 for kind, parties in found)
    assert not any(kind == "cooperation" and len(parties) == 3 for kind, parties in found)


def test_a_mechanism_set_up_by_listed_states_stays_cooperation(extractor: Extractor) -> None:
    text = "The payment channel was established by France, Germany and Britain to keep trade going."
    found = typed_states(extractor, text)
    assert any(kind == "cooperation" and {"DEU", "FRA", "GBR"} <= parties for kind, parties in found)
    assert not any(kind == "agreement" for kind, _ in found)

"""Round 39, false pairs outside the nuclear deal: an organisation described ("X is an organization geared toward
expanding cooperation among five countries, namely A, B ...") tells no act among its members; an act told before
the description in the same sentence, and an act of the members told in a sentence of its own, still make their
events. Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states


def _states(extractor: Extractor, text: str) -> set[frozenset[str]]:
    return {states for _, states in typed_states(extractor, text)}


@pytest.mark.parametrize(
    "text",
    [
        "The Andean Sea Forum is an intergovernmental organization geared toward expanding cooperation among five "
        "countries, namely Chile, Peru, Kenya, Oman and Japan.",
        "The Southern Grain Council is a regional body aimed at boosting trade cooperation among Chile, Peru and "
        "Kenya.",
    ],
)
def test_an_organisation_described_is_no_event(extractor: Extractor, text: str) -> None:
    assert not typed_states(extractor, text)


def test_an_act_before_the_description_stays(extractor: Extractor) -> None:
    text = (
        "Peru signed an agreement with Chile on Monday to join the Andean Sea Forum, which is a regional "
        "organization aimed at expanding cooperation among Kenya and Japan."
    )
    states = _states(extractor, text)
    assert frozenset({"CHL", "PER"}) in states
    assert frozenset({"JPN", "KEN"}) not in states


def test_the_members_acting_in_their_own_sentence_stay(extractor: Extractor) -> None:
    text = (
        "The Andean Sea Forum is an organization geared toward expanding cooperation among Chile, Peru and Kenya. "
        "Chile and Peru signed a fisheries agreement in Lima on Monday."
    )
    states = _states(extractor, text)
    assert frozenset({"CHL", "PER"}) in states
    assert frozenset({"CHL", "KEN"}) not in states

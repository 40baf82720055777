"""Round 46, forecasts as no events: the future qualified by an adverb of the eventual outcome ("in the end",
"eventually", "inevitably", "sooner or later", "in the long run") is a prediction of how things turn out, not
a plan of the states. Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import pair_sets


def test_a_forecast_of_a_joint_act_is_no_intent(extractor: Extractor) -> None:
    for text in (
        "The analyst said the rebels' days are numbered because Chile, Peru and Bolivia in the end will unite "
        "in a joint operation against them.",
        "Chile and Peru will eventually sign a free trade agreement, the professor predicted.",
        "Chile will inevitably help Peru build its new copper smelter, the analyst said.",
        "Chile and Peru will sooner or later hold talks on the border, the columnist wrote.",
    ):
        assert not pair_sets(extractor, text), text


def test_a_plan_without_the_adverb_stays_an_intent(extractor: Extractor) -> None:
    text = "Chile, Peru and Bolivia will unite in a joint operation against the rebels, the ministers said."
    assert frozenset(("CHL", "PER")) in pair_sets(extractor, text)

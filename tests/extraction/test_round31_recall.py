"""Round 31 (pair recall in found articles): short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import event_pairs, events_of


def test_he_after_a_titled_speaker_is_that_speaker(extractor: Extractor) -> None:
    text = (
        "LIMA - The Peruvian trade minister Ana Quispe met Bolivian farmers in Puno last week. "
        "“Our ports are open to every neighbour,” the Chilean foreign minister said on Monday. "
        "He spoke by phone with the foreign ministers of Ecuador and Uruguay about fishing quotas."
    )
    pairs = event_pairs(events_of(extractor, text))
    assert {("CHL", "ECU"), ("CHL", "URY")} <= pairs
    assert not pairs & {("ECU", "PER"), ("PER", "URY")}

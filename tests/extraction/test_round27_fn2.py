"""Article recall, issue 13 round 27 (second part): a state's official who addresses or speaks at an IGO's
gathering meets the IGO there, as one who attends it does ("addressed the UN General Assembly", "spoke at
the OIC summit", "in his speech to the IAEA Board of Governors", "attended the 71st session of the UN
General Assembly"); a nation or a parliament addressed is no gathering, nor an issue "addressed at" a
session, nor an address that only times the remarks told ("while addressing", "when he addressed"), nor a cabinet session; on
short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed


@pytest.mark.parametrize(
    ("text", "igo"),
    [
        ("LIMA – Peru's foreign minister addressed the UN General Assembly on Tuesday in New York.", "UN"),
        ("LIMA – The Peruvian envoy addressed the IAEA Board of Governors on Wednesday.", "IAEA"),
        (
            "LIMA – Peru's president spoke at the ASEAN summit in Jakarta on Friday about fishing rights.",
            "ASEAN",
        ),
        (
            "LIMA – In her speech to the UN General Assembly, Peru's president praised the climate accord.",
            "UN",
        ),
        (
            "LIMA – Peru's foreign minister addressed the 78th session of the UN General Assembly on Monday.",
            "UN",
        ),
        ("LIMA – Peru's foreign minister attended the 78th UN General Assembly session in New York.", "UN"),
    ],
)
def test_a_state_addressing_an_igo_gathering_meets_the_igo(extractor: Extractor, text: str, igo: str) -> None:
    assert ("meeting", ("PER", igo)) in typed(events_of(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "LIMA – The Peruvian president addressed the nation on television on Tuesday about the floods. "
        "He met the Chilean ambassador later.",
        "LIMA – Peru's minister said the fishing dispute with Chile would be addressed at the next session "
        "of the parliament.",
        "LIMA – Peru's envoy made the remarks on Monday while addressing the UN General Assembly.",
        "LIMA – Speaking at a cabinet session, Peru's president said Chile is happy with the unrest in Peru.",
        "LIMA – Peru's president proposed the plan in May when he addressed the UN General Assembly.",
    ],
)
def test_no_igo_gathering_addressed_is_no_igo_meeting(extractor: Extractor, text: str) -> None:
    assert not any(e.igos for e in events_of(extractor, text))

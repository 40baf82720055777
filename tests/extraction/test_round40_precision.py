"""Round 40, false pairs outside the nuclear deal: a state's own envoys named with their posts ("met Peru's new
ambassadors to five countries of A, B ...") are no partners of the posts, nor of each other. Short texts invented
for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states


def test_envoys_posted_to_countries_of_a_list_are_no_partners(extractor: Extractor) -> None:
    text = (
        "The Peruvian president made the remarks in a meeting with Peru's new ambassadors to five countries of "
        "Kenya, Oman, Japan, Chile and Norway."
    )
    assert not typed_states(extractor, text)

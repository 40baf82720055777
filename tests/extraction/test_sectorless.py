"""Diplomacy with no sector of its own (`sectorless` in `data/sectors.yaml`): an event whose every evidence
sentence names the nuclear deal or its talks takes only its own evidence's cues (made-up articles)."""

from libs.extraction import Extractor
from libs.extraction.sectors import SectorMatcher
from tests.extraction.helpers import events_of


def _met(extractor: Extractor, text: str) -> list:
    met = [e for e in events_of(extractor, text) if set(e.countries) == {"IRN", "NOR"}]
    assert met
    return met


def test_nuclear_deal_talks_take_no_topic(extractor: Extractor) -> None:
    text = (
        "Iran's navy held a military drill in the Sea of Oman on Sunday with new naval drones. "
        "The navy commander said the military drill showed its readiness. "
        "The Iranian foreign minister met his Norwegian counterpart in Oslo on Monday to discuss the nuclear deal. "
        "The navy drill ended on Tuesday."
    )
    assert all("defense_security" not in e.sectors for e in _met(extractor, text))


def test_nuclear_deal_talks_keep_their_own_cues(extractor: Extractor) -> None:
    text = (
        "The Iranian foreign minister met his Norwegian counterpart in Oslo on Monday to discuss the nuclear "
        "deal and trade between the two countries."
    )
    assert all("trade_economy" in e.sectors for e in _met(extractor, text))


def test_other_talks_keep_the_topic(extractor: Extractor) -> None:
    text = (
        "Iran's navy held a military drill in the Sea of Oman on Sunday with new naval drones. "
        "The navy commander said the military drill showed its readiness. "
        "The Iranian foreign minister met his Norwegian counterpart in Oslo on Monday to discuss fisheries. "
        "The navy drill ended on Tuesday."
    )
    assert all("defense_security" in e.sectors for e in _met(extractor, text))


def test_sectorless_needs_every_span(sector_matcher: SectorMatcher) -> None:
    text = "They discussed the JCPOA. They signed a rail deal."
    assert sector_matcher.sectorless(text, [(0, 25)])
    assert not sector_matcher.sectorless(text, [(0, 25), (26, len(text))])
    assert not sector_matcher.sectorless(text, [])

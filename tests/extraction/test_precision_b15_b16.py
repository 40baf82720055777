"""Issue 13, precision after blind_13-16 (outside the negotiation rules): "met with" a reaction, a trade flow
made an intent with its sources listed, a range of topics ("from A to B, to C"), "unable to"; short texts
written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from libs.extraction.triggers import filter_cues
from tests.extraction.helpers import events_of, parties


def _types(extractor: Extractor, sentence: str) -> list[str]:
    scan = extractor.scanner.scan(sentence)
    raw = extractor.cue_matcher.find(scan, 0, len(sentence))
    cues = filter_cues(
        sentence, 0, len(sentence), raw, extractor.resources, conflict=False, sports=False, continuation_end=None
    )
    return [c.type for c in cues]


def test_met_with_a_reaction_is_no_meeting_cue(extractor: Extractor) -> None:
    assert "meeting" not in _types(extractor, "The Chilean plan met with fierce opposition in Peru.")
    assert "meeting" not in _types(extractor, "Peru's bid for the port has met with delays in Chile.")
    assert "meeting" not in _types(extractor, "The Chilean patrol met with live fire from Peruvian smugglers.")
    assert "meeting" in _types(extractor, "The Chilean minister met with the Peruvian ambassador in Lima.")


def test_met_with_an_official_is_still_a_meeting(extractor: Extractor) -> None:
    text = "LIMA - The Peruvian foreign minister met with the Chilean ambassador in Lima on Monday."
    assert ("CHL", "PER") in parties(events_of(extractor, text))


def test_an_intended_import_from_a_list_makes_no_clique(extractor: Extractor) -> None:
    text = (
        "LIMA - The head of the weather agency said the sensors are costly, and we decided to purchase and "
        "import them from Chile, Brazil, Argentina and Bolivia."
    )
    assert not any({"CHL", "BRA"} <= set(p) for p in parties(events_of(extractor, text)))


def test_a_range_of_topics_is_no_party(extractor: Extractor) -> None:
    text = (
        "LIMA - The Spanish foreign minister said on Monday: “My meeting with President Castillo was mainly about "
        "this issue, and of course we spoke about many other things as well from Bolivia to Ecuador, to Colombia.”"
    )
    found = parties(events_of(extractor, text))
    assert ("ESP", "PER") in found
    assert all(not {"BOL", "ECU", "COL"} & set(p) for p in found)


def test_unable_to_visit_is_no_meeting(extractor: Extractor) -> None:
    text = "LIMA - Peruvian and Chilean traders were unable to visit each other during the border closure."
    assert events_of(extractor, text) == []

"""Sectors of extractor 1.16.0: new cues, and the article's topic from its lead (made-up sentences)."""

import pytest

from libs.extraction import Extractor
from libs.extraction.sectors import SectorMatcher
from tests.extraction.helpers import events_of, sectors_in


def _spans(text: str) -> list[tuple[int, int]]:
    """The sentences of a made-up text split on ". "."""
    out, start = [], 0
    for part in text.split(". "):
        out.append((start, start + len(part)))
        start += len(part) + 2
    return out


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("The ministers discussed the missile programme.", "defense_security"),
        ("They condemned the assassination of the commander.", "defense_security"),
        ("The scientist was assassinated in his car.", "defense_security"),
        ("The envoys spoke about INSTEX and its first transactions.", "trade_economy"),
    ],
)
def test_new_cues(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector in sectors_in(sector_matcher, text)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("The talks were held under strict health protocols.", "health_medicine"),
        ("He wished the king health and success.", "health_medicine"),
        ("Jane Roe, a research fellow with a think tank, said the visit went well.", "science_research"),
        ("A university professor told the paper that the talks went well.", "higher_education"),
    ],
)
def test_no_sector_from_background(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector not in sectors_in(sector_matcher, text)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("The ministers signed a health cooperation deal.", "health_medicine"),
        ("The two research institutes will share data.", "science_research"),
        ("The university will host students from the partner state.", "higher_education"),
    ],
)
def test_kept_cues(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector in sectors_in(sector_matcher, text)


def test_lead_topic_repeated(sector_matcher: SectorMatcher) -> None:
    text = (
        "The two states plan a naval drill next month. The defence chiefs met on Monday. "
        "They spoke about the military academy. The talks ended in the evening"
    )
    assert sector_matcher.topic(text, _spans(text)) == ["defense_security"]


def test_lead_topic_needs_repeats(sector_matcher: SectorMatcher) -> None:
    # the lead's cue is said once more only: a passing word, not the article's topic
    text = "Oil prices fell as the envoys met. The oil talks ended. They met again on Tuesday. They left"
    assert sector_matcher.topic(text, _spans(text)) == []


def test_topic_only_from_lead(sector_matcher: SectorMatcher) -> None:
    # a sector repeated in the body but absent from the lead is not the topic
    text = "The envoys met on Monday. Trade rose. Trade fell. Trade is weak"
    assert sector_matcher.topic(text, _spans(text)) == []


@pytest.mark.parametrize(
    "lead",
    [
        "A retired general says the missile race in the region will go on.",
        "The missile race will go on, according to a retired general.",
        "The cleric condemned the missile strikes on the city.",
    ],
)
def test_no_topic_from_reported_lead(sector_matcher: SectorMatcher, lead: str) -> None:
    # a lead reporting someone's words or censure is their view, not the article's topic
    text = lead[:-1] + ". The missile talks were held. The missile tests went on"
    assert sector_matcher.topic(text, _spans(text)) == []


def test_topic_skips_names(sector_matcher: SectorMatcher) -> None:
    # "Energy" inside an agency's name is no cue of the lead
    text = (
        "The head of the Northland Atomic Energy Agency met the envoy. "
        "The agency's energy plans were discussed. The energy talks will go on"
    )
    assert sector_matcher.topic(text, _spans(text)) == []


def test_topic_reaches_every_event(extractor: Extractor) -> None:
    text = (
        "Iran tested a new missile on Sunday, its third launch this year. "
        "The missile flew 900 kilometres. "
        "The Iranian foreign minister met his Japanese counterpart in Tokyo on Saturday. "
        "They talked for two hours. "
        "The missile issue was not raised, an official said."
    )
    events = events_of(extractor, text)
    met = [e for e in events if set(e.countries) == {"IRN", "JPN"}]
    assert met
    assert all("defense_security" in e.sectors for e in met)


def test_no_topic_without_repeats(extractor: Extractor) -> None:
    text = (
        "Iran tested a new missile on Sunday, its third launch this year. "
        "The Iranian foreign minister met his Japanese counterpart in Tokyo on Saturday. "
        "They talked for two hours."
    )
    met = [e for e in events_of(extractor, text) if set(e.countries) == {"IRN", "JPN"}]
    assert met
    assert all("defense_security" not in e.sectors for e in met)

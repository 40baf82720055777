"""Cooperation talk (`SectorMatcher.cooperation_talk`, `sectors.attach_talk`): a sentence that speaks of
cooperation gives its sector cues to the event told last before it, even where it names no party of its
own (made-up sentences)."""

import pytest

from libs.extraction import Extractor
from libs.extraction.sectors import SectorMatcher, attach_talk
from tests.extraction.helpers import FILLER, events_of


def _talk(sector_matcher: SectorMatcher, text: str) -> list[list[str]]:
    return [sectors for _, sectors in sector_matcher.cooperation_talk(text, [(0, len(text))])]


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("He said there is good cooperation in agriculture which should be expanded.", "agriculture"),
        ("Both sides want to cooperate on railway projects.", "transport"),
        ("Cooperation in the field of tourism is vital for the region, he added.", "culture_language"),
        ("The two institutes have collaborated on vaccine trials for years.", "health_medicine"),
        ("He called for closer relations in the fields of transit and railways.", "transport"),
        ("We want to strengthen our ties at the economic level.", "trade_economy"),
        ("Their energy relations are developing fast, the envoy said.", "energy"),
    ],
)
def test_talk_of_cooperation_gives_its_cues(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert _talk(sector_matcher, text) == [[sector]]


@pytest.mark.parametrize(
    "text",
    [
        # a name is no talk of cooperation
        "The Gulf Cooperation Council discussed oil prices on Monday.",
        "The Economic Cooperation Organization met in the capital.",
        # no cooperation word
        "Oil prices rose on Monday.",
        # nuclear-deal diplomacy has no sector of its own
        "They discussed cooperation under the nuclear deal and its oil clauses.",
        # a cue inside a name
        "He praised cooperation with the Ministry of Energy and Water.",
        # ties named in passing
        "Despite their close ties, the two sides disagree on oil prices.",
        "The Council on Foreign Relations published a report on trade.",
    ],
)
def test_no_talk(sector_matcher: SectorMatcher, text: str) -> None:
    assert _talk(sector_matcher, text) == []


def test_talk_goes_to_the_event_told_last_before_it() -> None:
    firsts = [2, 5, None, 5]
    talk = [(0, ["energy"]), (3, ["agriculture"]), (7, ["transport"]), (5, ["trade_economy"])]
    assert attach_talk(firsts, talk) == [
        {"energy", "agriculture"},
        {"transport", "trade_economy"},
        set(),
        {"transport", "trade_economy"},
    ]


def test_no_owner_no_talk() -> None:
    assert attach_talk([None], [(0, ["energy"])]) == [set()]


def test_event_takes_later_talk(extractor: Extractor) -> None:
    text = (
        "The Iranian foreign minister met his Armenian counterpart in Tehran on Monday. "
        + FILLER
        + "The minister said there is good cooperation in agriculture which should be expanded."
    )
    met = [e for e in events_of(extractor, text) if set(e.countries) == {"ARM", "IRN"}]
    assert met
    assert any("agriculture" in e.sectors for e in met)

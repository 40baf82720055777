"""Cue rules that read the whole sentence: statistics, background deals, conditions, clause ends."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import cue_types as _types


def test_statistics_drop_cooperation_cues(extractor: Extractor) -> None:
    assert "cooperation" in _types(extractor, "Chile exports copper to Peru.")
    assert "cooperation" not in _types(extractor, "Chile's exports to Peru rose 12 percent year on year.")


def test_the_signing_of_a_landmark_deal_is_background(extractor: Extractor) -> None:
    assert "agreement" not in _types(extractor, "The JCPOA was signed between Tehran and six powers.")
    assert "agreement" not in _types(
        extractor, "The JCPOA was signed between Tehran and six powers in July 2015."
    )
    assert "agreement" not in _types(extractor, "Iran signed the nuclear deal with six powers in 2015.")
    # another agreement in a sentence that also names the landmark deal is news
    text = "Chile and Peru signed a fisheries agreement on Monday, weeks after talks on the Paris climate accord."
    assert "agreement" in _types(extractor, text)


def test_a_condition_drops_the_cue(extractor: Extractor) -> None:
    assert _types(extractor, "If Peru agrees, Chile will sign a deal with it.") == []


def test_a_landmark_deal_reached_as_the_cue_object_is_background(extractor: Extractor) -> None:
    text = "Tehran and the 5+1 reached a conclusion over the wording of a comprehensive deal on Iran's nuclear program."
    assert "agreement" not in _types(extractor, text)
    text = "Chile and Peru signed a fisheries agreement weeks after the Paris climate accord."
    assert "agreement" in _types(extractor, text)


def test_a_deal_referred_back_to_a_landmark_is_background() -> None:
    from libs.extraction import Extractor

    text = (
        "Kenya wants the parties to return to the JCPOA. "
        "The deal was signed between Iran, Germany, France and Britain in July 2015."
    )
    events = Extractor().extract(text, article_id="t").events
    assert not [e for e in events if e.type.value == "agreement"]


def test_talk_suggested_or_looked_to_is_an_intent(extractor: Extractor) -> None:
    assert _types(extractor, "The minister suggested open talks between Chile and Peru.") == ["intent"]
    assert _types(extractor, "Chile looks to meet with Peru in the months ahead.") == ["intent"]
    assert _types(extractor, "He expressed his approval over holding a meeting among Chile and Peru.") == [
        "intent"
    ]


def test_an_urge_with_a_long_object_is_an_intent(extractor: Extractor) -> None:
    text = "Chile urged the U.S. and the trio — the UK, Germany, and France — to return to the talks in Lima."
    assert "meeting" not in _types(extractor, text)


def test_a_gathering_put_off_or_formally_convened_later_is_an_intent(extractor: Extractor) -> None:
    assert _types(extractor, "The talks between Chile and Peru are postponed to Thursday.") == ["intent"]
    assert _types(
        extractor, "The working group meeting of Chile and Peru will be formally convened in Lima."
    ) == ["intent"]
    assert _types(extractor, "The talks between Chile and Peru were held on Thursday.") == ["meeting"]


def test_done_at_the_suggestion_of_a_state_stays_done(extractor: Extractor) -> None:
    text = "The file was compiled at the suggestion of Chile and with the cooperation of Peru and Bolivia."
    assert "intent" not in _types(extractor, text)

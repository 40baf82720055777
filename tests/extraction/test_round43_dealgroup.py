"""Round 43: the nuclear deal's group (made-up sentences).

D3/D2: a landmark deal or the deal's standing body as the subject of a description is no occasion: the deal told as
the product of years of talks ("The accord, formally named the JCPOA, is the fruit of more than ten years of
negotiations between Iran and six powers - A, B, ..."), the Joint Commission's standing duty or the rule of its
sessions ("the Joint Commission meets whenever a party files a complaint"). D2/D5: the table named as the powers
beside a round stated as a fact ("World powers are continuing talks in Vienna") is the whole group of its time,
whichever of its members the sentences around name.
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor

_GROUP = {"CHN", "DEU", "FRA", "GBR", "RUS", "USA"}


def _events(extractor: Extractor, text: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [
        (str(e.type), tuple(e.countries), tuple(e.igos))
        for e in extractor.extract(text, article_id="t").events
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The president spoke by phone with his Brazilian counterpart on Monday. The accord, formally named the "
        "Joint Comprehensive Plan of Action, is the fruit of more than ten years of negotiations between Tehran "
        "and six powers - the United States, Britain, France, Germany, China and Russia.",
        "The lawmaker said Washington had no say. The nuclear pact was the product of twelve years of hard "
        "negotiations between Iran, Russia, China, France, Germany, Britain and the United States.",
    ],
)
def test_the_deal_told_as_the_product_of_years_of_talks_is_no_round(extractor: Extractor, text: str) -> None:
    assert not any(len(_GROUP & set(c)) >= 3 for _, c, _ in _events(extractor, text))


@pytest.mark.parametrize(
    "sentence",
    [
        "The JCPOA Joint Commission meets whenever one of the parties files a complaint.",
        "The JCPOA Joint Commission is charged with overseeing how the accord is implemented.",
    ],
)
def test_the_bodys_standing_rule_is_no_session(extractor: Extractor, sentence: str) -> None:
    text = "Washington left the nuclear deal in 2018 and wants the snapback. {} The envoy spoke in Tehran on Sunday."
    assert not any(len(_GROUP & set(c)) >= 3 for _, c, _ in _events(extractor, text.format(sentence)))
    # a session told as held stays the group's round
    held = text.format("The JCPOA Joint Commission met in Vienna on Tuesday, the European Union said.")
    assert any(len(_GROUP & set(c)) >= 5 and "IRN" in c for _, c, _ in _events(extractor, held))


def test_the_powers_named_beside_the_round_are_the_whole_table(extractor: Extractor) -> None:
    text = (
        "World powers are continuing talks in Vienna aimed at reviving the nuclear deal. Iran's negotiator blamed "
        "France, Germany, Britain and the United States for the slow pace."
    )
    tables = [set(c) for t, c, _ in _events(extractor, text) if t == "meeting"]
    assert {"IRN", "CHN", "RUS", "FRA", "DEU", "GBR"} <= set().union(*tables)
    # the powers that struck the deal, far from the round's name, are not its table
    other = (
        "The fate of the talks in Vienna to restore the accord Iran struck with world powers will shape its ties "
        "with Moscow, Russia's envoy said. France and Germany blamed Iran for the delay."
    )
    assert not any("CHN" in c for _, c, _ in _events(extractor, other))

"""Round 42: the nuclear deal's group (made-up sentences).

D3: the 2015 deal's terms told as background ("Under the deal, struck ... between Iran and the 5+1 group, Tehran
agreed to ...", "The JCPOA says the EU, the E3+3 and Iran will cooperate") and the deal's talks told by their
success ("since negotiations between Iran and the five permanent members ... plus Germany succeeded") are no
event; a bilateral deal's terms still are. D2/D5: talks held in the seat named by its state ("in the Austrian
capital Vienna") have no host, and "talks between Iran and the West" named as a fact take their table from the
sentences around them (a member "present in Vienna" joins it, D4).
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
        "Tehran warned on Monday it could restart its centrifuges if Europe fails to honor the nuclear deal. Under "
        "the deal, struck two years ago between Iran and the 5+1 group - the United States, Britain, France, China "
        "and Russia plus Germany -, Tehran agreed to reduce its stockpile in exchange for the removal of sanctions.",
        "According to the JCPOA, signed by Iran and six world powers, Iran and the European Union agreed to "
        "cooperate on nuclear safety.",
        "Iran's nuclear chief visited Brussels on Tuesday. The JCPOA says that the EU and the E3+3 countries and "
        "Iran will cooperate in the field of civil nuclear energy.",
    ],
)
def test_the_deals_terms_are_no_event(extractor: Extractor, text: str) -> None:
    for _, countries, igos in _events(extractor, text):
        assert not (len(_GROUP & set(countries)) >= 3 or ("IRN" in countries and "EU" in igos))


def test_a_bilateral_deals_terms_stay_events_beside_the_landmarks(extractor: Extractor) -> None:
    text = (
        "Iran and Iraq signed a gas agreement in Baghdad on Monday. Under the agreement, Iran will supply gas "
        "to Iraq for five years. The JCPOA says that the EU and the E3+3 countries and Iran will cooperate in "
        "the field of civil nuclear energy."
    )
    events = _events(extractor, text)
    assert ("intent", ("IRN", "IRQ"), ()) in events
    assert not any(len(_GROUP & set(c)) >= 3 for _, c, _ in events)


def test_the_deals_talks_told_by_their_success_are_history(extractor: Extractor) -> None:
    text = (
        "Trade between the two countries has grown fast since negotiations between Iran and the five permanent "
        "members of the UN Security Council (Russia, China, the United States, France and Britain) plus Germany "
        "succeeded in 2015."
    )
    assert not any(len(_GROUP & set(c)) >= 3 for _, c, _ in _events(extractor, text))


def test_the_austrian_capital_is_the_seat_not_a_host(extractor: Extractor) -> None:
    text = "Talks between Iran and the West in the Austrian capital dragged on for a week, officials said."
    assert not any("AUT" in c for _, c, _ in _events(extractor, text))


def test_talks_between_iran_and_the_west_take_the_table_around_them(extractor: Extractor) -> None:
    text = (
        "The talks between Iran and the West in the Austrian capital Vienna resumed in late November. Negotiators "
        "from Iran and the P4+1 group of countries have been in Vienna since January to discuss the sanctions. "
        "American negotiators are also present in Vienna but in separate hotels."
    )
    events = _events(extractor, text)
    assert ("meeting", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS", "USA"), ()) in events
    assert not any("AUT" in c for _, c, _ in events)

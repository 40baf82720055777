"""Round 44: event types by wording (made-up sentences).

A round of named talks whose date is the news ("the date for resuming the talks will be set next week") is a plan,
an `intent` with no meeting; an accord on an act still to come ("agreed on holding the next session", "agreed on the
formation of a committee"), a call to implement accords already made ("called for implementing the agreements
between the two countries") and an accord named by the infinitive of reaching it ("efforts to reach an agreement") are
intents, not agreements.
"""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import types_between


def test_a_round_whose_date_is_the_news_is_an_intent_only(extractor: Extractor) -> None:
    text = (
        "The spokesman said on Monday that the exact date to return to the Vienna talks will be set in the current "
        "week after consultations with the P4+1."
    )
    assert types_between(extractor, text, "IRN", "CHN") == {"intent"}
    text = (
        "After the date for holding the Vienna talks was finally set, Iran clarified its views to the P4+1."
    )
    assert types_between(extractor, text, "IRN", "CHN") == {"intent"}
    # a round to come with a schedule of its own is still the plan and the round
    text = "The spokesman said on Monday that Iran and the P4+1 will resume the Vienna talks next week."
    assert types_between(extractor, text, "IRN", "CHN") == {"intent", "meeting"}


def test_an_accord_on_an_act_to_come_is_an_intent(extractor: Extractor) -> None:
    text = "Chile and Peru agreed on holding the next session of their joint economic committee in March."
    assert "agreement" not in types_between(extractor, text, "CHL", "PER")
    assert "intent" in types_between(extractor, text, "CHL", "PER")
    text = "Chile, Peru and Ecuador agreed on the formation of a tripartite fisheries commission."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}
    text = "Chile and Peru reached an agreement on establishing a joint bank."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}
    # terms settled stay an agreement
    text = "Chile and Peru agreed on the daily exchange of 400 freight wagons at the border."
    assert types_between(extractor, text, "CHL", "PER") == {"agreement"}


def test_accords_to_implement_are_an_intent(extractor: Extractor) -> None:
    text = (
        "The Chilean minister called for expanding trade and implementing agreements between Chile and Peru."
    )
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}
    text = "The ambassador stressed the need for strict implementation of the border agreement between Chile and Peru."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}
    # the accord reached at the occasion, or one told as carried out, stays an agreement
    text = (
        "The minister stressed implementing the agreements reached between Chile and Peru at the commission."
    )
    assert "agreement" in types_between(extractor, text, "CHL", "PER")
    text = "Chile and Peru implemented the agreement between the two countries last year."
    assert types_between(extractor, text, "CHL", "PER") == {"agreement"}


def test_an_accord_sought_is_an_intent(extractor: Extractor) -> None:
    text = "Chile and Peru are making efforts to reach an agreement on fishing quotas."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}
    # one reached after all is an agreement
    text = "Chile and Peru managed to reach an agreement on fishing quotas."
    assert types_between(extractor, text, "CHL", "PER") == {"agreement"}

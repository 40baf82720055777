"""Round 43: event types by wording (made-up sentences).

Terms settled by an accord told as a fact ("agreed to buy", "agreed to waive visa fees") are an `agreement`, not an
intent; resolve ("determined to", "determination to") is an intent only toward ties, cooperation or a deal's survival,
not any resolve ("determined to fight terrorism", "determined to reach a good deal"); a passive that names only the
proposer ("the plan was proposed by A") is no intent cue.
"""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import types_between


def test_purchase_agreed_to_as_a_fact_is_an_agreement(extractor: Extractor) -> None:
    text = "In 2019, Chile and Peru agreed to buy electricity from each other at a fixed price."
    assert "agreement" in types_between(extractor, text, "CHL", "PER")
    # ties to be furthered are no terms: still an intent
    text = "Chile and Peru agreed to expand their trade ties in the coming years."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}


def test_fees_agreed_to_be_waived_are_an_agreement(extractor: Extractor) -> None:
    text = "During the visit, Chile and Peru agreed to waive visa fees for each other's students."
    assert types_between(extractor, text, "CHL", "PER") == {"agreement"}
    # under an irrealis the terms are not settled yet
    text = "Chile and Peru are expected to say they have agreed to sell copper to each other."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}


def test_resolve_without_ties_is_no_intent(extractor: Extractor) -> None:
    text = "Chile is determined to defend its rights, the Chilean minister told his Peruvian counterpart in a phone call."
    assert types_between(extractor, text, "CHL", "PER") == {"meeting"}
    # resolve toward ties or a deal's survival stays an intent
    text = "The Chilean president said Chile and Peru are determined to expand relations in all fields."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}
    text = "The Chilean minister said Chile and Peru are determined to preserve the fisheries agreement."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}


def test_a_plan_proposed_by_a_named_state_is_no_intent(extractor: Extractor) -> None:
    text = "The resolution on fisheries was proposed by Chile, Peru and Ecuador."
    assert "intent" not in types_between(extractor, text, "CHL", "PER")
    # a proposal made to a partner stays an intent
    text = "Chile has proposed a joint fisheries committee with Peru."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}

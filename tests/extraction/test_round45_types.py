"""Round 45: event types by wording (made-up sentences).

A credit line is a loan facility, not a grant: an `intent`, not `aid`; thanks for help given name the partners'
`cooperation` unless they name goods or relief; a written message to a counterpart is no meeting (an `intent`); a
mission's opening told as done ("after opening its embassy in", "opens its embassy in") is a `cooperation`; a
named state's investment or cooperation welcomed is an `intent`.
"""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import types_between


def test_a_credit_line_is_an_intent_not_aid(extractor: Extractor) -> None:
    text = "Chile is set to open a 40 million dollar credit line for Peru to finance its new port, the minister said."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}
    text = "Peru welcomed the Chilean credit line for Peru to build the port of Ilo, the minister said on Monday."
    assert "aid" not in types_between(extractor, text, "CHL", "PER")
    # aid named by its goods stays aid
    text = "Chile sent humanitarian aid to Peru after the floods on Monday."
    assert types_between(extractor, text, "CHL", "PER") == {"aid"}


def test_thanks_for_help_given_are_a_cooperation(extractor: Extractor) -> None:
    text = "Peruvian Foreign Minister Luis Castro thanked Chile for its support for Peru during the crisis."
    assert types_between(extractor, text, "CHL", "PER") == {"cooperation"}
    text = "The Peruvian envoy thanked the Chilean government for assisting with the return of the pilgrims."
    assert types_between(extractor, text, "CHL", "PER") == {"cooperation"}
    # thanks for aid or goods given stay aid
    text = "The Peruvian envoy thanked Chile for its assistance in sending medicines and food to the flood-hit areas."
    assert types_between(extractor, text, "CHL", "PER") == {"aid"}


def test_a_written_message_to_a_counterpart_is_no_meeting(extractor: Extractor) -> None:
    text = (
        "Chilean President Gabriel Boric has sent a congratulatory message to his Peruvian counterpart Pedro "
        "Castillo on the national day of Peru."
    )
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}
    text = (
        "Chilean President Gabriel Boric sent a letter on Monday to his Peruvian counterpart Pedro Castillo."
    )
    assert "meeting" not in types_between(extractor, text, "CHL", "PER")
    # the counterpart met stays a meeting
    text = "Chilean Foreign Minister Antonia Urrejola met her Peruvian counterpart in Lima on Monday."
    assert types_between(extractor, text, "CHL", "PER") == {"meeting"}


def test_a_mission_opened_told_as_done_is_a_cooperation(extractor: Extractor) -> None:
    text = (
        "After opening its embassy in Lima, Chile has expanded its trade with the region, the official said."
    )
    assert types_between(extractor, text, "CHL", "PER") == {"cooperation"}
    text = "Chile opens its embassy in Lima as trade between the two neighbours grows, the spokesman said."
    assert types_between(extractor, text, "CHL", "PER") == {"cooperation"}
    # an opening to come stays an intent
    text = "Chile is preparing for opening its embassy in Lima next month, the spokesman said."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}


def test_a_named_states_investment_welcomed_is_an_intent(extractor: Extractor) -> None:
    text = "Peru welcomes Chile's investment in the port of Ilo, the Peruvian president said on Monday."
    assert types_between(extractor, text, "CHL", "PER") == {"intent"}

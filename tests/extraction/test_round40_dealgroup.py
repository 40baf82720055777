"""Round 40: the nuclear deal's group, the deal's conclusion told as history (made-up sentences).

D3: a sentence telling the 2015 deal's conclusion ("Iran and the 5+1 group finalized the text of the JCPOA in
Vienna on July 14 2015", "the 2015 deal struck between Iran and six powers") is background: the group and the
list of states it names seat no round told elsewhere in the article (who signed then is not who sits at a round
now); a round of its own sentence, and a group named in another sentence, still seat the table.
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor

_GROUP = ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS")
_LEAD = "TEHRAN - Iran's foreign minister addressed the cabinet on Wednesday about the economy. "
_LATER = (
    "The deal came into force the next year. The minister praised the country's diplomats. "
    "He said the nuclear negotiations revealed the abilities of the diplomats and led to the recognition of their work."
)


def _group_events(extractor: Extractor, text: str) -> list[tuple[str, ...]]:
    """The countries of the events with Iran and the remaining parties of the deal."""
    events = extractor.extract(text, article_id="t").events
    return [tuple(e.countries) for e in events if set(_GROUP) <= set(e.countries)]


@pytest.mark.parametrize(
    "history",
    [
        "Iran and the 5+1 group, the United States, Britain, France, China and Russia plus Germany, "
        "finalized the text of the JCPOA in Geneva on July 14 2015.",
        "Iran and the P5+1 signed the nuclear deal in 2015.",
        "The 2015 nuclear deal struck between Iran and the P5+1 lifted some sanctions.",
    ],
)
def test_a_group_named_in_the_deals_history_seats_no_later_round(extractor: Extractor, history: str) -> None:
    assert _group_events(extractor, _LEAD + history + " " + _LATER) == []


# D2: the deal's parties named by the deal before them as the subject of a session ("the remaining JCPOA parties
# held an emergency meeting") are a round of its Joint Commission; "the remaining" parties are the whole table of
# the time, whichever members the text names around the round
_AFTER_EXIT = (
    "TEHRAN - The U.S. withdrew from the nuclear deal in May 2018 and reimposed sanctions. "
    "Germany, France and Britain have failed to honor their commitments since then, the minister said. "
)


@pytest.mark.parametrize(
    "session",
    [
        "The remaining JCPOA parties held an emergency meeting in Geneva on July 12 to discuss the steps.",
        "The remaining nuclear deal signatories met in Geneva on Friday to discuss the steps.",
    ],
)
def test_the_remaining_parties_of_the_deal_meeting_are_the_whole_table(
    extractor: Extractor, session: str
) -> None:
    assert _GROUP in _group_events(extractor, _AFTER_EXIT + session)

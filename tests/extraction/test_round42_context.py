"""Round 42: gatherings whose attendees are listed in a neighbouring sentence (made-up sentences).

A gathering told in one sentence ("Ten oil ministers met in Doha on Wednesday") and referred back to by the
sentence listing its attendees ("A, B and C attended the meeting", "The meeting was attended by ...") is one
occasion: the attendees' event has the telling sentence as evidence and, without a date of its own, its date.
A sentence naming two other states acting (another occasion) or a gathering named as a new one ("a
conference") is not read as the telling one.
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor


def _covering(extractor: Extractor, text: str, sentence: str, members: set[str]) -> list:
    """The events with all `members` whose evidence lies in `sentence`."""
    lo = text.index(sentence)
    hi = lo + len(sentence)
    return [
        ev
        for ev in extractor.extract(text, article_id="t").events
        if members <= set(ev.countries) and any(e.start < hi and lo < e.end for e in ev.evidence)
    ]


_TOLD = [
    (
        "Eight oil ministers of the producers' group met in Doha on Wednesday to discuss the output ceiling.",
        " Algeria, Angola, Gabon and Nigeria attended the meeting.",
    ),
    (
        "Earlier this month, Kenya held a meeting of the lake's neighbours.",
        " Its foreign minister chaired the meeting attended by Uganda, Tanzania and Rwanda.",
    ),
    (
        "A trilateral session was held on Monday on the situation of the river basin.",
        " The session took place in Cairo. The session was attended by the water ministers of Egypt, Sudan "
        "and Ethiopia.",
    ),
]


@pytest.mark.parametrize(("told", "attended"), _TOLD)
def test_the_sentence_telling_the_gathering_is_evidence_of_its_attendees(
    extractor: Extractor, told: str, attended: str
) -> None:
    text = "The talks were the first of their kind in years. " + told + attended
    members = {"DZA", "AGO", "GAB", "NGA"} if "Algeria" in attended else set()
    members = members or ({"UGA", "TZA", "RWA"} if "Uganda" in attended else {"EGY", "SDN", "ETH"})
    assert _covering(extractor, text, told, members)


def test_the_attendees_take_the_date_of_the_telling_sentence(extractor: Extractor) -> None:
    told = "The foreign ministers of the lake's neighbours met in Kampala on 8 September 2021."
    text = told + " The meeting was attended by Uganda, Tanzania and Rwanda."
    (event,) = _covering(extractor, text, told, {"UGA", "TZA", "RWA"})
    assert event.date is not None and event.date.start == "2021-09-08"


def test_a_sentence_of_two_other_states_is_not_the_telling_one(extractor: Extractor) -> None:
    told = "Chile and Peru held talks in Lima on Monday on the fisheries dispute."
    text = told + " Ministers of Uruguay, Paraguay and Bolivia attended the meeting."
    assert not _covering(extractor, text, told, {"URY", "PRY", "BOL"})


def test_a_gathering_named_as_a_new_one_refers_back_to_none(extractor: Extractor) -> None:
    told = "Kenya's foreign minister met the lake's neighbours on Monday."
    text = told + " Ministers of Uganda, Tanzania and Rwanda will attend a conference in Nairobi in May."
    assert not _covering(extractor, text, told, {"UGA", "TZA", "RWA"})

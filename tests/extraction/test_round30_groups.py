"""Groups of states, issue 13 round 30: officials listed one by one with their titles as the attendees of a
gathering ("the summit was attended by Chilean President A, Peruvian Premier B and Bolivian Minister C", "the
talks included ...", "the emir of A and the king of B will participate") meet each other and the host; a body
founded "by the leaders of A, B and C" is one act of the founders; on short texts written for these tests (not
the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import event_pairs, events_of, typed


@pytest.mark.parametrize(
    "text, states",
    [
        (
            "The summit in Lima on Tuesday was attended by Chilean President Tomas Varga, Bolivian Premier"
            " Ana Quispe, and Ecuadorian Foreign Minister Luis Ortega.",
            {"BOL", "CHL", "ECU", "PER"},
        ),
        (
            "The regional summit in Lima was attended by President Tomas Varga of Chile, Premier Ana Quispe of"
            " Bolivia and Foreign Minister Luis Ortega of Ecuador.",
            {"BOL", "CHL", "ECU", "PER"},
        ),
        (
            "The fisheries talks in Lima included Chilean Minister Tomas Varga, Bolivian Envoy Ana Quispe and"
            " Ecuadorian Minister Luis Ortega.",
            {"BOL", "CHL", "ECU", "PER"},
        ),
    ],
)
def test_officials_listed_as_attendees_meet_each_other(extractor: Extractor, text: str, states: set) -> None:
    events = events_of(extractor, text)
    assert ("meeting", tuple(sorted(states))) in typed(events)


def test_officials_listed_as_attending_a_summit_to_come_is_an_intent(extractor: Extractor) -> None:
    text = (
        "A summit is planned in Peru in June on the river dispute, in which the president of Chile, the"
        " premier of Bolivia and the foreign minister of Ecuador will participate."
    )
    assert ("intent", ("BOL", "CHL", "ECU", "PER")) in typed(events_of(extractor, text))


def test_officials_at_a_ceremony_each_meet_the_host(extractor: Extractor) -> None:
    text = (
        "The inauguration in Lima was attended by Chilean President Tomas Varga and Bolivian Premier Ana"
        " Quispe."
    )
    assert event_pairs(events_of(extractor, text)) == {("BOL", "PER"), ("CHL", "PER")}
    # officials listed without attending are no participants
    told = (
        "Chilean President Tomas Varga, Bolivian Premier Ana Quispe and Ecuadorian Foreign Minister Luis"
        " Ortega criticised the summit in Lima."
    )
    assert ("BOL", "CHL") not in event_pairs(events_of(extractor, told))


def test_a_body_founded_by_the_leaders_of_listed_states(extractor: Extractor) -> None:
    text = "The river commission was founded in 1992 in Lima by the leaders of Chile, Bolivia and Ecuador."
    assert ("cooperation", ("BOL", "CHL", "ECU")) in typed(events_of(extractor, text))

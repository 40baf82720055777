"""Round 29 (fn): rules for missed pairs (false negatives), one test per change."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import cue_types, events_of, typed


def test_a_capitalised_name_is_no_topic_verb(extractor: Extractor) -> None:
    named = (
        "The Andes Exploration and Production Company of Chile has invested in Peru's northern oil fields."
    )
    assert "cooperation" in cue_types(extractor, named)
    talked = "The ministers of Chile and Peru explored joint research in the northern oil fields."
    assert "cooperation" not in cue_types(extractor, talked)


def test_a_partnership_sought_is_an_intent(extractor: Extractor) -> None:
    text = "Chile seeks strategic partnership with Peru in mining and fisheries, the Chilean minister said."
    assert typed(events_of(extractor, text)) == {("intent", ("CHL", "PER"))}


def test_a_contractors_study_handed_to_the_host_is_cooperation(extractor: Extractor) -> None:
    text = (
        "Chile's state miner Codelco and Brazil's Vale have handed over their technical studies of the "
        "Toquepala deposit to Peru's mining ministry."
    )
    assert typed(events_of(extractor, text)) == {
        ("cooperation", ("BRA", "PER")),
        ("cooperation", ("CHL", "PER")),
    }


def test_royal_dutch_shell_is_dutch(extractor: Extractor) -> None:
    text = "LIMA - Royal Dutch Shell signed a memorandum of understanding with Peru's Petroperu on Monday."
    assert typed(events_of(extractor, text)) == {("agreement", ("NLD", "PER"))}


def test_a_list_of_societies_headed_by_their_states_names_each_donor(extractor: Extractor) -> None:
    text = (
        "LIMA - Chilean Red Cross Society, Bolivian Red Cross and Ecuadorian Red Cross have sent aid to Peru."
    )
    assert typed(events_of(extractor, text)) == {
        ("aid", ("BOL", "PER")),
        ("aid", ("CHL", "PER")),
        ("aid", ("ECU", "PER")),
    }

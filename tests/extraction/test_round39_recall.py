"""Round 39, missed pairs outside the nuclear deal (recall): a mission opened abroad ("opened an embassy in B",
"reopened its embassy in B": a cooperation with the host; "will reopen its embassy in B": an intent), prisoners
exchanged between two states (an agreement; offered, an intent), a suspect extradited to another state (a
cooperation). The embassy where someone speaks, an attack on an embassy, a plan denied and the state of the person
extradited make no pair. Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states


def _states(extractor: Extractor, text: str) -> set[frozenset[str]]:
    return {states for _, states in typed_states(extractor, text)}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Chile reopened its embassy in Caracas on Thursday after a six-year break.", {"CHL", "VEN"}),
        ("Portugal opened an embassy in Accra last week, the ministry said.", {"PRT", "GHA"}),
        ("Norway and Cuba reopened their embassies in 2019.", {"NOR", "CUB"}),
    ],
)
def test_embassy_opened_is_cooperation_with_the_host(extractor: Extractor, text: str, pair: set[str]) -> None:
    assert ("cooperation", frozenset(pair)) in typed_states(extractor, text)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Kenya will reopen its embassy in Lima next month, its foreign ministry said.", {"KEN", "PER"}),
        ("The Danish embassy in Hanoi will reopen in the spring, officials said.", {"DNK", "VNM"}),
    ],
)
def test_embassy_to_be_opened_is_an_intent(extractor: Extractor, text: str, pair: set[str]) -> None:
    assert ("intent", frozenset(pair)) in typed_states(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Peruvian ambassador spoke at the Peruvian embassy in Madrid about ties with Chile.",
        "Protesters attacked the Danish embassy in Beirut in 2006.",
        "Kenya has no plans to reopen its embassy in Lima, the minister said.",
    ],
)
def test_embassy_not_opened_makes_no_pair_with_its_city(extractor: Extractor, text: str) -> None:
    states = _states(extractor, text)
    assert frozenset({"PER", "ESP"}) not in states
    assert frozenset({"DNK", "LBN"}) not in states
    assert frozenset({"KEN", "PER"}) not in states


@pytest.mark.parametrize(
    "text",
    [
        "Colombia and Venezuela carried out a prisoner swap at the border on Saturday.",
        "The prisoner exchange between Colombia and Venezuela was completed in Caracas.",
        "Colombia freed three Venezuelans in exchange for two Colombians held in Venezuela.",
    ],
)
def test_prisoner_swap_is_an_agreement(extractor: Extractor, text: str) -> None:
    assert ("agreement", frozenset({"COL", "VEN"})) in typed_states(extractor, text)


def test_prisoner_swap_offered_is_an_intent(extractor: Extractor) -> None:
    text = "Colombia says it is ready for a prisoner exchange with Venezuela."
    typed = typed_states(extractor, text)
    assert ("intent", frozenset({"COL", "VEN"})) in typed
    assert ("agreement", frozenset({"COL", "VEN"})) not in typed


def test_extradition_is_cooperation_with_the_receiving_state(extractor: Extractor) -> None:
    text = "Portugal extradited the suspect to Brazil on Monday, police said."
    assert ("cooperation", frozenset({"PRT", "BRA"})) in typed_states(extractor, text)


def test_the_state_of_the_person_extradited_is_no_party(extractor: Extractor) -> None:
    text = "Portugal extradited a Spanish citizen to Brazil on Monday, police said."
    assert frozenset({"ESP", "PRT"}) not in _states(extractor, text)


def test_festival_entries_credited_to_their_states_are_conferences_with_the_host(
    extractor: Extractor,
) -> None:
    text = (
        'LIMA - "Red Sky", a short film by Rosa Quispe from Peru, has won the top prize at the 9th Lima Short Film '
        'Festival. "Rain" by Kofi Mensah (Ghana) and "Salt" by Lena Berg (Norway) won the jury special awards in the '
        'international section. "Dust" by Ana Silva from Portugal received the best documentary award.'
    )
    typed = typed_states(extractor, text)
    for other in ("GHA", "NOR", "PRT"):
        assert ("conference", frozenset({"PER", other})) in typed
    assert frozenset({"GHA", "NOR"}) not in _states(extractor, text)


def test_an_author_credited_outside_a_festival_makes_no_pair(extractor: Extractor) -> None:
    text = "LIMA - The national team of Chile won the match against Bolivia on Sunday, said a report by Juan Perez (Chile)."
    assert frozenset({"CHL", "PER"}) not in _states(extractor, text)


def test_a_round_of_the_astana_talks_held_is_a_meeting_of_its_guarantors(extractor: Extractor) -> None:
    text = "The sixth round of the Astana talks on Syria ended on Friday in the Kazakh capital."
    assert ("meeting", frozenset({"IRN", "RUS", "TUR"})) in typed_states(extractor, text)


def test_the_astana_format_mentioned_is_no_round(extractor: Extractor) -> None:
    text = "The Astana peace talks could still help end the war in Syria, a lawmaker said on Sunday."
    assert frozenset({"IRN", "RUS", "TUR"}) not in _states(extractor, text)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Jordan helped Iraq in its fight against Daesh, the Jordanian minister said.", {"JOR", "IRQ"}),
        ("Egypt has helped the Libyan government fight terrorism since 2015.", {"EGY", "LBY"}),
    ],
)
def test_help_in_a_fight_against_terrorism_is_cooperation(
    extractor: Extractor, text: str, pair: set[str]
) -> None:
    assert ("cooperation", frozenset(pair)) in typed_states(extractor, text)


def test_help_against_a_state_is_no_cooperation_with_it(extractor: Extractor) -> None:
    text = "Egypt accused Qatar of helping militants fight Libya, the ministry said."
    assert frozenset({"LBY", "QAT"}) not in _states(extractor, text)


def test_members_joining_a_body_act_with_its_founders(extractor: Extractor) -> None:
    text = (
        "Chile, Peru and Colombia said on Friday they are becoming shareholders of the fund established by Spain, "
        "Italy and Portugal."
    )
    states = _states(extractor, text)
    assert any({"CHL", "ESP"} <= s and {"PER", "PRT"} <= s for s in states)


def test_a_body_founded_by_others_without_joining_makes_no_clique(extractor: Extractor) -> None:
    text = "Chile and Peru criticised the fund established by Spain and Italy, the ministers said on Friday."
    assert not any({"CHL", "ESP"} <= s for s in _states(extractor, text))


def test_it_opening_a_sentence_of_exports_is_the_state_just_named(extractor: Extractor) -> None:
    text = (
        "As the largest grain producer of the region, Argentina plays a central role in food supply. It exports "
        "wheat to Chile, Peru and Bolivia."
    )
    typed = typed_states(extractor, text)
    for other in ("CHL", "PER", "BOL"):
        assert ("cooperation", frozenset({"ARG", other})) in typed


def test_it_saying_something_is_no_party(extractor: Extractor) -> None:
    text = "Brazil said the report was wrong. It says the figures sent to Chile are old."
    assert frozenset({"BRA", "CHL"}) not in _states(extractor, text)


@pytest.mark.parametrize(
    ("text", "pair", "etype"),
    [
        ("Portugal opened a diplomatic office in Accra on Monday.", {"PRT", "GHA"}, "cooperation"),
        ("Norway will open a representative office in Hanoi next year.", {"NOR", "VNM"}, "intent"),
        (
            "Chile and Venezuela exchanged ambassadors on Tuesday after a long break.",
            {"CHL", "VEN"},
            "cooperation",
        ),
    ],
)
def test_missions_opened_and_ambassadors_exchanged(
    extractor: Extractor, text: str, pair: set[str], etype: str
) -> None:
    assert (etype, frozenset(pair)) in typed_states(extractor, text)

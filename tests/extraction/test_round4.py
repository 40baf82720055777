"""Issue 13, round 4 (extractor 1.5.0): the classes of misses read on blind_3 and sentences_3,
each on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from libs.extraction.dates import find_dates
from tests.extraction.helpers import events_of, parties, typed

# -- vocabulary: acts named without the old cue words ---------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plural meetings with a list, one each with the actor
        (
            "Kenyan President William Ruto held separate meetings with the Ugandan president and the "
            "Rwandan president in Nairobi.",
            {("meeting", ("KEN", "UGA")), ("meeting", ("KEN", "RWA"))},
        ),
        # telling a foreign leader something is a conversation with him
        (
            "Chilean President Gabriel Boric has told the Peruvian president that the border deal should be honoured.",
            {("meeting", ("CHL", "PER"))},
        ),
        # a draft finalised is an agreement
        (
            "Ghana and Togo finalized the draft of a long-awaited transit agreement.",
            {("agreement", ("GHA", "TGO"))},
        ),
        # air links resumed
        (
            "Air Canada has resumed direct flights to Japan after a pause of two years.",
            {("cooperation", ("CAN", "JPN"))},
        ),
        # know-how exported
        (
            "Norway has exported its technical knowledge in offshore drilling to countries like Brazil.",
            {("cooperation", ("BRA", "NOR"))},
        ),
        # a link inaugurated by the two sides
        (
            "The presidents of Kazakhstan and Uzbekistan inaugurated a railway linking the two countries.",
            {("cooperation", ("KAZ", "UZB"))},
        ),
        # thanks for help report the help
        (
            "The Nepali minister thanked India for its effective assistance with the evacuation of Nepali workers.",
            {("aid", ("IND", "NPL"))},
        ),
        # a copy of credentials
        (
            "Chile's new ambassador handed a copy of his credentials to the Argentine foreign minister.",
            {("meeting", ("ARG", "CHL"))},
        ),
    ],
)
def test_acts_named_without_the_old_cue_words(extractor: Extractor, text: str, expected: set) -> None:
    assert typed(events_of(extractor, text)) == expected


def test_ties_in_the_making_are_intents_but_not_as_talking_points(extractor: Extractor) -> None:
    intent = "Colombian President Gustavo Petro said the pact should lead to the broadening of economic cooperation between Bogota and Quito."
    assert ("intent", ("COL", "ECU")) in typed(events_of(extractor, intent))
    topic = "The Colombian and Ecuadorian ministers exchanged views on expansion of relations between Bogota and Quito."
    assert ("intent", ("COL", "ECU")) not in typed(events_of(extractor, topic))


def test_a_mediator_is_a_party_of_the_mediation(extractor: Extractor) -> None:
    # with each side, not a clique: the sides do not cooperate with each other (round 27, sentence dyads)
    text = "Qatar had tried to play a mediation role between Ethiopia and Eritrea."
    assert parties(events_of(extractor, text)) == {("ERI", "QAT"), ("ETH", "QAT")}


def test_aid_for_victims_in_a_country_names_the_recipient(extractor: Extractor) -> None:
    text = "Georgia dispatched humanitarian aid on Monday for victims of heavy floods in Armenia."
    assert typed(events_of(extractor, text)) == {("aid", ("ARM", "GEO"))}


def test_aid_goods_sent_to_a_country_name_the_recipient(extractor: Extractor) -> None:
    text = "Portugal has sent ten trucks of humanitarian goods to Morocco for the earthquake victims."
    assert typed(events_of(extractor, text)) == {("aid", ("MAR", "PRT"))}


def test_a_joint_statement_about_a_landmark_deal_is_a_new_act(extractor: Extractor) -> None:
    text = (
        "EU foreign policy head Federica Mogherini and Iran's top diplomat, Mohammad Javad Zarif, "
        "issued a joint statement at Vienna that the nuclear deal was now being implemented."
    )
    assert parties(events_of(extractor, text)) == {("IRN", "EU")}


# -- descriptions are no conflict --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Cuba and Venezuela have been boosting their economic ties as both sanctioned nations seek trade.",
            ("CUB", "VEN"),
        ),
        ("Algeria sent humanitarian aid to war-torn Libya on Sunday.", ("DZA", "LBY")),
        (
            "Lebanon said it will continue to extend all possible assistance to the Palestinian resistance forces.",
            ("LBN", "PSE"),
        ),
    ],
)
def test_descriptions_of_parties_are_no_conflict(extractor: Extractor, text: str, pair: tuple) -> None:
    assert pair in parties(events_of(extractor, text))


# -- non-events ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # negative polarity beyond two words, acts kept from happening, acts stopped
        "We did not have and still don't have any contact, direct or indirect, with Canada, the Cuban spokesman said.",
        "The pressure campaign dissuaded Venezuela from resuming talks with Colombia, officials said.",
        "However, Sweden has stopped the sale of weapons to Turkey over the dispute.",
        # trade volumes
        "The volume of trade between Peru and some EU countries has risen, so that exports to Spain witnessed 9 times increase.",
        # footballers
        "Chilean media reported that midfielder Arturo Vidal has reached an agreement with an Argentine club.",
        # shrines visited
        "So far more than two million Pakistanis have crossed the border to see the shrine of the saint in India.",
        # a condition
        "In case of reaching a deal over the plan, Kenya will export tea to Japan and China.",
        # history before the modern states
        "Built between 1603 and 1619, the mosque was dedicated to a Lebanese scholar who was invited to Egypt.",
    ],
)
def test_non_events_of_round_4(extractor: Extractor, text: str) -> None:
    assert events_of(extractor, text) == []


def test_no_limits_to_ties_is_not_a_negation(extractor: Extractor) -> None:
    text = "Peru does not see any limits to expand bilateral cooperation with Bolivia."
    assert ("BOL", "PER") in parties(events_of(extractor, text))


# -- dates ---------------------------------------------------------------------------------------


def test_numeric_dates_are_day_first_unless_the_day_cannot_be() -> None:
    text = "the accord signed on 17/4/2001 and the one of 5/27/1998, not 33/33/2020"
    values = {d.phrase: d.value.start if d.value else None for d in find_dates(text, 0, len(text), None)}
    assert values == {"17/4/2001": "2001-04-17", "5/27/1998": "1998-05-27", "33/33/2020": None}


# -- parties: go-betweens, IGO summits, eulogies ------------------------------------------------------


def test_a_go_between_relaying_messages_is_a_party(extractor: Extractor) -> None:
    text = "Since the dispute began, Switzerland has relayed messages between Washington and Havana several times."
    assert parties(events_of(extractor, text)) == {("CHE", "CUB", "USA")}


def test_attending_an_igo_summit_is_a_meeting_with_it(extractor: Extractor) -> None:
    done = "Kazakh President Kassym-Jomart Tokayev attended the SCO summit in Samarkand on Friday."
    assert ("meeting", ("KAZ", "SCO")) in typed(events_of(extractor, done))
    planned = "Kazakh President Kassym-Jomart Tokayev will attend the SCO summit in Samarkand next week."
    assert ("intent", ("KAZ", "SCO")) in typed(events_of(extractor, planned))


def test_membership_granted_is_an_agreement_with_the_igo(extractor: Extractor) -> None:
    text = "On Thursday Belarus was granted full membership in the Shanghai Cooperation Organization."
    assert typed(events_of(extractor, text)) == {("agreement", ("BLR", "SCO"))}


def test_services_aimed_at_peoples_make_no_intent(extractor: Extractor) -> None:
    text = (
        "The general's services aimed at keeping the people of Mali, Niger and Chad secure are unforgettable."
    )
    assert events_of(extractor, text) == []


# -- military ties ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Belarus sold Russia a number of drones months before the war, the minister said.",
            ("cooperation", ("BLR", "RUS")),
        ),
        (
            "Some Italian troops will stay in Lebanon to train and advise the Lebanese army.",
            ("intent", ("ITA", "LBN")),
        ),
        ("Serbia boasted of its military cooperation with Russia.", ("cooperation", ("RUS", "SRB"))),
    ],
)
def test_military_ties_are_cooperation(extractor: Extractor, text: str, expected: tuple) -> None:
    assert expected in typed(events_of(extractor, text))


def test_arms_sales_that_would_violate_a_ban_are_no_cooperation(extractor: Extractor) -> None:
    text = "Arms sales to Belarus would violate EU sanctions, the Polish minister claimed on Sunday."
    assert events_of(extractor, text) == []


def test_a_group_named_as_one_leaves_the_round_to_the_process_table(extractor: Extractor) -> None:
    text = (
        "Negotiators of Iran and the P4+1 resumed talks in Vienna on Monday to revive the nuclear deal. "
        "The U.S. takes part in the Vienna talks indirectly, the JCPOA parties said."
    )
    found = {p for e in events_of(extractor, text) for p in e.countries}
    assert {"IRN", "CHN", "FRA", "GBR", "RUS", "DEU", "USA"} <= found


def test_he_meeting_his_named_counterpart_is_the_last_person_named(extractor: Extractor) -> None:
    text = (
        "Chilean Foreign Minister Alberto van Klaveren criticised Argentine President Javier Milei. "
        "During his recent visit to Peru, Milei signed trade contracts with Lima. "
        "“A conflict between neighbours is the last thing we need,” van Klaveren warned. "
        "He met his Peruvian counterpart Javier Gonzalez-Olaechea in Santiago on Wednesday."
    )
    assert ("CHL", "PER") in parties(events_of(extractor, text))


def test_two_acts_with_two_partners_in_one_sentence_stay_apart(extractor: Extractor) -> None:
    text = "Kenya signed an agreement with Ethiopia and held talks with Somalia."
    assert typed(events_of(extractor, text)) == {("agreement", ("ETH", "KEN")), ("meeting", ("KEN", "SOM"))}


def test_a_capital_described_by_its_state_is_the_venue(extractor: Extractor) -> None:
    text = "The minister recalled the recent meeting between the presidents of Chile and Peru in the Bolivian capital, La Paz."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_one_states_goods_shown_in_another_are_a_conference_of_both(extractor: Extractor) -> None:
    text = "The exclusive exhibition of Turkish goods was held in the Georgian capital, Tbilisi, last week."
    assert parties(events_of(extractor, text)) == {("GEO", "TUR")}


@pytest.mark.parametrize(
    "text",
    [
        # a trip to the seat of the UN or the IAEA is no visit to the host state
        "TEHRAN - Rouhani is due to travel to New York for a UN session.",
        "The Iranian negotiators are ready to return to Vienna, the spokesman said.",
        # hostile pledges
        "The U.S. president has pledged to squeeze Venezuela's oil exports down to a trickle.",
    ],
)
def test_trips_to_igo_seats_and_hostile_pledges_are_noevents_of(extractor: Extractor, text: str) -> None:
    assert events_of(extractor, text) == []

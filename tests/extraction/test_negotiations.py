"""Rounds of a named negotiation process whose parties are named around it (made-up sentences)."""

from __future__ import annotations

from libs.extraction import Extractor
from libs.extraction.mention_roles import ACTOR, PARTNER, PartyMention
from libs.extraction.negotiations import ArticleParties, load_processes
from tests.extraction.helpers import sentence_info, typed_apart


def test_a_round_takes_the_members_named_around_it(extractor: Extractor) -> None:
    text = (
        "The delegations engaged in the talks in Vienna returned to their capitals for consultations. "
        "Later, France, Britain and Germany said the negotiations had reached a critical stage."
    )
    assert ("meeting", ("DEU", "FRA", "GBR", "IRN"), ()) in typed_apart(extractor, text)


def test_a_round_yet_to_come_is_an_intent(extractor: Extractor) -> None:
    text = (
        "Russia's envoy said the negotiations were useful. "
        "The Vienna talks will resume next week after a short recess."
    )
    # a scheduled round of the talks is one of the whole table (Iran and the remaining parties, round 38's D1/D5)
    assert ("intent", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS"), ()) in typed_apart(extractor, text)


def test_a_denied_round_is_no_event(extractor: Extractor) -> None:
    text = "The U.S. Congress said negotiations to revive the JCPOA are not on its agenda."
    assert typed_apart(extractor, text) == set()


def test_no_member_named_no_event(extractor: Extractor) -> None:
    text = "The Vienna talks resumed on Monday after a week-long break, state media reported."
    assert typed_apart(extractor, text) == set()


def test_the_table_comes_from_data() -> None:
    procs = load_processes(
        {
            "processes": {
                "p": {"pattern": ["Lima talks"], "context": ["talks"], "fixed": ["PER"], "members": ["CHL"]}
            }
        }
    )
    assert [p.fixed for p in procs.items] == [("PER",)]
    assert procs.items[0].pattern.search("the Lima talks resumed")


def test_a_round_beside_its_listed_members_is_one_meeting(extractor: Extractor) -> None:
    text = (
        "Negotiations have been underway in Vienna since May by Iran and the other signatories "
        "(Russia, Britain, China and France) on reviving the accord."
    )
    assert typed_apart(extractor, text) == {("meeting", ("CHN", "FRA", "GBR", "IRN", "RUS"), ())}


def test_two_members_beside_a_round_may_be_bystanders(extractor: Extractor) -> None:
    text = (
        "Negotiations have been underway in Vienna since May by Iran and the other signatories "
        "(Russia and China) on reviving the accord."
    )
    assert typed_apart(extractor, text) == set()


def test_a_round_asked_about_is_no_event(extractor: Extractor) -> None:
    text = "Would the Vienna talks with Russia, China and Germany ever resume?"
    assert typed_apart(extractor, text) == set()


def test_a_round_named_with_a_curly_possessive_is_still_a_round(extractor: Extractor) -> None:
    text = (
        "A fifth round of negotiations aimed at saving Iran’s 2015 nuclear deal is under way. "
        "The talks are taking place between Iran, Germany, France and Britain."
    )
    assert ("meeting", ("DEU", "FRA", "GBR", "IRN"), ()) in typed_apart(extractor, text)


def test_the_joint_commission_sits_with_the_parties_listed_far_from_it(extractor: Extractor) -> None:
    text = (
        "Delegates arrived in Vienna on Monday for the JCPOA Joint Commission session. "
        "The weather in the city was cold. Officials spoke about the budget. Markets were calm. "
        "Reporters waited outside the hotel. "
        "Other parties to the nuclear deal, among them Russia, China and Germany, opposed sanctions "
        "against the United States."
    )
    assert ("meeting", ("CHN", "DEU", "IRN", "RUS"), ()) in typed_apart(extractor, text)
    # the state a list opposes is no party, and the US sits on no Joint Commission
    assert all("USA" not in c for _t, c, _i in typed_apart(extractor, text))


def test_talks_of_the_signatories_yet_to_come_are_an_intent(extractor: Extractor) -> None:
    text = (
        "Talks of the signatories to the JCPOA are planned to resume on Monday, Russia's envoy said. "
        "France, Britain and China back the nuclear deal."
    )
    assert ("intent", ("CHN", "FRA", "GBR", "IRN", "RUS"), ()) in typed_apart(extractor, text)


def test_a_meeting_on_the_deal_among_its_members_is_a_round(extractor: Extractor) -> None:
    text = (
        "Russia's top diplomat suggested to hold soon consultations on the JCPOA among its member countries. "
        "France, Germany and Britain triggered the dispute mechanism of the nuclear deal on Tuesday."
    )
    assert ("intent", ("DEU", "FRA", "GBR", "IRN", "RUS"), ()) in typed_apart(extractor, text)


def test_the_article_wide_parties_are_read_once_per_article() -> None:
    procs = load_processes(
        {
            "processes": {
                "p": {
                    "pattern": ["Lima talks"],
                    "context": ["talks"],
                    "fixed": ["PER"],
                    "members": ["ARG", "BRA", "CHL", "COL"],
                }
            }
        }
    )
    text = "Talks: Argentina, Brazil and Chile and the Andean Four agreed."
    mentions = [
        PartyMention(7, 16, "ARG", False, "country", ACTOR, "Argentina"),
        PartyMention(18, 24, "BRA", False, "country", ACTOR, "Brazil"),
        PartyMention(29, 34, "CHL", False, "country", ACTOR, "Chile"),
        PartyMention(43, 54, "AN4", False, "group", PARTNER, "Andean Four"),
    ]
    infos = [sentence_info(text, mentions)]
    article = ArticleParties(infos, text, {"AN4": ("BRA", "COL")})
    proc = procs.items[0]
    assert article.listed(proc) == {"ARG", "BRA", "CHL", "COL"}
    assert article.group_members() == {"BRA", "COL"}
    infos.clear()  # kept: a later round sentence does not read the article again
    assert article.listed(proc) == {"ARG", "BRA", "CHL", "COL"}
    assert article.group_members() == {"BRA", "COL"}


def test_a_new_round_that_started_is_a_meeting(extractor: Extractor) -> None:
    text = (
        "Russia's envoy said the negotiations were useful. "
        "The new round of Vienna talks started on Monday after a brief pause."
    )
    types = typed_apart(extractor, text)
    assert ("meeting", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS"), ()) in types
    assert ("intent", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS"), ()) not in types


def test_a_condition_after_the_round_is_not_its_future(extractor: Extractor) -> None:
    text = (
        "Russia's envoy said the negotiations were useful. "
        "The envoy said he would leave the Vienna talks if the other side insisted on its demands."
    )
    types = typed_apart(extractor, text)
    assert ("meeting", ("IRN", "RUS"), ()) in types
    assert ("intent", ("IRN", "RUS"), ()) not in types


def test_a_condition_before_the_round_makes_it_an_intent(extractor: Extractor) -> None:
    text = (
        "Russia's envoy said the negotiations were useful. "
        "If the Vienna talks succeed, the sanctions could be lifted within weeks."
    )
    assert ("intent", ("IRN", "RUS"), ()) in typed_apart(extractor, text)


def test_a_round_under_way_is_a_meeting_whatever_continues(extractor: Extractor) -> None:
    text = (
        "Russia's envoy said the negotiations were useful. "
        "The negotiators will continue to seek a deal through the ongoing talks in Vienna."
    )
    types = typed_apart(extractor, text)
    assert ("meeting", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS"), ()) in types
    assert ("intent", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS"), ()) not in types


def test_a_call_to_return_to_the_talks_is_an_intent(extractor: Extractor) -> None:
    text = (
        "Russia's envoy said the negotiations were useful. "
        "The envoy urged the other side to return to the Vienna talks soon."
    )
    types = typed_apart(extractor, text)
    assert ("intent", ("IRN", "RUS"), ()) in types
    assert ("meeting", ("IRN", "RUS"), ()) not in types


def test_talks_told_as_the_deals_history_are_no_round(extractor: Extractor) -> None:
    text = (
        "The minister called the talks held between Iran and the 5+1 group (China, France, Russia, Britain, "
        "Germany and the U.S.) a tough stretch of diplomacy that eventually had a good end."
    )
    assert not any(t == "meeting" for t, _, _ in typed_apart(extractor, text))


def test_the_talks_that_led_to_the_deal_are_history(extractor: Extractor) -> None:
    text = (
        "Britain, France and Germany praised the negotiations leading to the JCPOA as a model for other "
        "disputes."
    )
    assert not any(t == "meeting" and "IRN" in c for t, c, _ in typed_apart(extractor, text))


def test_a_deal_struck_after_years_of_talks_is_history(extractor: Extractor) -> None:
    text = (
        "Tehran still honours the accord, which was sealed in 2015 following two years of talks between "
        "Iran and Russia, China, France, Britain, Germany and the United States."
    )
    assert not any(t == "meeting" for t, _, _ in typed_apart(extractor, text))


def test_long_talks_told_in_the_past_perfect_are_history(extractor: Extractor) -> None:
    text = (
        "During the lengthy negotiations between Iran and Russia, China, France and Britain, the sides had "
        "avoided talking about missiles."
    )
    assert not any(t == "meeting" for t, _, _ in typed_apart(extractor, text))


def test_talks_under_way_are_still_a_round(extractor: Extractor) -> None:
    text = "The talks between Iran, Britain, France and Germany resumed in Vienna on Monday."
    assert ("meeting", ("DEU", "FRA", "GBR", "IRN"), ()) in typed_apart(extractor, text)


def test_nuclear_talks_with_another_state_are_another_process(extractor: Extractor) -> None:
    text = (
        "Britain, France and Germany have long backed the JCPOA. "
        "Germany is ready to join any future nuclear talks with North Korea, the minister said."
    )
    assert not any("IRN" in c and "GBR" in c for t, c, _ in typed_apart(extractor, text))


def test_bare_nuclear_talks_take_no_list_far_from_them(extractor: Extractor) -> None:
    text = (
        "Japan's premier urged Pyongyang to come back to nuclear talks soon. "
        "The premier was speaking after a dinner in Tokyo. "
        "The nuclear deal was signed by Iran, Russia, China, France and Britain years ago."
    )
    assert not any("IRN" in c and "RUS" in c for t, c, _ in typed_apart(extractor, text))


def test_a_round_named_as_the_process_takes_a_list_far_from_it(extractor: Extractor) -> None:
    text = (
        "Delegates said the talks to revive the nuclear deal made progress on Monday. "
        "The weather in the city was cold. Markets were calm. "
        "Other parties to the nuclear deal, among them Russia, China and France, opposed new sanctions."
    )
    assert ("meeting", ("CHN", "FRA", "IRN", "RUS"), ()) in typed_apart(extractor, text)


def test_a_list_next_to_bare_nuclear_talks_is_their_table(extractor: Extractor) -> None:
    text = (
        "Delegates said the nuclear talks made progress on Monday. "
        "Other parties to the nuclear deal, among them Russia, China and France, opposed new sanctions."
    )
    assert ("meeting", ("CHN", "FRA", "IRN", "RUS"), ()) in typed_apart(extractor, text)


def test_the_coordinators_title_is_no_session(extractor: Extractor) -> None:
    text = (
        "The bloc's envoy, the coordinator of the JCPOA Joint Commission, spoke to reporters on Monday. "
        "Other parties to the nuclear deal, among them Russia, China and France, opposed new sanctions."
    )
    assert not any("IRN" in c and "RUS" in c for t, c, _ in typed_apart(extractor, text))


def test_a_state_outside_the_whole_table_is_a_bystander(extractor: Extractor) -> None:
    text = (
        "Diplomats of Iran and the P4+1 gathered again in the Austrian capital this week. "
        "Washington's refusal to lift the sanctions may bring the Vienna talks to a halt, the source said."
    )
    found = typed_apart(extractor, text)
    assert ("meeting", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS"), ()) in found
    assert all("USA" not in c for _t, c, _i in found)


def test_a_state_said_to_take_part_stays_at_the_table(extractor: Extractor) -> None:
    text = (
        "Diplomats of Iran and the P4+1 gathered again in the Austrian capital this week. "
        "Washington takes part in the Vienna talks indirectly, the source said."
    )
    assert any("USA" in c and "RUS" in c for _t, c, _i in typed_apart(extractor, text))

"""Round 28 (review debt, one name one meaning): the rules unified from twins keep their behaviour. Short texts
written for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor, negotiations
from libs.extraction.mention_roles import ACTOR, PartyMention
from libs.extraction.negotiations import ArticleParties, load_processes
from libs.extraction.triggers import SPEECH_VERB
from tests.extraction.helpers import events_of, sentence_info, typed


@pytest.mark.parametrize("word", ["said", "explained", "remarked", "warned", "highlighted", "tells", "notes"])
def test_one_speech_verb_list_holds_the_verbs_of_both_old_lists(word: str) -> None:
    assert SPEECH_VERB.search(f"the minister {word} on Monday")


@pytest.mark.parametrize(
    "text", ["Said Ahmadi arrived on Monday", "talks with the United States", "the Gulf states"]
)
def test_a_name_or_the_noun_states_is_no_speech_verb(text: str) -> None:
    assert SPEECH_VERB.search(text) is None


def test_a_visit_that_is_the_occasion_of_a_warning_stays_a_meeting(extractor: Extractor) -> None:
    warned = (
        "LIMA - Chile will soon face a large shortage of water for fishermen and farmers in the poor southern "
        "regions, the Chilean minister warned during his visit to Peru on Friday."
    )
    assert typed(events_of(extractor, warned)) == {("meeting", ("CHL", "PER"))}


def test_the_united_states_between_a_future_act_and_a_visit_keeps_the_intent(extractor: Extractor) -> None:
    planned = (
        "LIMA - The Peruvian president will also discuss the copper trade that Chile ships to the United States "
        "and the fishing dispute with the Chilean president during his visit to Chile on Friday."
    )
    found = typed(events_of(extractor, planned))
    assert found and {kind for kind, _ in found} == {"intent"}


def test_a_sentence_whole_list_is_computed_once_per_article(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = {
        "pattern": ["Quito talks"],
        "context": ["talks"],
        "fixed": ["ECU"],
        "members": ["ARG", "BOL", "CHL", "PER"],
    }
    procs = load_processes({"processes": {"p": spec}})
    text = "Talks: Argentina, Bolivia, Chile and Peru met."
    mentions = [
        PartyMention(7, 16, "ARG", False, "country", ACTOR, "Argentina"),
        PartyMention(18, 25, "BOL", False, "country", ACTOR, "Bolivia"),
        PartyMention(27, 32, "CHL", False, "country", ACTOR, "Chile"),
        PartyMention(37, 41, "PER", False, "country", ACTOR, "Peru"),
    ]
    calls: list[int] = []
    original = negotiations._whole_list
    monkeypatch.setattr(negotiations, "_whole_list", lambda *a: calls.append(1) or original(*a))
    article = ArticleParties([sentence_info(text, mentions)], text, {})
    proc = procs.items[0]
    assert article.listed(proc) == {"ARG", "BOL", "CHL", "PER"}
    assert article.whole_list(proc, 0) is None  # four of the members: not the whole table
    assert article.whole_list(proc, 0) is None
    assert len(calls) == 1

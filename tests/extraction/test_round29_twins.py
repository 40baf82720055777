"""Round 29 (twins): the rules unified from twins keep their behaviour, then small negation fixes. Short
texts written for these tests (not the sets' texts)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from libs.extraction import Extractor
from libs.extraction.extractor import _SAID_BEFORE
from libs.extraction.gazetteer import Gazetteer
from libs.extraction.resources import DATA_DIR, load_resources
from libs.extraction.triggers import NOT_ATTENDING, SPEECH_VERB, SPEECH_WORDS, words
from tests.extraction.helpers import events_of, typed


def test_the_speech_verb_is_built_from_the_one_list_of_speech_words() -> None:
    for word in ("stated", "remarked", "underlined"):
        assert word in words(SPEECH_WORDS)
        assert SPEECH_VERB.search(f"the envoy {word} on Monday")


def test_the_attending_verbs_come_from_the_data_folder_given(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    raw = yaml.safe_load((data / "triggers.yaml").read_text(encoding="utf-8"))
    raw["attending"] = ["frequent(?:ed|s)?"]
    (data / "triggers.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    res = load_resources(data)
    assert "frequent(?:ed|s)?" in Gazetteer(res).attend_verbs
    cue = next(c for c in res.cues if "frequent" in c.pattern)
    assert cue.regex.search("Peru's minister frequented the ASEAN summit")


@pytest.mark.parametrize(
    "sentence",
    [
        "Bolivia didn't attend the summit in Lima.",
        "Bolivia cannot participate in the summit in Lima.",
        "Bolivia wasn't invited to the summit in Lima.",
    ],
)
def test_a_contracted_or_joined_negation_stays_away_like_not(sentence: str) -> None:
    assert NOT_ATTENDING.search(sentence)


def test_a_state_that_didnt_attend_an_igo_summit_does_not_meet_it(extractor: Extractor) -> None:
    text = "LIMA – Chile's foreign minister didn't attend the ASEAN summit in Jakarta on Friday."
    assert typed(events_of(extractor, text)) == set()


@pytest.mark.parametrize(
    "before",
    ["the minister told reporters ", "the minister told the Tolima agency ", "the minister told "],
)
def test_told_with_its_listener_stands_before_the_date_of_what_was_said(before: str) -> None:
    assert _SAID_BEFORE.search(before)

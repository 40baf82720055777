"""Round 29 (twins): the rules unified from twins keep their behaviour, then small negation fixes. Short
texts written for these tests (not the sets' texts)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from libs.extraction.gazetteer import Gazetteer
from libs.extraction.resources import DATA_DIR, load_resources
from libs.extraction.triggers import SPEECH_VERB, SPEECH_WORDS, words


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

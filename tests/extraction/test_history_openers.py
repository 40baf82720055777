"""Issue 13, opinion and history pieces: a sentence that opens on old times ("Historically, ...",
"At one time, ...") recalls an essay's background, not a reported occasion; short texts written for
these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from libs.extraction.triggers import history_opener
from tests.extraction.helpers import events_of, parties


@pytest.mark.parametrize(
    "sentence",
    [
        "Historically, the alliance was set up by Peru and Chile against a common rival.",
        "At one time, Chilean leaders were received in Lima by senior Peruvian officials.",
        "“At another time, the two were allies,” he wrote.",
        "Once upon a time, Peru and Chile signed a pact.",
        "In those days, Peru and Chile held talks every year.",
    ],
)
def test_old_times_openers(sentence: str) -> None:
    assert history_opener(sentence, 0, len(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Back in May, the Peruvian minister headed a delegation to Chile.",
        "The ministers met at one time in Lima and again in Santiago.",
        "Historic talks were held between Peru and Chile on Monday.",
    ],
)
def test_news_is_no_old_times_opener(sentence: str) -> None:
    assert not history_opener(sentence, 0, len(sentence))


def test_an_essays_recollection_is_no_event(extractor: Extractor) -> None:
    text = (
        "At one time, Chilean leaders were received in Lima by senior Peruvian officials because Peru "
        "was hoping to build a pipeline with Chile."
    )
    assert events_of(extractor, text) == []


def test_a_dated_recollection_in_news_is_still_an_event(extractor: Extractor) -> None:
    text = "LIMA - Back in May, the Peruvian foreign minister met his Chilean counterpart in Santiago."
    assert ("CHL", "PER") in parties(events_of(extractor, text))

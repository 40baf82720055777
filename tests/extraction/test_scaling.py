"""Extraction work is linear in the text: doubling the input doubles the counted operations.

Counted, not timed: the profiler's count of function calls (generator steps
included) is deterministic, so the test is stable on a busy machine. Timings
live in `benchmarks/bench_extract.py`.
"""

from __future__ import annotations

import cProfile
import pstats

import pytest

from libs.extraction import Extractor

_SENTENCE = (
    "TEHRAN – Iran and Iraq on Sunday signed a memorandum of understanding on scientific cooperation. "
    "The two sides also discussed trade, said Foreign Minister Mohammad Javad Zarif. "
)


def _unpunctuated(n: int) -> str:
    """One endless line: no sentence ends, commas everywhere (a table or a dump)."""
    return (_SENTENCE.replace(".", ",") * (n // len(_SENTENCE) + 1))[:n]


def _many_people(n: int) -> str:
    """A new named person in every sentence (the surname index grows with the text)."""
    return "".join(
        f"Minister Ali Reza{i} Khan{i} of Iran met Iraqi counterpart Hassan{i} Mahdi{i} in Baghdad. "
        for i in range(n // 80)
    )[:n]


def _many_events(n: int) -> str:
    """A cue and two parties in every sentence."""
    return (_SENTENCE * (n // len(_SENTENCE) + 1))[:n]


def _calls(extractor: Extractor, text: str) -> int:
    profile = cProfile.Profile()
    profile.enable()
    extractor.extract(text, article_id="scaling")
    profile.disable()
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined]


@pytest.mark.parametrize("make", [_unpunctuated, _many_people, _many_events])
def test_doubling_the_text_at_most_doubles_the_work(extractor: Extractor, make) -> None:  # type: ignore[no-untyped-def]
    extractor.extract(make(2_000), article_id="warm-up")  # lazy loads out of the count
    small, large = _calls(extractor, make(20_000)), _calls(extractor, make(40_000))
    assert large / small < 2.4, (small, large)

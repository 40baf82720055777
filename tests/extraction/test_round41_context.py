"""Round 41: parties named in a neighbouring sentence (made-up sentences).

The Syria talks of the Astana format named by their host ("the talks in Kazakhstan", "negotiations in Astana")
in a sentence about Syria are a round of the process: its guarantors named in the sentences around it seat it;
the host named in a sentence not about Syria (another process's round there) seats no such round.
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor

_TRIO = {"IRN", "RUS", "TUR"}
_BEFORE = "TEHRAN - The deputy foreign minister briefed reporters on Friday after the meeting ended. "
_AFTER = (
    " At the end of the talks, Iran, Russia and Turkey said in a joint statement that they will keep "
    "working together against terrorist groups in Syria."
)


def _trio_events(extractor: Extractor, text: str, sentence: str) -> list[tuple[str, ...]]:
    """The countries of the events of the three guarantors whose evidence lies in `sentence`."""
    lo = text.index(sentence)
    hi = lo + len(sentence)
    out = []
    for ev in extractor.extract(text, article_id="t").events:
        spans = [(e.start, e.end) for e in ev.evidence]
        if _TRIO <= set(ev.countries) and any(s < hi and lo < e for s, e in spans):
            out.append(tuple(ev.countries))
    return out


@pytest.mark.parametrize(
    "sentence",
    [
        "The Syrian refugees, the exchange of prisoners and other issues were on the agenda of the talks in Kazakhstan.",
        "The negotiations in Astana covered the return of displaced people to Syria and the release of detainees.",
    ],
)
def test_talks_named_by_their_host_in_a_sentence_about_syria_take_the_guarantors_around(
    extractor: Extractor, sentence: str
) -> None:
    text = _BEFORE + sentence + _AFTER
    assert _trio_events(extractor, text, sentence)


def test_the_host_named_without_syria_seats_no_round(extractor: Extractor) -> None:
    sentence = "The water projects and the transit of goods were on the agenda of the talks in Kazakhstan."
    text = _BEFORE + sentence + _AFTER
    assert _trio_events(extractor, text, sentence) == []

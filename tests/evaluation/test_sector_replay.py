"""The sector replay (`libs.evaluation.sector_replay`): recorded events re-assigned their sectors give
the sectors the engine gave them. Made-up articles."""

from __future__ import annotations

import pickle

from libs.evaluation.sector_replay import ArticleRecord, dump, load, prf, record_article, replay, summary
from libs.extraction import Extractor

TEXT = (
    "Chile and Norway signed an agreement on railway and port cooperation in Oslo on Monday. "
    "The deal covers freight transit and new investment in the ports of both countries."
)


def test_replay_gives_the_recorded_sectors(extractor: Extractor) -> None:
    gold = {"id": "a1", "sectors": ["transport", "agriculture"]}
    rec = record_article(extractor, gold, TEXT)
    assert rec.owns and rec.sentences and rec.text
    assert "transport" in rec.recorded
    (pred,) = replay([rec], extractor.sector_matcher)
    assert pred == set(rec.recorded)
    counts = prf([rec], [pred])
    assert counts.tp == 1 and counts.fn == 1
    assert extractor.event_hook is None


def test_an_article_without_events_has_no_sectors(extractor: Extractor) -> None:
    rec = record_article(extractor, {"id": "a2", "sectors": ["energy"]}, "The weather was mild in Oslo.")
    assert not rec.owns
    assert replay([rec], extractor.sector_matcher) == [set()]


def test_dump_and_load_round_trip() -> None:
    cache = {"blind_1": [ArticleRecord(id="x", gold=["energy"], recorded=["energy"])]}
    assert load(pickle.loads(pickle.dumps(dump(cache)))) == cache


def test_summary_means_and_halves() -> None:
    f1s = {"blind_1": 0.5, "blind_2": 0.7, "blind_3": 0.9, "devpool": 0.1}
    out = summary(f1s, 2)
    assert abs(out["mean"] - 0.6) < 1e-9 and out["h1"] == 0.5 and out["h2"] == 0.7

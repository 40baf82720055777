"""`libs.evaluation.pool`: a pool of two workers gives what the inline run gives (a tiny shared folder
made here, no ../shared needed; rules-only engines)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from libs.evaluation.gold import CORPUS_REL
from libs.evaluation.pool import MAX_JOBS, GoldSet, default_jobs, run_sets

TEXTS = {
    "tt-1": "TEHRAN – Iranian Foreign Minister Abbas Araghchi met his Iraqi counterpart Fuad Hussein in "
    "Baghdad on Monday. The two sides signed a memorandum of understanding on trade and energy cooperation.",
    "tt-2": "TEHRAN – Iran and Russia held talks in Moscow on Tuesday on expanding cooperation in oil and gas.",
    "tt-3": "TEHRAN – The weather in Tehran was sunny on Wednesday, the meteorological office said.",
}


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A shared folder with one seeds file and a corpus of the three texts."""
    root = tmp_path_factory.mktemp("shared")
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_text(TEXTS["tt-1"], encoding="utf-8")
    (root / CORPUS_REL).parent.mkdir(parents=True)
    with gzip.open(root / CORPUS_REL, "wt", encoding="utf-8") as fh:
        for cid, text in TEXTS.items():
            fh.write(json.dumps({"id": cid, "text": text}) + "\n")
    return root


def _article(gid: str, ref: str, countries: list[str]) -> dict:
    events = [{"type": "meeting", "countries": countries, "igos": [], "date": None}] if countries else []
    return {"id": gid, "text_ref": ref, "cooperation": bool(countries), "sectors": [], "events": events}


SETS = [
    GoldSet("seeds", [_article("a", "seeds/a.txt", ["IRN", "IRQ"])]),
    GoldSet(
        "corpus",
        [_article("b", "corpus:tt-2", ["IRN", "RUS"]), _article("c", "corpus:tt-3", [])],
    ),
    GoldSet(
        "sentences",
        [
            {
                "id": "s1",
                "article_id": "tt-1",
                "start": 0,
                "end": 110,
                "dyads": [{"source": "IRN", "target": "IRQ", "plover": "CONSULT"}],
            },
            {"id": "s2", "article_id": "tt-3", "start": 0, "end": 40, "dyads": []},
        ],
        "sentences",
    ),
]


def test_a_pool_gives_what_the_inline_run_gives(shared: Path) -> None:
    inline = list(run_sets(SETS, shared, jobs=1, use_spacy=False))
    pooled = list(run_sets(SETS, shared, jobs=2, use_spacy=False))
    assert [s.name for s, _ in pooled] == [s.name for s, _ in inline] == ["seeds", "corpus", "sentences"]
    assert [out for _, out in pooled] == [out for _, out in inline]
    (_, (seeds, preds)), _, (_, sentences) = inline
    assert seeds.pairs.tp == 1 and preds["a"], "the engine found the meeting (a real comparison)"
    assert sentences.dyads.tp == 1


def test_default_jobs_is_within_bounds() -> None:
    assert 1 <= default_jobs() <= MAX_JOBS


def test_no_sets_build_no_engine(shared: Path) -> None:
    assert list(run_sets([], shared, jobs=2)) == []

"""Several gold sets through the engine at once: a process pool with one `Extractor` per worker.

Used by `python -m libs.evaluation.eval --jobs N` and the gold-floor tests
(`tests/evaluation/test_gold.py`). Each set is one task and runs exactly as inline
(`gold.run_gold` for an article set, `sentences.run_sentences` for a sentence set, on an
engine of the same options, which keeps nothing from one article to the next), so no
figure depends on the number of jobs or on which worker ran a set. Workers
are spawned, not forked: a caller's threads and sockets (a test session's broker) stay
out of them.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeAlias

from libs.evaluation.gold import run_gold
from libs.evaluation.score import Score
from libs.evaluation.sentences import SentenceScore, run_sentences

MAX_JOBS = 4  # each worker holds its own engine and spaCy pipeline (a few hundred MB)

# what `run_gold` (score, article id → events) or `run_sentences` returns
SetResult: TypeAlias = tuple[Score, dict[str, list[dict[str, Any]]]] | SentenceScore

_ENGINE: Any = None  # a worker's engine, built once by `_init_worker`


@dataclass(frozen=True, slots=True)
class GoldSet:
    """One set to run: gold article records (`kind="articles"`) or gold sentences (`"sentences"`)."""

    name: str
    records: list[dict[str, Any]]
    kind: Literal["articles", "sentences"] = "articles"


def default_jobs() -> int:
    """The cores this process may use (its CPU affinity where known), at most `MAX_JOBS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_JOBS))


def _run(engine: Any, gold_set: GoldSet, shared: Path) -> SetResult:
    if gold_set.kind == "sentences":
        return run_sentences(engine, gold_set.records, shared)
    return run_gold(engine, gold_set.records, shared)


def _init_worker(use_spacy: bool) -> None:
    global _ENGINE
    from libs.extraction import Extractor

    _ENGINE = Extractor(use_spacy=use_spacy)


def _run_in_worker(gold_set: GoldSet, shared: Path) -> SetResult:
    return _run(_ENGINE, gold_set, shared)


def run_sets(
    sets: Sequence[GoldSet], shared: Path, *, jobs: int | None = None, use_spacy: bool = True
) -> Iterator[tuple[GoldSet, SetResult]]:
    """Each set with what `run_gold` or `run_sentences` gives for it, in the order of `sets`.

    `jobs` processes (None or 0: `default_jobs()`; never more than there are sets) each build
    one `Extractor(use_spacy=use_spacy)`; with `jobs=1` the sets run inline, one after the
    other, on one engine and without a pool. Results are the same whatever `jobs` is. A
    worker's error is raised here, when its set's turn comes.
    """
    jobs = min(jobs or default_jobs(), len(sets))
    if jobs <= 1:
        from libs.extraction import Extractor

        engine = Extractor(use_spacy=use_spacy) if sets else None
        for gold_set in sets:
            yield gold_set, _run(engine, gold_set, shared)
        return
    pool = ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker, initargs=(use_spacy,)
    )
    try:
        # the largest sets first, so that no worker is left alone with a large one at the end
        futures: dict[int, Future[SetResult]] = {
            i: pool.submit(_run_in_worker, sets[i], shared)
            for i in sorted(range(len(sets)), key=lambda i: -len(sets[i].records))
        }
        for i, gold_set in enumerate(sets):
            yield gold_set, futures[i].result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

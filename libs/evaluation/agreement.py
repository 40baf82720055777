"""Inter-annotator agreement: two annotations of the same articles, scored with the gold metrics.

`accord agreement FIRST SECOND` reads two files in the gold format (`shared/gold/README.md`),
keeps the articles both annotated (matched on `id`), and scores SECOND against FIRST with
`score.score`: detection, pair and typed-pair F1 are symmetric (swapping the files swaps P and R),
sectors are compared per article. The figures say how far two careful people agree under the
same rules, the ceiling a target for the engine should be read against.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from libs.evaluation.score import Score, score


def as_predictions(records: Sequence[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Annotation records as predictions: each event carries its article's sectors (their union
    is then the article's sector set, which is what the sector metric compares)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for rec in records:
        sectors = list(rec.get("sectors") or [])
        out[str(rec["id"])] = [{**ev, "sectors": sectors} for ev in rec.get("events") or []]
    return out


def agreement(first: Sequence[Mapping[str, Any]], second: Sequence[Mapping[str, Any]]) -> tuple[Score, int]:
    """(SECOND scored against FIRST over the articles both hold, number of such articles)."""
    second_ids = {str(r["id"]) for r in second}
    common = [r for r in first if str(r["id"]) in second_ids]
    return score(common, as_predictions(second)), len(common)

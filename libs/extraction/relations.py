"""States without relations (`data/countries.yaml` `no_relations`): no cooperative event pairs them.

A candidate that holds both states of such a pair has a bystander among them: "Iran criticised the
normalisation between Israel and Bahrain", "the Israeli regime is the loser as Iran and Saudi Arabia
restore ties". A candidate of the two alone is no event; in a larger one the dateline's state (the
paper's home, whose officials comment on others' dealings) is the bystander and leaves it; with the
home state outside the pair the candidate is kept as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from libs.extraction.candidates import Candidate

NoRelations = frozenset[frozenset[str]]


def load_no_relations(countries: Mapping[str, Any]) -> NoRelations:
    """The pairs of `countries.yaml`'s `no_relations` list (each a pair of two distinct codes)."""
    pairs = (frozenset(str(c) for c in pair) for pair in countries.get("no_relations") or ())
    return frozenset(p for p in pairs if len(p) == 2)


def _split_pair(cand: Candidate, pairs: NoRelations) -> frozenset[str] | None:
    """The first pair of `pairs` whose two states are both among the candidate's countries."""
    held = set(cand.countries)
    return next((p for p in pairs if p <= held), None)


def without_relations(cands: Iterable[Candidate], pairs: NoRelations, home: str | None) -> list[Candidate]:
    """`cands` less those of a pair without relations alone; a larger candidate holding such a pair loses
    the dateline's state `home` when it is one of the two (kept unchanged otherwise). Order is kept."""
    out: list[Candidate] = []
    for cand in cands:
        pair = _split_pair(cand, pairs)
        if pair is None:
            out.append(cand)
        elif len(cand.countries) + len(cand.igos) > 2:
            if home in pair:
                cand = replace(cand, countries=tuple(c for c in cand.countries if c != home))
            out.append(cand)
    return out

"""A learned pair scorer: does a pair of parties the engine could connect in a sentence cooperate there?

Three kinds of pairs are scored, each by its own logistic model: the engine's two-party events
(after merging; `ENGINE`), pairs of states named together in a sentence with an event cue that no
event pairs there (`ADDED`), and the pairs of members of an engine event of three parties or more
(`MEMBER`). Features are sparse names of what the rules already computed: the cue's type, strength and
words, the party source, the two mentions' roles and kinds, their distance and the words between and
around them, the sentence's flags and number of states. The weights (`pair_model.json`, fitted by
`python -m libs.evaluation.fit_pairs`, leave-one-set-out) are read here in pure Python. An engine event
scoring below `drop_below` is dropped, an added pair scoring `add_at` or more becomes an event, a member
whose best pair scores below `member_below` leaves its event; a threshold that is `None` does nothing.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from libs.extraction.candidates import EXPLICIT, Candidate, SentenceInfo
from libs.extraction.mention_roles import PartyMention

MODEL_FILE = "pair_model.json"  # written by `fit_pairs --write` (not shipped: nothing is switched on)
ENGINE, ADDED, MEMBER = "engine", "added", "member"  # the kinds of scored pairs
MAX_WORDS = 12  # words between the two mentions read as features
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
MAX_STATES = 6  # a sentence naming more states adds no pairs (lists, member enumerations)


@dataclass(frozen=True, slots=True)
class Logistic:
    """Logistic weights over binary feature names."""

    bias: float
    weights: Mapping[str, float]

    def score(self, features: Iterable[str]) -> float:
        """sigmoid(bias + the sum of the present features' weights); a feature counts once."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@dataclass(frozen=True, slots=True)
class PairModel:
    """One logistic model per kind of pair and the thresholds (`None`: do not act): an engine pair below
    `drop_below` is dropped, an added pair at `add_at` or more is added, a member of a larger event whose
    best pair is below `member_below` leaves it."""

    engine: Logistic
    added: Logistic
    member: Logistic
    drop_below: float | None = None
    add_at: float | None = None
    member_below: float | None = None


def _logistic(raw: Mapping[str, object]) -> Logistic:
    weights = raw["weights"]
    assert isinstance(weights, Mapping)
    return Logistic(float(raw["bias"]), {str(k): float(v) for k, v in weights.items()})  # type: ignore[arg-type]


def load_pair_model(path: Path) -> PairModel | None:
    """The model stored at `path`, or None when the file is absent."""
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return PairModel(
        _logistic(raw[ENGINE]),
        _logistic(raw[ADDED]),
        _logistic(raw[MEMBER]),
        raw.get("drop_below"),
        raw.get("add_at"),
        raw.get("member_below"),
    )


def _first(mentions: list[PartyMention], code: str) -> PartyMention | None:
    """The code's first acting mention, else its first mention of any role."""
    own = [m for m in mentions if m.code == code]
    acting = [m for m in own if m.role in ("actor", "partner")]
    return (acting or own or [None])[0]


def _distance_bucket(chars: int) -> str:
    for limit in (20, 60, 120, 250):
        if chars < limit:
            return f"dist<{limit}"
    return "dist>=250"


def mention_features(info: SentenceInfo, a: str, b: str, cue_start: int, text: str) -> list[str]:
    """Features of two parties' mentions in one sentence: roles, kinds, distance, what lies between."""
    ma, mb = _first(info.parties.mentions, a), _first(info.parties.mentions, b)
    feats = [f"named:{(ma is not None) + (mb is not None)}"]
    roles = sorted(m.role for m in (ma, mb) if m is not None)
    feats += [f"role:{r}" for r in roles] + ["roles:" + "+".join(roles)]
    feats += [
        f"kind:{m.kind}" for m in (ma, mb) if m is not None and m.kind in ("person", "person-home", "anaphor")
    ]
    if ma is None or mb is None:
        return feats
    lo, hi = sorted((ma, mb), key=lambda m: m.start)
    feats.append(_distance_bucket(hi.start - lo.end))
    between = text[lo.end : hi.start].lower()
    words = _WORD.findall(between)
    feats += [f"between:{w}" for w in ("with", "and", "between", "said", "to", "of") if w in words]
    feats += [f"w:{w}" for w in words[:MAX_WORDS]]
    feats += [
        f"pre:{w}" for w in _WORD.findall(text[max(info.sent.start, lo.start - 40) : lo.start].lower())[-3:]
    ]
    feats += [f"post:{w}" for w in _WORD.findall(text[hi.end : min(info.sent.end, hi.end + 40)].lower())[:3]]
    feats.append(
        "cue:inside"
        if lo.end <= cue_start < hi.start
        else ("cue:before" if cue_start < lo.start else "cue:after")
    )
    if " between " in f" {text[info.sent.start : lo.start].lower()} ":
        feats.append("between_before")
    return feats


def event_parties(cands: list[Candidate]) -> dict[int, set[str]]:
    """Sentence position -> the parties of the events whose evidence it is."""
    out: dict[int, set[str]] = {}
    for c in cands:
        for p in set(c.sentences) | set(c.extra):
            out.setdefault(p, set()).update(c.countries, c.igos)
    return out


def pair_features(
    cand: Candidate,
    infos: list[SentenceInfo],
    text: str,
    kind: str,
    in_events: Collection[str] = (),
    pair: tuple[str, str] | None = None,
) -> list[str]:
    """The features of a pair of a candidate's parties (its two parties unless `pair` is given).

    `kind` is `ENGINE` (a two-party engine event), `ADDED` (an added pair; `in_events`: the parties of
    the engine's events in its sentence) or `MEMBER` (two members of an engine event of three or more).
    """
    a, b = pair or (*cand.countries, *cand.igos)[:2]
    info = infos[cand.sentences[0]]
    states = {m.code for m in info.parties.mentions if not m.igo}
    support = len(set(cand.sentences) | set(cand.extra))
    feats = [
        kind,
        f"type:{cand.type}",
        f"source:{cand.source}",
        f"states:{min(len(states), 5)}",
        f"support:{min(support, 3)}",
        f"len:{min(len(info.sent.text) // 100, 4)}",
        f"cues:{min(len(info.cues), 3)}",
    ]
    flags = {
        "strong": cand.strong,
        "irrealis": cand.cue.irrealis,
        "conflict": any(infos[p].conflict for p in cand.sentences),
        "continuation": info.continuation,
        "anaphoric": info.anaphoric,
        "other_signal": info.other_signal,
        "unmarked": info.unmarked,
        "unnamed_person": info.unnamed_person,
        "dated": cand.date is not None,
        "located": cand.location is not None,
        "igo": bool(cand.igos),
        "pair_igo": any(p in cand.igos for p in (a, b)),
    }
    feats += [name for name, on in flags.items() if on]
    feats += [f"{f}&{kind}" for f in feats[1:3]]
    feats.append("cuetext:" + " ".join(_WORD.findall(cand.cue.text.lower())[:3]))
    if kind == MEMBER:
        feats.append(f"parties:{min(len(cand.countries) + len(cand.igos), 6)}")
    if kind == ADDED:
        feats.append(f"in_events:{sum(p in in_events for p in (a, b))}/{min(len(in_events), 3)}")
    return feats + mention_features(info, a, b, cand.cue.start, text)


def uncovered_pairs(cands: list[Candidate], infos: list[SentenceInfo]) -> list[Candidate]:
    """Two-state candidates for the states named together in a cue sentence that no event pairs there.

    The type is the sentence's first strong cue's (else its first cue's); at most `MAX_STATES` states.
    """
    covered: set[tuple[int, str, str]] = set()
    for c in cands:
        members = sorted((*c.countries, *c.igos))
        for p in set(c.sentences) | set(c.extra):
            covered |= {(p, x, y) for i, x in enumerate(members) for y in members[i + 1 :]}
    out: list[Candidate] = []
    for pos, info in enumerate(infos):
        states = sorted({m.code for m in info.parties.mentions if not m.igo})
        if not info.cues or len(states) < 2 or len(states) > MAX_STATES:
            continue
        cue = next((c for c in info.cues if c.strong), info.cues[0])
        for i, x in enumerate(states):
            for y in states[i + 1 :]:
                if (pos, x, y) not in covered:
                    out.append(Candidate(cue.type, (x, y), (), [pos], cue, cue.strong, EXPLICIT))
    return out


def pair_scores(cand: Candidate, infos: list[SentenceInfo], text: str, model: Logistic) -> dict[str, float]:
    """Each member of an event of three parties or more -> the best score of its pairs in the event."""
    members = (*cand.countries, *cand.igos)
    best = dict.fromkeys(members, 0.0)
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            p = model.score(pair_features(cand, infos, text, MEMBER, pair=(a, b)))
            best[a], best[b] = max(best[a], p), max(best[b], p)
    return best


def _keep(model: PairModel, cand: Candidate, infos: list[SentenceInfo], text: str) -> Candidate | None:
    """The candidate as the model keeps it: whole, without the members it rejects, or None."""
    n = len(cand.countries) + len(cand.igos)
    if n == 2 and model.drop_below is not None:
        ok = model.engine.score(pair_features(cand, infos, text, ENGINE)) >= model.drop_below
        return cand if ok else None
    if n < 3 or model.member_below is None:
        return cand
    best = pair_scores(cand, infos, text, model.member)
    kept = {m for m, p in best.items() if p >= model.member_below}
    if len(kept) == n:
        return cand
    if len(kept) < 2:
        return None
    countries = tuple(c for c in cand.countries if c in kept)
    return dataclasses.replace(cand, countries=countries, igos=tuple(c for c in cand.igos if c in kept))


def apply_pair_model(
    model: PairModel | None, cands: list[Candidate], infos: list[SentenceInfo], text: str
) -> list[Candidate]:
    """The candidates as the model keeps them, then the added pairs it accepts (unchanged without a model)."""
    if model is None or (model.drop_below is None and model.add_at is None and model.member_below is None):
        return cands
    kept = [k for k in (_keep(model, c, infos, text) for c in cands) if k is not None]
    if model.add_at is None:
        return kept
    parties = event_parties(cands)
    added = [
        c
        for c in uncovered_pairs(cands, infos)
        if model.added.score(pair_features(c, infos, text, ADDED, parties.get(c.sentences[0], ())))
        >= model.add_at
    ]
    return kept + added

"""Error analysis as data: every false-negative and false-positive event, and a tally by cause.

`accord errors --set FILE ... --sentences FILE ...` runs the engine on article-level
gold sets and sentence-level dyad sets and lists, per set:

- `FN`: a gold event whose country pairs (some or all) the engine did not make,
  with the sentences that name its parties (offsets into the article);
- `FP`: an engine event making pairs no gold event has, with its evidence offsets
  and confidence;
- `type`: a gold pair found, but not with the gold's type; `sector`: a sector
  missed or extra; `date`: a dated gold event without the same date.

On sentence sets the missed cooperative dyads of a sentence are one `FN` item, and
the dyads of an engine event that the gold does not code as cooperative in that
sentence one `FP` item.

Each item has a cause. Causes are assigned by a person reading the text and kept
as data in a TSV file (`libs/evaluation/data/error_causes.tsv`: set, item id,
kind, parties, cause, comment); the command applies them, and items nobody has
read yet get a mechanical cause where one is certain (`wrong type`, `wrong
sector`, `date`, and `non-event FP` for events in an article without cooperation)
or `unassigned`. The tally counts items and pairs per cause, so the largest
classes are fixed first.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from libs.evaluation.score import Pair, country_pairs
from libs.evaluation.sentences import (
    COOPERATIVE_ROOTS,
    first_occurrences,
    gold_dyads,
    party_code,
    state_pairs,
)

CAUSES_FILE = Path(__file__).with_name("data") / "error_causes.tsv"

# the classes of issue 13's error analysis (a cause file may use only these)
CAUSES = (
    "missed trigger class",  # no cue for this kind of event (vocabulary)
    "party not recognised",  # an organisation, person or demonym that stands for a state, not found
    "party from context",  # the parties are named in another sentence ("the two sides", the occasion)
    "bystander",  # a state named for another reason taken as a party
    "wrong split of multi-party",  # a clique where the text has pairs, or pairs where it has one act
    "non-event FP",  # no cooperation event in the text (statistics, opinion, background, conflict)
    "wrong type",
    "wrong sector",
    "date",
    "gold convention",  # the engine follows the text; the gold reads a convention it does not know
    "other",
)
UNASSIGNED = "unassigned"

Span = tuple[int, int]
# article text, parties → the spans of the sentences naming them (for FN items)
Locator = Callable[[str, list[str]], list[Span]]


@dataclass(slots=True)
class ErrorItem:
    """One error of one kind in one article (or sentence) of one set."""

    set: str
    item: str  # article id, or sentence id on sentence sets
    kind: str  # FN | FP | type | sector | date
    type: str  # event type (gold's for FN/type/date, the engine's for FP); the sector for `sector`
    parties: tuple[str, ...]
    pairs: int  # the pairs this item costs (0 for sector and date items)
    evidence: list[Span] = field(default_factory=list)
    detail: str = ""  # the gold note, the engine's confidence, the predicted types ...
    cause: str = UNASSIGNED
    comment: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.set, self.item, self.kind, "-".join(self.parties))


def _parties(ev: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(sorted(set(ev.get("countries") or []))) + tuple(sorted(set(ev.get("igos") or [])))


def _date(ev: Mapping[str, Any]) -> str | None:
    d = ev.get("date")
    return d.get("start") if isinstance(d, Mapping) else d


def _missed(
    name: str, gold: Mapping[str, Any], pred_pairs: set[Pair], text: str, locate: Locator | None
) -> list[ErrorItem]:
    """FN items: gold events with pairs the engine did not make (each pair counted once)."""
    out: list[ErrorItem] = []
    counted: set[Pair] = set()
    for ev in gold.get("events") or []:
        missing = country_pairs(ev.get("countries") or []) - pred_pairs - counted
        if not missing:
            continue
        counted |= missing
        parties = _parties(ev)
        out.append(
            ErrorItem(
                name,
                str(gold["id"]),
                "FN",
                str(ev.get("type")),
                parties,
                len(missing),
                locate(text, list(parties)) if locate and text else [],
                str(ev.get("note") or ""),
            )
        )
    return out


def _extra(
    name: str, gold: Mapping[str, Any], gold_pairs: set[Pair], events: list[Mapping[str, Any]]
) -> list[ErrorItem]:
    """FP items: engine events with pairs no gold event has (each pair counted once)."""
    out: list[ErrorItem] = []
    counted: set[Pair] = set()
    negative = not gold.get("cooperation")
    for ev in events:
        extra = country_pairs(ev.get("countries") or []) - gold_pairs - counted
        if not extra:
            continue
        counted |= extra
        item = ErrorItem(
            name,
            str(gold["id"]),
            "FP",
            str(ev.get("type")),
            _parties(ev),
            len(extra),
            [(int(e["start"]), int(e["end"])) for e in ev.get("evidence") or []],
            f"confidence {ev.get('confidence')}",
        )
        if negative:
            item.cause = "non-event FP"
        out.append(item)
    return out


def _mistyped(name: str, gold: Mapping[str, Any], events: list[Mapping[str, Any]]) -> list[ErrorItem]:
    """`type` items: a gold event whose pairs the engine made, none with the gold's type."""
    pred_types: dict[Pair, set[str]] = {}
    spans: dict[Pair, list[Span]] = {}
    for ev in events:
        for p in country_pairs(ev.get("countries") or []):
            pred_types.setdefault(p, set()).add(str(ev.get("type")))
            spans.setdefault(p, []).extend((int(e["start"]), int(e["end"])) for e in ev.get("evidence") or [])
    out: list[ErrorItem] = []
    for ev in gold.get("events") or []:
        etype = str(ev.get("type"))
        found = [p for p in country_pairs(ev.get("countries") or []) if p in pred_types]
        if found and all(etype not in pred_types[p] for p in found):
            p = found[0]
            out.append(
                ErrorItem(
                    name,
                    str(gold["id"]),
                    "type",
                    etype,
                    _parties(ev),
                    0,
                    sorted(set(spans[p])),
                    "engine: " + ",".join(sorted(pred_types[p])),
                    "wrong type",
                )
            )
    return out


def _sectors_and_dates(
    name: str, gold: Mapping[str, Any], events: list[Mapping[str, Any]]
) -> list[ErrorItem]:
    gid = str(gold["id"])
    pred = {s for ev in events for s in ev.get("sectors") or []}
    golds = set(gold.get("sectors") or [])
    out = [
        ErrorItem(name, gid, "sector", s, (), 0, detail=kind, cause="wrong sector")
        for kind, diff in (("missed", golds - pred), ("extra", pred - golds))
        for s in sorted(diff)
    ]
    for ev in gold.get("events") or []:
        gdate = ev.get("date")
        if not gdate:
            continue
        gpairs = country_pairs(ev.get("countries") or [])
        gparties = set(_parties(ev))
        covering = [
            p
            for p in events
            if (gpairs & country_pairs(p.get("countries") or []) if gpairs else gparties == set(_parties(p)))
        ]
        if any(_date(p) == gdate for p in covering):
            continue
        got = sorted({str(_date(p)) for p in covering})
        out.append(
            ErrorItem(
                name,
                gid,
                "date",
                str(ev.get("type")),
                _parties(ev),
                0,
                detail=f"gold {gdate}; engine {', '.join(got) or 'no event'}",
                cause="date",
            )
        )
    return out


def article_errors(
    name: str,
    gold: Mapping[str, Any],
    events: list[Mapping[str, Any]],
    text: str = "",
    locate: Locator | None = None,
) -> list[ErrorItem]:
    """Every error item of one article (gold record against the engine's event dicts)."""
    gold_pairs: set[Pair] = set()
    for ev in gold.get("events") or []:
        gold_pairs |= country_pairs(ev.get("countries") or [])
    pred_pairs: set[Pair] = set()
    for ev in events:
        pred_pairs |= country_pairs(ev.get("countries") or [])
    return [
        *_missed(name, gold, pred_pairs, text, locate),
        *_extra(name, gold, gold_pairs, events),
        *_mistyped(name, gold, events),
        *_sectors_and_dates(name, gold, events),
    ]


def sentence_errors(
    name: str, item: Mapping[str, Any], events: list[Mapping[str, Any]], also: Iterable[Span] = ()
) -> list[ErrorItem]:
    """FN and FP dyads of one gold sentence (events: the engine's events of its article).

    The missed cooperative dyads of a sentence are one `FN` item (their parties, one
    pair each); the extra dyads of each engine event overlapping it one `FP` item.
    """
    lo, hi = int(item["start"]), int(item["end"])
    wanted = [(lo, hi), *also]
    coop, other = gold_dyads(item)
    roots: dict[Pair, str] = {}
    for d in item.get("dyads") or []:
        a, b = party_code(str(d["source"])), party_code(str(d["target"]))
        pair = (a, b) if a < b else (b, a)
        if pair in coop and str(d.get("plover", "")).upper() not in COOPERATIVE_ROOTS:
            continue
        roots.setdefault(pair, str(d.get("plover")))
    predicted: set[Pair] = set()
    sid = str(item["id"])
    out: list[ErrorItem] = []
    for ev in events:
        spans = [(int(e["start"]), int(e["end"])) for e in ev.get("evidence") or []]
        if not any(s < b and a < e for s, e in spans for a, b in wanted):
            continue
        pairs = state_pairs(ev.get("countries") or [])
        extra = pairs - coop - predicted
        predicted |= pairs
        if not extra:
            continue
        wrong = sorted(f"{a}-{b}:{roots[(a, b)]}" for a, b in extra & other)
        detail = f"confidence {ev.get('confidence')}" + (f"; gold {' '.join(wrong)}" if wrong else "")
        parties = tuple(sorted({c for p in extra for c in p}))
        err = ErrorItem(name, sid, "FP", str(ev.get("type")), parties, len(extra), spans, detail)
        if wrong or not (coop or other):
            err.cause = "non-event FP"
        out.append(err)
    missed = coop - predicted
    if missed:
        parties = tuple(sorted({c for p in missed for c in p}))
        types = ",".join(sorted({roots.get(p, "") for p in missed}))
        note = str(item.get("note") or "")
        out.insert(0, ErrorItem(name, sid, "FN", types, parties, len(missed), [(lo, hi)], note))
    return out


def read_causes(path: Path = CAUSES_FILE) -> dict[tuple[str, str, str, str], tuple[str, str]]:
    """(set, item, kind, parties) → (cause, comment) from the causes TSV (missing file: none)."""
    if not path.exists():
        return {}
    out: dict[tuple[str, str, str, str], tuple[str, str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0].startswith("#") or len(row) < 5:
                continue
            cause = row[4].strip()
            if cause not in CAUSES:
                raise ValueError(f"{path}: unknown cause {cause!r} (one of {', '.join(CAUSES)})")
            out[(row[0], row[1], row[2], row[3])] = (cause, row[5] if len(row) > 5 else "")
    return out


def apply_causes(items: list[ErrorItem], causes: Mapping[tuple[str, str, str, str], tuple[str, str]]) -> None:
    """Give every item its assigned cause (an assignment overrides a mechanical one)."""
    for it in items:
        found = causes.get(it.key)
        if found is not None:
            it.cause, it.comment = found


def tally(items: Iterable[ErrorItem]) -> dict[str, dict[str, int]]:
    """Cause → {items, pairs, FN, FP}, largest classes first."""
    counts: dict[str, Counter[str]] = {}
    for it in items:
        c = counts.setdefault(it.cause, Counter())
        c["items"] += 1
        c["pairs"] += it.pairs
        c[it.kind] += 1
    order = sorted(counts, key=lambda k: (-counts[k]["pairs"], -counts[k]["items"], k))
    return {k: dict(counts[k]) for k in order}


def format_items(items: list[ErrorItem]) -> str:
    """One line per item: set, id, kind, type, parties, pairs, cause, evidence offsets, detail."""
    lines = []
    for it in items:
        spans = " ".join(f"{a}-{b}" for a, b in it.evidence[:4])
        lines.append(
            "\t".join(
                [
                    it.set,
                    it.item,
                    it.kind,
                    it.type,
                    "-".join(it.parties),
                    str(it.pairs),
                    it.cause,
                    spans,
                    it.detail,
                ]
            )
        )
    return "\n".join(lines)


def format_tally(counts: Mapping[str, Mapping[str, int]], title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"{'cause':<28} {'items':>6} {'pairs':>6} {'FN':>5} {'FP':>5}")
    lines.append("-" * 54)
    for cause, c in counts.items():
        lines.append(
            f"{cause:<28} {c.get('items', 0):>6} {c.get('pairs', 0):>6} {c.get('FN', 0):>5} {c.get('FP', 0):>5}"
        )
    return "\n".join(lines)


def as_json(items: list[ErrorItem]) -> list[dict[str, Any]]:
    return [asdict(it) for it in items]


def dump(items: list[ErrorItem], path: Path) -> None:
    path.write_text(json.dumps(as_json(items), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def make_locator(extractor: Any) -> Locator:
    """Sentences naming the parties (the engine's own segmentation and gazetteer): two or more of
    them, else the least-named one; at most four."""
    from libs.extraction.text import segment

    def locate(text: str, parties: list[str]) -> list[Span]:
        doc = segment(text)
        named: list[tuple[Span, set[str]]] = []
        for s in doc.content_sentences():
            codes = {m.code for m in extractor.gazetteer.find(doc.work, s.start, s.end)}
            codes |= {code for _end, code in extractor._known_automaton.iter(doc.work[s.start : s.end])}
            hit = codes & set(parties)
            if hit:
                named.append(((s.start, s.end), hit))
        both = [span for span, hit in named if len(hit) >= 2]
        if both:
            return both[:4]
        counts = Counter(c for _, hit in named for c in hit)
        if not counts:
            return []
        rare = min(counts, key=lambda c: (counts[c], c))
        return [span for span, hit in named if rare in hit][:4]

    return locate


def run_errors(
    extractor: Any, article_sets: list[Path], sentence_sets: list[Path], shared: Path
) -> list[ErrorItem]:
    """Run the engine on every set and collect its error items (causes not yet applied)."""
    from libs.evaluation.gold import CORPUS_REL, load_corpus_texts, published_date, resolve_texts
    from libs.evaluation.score import read_jsonl

    locate = make_locator(extractor)
    items: list[ErrorItem] = []
    for path in article_sets:
        gold = read_jsonl(path)
        texts = resolve_texts(gold, shared)
        for g in gold:
            text = texts.get(g["id"], "")
            res = (
                extractor.extract(text, article_id=g["id"], published_at=published_date(g)) if text else None
            )
            events = [e.model_dump(mode="json") for e in res.events] if res else []
            items.extend(article_errors(path.stem, g, events, text, locate))
    for path in sentence_sets:
        sents = read_jsonl(path)
        ids = {str(i["article_id"]) for i in sents}
        texts = load_corpus_texts(shared / CORPUS_REL, ids)
        by_article = {
            aid: [e.model_dump(mode="json") for e in extractor.extract(texts[aid], article_id=aid).events]
            for aid in sorted(ids)
            if aid in texts
        }
        for s in sents:
            aid = str(s["article_id"])
            also = first_occurrences(texts.get(aid, ""), int(s["start"]), int(s["end"]))
            items.extend(sentence_errors(path.stem, s, by_article.get(aid, []), also))
    return items

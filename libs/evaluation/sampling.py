"""Sample blind annotation sets from the corpus, reproducibly (`accord sample-blind`).

The method of issue 13: a fresh set per major round, sampled before anyone runs
the engine on it, annotated by the rules of `shared/gold/README.md`, first look
recorded, only then used for development.

- **Article sets**: half through a neutral keyword prefilter (words any
  cooperation news uses, not the engine's lexicons, so positives are plentiful
  without favouring what the engine already knows), half uniformly at random.
- **Sentence sets**: sentences naming at least two distinct countries (pycountry
  names, any countries: 85 %), plus some naming one (15 %), at most three tried
  per article, 60-400 characters.

Articles already annotated are excluded (the dev set always, plus the given
files). The output is ids (and sentence offsets), never texts. The sets of the
repo were made as follows (same algorithm, same random calls):

    blind_1     --seed 1301 --articles 130 --exclude tests/extraction/data/extra_gold*.jsonl
    blind_2     --seed 1302 (the final held-out set: kept outside the repo until its first look)
    sentences_1 --seed 1303 --articles 0 --sentences 240 --exclude tests/extraction/data/extra_gold*.jsonl
                blind_1.ids.jsonl blind_2.ids.jsonl
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

KEYWORDS = re.compile(
    r"\b(cooperat\w*|agreement|memorandum|MoU|talks|met with|meets|visit\w*|signed|joint|aid|"
    r"delegation|partnership|summit|ambassador|minister)\b",
    re.I,
)
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
CORPUS_REL = Path("corpus") / "tehran-times.jsonl.gz"
_EXTRA_NAMES = {
    "Iran": "IRN", "Russia": "RUS", "Syria": "SYR", "South Korea": "KOR", "North Korea": "PRK",
    "United States": "USA", "US": "USA", "U.S.": "USA", "America": "USA", "Britain": "GBR",
    "UK": "GBR", "Turkey": "TUR", "Vietnam": "VNM", "Venezuela": "VEN", "Bolivia": "BOL",
    "Tanzania": "TZA", "Laos": "LAO", "Moldova": "MDA", "China": "CHN", "Taiwan": "TWN",
}  # fmt: skip


def annotated_ids(files: Iterable[Path]) -> set[str]:
    """Corpus ids named by annotation or id files (`text_ref: corpus:<id>` or `article_id`)."""
    ids: set[str] = set()
    for path in files:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                for key in ("text_ref", "article_id"):
                    ref = str(rec.get(key) or "")
                    ref = ref.removeprefix("corpus:")
                    if ref:
                        ids.add(ref)
    return ids


def country_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """A regex of country names (pycountry plus common short forms) and name → alpha-3."""
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for n in {c.name, getattr(c, "common_name", c.name)}:
            n = n.split(",")[0]
            if len(n) > 3:
                names[n] = c.alpha_3
    names.update(_EXTRA_NAMES)
    alt = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    return re.compile(rf"\b({alt})\b"), names


def corpus_rows(shared: Path, skip: set[str], max_chars: int = 12000) -> list[tuple[str, str]]:
    """(id, text) of the corpus articles not in `skip`, 200 to `max_chars` characters, in file order."""
    rows = []
    with gzip.open(shared / CORPUS_REL, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in skip or len(rec["text"]) > max_chars or len(rec["text"]) < 200:
                continue
            rows.append((rec["id"], rec["text"]))
    return rows


def sample_articles(rows: list[tuple[str, str]], n: int, rng: random.Random) -> list[dict[str, Any]]:
    """Half through the keyword prefilter (two keywords or more), half at random, shuffled."""
    pre = [r for r in rows if len(KEYWORDS.findall(r[1])) >= 2]
    half = n // 2
    pick = rng.sample(pre, half)
    chosen = {r[0] for r in pick}
    rest = [r for r in rows if r[0] not in chosen]
    pick += rng.sample(rest, n - half)
    out = [
        {"article_id": aid, "sampled_by": "keyword" if i < half else "random"}
        for i, (aid, _t) in enumerate(pick)
    ]
    rng.shuffle(out)
    return out


def sample_sentences(rows: list[tuple[str, str]], n: int, rng: random.Random) -> list[dict[str, Any]]:
    """Sentences naming two countries or more (85 %) or one (15 %), at most one per article."""
    pattern, names = country_pattern()
    rng.shuffle(rows)
    want_two = int(n * 0.85)
    two: list[dict[str, Any]] = []
    one: list[dict[str, Any]] = []
    for aid, text in rows:
        spans = [(m.start(), m.end()) for m in SENTENCE.finditer(text)]
        rng.shuffle(spans)
        for s, e in spans[:3]:
            sent = text[s:e]
            if not (60 <= len(sent.strip()) <= 400):
                continue
            codes = {names[m.group(1)] for m in pattern.finditer(sent)}
            lead = len(sent) - len(sent.lstrip())
            item = {"article_id": aid, "start": s + lead, "end": e}
            if len(codes) >= 2 and len(two) < want_two:
                two.append({**item, "sampled_by": "two_countries"})
                break
            if len(codes) == 1 and len(one) < n - want_two:
                one.append({**item, "sampled_by": "one_country"})
                break
        if len(two) + len(one) >= n:
            break
    out = two + one
    rng.shuffle(out)
    return out


def sample(
    shared: Path, seed: int, *, articles: int = 130, sentences: int = 0, exclude: Iterable[Path] = ()
) -> list[dict[str, Any]]:
    """The id records of a new blind set (articles, or sentences when `articles` is 0)."""
    rng = random.Random(seed)
    skip = annotated_ids([shared / "gold" / "dev.jsonl", *exclude])
    rows = corpus_rows(shared, skip)
    out: list[dict[str, Any]] = []
    if articles:
        out = sample_articles(rows, articles, rng)
    if sentences:
        out = sample_sentences(rows, sentences, rng)
    return out

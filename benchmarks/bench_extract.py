"""Extraction speed and memory: `python benchmarks/bench_extract.py --shared ../shared`.

Extracts the first N (default 5,000) articles of the Tehran Times corpus in one
process on one core and prints articles/s, peak RSS (ru_maxrss) and the share of
articles that reached the heavy NLP path (spaCy, participants of articles with
events). Construction time (gazetteers, lexicons) is reported separately and not
counted in the throughput; the spaCy model load, which happens lazily during the
run, is counted.

`--scaling` also times one long text at 1, 2 and 4 MB (corpus articles glued
together, and one unpunctuated line): the time per MB must stay flat (issue 12:
extraction linear in the text).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


def _pin_one_core() -> None:
    """Run on a single core when the OS allows it."""
    if hasattr(os, "sched_setaffinity"):
        try:
            cpus = sorted(os.sched_getaffinity(0))
            os.sched_setaffinity(0, {cpus[0]})
        except OSError:
            pass


def _scaling(extractor, texts: list[tuple[str, str]]) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """Seconds to extract 1, 2 and 4 MB texts: glued corpus articles, and one unpunctuated line."""
    glued = "\n\n".join(t for _, t in texts)
    while len(glued) < 4_000_000:
        glued += "\n\n" + glued
    line = glued.replace(".", ",").replace("\n", " ")
    out: dict[str, list[float]] = {}
    for name, source in (("glued_articles", glued), ("unpunctuated", line)):
        out[name] = []
        for mb in (1, 2, 4):
            t0 = time.perf_counter()
            extractor.extract(source[: mb * 1_000_000], article_id=f"scaling-{name}-{mb}")
            out[name].append(round(time.perf_counter() - t0, 2))
            print(f"  scaling {name} {mb} MB: {out[name][-1]:.2f} s", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared")
    parser.add_argument("-n", "--limit", type=int, default=5000)
    parser.add_argument("--no-spacy", action="store_true", help="rules only")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    parser.add_argument("--scaling", action="store_true", help="also time 1, 2 and 4 MB texts")
    args = parser.parse_args(argv)

    corpus = args.shared / "corpus" / "tehran-times.jsonl.gz"
    if not corpus.exists():
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    _pin_one_core()
    texts: list[tuple[str, str]] = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            texts.append((rec["id"], rec.get("text") or ""))
            if len(texts) >= args.limit:
                break

    from libs.extraction import Extractor

    t0 = time.perf_counter()
    extractor = Extractor(use_spacy=not args.no_spacy)
    init_s = time.perf_counter() - t0

    events = skipped = heavy = with_events = 0
    chars = 0
    t1 = time.perf_counter()
    for i, (aid, text) in enumerate(texts, 1):
        res = extractor.extract(text, article_id=aid)
        chars += len(text)
        events += len(res.events)
        with_events += bool(res.events)
        skipped += res.skipped is not None
        heavy += res.heavy_nlp
        if i % 1000 == 0:
            el = time.perf_counter() - t1
            print(f"  {i} articles, {i / el:.1f}/s", file=sys.stderr)
    elapsed = time.perf_counter() - t1
    n = len(texts)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    figures = {
        "articles": n,
        "seconds": round(elapsed, 2),
        "articles_per_s": round(n / elapsed, 1) if elapsed else None,
        "chars_per_s": round(chars / elapsed) if elapsed else None,
        "init_s": round(init_s, 2),
        "peak_rss_mib": round(peak_mib, 1),
        "heavy_nlp_share": round(heavy / n, 4) if n else 0.0,
        "parsed_sentences": extractor.syntax.parsed,
        "articles_with_events": with_events,
        "events": events,
        "skipped": skipped,
    }
    print(f"articles:            {n}")
    print(f"time:                {elapsed:.2f} s (+ {init_s:.2f} s construction)")
    print(f"throughput:          {figures['articles_per_s']} articles/s ({figures['chars_per_s']} chars/s)")
    print(f"peak RSS:            {figures['peak_rss_mib']} MiB")
    print(f"heavy NLP (spaCy):   {heavy} articles ({100 * figures['heavy_nlp_share']:.1f}%) with NER")
    print(f"parsed sentences:    {extractor.syntax.parsed} (party roles from the dependency parse)")
    print(f"articles with events {with_events}; events {events}; skipped {skipped}")
    if args.scaling:
        figures["scaling_seconds_1_2_4_mb"] = _scaling(extractor, texts)
        for name, secs in figures["scaling_seconds_1_2_4_mb"].items():
            print(f"scaling {name:<16} 1/2/4 MB: {secs[0]} / {secs[1]} / {secs[2]} s")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

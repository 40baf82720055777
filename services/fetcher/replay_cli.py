"""`accord replay`: re-publish archived raw articles to `articles.raw` (see `services.fetcher.replay`).

```
accord replay --since 2024-01-01 --until 2024-01-31      # published in January 2024 (inclusive, UTC)
accord replay --source tehran-times --article ID --article ID2
accord replay                                             # everything archived
```

stdout: one JSON object per line, the progress at most once a second and a final one with
`"finished": true` (`selected`, `published`, `seconds`, `articles_per_s`); stderr: the same for people.
Exit codes: 0 done, 1 failed, 2 bad arguments or configuration, 130 interrupted (run it again:
a replay repeats only records that downstream upserts absorb).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("replay", help="re-publish archived raw articles to articles.raw (reprocess history)")
    p.add_argument("--since", metavar="DATE", help="articles published on or after DATE (YYYY-MM-DD, UTC)")
    p.add_argument("--until", metavar="DATE", help="articles published on or before DATE (inclusive)")
    p.add_argument("--source", metavar="NAME", help="only articles of this source")
    p.add_argument(
        "--article", action="append", default=[], metavar="ID", help="only this article id (repeatable)"
    )
    p.add_argument("--batch-size", type=int, default=500, metavar="N", help="articles per produced batch")
    p.add_argument(
        "--replay-id", metavar="ID", help="the id to report and stamp on the records (default: new)"
    )
    p.set_defaults(func=_replay)


class _Printer:
    """Progress as JSON lines on stdout and a readable line on stderr, at most once a second."""

    def __init__(self) -> None:
        self.last = 0.0

    def __call__(self, progress: Any) -> None:
        import orjson

        now = time.monotonic()
        if not progress.finished and now - self.last < 1.0:
            return
        self.last = now
        d = progress.as_dict()
        sys.stdout.write(orjson.dumps(d).decode() + "\n")
        sys.stdout.flush()
        word = "replayed" if progress.finished else "replaying"
        print(
            f"accord replay {d['replay_id']}: {word} {d['published']}/{d['selected']} articles"
            f" in {d['seconds']} s ({d['articles_per_s']}/s)",
            file=sys.stderr,
        )


def _replay(args: argparse.Namespace) -> int:
    import asyncio

    from pydantic import ValidationError

    from libs.contracts.topics import TopicSettings
    from libs.runtime.logging import configure_logging
    from libs.runtime.producer import Producer
    from libs.runtime.retry import RetryPolicy
    from services.fetcher.config import FetcherSettings
    from services.fetcher.ledger import ledger_engine
    from services.fetcher.replay import PgArchive, replay, selection_of

    try:
        settings = FetcherSettings()
        selection = selection_of(args.since, args.until, args.source, args.article)
    except (ValidationError, ValueError) as exc:
        print(f"accord replay: {exc}", file=sys.stderr)
        return 2
    if not settings.database_url or not settings.kafka_bootstrap_servers:
        print(
            "accord replay: ACCORD_DATABASE_URL and ACCORD_KAFKA_BOOTSTRAP_SERVERS must be set",
            file=sys.stderr,
        )
        return 2
    configure_logging("replay", settings)
    engine = ledger_engine(settings.database_url, application_name="accord-replay")

    async def main() -> None:
        async with Producer(settings, service="replay") as producer:
            await replay(
                PgArchive(engine),
                producer,
                selection,
                topic=TopicSettings().topic_articles_raw,
                batch_size=args.batch_size,
                retry=RetryPolicy.from_settings(settings),
                on_progress=_Printer(),
                replay_id=args.replay_id,
            )

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        print("accord replay: interrupted (run it again: nothing is duplicated downstream)", file=sys.stderr)
        return 130
    except Exception as exc:
        print(f"accord replay: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0

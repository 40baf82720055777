"""The fetcher: reads sources, builds `RawArticle` records, publishes them to `articles.raw`.

Layout:
- `sources/`: one module per source kind (`folder`, `jsonl`; web kinds plug in later), each
  yielding candidate `Document`s with a resume cursor;
- `articles.py`: pure text cleaning, canonical URLs, language, `RawArticle` building and encoding;
- `ledger.py` + `db/`: what was published (Postgres, own Alembic migrations and version table);
- `pipeline.py`: batches → ledger look-up → publish (acks awaited) → ledger write;
- `service.py` / `cli.py`: `accord fetcher [--source KIND:PATH ...] [--sources-file F] [--once]`.
"""

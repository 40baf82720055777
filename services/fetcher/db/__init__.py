"""The fetcher's tables (the ledger) and their Alembic migrations (version table `fetcher_alembic_version`)."""

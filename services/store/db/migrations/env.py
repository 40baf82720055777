"""Alembic environment of the store: own version table, serialised by a Postgres advisory lock."""

from __future__ import annotations

from libs.runtime.migrations import run_env
from services.store.db.models import VERSION_TABLE, metadata

#: pg_advisory_xact_lock key: concurrent `accord store` processes migrate one at a time.
MIGRATION_LOCK_KEY = 0x5354_4F52_4501  # "STORE\x01"

run_env(metadata=metadata, version_table=VERSION_TABLE, lock_key=MIGRATION_LOCK_KEY, owner="store")

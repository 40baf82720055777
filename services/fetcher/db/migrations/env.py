"""Alembic environment of the fetcher: own version table, serialised by a Postgres advisory lock.

Autogenerate only looks at tables named `fetcher_*` (the store's tables share the database).
"""

from __future__ import annotations

from typing import Any

import services.fetcher.db.web_models  # noqa: F401  (registers the web tables on `metadata`)
from libs.runtime.migrations import run_env
from services.fetcher.db.models import TABLE_PREFIX, VERSION_TABLE, metadata

#: pg_advisory_xact_lock key: concurrent fetchers migrate one at a time ("FETCH\x01").
MIGRATION_LOCK_KEY = 0x4645_5443_4801


def _include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    if type_ == "table":
        return bool(name and name.startswith(TABLE_PREFIX))
    return True


run_env(
    metadata=metadata,
    version_table=VERSION_TABLE,
    lock_key=MIGRATION_LOCK_KEY,
    owner="fetcher",
    include_object=_include_object,
)

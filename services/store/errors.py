"""The store's exceptions, all under `StoreError` (an `AccordError`)."""

from __future__ import annotations

from libs.contracts.errors import AccordError
from libs.runtime.errors import PoisonError


class StoreError(AccordError):
    """Root of the store's exceptions."""


class RecordError(StoreError, ValueError):
    """A record that passed the contract's validation but cannot be stored."""


class UnstorableRecord(PoisonError, StoreError):
    """The database refuses this record (or it cannot be converted); the runtime dead-letters it."""

"""The store's exception root."""

from __future__ import annotations

from libs.contracts.errors import AccordError


class StoreError(AccordError):
    """Base class of the exceptions the store defines."""

"""The root of every exception Accord raises on purpose.

Each package defines one root of its own under `AccordError` (for example
`services.fetcher.errors.FetcherError`), so a caller can catch "anything Accord
refused" without catching bugs.
This module imports nothing, so every layer may use it.
"""

from __future__ import annotations


class AccordError(Exception):
    """Base class of every exception Accord defines."""


class ContractError(AccordError, ValueError):
    """A value breaks a contract's invariant (raised by `libs.contracts` validators and helpers)."""

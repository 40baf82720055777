"""The embedded infrastructure's exceptions, under `InfraError` (an `AccordError`)."""

from __future__ import annotations

from libs.contracts.errors import AccordError


class InfraError(AccordError, RuntimeError):
    """The embedded broker or Postgres could not be started or used."""

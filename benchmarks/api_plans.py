"""EXPLAIN ANALYZE of the API's main queries over the benchmark database (written beside the figures)."""

from __future__ import annotations

from sqlalchemy import Engine


def explain_all(engine: Engine) -> str:
    return ""

"""Evaluation of the extraction engine: scoring, gold sets, blind-set sampling, reliability.

May import `libs.extraction` and `libs.contracts`; nothing in `libs.extraction`
imports it.
"""

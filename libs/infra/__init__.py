"""Embedded infrastructure for `make run` and the tests: the Tansu broker and pgserver Postgres."""

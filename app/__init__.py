"""The composition of Accord: the `accord` command and `accord up`, the services run together.

The top layer: it may import every `libs/*` package and every service; nothing
imports it (`tests/test_architecture.py` enforces the layers).
"""

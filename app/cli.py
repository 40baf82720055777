"""`accord`: one command-line entry point, a subcommand per job.

Each module in `COMMAND_MODULES` exposes `register(subparsers)`, adding its
subcommands with `set_defaults(func=...)`; `func(args)` returns the exit code.
Modules import their heavy dependencies inside the handlers, so `accord --help`
stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMAND_MODULES = (
    "libs.contracts.cli",
    "app.config",
    "app.topics",
    "app.up.cli",
    "libs.extraction.cli",
    "libs.evaluation.cli",
    "services.fetcher.cli",
    "services.extractor.cli",
    "services.store.cli",
)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every registered subcommand."""
    parser = argparse.ArgumentParser(prog="accord", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # the module itself is absent, not one of its imports
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())

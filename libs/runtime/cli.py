"""`accord config`: every `ACCORD_*` setting with its default (the README's configuration table)."""

from __future__ import annotations

import argparse


def _config(args: argparse.Namespace) -> int:
    from libs.runtime.configdoc import markdown_table, settings_rows

    if args.markdown:
        print(markdown_table(), end="")
    else:
        for var, scope, default, meaning in settings_rows():
            print(f"{var}={default}\t# {scope}: {meaning}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("config", help="list every ACCORD_* setting with its default")
    p.add_argument("--markdown", action="store_true", help="as the README's Markdown table")
    p.set_defaults(func=_config)

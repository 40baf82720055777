"""`accord config`: every `ACCORD_*` setting of every process with its default (the README's table)."""

from __future__ import annotations

import argparse

from pydantic_settings import BaseSettings


def settings_classes() -> list[tuple[str, type[BaseSettings]]]:
    """(scope, settings class) in the order the table lists them."""
    from libs.contracts.topics import TopicSettings
    from libs.runtime.settings import CommonSettings
    from services.extractor.config import ExtractorSettings
    from services.fetcher.config import FetcherSettings
    from services.store.core.config import StoreSettings

    return [
        ("all", CommonSettings),
        ("all", TopicSettings),
        ("fetcher", FetcherSettings),
        ("extractor", ExtractorSettings),
        ("store", StoreSettings),
    ]


def settings_rows() -> list[tuple[str, str, str, str]]:
    """(variable, scope, default, meaning) of every setting."""
    from libs.runtime import configdoc

    return configdoc.settings_rows(settings_classes())


def markdown_table() -> str:
    """The README's configuration table."""
    from libs.runtime.configdoc import markdown_table as table

    return table(settings_classes())


def _config(args: argparse.Namespace) -> int:
    if args.markdown:
        print(markdown_table(), end="")
    else:
        for var, scope, default, meaning in settings_rows():
            print(f"{var}={default}\t# {scope}: {meaning}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("config", help="list every ACCORD_* setting with its default")
    p.add_argument("--markdown", action="store_true", help="as the README's Markdown table")
    p.set_defaults(func=_config)

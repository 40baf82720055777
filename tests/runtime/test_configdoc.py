"""Settings documentation: each variable once, under the first scope that has it."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings

from libs.runtime.configdoc import markdown_table, settings_rows
from libs.runtime.settings import CommonSettings


class ServiceSettings(CommonSettings):
    service_flag: bool = Field(default=False, description="a | flag")


def test_rows_and_table() -> None:
    rows = settings_rows([("all", CommonSettings), ("svc", ServiceSettings)])
    names = [r[0] for r in rows]
    assert len(names) == len(set(names))
    assert ("ACCORD_SERVICE_FLAG", "svc", "false", "a / flag") in rows
    assert next(r for r in rows if r[0] == "ACCORD_KAFKA_BOOTSTRAP_SERVERS")[1:3] == ("all", "unset")
    table = markdown_table([("x", BaseSettings)])
    assert table.splitlines()[0] == "| variable | used by | default | meaning |"

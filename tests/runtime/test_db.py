"""Database URL helpers and the Postgres TLS settings that join the URL."""

from __future__ import annotations

from libs.runtime.db import sqlalchemy_url, with_query_defaults
from libs.runtime.settings import CommonSettings

URL = "postgresql://accord:pw@db.example:5432/accord"


def test_query_defaults_are_added_and_the_url_wins() -> None:
    assert with_query_defaults(URL, {"sslmode": "require"}) == URL + "?sslmode=require"
    assert with_query_defaults(URL + "?sslmode=disable", {"sslmode": "require"}) == URL + "?sslmode=disable"
    socket = "postgresql://accord@/accord?host=/run/pg"
    assert with_query_defaults(socket, {"sslmode": "disable"}) == socket + "&sslmode=disable"


def test_tls_settings_join_the_database_url() -> None:
    s = CommonSettings(
        database_url=URL, database_sslmode="verify-full", database_sslrootcert="/etc/pg/ca.crt"
    )
    assert s.database_url == URL + "?sslmode=verify-full&sslrootcert=/etc/pg/ca.crt"
    assert sqlalchemy_url(s.database_url).query == {"sslmode": "verify-full", "sslrootcert": "/etc/pg/ca.crt"}


def test_without_tls_settings_the_url_is_untouched() -> None:
    assert CommonSettings(database_url=URL).database_url == URL
    assert CommonSettings(database_sslmode="require").database_url is None  # embedded Postgres: nothing to do

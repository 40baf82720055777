"""The embedded Postgres: serves SQL, keeps its data folder, and runs in a session of its own."""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
import pytest

from libs.infra.errors import InfraError
from libs.infra.postgres import EmbeddedPostgres

pytestmark = pytest.mark.integration


def test_embedded_postgres_serves_and_is_out_of_reach_of_a_terminal_ctrl_c(pg_tmp_path: Path) -> None:
    pg = EmbeddedPostgres(pg_tmp_path / "data")
    with pytest.raises(InfraError):
        _ = pg.url
    with pg:
        with psycopg.connect(pg.url) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
        postmaster = int((pg_tmp_path / "data" / "postmaster.pid").read_text().split()[0])
        assert os.getpgid(postmaster) != os.getpgid(0)
        assert os.getsid(postmaster) == postmaster  # pg_ctl starts it in a new session

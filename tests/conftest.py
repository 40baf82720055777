"""Fixtures shared by every test folder.

`shared_dir` is `../shared` (or $ACCORD_SHARED_DIR); tests that need it skip
with a clear reason when it is absent.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from libs.contracts.topics import TopicSettings, all_topics

REPO_ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    """Code under test that logs before `configure_logging` uses structlog's defaults, whose console
    renderer prints rich tracebacks with every frame's locals: seconds per logged exception on a loaded
    machine (a 500-path API test timed out on it). The tests' default renders plain tracebacks."""
    import structlog

    defaults = structlog.get_config()["processors"]
    plain = structlog.dev.ConsoleRenderer(colors=False, exception_formatter=structlog.dev.plain_traceback)
    structlog.configure(processors=[*defaults[:-1], plain])


# The longest modules of `make test` (seconds with `--durations`, one process, an idle 2-core machine),
# started first: with two workers taking whole modules (`--dist loadfile`), the long ones run side by
# side and the short ones fill in after, so both workers finish together. The rest keep their order.
LONG_MODULES = (
    "tests/integration/test_faults.py",  # 220 s
    "tests/evaluation/test_gold.py",  # 105 s, on two processes of its own
    "tests/app/up/test_stack.py",  # 95 s
    "tests/integration/test_pipeline.py",  # 85 s
    "tests/fetcher/test_service.py",  # 45 s
    "tests/examples/test_events_mirror.py",  # 42 s
    "tests/runtime/test_consumer.py",  # 35 s
    "tests/runtime/test_service.py",  # 33 s
    "tests/integration/test_bench_load.py",  # 33 s
    "tests/integration/test_consumers.py",  # 28 s
    "tests/fetcher/web/test_end_to_end.py",  # 22 s
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The modules of LONG_MODULES first, in its order (a stable sort: each module's tests stay together)."""
    rank = {module: i for i, module in enumerate(LONG_MODULES)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


def _shared_path() -> Path:
    return Path(os.environ.get("ACCORD_SHARED_DIR", REPO_ROOT.parent / "shared")).resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared material folder; skips the test when it is not there."""
    path = _shared_path()
    if not (path / "gold" / "dev.jsonl").exists():
        pytest.skip(f"shared material not found at {path} (set ACCORD_SHARED_DIR or place ../shared)")
    return path


@pytest.fixture(scope="session")
def corpus_path(shared_dir: Path) -> Path:
    """The Tehran Times corpus (jsonl.gz); skips when absent."""
    path = shared_dir / "corpus" / "tehran-times.jsonl.gz"
    if not path.exists():
        pytest.skip(f"corpus not found at {path}")
    return path


# --- embedded infrastructure -------------------------------------------------

SYSTEM_PG_URL = os.environ.get("ACCORD_TEST_SYSTEM_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    """One embedded Tansu broker for the test session; tests isolate themselves with unique topic names."""
    from libs.infra.broker import EmbeddedBroker

    with EmbeddedBroker() as broker:
        yield broker.bootstrap_servers


@pytest.fixture
def unique_topics(kafka_bootstrap: str) -> TopicSettings:
    """TopicSettings whose every topic name carries a random suffix, all created on the session broker."""
    return make_unique_topics(kafka_bootstrap)


def make_unique_topics(kafka_bootstrap: str) -> TopicSettings:
    """What `unique_topics` gives, for fixtures of a wider scope."""
    from libs.runtime.topics import ensure_topics

    suffix = uuid.uuid4().hex[:8]
    defaults = TopicSettings.model_construct()
    names = {
        name: f"{getattr(defaults, name)}.{suffix}"
        for name, field in TopicSettings.model_fields.items()
        if name.startswith("topic_") and field.annotation is str
    }
    topics = TopicSettings(**names)
    asyncio.run(ensure_topics(kafka_bootstrap, all_topics(topics)))
    return topics


def _postgres_readable_dir(prefix: str) -> Path:
    """A fresh folder under the system temp dir that an unprivileged user can traverse.

    pgserver runs postgres as an unprivileged user when we are root, and pytest's own
    `tmp_path` lives under `/tmp/pytest-of-<user>` (mode 0700), which that user cannot enter:
    every folder that holds embedded Postgres data comes from here instead.
    """
    base = Path(tempfile.mkdtemp(prefix=prefix))
    base.chmod(0o755)
    return base


@pytest.fixture
def pg_tmp_path() -> Iterator[Path]:
    """Like `tmp_path`, but usable for embedded Postgres data (see `_postgres_readable_dir`)."""
    base = _postgres_readable_dir("accord-test-")
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def embedded_pg_url() -> Iterator[str]:
    """An embedded PostgreSQL 16 (pgserver) in a temporary folder, for the session."""
    from libs.infra.postgres import EmbeddedPostgres

    base = _postgres_readable_dir("accord-test-pg-")
    pg = EmbeddedPostgres(base / "data")
    try:
        yield pg.start()
    finally:
        pg.stop()
        shutil.rmtree(base, ignore_errors=True)


def _reachable(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=2):
            return True
    except psycopg.Error:
        return False


@pytest.fixture(scope="session", params=["embedded", "system"])
def pg_server_url(request: pytest.FixtureRequest) -> str:
    """An admin URL of each Postgres path: the embedded one, and the system one at 127.0.0.1:5432 when reachable."""
    if request.param == "embedded":
        return request.getfixturevalue("embedded_pg_url")
    if not _reachable(SYSTEM_PG_URL):
        pytest.skip(f"system PostgreSQL not reachable at {SYSTEM_PG_URL}")
    return SYSTEM_PG_URL


@pytest.fixture
def database_url(pg_server_url: str) -> Iterator[str]:
    """A fresh, empty database on each Postgres path (parametrised), dropped after the test."""
    yield from _fresh_database(pg_server_url)


@pytest.fixture
def embedded_database_url(embedded_pg_url: str) -> Iterator[str]:
    """A fresh, empty database on the embedded Postgres only (for slower multi-process tests)."""
    yield from _fresh_database(embedded_pg_url)


def _fresh_database(server_url: str) -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"accord_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

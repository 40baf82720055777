"""`/v1/admin/replay`: the key rules, 202/409/status, the filters handed to the command, failures.

The replay command is replaced by a small script speaking its progress protocol (the real
`accord replay` runs in tests/integration/test_replay.py).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import httpx
import pytest

from services.store.api.main import create_app
from services.store.replays import ReplayRunner
from tests.store.helpers import serving, settings_for
from tests.waiting import wait_until

KEY = "admin-key-0123456789"
FAKE = """
import json, sys, time
args = sys.argv[1:]
rid = args[args.index("--replay-id") + 1]
print(json.dumps({"replay_id": rid, "selected": 3, "published": 0}), flush=True)
time.sleep(0.6)
if "broken" in args:
    print("accord replay: failed: KafkaConnectionError: no broker", file=sys.stderr)
    sys.exit(1)
print(json.dumps({"replay_id": rid, "selected": 3, "published": 3, "articles_per_s": 9.5,
                  "finished": True, "args": args}), flush=True)
"""


@contextlib.contextmanager
def client_for(api_key: str | None) -> Iterator[httpx.Client]:
    app = create_app(settings_for("postgresql://nobody@127.0.0.1:1/none", api_key=api_key))
    app.state.replays = ReplayRunner(app.state.settings, command=[sys.executable, "-c", FAKE])
    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with client_for(KEY) as c:
        yield c


def wait_done(client: httpx.Client, replay_id: str) -> dict:  # type: ignore[type-arg]
    body: dict = {}  # type: ignore[type-arg]

    def done() -> bool:
        nonlocal body
        body = client.get(f"/v1/admin/replay/{replay_id}", headers={"X-API-Key": KEY}).json()
        return body["status"] != "running"

    wait_until(done, 20, "the replay to finish", lambda: f"last answer: {body}")
    return body


def test_disabled_without_a_configured_key_401_without_a_key_403_with_a_wrong_one(
    client: httpx.Client,
) -> None:
    with client_for(None) as anonymous:
        r = anonymous.post("/v1/admin/replay", json={}, headers={"X-API-Key": "anything"})
        assert r.status_code == 403 and r.json()["type"].endswith("/disabled")
    assert client.post("/v1/admin/replay", json={}).status_code == 401
    assert client.post("/v1/admin/replay", json={}, headers={"X-API-Key": KEY + "x"}).status_code == 403
    assert client.get("/v1/admin/replay/0123456789ab", headers={"X-API-Key": "nope"}).status_code == 403


def test_a_replay_runs_in_the_background_one_at_a_time(client: httpx.Client) -> None:
    body = {"since": "2024-05-01", "until": "2024-05-31", "source": "tt", "article_ids": ["a1", "a2"]}
    r = client.post("/v1/admin/replay", json=body, headers={"Authorization": f"Bearer {KEY}"})
    assert r.status_code == 202, r.text
    started = r.json()
    assert (
        started["status"] == "running" and r.headers["Location"] == f"/v1/admin/replay/{started['replay_id']}"
    )
    busy = client.post("/v1/admin/replay", json={}, headers={"X-API-Key": KEY})
    assert busy.status_code == 409 and started["replay_id"] in busy.json()["detail"]

    done = wait_done(client, started["replay_id"])
    assert (done["status"], done["selected"], done["published"], done["error"]) == ("succeeded", 3, 3, None)
    assert done["request"] == body
    again = client.post("/v1/admin/replay", json={"article_ids": ["x"]}, headers={"X-API-Key": KEY})
    assert again.status_code == 202  # the previous one finished


def test_a_failed_replay_reports_its_error(client: httpx.Client) -> None:
    r = client.post("/v1/admin/replay", json={"source": "broken"}, headers={"X-API-Key": KEY})
    done = wait_done(client, r.json()["replay_id"])
    assert done["status"] == "failed" and "KafkaConnectionError" in done["error"]


def test_bad_requests(client: httpx.Client) -> None:
    h = {"X-API-Key": KEY}
    assert (
        client.post(
            "/v1/admin/replay", json={"since": "2024-06-01", "until": "2024-05-01"}, headers=h
        ).status_code
        == 422
    )
    assert client.post("/v1/admin/replay", json={"article_ids": ["bad id!"]}, headers=h).status_code == 422
    assert client.post("/v1/admin/replay", json={"what": 1}, headers=h).status_code == 422
    assert client.get("/v1/admin/replay/0123456789ab", headers=h).status_code == 404

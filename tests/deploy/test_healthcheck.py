"""deploy/healthcheck.py against a real local HTTP server: 2xx → 0, anything else → 1."""

from __future__ import annotations

import http.server
import importlib.util
import threading
from collections.abc import Iterator

import pytest

from libs.infra.broker import free_port
from tests.deploy.tools import REPO

spec = importlib.util.spec_from_file_location("healthcheck", REPO / "deploy" / "healthcheck.py")
assert spec and spec.loader
healthcheck = importlib.util.module_from_spec(spec)
spec.loader.exec_module(healthcheck)


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status = {"/healthz": 200, "/readyz": 503}.get(self.path, 404)
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_healthy_and_unhealthy_answers(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert healthcheck.main([f"{server}/healthz"]) == 0
    assert healthcheck.main([f"{server}/readyz"]) == 1
    assert "HTTP 503" in capsys.readouterr().out


def test_nothing_listening_is_unhealthy() -> None:
    ok, message = healthcheck.check(f"http://127.0.0.1:{free_port()}/healthz", timeout_s=2)
    assert not ok and message


def test_default_url_follows_the_environment() -> None:
    assert healthcheck.probe_url([], {}) == "http://127.0.0.1:8000/healthz"
    assert healthcheck.probe_url([], {"ACCORD_API_PORT": "8080"}) == "http://127.0.0.1:8080/healthz"
    assert healthcheck.probe_url([], {"ACCORD_METRICS_PORT": "9100", "ACCORD_API_PORT": "8080"}).endswith(
        ":9100/healthz"
    )
    assert healthcheck.probe_url([], {"ACCORD_HEALTHCHECK_URL": "http://x/readyz"}) == "http://x/readyz"
    assert healthcheck.probe_url(["http://y/"], {"ACCORD_HEALTHCHECK_URL": "http://x/"}) == "http://y/"

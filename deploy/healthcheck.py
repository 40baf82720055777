"""Container health probe: GET a URL, exit 0 on HTTP 2xx and 1 otherwise (stdlib only).

    python deploy/healthcheck.py [URL]

Without URL: `ACCORD_HEALTHCHECK_URL`, else `/healthz` on `ACCORD_METRICS_PORT` (fetcher,
extractor, store sink), else `/healthz` on `ACCORD_API_PORT` (store API, default 8000).
The image's HEALTHCHECK runs it; docker-compose passes each service's URL.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence

TIMEOUT_S = 4.0


def probe_url(argv: Sequence[str], env: Mapping[str, str]) -> str:
    """The URL to probe for this command line and environment."""
    if argv:
        return argv[0]
    if env.get("ACCORD_HEALTHCHECK_URL"):
        return env["ACCORD_HEALTHCHECK_URL"]
    port = env.get("ACCORD_METRICS_PORT") or env.get("ACCORD_API_PORT") or "8000"
    return f"http://127.0.0.1:{port}/healthz"


def check(url: str, timeout_s: float = TIMEOUT_S) -> tuple[bool, str]:
    """(healthy, one line saying why) for a GET of `url`."""
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            return 200 <= response.status < 300, f"{url}: HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        return False, f"{url}: HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return False, f"{url}: {getattr(exc, 'reason', exc)}"


def main(argv: Sequence[str] | None = None) -> int:
    ok, message = check(probe_url(sys.argv[1:] if argv is None else argv, os.environ))
    print(message)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

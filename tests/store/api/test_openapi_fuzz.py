"""Schemathesis against the running API's own OpenAPI document: no 5xx, every response as declared.

The schemathesis CLI runs against a real server over a database seeded
through the sink, with valid and invalid inputs (`--mode all`): boundary
values of every parameter (coverage phase), then `ACCORD_FUZZ_EXAMPLES`
generated requests per operation (default 15 in `make test`; `make fuzz` runs
many more). Checks: no server error; status code, content type, headers and
body all as the document declares. The seed is printed, so a failure replays
with `ACCORD_FUZZ_SEED=<seed>`.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.api.conftest import SeededApi

pytestmark = pytest.mark.integration

EXAMPLES = int(os.environ.get("ACCORD_FUZZ_EXAMPLES", "15"))
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)


def test_every_operation_answers_as_documented(seeded: SeededApi, tmp_path: Path) -> None:
    seed = int(os.environ.get("ACCORD_FUZZ_SEED") or random.randrange(2**31))
    print(f"schemathesis seed {seed} ({EXAMPLES} examples per operation)")
    cmd = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        seeded.url + "/openapi.json",
        "--checks",
        CHECKS,
        # The admin routes only answer 401 without the key (tests/store/api/test_admin.py covers
        # them), and their JSON body makes the coverage phase trip on a CPython 3.11 race in
        # hypothesis (`SystemError: AST constructor recursion depth mismatch`, 2 of 3 runs).
        "--exclude-path-regex",
        "^/v1/admin/",
        "--mode",
        "all",
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        str(EXAMPLES),
        "--seed",
        str(seed),
        "--workers",
        "2",
        "--generation-database",
        "none",
        "--request-timeout",
        "20",
        "--no-color",
        "--report-dir",
        str(tmp_path),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, cwd=tmp_path)
    print(done.stdout[-4000:])  # schemathesis' summary: operations, test cases, failures (`pytest -s`)
    assert done.returncode == 0, (
        f"schemathesis (seed {seed}) found problems:\n{done.stdout[-12000:]}\n{done.stderr[-2000:]}"
    )

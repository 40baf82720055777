# Accord: `make run` (the pipeline on embedded infrastructure) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
UV_VERSION := 0.13.9
SHARED ?= ../shared
WEB := services/store/dashboard/web
DASHBOARD := services/store/dashboard/static/index.html

.PHONY: install dashboard test-web browser lock test test-unit test-integration test-deploy tools lint fmt run eval errors reliability fit-confidence bench bench-extract bench-pipeline bench-fetcher bench-fetcher-web bench-store bench-api bench-runtime bench-extractor bench-replay bench-load bench-backlog fuzz reliability-faults schemas clean help

help:
	@echo "make run      start the embedded broker + Postgres and every service (Ctrl-C stops all)"
	@echo "make test     install into .venv and run lint + all tests"
	@echo "make eval     extract the gold dev set and score it"
	@echo "make bench    run the benchmark scripts (extraction speed/memory, pipeline throughput)"
	@echo "make dashboard  rebuild the dashboard's assets (npm ci + vite build) after editing $(WEB)"

# Idempotent: re-runs only when the pins or the project metadata change.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv pip install -q --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	@touch $(STAMP)

install: $(STAMP) $(DASHBOARD)

# The dashboard's assets (served by the store at /): built when missing, a no-op otherwise.
# `make dashboard` rebuilds them after a change under $(WEB) (npm ci from the pinned lock + vite build).
$(DASHBOARD):
	@$(MAKE) --no-print-directory dashboard

dashboard:
	@command -v npm >/dev/null || { echo "npm not found: the dashboard needs Node >= 20.19 and npm (the API works without it)"; exit 1; }
	npm --prefix $(WEB) ci --no-audit --no-fund --loglevel=error
	npm --prefix $(WEB) run build --silent

# The dashboard's unit tests (Vitest, offline: node_modules come from `make dashboard`).
test-web: install
	@test -d $(WEB)/node_modules || npm --prefix $(WEB) ci --no-audit --no-fund --loglevel=error
	npm --prefix $(WEB) test --silent

# Debian's chromium for the browser tests: installed when missing and we are root with apt-get
# (otherwise those tests skip with the reason; under CI=true they fail).
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian chromium for the browser tests"; \
	  (apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }) >/dev/null \
	    || echo "chromium could not be installed: the browser tests will skip"; \
	else echo "chromium missing and not root with apt-get: the browser tests will skip"; fi

# promtool (alert-rule checks) from Debian's `prometheus` package: only the binary is unpacked
# into .venv/bin (no service installed or started). hadolint, kubectl (Kustomize) and
# kubernetes-validate come from the dev dependencies. Without apt the checks skip (fail in CI).
PROMTOOL := $(BIN)/promtool
$(PROMTOOL): | $(STAMP)
	@tmp=$$(mktemp -d); ( cd $$tmp \
	  && { apt-get download prometheus >/dev/null 2>&1 \
	       || { [ "$$(id -u)" = 0 ] && apt-get update -qq >/dev/null 2>&1 && apt-get download prometheus >/dev/null 2>&1; }; } \
	  && dpkg-deb -x prometheus_*.deb root && install -m 0755 root/usr/bin/promtool $(CURDIR)/$(PROMTOOL) ) \
	  || echo "promtool unavailable (needs apt): the Prometheus rule checks will skip outside CI"; rm -rf $$tmp

tools: $(PROMTOOL)

# Re-pin every dependency (needs the registry); commit requirements.lock afterwards.
lock:
	@test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install -q "uv==$(UV_VERSION)"; }
	$(BIN)/uv pip compile -q --python-version 3.11 --extra dev pyproject.toml -o requirements.lock
	$(BIN)/uv pip compile -q --python-version 3.11 pyproject.toml -o requirements-prod.lock

lint: install
	$(BIN)/ruff check .

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Two pytest workers (pytest-xdist), each module whole on one worker (module fixtures: the gold guard's
# engine runs, the fault tests' own Postgres), the longest modules first (tests/conftest.py).
# TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= 2
test: install tools lint test-web browser
	$(BIN)/pytest -q -ra --durations=30 -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

test-deploy: install tools
	$(BIN)/pytest -q -ra tests/deploy

test-unit: install
	$(BIN)/pytest -q -ra -m "not integration"

test-integration: install
	$(BIN)/pytest -q -ra -m integration

run: install
	$(BIN)/accord up

schemas: install
	$(BIN)/accord schemas
	$(BIN)/accord asyncapi

eval: install
	$(BIN)/python -m libs.evaluation.eval --shared $(SHARED)

# False negatives / false positives per set, with the tally by cause (libs/evaluation/errors.py).
errors: install
	$(BIN)/accord errors --shared $(SHARED) --set tests/extraction/data/blind_1.jsonl \
		--set tests/extraction/data/devpool.jsonl --set tests/extraction/data/blind_2.jsonl \
		--set tests/extraction/data/blind_3.jsonl --set tests/extraction/data/blind_4.jsonl \
		--set tests/extraction/data/blind_5.jsonl --set tests/extraction/data/blind_6.jsonl \
		--set tests/extraction/data/blind_7.jsonl --set tests/extraction/data/blind_8.jsonl \
		--set tests/extraction/data/blind_9.jsonl --set tests/extraction/data/blind_10.jsonl \
		--set tests/extraction/data/blind_11.jsonl --set tests/extraction/data/blind_12.jsonl \
		--set tests/extraction/data/blind_13.jsonl --set tests/extraction/data/blind_14.jsonl \
		--set tests/extraction/data/blind_15.jsonl --set tests/extraction/data/blind_16.jsonl \
		--set tests/extraction/data/blind_17.jsonl --set tests/extraction/data/blind_18.jsonl \
		--set tests/extraction/data/blind_19.jsonl --set tests/extraction/data/blind_20.jsonl \
		--set tests/extraction/data/blind_21.jsonl --set tests/extraction/data/blind_22.jsonl \
		--set tests/extraction/data/blind_23.jsonl --set tests/extraction/data/blind_24.jsonl \
		--set tests/extraction/data/blind_25.jsonl --set tests/extraction/data/blind_26.jsonl \
		--set tests/extraction/data/blind_27.jsonl --set tests/extraction/data/blind_28.jsonl \
		--set tests/extraction/data/blind_29.jsonl --set tests/extraction/data/blind_30.jsonl \
		--set tests/extraction/data/blind_31.jsonl --set tests/extraction/data/blind_32.jsonl \
		--set tests/extraction/data/blind_33.jsonl --set tests/extraction/data/blind_34.jsonl \
		--set tests/extraction/data/blind_35.jsonl --set tests/extraction/data/blind_36.jsonl \
		--set tests/extraction/data/blind_37.jsonl --set tests/extraction/data/blind_38.jsonl \
		--set tests/extraction/data/blind_39.jsonl \
		--sentences tests/extraction/data/sentences_1.jsonl --sentences tests/extraction/data/sentences_2.jsonl \
		--sentences tests/extraction/data/sentences_3.jsonl --sentences tests/extraction/data/sentences_4.jsonl \
		--sentences tests/extraction/data/sentences_5.jsonl --sentences tests/extraction/data/sentences_6.jsonl \
		--sentences tests/extraction/data/sentences_7.jsonl --sentences tests/extraction/data/sentences_8.jsonl \
		--sentences tests/extraction/data/sentences_9.jsonl --sentences tests/extraction/data/sentences_10.jsonl \
		--sentences tests/extraction/data/sentences_11.jsonl --sentences tests/extraction/data/sentences_12.jsonl \
		--sentences tests/extraction/data/sentences_13.jsonl --sentences tests/extraction/data/sentences_14.jsonl \
		--sentences tests/extraction/data/sentences_15.jsonl --sentences tests/extraction/data/sentences_16.jsonl \
		--sentences tests/extraction/data/sentences_17.jsonl --sentences tests/extraction/data/sentences_18.jsonl \
		--sentences tests/extraction/data/sentences_19.jsonl --sentences tests/extraction/data/sentences_20.jsonl \
		--sentences tests/extraction/data/sentences_21.jsonl --sentences tests/extraction/data/sentences_22.jsonl \
		--sentences tests/extraction/data/sentences_23.jsonl --sentences tests/extraction/data/sentences_24.jsonl \
		--sentences tests/extraction/data/sentences_25.jsonl --sentences tests/extraction/data/sentences_26.jsonl \
		--sentences tests/extraction/data/sentences_27.jsonl --sentences tests/extraction/data/sentences_28.jsonl \
		--sentences tests/extraction/data/sentences_29.jsonl --sentences tests/extraction/data/sentences_30.jsonl \
		--sentences tests/extraction/data/sentences_31.jsonl --sentences tests/extraction/data/sentences_32.jsonl \
		--sentences tests/extraction/data/sentences_33.jsonl --sentences tests/extraction/data/sentences_34.jsonl \
		--sentences tests/extraction/data/sentences_35.jsonl --sentences tests/extraction/data/sentences_36.jsonl \
		--sentences tests/extraction/data/sentences_37.jsonl --sentences tests/extraction/data/sentences_38.jsonl \
		--sentences tests/extraction/data/sentences_39.jsonl \
		--tally-only

# Confidence against the share of right events, on the blind sets (issue 13).
reliability: install
	$(BIN)/python -m libs.evaluation.reliability --shared $(SHARED)

# Re-count the engine's events per confidence feature vector on every gold set and re-fit the weights
# of `confidence` (prints the block of libs/extraction/occasions.py; libs/evaluation/README.md).
fit-confidence: install
	$(BIN)/python -m libs.evaluation.fit_confidence --shared $(SHARED) --collect

bench: bench-extract bench-fetcher bench-store bench-pipeline

bench-extract: install
	$(BIN)/python benchmarks/bench_extract.py --shared $(SHARED) --scaling

bench-pipeline: install
	$(BIN)/python benchmarks/bench_pipeline.py --shared $(SHARED)

bench-fetcher: install
	$(BIN)/python benchmarks/bench_fetcher.py --shared $(SHARED)

bench-fetcher-web: install
	$(BIN)/python benchmarks/bench_fetcher_web.py

# Backfill of the full corpus, then `accord replay` of everything: replay rate and store catch-up time.
bench-replay: install
	$(BIN)/python benchmarks/bench_replay.py --shared $(SHARED)

bench-store: install
	$(BIN)/python -m benchmarks.bench_store --articles 5000

# 1,000,000 events through the store's write path, then the API at a constant arrival rate (see the script).
bench-api: install
	$(BIN)/python -m benchmarks.bench_api $(BENCH_API_ARGS)

# 5 minutes of a local news site at 50 articles/s through the whole stack while the API takes 100 requests/s
# (throughput per stage, publish-to-queryable latency, lag, errors, peak RSS per service; docs/reliability/load.md).
bench-load: install
	$(BIN)/python -m benchmarks.bench_load --shared $(SHARED) $(BENCH_LOAD_ARGS)

# A backlog of 50,000 articles on articles.raw drained by the extractors and the store: drain rate, memory per service.
bench-backlog: install
	$(BIN)/python -m benchmarks.bench_backlog --shared $(SHARED) $(BENCH_BACKLOG_ARGS)

# Schemathesis with many examples per operation (make test runs the same with 15).
fuzz: install
	ACCORD_FUZZ_EXAMPLES=$${ACCORD_FUZZ_EXAMPLES:-1000} $(BIN)/pytest -q -ra tests/store/api/test_openapi_fuzz.py

# The fault tests of `make test` (tests/integration/test_faults.py), longer: more kills, more articles,
# a longer Postgres outage. ACCORD_FAULT_SEED=N replays a schedule; docs/reliability/faults.md has the figures.
reliability-faults: install
	ACCORD_FAULT_KILLS=$${ACCORD_FAULT_KILLS:-5} ACCORD_FAULT_ARTICLES=$${ACCORD_FAULT_ARTICLES:-1000} \
	ACCORD_FAULT_PAGES=$${ACCORD_FAULT_PAGES:-30} ACCORD_FAULT_DOWN_S=$${ACCORD_FAULT_DOWN_S:-30} \
	ACCORD_FAULT_FREEZE_S=$${ACCORD_FAULT_FREEZE_S:-30} \
	ACCORD_FAULT_BROKER_LATE_S=$${ACCORD_FAULT_BROKER_LATE_S:-30} \
	$(BIN)/pytest -q -ra -s -p no:cacheprovider tests/integration/test_faults.py

# Not part of `make bench`: design measurements (sync step in a thread vs inline; extractor processes).
bench-runtime: install
	$(BIN)/python -m benchmarks.bench_runtime

bench-extractor: install
	$(BIN)/python -m benchmarks.bench_extractor --shared $(SHARED)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache $(WEB)/node_modules services/store/dashboard/static

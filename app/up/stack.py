"""`accord up` (what `make run` runs): the whole pipeline on one machine.

1. Infrastructure: the embedded broker and/or Postgres, unless
   `ACCORD_KAFKA_BOOTSTRAP_SERVERS` / `ACCORD_DATABASE_URL` point at external ones.
2. Topics created, migrations applied (store, fetcher).
3. With the embedded (memory-only) broker, nothing survives a restart in
   Kafka: fetcher ledger entries that the store never confirmed as extracted
   are forgotten so those articles are published again (see `reconcile`). Should the embedded
   broker die while running, it is started again on the same port and the same reconciliation
   runs with the fetcher stopped meanwhile (`recover_broker`). With `--until-idle`, once nothing
   is waiting anywhere, published articles the store does not confirm (no summary, or not every
   event it lists: records the broker lost) are published again the same way before the run
   ends (`republish_unconfirmed`).
4. The services as supervised child processes: the store (API on
   `--api-port`), `--extractors` extractor processes, the fetcher (when a
   source is configured). A crashed child is restarted with backoff.
5. A live progress line until Ctrl-C / SIGTERM, which stops everything.

The fetcher follows its sources (web sources are polled on their interval) unless every
source is a local file, or `--until-idle` is given: then it runs `--once` (each source
scanned or polled once, like `accord fetcher --once`). With `--until-idle` the fetcher is
a one-shot job, never restarted, and `accord up` exits once it has finished and everything
it published is stored: exit 0, or 1 when the fetcher reported a failed source (an
unreachable feed, say) or crashed; what was published is stored before it exits either way.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import structlog

from app.up.progress import ProgressLine, ProgressSources
from app.up.supervisor import ProcessSpec, Supervisor
from libs.contracts.topics import TopicSettings, all_topics
from libs.infra.broker import EmbeddedBroker, free_port
from libs.infra.postgres import EmbeddedPostgres
from libs.runtime.kafka_security import kafka_security_kwargs
from libs.runtime.settings import CommonSettings
from libs.runtime.topics import ensure_topics

log = structlog.get_logger(__name__)

#: how often `--until-idle` publishes again what the store holds incomplete before it gives up
REPUBLISH_ROUNDS = 3

#: source kinds that read local files (finite: the fetcher can run them `--once`)
LOCAL_KINDS = frozenset({"jsonl", "folder"})


@dataclass
class UpOptions:
    sources: list[str] = field(default_factory=list)
    sources_file: Path | None = None
    sources_file_is_default: bool = False
    state_dir: Path = Path(".accord")
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    extractors: int = 2
    until_idle: bool = False
    idle_seconds: float = 5.0
    progress_interval: float = 2.0


def accord_argv(*args: str) -> list[str]:
    """argv that runs an `accord` subcommand with this interpreter."""
    return [sys.executable, "-m", "app.cli", *args]


class Stack:
    """Owns the infrastructure and the supervised services of one `accord up`."""

    def __init__(self, opts: UpOptions, settings: CommonSettings | None = None) -> None:
        self.opts = opts
        self.settings = settings or CommonSettings()
        self.topics = TopicSettings()
        self.broker: EmbeddedBroker | None = None
        self.postgres: EmbeddedPostgres | None = None
        self.supervisor: Supervisor | None = None
        self.republish_rounds = 0
        self.progress: ProgressLine | None = None
        self.bootstrap = self.settings.kafka_bootstrap_servers
        self.database_url = self.settings.database_url
        self.child_env: dict[str, str] = {}
        self.metrics_ports: dict[str, int] = {}

    # -- infrastructure -------------------------------------------------------
    def start_infrastructure(self) -> None:
        state = self.opts.state_dir.resolve()
        (state / "logs").mkdir(parents=True, exist_ok=True)
        if not self.bootstrap:
            self.broker = EmbeddedBroker(log_path=state / "logs" / "broker.log")
            self.bootstrap = self.broker.start()
            print(f"[accord] embedded Kafka broker (Tansu, memory-only) on {self.bootstrap}", flush=True)
        else:
            print(f"[accord] external Kafka at {self.bootstrap}", flush=True)
        if not self.database_url:
            pg_dir = state / "postgres"
            state.chmod(0o755)  # pgserver runs postgres as an unprivileged user when we are root
            self.postgres = EmbeddedPostgres(pg_dir)
            self.database_url = self.postgres.start()
            print(f"[accord] embedded PostgreSQL, data in {pg_dir}", flush=True)
        else:
            from libs.runtime.db import redacted

            print(f"[accord] external PostgreSQL at {redacted(self.database_url)}", flush=True)
        security = {} if self.broker is not None else kafka_security_kwargs(self.settings)
        asyncio.run(ensure_topics(self.bootstrap, all_topics(self.topics), security=security))
        self.child_env = {
            "ACCORD_KAFKA_BOOTSTRAP_SERVERS": self.bootstrap,
            "ACCORD_DATABASE_URL": self.database_url,
            "ACCORD_STATE_DIR": str(state),
            "ACCORD_LOG_FORMAT": "json",
        }
        # the embedded broker and Postgres speak plain TCP: TLS settings are for external ones
        if self.broker is not None:
            self.child_env["ACCORD_KAFKA_IDEMPOTENCE"] = "false"
            self.child_env["ACCORD_KAFKA_SECURITY_PROTOCOL"] = "PLAINTEXT"
        if self.postgres is not None:
            self.child_env["ACCORD_DATABASE_SSLMODE"] = "disable"

    def migrate(self) -> None:
        """Apply the store's and the fetcher's migrations (each owns its tables)."""
        import subprocess

        env = {**os.environ, **self.child_env}
        log_path = self.opts.state_dir.resolve() / "logs" / "migrate.log"
        for service in ("store", "fetcher"):
            with open(log_path, "ab") as out:
                done = subprocess.run(accord_argv(service, "migrate"), env=env, stdout=out, stderr=out)
            if done.returncode != 0:
                tail = log_path.read_text(errors="replace").splitlines()[-15:]
                raise SystemExit(
                    f"accord up: {service} migrations failed (see {log_path}):\n" + "\n".join(tail)
                )
        print("[accord] migrations applied (store, fetcher)", flush=True)

    def reconcile(self) -> int:
        """Embedded broker only: forget ledger entries the store has not confirmed; returns how many."""
        if self.broker is None:
            return 0
        from app.up.reconcile import forget_unconfirmed

        n = forget_unconfirmed(self.database_url)
        if n:
            print(
                f"[accord] {n} articles published before the last stop never reached the store: "
                "they will be fetched again",
                flush=True,
            )
        return n

    # -- services ---------------------------------------------------------------
    def service_specs(self) -> list[ProcessSpec]:
        logs = self.opts.state_dir.resolve() / "logs"
        specs = []
        port = free_port()
        self.metrics_ports["store"] = self.opts.api_port
        specs.append(
            ProcessSpec(
                name="store",
                argv=accord_argv("store"),
                env={
                    **self.child_env,
                    "ACCORD_API_HOST": self.opts.api_host,
                    "ACCORD_API_PORT": str(self.opts.api_port),
                },
                log_path=logs / "store.log",
            )
        )
        for i in range(self.opts.extractors):
            port = free_port()
            self.metrics_ports[f"extractor-{i + 1}"] = port
            specs.append(
                ProcessSpec(
                    name=f"extractor-{i + 1}",
                    argv=accord_argv("extractor"),
                    env={**self.child_env, "ACCORD_METRICS_PORT": str(port)},
                    log_path=logs / f"extractor-{i + 1}.log",
                )
            )
        fetch_args = self.fetcher_args()
        if fetch_args:
            port = free_port()
            self.metrics_ports["fetcher"] = port
            specs.append(
                ProcessSpec(
                    name="fetcher",
                    argv=accord_argv("fetcher", *fetch_args),
                    env={**self.child_env, "ACCORD_METRICS_PORT": str(port)},
                    log_path=logs / "fetcher.log",
                    restart=not self.opts.until_idle,  # one-shot: its exit (0, or 1: a source failed) is final
                )
            )
        return specs

    def fetcher_args(self) -> list[str]:
        """The fetcher's arguments, or [] when no usable source is configured.

        Sources (`--source` and the sources file) are checked here so that a typo
        fails `accord up` at once instead of crash-looping the fetcher. A source of
        the *default* sources file whose local path is missing (the shared corpus on
        another machine) is left out with a notice. The usable sources are written
        to `<state-dir>/sources.effective.yaml`, which the fetcher reads. With local
        sources only, or with `until_idle`, the fetcher runs `--once`: it exits when each
        source was read (web sources: polled) once (a later run skips what its ledger
        already holds); otherwise it follows the web sources.
        """
        import yaml

        from services.fetcher.config import collect_sources, parse_source_spec

        explicit = {parse_source_spec(spec).name for spec in self.opts.sources}
        usable = []
        for cfg in collect_sources(self.opts.sources, self.opts.sources_file):
            if cfg.path is not None and not cfg.path.exists():
                if cfg.optional or (self.opts.sources_file_is_default and cfg.name not in explicit):
                    print(f"[accord] source {cfg.name!r} left out: {cfg.path} does not exist", flush=True)
                    continue
                raise SystemExit(f"accord up: source {cfg.name!r}: {cfg.path} does not exist")
            usable.append(cfg)
        if not usable:
            return []
        effective = self.opts.state_dir.resolve() / "sources.effective.yaml"
        entries = [
            cfg.model_dump(mode="json", exclude_defaults=True)
            | ({"path": str(cfg.path.resolve())} if cfg.path else {})
            for cfg in usable
        ]
        effective.write_text(
            "# Written by `accord up` from --source and the sources file; edit those instead.\n"
            + yaml.safe_dump({"sources": entries}, sort_keys=False),
            encoding="utf-8",
        )
        args = ["--sources-file", str(effective)]
        if self.opts.until_idle or all(cfg.kind in LOCAL_KINDS for cfg in usable):
            args.append("--once")
        return args

    def run(self) -> int:
        """Start everything and block until a signal (or idleness with `until_idle`); stop cleanly.

        Returns the exit code: 0, or 1 when `until_idle` ended with a fetcher that failed.
        """
        stop = threading.Event()

        def _on_signal(signum: int, _frame: object) -> None:
            stop.set()

        old = {s: signal.signal(s, _on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        started = time.monotonic()
        try:
            self.start_infrastructure()
            self.migrate()
            self.reconcile()
            self.start_services()
            self.progress = ProgressLine(
                ProgressSources(self.metrics_ports, self.database_url), tty=sys.stdout.isatty()
            )
            return 0 if self.watch(stop, started) else 1
        finally:
            self.shutdown()
            for s, handler in old.items():
                signal.signal(s, handler)

    def start_services(self) -> None:
        specs = self.service_specs()
        if not any(s.name == "fetcher" for s in specs):
            print(
                "[accord] no source configured: the fetcher is not started "
                "(use --source jsonl:PATH / folder:PATH or --sources-file FILE)",
                flush=True,
            )
        self.supervisor = Supervisor(specs)
        self.supervisor.start()
        print(f"[accord] API on http://{self.opts.api_host}:{self.opts.api_port} "
              f"(docs at /docs); logs in {self.opts.state_dir / 'logs'}; Ctrl-C stops everything",
              flush=True)  # fmt: skip

    def watch(self, stop: threading.Event, started: float) -> bool:
        """Supervise and print progress until `stop` (or, with `until_idle`, until everything is stored).

        False when `until_idle` ended and the fetcher had failed (reported here), True otherwise.
        """
        assert self.supervisor is not None and self.progress is not None
        idle_since: float | None = None
        while not stop.wait(self.opts.progress_interval):
            if self.broker is not None and not self.broker.running():
                self.recover_broker()
            self.supervisor.poll()
            snap = self.progress.tick()
            if not self.opts.until_idle:
                continue
            done = "fetcher" not in self.supervisor.status() or self.supervisor.finished("fetcher")
            if not (done and snap.quiet()):
                idle_since = None
                continue
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since < self.opts.idle_seconds:
                continue
            if self.republish_unconfirmed():
                idle_since = None
                continue
            # a durable broker still holds what is not stored yet; the embedded one was just reconciled
            if snap.idle() or self.broker is not None:
                self.progress.final(time.monotonic() - started - self.opts.idle_seconds)
                return self.fetcher_succeeded()
        return True

    def recover_broker(self) -> bool:
        """The embedded broker died, and with it every record and offset (memory-only): start it again on
        the same port, create the topics, and have the fetcher publish again what the store never
        confirmed (it is stopped meanwhile, so its saved progress cannot pass what was forgotten).
        The extractors and the store are killed before the broker starts and started again after it
        (new processes: no position or staged offset of the lost log; what they held is re-delivered,
        at-least-once). False when the broker did not start (the next tick tries again)."""
        from libs.infra.errors import InfraError

        assert self.broker is not None and self.supervisor is not None
        names = list(self.supervisor.status())
        consumers = [n for n in names if n == "store" or n.startswith("extractor")]
        print("[accord] the embedded broker stopped: restarting it", flush=True)
        log.warning("up.broker_lost", bootstrap_servers=self.bootstrap)
        if "fetcher" in names:
            self.supervisor.stop_child("fetcher")
        # positions and offsets of the lost log must not reach the new one (the new log's first
        # records would be skipped): the consumers start again as new processes once it is up
        self.supervisor.kill(consumers)
        try:
            self.broker.start()
            asyncio.run(ensure_topics(self.bootstrap, all_topics(self.topics), security={}))  # plain TCP
        except (InfraError, OSError) as exc:
            print(f"[accord] the embedded broker did not start again ({exc}); retrying", flush=True)
            return False
        self.reconcile()
        for name in [*consumers, *(["fetcher"] if "fetcher" in names else [])]:
            self.supervisor.start_child(name)
        log.info("up.broker_recovered", bootstrap_servers=self.bootstrap)
        return True

    def republish_unconfirmed(self) -> bool:
        """Once quiet (nothing waiting anywhere), embedded broker only: have the fetcher publish again
        every published article the store does not confirm (no summary, or not every event it lists:
        records the memory-only broker lost); True when the fetcher was started for them.

        At most `REPUBLISH_ROUNDS` rounds: an article whose events the store dead-lettered stays
        unconfirmed, and the run then ends with a line saying how many."""
        assert self.supervisor is not None
        if self.broker is None or "fetcher" not in self.supervisor.status():
            return False
        from app.up.reconcile import count_unconfirmed, forget_unconfirmed

        if self.republish_rounds >= REPUBLISH_ROUNDS:
            if n := count_unconfirmed(self.database_url):
                print(f"[accord] {n} published articles are still not (fully) stored after "
                      f"{REPUBLISH_ROUNDS} rounds (dead letters? see the store's log)", flush=True)  # fmt: skip
            return False
        n = forget_unconfirmed(self.database_url)
        if not n:
            return False
        self.republish_rounds += 1
        print(f"[accord] {n} published articles are not (fully) stored: lost in the embedded broker; "
              "publishing them again", flush=True)  # fmt: skip
        log.warning("up.republish_unconfirmed", articles=n, round=self.republish_rounds)
        self.supervisor.start_child("fetcher")
        return True

    def fetcher_succeeded(self) -> bool:
        """Whether the fetcher (if any) exited 0; a line pointing at its log when it did not."""
        assert self.supervisor is not None
        code = self.supervisor.exit_code("fetcher") if "fetcher" in self.supervisor.status() else 0
        if code:
            fetcher_log = self.opts.state_dir / "logs" / "fetcher.log"
            print(
                f"[accord] the fetcher exited {code}: a source failed or the fetcher crashed "
                f"(fetcher.source.error / fetcher.failed in {fetcher_log}); what it published is stored",
                flush=True,
            )
        return not code

    def shutdown(self) -> None:
        """Stop the fetcher first, then the extractors, then the store; the infrastructure last.

        The embedded broker and Postgres run in sessions of their own, so a terminal's Ctrl-C
        does not reach them: they serve the services' drain (final commits) and stop after it.
        """
        print("\n[accord] stopping...", flush=True)
        if self.supervisor is not None:
            names = list(self.supervisor.status())
            codes = self.supervisor.stop(
                order=[["fetcher"], [n for n in names if n.startswith("extractor")], ["store"]]
            )
            listed = ", ".join(f"{name} {'-' if code is None else code}" for name, code in codes.items())
            print(f"[accord] services stopped (exit codes): {listed}", flush=True)
        if self.progress is not None:
            self.progress.close()
        if self.broker is not None:
            self.broker.stop()
        if self.postgres is not None:
            self.postgres.stop()
        print("[accord] stopped", flush=True)

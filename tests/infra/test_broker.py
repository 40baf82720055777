"""The embedded broker: starts, stops without leaving a process, and runs in a session of its own."""

from __future__ import annotations

import os

import pytest

from libs.infra.broker import EmbeddedBroker

pytestmark = pytest.mark.integration


def test_broker_stop_leaves_no_process() -> None:
    broker = EmbeddedBroker()
    broker.start()
    pid = broker.pid
    broker.stop()
    assert not broker.running()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_broker_is_out_of_reach_of_a_terminal_ctrl_c() -> None:
    """Its own session and process group: SIGINT to our foreground group does not reach it."""
    with EmbeddedBroker() as broker:
        assert broker.pid is not None
        assert os.getpgid(broker.pid) != os.getpgid(0)
        assert os.getsid(broker.pid) == broker.pid

"""A long import never makes a concurrent save fail (issue 20, finding 8): a save waits for
the writer lock beyond SQLite's busy timeout, and says once that it waits."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from screener import services
from screener.clock import FixedClock
from screener.store import db as store_db
from tests.unit.store.conftest import ADMIN, ADMIN_PASSWORD, WORKER, WORKER_PASSWORD, raw_connection


def test_a_save_waits_for_a_writer_that_holds_the_lock_past_the_busy_timeout(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_db, "_BUSY_TIMEOUT_S", 0.05)  # each attempt gives up quickly
    clock = FixedClock.on(date(2026, 11, 25))
    services.open_session(db_path, WORKER, WORKER_PASSWORD, clock).close()
    session = services.open_session(db_path, WORKER, WORKER_PASSWORD, clock)
    waiting = threading.Event()
    session.repos.db.on_wait = waiting.set
    importer = raw_connection(db_path, ADMIN, ADMIN_PASSWORD)
    importer.execute("PRAGMA busy_timeout = 5000")
    importer.execute("BEGIN IMMEDIATE")  # what a long import holds
    outcome: list[object] = []

    def save() -> None:
        try:
            outcome.append(services.create_client(session, services.ClientIdentity("Ana", "B")))
        except Exception as exc:  # noqa: BLE001 - recorded for the assertion
            outcome.append(exc)

    saver = threading.Thread(target=save)
    saver.start()
    assert waiting.wait(timeout=60)
    for _ in range(5):  # several busy timeouts pass while the lock is held
        saver.join(timeout=0.05)
        assert saver.is_alive() and not outcome
    importer.execute("COMMIT")
    importer.close()
    saver.join(timeout=60)
    assert isinstance(outcome[0], services.Client)
    session.close()

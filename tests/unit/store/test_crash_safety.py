"""kill -9 in the middle of a stream of autosaves loses nothing that was acknowledged and
leaves a database that opens and passes both integrity checks (DESIGN §6)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from screener import services
from screener.clock import FixedClock
from screener.store.records import ClientIdentity
from screener.store.sqlite import Connection
from tests.unit.store.conftest import ADMIN, ADMIN_PASSWORD, raw_connection

KILLS = 20
WRITER = Path(__file__).with_name("crash_writer.py")
REPO = Path(__file__).resolve().parents[3]


def _run_and_kill(db: Path, intake_id: str, first: int, acks: int, rng: random.Random) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "SCREENER_KDF_FAST": "1"}
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(db), intake_id, str(first)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
        lines = [proc.stdout.readline() for _ in range(acks)]
        time.sleep(rng.random() * 0.004)  # land somewhere inside a later write
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        # printed before the kill: acknowledged too, but only whole lines (a line cut short by
        # the kill was never acknowledged)
        lines += proc.stdout.read().splitlines(keepends=True)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        if proc.stderr is not None:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return [line for line in lines if line.endswith("\n") and line.strip()]


def _check_integrity(conn: Connection) -> None:
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []


def _number(value: object) -> int:
    return int(value.split()[0]) if isinstance(value, str) else -1


@pytest.mark.reliability
def test_kill_9_during_autosave_keeps_every_acknowledged_answer(
    db_path: Path, clock: FixedClock
) -> None:
    with services.open_session(db_path, ADMIN, ADMIN_PASSWORD, clock) as session:
        client = services.create_client(session, ClientIdentity("Crash", "Test"))
        intake_id = services.start_intake(session, client.id, "intake", 1).id
    rng = random.Random(20261125)
    acknowledged: dict[str, int] = {}
    writes = 0
    first = 1
    for _ in range(KILLS):
        for line in _run_and_kill(db_path, intake_id, first, rng.randint(1, 120), rng):
            field, number = line.split()
            acknowledged[field] = int(number)
            writes += 1
            first = max(first, int(number) + 1)
        first += 1  # a write may have committed after its line was lost: never reuse numbers
        conn = raw_connection(db_path)
        _check_integrity(conn)
        conn.close()
        with services.open_session(db_path, ADMIN, ADMIN_PASSWORD, clock) as session:
            stored = services.answer_values(session, intake_id)
        lost = {f: n for f, n in acknowledged.items() if _number(stored.get(f)) < n}
        assert lost == {}
    assert writes > KILLS

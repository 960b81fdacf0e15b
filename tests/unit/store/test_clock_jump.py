"""A laptop whose clock jumped back is warned at sign-in (issue 20, finding 3)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from screener import services
from screener.clock import FixedClock
from tests.unit.store.conftest import WORKER, WORKER_PASSWORD


def test_sign_in_warns_when_the_clock_went_back(db_path: Path, clock: FixedClock) -> None:
    services.open_session(db_path, WORKER, WORKER_PASSWORD, clock).close()  # 2026-11-25
    with services.open_session(db_path, WORKER, WORKER_PASSWORD, clock) as session:
        assert session.clock_jump is None
    back = FixedClock.on(date(2026, 1, 1))
    with services.open_session(db_path, WORKER, WORKER_PASSWORD, back) as session:
        assert session.clock_jump is not None
        now, last = session.clock_jump
        assert now.startswith("2026-01-01") and last.startswith("2026-11-25")

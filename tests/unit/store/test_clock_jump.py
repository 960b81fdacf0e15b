"""A laptop whose clock jumped back or ahead is warned at sign-in (issue 20, finding 3);
ahead, its changes are stamped no later than the office accepts until the date is confirmed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from screener import services
from screener.clock import FixedClock
from tests.unit.store.conftest import WORKER, WORKER_PASSWORD


def _used_on(db_path: Path, clock: FixedClock) -> None:
    """Sign in on `clock`'s date (the template database was made weeks before it)."""
    with services.open_session(db_path, WORKER, WORKER_PASSWORD, clock) as session:
        session.confirm_clock()


def test_sign_in_warns_when_the_clock_went_back(db_path: Path, clock: FixedClock) -> None:
    _used_on(db_path, clock)  # 2026-11-25
    with services.open_session(db_path, WORKER, WORKER_PASSWORD, clock) as session:
        assert session.clock_jump is None
    back = FixedClock.on(date(2026, 1, 1))
    with services.open_session(db_path, WORKER, WORKER_PASSWORD, back) as session:
        assert session.clock_jump is not None
        now, last = session.clock_jump
        assert now.startswith("2026-01-01") and last.startswith("2026-11-25")


def _stamp_of_new_client(session: services.Session) -> str:
    client = services.create_client(session, services.ClientIdentity("Rosa", "Quintero"))
    row = session.repos.db.conn.execute(
        "SELECT updated_at FROM clients WHERE id = ?", (client.id,)).fetchone()
    return str(row[0])


def test_sign_in_warns_when_the_clock_jumped_ahead_and_stamps_stay_within_a_day(
    db_path: Path, clock: FixedClock
) -> None:
    _used_on(db_path, clock)  # 2026-11-25
    ahead = FixedClock.on(date(2027, 6, 1))
    for _ in range(2):  # warned at every sign-in until the date is confirmed
        with services.open_session(db_path, WORKER, WORKER_PASSWORD, ahead) as session:
            assert session.clock_jump is not None and session.clock_ahead
            now, last = session.clock_jump
            assert now.startswith("2027-06-01") and last.startswith("2026-11-25")
            # never stamped later than the office accepts: a day after the newest time
            assert _stamp_of_new_client(session) <= "2026-11-26T23:59"
    with services.open_session(db_path, WORKER, WORKER_PASSWORD, ahead) as session:
        session.confirm_clock()
        assert session.clock_jump is None
        assert _stamp_of_new_client(session).startswith("2027-06-01")
        assert "clock.confirmed" in [e.action for e in session.repos.audit.entries(limit=1000)]
    with services.open_session(db_path, WORKER, WORKER_PASSWORD, ahead) as session:
        assert session.clock_jump is None


def test_a_clock_set_right_again_lifts_the_limit(db_path: Path, clock: FixedClock) -> None:
    _used_on(db_path, clock)
    with services.open_session(db_path, WORKER, WORKER_PASSWORD,
                               FixedClock.on(date(2099, 12, 31))) as session:
        assert session.clock_ahead
    clock.advance(hours=2)
    with services.open_session(db_path, WORKER, WORKER_PASSWORD, clock) as session:
        # the clock went back from 2099 (said once), and stamps follow it again
        assert session.clock_jump is not None and not session.clock_ahead
        assert _stamp_of_new_client(session).startswith(clock.now().date().isoformat())
    with services.open_session(db_path, WORKER, WORKER_PASSWORD, clock) as session:
        assert session.clock_jump is None

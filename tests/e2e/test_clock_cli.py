"""`screener clock confirm`: after a warning that this computer's clock jumped ahead of the
database (issue 20), the person confirms the date from the command line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from screener import services
from screener.clock import FixedClock
from tests.e2e.test_store_cli import run

PASSWORD = "clock-cli-password"


def test_a_clock_ahead_is_warned_until_confirmed(tmp_path: Path) -> None:
    db = tmp_path / "screener.db"
    # last used ten days before this computer's (real) clock: the CLI sees a jump ahead
    services.create_database(db, "admin", PASSWORD,
                             FixedClock(datetime.now(UTC) - timedelta(days=10)))
    d = ("--db", str(db))
    warned = run("audit", "verify", *d, user="admin", password=PASSWORD)
    assert warned.returncode == 0 and "more than a day after" in warned.stderr
    assert "screener clock confirm" in warned.stderr
    again = run("audit", "verify", *d, user="admin", password=PASSWORD)
    assert "more than a day after" in again.stderr  # until confirmed
    confirmed = run("clock", "confirm", *d, user="admin", password=PASSWORD)
    assert confirmed.returncode == 0 and "confirmed" in confirmed.stdout
    quiet = run("audit", "verify", *d, user="admin", password=PASSWORD)
    assert quiet.returncode == 0 and quiet.stderr == ""

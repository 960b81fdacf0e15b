"""Fixtures for the store and session tests: sessions on a fresh copy of the small template
database (`db_path`, tests/conftest.py), raw connections."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from screener import services
from screener.clock import FixedClock
from screener.store.keyslots import keys_path_for, load_keys_file, unwrap_key
from screener.store.sqlite import Connection, connect
from tests.databases import ADMIN, ADMIN_PASSWORD, WORKER, WORKER_PASSWORD


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock.on(date(2026, 11, 25))


@pytest.fixture
def admin(db_path: Path, clock: FixedClock) -> Iterator[services.Session]:
    session = services.open_session(db_path, ADMIN, ADMIN_PASSWORD, clock)
    yield session
    session.close()


@pytest.fixture
def worker(db_path: Path, clock: FixedClock) -> Iterator[services.Session]:
    session = services.open_session(db_path, WORKER, WORKER_PASSWORD, clock)
    yield session
    session.close()


def raw_connection(path: Path, user: str = ADMIN, password: str = ADMIN_PASSWORD) -> Connection:
    """A plain SQLCipher connection with the database key: what someone with the key (or a
    tool like the sqlcipher shell) could do behind Screener's back."""
    key = unwrap_key(load_keys_file(keys_path_for(path)), user, password)
    conn = connect(path.resolve().as_uri() + "?mode=rw")
    conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
    return conn


def file_bytes(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


#: The fewest answers that let the intake questionnaire be completed.
REQUIRED_ANSWERS = {
    "first_name": "Rosa", "last_name": "Quintero", "dob": "1990-04-02", "gender": "woman",
    "preferred_language": "es", "county_of_residence": "los_angeles", "in_custody": False,
    "release_date": "2026-10-01",
    "release_facility_type": "county_jail", "supervision_type": "none",
    "housing_status": "unsheltered",
}


def answer_required(session: services.Session, intake_id: str) -> None:
    """Answer what the intake form requires (only the questions not answered yet)."""
    given = services.answer_values(session, intake_id)
    for field_id, value in REQUIRED_ANSWERS.items():
        if field_id not in given:
            services.save_answer(session, intake_id, field_id, value)

"""Upgrading databases written by older versions keeps every row (STYLE: upgrades tested
against real old files)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from screener import services
from screener.clock import FixedClock
from screener.store.keyslots import keys_path_for
from screener.store.migrations import latest_version
from screener.store.sqlite import Connection, scalar
from tests.unit.store import old_schema
from tests.unit.store.conftest import raw_connection

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
Snapshot = dict[str, tuple[list[str], list[tuple[object, ...]]]]
#: One-row state tables that every write moves on (the change counter, the audit head).
STATE_TABLES = {"sync_clock", "audit_head"}


def _snapshot(conn: Connection) -> Snapshot:
    """Columns and rows of every ordinary table (FTS shadow tables excluded)."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'client_search%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
    )]
    snap: Snapshot = {}
    for table in tables:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        snap[table] = (columns, rows)
    return snap


def _open_raw(path: Path) -> Connection:
    return raw_connection(path, "admin", old_schema.PASSWORDS["admin"])


def _assert_rows_kept(before: Snapshot, path: Path) -> None:
    conn = _open_raw(path)
    for table, (columns, rows) in before.items():
        if table in STATE_TABLES:
            continue
        after = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        missing = [row for row in rows if row not in after]
        assert missing == [], f"{table} lost rows in the upgrade"
    conn.close()


def _check_upgraded(path: Path, clock: FixedClock) -> None:
    with services.open_session(path, "admin", old_schema.PASSWORDS["admin"], clock) as session:
        assert scalar(session.repos.db.conn, "PRAGMA user_version") == latest_version()
        found = services.find_clients(session, "garcia").clients
        assert [c.id for c in found] == [old_schema.CLIENT_IDS[0]]
        assert services.find_clients(session, "3235550142").clients == found
        assert services.find_clients(session, "1984-07-09").clients == found
        assert [c.id for c in services.find_clients(session, "AB1234").clients] == [
            old_schema.CLIENT_IDS[1]]
        values = services.answer_values(session, old_schema.INTAKE_ID)
        assert values["children"] == [{"age": 4}, {"age": 7}]
        history = services.answer_history(session, old_schema.INTAKE_ID, "housing_status")
        assert [v.value for v in history] == ["unsheltered", "rent_own"]
        intake = services.get_intake(session, old_schema.INTAKE_ID)
        assert (intake.current_section, intake.current_question) == ("housing", "housing_status")
        assert services.verify_audit(session).ok
        # The upgraded database keeps working: new records get later stamps.
        client = services.create_client(session, services.ClientIdentity("New", "Person"))
        assert client.seq == 8 and client.updated_at > old_schema._hlc(7)
    with services.open_session(path, "ana", old_schema.PASSWORDS["ana"], clock) as session:
        assert session.role is services.Role.INTAKE


def test_upgrade_from_the_previous_schema_keeps_every_row(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "screener.db"
    old_schema.build_database(path, schema_version=latest_version() - 1)
    conn = _open_raw(path)
    assert scalar(conn, "PRAGMA user_version") == latest_version() - 1
    before = _snapshot(conn)
    conn.close()
    assert all(rows for table, (_, rows) in before.items() if table in (
        "settings", "users", "clients", "intakes", "answers", "answer_history", "audit"))
    _check_upgraded(path, clock)
    _assert_rows_kept(before, path)


def test_committed_schema_1_fixture_opens_and_upgrades(tmp_path: Path, clock: FixedClock) -> None:
    """tests/fixtures/db_v1.sqlcipher was written by schema-1 code (passwords: see old_schema)."""
    path = tmp_path / "screener.db"
    shutil.copyfile(FIXTURES / "db_v1.sqlcipher", path)
    shutil.copyfile(FIXTURES / "db_v1.sqlcipher.keys", keys_path_for(path))
    conn = _open_raw(path)
    assert scalar(conn, "PRAGMA user_version") == 1
    before = _snapshot(conn)
    conn.close()
    _check_upgraded(path, clock)
    _assert_rows_kept(before, path)


@pytest.mark.parametrize("version", range(1, latest_version() + 1))
def test_every_schema_version_upgrades_to_the_latest(
    tmp_path: Path, clock: FixedClock, version: int
) -> None:
    path = tmp_path / "screener.db"
    old_schema.build_database(path, schema_version=version)
    _check_upgraded(path, clock)

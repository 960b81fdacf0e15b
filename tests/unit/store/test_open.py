"""Opening the database: settings, refusals, and never touching a file that fails to open."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from screener import services
from screener.clock import FixedClock
from screener.errors import (
    DatabaseNotFound,
    InputError,
    KeysFileError,
    NewerSchema,
    NotADatabase,
    StoreError,
)
from screener.store import migrations
from screener.store.db import PAGE_CACHE_KIB, SQLITE_HEAP_LIMIT
from screener.store.keyslots import keys_path_for
from screener.store.migrations import Migration, all_migrations, latest_version
from screener.store.sqlite import connect, scalar
from tests.unit.store.conftest import ADMIN, ADMIN_PASSWORD, raw_connection


def _digest(folder: Path) -> dict[str, str]:
    """Every file in `folder` and a hash of its content."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_connection_uses_the_safe_settings(admin: services.Session) -> None:
    conn = admin.repos.db.conn
    assert scalar(conn, "PRAGMA journal_mode") == "wal"
    assert scalar(conn, "PRAGMA synchronous") == 2  # FULL
    assert scalar(conn, "PRAGMA temp_store") == 2  # MEMORY
    assert scalar(conn, "PRAGMA foreign_keys") == 1
    assert scalar(conn, "PRAGMA cache_size") == -PAGE_CACHE_KIB  # 192 MiB: a million clients
    assert scalar(conn, "PRAGMA soft_heap_limit") == SQLITE_HEAP_LIMIT  # all caches together
    assert scalar(conn, "PRAGMA cipher_log_level") == "NONE"
    assert scalar(conn, "PRAGMA user_version") == latest_version()


def test_any_sqlcipher4_client_opens_it_with_the_raw_key_and_defaults(db_path: Path) -> None:
    conn = raw_connection(db_path)  # PRAGMA key only: no compatibility or cipher settings
    assert scalar(conn, "SELECT count(*) FROM users") == 2
    assert scalar(conn, "PRAGMA cipher_integrity_check") is None  # no page reported bad
    conn.close()


def test_database_file_is_encrypted_and_private(db_path: Path) -> None:
    assert not db_path.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db_path).execute("SELECT * FROM sqlite_master").fetchall()


def test_each_thread_gets_its_own_connection(admin: services.Session) -> None:
    import threading

    seen: list[object] = []
    worker = threading.Thread(target=lambda: seen.append(admin.repos.db.conn))
    worker.start()
    worker.join()
    assert seen and seen[0] is not admin.repos.db.conn
    assert admin.repos.db.conn is admin.repos.db.conn


def test_missing_database_is_reported_and_not_created(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "nothing.db"
    with pytest.raises(DatabaseNotFound, match="nothing.db"):
        services.open_session(path, ADMIN, ADMIN_PASSWORD, clock)
    assert list(tmp_path.iterdir()) == []


def test_newer_schema_is_refused_and_left_untouched(db_path: Path, clock: FixedClock) -> None:
    conn = raw_connection(db_path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    before = _digest(db_path.parent)
    with pytest.raises(NewerSchema, match="newer version of Screener"):
        services.open_session(db_path, ADMIN, ADMIN_PASSWORD, clock)
    assert _digest(db_path.parent) == before


@pytest.mark.parametrize(
    "content",
    [os.urandom(8192), b"", b"SQLite format 3\x00" + bytes(4080), b"name,dob\nJane,1980-01-01\n"],
    ids=["random", "empty", "plain-sqlite", "csv"],
)
def test_non_database_is_refused_and_left_byte_identical(
    db_path: Path, clock: FixedClock, content: bytes
) -> None:
    db_path.write_bytes(content)
    before = _digest(db_path.parent)
    with pytest.raises(NotADatabase, match="left untouched"):
        services.open_session(db_path, ADMIN, ADMIN_PASSWORD, clock)
    assert _digest(db_path.parent) == before


def test_keys_file_of_another_database_is_refused(
    db_path: Path, tmp_path: Path, clock: FixedClock
) -> None:
    other = tmp_path / "other" / "screener.db"
    services.create_database(other, ADMIN, ADMIN_PASSWORD, clock)
    shutil.copyfile(keys_path_for(other), keys_path_for(db_path))
    before = _digest(db_path.parent)
    with pytest.raises(NotADatabase, match="keys file belongs to another database"):
        services.open_session(db_path, ADMIN, ADMIN_PASSWORD, clock)
    assert _digest(db_path.parent) == before


def test_missing_or_corrupt_keys_file_is_named(db_path: Path, clock: FixedClock) -> None:
    keys = keys_path_for(db_path)
    keys.write_text("{ this is not json")
    with pytest.raises(KeysFileError, match=str(keys)):
        services.open_session(db_path, ADMIN, ADMIN_PASSWORD, clock)
    keys.unlink()
    with pytest.raises(KeysFileError, match=f"{keys} is missing"):
        services.open_session(db_path, ADMIN, ADMIN_PASSWORD, clock)


def test_create_never_overwrites(db_path: Path, clock: FixedClock) -> None:
    before = _digest(db_path.parent)
    with pytest.raises(StoreError, match="already exists"):
        services.create_database(db_path, ADMIN, ADMIN_PASSWORD, clock)
    keys_only = db_path.with_name("fresh.db")
    keys_path_for(keys_only).write_text("{}")
    with pytest.raises(StoreError, match="already exists"):
        services.create_database(keys_only, ADMIN, ADMIN_PASSWORD, clock)
    assert not keys_only.exists()
    keys_path_for(keys_only).unlink()
    assert _digest(db_path.parent) == before


def test_create_with_a_bad_password_writes_nothing(tmp_path: Path, clock: FixedClock) -> None:
    with pytest.raises(InputError, match="too short"):
        services.create_database(tmp_path / "s.db", ADMIN, "short", clock)
    assert list(tmp_path.iterdir()) == []


def test_a_failing_migration_is_undone_completely(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "screener.db"
    services.create_database(path, ADMIN, ADMIN_PASSWORD, clock)
    broken = Migration(
        latest_version() + 1,
        "broken",
        "CREATE TABLE half_done (x);\nINSERT INTO no_such_table VALUES (1);",
    )
    monkeypatch.setattr(migrations, "all_migrations", lambda: (*all_migrations(), broken))
    with pytest.raises(StoreError, match="failed and was undone"):
        services.open_session(path, ADMIN, ADMIN_PASSWORD, clock)
    monkeypatch.undo()
    conn = raw_connection(path)
    assert scalar(conn, "PRAGMA user_version") == latest_version()
    assert scalar(conn, "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'") == 0
    conn.close()


def test_migrations_are_numbered_one_to_n() -> None:
    assert [m.version for m in all_migrations()] == list(range(1, latest_version() + 1))


def test_schema_8_moves_the_content_pack_out_of_rules_version() -> None:
    conn = connect("file:schema8?mode=memory")
    migrations.migrate(conn, 7)
    rows = {"a": "content_pack=2;intake=3", "b": "content_pack=11", "c": "intake=3"}
    for row_id, version in rows.items():
        conn.execute(
            "INSERT INTO determinations (id, intake_id, program_id, outcome, trace, "
            "rules_version, rules_hash, evaluated_at, evaluated_by, updated_at, device_id, seq) "
            "VALUES (?, 'i', 'p', 'eligible', '{}', ?, 'h', 't', 'u', 't', 'd', 1)",
            (row_id, version))
    assert migrations.migrate(conn) == 8
    found = conn.execute(
        "SELECT id, rules_version, pack_version FROM determinations ORDER BY id").fetchall()
    assert [tuple(r) for r in found] == [("a", "intake=3", 2), ("b", "", 11), ("c", "intake=3", None)]
    conn.close()

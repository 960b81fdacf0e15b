"""Re-encrypting the database under a new key (`screener db rekey`), crash-safe.

SQLCipher's `sqlcipher_export` copies the whole database into a new file encrypted with the
new key (`.screener.db.rekey` next to it); the new file is checked and fsynced, then the
keys file gains the new key sealed to every account ("next" key), then the new file replaces
the old one with one atomic rename, and finally the next key becomes the current one. After
a crash at any step, sign-in finds a key for whichever file is in place (`finish_rekey`):
the old database with the old key (the half-made copy is removed), or the new database with
the next key (which is then made current). The old file never changes until the rename.

Writers are held off by an exclusive transaction for the whole copy; the copy needs the
database to itself (the app open elsewhere would keep writing to the replaced file).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from screener.errors import StoreError
from screener.store.atomic import fsync_dir
from screener.store.db import APPLICATION_ID, Database
from screener.store.migrations import schema_version
from screener.store.sqlite import SqlError, connect, scalar

#: progress(bytes written to the new file, bytes of the database)
Progress = Callable[[int, int], None]
#: The SQLite progress handler runs every this many virtual-machine steps.
_PROGRESS_STEPS = 20_000


def rekey_path_for(db_path: Path) -> Path:
    """Where the re-encrypted copy is built."""
    return db_path.with_name(f".{db_path.name}.rekey")


def remove_leftovers(db_path: Path) -> None:
    """Remove a half-made copy left by an interrupted rekey (the database was not touched)."""
    tmp = rekey_path_for(db_path)
    for leftover in (tmp, *(tmp.with_name(tmp.name + s) for s in ("-journal", "-wal", "-shm"))):
        leftover.unlink(missing_ok=True)


def export_rekeyed(db: Database, new_key: bytes | bytearray, progress: Progress | None) -> Path:
    """Copy the open database into a new file encrypted with `new_key`; return its path.

    The copy is checked (schema version, SQLite's structure check) and fsynced. The
    database itself is not changed.
    """
    tmp = rekey_path_for(db.path)
    remove_leftovers(db.path)
    conn = db.conn
    total = max(db.path.stat().st_size, 1)
    version = schema_version(conn)

    def report() -> int:
        if progress is not None:
            with contextlib.suppress(OSError):
                progress(tmp.stat().st_size if tmp.exists() else 0, total)
        return 0  # go on

    conn.execute(f"ATTACH DATABASE ? AS rekeyed KEY \"x'{bytes(new_key).hex()}'\"", (str(tmp),))
    try:
        conn.execute("PRAGMA rekeyed.cipher_compatibility = 4")
        conn.set_progress_handler(report, _PROGRESS_STEPS)
        conn.execute("BEGIN EXCLUSIVE")
        try:
            conn.execute("SELECT sqlcipher_export('rekeyed')")
            conn.execute(f"PRAGMA rekeyed.user_version = {version}")
            conn.execute(f"PRAGMA rekeyed.application_id = {APPLICATION_ID}")
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(SqlError):
                conn.execute("ROLLBACK")
            raise
    except SqlError as exc:
        remove_leftovers(db.path)
        raise StoreError(f"The database could not be copied under the new key: {exc}. "
                         "Nothing was changed.") from None
    finally:
        conn.set_progress_handler(None, 0)
        with contextlib.suppress(SqlError):
            conn.execute("DETACH DATABASE rekeyed")
    _check_copy(db.path, tmp, new_key, version)
    report()
    return tmp


def _check_copy(db_path: Path, tmp: Path, key: bytes | bytearray, version: int) -> None:
    conn = connect(tmp.resolve().as_uri() + "?mode=rw")
    try:
        conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
        conn.execute("PRAGMA cipher_compatibility = 4")
        ok = scalar(conn, "PRAGMA quick_check") == "ok"
        same = schema_version(conn) == version
    except SqlError:
        ok = same = False
    finally:
        conn.close()
    if not (ok and same):
        remove_leftovers(db_path)
        raise StoreError("The database copied under the new key did not check out. "
                         "Nothing was changed.")
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(tmp, 0o600)


def swap_in(db_path: Path, tmp: Path) -> None:
    """Replace the database with the rekeyed copy (one atomic rename, made durable).

    Every connection to the database must be closed first: its write-ahead log belongs to
    the old file.
    """
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError("The database is still open elsewhere (its write-ahead log is not "
                         "empty): close Screener everywhere and run the rekey again.")
    os.replace(tmp, db_path)
    for stale in (wal, db_path.with_name(db_path.name + "-shm")):
        stale.unlink(missing_ok=True)
    fsync_dir(db_path.parent)

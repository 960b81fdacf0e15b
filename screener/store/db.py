"""Creating and opening the SQLCipher 4 database.

Standard SQLCipher 4 settings (any SQLCipher 4 client opens the file with the raw key), a raw
256-bit key (`PRAGMA key = "x'<hex>'"`, no passphrase KDF: the key slots did that), WAL,
`synchronous=FULL` (every acknowledged commit is fsynced before it returns, so it survives
kill -9 *and* power loss; NORMAL would only survive kill -9), temporary tables and indexes in
memory (checked at open, so nothing decrypted spills to a temp file), a 192 MiB page cache
per connection under a 224 MiB limit for all of SQLite in the process (decryption is per page
on cache misses, so a big database's search needs its pages cached), and foreign keys on.

Opening never creates, truncates or replaces anything: a file that fails to open is left
exactly as it was and the person is told why. One long-lived connection per thread: opening a
connection is cheap here (the key is already derived), but its page cache is not.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from screener.errors import (
    DatabaseDamaged,
    DatabaseNotFound,
    NotADatabase,
    SessionLocked,
    StoreError,
)
from screener.store import migrations
from screener.store.account_keys import AccountKeys
from screener.store.keyslots import KeySlot, wrap_key
from screener.store.sqlite import Connection, SqlDatabaseError, SqlError, connect, scalar

#: `PRAGMA application_id` of every Screener database ("SCR1").
APPLICATION_ID = 0x53435231
_PLAIN_SQLITE_MAGIC = b"SQLite format 3\x00"
PAGE_CACHE_KIB = 192 * 1024
#: SQLite's soft heap limit for the whole process (every connection's cache together): the
#: app has a connection per worker thread, and its memory must stay under 400 MB.
SQLITE_HEAP_LIMIT = 224 * 2**20
_BUSY_TIMEOUT_S = 10.0
#: How long a save waits for another writer (an import of a big bundle holds the write lock
#: for its whole transaction) before it is reported as failed.
WRITER_WAIT_S = 600.0


class Database:
    """An open, unlocked Screener database: one connection per thread, one shared key."""

    def __init__(self, path: Path, key: bytes | bytearray, first: Connection) -> None:
        self.path = path
        self._key = bytearray(key)
        self._local = threading.local()
        self._local.conn = first
        self._lock = threading.Lock()
        self._connections: list[Connection] = [first]
        self._closed = False
        self._device_id: str | None = None
        #: Called once when a save has to wait for another writer (the command line says so).
        self.on_wait: Callable[[], None] | None = None

    @property
    def closed(self) -> bool:
        """True after `close()`: the key is gone and nothing can be read or written."""
        return self._closed

    @property
    def conn(self) -> Connection:
        """This thread's connection (opened on first use in a thread)."""
        if self._closed:
            raise SessionLocked("The session is locked. Sign in again to continue.")
        conn: Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self.path, self._key, create=False)
            _check_readable(conn, self.path)
            _configure(conn)
            with self._lock:
                self._connections.append(conn)
            self._local.conn = conn
        return conn

    @property
    def device_id(self) -> str:
        """This installation's UUID (created with the database, kept in settings)."""
        if self._device_id is None:
            value = scalar(self.conn, "SELECT value FROM settings WHERE key = 'device_id'")
            if not value:
                raise StoreError("The database has no device id; it was not made by Screener.")
            self._device_id = str(value)
        return self._device_id

    def new_key_slot(
        self, username: str, password: str, database_id: str, account: AccountKeys
    ) -> KeySlot:
        """A slot for `username` holding `account`, with this database's key sealed to it
        (the key itself never leaves here)."""
        if self._closed:
            raise SessionLocked("The session is locked. Sign in again to continue.")
        return wrap_key(self._key, username, password, database_id, account=account)

    def check(self) -> tuple[str, ...]:
        """Every problem found by SQLCipher's page check (the HMAC of every page of the file,
        used or free) and SQLite's structure check; empty when the file is sound.

        Reads the whole file on a connection of its own (about 1 s per 200 MB here).
        """
        if self._closed:
            raise SessionLocked("The session is locked. Sign in again to continue.")
        conn = _connect(self.path, self._key, create=False)
        problems: list[str] = []
        try:
            problems += [f"page check: {r[0]}"
                         for r in conn.execute("PRAGMA cipher_integrity_check")]
            if not problems:
                problems += [f"structure check: {r[0]}"
                             for r in conn.execute("PRAGMA quick_check") if r[0] != "ok"]
        except (SqlError, MemoryError) as exc:
            problems.append(f"the file cannot be read: {type(exc).__name__} {exc}".strip())
        finally:
            conn.close()
        return tuple(problems)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction on this thread's connection, committed when the block ends.

        Nested use joins the outer transaction. Driver errors become StoreError.
        """
        conn = self.conn
        if conn.in_transaction:
            yield conn
            return
        self._begin(conn)
        try:
            yield conn
        except (SqlError, MemoryError) as exc:
            _rollback(conn)
            raise write_failure(exc) from None
        except BaseException:
            _rollback(conn)
            raise
        try:
            conn.execute("COMMIT")
        except (SqlError, MemoryError) as exc:
            _rollback(conn)
            raise write_failure(exc) from None

    def _begin(self, conn: Connection) -> None:
        """BEGIN IMMEDIATE, waiting up to WRITER_WAIT_S while another writer holds the lock
        (each attempt itself waits the busy timeout), so a long import never makes a
        concurrent save fail."""
        deadline: float | None = None
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except (SqlError, MemoryError) as exc:
                busy = "locked" in str(exc).lower() or "busy" in str(exc).lower()
                now = time.monotonic()
                if deadline is None:
                    deadline = now + WRITER_WAIT_S
                    if busy and self.on_wait is not None:
                        self.on_wait()
                if not busy or now >= deadline:
                    raise write_failure(exc) from None

    def close(self) -> None:
        """Close every connection and wipe the key from this object's memory."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for conn in self._connections:
                with contextlib.suppress(SqlError):
                    conn.close()
            self._connections.clear()
            for i in range(len(self._key)):
                self._key[i] = 0
        self._local = threading.local()


#: What SQLite and SQLCipher say when a page is damaged (SQLCipher's failed HMAC check
#: surfaces as SQLITE_NOMEM, which the driver raises as MemoryError).
_DAMAGE_WORDS = ("malformed", "not a database", "corrupt")


def driver_failure(exc: BaseException) -> StoreError | None:
    """The StoreError a driver failure means for the person (None if `exc` is not one).

    The UI and the command line pass unexpected errors through this, so a damaged database
    read outside a transaction is reported as such instead of as a bare driver error.
    """
    if isinstance(exc, StoreError):
        return exc
    text = str(exc).lower()
    if isinstance(exc, MemoryError) or (
            isinstance(exc, SqlDatabaseError) and any(w in text for w in _DAMAGE_WORDS)):
        return DatabaseDamaged(
            "The database is damaged: part of it failed its integrity check (it was changed "
            "outside Screener, or the disk is failing). Stop using it and restore it from a "
            "backup; `screener db check` tells what is wrong."
        )
    if isinstance(exc, SqlError):
        if "full" in text:
            return StoreError("The database could not be written: the disk is full "
                              "(no space left on the device). Nothing was changed.")
        return StoreError(f"The database could not be read or written ({exc}). If this "
                          "happens again, `screener db check` tells whether it is damaged.")
    return None


def write_failure(exc: BaseException) -> StoreError:
    """`driver_failure` for an error inside a write transaction (always a StoreError)."""
    return driver_failure(exc) or StoreError(f"The database could not be written: {exc}")


def open_database(path: Path, key: bytes | bytearray) -> Database:
    """Open an existing database with its raw key and bring its schema up to date.

    Raises DatabaseNotFound, NotADatabase (with the file left untouched) or NewerSchema.
    """
    _check_file(path)
    conn = _connect(path, key, create=False)
    try:
        _check_readable(conn, path)
        _configure(conn)
        migrations.migrate(conn)
    except (SqlError, MemoryError) as exc:
        conn.close()
        raise write_failure(exc) from None
    except BaseException:
        conn.close()
        raise
    return Database(path, key, conn)


def create_database_file(
    path: Path, key: bytes | bytearray, *, schema_version: int | None = None
) -> Database:
    """Create a new, empty database at `path` (which must not exist) with the given schema.

    `schema_version` stops the migrations early; tests use it to build old databases.
    """
    if path.exists():
        raise StoreError(f"{path} already exists; Screener will not overwrite it.")
    conn = _connect(path, key, create=True)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _configure(conn)
        migrations.migrate(conn, schema_version)
    except BaseException:
        conn.close()
        raise
    return Database(path, key, conn)


def _check_file(path: Path) -> None:
    if not path.exists():
        raise DatabaseNotFound(f"There is no database at {path}. Create one with `screener init`.")
    if not path.is_file():
        raise NotADatabase(f"{path} is not a file.")
    with path.open("rb") as handle:
        head = handle.read(len(_PLAIN_SQLITE_MAGIC))
    if not head:
        raise NotADatabase(f"{path} is empty, not a Screener database. It was left untouched.")
    if head == _PLAIN_SQLITE_MAGIC:
        raise NotADatabase(
            f"{path} is an unencrypted SQLite database, not a Screener database. "
            "It was left untouched."
        )


def _connect(path: Path, key: bytes | bytearray, *, create: bool) -> Connection:
    uri = path.resolve().as_uri() + ("?mode=rwc" if create else "?mode=rw")
    try:
        conn = connect(uri, timeout=_BUSY_TIMEOUT_S)
    except SqlError as exc:
        raise StoreError(f"The database {path} cannot be opened: {exc}.") from None
    try:
        # Keep SQLCipher's own error lines off stderr (a no-op on builds without logging).
        with contextlib.suppress(SqlError):
            conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
        conn.execute("PRAGMA cipher_compatibility = 4")
    except BaseException:
        conn.close()
        raise
    return conn


def _check_readable(conn: Connection, path: Path) -> None:
    """Prove the key decrypts the file and that it is a Screener database of a known schema.

    Only reads: nothing is written before all of this has passed.
    """
    try:
        scalar(conn, "SELECT count(*) FROM sqlite_master")
        app_id = scalar(conn, "PRAGMA application_id")
        version = migrations.schema_version(conn)
    except (SqlDatabaseError, MemoryError):
        raise NotADatabase(
            f"{path} cannot be decrypted with the key from its keys file: it is not a "
            "Screener database, the keys file belongs to another database, or the file is "
            "damaged. It was left untouched."
        ) from None
    if app_id != APPLICATION_ID:
        raise NotADatabase(f"{path} is not a Screener database. It was left untouched.")
    if version > migrations.latest_version():
        raise migrations.newer_schema_error(version)


def _configure(conn: Connection) -> None:
    mode = scalar(conn, "PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    conn.execute(f"PRAGMA soft_heap_limit = {SQLITE_HEAP_LIMIT}")  # process-wide
    checks = {
        "journal_mode": (str(mode).lower(), "wal"),
        "synchronous": (scalar(conn, "PRAGMA synchronous"), 2),
        "foreign_keys": (scalar(conn, "PRAGMA foreign_keys"), 1),
        # 2 = MEMORY: decrypted temporary b-trees never reach the disk.
        "temp_store": (scalar(conn, "PRAGMA temp_store"), 2),
    }
    wrong = [name for name, (got, want) in checks.items() if got != want]
    if wrong:
        conn.close()
        raise StoreError(f"The database connection refused safe settings: {', '.join(wrong)}.")


def _rollback(conn: Connection) -> None:
    if conn.in_transaction:
        with contextlib.suppress(SqlError):
            conn.execute("ROLLBACK")

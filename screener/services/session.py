"""Creating a database, signing in, and the Session every other use case works in."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from types import TracebackType

from screener import paths, platform
from screener.clock import Clock
from screener.errors import (
    DatabaseNotFound,
    NotADatabase,
    PermissionDenied,
    StoreError,
    WrongPassword,
)
from screener.store import Repositories, create_database_file, open_database
from screener.store.accounts import DEFAULT_SETTINGS
from screener.store.atomic import fsync_dir, reason
from screener.store.db import driver_failure
from screener.store.keyslots import (
    WRONG_CREDENTIALS,
    KeysFile,
    check_new_password,
    check_username,
    keys_path_for,
    load_keys_file,
    new_database_key,
    save_keys_file,
    unwrap_key,
    wrap_key,
)
from screener.store.records import Role, User
from screener.store.stamps import timestamp

_RANK = {Role.INTAKE: 0, Role.OFFICE: 1, Role.ADMIN: 2}


class Session:
    """A signed-in person's access to one database: who, their role, the clock, the data.

    `lock()` or `close()` closes the connections and wipes the database key; afterwards every
    use raises SessionLocked and the person must sign in again (a key derivation).
    """

    def __init__(
        self, path: Path, user: User, clock: Clock, repos: Repositories, database_id: str
    ) -> None:
        self.path = path
        self.user = user
        self.clock = clock
        self.repos = repos
        self.database_id = database_id

    @property
    def username(self) -> str:
        """The signed-in user's name."""
        return self.user.username

    @property
    def role(self) -> Role:
        """The signed-in user's role, as recorded inside the encrypted database."""
        return self.user.role

    @property
    def keys_path(self) -> Path:
        """The keys file of this database."""
        return keys_path_for(self.path)

    @property
    def locked(self) -> bool:
        """True once the session was locked or closed."""
        return self.repos.db.closed

    def now(self) -> datetime:
        """The current instant from the session's clock."""
        return self.clock.now()

    def require(self, role: Role, doing: str) -> None:
        """PermissionDenied unless the user's role is at least `role`."""
        if _RANK[self.role] < _RANK[role]:
            raise PermissionDenied(
                f"Only {role.value} staff (or higher) can {doing}; "
                f"{self.username} signed in as {self.role.value}."
            )

    def audit(
        self,
        action: str,
        record_type: str | None = None,
        record_id: str | None = None,
        details: Mapping[str, str | int | bool | None] | None = None,
    ) -> None:
        """Append to the audit log as the signed-in user (record ids only, never values)."""
        self.repos.audit.append(
            timestamp(self.now()), self.username, action, record_type, record_id, details
        )

    def lock(self) -> None:
        """Drop the key and the connections (auto-lock, or the person locked the screen)."""
        self._end("session.lock")

    def close(self) -> None:
        """Sign out: drop the key and the connections."""
        self._end("session.close")

    def _end(self, action: str) -> None:
        if self.locked:
            return
        try:
            # The key must be dropped even when this last audit line cannot be written.
            with contextlib.suppress(StoreError):
                self.audit(action)
        finally:
            self.repos.db.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def create_database(path: Path, admin_username: str, password: str, clock: Clock) -> None:
    """Create a new encrypted database at `path`, its keys file, and the first admin account.

    Refuses to overwrite an existing database or keys file. The database is built under a
    temporary name and appears at `path` only when complete, with its keys file.
    """
    username = check_username(admin_username)
    check_new_password(password)
    keys_path = keys_path_for(path)
    for existing in (path, keys_path):
        if existing.exists():
            raise StoreError(f"{existing} already exists; Screener will not overwrite it.")
    platform.current().private_folder(path.parent)
    key = new_database_key()
    database_id = str(uuid.uuid4())
    building = path.with_name(f".{path.name}.creating-{uuid.uuid4().hex}")
    wrote_keys = linked = False
    try:
        _build_new_database(building, key, database_id, username, clock)
        platform.current().make_private(building)  # encrypted, but nobody else needs it
        slot = wrap_key(key, username, password, database_id)
        save_keys_file(keys_path, KeysFile(database_id=database_id, slots=(slot,)))
        wrote_keys = True
        os.link(building, path)  # unlike a rename, never replaces a file that appeared meanwhile
        linked = True
        fsync_dir(path.parent)
    except BaseException as exc:
        # Nothing half-made stays: the new database goes with its keys file.
        if linked:
            path.unlink(missing_ok=True)
        if wrote_keys:
            keys_path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise StoreError(f"The database {path} could not be created: {reason(exc)}.") from None
        raise
    finally:
        for leftover in (building, *(building.with_name(building.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        key[:] = bytes(len(key))


def _build_new_database(
    path: Path, key: bytearray, database_id: str, admin: str, clock: Clock
) -> None:
    db = create_database_file(path, key)
    try:
        repos = Repositories.of(db)
        now = clock.now()
        with db.transaction():
            repos.settings.set("database_id", database_id)
            repos.settings.set("device_id", str(uuid.uuid4()))
            for name, value in DEFAULT_SETTINGS.items():
                repos.settings.set(name, value)
            repos.users.add(admin, Role.ADMIN, None, now)
            at = timestamp(now)
            repos.audit.append(at, admin, "database.create", "database", database_id)
            repos.audit.append(at, admin, "user.add", "user", admin, {"role": Role.ADMIN.value})
    finally:
        db.close()


def open_session(path: Path, username: str, password: str, clock: Clock) -> Session:
    """Sign in: unwrap the database key from the user's slot, open the database, check the account.

    Errors (nothing is written for any of them): DatabaseNotFound, KeysFileError (names the
    file), WrongPassword (also for unknown or removed accounts), NotADatabase, NewerSchema.
    """
    if not path.exists():
        raise DatabaseNotFound(f"There is no database at {path}. Create one with `screener init`.")
    keys = load_keys_file(keys_path_for(path))
    name = username.strip().lower()
    key = unwrap_key(keys, name, password)
    try:
        db = open_database(path, key)
    finally:
        key[:] = bytes(len(key))
    try:
        repos = Repositories.of(db)
        if repos.settings.get("database_id") != keys.database_id:
            raise NotADatabase(f"The keys file {keys_path_for(path)} belongs to another database.")
        user = repos.users.get(name)
        if user is None or user.disabled:
            raise WrongPassword(WRONG_CREDENTIALS)
        session = Session(path, user, clock, repos, keys.database_id)
        session.audit("session.open")
        paths.use_database(path)  # the content pack installed for it is the one in force
    except BaseException as exc:
        db.close()
        failure = None if isinstance(exc, StoreError) else driver_failure(exc)
        if failure is not None:  # a damaged page read while signing in
            raise failure from None
        raise
    return session

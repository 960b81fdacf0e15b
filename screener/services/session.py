"""Creating a database, signing in, and the Session every other use case works in."""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from screener import paths, platform
from screener.clock import Clock
from screener.domain import Role, User, check_new_password
from screener.errors import (
    DatabaseNotFound,
    NotADatabase,
    PermissionDenied,
    StoreError,
    WrongPassword,
)
from screener.services.clock_jump import clock_jump
from screener.store import Repositories, create_database_file, open_database
from screener.store.account_keys import AccountKeys
from screener.store.accounts import DEFAULT_SETTINGS
from screener.store.atomic import fsync_dir, reason
from screener.store.audit import SignatureCheck
from screener.store.db import Database
from screener.store.db import driver_failure as driver_failure  # offered by services
from screener.store.grants import Grant, Grants
from screener.store.keyslots import (
    WRONG_CREDENTIALS,
    KeysFile,
    Unlocked,
    check_username,
    fast_kdf_requested,
    keys_path_for,
    load_keys_file,
    new_database_key,
    save_keys_file,
    unlock_slot,
    wrap_key,
)
from screener.store.rekey import remove_leftovers
from screener.store.stamps import STAMP_LIMIT, timestamp

if TYPE_CHECKING:  # signing in needs no forms or rules (they load at first use)
    from screener.services.screening import ScreeningSetup

ROLE_NOT_VERIFIED = (
    "The role of {name!r} could not be verified: it was not granted by an admin's signature, "
    "or the account's key does not match its grant (the database or the keys file was "
    "edited outside Screener). Ask an admin to check the account and grant it again."
)


def load_setup_in_force(database: Path) -> ScreeningSetup:
    """`screening.load_setup_in_force`, imported when first needed."""
    from screener.services.screening import load_setup_in_force as load

    return load(database)


class Session:
    """A signed-in person's access to one database: who, their role, the clock, the data.

    `lock()` or `close()` closes the connections and wipes the database key; afterwards every
    use raises SessionLocked and the person must sign in again (a key derivation).

    The session also holds the forms and rules it screens with (`setup`): loaded at first use
    from the content pack in force for its database, and loaded again when it installs or
    rolls back a pack (`reload_setup`). Nothing else keeps them.
    """

    def __init__(
        self, path: Path, user: User, clock: Clock, repos: Repositories, database_id: str,
        account: AccountKeys | None = None,
    ) -> None:
        self.path = path
        self.user = user
        self.clock = clock
        self.repos = repos
        self.database_id = database_id
        #: The signed-in account's keys: its audit rows and the grants it makes are signed.
        self.account = account
        #: Set at sign-in when this computer's clock is far behind or ahead of the newest
        #: time recorded in the database: (the clock's time, the newest recorded time), both
        #: ISO UTC (`clock_ahead` says which).
        self.clock_jump: tuple[str, str] | None = None
        self._setup: ScreeningSetup | None = None
        # The GUI's worker threads may ask at once; the setup is loaded once.
        self._setup_lock = threading.Lock()

    @property
    def setup(self) -> ScreeningSetup:
        """The forms and rules in force for this database (loaded at first use)."""
        with self._setup_lock:
            if self._setup is None:
                self._setup = load_setup_in_force(self.path)
            return self._setup

    def reload_setup(self) -> ScreeningSetup:
        """Load the forms and rules in force again: a content pack was installed or rolled
        back (by this session; another process's change shows at the next sign-in)."""
        setup = load_setup_in_force(self.path)
        with self._setup_lock:
            self._setup = setup
        return setup

    @property
    def clock_ahead(self) -> bool:
        """True if sign-in found the clock far AHEAD of the database: changes are stamped no
        later than a day after the newest recorded time until the date is confirmed."""
        return self.clock_jump is not None and self.clock_jump[0] > self.clock_jump[1]

    def confirm_clock(self) -> None:
        """The person says this computer's date and time are right (after a forward jump
        warning): changes are stamped with it again. Audited."""
        with self.repos.db.transaction():
            self.repos.settings.delete(STAMP_LIMIT)
            self.audit("clock.confirmed")
        self.clock_jump = None

    @property
    def grants(self) -> Grants:
        """The signed role grants of this database."""
        return Grants(self.repos.settings, self.database_id)

    def signature_check(self) -> SignatureCheck | None:
        """What `AuditLog.verify` needs to check authors' signatures (None before signing
        began on a database from an earlier version)."""
        grants = self.grants
        root = grants.root()
        if root is None:
            return None if not grants.has_root() else SignatureCheck(0, lambda _name: ())
        return SignatureCheck(root.since_seq, grants.keys_of)

    @property
    def username(self) -> str:
        """The signed-in user's name."""
        return self.user.username

    @property
    def role(self) -> Role:
        """The signed-in user's role, as an admin's signed grant says (`store/grants.py`)."""
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
        if not self.role.at_least(role):
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
            timestamp(self.now()), self.username, action, record_type, record_id, details,
            self.account,
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


def create_database(path: Path, admin_username: str, password: str, clock: Clock) -> Path:
    """Create a new encrypted database at `path`, its keys file, and the first admin account;
    returns the keys file's path.

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
        account = AccountKeys.new()
        _build_new_database(building, key, database_id, username, account, clock)
        platform.current().make_private(building)  # encrypted, but nobody else needs it
        slot = wrap_key(key, username, password, database_id, account=account)
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
    return keys_path


def _build_new_database(
    path: Path, key: bytearray, database_id: str, admin: str, account: AccountKeys,
    clock: Clock,
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
            grants = Grants(repos.settings, database_id)
            grants.establish_root(admin, account, since_seq=0)
            grants.sign(admin, account, Grant(admin, Role.ADMIN, account.public_key, False, admin))
            at = timestamp(now)
            repos.audit.append(at, admin, "database.create", "database", database_id,
                               signer=account)
            repos.audit.append(at, admin, "user.add", "user", admin, {"role": Role.ADMIN.value},
                               signer=account)
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
    check_test_settings(keys)
    name = username.strip().lower()
    unlocked = unlock_slot(keys, name, password)
    key = unlocked.key
    try:
        db, keys = _open_finishing_rekey(path, keys, unlocked)
    except BaseException:
        key[:] = bytes(len(key))
        raise
    finally:
        if unlocked.next_key is not None:
            unlocked.next_key[:] = bytes(len(unlocked.next_key))
    try:
        repos = Repositories.of(db)
        if repos.settings.get("database_id") != keys.database_id:
            raise NotADatabase(f"The keys file {keys_path_for(path)} belongs to another database.")
        user = repos.users.get(name)
        if user is None or user.disabled:
            raise WrongPassword(WRONG_CREDENTIALS)
        account = unlocked.account
        slot = keys.slot(name)
        if account is None or (slot is not None and slot.kdf.weak and not fast_kdf_requested()):
            # A slot from before account keys, or a test-only cheap one: rewrite it now
            # (the password is at hand only here).
            account = account or AccountKeys.new()
            save_keys_file(keys_path_for(path), keys.with_slot(
                wrap_key(key, name, password, keys.database_id, account=account)))
        grants = Grants(repos.settings, keys.database_id)
        started = not grants.has_root()
        role = _verified_role(repos, grants, user, account)
        session = Session(path, replace(user, role=role), clock, repos, keys.database_id,
                          account)
        session.clock_jump = clock_jump(repos, clock.now())
        root = grants.root()
        if started and root is not None:
            session.audit("signing.start", details={"since_seq": root.since_seq})
        if role is not user.role:
            session.audit("user.role_mismatch", "user", name,
                          {"recorded": user.role.value, "granted": role.value})
        session.audit("session.open")
        paths.use_database(path)  # the content pack installed for it is the one in force
    except BaseException as exc:
        db.close()
        failure = None if isinstance(exc, StoreError) else driver_failure(exc)
        if failure is not None:  # a damaged page read while signing in
            raise failure from None
        raise
    finally:
        key[:] = bytes(len(key))
    return session


def _open_finishing_rekey(
    path: Path, keys: KeysFile, unlocked: Unlocked
) -> tuple[Database, KeysFile]:
    """Open the database; if a rekey was interrupted, finish or undo it (store/rekey.py):
    the renamed copy opens with the next key (made current), the old file with the current
    one (the half-made copy is removed)."""
    pending = any(s.next_sealed_key is not None for s in keys.slots)
    if not pending:
        db = open_database(path, unlocked.key)
        remove_leftovers(path)  # a copy from a rekey interrupted before the keys file changed
        return db, keys
    try:
        db = open_database(path, unlocked.key)
    except NotADatabase:
        if unlocked.next_key is None:
            raise
        db = open_database(path, unlocked.next_key)
        unlocked.key[:] = unlocked.next_key
        finished = replace(keys, slots=tuple(s.promoted() for s in keys.slots))
    else:
        remove_leftovers(path)
        finished = replace(keys, slots=tuple(
            s if s.legacy else s.with_next(None) for s in keys.slots))
    save_keys_file(keys_path_for(path), finished)
    return db, finished


def _verified_role(repos: Repositories, grants: Grants, user: User, account: AccountKeys) -> Role:
    """The role the account's signed grant gives (PermissionDenied if none checks out).

    A database from before signed roles has no root key yet: the first admin to sign in
    becomes the root and signs every account's recorded role; until then the recorded role
    is used as it was (docs/SECURITY.md says what that trusts).
    """
    name = user.username
    if not grants.has_root():
        if user.role is Role.ADMIN:
            with repos.db.transaction():
                grants.establish_root(name, account, since_seq=repos.audit.head()[0])
                for other in repos.users.list(include_removed=True):
                    own = other.username == name
                    grants.sign(name, account, Grant(
                        other.username, other.role, account.public_key if own else None,
                        other.disabled, name))
        return user.role
    grant = grants.check(name)
    if grant is None:
        raise PermissionDenied(ROLE_NOT_VERIFIED.format(name=name))
    if grant.disabled:
        raise WrongPassword(WRONG_CREDENTIALS)
    bound = grants.key_of_grant(grant)
    if bound is None:
        grants.bind_first_key(name, account.public_key)
    elif bound != account.public_key:
        raise PermissionDenied(ROLE_NOT_VERIFIED.format(name=name))
    if grant.role is Role.ADMIN:
        # Sign the keys accounts bound on first use into their grants.
        with repos.db.transaction():
            for pending in grants.unbound():
                grants.sign(name, account, replace(pending, public_key=grants.key_of_grant(pending)))
    return grant.role


def check_test_settings(keys: KeysFile) -> None:
    """Refuse the test suite's cheap key derivation with real data: a database any of whose
    accounts has a slot of the real cost was made for real use, and must not get cheap
    slots (an added account, a changed password)."""
    if fast_kdf_requested() and any(not slot.kdf.weak for slot in keys.slots):
        raise StoreError(
            "SCREENER_KDF_FAST is a setting for the test suite and cannot be used with a real "
            "database (its accounts have slots of the real key derivation cost); unset it."
        )

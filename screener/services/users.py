"""Staff accounts: add, change password, remove, list.

Each change writes the account row, its signed grant and the audit line in the database and
the person's slot in the keys file together: the database transaction commits only after the
keys file was replaced, so a failure leaves both as they were. The database itself is not
re-encrypted (`services.rekey` does that, and is offered after a removal).
"""

from __future__ import annotations

from dataclasses import replace

from screener.domain import Role, User, check_new_password
from screener.errors import InputError, PermissionDenied
from screener.services.session import Session
from screener.store import Repositories, open_database
from screener.store.account_keys import AccountKeys
from screener.store.grants import Grant
from screener.store.keyslots import (
    check_username,
    load_keys_file,
    new_database_key,
    save_keys_file,
    unlock_slot,
)
from screener.store.rekey import Progress, export_rekeyed, swap_in


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise InputError(f"Unknown role {role!r}; choose one of: {choices}.") from None


def _active_user(session: Session, username: str) -> User:
    user = session.repos.users.get(username)
    if user is None or user.disabled:
        raise InputError(f"There is no active account named {username!r}.")
    return user


def _session_keys(session: Session) -> AccountKeys:
    if session.account is None:  # only a session built by hand in a test lacks keys
        raise PermissionDenied("This session has no signing key; sign in again.")
    return session.account


def _grant(session: Session, grant: Grant) -> None:
    session.grants.sign(session.username, _session_keys(session), grant)


def add_user(session: Session, username: str, role: Role | str, password: str) -> User:
    """Create a staff account with its own password (admin only)."""
    session.require(Role.ADMIN, "add staff accounts")
    name = check_username(username)
    chosen = _role(role)
    check_new_password(password)
    existing = session.repos.users.get(name)
    if existing is not None and not existing.disabled:
        raise InputError(f"An account named {name!r} already exists.")
    keys = load_keys_file(session.keys_path)
    account = AccountKeys.new()
    slot = session.repos.db.new_key_slot(name, password, session.database_id, account)
    with session.repos.db.transaction():
        user = session.repos.users.add(name, chosen, session.username, session.now())
        _grant(session, Grant(name, chosen, account.public_key, False, session.username))
        session.audit("user.add", "user", name, {"role": chosen.value})
        save_keys_file(session.keys_path, keys.with_slot(slot))
    return user


def change_password(
    session: Session,
    new_password: str,
    *,
    username: str | None = None,
    current_password: str | None = None,
) -> None:
    """Change the signed-in user's own password (the current one is required), or, as an
    admin, reset another person's password."""
    target = session.username if username is None else username.strip().lower()
    check_new_password(new_password)
    keys = load_keys_file(session.keys_path)
    reset = target != session.username
    if not reset:
        if current_password is None:
            raise InputError("Give the current password to change it.")
        # The account keeps its keys (WrongPassword if the current password is wrong).
        account = unlock_slot(keys, target, current_password).account or _session_keys(session)
    else:
        session.require(Role.ADMIN, "reset other people's passwords")
        _active_user(session, target)
        account = AccountKeys.new()  # nobody but the person can open the old ones
    slot = session.repos.db.new_key_slot(target, new_password, session.database_id, account)
    with session.repos.db.transaction():
        if reset:
            old = session.grants.check(target)
            former = () if old is None else tuple(
                k for k in (session.grants.key_of_grant(old), *old.former_keys) if k)
            user = _active_user(session, target)
            _grant(session, Grant(target, user.role if old is None else old.role,
                                  slot.public_key, False, session.username, former))
        session.audit("user.password", "user", target, {"reset": reset})
        save_keys_file(session.keys_path, keys.with_slot(slot))


def remove_user(session: Session, username: str) -> None:
    """Remove a staff account: its slot leaves the keys file and the account is marked
    removed in the database, so an old copy of the keys file does not let it back in."""
    session.require(Role.ADMIN, "remove staff accounts")
    name = username.strip().lower()
    user = _active_user(session, name)
    if user.role is Role.ADMIN and session.repos.users.active_admins() <= 1:
        raise InputError(f"{name!r} is the last admin and cannot be removed; add another first.")
    keys = load_keys_file(session.keys_path)
    grant = session.grants.check(name)
    with session.repos.db.transaction():
        session.repos.users.remove(name, session.now())
        removed = (Grant(name, user.role, None, True, session.username) if grant is None
                   else replace(grant, disabled=True))
        _grant(session, removed)
        session.audit("user.remove", "user", name)
        save_keys_file(session.keys_path, keys.without_slot(name))


def rekey_database(session: Session, progress: Progress | None = None) -> int:
    """Re-encrypt the database under a new random key and seal that key to every account
    (admin only); returns how many accounts received it. Offered after an account is
    removed: a copy of the old keys file, or the old key itself, no longer opens the
    database. Crash-safe (store/rekey.py); other sessions on the database must be closed.
    """
    session.require(Role.ADMIN, "re-encrypt the database")
    keys = load_keys_file(session.keys_path)
    legacy = sorted(s.username for s in keys.slots if s.legacy)
    if legacy:
        raise InputError(
            "These accounts have not signed in since Screener was upgraded, so their key slots "
            f"cannot receive a new key: {', '.join(legacy)}. Ask them to sign in once (or "
            "reset their passwords), then run the rekey again. Nothing was changed."
        )
    new_key = new_database_key()
    try:
        session.audit("database.rekey_start", details={"accounts": len(keys.slots)})
        copy = export_rekeyed(session.repos.db, new_key, progress)
        with_next = replace(keys, slots=tuple(s.with_next(new_key) for s in keys.slots))
        save_keys_file(session.keys_path, with_next)
        session.repos.db.close()
        swap_in(session.path, copy)
        save_keys_file(session.keys_path,
                       replace(keys, slots=tuple(s.promoted() for s in with_next.slots)))
        session.repos = Repositories.of(open_database(session.path, new_key))
        session.audit("database.rekey", details={"accounts": len(keys.slots)})
    finally:
        new_key[:] = bytes(len(new_key))
    return len(keys.slots)


def list_users(session: Session, include_removed: bool = False) -> tuple[User, ...]:
    """The staff accounts, by user name, each with the role its signed grant gives (admin
    only). An account whose grant does not check out is listed as `verified=False`, with the
    least role."""
    session.require(Role.ADMIN, "list staff accounts")
    users = session.repos.users.list(include_removed)
    if not session.grants.has_root():
        return users
    listed = []
    for user in users:
        grant = session.grants.check(user.username)
        if grant is None:
            listed.append(replace(user, role=Role.INTAKE, verified=False))
        else:
            listed.append(replace(user, role=grant.role))
    return tuple(listed)

"""Staff accounts (the authority on roles) and key/value settings."""

from __future__ import annotations

from datetime import datetime

from screener.domain import Role, User
from screener.store.db import Database
from screener.store.sqlite import Row, scalar
from screener.store.stamps import timestamp

_USER_COLUMNS = "username, role, created_at, created_by, disabled, disabled_at"

#: Settings every database has from the start, and their defaults.
DEFAULT_SETTINGS: dict[str, str] = {"auto_lock_minutes": "10"}


def _user(row: Row) -> User:
    return User(
        username=row[0], role=Role(row[1]), created_at=row[2], created_by=row[3],
        disabled=bool(row[4]), disabled_at=row[5],
    )


class UsersRepo:
    """The `users` table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, username: str) -> User | None:
        """The account (active or removed), or None."""
        row = self._db.conn.execute(
            f"SELECT {_USER_COLUMNS} FROM users WHERE username = ?", (username,)
        ).fetchone()
        return None if row is None else _user(row)

    def list(self, include_removed: bool = False) -> tuple[User, ...]:
        """Accounts by user name."""
        where = "" if include_removed else "WHERE disabled = 0"
        rows = self._db.conn.execute(
            f"SELECT {_USER_COLUMNS} FROM users {where} ORDER BY username"
        ).fetchall()
        return tuple(_user(r) for r in rows)

    def add(self, username: str, role: Role, by: str | None, now: datetime) -> User:
        """Create an account, or re-activate a removed one with a new role."""
        with self._db.transaction() as conn:
            conn.execute(
                f"INSERT INTO users ({_USER_COLUMNS}) VALUES (?, ?, ?, ?, 0, NULL) "
                "ON CONFLICT (username) DO UPDATE SET role = excluded.role, "
                "created_at = excluded.created_at, created_by = excluded.created_by, "
                "disabled = 0, disabled_at = NULL WHERE users.disabled = 1",
                (username, role.value, timestamp(now), by),
            )
        user = self.get(username)
        assert user is not None
        return user

    def remove(self, username: str, now: datetime) -> None:
        """Mark an account removed (the row stays, so the audit log's names still resolve)."""
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE users SET disabled = 1, disabled_at = ? WHERE username = ?",
                (timestamp(now), username),
            )

    def active_admins(self) -> int:
        """How many active admin accounts there are."""
        return int(scalar(
            self._db.conn, "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0"
        ))


class SettingsRepo:
    """The `settings` key/value table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str) -> str | None:
        """The value of a setting, or None."""
        value = scalar(self._db.conn, "SELECT value FROM settings WHERE key = ?", (key,))
        return None if value is None else str(value)

    def with_prefix(self, prefix: str) -> tuple[str, ...]:
        """The names of the settings that start with `prefix`."""
        rows = self._db.conn.execute(
            "SELECT key FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key",
            (len(prefix), prefix),
        ).fetchall()
        return tuple(str(r[0]) for r in rows)

    def delete(self, key: str) -> None:
        """Remove a setting (nothing happens if it is not set)."""
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))

    def set(self, key: str, value: str) -> None:
        """Set a setting."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

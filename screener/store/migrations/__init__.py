"""Forward-only schema migrations: `NNNN_name.sql` files in this folder.

The schema version is `PRAGMA user_version`. At open, every migration newer than the
database runs in ONE transaction together with the version bump, so a failed upgrade leaves
the database exactly as it was. A database newer than this app is refused, never touched.
Never edit a migration that has shipped: add the next number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from screener.errors import NewerSchema, StoreError
from screener.store.sqlite import Connection, SqlError, scalar

_NAME = re.compile(r"(\d{4})_([a-z0-9_]+)\.sql")


@dataclass(frozen=True)
class Migration:
    """One numbered schema step."""

    version: int
    name: str
    sql: str


@cache
def all_migrations() -> tuple[Migration, ...]:
    """Every migration shipped with this app, in order; numbers must run 1, 2, 3, ..."""
    found: list[Migration] = []
    for entry in resources.files(__package__).iterdir():
        match = _NAME.fullmatch(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    numbers = [m.version for m in found]
    if numbers != list(range(1, len(found) + 1)):
        raise StoreError(f"Screener's schema migrations are not numbered 1..N: {numbers}")
    return tuple(found)


def latest_version() -> int:
    """The schema version this app writes."""
    return len(all_migrations())


def schema_version(conn: Connection) -> int:
    """The schema version of an open database."""
    return int(scalar(conn, "PRAGMA user_version"))


def newer_schema_error(found: int) -> NewerSchema:
    """The error for a database written by a newer Screener."""
    return NewerSchema(
        f"The database was written by a newer version of Screener (schema {found}; this "
        f"version understands up to {latest_version()}). Install the newer Screener. "
        "The database was not changed."
    )


def migrate(conn: Connection, target: int | None = None) -> int:
    """Bring the database to schema `target` (default: the latest); returns the new version.

    All pending steps and the version bump commit together, or none of them does.
    """
    goal = latest_version() if target is None else target
    current = schema_version(conn)
    if current > latest_version():
        raise newer_schema_error(current)
    pending = [m for m in all_migrations() if current < m.version <= goal]
    if not pending:
        return current
    script = "\n".join(
        ["BEGIN IMMEDIATE;", *(m.sql for m in pending), f"PRAGMA user_version = {goal};",
         "COMMIT;"]
    )
    try:
        conn.executescript(script)
    except SqlError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        step = f"{pending[0].version}..{goal}"
        raise StoreError(
            f"Upgrading the database (schema steps {step}) failed and was undone: {exc}"
        ) from None
    return goal

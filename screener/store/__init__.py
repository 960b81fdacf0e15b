"""The encrypted database: open/unlock, key slots, migrations, repositories, audit log.

All SQL of Screener lives in this package. Services reach the tables through the small
repository classes gathered in `Repositories`; every read returns frozen dataclasses.

Importing a module of this package (say `screener.store.keyslots`) runs this file first, so it
imports nothing itself: the repositories and the database code (and `cryptography`) load when
first used, not while the desktop app draws its sign-in window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from screener.store.accounts import SettingsRepo, UsersRepo
    from screener.store.audit import AuditLog
    from screener.store.clients import ClientsRepo
    from screener.store.db import Database, create_database_file, open_database
    from screener.store.followups import FollowupsRepo
    from screener.store.intakes import AnswersRepo, IntakesRepo
    from screener.store.screening import ConsentsRepo, DeterminationsRepo, PacketsRepo


@dataclass(frozen=True)
class Repositories:
    """Every repository of one open database (each uses the calling thread's connection)."""

    db: Database
    users: UsersRepo
    settings: SettingsRepo
    audit: AuditLog
    clients: ClientsRepo
    intakes: IntakesRepo
    answers: AnswersRepo
    determinations: DeterminationsRepo
    consents: ConsentsRepo
    packets: PacketsRepo
    followups: FollowupsRepo

    @classmethod
    def of(cls, db: Database) -> Repositories:
        """The repositories of `db`."""
        from screener.store.accounts import SettingsRepo, UsersRepo
        from screener.store.audit import AuditLog
        from screener.store.clients import ClientsRepo
        from screener.store.followups import FollowupsRepo
        from screener.store.intakes import AnswersRepo, IntakesRepo
        from screener.store.screening import ConsentsRepo, DeterminationsRepo, PacketsRepo

        return cls(
            db=db,
            users=UsersRepo(db),
            settings=SettingsRepo(db),
            audit=AuditLog(db),
            clients=ClientsRepo(db),
            intakes=IntakesRepo(db),
            answers=AnswersRepo(db),
            determinations=DeterminationsRepo(db),
            consents=ConsentsRepo(db),
            packets=PacketsRepo(db),
            followups=FollowupsRepo(db),
        )


_FROM_DB = ("Database", "create_database_file", "open_database")


def __getattr__(name: str) -> Any:
    """`Database`, `create_database_file` and `open_database`, imported on first use."""
    if name in _FROM_DB:
        from screener.store import db

        value = getattr(db, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Database",
    "Repositories",
    "create_database_file",
    "open_database",
]

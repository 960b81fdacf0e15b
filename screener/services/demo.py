"""Synthetic data: the `--demo` database and `screener demo-data` (DESIGN §2 `demo/`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from screener.clock import Clock, SystemClock
from screener.demo.generate import (
    DEMO_PASSWORD,
    DEMO_USER,
    DemoFill,
    answer_ids,
    demo_database_path,
    fill,
)
from screener.domain import Role
from screener.progress import Progress
from screener.services.eligibility import rescreen
from screener.services.session import Session, create_database, open_session
from screener.store.bulk import BulkWriter
from screener.store.stamps import current_seq


@dataclass(frozen=True)
class DemoDatabase:
    """A throwaway demo database and who may open it."""

    db_path: Path
    username: str
    password: str


def fill_demo_data(
    session: Session, clients: int, *, seed: int = 1, progress: Progress | None = None
) -> DemoFill:
    """Add `clients` synthetic clients (with intakes and consents) to the open database.

    For demonstrations and benchmarks only: admins only, and recorded in the audit log.
    The same seed gives the same people.
    """
    session.require(Role.ADMIN, "create synthetic demo data")
    if clients < 0:
        raise ValueError("clients must not be negative")
    # Every record made so far took a sequence number: numbering from the current one keeps
    # ids fresh when a database is filled twice.
    start = current_seq(session.repos.db.conn) + 1
    with BulkWriter(session.repos.db, session.username,
                    answer_ids=answer_ids(seed, start, session.repos.db.device_id)) as writer:
        result = fill(writer, clients, seed=seed, today=session.clock.today(),
                      now=session.now(), start=start, progress=progress)
    session.audit("demo.fill", "database", session.database_id,
                  {"clients": clients, "seed": seed})
    return result


def create_demo_database(
    folder: Path, clients: int = 500, seed: int = 1, clock: Clock | None = None,
    progress: Progress | None = None,
) -> DemoDatabase:
    """A new encrypted database in `folder` holding `clients` synthetic clients."""
    clock = clock or SystemClock()
    path = demo_database_path(folder)
    create_database(path, DEMO_USER, DEMO_PASSWORD, clock)
    with open_session(path, DEMO_USER, DEMO_PASSWORD, clock) as session:
        fill_demo_data(session, clients, seed=seed, progress=progress)
        rescreen(session)  # so every completed intake shows its eligibility
    return DemoDatabase(db_path=path, username=DEMO_USER, password=DEMO_PASSWORD)

"""Test set-up for sync: one office and two field laptops, built once and copied per test.

The office has an admin (`boss`) and office staff (`olga`); each field laptop an admin
(`fadmin`) and an intake worker (`ana`). The office ran `init_office`, both laptops joined
it and were enrolled.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from screener import services
from screener.clock import FixedClock
from screener.store.keyslots import keys_path_for

PASSWORD = "sync-test-password"
START = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
NAMES = ("office", "field1", "field2")


def build_template(folder: Path) -> Path:
    """Create the three databases (and key files) under `folder`."""
    clock = FixedClock(START)
    office = folder / "office.db"
    services.create_database(office, "boss", PASSWORD, clock)
    with services.open_session(office, "boss", PASSWORD, clock) as s:
        services.add_user(s, "olga", "office", PASSWORD)
        services.init_office(s, "ODR Main Office", folder / "office.enroll")
    for name in ("field1", "field2"):
        path = folder / f"{name}.db"
        services.create_database(path, "fadmin", PASSWORD, clock)
        with services.open_session(path, "fadmin", PASSWORD, clock) as s:
            services.add_user(s, "ana", "intake", PASSWORD)
            services.join_office(s, folder / "office.enroll", f"Laptop {name}",
                                 folder / f"{name}.device")
        with services.open_session(office, "boss", PASSWORD, clock) as s:
            services.enroll_device(s, folder / f"{name}.device")
    return folder


def copy_world(template: Path, target: Path) -> Path:
    """Copy the databases, key files and key exchange files of a template."""
    target.mkdir(parents=True, exist_ok=True)
    for path in template.iterdir():
        if path.is_file() and not path.name.endswith(("-wal", "-shm")):
            shutil.copyfile(path, target / path.name)
    return target


@dataclass
class World:
    """Open sessions on the three installations, sharing one clock that moves on."""

    folder: Path
    clock: FixedClock = field(default_factory=lambda: FixedClock(START))
    sessions: dict[str, services.Session] = field(default_factory=dict)
    bundles: int = 0

    def __post_init__(self) -> None:
        users = {"office": "olga", "field1": "ana", "field2": "ana"}
        for name, user in users.items():
            self.sessions[name] = services.open_session(
                self.folder / f"{name}.db", user, PASSWORD, self.clock)

    @property
    def office(self) -> services.Session:
        return self.sessions["office"]

    def __getitem__(self, name: str) -> services.Session:
        return self.sessions[name]

    def tick(self) -> None:
        self.clock.advance(seconds=1)

    def bundle_path(self) -> Path:
        self.bundles += 1
        return self.folder / f"b{self.bundles:04d}.screener-bundle"

    def export(self, name: str, full: bool = False) -> Path:
        path = self.bundle_path()
        services.export_bundle(self[name], path, full=full)
        return path

    def sync_to_office(self, name: str) -> services.ImportSummary:
        return services.import_bundle(self.office, self.export(name))

    def close(self) -> None:
        for session in self.sessions.values():
            session.close()

    def db(self, name: str) -> Path:
        return self.folder / f"{name}.db"

    def key(self, name: str) -> Path:
        return keys_path_for(self.db(name))


def table_digest(session: services.Session) -> dict[str, tuple[int, str]]:
    """Row count and a hash of the content of every table (FTS shadow tables excluded)."""
    import hashlib

    conn = session.repos.db.conn
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'client_search%' ORDER BY name")]
    out: dict[str, tuple[int, str]] = {}
    for table in tables:
        rows = conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        out[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return out


def add_clients(session: services.Session, count: int, answers_each: int = 3,
                prefix: str = "C") -> list[str]:
    """`count` clients, each with one intake and some answers, in one transaction."""
    from datetime import date, timedelta

    from screener.domain import ClientIdentity

    fields = ("housing_status", "release_date", "county_of_residence", "employment_status",
              "health_coverage", "education_level", "gender", "preferred_language")
    values = ("unsheltered", "2026-09-20", "los_angeles", "unemployed_seeking", "medi_cal",
              "hs_ged", "woman", "es")
    ids = []
    with session.repos.db.transaction():
        for n in range(count):
            client = services.create_client(session, ClientIdentity(
                f"{prefix}first{n}", f"{prefix}last{n}", dob=(date(1950, 1, 1) + timedelta(days=n * 7 + len(prefix))).isoformat()))
            intake = services.start_intake(session, client.id, "intake", 1)
            for f, v in list(zip(fields, values, strict=True))[:answers_each]:
                services.save_answer(session, intake.id, f, v)
            ids.append(client.id)
    return ids

"""The operations the disk-full and fault tests put under stress: save, export, import,
packet, migration (and password change), each on its own ready-made databases.

`Templates` builds the databases once (in an ordinary folder); a `Scenario` copies what it
needs into the folder under test, opens a session there, runs its one operation, and can
tell afterwards (on a healthy disk) whether the operation's effect is in the database.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from screener import services
from screener.domain import ClientIdentity
from screener.store.keyslots import keys_path_for
from screener.store.migrations import latest_version
from tests.reliability.harness import (
    ADMIN,
    ADMIN_PASSWORD,
    REPO,
    clock,
    new_database,
    raw_connection,
)
from tests.unit.store.conftest import REQUIRED_ANSWERS
from tests.unit.store.old_schema import PASSWORDS
from tests.unit.sync.world import PASSWORD as SYNC_PASSWORD
from tests.unit.sync.world import build_template

BIG_ANSWER = " ".join(["Quokka"] * 4000)  # 28 KB over several pages (as stored: trimmed)
NEW_PASSWORD = "a-brand-new-password-2"
FIXTURE_V1 = REPO / "tests" / "fixtures" / "db_v1.sqlcipher"


@dataclass(frozen=True)
class Templates:
    """Databases built once: a plain one with a completed intake, and a sync world with a
    bundle from a field laptop waiting for the office."""

    plain: Path
    client_id: str
    program_id: str
    world: Path
    bundle: Path

    @classmethod
    def build(cls, folder: Path) -> Templates:
        """Build every template database under `folder`."""
        plain = new_database(folder / "plain" / "screener.db")
        with services.open_session(plain, ADMIN, ADMIN_PASSWORD, clock()) as session:
            client = services.create_client(session, ClientIdentity("Rosa", "Quintero"))
            intake = services.start_intake(session, client.id, "intake", 1)
            for field, value in REQUIRED_ANSWERS.items():
                services.save_answer(session, intake.id, field, value)  # type: ignore[arg-type]
            services.complete_intake(session, intake.id)
            program = services.packet_choices(session, client.id)[0].program_id
        world = build_template(folder / "world")
        with services.open_session(world / "field1.db", "ana", SYNC_PASSWORD, clock()) as s:
            for i in range(25):
                person = services.create_client(s, ClientIdentity(f"Field{i}", "Person"))
                intake = services.start_intake(s, person.id, "intake", 1)
                services.save_answer(s, intake.id, "race_ethnicity_detail", f"{i} " * 300)
            bundle = folder / "field1.screener-bundle"
            services.export_bundle(s, bundle)
        return cls(plain, client.id, program, world, bundle)


def copy_db(source: Path, target: Path) -> Path:
    """Copy a database and its keys file (no -wal/-shm) to `target`."""
    shutil.copyfile(source, target)
    shutil.copyfile(keys_path_for(source), keys_path_for(target))
    return target


def audit_count(session: services.Session, action: str) -> int:
    """How many audit lines of `action` the database holds."""
    row = session.repos.db.conn.execute(
        "SELECT count(*) FROM audit WHERE action = ?", (action,)).fetchone()
    return int(row[0]) if row else 0


class Scenario:
    """One operation on one database copied into a folder."""

    name = ""
    user, password = ADMIN, ADMIN_PASSWORD
    #: The file the operation writes (besides the database), if any.
    target: str | None = None
    #: False when the operation is signing in itself (a migration runs at open).
    signs_in_first = True
    #: Whether a failure means nothing changed. Signing in to an old database migrates it
    #: (one transaction) and then writes the sign-in's audit line (another): with the disk
    #: full in between, the migration stays done and signing in says why it failed.
    all_or_nothing = True

    def __init__(self, templates: Templates) -> None:
        self.t = templates

    def source(self) -> Path:
        """The template database this scenario starts from."""
        return self.t.plain

    def place(self, folder: Path) -> Path:
        """Copy the database into `folder`; returns its path there."""
        return copy_db(self.source(), folder / "screener.db")

    def open(self, db: Path) -> services.Session:
        """Sign in as this scenario's user."""
        return services.open_session(db, self.user, self.password, clock())

    def run(self, session: services.Session | None, db: Path) -> None:
        """The operation under test (`session` is None when `signs_in_first` is False)."""
        raise NotImplementedError

    def effect(self, db: Path) -> bool | None:
        """Whether the operation's effect is in the database (checked on a healthy disk);
        None when only part of it is."""
        raise NotImplementedError


class Save(Scenario):
    """Autosave of one large answer (a completed intake: history and a reason too)."""

    name = "save"

    def run(self, session: services.Session | None, db: Path) -> None:
        assert session is not None
        services.save_answer(session, _intake(session, self.t.client_id), "race_ethnicity_detail",
                             BIG_ANSWER, reason="disk full test")

    def effect(self, db: Path) -> bool:
        with self.open(db) as session:
            values = services.answer_values(session, _intake(session, self.t.client_id))
        return values.get("race_ethnicity_detail") == BIG_ANSWER


class Packet(Scenario):
    """A referral packet saved as a PDF next to the database, and logged."""

    name = "packet"
    target = "packet.pdf"

    def run(self, session: services.Session | None, db: Path) -> None:
        assert session is not None
        services.save_packet(session, self.t.client_id, [self.t.program_id],
                             db.parent / "packet.pdf")

    def effect(self, db: Path) -> bool:
        with self.open(db) as session:
            return bool(services.packets_of(session, self.t.client_id))


class Export(Scenario):
    """A field laptop's full export to a bundle file next to the database."""

    name = "export"
    user, password = "ana", SYNC_PASSWORD
    target = "out.screener-bundle"

    def source(self) -> Path:
        return self.t.world / "field1.db"

    def run(self, session: services.Session | None, db: Path) -> None:
        assert session is not None
        services.export_bundle(session, db.parent / "out.screener-bundle", full=True)

    def effect(self, db: Path) -> bool:
        with self.open(db) as session:
            return audit_count(session, "sync.export") > 1  # the template exported once


class Import(Scenario):
    """The office importing the field laptop's bundle (25 clients)."""

    name = "import"
    user, password = "olga", SYNC_PASSWORD

    def source(self) -> Path:
        return self.t.world / "office.db"

    def run(self, session: services.Session | None, db: Path) -> None:
        assert session is not None
        services.import_bundle(session, self.t.bundle)

    def effect(self, db: Path) -> bool:
        with self.open(db) as session:
            return audit_count(session, "sync.import") > 0


class Migration(Scenario):
    """Signing in to a schema-1 database, which migrates it to the latest schema."""

    name = "migration"
    password = PASSWORDS["admin"]
    signs_in_first = False
    all_or_nothing = False

    def source(self) -> Path:
        return FIXTURE_V1

    def run(self, session: services.Session | None, db: Path) -> None:
        self.open(db).close()

    def effect(self, db: Path) -> bool | None:
        """Migrated (True), untouched (False) or half-migrated (None); read without signing
        in, which would migrate it."""
        conn = raw_connection(db, self.user, self.password)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        finally:
            conn.close()
        if version == latest_version():
            return True
        original = raw_connection(FIXTURE_V1, self.user, self.password)
        try:
            before = original.execute(
                "SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        finally:
            original.close()
        return False if schema == before and version == 1 else None


def _intake(session: services.Session, client_id: str) -> str:
    return services.intakes_of(session, client_id)[-1].id


SCENARIOS: tuple[type[Scenario], ...] = (Save, Export, Import, Packet, Migration)

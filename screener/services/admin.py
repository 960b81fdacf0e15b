"""Audit log and database checks, and installation settings."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass

from screener.domain import AuditEntry, AuditReport, Role
from screener.errors import InputError, StoreError
from screener.services.session import Session
from screener.store.accounts import DEFAULT_SETTINGS

AUTO_LOCK_RANGE = range(1, 241)


@dataclass(frozen=True)
class DatabaseCheck:
    """The result of checking every page of the database file."""

    problems: tuple[str, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        """True when every page passed its integrity check and the structure is sound."""
        return not self.problems


def check_database(session: Session) -> DatabaseCheck:
    """Read the whole database file and check every page's HMAC and the b-tree structure.

    Damage anywhere (also in pages no screen has read yet) is found here; Screener itself
    finds a damaged page when it reads it. The check is audited when the log can be written.
    """
    session.require(Role.INTAKE, "check the database")
    start = time.perf_counter()
    problems = session.repos.db.check()
    result = DatabaseCheck(problems, time.perf_counter() - start)
    with contextlib.suppress(StoreError):  # a damaged database may refuse the audit line
        session.audit("database.check", details={"ok": result.ok, "problems": len(problems)})
    return result


def verify_audit(session: Session) -> AuditReport:
    """Check the audit log's hash chain and its authors' signatures; the report names every
    changed, inserted, deleted, unsigned or forged row by its sequence number (office and
    admin)."""
    session.require(Role.OFFICE, "check the audit log")
    report = session.repos.audit.verify(session.signature_check())
    session.audit("audit.verify", details={"rows": report.rows_checked, "ok": report.ok})
    return report


def audit_entries(session: Session, after_seq: int = 0, limit: int = 100) -> tuple[AuditEntry, ...]:
    """A page of the audit log, oldest first (office and admin)."""
    session.require(Role.OFFICE, "read the audit log")
    return session.repos.audit.entries(after_seq, max(1, min(limit, 1000)))


def auto_lock_minutes(session: Session) -> int:
    """Idle minutes before the app locks itself."""
    value = session.repos.settings.get("auto_lock_minutes")
    return int(value if value is not None else DEFAULT_SETTINGS["auto_lock_minutes"])


def set_auto_lock_minutes(session: Session, minutes: int) -> None:
    """Change the idle time before auto-lock (admin only)."""
    session.require(Role.ADMIN, "change the auto-lock time")
    if minutes not in AUTO_LOCK_RANGE:
        raise InputError("Auto-lock must be between 1 and 240 minutes.")
    with session.repos.db.transaction():
        session.repos.settings.set("auto_lock_minutes", str(minutes))
        session.audit("settings.change", "setting", "auto_lock_minutes", {"value": minutes})

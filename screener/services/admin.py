"""Audit log checks and installation settings."""

from __future__ import annotations

from screener.errors import InputError
from screener.services.session import Session
from screener.store.accounts import DEFAULT_SETTINGS
from screener.store.records import AuditEntry, AuditReport, Role

AUTO_LOCK_RANGE = range(1, 241)


def verify_audit(session: Session) -> AuditReport:
    """Check the audit log's hash chain; the report names every changed, inserted or
    deleted row by its sequence number (office and admin)."""
    session.require(Role.OFFICE, "check the audit log")
    report = session.repos.audit.verify()
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

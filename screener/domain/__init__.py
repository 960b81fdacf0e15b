"""The records, roles, ids and answer values that every layer shares.

Frozen dataclasses and enums only: no SQL, no files, no Qt. This package imports nothing of
Screener but the base modules (`clock`, `dates`, `errors`, `text`, `limits`), so the store,
the use cases, the screens and the command line can all speak in the same types
(ARCHITECTURE.md; the import-linter contracts in pyproject.toml keep it so).
"""

from __future__ import annotations

from screener.domain.answers import Answer, AnswerVersion, JsonValue
from screener.domain.ids import new_id
from screener.domain.passwords import MIN_PASSWORD_CHARS, check_new_password
from screener.domain.records import (
    IDENTITY_FIELDS,
    AuditEntry,
    AuditProblem,
    AuditReport,
    Client,
    ClientCursor,
    ClientIdentity,
    ClientPage,
    Consent,
    Determination,
    DuplicateCandidate,
    FlagFollowup,
    Intake,
    IntakeStatus,
    PacketRecord,
    Role,
    StaffProfile,
    User,
)
from screener.domain.sensitivity import SENSITIVE_KINDS, SensitiveKind

__all__ = [
    "SENSITIVE_KINDS",
    "SensitiveKind",
    "IDENTITY_FIELDS",
    "MIN_PASSWORD_CHARS",
    "Answer",
    "AnswerVersion",
    "AuditEntry",
    "AuditProblem",
    "AuditReport",
    "Client",
    "ClientCursor",
    "ClientIdentity",
    "ClientPage",
    "Consent",
    "Determination",
    "DuplicateCandidate",
    "FlagFollowup",
    "Intake",
    "IntakeStatus",
    "JsonValue",
    "PacketRecord",
    "Role",
    "StaffProfile",
    "User",
    "check_new_password",
    "new_id",
]

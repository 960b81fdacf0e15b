"""The records every layer shares: frozen dataclasses and enums, never cursor rows or dicts.

The store reads and writes them, services hand them to the screens and the command line.

Syncable records (DESIGN §8) end with the same three fields: `updated_at` (hybrid logical
clock text, sorts in time order), `device_id` (the installation that made the change) and
`seq` (this database's change sequence number).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from enum import StrEnum
from typing import Any

from screener.domain.answers import JsonValue


class Role(StrEnum):
    """What a staff account may do: intake < office < admin."""

    INTAKE = "intake"
    OFFICE = "office"
    ADMIN = "admin"

    def at_least(self, other: Role) -> bool:
        """True when this role may do everything `other` may (admin is at least office)."""
        return _RANK[self] >= _RANK[other]


_RANK = {Role.INTAKE: 0, Role.OFFICE: 1, Role.ADMIN: 2}


class IntakeStatus(StrEnum):
    """A draft intake is still being taken; a complete one asks why when edited."""

    DRAFT = "draft"
    COMPLETE = "complete"


@dataclass(frozen=True)
class User:
    """A staff account."""

    username: str
    role: Role
    created_at: str
    created_by: str | None
    disabled: bool
    disabled_at: str | None
    #: False when the account's role is not backed by an admin's signed grant.
    verified: bool = True


@dataclass(frozen=True)
class ClientIdentity:
    """The identity and search details of a client (kept in sync with intake answers)."""

    first_name: str
    last_name: str
    preferred_name: str | None = None
    dob: str | None = None
    phone: str | None = None
    booking_number: str | None = None
    cdcr_number: str | None = None
    preferred_language: str | None = None

    def with_value(self, field_id: str, text: str | None) -> ClientIdentity:
        """A copy with one field set, trimmed; blank names become "", other blanks None."""
        if field_id not in IDENTITY_FIELDS:
            raise KeyError(field_id)
        value = (text or "").strip()
        changes: dict[str, Any] = {
            field_id: value if field_id in ("first_name", "last_name") else (value or None)
        }
        return replace(self, **changes)


#: Field ids (DESIGN §5) whose answers are copied to the client's identity columns.
IDENTITY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ClientIdentity))


@dataclass(frozen=True)
class Client:
    """A client record."""

    id: str
    first_name: str
    last_name: str
    preferred_name: str | None
    dob: str | None
    phone: str | None
    booking_number: str | None
    cdcr_number: str | None
    preferred_language: str | None
    created_at: str
    created_by: str
    updated_at: str
    device_id: str
    seq: int

    @property
    def identity(self) -> ClientIdentity:
        """The identity part of the record."""
        return ClientIdentity(**{name: getattr(self, name) for name in IDENTITY_FIELDS})


@dataclass(frozen=True)
class ClientCursor:
    """Where a page of the client list ended: the last client's place in name order.

    Hand it back (`after=`) for the next page: keyset paging seeks straight there, where an
    offset would step over every earlier row again.
    """

    last_name: str
    first_name: str
    local_id: int


@dataclass(frozen=True)
class ClientPage:
    """One page of a client list or search, in name order (last, first name)."""

    clients: tuple[Client, ...]
    offset: int
    limit: int
    has_more: bool
    #: The cursor for the page after this one (None when this page is empty).
    next_after: ClientCursor | None = None


@dataclass(frozen=True)
class DuplicateCandidate:
    """An existing client who may be the person about to be entered, and why."""

    client: Client
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Intake:
    """One questionnaire taken with a client, with the form version it was taken with."""

    id: str
    client_id: str
    form_id: str
    form_version: int
    status: IntakeStatus
    current_section: str | None
    current_question: str | None
    started_at: str
    started_by: str
    completed_at: str | None
    completed_by: str | None
    updated_at: str
    device_id: str
    seq: int



@dataclass(frozen=True)
class Determination:
    """One program's outcome for an intake under one rules version, with its trace."""

    id: str
    intake_id: str
    program_id: str
    outcome: str
    trace: JsonValue
    rules_version: str
    rules_hash: str
    evaluated_at: str
    evaluated_by: str
    updated_at: str
    device_id: str
    seq: int


@dataclass(frozen=True)
class Consent:
    """A signed consent / release of information."""

    id: str
    client_id: str
    intake_id: str | None
    program_ids: tuple[str, ...]
    signer: str
    signed_at: str
    expires_on: str | None
    signature_png: bytes | None
    recorded_by: str
    revoked: bool
    revoked_at: str | None
    revoked_by: str | None
    updated_at: str
    device_id: str
    seq: int


@dataclass(frozen=True)
class PacketRecord:
    """A log line for a printed or saved packet (not the PDF)."""

    id: str
    client_id: str
    intake_id: str | None
    program_id: str
    sections: tuple[str, ...]
    printed_at: str
    printed_by: str
    #: The referral number printed on the packet (schema 6; None for older packets).
    referral_id: str | None = None


@dataclass(frozen=True)
class StaffProfile:
    """How a packet names the referring worker; None where not filled in."""

    username: str
    display_name: str | None = None
    agency: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class FlagFollowup:
    """A step taken after an urgent flag of an intake (`action`: an id of services/urgent.py)."""

    id: str
    intake_id: str
    flag_id: str
    action: str
    done_by: str
    done_at: str


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit log. `details` is canonical JSON without personal data."""

    seq: int
    at: str
    username: str
    action: str
    record_type: str | None
    record_id: str | None
    details: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditProblem:
    """Something `verify` found: the row (by seq) and what happened to it."""

    seq: int
    kind: str  # "changed", "deleted", "inserted" or "broken_chain"
    message: str


@dataclass(frozen=True)
class AuditReport:
    """The result of checking the audit log's hash chain."""

    rows_checked: int
    problems: tuple[AuditProblem, ...]

    @property
    def ok(self) -> bool:
        """True when the log is intact."""
        return not self.problems

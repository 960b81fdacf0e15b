"""The records sync moves between installations, and what the sync tables hand out.

A change record is one syncable row as it travels in a bundle: every column except the
local `seq`, plus `vv` (the version vector the row's version descends from, canonical JSON
text). Clients and intakes travel as the domain's `Client` and `Intake` (their `seq` is 0
in a bundle); answers, consents and determinations as the records here, which keep JSON
text and bytes as stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import TypeVar

from screener.domain.records import Client, Intake, IntakeStatus


class RecordType(StrEnum):
    """The kinds of record a bundle carries, in the order they are written and applied."""

    CLIENT = "client"
    INTAKE = "intake"
    ANSWER = "answer"
    CONSENT = "consent"
    DETERMINATION = "determination"
    DOCUMENT = "document"


@dataclass(frozen=True)
class AnswerRecord:
    """One answer (one field of one intake) in a bundle; `value` is canonical JSON text."""

    id: str
    intake_id: str
    field_id: str
    value: str
    reason: str | None
    entered_at: str
    entered_by: str
    updated_at: str
    device_id: str
    vv: str


@dataclass(frozen=True)
class ConsentRecord:
    """A consent row in a bundle; `program_ids` is JSON text, the signature PNG bytes."""

    id: str
    client_id: str
    intake_id: str | None
    program_ids: str
    signer: str
    signed_at: str
    expires_on: str | None
    signature_png: bytes | None
    recorded_by: str
    revoked: int
    revoked_at: str | None
    revoked_by: str | None
    updated_at: str
    device_id: str
    vv: str


@dataclass(frozen=True)
class DeterminationRecord:
    """A determination row in a bundle (never changed once written); `trace` is JSON text."""

    id: str
    intake_id: str
    program_id: str
    outcome: str
    trace: str
    rules_version: str
    rules_hash: str
    pack_version: int | None  # the content pack the rules came from (None: built-in)
    evaluated_at: str
    evaluated_by: str
    updated_at: str
    device_id: str
    vv: str


@dataclass(frozen=True)
class DocumentRecord:
    """A forms or rules YAML file sent by the office (not personal data)."""

    kind: str  # "forms" or "rules"
    path: str
    sha256: str
    text: str


ChangeRecord = Client | Intake | AnswerRecord | ConsentRecord | DeterminationRecord

#: Each syncable table's record class, in bundle order.
SYNCED_TABLES: dict[RecordType, type[ChangeRecord]] = {
    RecordType.CLIENT: Client,
    RecordType.INTAKE: Intake,
    RecordType.ANSWER: AnswerRecord,
    RecordType.CONSENT: ConsentRecord,
    RecordType.DETERMINATION: DeterminationRecord,
}

_R = TypeVar("_R")
#: The fields that travel, per record class (every field but the local `seq`).
SYNCED_FIELDS: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in fields(cls) if f.name != "seq") for cls in SYNCED_TABLES.values()
}


def make_record(cls: type[_R], values: Sequence[object]) -> _R:
    """The record of class `cls` with `values` for its `SYNCED_FIELDS` (a client or intake
    gets `seq` 0: not stored here), about four times quicker than the constructor.

    A frozen dataclass sets each field through `object.__setattr__`; for the million
    records of a big import this fills the instance dict at once instead. The result is the
    same object (equality, hashing and repr read the fields).
    """
    names = SYNCED_FIELDS[cls]
    if len(values) != len(names):
        raise TypeError(f"{cls.__name__} takes {len(names)} values, not {len(values)}")
    record = object.__new__(cls)
    state = dict(zip(names, values, strict=True))
    if cls is Client or cls is Intake:
        state["seq"] = 0
        if cls is Intake:
            state["status"] = IntakeStatus(str(state["status"]))
    object.__setattr__(record, "__dict__", state)
    return record


TABLE_OF: dict[RecordType, str] = {
    RecordType.CLIENT: "clients",
    RecordType.INTAKE: "intakes",
    RecordType.ANSWER: "answers",
    RecordType.CONSENT: "consents",
    RecordType.DETERMINATION: "determinations",
}


@dataclass(frozen=True)
class SyncIdentity:
    """This installation's sync role and keys (the private parts never leave the database)."""

    role: str  # "office" or "field"
    name: str
    device_id: str
    age_identity: str
    signing_key: bytes
    created_at: str


@dataclass(frozen=True)
class Peer:
    """An enrolled field device (at the office) or the office (at a field device)."""

    device_id: str
    kind: str
    name: str
    signing_key: bytes
    age_recipient: str
    enrolled_at: str
    enrolled_by: str
    revoked_at: str | None
    revoked_by: str | None

    @property
    def revoked(self) -> bool:
        """True once the device was revoked: its bundles are refused."""
        return self.revoked_at is not None


@dataclass(frozen=True)
class LedgerEntry:
    """A bundle imported here."""

    bundle_id: str
    device_id: str
    created_at: str
    since_seq: int
    until_seq: int
    imported_at: str
    imported_by: str
    summary: str


@dataclass(frozen=True)
class ConflictRow:
    """An answer both sides changed: the remote version, waiting for review."""

    id: str
    answer_id: str
    intake_id: str
    field_id: str
    remote_value: str
    remote_reason: str | None
    remote_entered_at: str
    remote_entered_by: str
    remote_updated_at: str
    remote_device_id: str
    bundle_id: str
    found_at: str
    status: str
    resolution: str | None
    resolved_at: str | None
    resolved_by: str | None


@dataclass(frozen=True)
class RecordConflictRow:
    """A client, intake or consent both sides changed: the remote version (its bundle line,
    `remote`) waiting for review, with its effective version vector."""

    id: str
    kind: str
    record_id: str
    client_id: str
    fields: str
    remote: str
    remote_vv: str
    remote_updated_at: str
    remote_device_id: str
    bundle_id: str
    found_at: str
    status: str
    resolution: str | None
    resolved_at: str | None
    resolved_by: str | None


@dataclass(frozen=True)
class DuplicateRow:
    """Two clients an import found may be the same person."""

    id: str
    client_a: str
    client_b: str
    reasons: str
    bundle_id: str
    found_at: str
    status: str
    closed_at: str | None
    closed_by: str | None

"""Reviewing what an import could not decide alone: conflicts and possible duplicates.

A conflict is one answer, or one client's identity, intake's status or consent, that both
sides changed since they last synced. The local version is current (a revoked consent or a
completed intake stays so on either side); the remote one waits in the conflict. Resolving
it keeps one of them (for an answer, or a new value) as a new version that supersedes both
everywhere it travels, keeps the other (in the answer history, or in the closed conflict),
and is audited. Merging two clients moves every intake, consent and packet of one to the
other; nothing is deleted but the merged-away client row itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from enum import StrEnum

from screener.domain import IDENTITY_FIELDS, Client, Intake, JsonValue, Role
from screener.errors import InputError
from screener.services.answering import check_answer
from screener.services.session import Session
from screener.store.intakes import encode_json
from screener.store.stamps import timestamp
from screener.store.sync_records import (
    AnswerRecord,
    ChangeRecord,
    ConflictRow,
    ConsentRecord,
    DocumentRecord,
    DuplicateRow,
    RecordConflictRow,
    RecordType,
)
from screener.store.sync_repo import SyncRepo
from screener.sync.merge import (
    Order,
    VersionVector,
    offered,
    vector_of,
    with_edits_of,
)
from screener.sync.wire import decode_line


class Keep(StrEnum):
    """Which value a conflict resolution keeps."""

    LOCAL = "local"
    REMOTE = "remote"
    VALUE = "value"


@dataclass(frozen=True)
class ConflictVersion:
    """One side of a conflict: the value and who entered it, when, on which device."""

    value: JsonValue
    reason: str | None
    entered_at: str
    entered_by: str
    device_id: str


@dataclass(frozen=True)
class Conflict:
    """A record both sides changed: the current (local) and the incoming (remote) value.

    `kind` is "answer" (`field_id` the question, values the answers), or "client",
    "intake" or "consent" (`field_id` the fields that differ, comma-separated; values
    {field: value} of those fields)."""

    id: str
    client_id: str
    intake_id: str | None
    field_id: str
    local: ConflictVersion
    remote: ConflictVersion
    found_at: str
    status: str
    resolution: str | None
    resolved_by: str | None
    kind: str = "answer"
    record_id: str = ""
    #: The client's name as on file ("" if the client is no longer on file, e.g. merged).
    client_name: str = ""


@dataclass(frozen=True)
class DuplicatePair:
    """Two clients that may be the same person, side by side."""

    id: str
    a: Client
    b: Client
    reasons: tuple[str, ...]
    found_at: str
    status: str


def _repo(session: Session) -> SyncRepo:
    return SyncRepo(session.repos.db)


def _client_name(session: Session, client_id: str) -> str:
    client = session.repos.clients.get(client_id)
    return "" if client is None else " ".join(
        n for n in (client.first_name, client.last_name) if n)


def _conflict(session: Session, row: ConflictRow) -> Conflict:
    local = _repo(session).record(RecordType.ANSWER, row.answer_id)
    assert isinstance(local, AnswerRecord)  # answers are never deleted
    intake = session.repos.intakes.require(row.intake_id)
    return Conflict(
        id=row.id, client_id=intake.client_id, intake_id=row.intake_id, field_id=row.field_id,
        local=ConflictVersion(json.loads(local.value), local.reason, local.entered_at,
                              local.entered_by, local.device_id),
        remote=ConflictVersion(json.loads(row.remote_value), row.remote_reason,
                               row.remote_entered_at, row.remote_entered_by,
                               row.remote_device_id),
        found_at=row.found_at, status=row.status, resolution=row.resolution,
        resolved_by=row.resolved_by, kind="answer", record_id=row.answer_id,
        client_name=_client_name(session, intake.client_id),
    )


def _shown(name: str, value: object) -> JsonValue:
    """A record field as a reviewer reads it."""
    if name == "program_ids" and isinstance(value, str):
        programs: list[JsonValue] = json.loads(value)
        return programs
    if name == "revoked":
        return bool(value)
    if isinstance(value, bytes):
        return f"<image, {len(value)} bytes>"
    return value if value is None or isinstance(value, str | int) else str(value)


def _record_version(record: ChangeRecord, names: tuple[str, ...]) -> ConflictVersion:
    if isinstance(record, Intake):
        who = record.completed_by or record.started_by
    elif isinstance(record, ConsentRecord):
        who = (record.revoked_by if record.revoked else None) or record.recorded_by
    else:
        who = ""  # a client row does not say who last changed it
    return ConflictVersion({n: _shown(n, getattr(record, n)) for n in names}, None,
                           record.updated_at[:24], who, record.device_id)


def _local_record(session: Session, row: RecordConflictRow) -> ChangeRecord:
    local = _repo(session).record(RecordType(row.kind), row.record_id)
    assert local is not None  # a merged-away client's conflicts were closed with the merge
    return local


def _remote_record(row: RecordConflictRow) -> ChangeRecord:
    remote = decode_line(row.remote.encode("ascii"), 1)
    assert not isinstance(remote, DocumentRecord)
    return remote


def _record_conflict(session: Session, row: RecordConflictRow) -> Conflict:
    incoming = _remote_record(row)
    # A client merged into another has no row of its own any more (its conflicts closed).
    local = _repo(session).record(RecordType(row.kind), row.record_id) or incoming
    remote = offered(local, incoming)  # as keeping it would store it
    names = tuple(row.fields.split(","))
    intake_id = (local.id if isinstance(local, Intake) else
                 local.intake_id if isinstance(local, ConsentRecord) else None)
    return Conflict(
        id=row.id, client_id=row.client_id, intake_id=intake_id, field_id=", ".join(names),
        local=_record_version(local, names), remote=_record_version(remote, names),
        found_at=row.found_at, status=row.status, resolution=row.resolution,
        resolved_by=row.resolved_by, kind=row.kind, record_id=row.record_id,
        client_name=_client_name(session, row.client_id),
    )


def list_conflicts(session: Session, include_closed: bool = False) -> tuple[Conflict, ...]:
    """Conflicts waiting for review (or all of them), oldest first: answers, client
    identities, intake statuses and consents."""
    session.require(Role.INTAKE, "review conflicts")
    status = None if include_closed else "open"
    found = [_conflict(session, r) for r in _repo(session).conflicts(status)]
    found += [_record_conflict(session, r) for r in _repo(session).record_conflicts(status)]
    return tuple(sorted(found, key=lambda c: (c.found_at, c.id)))


def get_conflict(session: Session, conflict_id: str) -> Conflict:
    """One conflict by id."""
    session.require(Role.INTAKE, "review conflicts")
    row = _repo(session).conflict(conflict_id.strip())
    if row is not None:
        return _conflict(session, row)
    record = _repo(session).record_conflict(conflict_id.strip())
    if record is None:
        raise InputError(f"There is no conflict with id {conflict_id}.")
    return _record_conflict(session, record)


def resolve_conflict(session: Session, conflict_id: str, keep: Keep | str,
                     value: JsonValue = None) -> Conflict:
    """Keep the local value, the remote value, or `value` (with `keep="value"`).

    The kept value becomes a new version of the answer; every value not kept goes to the
    answer history. Identity fields are copied to the client record as when typed.
    """
    session.require(Role.OFFICE, "resolve conflicts")
    try:
        choice = Keep(keep)
    except ValueError:
        raise InputError("Keep local, remote, or a value.") from None
    repo = _repo(session)
    row = repo.conflict(conflict_id.strip())
    if row is None:
        record = repo.record_conflict(conflict_id.strip())
        if record is None:
            raise InputError(f"There is no conflict with id {conflict_id}.")
        return _resolve_record(session, record, choice)
    if row.status != "open":
        raise InputError(f"Conflict {row.id} was already {row.status}.")
    now = session.now()
    at, me = timestamp(now), session.username
    with repo.transaction() as rows:
        local = rows.answer_by_id(row.answer_id)
        assert local is not None
        if choice is Keep.LOCAL:
            kept, reason, losers = local.value, local.reason, ["remote"]
        elif choice is Keep.REMOTE:
            kept, reason, losers = row.remote_value, row.remote_reason, ["local"]
        else:
            # A value typed at resolution must fit the question like any answer: a typo in
            # `--keep remot` must not become the answer.
            check_answer(session, session.repos.intakes.require(row.intake_id), row.field_id,
                         value)
            try:
                kept = encode_json(value)
            except (TypeError, ValueError):
                raise InputError("The new value must be text, a number, yes/no or a list.") from None
            reason, losers = None, ["local", "remote"]
        if "local" in losers:
            rows.keep_in_history(local.id, local.value, local.reason, local.entered_at,
                                 local.entered_by, local.updated_at, local.device_id, at, me)
        if "remote" in losers:
            rows.keep_in_history(local.id, row.remote_value, row.remote_reason,
                                 row.remote_entered_at, row.remote_entered_by,
                                 row.remote_updated_at, row.remote_device_id, at, me)
        rows.write_answer_version(local.id, kept, reason, at, me, rows.next_stamp(now))
        repo.close_conflict(row.id, "resolved", choice.value, at, me)
        if row.field_id in IDENTITY_FIELDS:
            _copy_identity(session, row.intake_id, row.field_id, json.loads(kept))
        session.audit("sync.conflict_resolve", "intake", row.intake_id,
                      {"conflict": row.id, "field": row.field_id, "kept": choice.value})
    return get_conflict(session, row.id)


def _resolve_record(session: Session, row: RecordConflictRow, choice: Keep) -> Conflict:
    """Keep the local or the incoming version of a client, intake or consent as a new
    version here, which descends from both (so it supersedes both wherever it goes)."""
    if row.status != "open":
        raise InputError(f"Conflict {row.id} was already {row.status}.")
    if choice is Keep.VALUE:
        raise InputError(f"Conflict {row.id} is about a {row.kind}: keep local or remote.")
    repo, now = _repo(session), session.now()
    at, me = timestamp(now), session.username
    kind = RecordType(row.kind)
    with repo.transaction() as rows:
        local = _local_record(session, row)
        kept = local if choice is Keep.LOCAL else with_edits_of(local, _remote_record(row))
        vv = vector_of(local).join(VersionVector.parse(row.remote_vv))
        stamp = rows.next_stamp(now)
        rows.replace_row(kind, local.id, replace(
            kept, updated_at=stamp.updated_at, device_id=stamp.device_id, vv=vv.to_json()),
            stamp.seq)
        repo.close_record_conflict(row.id, "resolved", choice.value, at, me)
        for other in repo.open_record_conflicts(row.record_id):
            if VersionVector.parse(other.remote_vv).compare(vv) in (Order.BEFORE, Order.EQUAL):
                repo.close_record_conflict(other.id, "superseded", None, at, me)
        session.audit("sync.conflict_resolve", row.kind, row.record_id,
                      {"conflict": row.id, "kept": choice.value})
    return get_conflict(session, row.id)


def _copy_identity(session: Session, intake_id: str, field_id: str, value: JsonValue) -> None:
    if value is not None and not isinstance(value, str):
        return
    intake = session.repos.intakes.require(intake_id)
    client = session.repos.clients.get(intake.client_id)
    if client is not None:
        session.repos.clients.update_identity(
            client.id, client.identity.with_value(field_id, value), session.now())


def _pair(session: Session, row: DuplicateRow) -> DuplicatePair | None:
    a, b = session.repos.clients.get(row.client_a), session.repos.clients.get(row.client_b)
    if a is None or b is None:
        return None
    return DuplicatePair(id=row.id, a=a, b=b, reasons=tuple(json.loads(row.reasons)),
                         found_at=row.found_at, status=row.status)


def list_duplicates(session: Session) -> tuple[DuplicatePair, ...]:
    """Pairs of clients an import flagged as possibly the same person, oldest first."""
    session.require(Role.INTAKE, "review duplicates")
    pairs = (_pair(session, r) for r in _repo(session).duplicates("open"))
    return tuple(p for p in pairs if p is not None)


def dismiss_duplicate(session: Session, duplicate_id: str) -> None:
    """Say that a flagged pair are two different people."""
    session.require(Role.OFFICE, "review duplicates")
    row = _repo(session).duplicate(duplicate_id.strip())
    if row is None or row.status != "open":
        raise InputError(f"There is no open duplicate pair with id {duplicate_id}.")
    with session.repos.db.transaction():
        _repo(session).close_duplicate(row.id, "dismissed", timestamp(session.now()),
                                       session.username)
        session.audit("sync.duplicate_dismiss", "client", row.client_a, {"other": row.client_b})


def merge_clients(session: Session, keep_id: str, other_id: str) -> Client:
    """Merge `other_id` into `keep_id`: every intake (with all its answers), consent and
    packet of the other client moves over; the other client record is removed, and bundles
    that still name it later are redirected to `keep_id`."""
    session.require(Role.OFFICE, "merge clients")
    keep_id, other_id = keep_id.strip(), other_id.strip()
    if keep_id == other_id:
        raise InputError("Choose two different clients to merge.")
    for client_id in (keep_id, other_id):
        if session.repos.clients.get(client_id) is None:
            raise InputError(f"There is no client with id {client_id}.")
    now = session.now()
    at = timestamp(now)
    repo = _repo(session)
    with repo.transaction() as rows:
        moved = rows.move_client_rows(other_id, keep_id, lambda: rows.next_stamp(now))
        rows.delete_client(other_id)
        repo.close_record_conflicts_of(other_id, "superseded", at, session.username)
        repo.add_merge(other_id, keep_id, at, session.username)
        repo.close_duplicates_of([other_id], "merged", at, session.username)
        session.audit("client.merge", "client", keep_id, {"merged": other_id, "moved": moved})
    return session.repos.clients.require(keep_id)

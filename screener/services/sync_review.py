"""Reviewing what an import could not decide alone: conflicts and possible duplicates.

A conflict is one answer both sides changed since they last synced. Its local value is the
current answer; the remote one waits in the conflict. Resolving it keeps one of them (or a
new value) as a new version that supersedes both everywhere it travels, puts the other value
in the answer history, and is audited. Merging two clients moves every intake, consent and
packet of one to the other; nothing is deleted but the merged-away client row itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum

from screener.domain import IDENTITY_FIELDS, Client, JsonValue, Role
from screener.errors import InputError
from screener.services.answering import check_answer
from screener.services.session import Session
from screener.store.intakes import encode_json
from screener.store.stamps import next_stamp, timestamp
from screener.store.sync_changes import (
    answer_by_id,
    delete_client,
    keep_in_history,
    move_client_rows,
    write_answer_version,
)
from screener.store.sync_records import ConflictRow, DuplicateRow
from screener.store.sync_repo import SyncRepo


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
    """An answer both sides changed: the current (local) and the incoming (remote) value."""

    id: str
    client_id: str
    intake_id: str
    field_id: str
    local: ConflictVersion
    remote: ConflictVersion
    found_at: str
    status: str
    resolution: str | None
    resolved_by: str | None


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


def _conflict(session: Session, row: ConflictRow) -> Conflict:
    local = answer_by_id(session.repos.db.conn, row.answer_id)
    assert local is not None  # answers are never deleted
    intake = session.repos.intakes.require(row.intake_id)
    return Conflict(
        id=row.id, client_id=intake.client_id, intake_id=row.intake_id, field_id=row.field_id,
        local=ConflictVersion(json.loads(local.value), local.reason, local.entered_at,
                              local.entered_by, local.device_id),
        remote=ConflictVersion(json.loads(row.remote_value), row.remote_reason,
                               row.remote_entered_at, row.remote_entered_by,
                               row.remote_device_id),
        found_at=row.found_at, status=row.status, resolution=row.resolution,
        resolved_by=row.resolved_by,
    )


def list_conflicts(session: Session, include_closed: bool = False) -> tuple[Conflict, ...]:
    """Conflicts waiting for review (or all of them), oldest first."""
    session.require(Role.INTAKE, "review conflicts")
    rows = _repo(session).conflicts(None if include_closed else "open")
    return tuple(_conflict(session, r) for r in rows)


def get_conflict(session: Session, conflict_id: str) -> Conflict:
    """One conflict by id."""
    session.require(Role.INTAKE, "review conflicts")
    row = _repo(session).conflict(conflict_id.strip())
    if row is None:
        raise InputError(f"There is no conflict with id {conflict_id}.")
    return _conflict(session, row)


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
        raise InputError(f"There is no conflict with id {conflict_id}.")
    if row.status != "open":
        raise InputError(f"Conflict {row.id} was already {row.status}.")
    db = session.repos.db
    now = session.now()
    at, me = timestamp(now), session.username
    with db.transaction() as conn:
        local = answer_by_id(conn, row.answer_id)
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
            keep_in_history(conn, local.id, local.value, local.reason, local.entered_at,
                            local.entered_by, local.updated_at, local.device_id, at, me)
        if "remote" in losers:
            keep_in_history(conn, local.id, row.remote_value, row.remote_reason,
                            row.remote_entered_at, row.remote_entered_by,
                            row.remote_updated_at, row.remote_device_id, at, me)
        write_answer_version(conn, local.id, kept, reason, at, me,
                             next_stamp(conn, db.device_id, now))
        repo.close_conflict(row.id, "resolved", choice.value, at, me)
        if row.field_id in IDENTITY_FIELDS:
            _copy_identity(session, row.intake_id, row.field_id, json.loads(kept))
        session.audit("sync.conflict_resolve", "intake", row.intake_id,
                      {"conflict": row.id, "field": row.field_id, "kept": choice.value})
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
    db = session.repos.db
    now = session.now()
    at = timestamp(now)
    with db.transaction() as conn:
        moved = move_client_rows(conn, other_id, keep_id,
                                 lambda: next_stamp(conn, db.device_id, now))
        delete_client(conn, other_id)
        repo = _repo(session)
        repo.add_merge(other_id, keep_id, at, session.username)
        repo.close_duplicates_of([other_id], "merged", at, session.username)
        session.audit("client.merge", "client", keep_id, {"merged": other_id, "moved": moved})
    return session.repos.clients.require(keep_id)

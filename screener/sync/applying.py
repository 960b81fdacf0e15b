"""Applying a verified bundle's records to the database, inside the import's transaction.

Each line is decoded and validated (a bad record raises BundleError naming it, and the caller
rolls the whole import back), merged with the local version by `merge.py`'s rules, and
written. New rows are inserted in batches; rows that replace, join or conflict are written
one by one. Every applied row gets a fresh local `seq`; the HLC observes the newest remote
stamp at the end.

The answers of intakes new here (most of a big bundle) need no lookup: they are queued
straight from their checked fields (`quick_lines.answer_fields`, no record object, no call
per line: `lines` takes the lines of each decrypted piece at once) and inserted 500 at a
time, 100 to a statement, on this thread (a writer thread only takes turns with it for
Python's lock; bench/RESULTS.md has the figures).
"""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from operator import attrgetter

from screener.domain import Client, Intake
from screener.errors import BundleError
from screener.store.stamps import Stamp, timestamp
from screener.store.sync_changes import COLUMNS, RowClash, SyncWriter, row_values
from screener.store.sync_records import (
    AnswerRecord,
    ChangeRecord,
    ConflictRow,
    ConsentRecord,
    DeterminationRecord,
    DocumentRecord,
    RecordConflictRow,
    RecordType,
    make_record,
)
from screener.store.sync_repo import SyncRepo
from screener.sync.merge import (
    Action,
    Order,
    VersionVector,
    edited_differ,
    effective_json,
    merge_answer,
    merge_record,
    offered,
    vector_of,
)
from screener.sync.quick_lines import AnswerFields, answer_fields
from screener.sync.wire import decode_line, encode_record

_BATCH = 500
#: The kind of the document holding the office's merges of duplicate clients.
MERGES = "merges"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_ANSWER = RecordType.ANSWER
#: An answer's field values in column order (what `row_values` starts from).
_ANSWER_VALUES = attrgetter(*COLUMNS[RecordType.ANSWER])
_KIND_OF: dict[type, RecordType] = {
    Client: RecordType.CLIENT, Intake: RecordType.INTAKE,
    AnswerRecord: RecordType.ANSWER, ConsentRecord: RecordType.CONSENT,
    DeterminationRecord: RecordType.DETERMINATION,
}


@dataclass(frozen=True)
class ApplyCounts:
    """What an import did, per record type."""

    added: tuple[tuple[str, int], ...]
    updated: tuple[tuple[str, int], ...]
    unchanged: int
    conflicts: int
    documents: int
    new_client_ids: tuple[str, ...]
    #: Content packs received (their file text), installed by the caller after the commit.
    packs: tuple[str, ...] = ()
    #: Clients merged away here because the office merged them.
    merged: int = 0


class Applier:
    """Merges one bundle's records into the database (call `line` per record, then `finish`)."""

    def __init__(self, rows: SyncWriter, repo: SyncRepo, bundle_id: str,
                 now: datetime, accept_documents: bool, missing_hint: str) -> None:
        self._rows = rows
        self._repo = repo
        self._bundle_id = bundle_id
        self._now = now
        self._at = timestamp(now)
        self._accept_documents = accept_documents
        self._missing_hint = missing_hint
        self._seqs = rows.seq_counter()
        self._device_id = rows.device_id
        self._pending: list[tuple[object, ...]] = []
        self._pending_kind = RecordType.CLIENT
        self._new: dict[RecordType, set[str]] = {RecordType.CLIENT: set(), RecordType.INTAKE: set()}
        self._new_intakes = self._new[RecordType.INTAKE]
        self._quick_added = 0  # answers added by `_new_answer`, counted into `_added` at the end
        self._changed_clients: list[str] = []
        self._added: Counter[str] = Counter()
        self._updated: Counter[str] = Counter()
        self._unchanged = 0
        self._conflicts = 0
        self._documents = 0
        self._packs: list[str] = []
        self._merges: list[tuple[str, str, str, str]] = []
        self._merged = 0
        self._line = 0

    # --- entry points ---------------------------------------------------------------------

    def line(self, number: int, raw: bytes) -> None:
        """Decode, validate and merge the record on line `number`."""
        self.lines(number, [raw])

    def lines(self, first: int, raws: list[bytes]) -> None:
        """`line` for consecutive lines numbered from `first`.

        The plain answers of intakes new here (most of a big first sync) are queued right
        here, straight from their checked fields (no record object, no call per line). The
        row stores the remote's effective vector (`effective_json` of an empty stored one:
        its own stamp), since a later local edit replaces the stamp and must descend from it.
        """
        new_intakes, seqs = self._new_intakes, self._seqs
        number = first - 1
        for raw in raws:
            number += 1
            fields = answer_fields(raw)
            if fields is None or fields[9] != "{}" or fields[1] not in new_intakes:
                self._line = number
                self._apply(number, raw, fields)
                continue
            updated_at, device_id = fields[7], fields[8]
            if updated_at > seqs.latest_remote:
                seqs.latest_remote = updated_at
            if self._pending_kind is not _ANSWER:
                self._line = number
                self._flush()
                self._pending_kind = _ANSWER
            seqs.seq += 1
            pending = self._pending
            pending.append((*fields[:9], f'{{"{device_id}":"{updated_at}"}}', seqs.seq))
            self._quick_added += 1
            if len(pending) >= _BATCH:
                self._line = number
                self._flush()

    def _apply(self, number: int, raw: bytes, fields: AnswerFields | None) -> None:
        """Decode (unless `fields` are the checked ones), validate and merge one line."""
        if fields is not None:
            record: ChangeRecord | DocumentRecord = make_record(AnswerRecord, fields)
        else:
            record = decode_line(raw, number)
        if type(record) is AnswerRecord and record.intake_id in self._new_intakes:
            self._new_answer(record)
            return
        if isinstance(record, DocumentRecord):
            self._document(record)
            return
        self._seqs.saw(record.updated_at)
        if isinstance(record, AnswerRecord):
            self._answer(record)
        elif isinstance(record, Intake):
            self._record(self._redirect_intake(record))
        elif isinstance(record, ConsentRecord):
            self._record(self._redirect_consent(record))
        elif isinstance(record, Client):
            if self._repo.merged_into(record.id) is not None:
                self._unchanged += 1  # merged into another client here: the merge stands
                return
            self._record(record)
        else:
            self._record(record)

    @property
    def latest_remote(self) -> str:
        """The newest remote timestamp applied so far ("" if none)."""
        return self._seqs.latest_remote

    def finish(self) -> ApplyCounts:
        """Write what is still batched and the clock; the counts of what happened."""
        self._flush()
        self._apply_merges()
        if self._quick_added:
            self._added[RecordType.ANSWER.value] += self._quick_added
            self._quick_added = 0
        self._seqs.finish(self._now)
        return ApplyCounts(
            added=tuple(sorted(self._added.items())), updated=tuple(sorted(self._updated.items())),
            unchanged=self._unchanged, conflicts=self._conflicts, documents=self._documents,
            new_client_ids=tuple(self._changed_clients), packs=tuple(self._packs),
            merged=self._merged,
        )

    # --- records --------------------------------------------------------------------------

    def _require(self, kind: RecordType, parent_id: str, record: ChangeRecord) -> None:
        if parent_id in self._new.get(kind, ()):
            return
        self._flush()
        if not self._rows.exists(kind, parent_id):
            child = _KIND_OF[type(record)].value
            raise BundleError(
                f"changes.jsonl line {self._line}: {child} {record_id(record)} belongs to "
                f"{kind.value} {parent_id}, which is neither in this bundle nor here. "
                f"{self._missing_hint}"
            )

    def _redirect_intake(self, record: Intake) -> Intake:
        kept = self._repo.merged_into(record.client_id)
        record = record if kept is None else replace(record, client_id=kept)
        self._require(RecordType.CLIENT, record.client_id, record)
        return record

    def _redirect_consent(self, record: ConsentRecord) -> ConsentRecord:
        kept = self._repo.merged_into(record.client_id)
        record = record if kept is None else replace(record, client_id=kept)
        self._require(RecordType.CLIENT, record.client_id, record)
        if record.intake_id is not None:
            self._require(RecordType.INTAKE, record.intake_id, record)
        return record

    def _record(self, record: ChangeRecord) -> None:
        kind = _KIND_OF[type(record)]
        if isinstance(record, DeterminationRecord):
            self._require(RecordType.INTAKE, record.intake_id, record)
        new_ids = self._new.get(kind)
        local = None if new_ids is not None and record.id in new_ids else (
            self._local(kind, record.id))
        decision = merge_record(local, record)
        action = decision.action
        if action is Action.INSERT:
            self._queue(kind, record, decision.vv.to_json())
            if new_ids is not None:
                new_ids.add(record.id)
            self._note_client(record)
            self._added[kind.value] += 1
            return
        if action is Action.KEEP:
            self._unchanged += 1
            return
        self._flush()
        if action is Action.CONFLICT:
            assert local is not None
            self._record_conflict(kind, local, record, decision.record, decision.vv)
            return
        if action is Action.JOIN:
            self._rows.set_vv(kind, record.id, decision.vv.to_json())
            self._unchanged += 1
        else:
            merged = decision.record
            assert merged is not None
            self._write(kind, merged, decision.vv, restamp=action is Action.RESTAMP)
            self._note_client(record)
            self._updated[kind.value] += 1
        if kind in RECORD_CONFLICT_KINDS:
            self._supersede_record_conflicts(record.id, decision.vv)

    def _write(self, kind: RecordType, record: ChangeRecord, vv: VersionVector,
               restamp: bool) -> None:
        """Overwrite the row with `record` (stamped here as a new version if `restamp`)."""
        if restamp:
            stamp, seq = self._seqs.stamp(self._now)
            record = replace(record, updated_at=stamp, device_id=self._device_id)
        else:
            seq = self._seqs.next()
        self._rows.replace_row(kind, record.id, replace(record, vv=vv.to_json()), seq)

    def _record_conflict(self, kind: RecordType, local: ChangeRecord, remote: ChangeRecord,
                         kept: ChangeRecord | None, vv: VersionVector) -> None:
        """Both sides changed what people edit: the remote version waits for review (once,
        however often it arrives), the local one stays current, with a revocation or a
        completion from the remote side carried over (`kept`, stamped here)."""
        theirs = vector_of(remote)
        waiting = self._repo.open_record_conflicts(remote.id)
        if any(theirs.compare(VersionVector.parse(w.remote_vv)) in (Order.BEFORE, Order.EQUAL)
               for w in waiting):
            self._unchanged += 1  # this version (or a newer one) is already waiting
            return
        self._supersede_record_conflicts(remote.id, theirs)
        if kept is not None:
            self._write(kind, kept, vv, restamp=True)
            self._updated[kind.value] += 1
        self._repo.add_record_conflict(RecordConflictRow(
            id=str(uuid.uuid4()), kind=kind.value, record_id=remote.id,
            client_id=client_of(local),
            fields=",".join(edited_differ(kept or local, offered(local, remote))),
            remote=encode_record(kind, remote).decode("ascii"),
            remote_vv=theirs.to_json(), remote_updated_at=remote.updated_at,
            remote_device_id=remote.device_id, bundle_id=self._bundle_id, found_at=self._at,
            status="open", resolution=None, resolved_at=None, resolved_by=None,
        ))
        self._conflicts += 1

    def _supersede_record_conflicts(self, record_id: str, known: VersionVector) -> None:
        """Close the record's open conflicts whose remote version `known` descends from."""
        for waiting in self._repo.open_record_conflicts(record_id):
            if VersionVector.parse(waiting.remote_vv).compare(known) in (Order.BEFORE,
                                                                          Order.EQUAL):
                self._repo.close_record_conflict(waiting.id, "superseded", None, self._at,
                                                 "sync")

    def _local(self, kind: RecordType, record_id: str) -> ChangeRecord | None:
        # Pending inserts never hold this id (they are all in `_new`, or the id repeats in
        # the bundle and the batch insert fails), so no flush is needed before looking.
        return self._rows.local_row(kind, record_id)

    def _note_client(self, record: ChangeRecord) -> None:
        if isinstance(record, Client):
            self._changed_clients.append(record.id)

    def _new_answer(self, remote: AnswerRecord) -> None:
        """An answer of an intake new here: nothing to merge with, so it is queued without
        looking (most of what a big first sync holds). No database access on this thread;
        this is `_queue` written out, since it runs once per answer. The row stores the
        remote's effective vector (its stamp included): a later local edit replaces the stamp
        and must still descend from it."""
        seqs = self._seqs
        if remote.updated_at > seqs.latest_remote:
            seqs.latest_remote = remote.updated_at
        if self._pending and self._pending_kind is not _ANSWER:
            self._flush()
        self._pending_kind = _ANSWER
        seqs.seq += 1
        self._pending.append((*_ANSWER_VALUES(remote)[:-1], effective_json(remote), seqs.seq))
        self._quick_added += 1
        if len(self._pending) >= _BATCH:
            self._flush()

    def _answer(self, remote: AnswerRecord) -> None:
        self._require(RecordType.INTAKE, remote.intake_id, remote)
        local = self._rows.local_answer(remote.intake_id, remote.field_id)
        decision = merge_answer(local, remote)
        vv = decision.vv.to_json()
        if decision.action is Action.INSERT:
            self._queue(RecordType.ANSWER, remote, vv)
            self._added[RecordType.ANSWER.value] += 1
            return
        if decision.action is Action.KEEP:
            self._unchanged += 1
            return
        assert local is not None
        self._flush()
        if decision.action is Action.REPLACE:
            self._to_history(local, remote.entered_at, remote.entered_by)
            self._supersede_conflict(local.id, remote)
            self._rows.replace_row(RecordType.ANSWER, local.id,
                        replace(remote, id=local.id, vv=vv), self._seqs.next())
            self._updated[RecordType.ANSWER.value] += 1
        elif decision.action is Action.JOIN:
            self._rows.set_vv(RecordType.ANSWER, local.id, vv)
            self._unchanged += 1
        else:  # CONFLICT: the local value stays current, the remote one waits for review
            self._supersede_conflict(local.id, remote)
            self._repo.add_conflict(_conflict_row(local, remote, self._bundle_id, self._at))
            self._rows.set_vv(RecordType.ANSWER, local.id, vv)
            self._conflicts += 1

    def _to_history(self, local: AnswerRecord, replaced_at: str, replaced_by: str) -> None:
        self._rows.keep_in_history(local.id, local.value, local.reason, local.entered_at,
                                   local.entered_by, local.updated_at, local.device_id,
                                   replaced_at, replaced_by)

    def _supersede_conflict(self, answer_id: str, remote: AnswerRecord) -> None:
        """A newer remote version replaces an open conflict's remote value (kept in history)."""
        open_conflict = self._repo.open_conflict_for(answer_id)
        if open_conflict is None:
            return
        self._rows.keep_in_history(
            answer_id, open_conflict.remote_value, open_conflict.remote_reason,
            open_conflict.remote_entered_at, open_conflict.remote_entered_by,
            open_conflict.remote_updated_at, open_conflict.remote_device_id,
            remote.entered_at, remote.entered_by,
        )
        self._repo.close_conflict(open_conflict.id, "superseded", None, self._at, "sync")

    def _document(self, doc: DocumentRecord) -> None:
        if not self._accept_documents:
            raise BundleError(
                f"changes.jsonl line {self._line}: forms and rules files come only from the office."
            )
        if doc.kind == "pack":  # verified and installed by the caller (services.content)
            self._packs.append(doc.text)
        elif doc.kind == MERGES:  # applied at the end, once the kept clients' rows are here
            self._merges.extend(merge_entries(doc.text, self._line))
        else:
            self._repo.put_document(doc.kind, doc.path, doc.sha256, doc.text, self._bundle_id,
                                    self._at)
        self._documents += 1

    def _apply_merges(self) -> None:
        """The office's merges of duplicate clients, done here too: the merged-away client's
        intakes and consents move to the kept one, its row goes, and later records naming it
        are redirected. A merge already known here, or of a client never held here, is only
        remembered."""
        for merged, kept, at, by in self._merges:
            if merged == kept or self._repo.merged_into(merged) is not None:
                continue
            if self._rows.exists(RecordType.CLIENT, merged):
                if not self._rows.exists(RecordType.CLIENT, kept):
                    raise BundleError(f"The office merged client {merged} into {kept}, which "
                                      f"is not in this bundle. {self._missing_hint}")
                moved = self._rows.move_client_rows(merged, kept, self._stamp)
                self._rows.delete_client(merged)
                self._repo.close_record_conflicts_of(merged, "superseded", self._at, by)
                self._updated[RecordType.INTAKE.value] += moved
                self._merged += 1
            self._repo.add_merge(merged, kept, at, by)
            self._repo.close_duplicates_of([merged], "merged", self._at, by)

    def _stamp(self) -> Stamp:
        hlc, seq = self._seqs.stamp(self._now)
        return Stamp(updated_at=hlc, device_id=self._device_id, seq=seq)

    # --- batching -------------------------------------------------------------------------

    def _queue(self, kind: RecordType, record: ChangeRecord, vv: str) -> None:
        if self._pending and self._pending_kind is not kind:
            self._flush()
        self._pending_kind = kind
        self._pending.append(row_values(record, vv, self._seqs.next()))
        if len(self._pending) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        """Write the pending rows."""
        if not self._pending:
            return
        batch, self._pending = self._pending, []
        self._insert(self._pending_kind, batch, self._line)

    def _insert(self, kind: RecordType, batch: list[tuple[object, ...]], line: int) -> None:
        try:
            self._rows.insert_rows(kind, batch)
        except RowClash:
            raise BundleError(
                f"changes.jsonl near line {line}: a {kind.value} record appears twice or "
                "clashes with a record here; the bundle is damaged."
            ) from None

    def close(self) -> None:
        """Drop what is still queued (after a failure; `finish` writes it otherwise)."""
        self._pending = []


def merge_entries(text: str, line: int) -> list[tuple[str, str, str, str]]:
    """The office's merges document: a JSON list of [merged id, kept id, when, by whom]."""
    try:
        entries = json.loads(text)
    except ValueError:
        entries = None
    if not isinstance(entries, list) or not all(
            isinstance(e, list) and len(e) == 4 and all(isinstance(x, str) for x in e)
            and all(_UUID.fullmatch(x) for x in e[:2]) for e in entries):
        raise BundleError(f"changes.jsonl line {line}: the office's client merges are damaged.")
    return [(e[0], e[1], e[2], e[3]) for e in entries]


#: The record kinds whose concurrent edits wait for review as a record conflict.
RECORD_CONFLICT_KINDS = frozenset((RecordType.CLIENT, RecordType.INTAKE, RecordType.CONSENT))


def client_of(record: ChangeRecord) -> str:
    """The client a client, intake or consent record belongs to."""
    if isinstance(record, Client):
        return record.id
    assert isinstance(record, Intake | ConsentRecord)
    return record.client_id


def record_id(record: ChangeRecord) -> str:
    """The id a person can look a record up by."""
    return record.id


def _conflict_row(local: AnswerRecord, remote: AnswerRecord, bundle_id: str,
                  at: str) -> ConflictRow:
    return ConflictRow(
        id=str(uuid.uuid4()), answer_id=local.id, intake_id=local.intake_id,
        field_id=local.field_id, remote_value=remote.value, remote_reason=remote.reason,
        remote_entered_at=remote.entered_at, remote_entered_by=remote.entered_by,
        remote_updated_at=remote.updated_at, remote_device_id=remote.device_id,
        bundle_id=bundle_id, found_at=at, status="open", resolution=None, resolved_at=None,
        resolved_by=None,
    )

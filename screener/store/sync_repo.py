"""Sync's home in the store: this installation's keys, its peers, export watermarks, the
bundle ledger, conflicts, duplicate reviews, client merges and received forms/rules files;
and the synced rows themselves, through `snapshot()` (what an export reads) and
`transaction()` (what an import writes, all or nothing)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from screener.store.db import Database
from screener.store.sqlite import Connection, Row
from screener.store.sync_changes import SyncSnapshot, SyncWriter, clients_of_device, read_row
from screener.store.sync_records import (
    ChangeRecord,
    ConflictRow,
    DuplicateRow,
    LedgerEntry,
    Peer,
    RecordConflictRow,
    RecordType,
    SyncIdentity,
)

_PEER = ("device_id, kind, name, signing_key, age_recipient, enrolled_at, enrolled_by, "
         "revoked_at, revoked_by")
_LEDGER = "bundle_id, device_id, created_at, since_seq, until_seq, imported_at, imported_by, summary"
_CONFLICT = (
    "id, answer_id, intake_id, field_id, remote_value, remote_reason, remote_entered_at, "
    "remote_entered_by, remote_updated_at, remote_device_id, bundle_id, found_at, status, "
    "resolution, resolved_at, resolved_by"
)
_RECORD_CONFLICT = (
    "id, kind, record_id, client_id, fields, remote, remote_vv, remote_updated_at, remote_device_id, "
    "bundle_id, found_at, status, resolution, resolved_at, resolved_by"
)
_DUPLICATE = "id, client_a, client_b, reasons, bundle_id, found_at, status, closed_at, closed_by"


def _peer(row: Row) -> Peer:
    values = list(row)
    values[3] = bytes(values[3])
    return Peer(*values)


class SyncRepo:
    """Reading and writing the sync tables (joins the caller's transaction)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def _conn(self) -> Connection:
        return self._db.conn

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[SyncSnapshot]:
        """The synced rows as of now, unchanged by saves on other threads until the block
        ends (one read transaction)."""
        conn = self._conn
        if conn.in_transaction:  # inside a write: that already is one consistent view
            yield SyncSnapshot(conn)
            return
        conn.execute("BEGIN DEFERRED")
        try:
            yield SyncSnapshot(conn)
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[SyncWriter]:
        """The synced rows for writing: everything done in the block commits together, or
        nothing does (an error rolls it all back)."""
        with self._db.transaction() as conn:
            yield SyncWriter(conn, self._db.device_id)

    def record(self, kind: RecordType, record_id: str) -> ChangeRecord | None:
        """A synced row by id, as it travels (None if it is not here)."""
        return read_row(self._conn, kind, record_id)

    def clients_of_device(self, device_id: str) -> list[str]:
        """Clients with a client, intake or consent row that `device_id` wrote (its stamp,
        or its id in the row's version vector)."""
        return clients_of_device(self._conn, device_id)

    # --- keys -----------------------------------------------------------------------------

    def identity(self) -> SyncIdentity | None:
        """This installation's sync role and keys, or None before `office init` / `join`."""
        row = self._conn.execute(
            "SELECT role, name, age_identity, signing_key, created_at FROM sync_identity"
        ).fetchone()
        if row is None:
            return None
        return SyncIdentity(role=row[0], name=row[1], device_id=self._db.device_id,
                            age_identity=row[2], signing_key=bytes(row[3]), created_at=row[4])

    def create_identity(self, role: str, name: str, age_identity: str, signing_key: bytes,
                        at: str, by: str) -> None:
        """Store this installation's keys (once)."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO sync_identity (id, role, name, age_identity, signing_key, "
                "created_at, created_by) VALUES (1, ?, ?, ?, ?, ?, ?)",
                (role, name, age_identity, signing_key, at, by),
            )

    def rename_identity(self, name: str) -> None:
        """Change the name this installation goes by in the files it writes."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE sync_identity SET name = ? WHERE id = 1", (name,))

    # --- peers ----------------------------------------------------------------------------

    def peer(self, device_id: str) -> Peer | None:
        """An enrolled device (or the office), revoked or not."""
        row = self._conn.execute(
            f"SELECT {_PEER} FROM sync_peers WHERE device_id = ?", (device_id,)
        ).fetchone()
        return None if row is None else _peer(row)

    def peers(self, kind: str | None = None) -> tuple[Peer, ...]:
        """Every peer (of one kind), by name."""
        where, params = ("WHERE kind = ?", (kind,)) if kind else ("", ())
        rows = self._conn.execute(
            f"SELECT {_PEER} FROM sync_peers {where} ORDER BY name, device_id", params
        ).fetchall()
        return tuple(_peer(r) for r in rows)

    def add_peer(self, peer: Peer) -> None:
        """Enroll a device or record the office; re-enrolling replaces the keys, but never
        those of a revoked device (revocation is final: the row stays as it is)."""
        with self._db.transaction() as conn:
            conn.execute(
                f"INSERT INTO sync_peers ({_PEER}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (device_id) DO UPDATE SET kind = excluded.kind, "
                "name = excluded.name, signing_key = excluded.signing_key, "
                "age_recipient = excluded.age_recipient, enrolled_at = excluded.enrolled_at, "
                "enrolled_by = excluded.enrolled_by WHERE sync_peers.revoked_at IS NULL",
                (peer.device_id, peer.kind, peer.name, peer.signing_key, peer.age_recipient,
                 peer.enrolled_at, peer.enrolled_by, None, None),
            )

    def revoke_peer(self, device_id: str, at: str, by: str) -> None:
        """Refuse this device's bundles from now on."""
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE sync_peers SET revoked_at = ?, revoked_by = ? WHERE device_id = ?",
                (at, by, device_id),
            )

    # --- export watermarks and the import ledger -----------------------------------------

    def last_export(self, peer_id: str) -> int:
        """The highest change sequence already exported to `peer_id` (0 if never)."""
        row = self._conn.execute(
            "SELECT last_seq FROM sync_exports WHERE peer_id = ?", (peer_id,)
        ).fetchone()
        return 0 if row is None else int(row[0])

    def set_last_export(self, peer_id: str, last_seq: int, bundle_id: str, at: str) -> None:
        """Remember that changes up to `last_seq` went to `peer_id`."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO sync_exports (peer_id, last_seq, bundle_id, exported_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (peer_id) DO UPDATE SET "
                "last_seq = excluded.last_seq, bundle_id = excluded.bundle_id, "
                "exported_at = excluded.exported_at",
                (peer_id, last_seq, bundle_id, at),
            )

    def ledger_entry(self, bundle_id: str) -> LedgerEntry | None:
        """The import of this bundle, if it was imported here."""
        row = self._conn.execute(
            f"SELECT {_LEDGER} FROM sync_bundles WHERE bundle_id = ?", (bundle_id,)
        ).fetchone()
        return None if row is None else LedgerEntry(*row)

    def ledger(self, device_id: str) -> tuple[LedgerEntry, ...]:
        """Every bundle imported from a device, by sequence range."""
        rows = self._conn.execute(
            f"SELECT {_LEDGER} FROM sync_bundles WHERE device_id = ? "
            "ORDER BY since_seq, until_seq", (device_id,),
        ).fetchall()
        return tuple(LedgerEntry(*r) for r in rows)

    def add_ledger_entry(self, entry: LedgerEntry) -> None:
        """Record an imported bundle (inside the import's transaction)."""
        with self._db.transaction() as conn:
            conn.execute(
                f"INSERT INTO sync_bundles ({_LEDGER}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.bundle_id, entry.device_id, entry.created_at, entry.since_seq,
                 entry.until_seq, entry.imported_at, entry.imported_by, entry.summary),
            )

    # --- conflicts ------------------------------------------------------------------------

    def add_conflict(self, row: ConflictRow) -> None:
        """Record a conflict."""
        with self._db.transaction() as conn:
            conn.execute(
                f"INSERT INTO sync_conflicts ({_CONFLICT}) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row.id, row.answer_id, row.intake_id, row.field_id, row.remote_value,
                 row.remote_reason, row.remote_entered_at, row.remote_entered_by,
                 row.remote_updated_at, row.remote_device_id, row.bundle_id, row.found_at,
                 row.status, row.resolution, row.resolved_at, row.resolved_by),
            )

    def conflict(self, conflict_id: str) -> ConflictRow | None:
        """One conflict by id."""
        row = self._conn.execute(
            f"SELECT {_CONFLICT} FROM sync_conflicts WHERE id = ?", (conflict_id,)
        ).fetchone()
        return None if row is None else ConflictRow(*row)

    def open_conflict_for(self, answer_id: str) -> ConflictRow | None:
        """The open conflict of an answer, if any (there is at most one)."""
        row = self._conn.execute(
            f"SELECT {_CONFLICT} FROM sync_conflicts WHERE answer_id = ? AND status = 'open'",
            (answer_id,),
        ).fetchone()
        return None if row is None else ConflictRow(*row)

    def conflicts(self, status: str | None = "open", limit: int = 1000) -> tuple[ConflictRow, ...]:
        """Conflicts (open ones by default), oldest first."""
        where, params = ("WHERE status = ?", (status,)) if status else ("", ())
        rows = self._conn.execute(
            f"SELECT {_CONFLICT} FROM sync_conflicts {where} ORDER BY found_at, id LIMIT ?",
            (*params, limit),
        ).fetchall()
        return tuple(ConflictRow(*r) for r in rows)

    def close_conflict(self, conflict_id: str, status: str, resolution: str | None, at: str,
                       by: str) -> None:
        """Mark a conflict resolved (or superseded by a later version)."""
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE sync_conflicts SET status = ?, resolution = ?, resolved_at = ?, "
                "resolved_by = ? WHERE id = ?",
                (status, resolution, at, by, conflict_id),
            )

    def close_record_conflict(self, conflict_id: str, status: str, resolution: str | None,
                              at: str, by: str) -> None:
        """Mark a record conflict resolved (or superseded by a later version)."""
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE sync_record_conflicts SET status = ?, resolution = ?, resolved_at = ?, "
                "resolved_by = ? WHERE id = ?",
                (status, resolution, at, by, conflict_id),
            )

    # --- conflicts of clients, intakes and consents ---------------------------------------

    def close_record_conflicts_of(self, record_id: str, status: str, at: str, by: str) -> None:
        """Close every open conflict of one record (a client merged into another)."""
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE sync_record_conflicts SET status = ?, resolved_at = ?, resolved_by = ? "
                "WHERE record_id = ? AND status = 'open'", (status, at, by, record_id),
            )

    def add_record_conflict(self, row: RecordConflictRow) -> None:
        """Record a conflict of a client, intake or consent."""
        with self._db.transaction() as conn:
            conn.execute(
                f"INSERT INTO sync_record_conflicts ({_RECORD_CONFLICT}) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row.id, row.kind, row.record_id, row.client_id, row.fields, row.remote, row.remote_vv,
                 row.remote_updated_at, row.remote_device_id, row.bundle_id, row.found_at,
                 row.status, row.resolution, row.resolved_at, row.resolved_by),
            )

    def record_conflict(self, conflict_id: str) -> RecordConflictRow | None:
        """One record conflict by id."""
        row = self._conn.execute(
            f"SELECT {_RECORD_CONFLICT} FROM sync_record_conflicts WHERE id = ?", (conflict_id,)
        ).fetchone()
        return None if row is None else RecordConflictRow(*row)

    def open_record_conflicts(self, record_id: str) -> tuple[RecordConflictRow, ...]:
        """The open conflicts of one client, intake or consent (one per concurrent version)."""
        rows = self._conn.execute(
            f"SELECT {_RECORD_CONFLICT} FROM sync_record_conflicts "
            "WHERE record_id = ? AND status = 'open' ORDER BY found_at, id", (record_id,),
        ).fetchall()
        return tuple(RecordConflictRow(*r) for r in rows)

    def record_conflicts(self, status: str | None = "open",
                         limit: int = 1000) -> tuple[RecordConflictRow, ...]:
        """Record conflicts (open ones by default), oldest first."""
        where, params = ("WHERE status = ?", (status,)) if status else ("", ())
        rows = self._conn.execute(
            f"SELECT {_RECORD_CONFLICT} FROM sync_record_conflicts {where} "
            "ORDER BY found_at, id LIMIT ?", (*params, limit),
        ).fetchall()
        return tuple(RecordConflictRow(*r) for r in rows)

    # --- duplicates and merges ------------------------------------------------------------

    def add_duplicate(self, row: DuplicateRow) -> bool:
        """Flag a pair for review; False if the pair was already flagged."""
        with self._db.transaction() as conn:
            cursor = conn.execute(
                f"INSERT INTO sync_duplicates ({_DUPLICATE}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (client_a, client_b) DO NOTHING",
                (row.id, row.client_a, row.client_b, row.reasons, row.bundle_id, row.found_at,
                 row.status, row.closed_at, row.closed_by),
            )
        return cursor.rowcount > 0

    def duplicate(self, duplicate_id: str) -> DuplicateRow | None:
        """One flagged pair by id."""
        row = self._conn.execute(
            f"SELECT {_DUPLICATE} FROM sync_duplicates WHERE id = ?", (duplicate_id,)
        ).fetchone()
        return None if row is None else DuplicateRow(*row)

    def duplicates(self, status: str | None = "open", limit: int = 1000) -> tuple[DuplicateRow, ...]:
        """Flagged pairs (open ones by default), oldest first."""
        where, params = ("WHERE status = ?", (status,)) if status else ("", ())
        rows = self._conn.execute(
            f"SELECT {_DUPLICATE} FROM sync_duplicates {where} ORDER BY found_at, id LIMIT ?",
            (*params, limit),
        ).fetchall()
        return tuple(DuplicateRow(*r) for r in rows)

    def close_duplicates_of(self, client_ids: Sequence[str], status: str, at: str,
                            by: str) -> None:
        """Close every open pair naming one of these clients."""
        marks = ", ".join("?" * len(client_ids))
        with self._db.transaction() as conn:
            conn.execute(
                f"UPDATE sync_duplicates SET status = ?, closed_at = ?, closed_by = ? "
                f"WHERE status = 'open' AND (client_a IN ({marks}) OR client_b IN ({marks}))",
                (status, at, by, *client_ids, *client_ids),
            )

    def close_duplicate(self, duplicate_id: str, status: str, at: str, by: str) -> None:
        """Close one flagged pair."""
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE sync_duplicates SET status = ?, closed_at = ?, closed_by = ? "
                "WHERE id = ?", (status, at, by, duplicate_id),
            )

    def add_merge(self, merged_id: str, kept_id: str, at: str, by: str) -> None:
        """Remember that `merged_id` became `kept_id` (earlier merges into it follow along)."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE client_merges SET kept_id = ? WHERE kept_id = ?",
                         (kept_id, merged_id))
            conn.execute(
                "INSERT INTO client_merges (merged_id, kept_id, merged_at, merged_by) "
                "VALUES (?, ?, ?, ?)", (merged_id, kept_id, at, by),
            )

    def merges(self) -> tuple[tuple[str, str, str, str], ...]:
        """Every merge made or received here: (merged id, kept id, when, by whom)."""
        rows = self._conn.execute(
            "SELECT merged_id, kept_id, merged_at, merged_by FROM client_merges ORDER BY merged_at"
        ).fetchall()
        return tuple((str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows)

    def merged_into(self, client_id: str) -> str | None:
        """The client a merged-away id became, or None."""
        row = self._conn.execute(
            "SELECT kept_id FROM client_merges WHERE merged_id = ?", (client_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    # --- forms and rules received from the office -----------------------------------------

    def put_document(self, kind: str, path: str, sha256: str, text: str, bundle_id: str,
                     at: str) -> None:
        """Store (or replace) a received forms/rules file."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO sync_documents (kind, path, sha256, text, bundle_id, received_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, path) DO UPDATE SET "
                "sha256 = excluded.sha256, text = excluded.text, "
                "bundle_id = excluded.bundle_id, received_at = excluded.received_at",
                (kind, path, sha256, text, bundle_id, at),
            )

    def documents(self) -> tuple[tuple[str, str, str, str], ...]:
        """Every received file as (kind, path, sha256, text), by kind and path."""
        rows = self._conn.execute(
            "SELECT kind, path, sha256, text FROM sync_documents ORDER BY kind, path"
        ).fetchall()
        return tuple((str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows)

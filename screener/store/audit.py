"""The audit log: append-only, hash-chained, with the chain head kept apart.

Each row's hash is SHA-256 over its canonical form (seq, at, user, action, record type and
id, details) followed by the previous row's hash, so changing, inserting or deleting a row
breaks the chain at that row. The head (last seq and hash), kept in its own table and
written with every append, catches rows deleted from or added to the end: `verify` compares
it with the last row, and `append` checks it first and, if the end of the log is not what
Screener last wrote, records an `audit.tail_mismatch` row before continuing, so the evidence
survives later appends. Triggers refuse UPDATE and DELETE on the table.

What it cannot do: someone holding the database key can rewrite the whole chain and head
consistently. The log is tamper-evident against edits that bypass Screener, not a defence
against a key holder; anchoring the head outside the database (e.g. in sync bundles) would
close that gap.

Rows name record ids, never names or answer values (DESIGN §10).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping

from screener.store.db import Database
from screener.store.records import AuditEntry, AuditProblem, AuditReport
from screener.store.sqlite import Connection

GENESIS_HASH = "0" * 64
#: The action of a row Screener writes when the end of the log is not what it last wrote.
TAIL_MISMATCH = "audit.tail_mismatch"
_ACTION = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")
#: Detail values are ids, counts, versions and flags; long text is refused as a likely leak.
_MAX_DETAIL_TEXT = 120
_COLUMNS = "seq, at, username, action, record_type, record_id, details, prev_hash, hash"

Details = Mapping[str, str | int | bool | None]


def row_hash(
    seq: int,
    at: str,
    username: str,
    action: str,
    record_type: str | None,
    record_id: str | None,
    details: str,
    prev_hash: str,
) -> str:
    """The hash of one audit row (part of the file format: never change it)."""
    canonical = json.dumps(
        [seq, at, username, action, record_type, record_id, details],
        ensure_ascii=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(f"{canonical}\n{prev_hash}".encode("ascii")).hexdigest()


def canonical_details(details: Details | None) -> str:
    """Details as canonical JSON, after checking they look like ids and not personal data."""
    clean: dict[str, str | int | bool | None] = {}
    for key, value in (details or {}).items():
        if not _ACTION.fullmatch(key):
            raise ValueError(f"audit detail key {key!r} is not an identifier")
        if isinstance(value, str) and len(value) > _MAX_DETAIL_TEXT:
            raise ValueError(f"audit detail {key!r} is too long for an id")
        clean[key] = value
    return json.dumps(clean, ensure_ascii=True, separators=(",", ":"), sort_keys=True)


class AuditLog:
    """Appending to and checking the audit log."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def append(
        self,
        at: str,
        username: str,
        action: str,
        record_type: str | None = None,
        record_id: str | None = None,
        details: Details | None = None,
    ) -> AuditEntry:
        """Add one row (joins the caller's transaction, or commits on its own)."""
        if not _ACTION.fullmatch(action):
            raise ValueError(f"audit action {action!r} is not dotted lower-case words")
        text = canonical_details(details)
        with self._db.transaction() as conn:
            last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            head = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
            seq, prev = (0, GENESIS_HASH) if last is None else (int(last[0]), str(last[1]))
            head_seq, head_hash = (0, GENESIS_HASH) if head is None else (int(head[0]), str(head[1]))
            if (seq, prev) != (head_seq, head_hash):
                # The end of the log is not what Screener last wrote: rows were deleted from or
                # added to the end behind its back. Say so in the log before going on.
                found = canonical_details({"recorded_seq": head_seq, "found_seq": seq})
                seq, prev = _insert(conn, seq + 1, at, username, TAIL_MISMATCH, None, None,
                                    found, prev)
            seq, digest = _insert(conn, seq + 1, at, username, action, record_type, record_id,
                                  text, prev)
        return AuditEntry(seq, at, username, action, record_type, record_id, text, prev, digest)

    def entries(self, after_seq: int = 0, limit: int = 100) -> tuple[AuditEntry, ...]:
        """Up to `limit` rows after `after_seq`, oldest first."""
        rows = self._db.conn.execute(
            f"SELECT {_COLUMNS} FROM audit WHERE seq > ? ORDER BY seq LIMIT ?",
            (after_seq, limit),
        ).fetchall()
        return tuple(AuditEntry(*row) for row in rows)

    def verify(self) -> AuditReport:
        """Walk the whole chain (streaming) and report every row that does not fit."""
        conn = self._db.conn
        problems: list[AuditProblem] = []
        prev_seq, prev_hash, count = 0, GENESIS_HASH, 0
        for row in conn.execute(f"SELECT {_COLUMNS} FROM audit ORDER BY seq"):
            entry = AuditEntry(*row)
            count += 1
            problems.extend(_check_row(entry, prev_seq, prev_hash))
            if entry.action == TAIL_MISMATCH:
                problems.extend(_marker_problems(entry))
            prev_seq, prev_hash = max(prev_seq, entry.seq), entry.hash
        head = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        problems.extend(_check_head(head, prev_seq, prev_hash))
        return AuditReport(rows_checked=count, problems=tuple(problems))


def _insert(
    conn: Connection, seq: int, at: str, username: str, action: str, record_type: str | None,
    record_id: str | None, details: str, prev: str,
) -> tuple[int, str]:
    digest = row_hash(seq, at, username, action, record_type, record_id, details, prev)
    conn.execute(
        f"INSERT INTO audit ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, username, action, record_type, record_id, details, prev, digest),
    )
    conn.execute(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        (seq, digest),
    )
    return seq, digest


def _check_row(entry: AuditEntry, prev_seq: int, prev_hash: str) -> list[AuditProblem]:
    seq = entry.seq
    found: list[AuditProblem] = []
    expected = row_hash(
        seq, entry.at, entry.username, entry.action, entry.record_type, entry.record_id,
        entry.details, entry.prev_hash,
    )
    if seq <= prev_seq:
        found.append(AuditProblem(seq, "inserted", f"row {seq} is out of order: it was inserted"))
    elif seq > prev_seq + 1:
        missing = f"row {prev_seq + 1}" if seq == prev_seq + 2 else f"rows {prev_seq + 1}-{seq - 1}"
        found.append(AuditProblem(prev_seq + 1, "deleted", f"{missing} missing: deleted"))
    elif entry.prev_hash != prev_hash:
        found.append(AuditProblem(
            seq, "broken_chain",
            f"row {seq} does not follow row {prev_seq}: row {prev_seq} was rewritten, "
            f"or a row was inserted or deleted there",
        ))
    if entry.hash != expected:
        found.append(AuditProblem(
            seq, "changed", f"row {seq} was changed: its content does not match its hash"
        ))
    return found


def _marker_problems(entry: AuditEntry) -> list[AuditProblem]:
    found = json.loads(entry.details)
    recorded, seen = int(found.get("recorded_seq", 0)), int(found.get("found_seq", 0))
    return _tail_problems(recorded, seen, f" (noticed when row {entry.seq} was written)")


def _check_head(head: tuple[object, ...] | None, last_seq: int, last_hash: str) -> list[AuditProblem]:
    head_seq = 0 if head is None else int(str(head[0]))
    head_hash = GENESIS_HASH if head is None else str(head[1])
    if (head_seq, head_hash) == (last_seq, last_hash):
        return []
    return _tail_problems(head_seq, last_seq, "")


def _tail_problems(recorded: int, found: int, when: str) -> list[AuditProblem]:
    """The end of the log was at row `recorded` when Screener last wrote it, but is `found`."""
    if recorded > found:
        rows = f"row {recorded}" if recorded == found + 1 else f"rows {found + 1}-{recorded}"
        return [AuditProblem(found + 1, "deleted", f"{rows} missing from the end: deleted{when}")]
    if recorded < found:
        rows = f"row {found}" if found == recorded + 1 else f"rows {recorded + 1}-{found}"
        return [AuditProblem(
            recorded + 1, "inserted", f"{rows} added after the last recorded entry: inserted{when}"
        )]
    return [AuditProblem(found, "changed", f"row {found} was rewritten after it was recorded{when}")]

"""The audit log: append-only, hash-chained, with the chain head kept apart.

Each row's hash is SHA-256 over its canonical form (seq, at, user, action, record type and
id, details) followed by the previous row's hash, so changing, inserting or deleting a row
breaks the chain at that row. The head (last seq and hash), kept in its own table and
written with every append, catches rows deleted from or added to the end: `verify` compares
it with the last row, and `append` checks it first and, if the end of the log is not what
Screener last wrote, records an `audit.tail_mismatch` row before continuing, so the evidence
survives later appends. Triggers refuse UPDATE and DELETE on the table.

Every row written since signing began (`store/grants.py`: the root's `since_seq`) is also
signed by its author's account key: the Ed25519 signature of the row's hash computed without
it is kept as the `sig` detail. Anyone holding the database key can recompute the hashes, but
not sign as someone else: a changed, inserted or re-chained row whose author is another
person fails `verify`. What a key holder can still do is drop or rewrite rows at the END of
the log that they wrote themselves; the office catches that from the audit head each bundle
carries (docs/SECURITY.md).

Rows name record ids, never names or answer values (DESIGN §10).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from screener.domain import AuditEntry, AuditProblem, AuditReport
from screener.store.account_keys import AccountKeys, verify_signature
from screener.store.db import Database
from screener.store.sqlite import Connection

GENESIS_HASH = "0" * 64
#: The action of a row Screener writes when the end of the log is not what it last wrote.
TAIL_MISMATCH = "audit.tail_mismatch"
_ACTION = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")
#: Detail values are ids, counts, versions and flags; long text is refused as a likely leak.
_MAX_DETAIL_TEXT = 120
_COLUMNS = "seq, at, username, action, record_type, record_id, details, prev_hash, hash"

Details = Mapping[str, str | int | bool | None]
#: The action of a row the office writes when a device's audit log no longer has a row it
#: reported in an earlier bundle (services/audit_heads.py).
DEVICE_LOG_CHANGED = "sync.device_audit_changed"
#: The action of a row the office writes when it refuses a bundle whose grants or audit head
#: are not signed under the root admin key it pinned for that device (services/audit_heads.py).
DEVICE_ROOT_CHANGED = "sync.device_root_changed"
#: The detail that holds the author's signature.
SIGNATURE = "sig"


@dataclass(frozen=True)
class SignatureCheck:
    """What `verify` needs to check signatures: rows after `since_seq` must be signed, by
    one of the keys `keys_of(username)` returns."""

    since_seq: int
    keys_of: Callable[[str], tuple[str, ...]]


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
        signer: AccountKeys | None = None,
    ) -> AuditEntry:
        """Add one row, signed by `signer` if given (joins the caller's transaction, or
        commits on its own)."""
        if not _ACTION.fullmatch(action):
            raise ValueError(f"audit action {action!r} is not dotted lower-case words")
        if details and SIGNATURE in details:
            raise ValueError(f"audit detail {SIGNATURE!r} is reserved for the signature")
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
                seq, prev, _ = _insert(conn, seq + 1, at, username, TAIL_MISMATCH, None, None,
                                       found, prev, signer)
            prev_hash = prev
            seq, digest, text = _insert(conn, seq + 1, at, username, action, record_type,
                                        record_id, text, prev, signer)
        return AuditEntry(seq, at, username, action, record_type, record_id, text, prev_hash,
                          digest)

    def entries(self, after_seq: int = 0, limit: int = 100) -> tuple[AuditEntry, ...]:
        """Up to `limit` rows after `after_seq`, oldest first."""
        rows = self._db.conn.execute(
            f"SELECT {_COLUMNS} FROM audit WHERE seq > ? ORDER BY seq LIMIT ?",
            (after_seq, limit),
        ).fetchall()
        return tuple(AuditEntry(*row) for row in rows)

    def head(self) -> tuple[int, str]:
        """The last row's sequence number and hash (0 and the genesis hash when empty)."""
        last = self._db.conn.execute(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        return (0, GENESIS_HASH) if last is None else (int(last[0]), str(last[1]))

    def last_at(self) -> str | None:
        """When the newest row was written (None for an empty log)."""
        row = self._db.conn.execute("SELECT at FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        return None if row is None else str(row[0])

    def hash_at(self, seq: int) -> str | None:
        """The hash of row `seq` now (None if there is no such row)."""
        row = self._db.conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
        return None if row is None else str(row[0])

    def verify(self, signatures: SignatureCheck | None = None) -> AuditReport:
        """Walk the whole chain (streaming) and report every row that does not fit, and,
        with `signatures`, every row after signing began that its author did not sign."""
        conn = self._db.conn
        problems: list[AuditProblem] = []
        prev_seq, prev_hash, count = 0, GENESIS_HASH, 0
        keys: dict[str, tuple[str, ...]] = {}
        for row in conn.execute(f"SELECT {_COLUMNS} FROM audit ORDER BY seq"):
            entry = AuditEntry(*row)
            count += 1
            problems.extend(_check_row(entry, prev_seq, prev_hash))
            if signatures is not None and entry.seq > signatures.since_seq:
                if entry.username not in keys:
                    keys[entry.username] = signatures.keys_of(entry.username)
                problems.extend(_check_signature(entry, keys[entry.username]))
            if entry.action == TAIL_MISMATCH:
                problems.extend(_marker_problems(entry))
            elif entry.action == DEVICE_LOG_CHANGED:
                problems.append(_device_problem(entry))
            elif entry.action == DEVICE_ROOT_CHANGED:
                problems.append(_root_problem(entry))
            prev_seq, prev_hash = max(prev_seq, entry.seq), entry.hash
        head = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        problems.extend(_check_head(head, prev_seq, prev_hash))
        return AuditReport(rows_checked=count, problems=tuple(problems))


def _insert(
    conn: Connection, seq: int, at: str, username: str, action: str, record_type: str | None,
    record_id: str | None, details: str, prev: str, signer: AccountKeys | None,
) -> tuple[int, str, str]:
    if signer is not None:
        unsigned = row_hash(seq, at, username, action, record_type, record_id, details, prev)
        signed = {**json.loads(details),
                  SIGNATURE: base64.b64encode(signer.sign(unsigned.encode("ascii"))).decode()}
        details = json.dumps(signed, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
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
    return seq, digest, details


def _device_problem(entry: AuditEntry) -> AuditProblem:
    found = json.loads(entry.details)
    return AuditProblem(
        entry.seq, "device",
        f"the audit log of device {entry.record_id} was changed: its row {found.get('seq')} "
        f"is not what it reported before, or is gone (found at row {entry.seq}, when bundle "
        f"{found.get('bundle')} was imported)")


def _root_problem(entry: AuditEntry) -> AuditProblem:
    found = json.loads(entry.details)
    return AuditProblem(
        entry.seq, "device",
        f"device {entry.record_id} sent a bundle whose roles or audit log are not signed "
        f"under the root admin key recorded when it joined (bundle {found.get('bundle')} "
        f"refused, row {entry.seq}): someone replaced that laptop's root admin key")


def signed_by(entry: AuditEntry, public_keys: tuple[str, ...]) -> bool:
    """True if `entry` carries a valid signature by one of `public_keys`."""
    return not _check_signature(entry, public_keys)


def _check_signature(entry: AuditEntry, public_keys: tuple[str, ...]) -> list[AuditProblem]:
    """Problems with the author's signature of a row written since signing began."""
    try:
        details = json.loads(entry.details)
        sig = base64.b64decode(str(details.pop(SIGNATURE)), validate=True)
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        return [AuditProblem(entry.seq, "unsigned", f"row {entry.seq} is not signed by its "
                             f"author {entry.username!r}: it was written outside Screener")]
    unsigned = row_hash(
        entry.seq, entry.at, entry.username, entry.action, entry.record_type, entry.record_id,
        json.dumps(details, ensure_ascii=True, separators=(",", ":"), sort_keys=True),
        entry.prev_hash,
    )
    if not any(verify_signature(k, sig, unsigned.encode("ascii")) for k in public_keys):
        return [AuditProblem(entry.seq, "forged", f"row {entry.seq} does not carry a valid "
                             f"signature of {entry.username!r}: it was forged or changed")]
    return []


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

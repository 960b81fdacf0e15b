"""Fast loading of many records at once (demo data, benchmarks).

Rows are buffered and written one transaction per batch, with change stamps allocated in
blocks. Ordinary app writes go through the repositories instead; this path exists because a
county-sized database (a million clients, sixty million answers) must be built in minutes:

* A writer thread runs the inserts while the caller makes the next batch: SQLite releases
  Python's lock while it works, so the two overlap on a second core.
* An intake's answers go in as one JSON array that SQLite unpacks (`json_each`): one bound
  parameter per intake instead of nine per answer.
* Answer ids count up (`IdBlock`), so every index takes them at its end.
* The writer's connection gets a larger page cache, `synchronous=NORMAL` (in WAL mode a
  power cut can lose the last batches, never corrupt the file) and a larger write-ahead log
  between checkpoints, for the load only; all three are put back afterwards. Nothing is written to disk unencrypted: temporary data stays in
  memory (`temp_store=MEMORY`, checked at open).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from screener.domain import IDENTITY_FIELDS, ClientIdentity, JsonValue, new_id
from screener.errors import StoreError
from screener.store.clients import row_values
from screener.store.db import PAGE_CACHE_KIB, Database
from screener.store.hlc import Hlc
from screener.store.intakes import encode_json
from screener.store.stamps import Stamp, timestamp

_CLIENT_COLUMNS = (
    "id", *IDENTITY_FIELDS, "phone_digits", "name_key", "updated_at", "device_id", "seq",
    "created_at", "created_by",
)
_INTAKE_COLUMNS = (
    "id", "client_id", "form_id", "form_version", "status", "started_at", "started_by",
    "completed_at", "completed_by", "updated_at", "device_id", "seq",
)
_CONSENT_COLUMNS = (
    "id", "client_id", "intake_id", "program_ids", "signer", "signed_at", "expires_on",
    "recorded_by", "updated_at", "device_id", "seq",
)
#: One row per intake: its answers as a JSON array of [field id, value as JSON text] pairs.
_ANSWERS_SQL = (
    "INSERT INTO answers (id, intake_id, field_id, value, entered_at, entered_by, updated_at, "
    "device_id, seq) SELECT ?1 || printf('%012x', ?2 + key), ?3, value ->> 0, value ->> 1, "
    "?4, ?5, ?6, ?7, ?8 FROM json_each(?9)"
)
#: The page cache of the writer while it loads (KiB): the name, date-of-birth and phone
#: indexes take clients in random order, and must stay in memory to stay quick.
_LOAD_CACHE_KIB = 256 * 1024


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


@dataclass
class IdBlock:
    """Record ids that count up: the first 24 characters of a UUID, then 12 hex digits."""

    prefix: str
    next: int = 0

    @classmethod
    def fresh(cls) -> IdBlock:
        """A block under a new time-ordered prefix (see `ids.new_id`)."""
        return cls(new_id()[:24])

    def take(self, count: int) -> int:
        """Reserve `count` ids; returns the number of the first."""
        first = self.next
        self.next += count
        if self.next >= 1 << 48:
            raise StoreError("An id block ran out of numbers.")
        return first


@dataclass
class _Batch:
    rows: dict[str, list[tuple[object, ...]]]
    seq: int
    hlc: str
    expected_seq: int


class BulkWriter:
    """Buffers inserts of clients, intakes, answers and consents; `flush()` writes a batch.

    Use as a context manager; leaving the block writes what is left and waits for it.
    """

    def __init__(self, db: Database, by: str, batch: int = 100_000,
                 answer_ids: IdBlock | None = None) -> None:
        self._db = db
        self._by = by
        self._batch = batch
        self._answer_ids = answer_ids or IdBlock.fresh()
        self._rows = self._empty()
        self._pending = 0
        self._seq = 0
        self._flushed_seq = 0
        self._hlc: Hlc | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk-writer")
        self._writing: Future[None] | None = None

    @staticmethod
    def _empty() -> dict[str, list[tuple[object, ...]]]:
        return {"clients": [], "intakes": [], "answers": [], "consents": []}

    @property
    def device_id(self) -> str:
        """The installation the rows are written on."""
        return self._db.device_id

    def __enter__(self) -> BulkWriter:
        self._pool.submit(self._tune, _LOAD_CACHE_KIB, "NORMAL").result()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self.flush()
            self._wait()
        finally:
            try:
                self._pool.submit(self._tune, PAGE_CACHE_KIB, "FULL").result()
            finally:
                self._pool.shutdown()

    def _tune(self, cache_kib: int, synchronous: str) -> None:
        conn = self._db.conn  # the writer thread's own connection
        conn.execute(f"PRAGMA cache_size = -{cache_kib}")
        conn.execute(f"PRAGMA synchronous = {synchronous}")
        # While loading, copy the log into the database every 80 MB rather than every 4 MB:
        # index pages changed by many batches are then written once instead of many times.
        conn.execute(f"PRAGMA wal_autocheckpoint = {20_000 if synchronous == 'NORMAL' else 1000}")

    def _stamp(self, now: datetime) -> Stamp:
        if self._hlc is None:
            row = self._db.conn.execute("SELECT seq, hlc FROM sync_clock WHERE id = 1").fetchone()
            assert row is not None, "sync_clock row missing"
            self._seq = self._flushed_seq = int(row[0])
            last = Hlc.parse(row[1]) if row[1] else Hlc.zero(self._db.device_id)
            self._hlc = Hlc(last.millis, last.counter, self._db.device_id)
        self._hlc = self._hlc.tick(now)
        self._seq += 1
        return Stamp(str(self._hlc), self._db.device_id, self._seq)

    def _add(self, table: str, row: tuple[object, ...], weight: int = 1) -> None:
        self._rows[table].append(row)
        self._pending += weight
        if self._pending >= self._batch:
            self.flush()

    def add_client(self, client_id: str, identity: ClientIdentity, now: datetime) -> None:
        values = row_values(client_id, identity, self._stamp(now))
        values.update(created_at=timestamp(now), created_by=self._by)
        self._add("clients", tuple(values[c] for c in _CLIENT_COLUMNS))

    def add_intake(
        self, intake_id: str, client_id: str, form_id: str, form_version: int,
        answers: Mapping[str, JsonValue], started: datetime, completed: datetime | None,
    ) -> None:
        """An intake with its answers (complete when `completed` is given).

        The answers share one change stamp, as if saved in one transaction; their ids come
        from the writer's `IdBlock`.
        """
        stamp = self._stamp(completed or started)
        at = timestamp(started)
        self._add("intakes", (
            intake_id, client_id, form_id, form_version,
            "complete" if completed else "draft", at, self._by,
            timestamp(completed) if completed else None, self._by if completed else None,
            stamp.updated_at, stamp.device_id, stamp.seq,
        ))
        if answers:
            pairs = json.dumps([(field, encode_json(value)) for field, value in answers.items()],
                               ensure_ascii=False, separators=(",", ":"))
            first = self._answer_ids.take(len(answers))
            self._add("answers", (self._answer_ids.prefix, first, intake_id, at, self._by,
                                  stamp.updated_at, stamp.device_id, stamp.seq, pairs),
                      len(answers))

    def add_consent(
        self, consent_id: str, client_id: str, intake_id: str, program_ids: tuple[str, ...],
        signer: str, signed: datetime, expires_on: str | None,
    ) -> None:
        stamp = self._stamp(signed)
        self._add("consents", (
            consent_id, client_id, intake_id, encode_json(list(program_ids)), signer,
            timestamp(signed), expires_on, self._by, stamp.updated_at, stamp.device_id,
            stamp.seq,
        ))

    def flush(self) -> None:
        """Hand everything buffered to the writer thread (one transaction).

        Waits for the batch before it, so at most one batch is being written while the next
        one is made. A failed batch raises here or when the writer is left.
        """
        if not self._pending:
            return
        assert self._hlc is not None
        batch = _Batch(self._rows, self._seq, str(self._hlc), self._flushed_seq)
        self._rows = self._empty()
        self._pending = 0
        self._flushed_seq = self._seq
        self._wait()
        self._writing = self._pool.submit(self._write, batch)

    def _wait(self) -> None:
        writing, self._writing = self._writing, None
        if writing is not None:
            writing.result()

    def _write(self, batch: _Batch) -> None:
        with self._db.transaction() as conn:
            conn.executemany(_insert("clients", _CLIENT_COLUMNS), batch.rows["clients"])
            conn.executemany(_insert("intakes", _INTAKE_COLUMNS), batch.rows["intakes"])
            conn.executemany(_ANSWERS_SQL, batch.rows["answers"])
            conn.executemany(_insert("consents", _CONSENT_COLUMNS), batch.rows["consents"])
            # Stamps were handed out from the clock as read before the batch: nothing else may
            # have written since, or two records would share a sequence number.
            moved = conn.execute(
                "UPDATE sync_clock SET seq = ?, hlc = ? WHERE id = 1 AND seq = ?",
                (batch.seq, batch.hlc, batch.expected_seq),
            ).rowcount
            if moved != 1:
                raise StoreError("The database changed during a bulk load; nothing was written.")

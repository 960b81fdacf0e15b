"""Fast loading of many records at once (demo data, benchmarks).

Rows are buffered and written with `executemany`, one transaction per batch, with change
stamps allocated in blocks. Ordinary app writes go through the repositories instead; this
path exists because a county-sized database (a million clients) must be built in minutes.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime

from screener.errors import StoreError
from screener.store.clients import row_values
from screener.store.db import Database
from screener.store.hlc import Hlc
from screener.store.intakes import encode_json
from screener.store.records import IDENTITY_FIELDS, ClientIdentity, JsonValue
from screener.store.stamps import Stamp, timestamp

_CLIENT_COLUMNS = (
    "id", *IDENTITY_FIELDS, "phone_digits", "name_key", "updated_at", "device_id", "seq",
    "created_at", "created_by",
)
_INTAKE_COLUMNS = (
    "id", "client_id", "form_id", "form_version", "status", "started_at", "started_by",
    "completed_at", "completed_by", "updated_at", "device_id", "seq",
)
_ANSWER_COLUMNS = (
    "id", "intake_id", "field_id", "value", "entered_at", "entered_by", "updated_at",
    "device_id", "seq",
)
_CONSENT_COLUMNS = (
    "id", "client_id", "intake_id", "program_ids", "signer", "signed_at", "expires_on",
    "recorded_by", "updated_at", "device_id", "seq",
)


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


class BulkWriter:
    """Buffers inserts of clients, intakes, answers and consents; `flush()` writes a batch.

    Use as a context manager; leaving the block flushes what is left.
    """

    def __init__(self, db: Database, by: str, batch: int = 20_000) -> None:
        self._db = db
        self._by = by
        self._batch = batch
        self._rows: dict[str, list[tuple[object, ...]]] = {
            "clients": [], "intakes": [], "answers": [], "consents": []
        }
        self._pending = 0
        self._seq = 0
        self._flushed_seq = 0
        self._hlc: Hlc | None = None

    @property
    def device_id(self) -> str:
        """The installation the rows are written on."""
        return self._db.device_id

    def __enter__(self) -> BulkWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.flush()

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

    def _add(self, table: str, row: tuple[object, ...]) -> None:
        self._rows[table].append(row)
        self._pending += 1
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

        The answers share one change stamp, as if saved in one transaction; each gets an id
        derived from the intake's id and its position.
        """
        stamp = self._stamp(completed or started)
        self._add("intakes", (
            intake_id, client_id, form_id, form_version,
            "complete" if completed else "draft", timestamp(started), self._by,
            timestamp(completed) if completed else None, self._by if completed else None,
            stamp.updated_at, stamp.device_id, stamp.seq,
        ))
        at = timestamp(started)
        base = uuid.UUID(intake_id).int
        rows = self._rows["answers"]
        for n, (field_id, value) in enumerate(answers.items(), start=1):
            rows.append((
                str(uuid.UUID(int=base ^ (n << 40))), intake_id, field_id,
                encode_json(value), at, self._by, stamp.updated_at, stamp.device_id, stamp.seq,
            ))
        self._pending += len(answers)
        if self._pending >= self._batch:
            self.flush()

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
        """Write everything buffered in one transaction."""
        if not self._pending:
            return
        with self._db.transaction() as conn:
            conn.executemany(_insert("clients", _CLIENT_COLUMNS), self._rows["clients"])
            conn.executemany(_insert("intakes", _INTAKE_COLUMNS), self._rows["intakes"])
            conn.executemany(_insert("answers", _ANSWER_COLUMNS), self._rows["answers"])
            conn.executemany(_insert("consents", _CONSENT_COLUMNS), self._rows["consents"])
            assert self._hlc is not None
            # Stamps were handed out from the clock as read before the batch: nothing else may
            # have written since, or two records would share a sequence number.
            moved = conn.execute(
                "UPDATE sync_clock SET seq = ?, hlc = ? WHERE id = 1 AND seq = ?",
                (self._seq, str(self._hlc), self._flushed_seq),
            ).rowcount
            if moved != 1:
                raise StoreError("The database changed during a bulk load; nothing was written.")
        self._flushed_seq = self._seq
        for rows in self._rows.values():
            rows.clear()
        self._pending = 0

"""Reading the rows a bundle carries, and writing merged rows back: all of sync's SQL on
the synced tables, handed out by `SyncRepo.snapshot()` (a `SyncSnapshot`, for an export) and
`SyncRepo.transaction()` (a `SyncWriter`, for an import or a review decision).

Reads stream from a cursor (nothing is collected), so an export of any size keeps memory
flat. Writes keep the remote stamp (`updated_at`, `device_id`: who changed it, when) and give
each applied row a fresh local `seq`, so this installation exports it onwards.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from itertools import chain
from operator import attrgetter

from screener.domain import Client
from screener.store.hlc import Hlc
from screener.store.names import name_key
from screener.store.search import digits_of
from screener.store.sqlite import Connection, SqlError
from screener.store.stamps import Stamp, current_seq, next_stamp
from screener.store.sync_records import (
    SYNCED_FIELDS,
    SYNCED_TABLES,
    TABLE_OF,
    AnswerRecord,
    ChangeRecord,
    RecordType,
    make_record,
)

#: Each table's columns in record order (the record's fields).
COLUMNS: dict[RecordType, tuple[str, ...]] = {
    kind: SYNCED_FIELDS[cls] for kind, cls in SYNCED_TABLES.items()
}
_SELECT = {kind: ", ".join(cols) for kind, cols in COLUMNS.items()}
#: Which column ties a table's rows to a client, for office-to-field exports of clients.
_CLIENT_FILTER = {
    RecordType.CLIENT: "id IN ({marks})",
    RecordType.INTAKE: "client_id IN ({marks})",
    RecordType.ANSWER: "intake_id IN (SELECT id FROM intakes WHERE client_id IN ({marks}))",
    RecordType.CONSENT: "client_id IN ({marks})",
    RecordType.DETERMINATION: "intake_id IN (SELECT id FROM intakes WHERE client_id IN ({marks}))",
}


def _record(kind: RecordType, row: Sequence[object]) -> ChangeRecord:
    return make_record(SYNCED_TABLES[kind], row)


class SyncSnapshot:
    """A read-consistent view of the synced tables: what an export reads, all as of one
    moment while the app keeps saving on other threads."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def current_seq(self) -> int:
        """The highest change sequence number here."""
        return current_seq(self._conn)

    def changes_since(self, kind: RecordType, since_seq: int,
                      until_seq: int) -> Iterator[ChangeRecord]:
        """Rows of one table changed after `since_seq` up to `until_seq`, in change order."""
        cursor = self._conn.execute(
            f"SELECT {_SELECT[kind]} FROM {TABLE_OF[kind]} WHERE seq > ? AND seq <= ? "
            "ORDER BY seq", (since_seq, until_seq),
        )
        for row in cursor:
            yield _record(kind, row)

    def change_lines(self, kind: RecordType, since_seq: int, until_seq: int,
                     json_columns: frozenset[str]) -> Iterator[str]:
        """`changes.jsonl` lines of one table changed after `since_seq` up to `until_seq`.

        Each line is built by SQLite's `json_object` (C, no record objects in Python): the
        key `type`, then the record's columns in field order; `json_columns` hold JSON text
        and are embedded as JSON. Text may hold non-ASCII characters. Tables with BLOB
        columns (the consent signature) cannot go this way: use `changes_since`.
        """
        for block in self.change_blocks(kind, since_seq, until_seq, json_columns, 0):
            yield from block

    def change_blocks(self, kind: RecordType, since_seq: int, until_seq: int,
                      json_columns: frozenset[str], block_chars: int) -> Iterator[list[str]]:
        """`change_lines` in lists of consecutive lines of about `block_chars` characters in
        all (one line may be longer; 0: one line a list), so that a caller handles a list per
        step rather than a line, and memory stays bounded whatever the rows hold."""
        pairs = ", ".join(
            f"'{col}', " + (f"json({col})" if col in json_columns else col)
            for col in COLUMNS[kind]
        )
        cursor = self._conn.execute(
            f"SELECT json_object('type', '{kind.value}', {pairs}) FROM {TABLE_OF[kind]} "
            "WHERE seq > ? AND seq <= ? ORDER BY seq",
            (since_seq, until_seq),
        )
        block: list[str] = []
        append = block.append
        chars = 0
        for (line,) in cursor:
            append(line)
            chars += len(line)
            if chars >= block_chars:
                yield block
                block = []
                append = block.append
                chars = 0
        if block:
            yield block

    def rows_of_clients(self, kind: RecordType,
                        client_ids: Sequence[str]) -> Iterator[ChangeRecord]:
        """Every row of one table that belongs to these clients."""
        if not client_ids:
            return
        marks = ", ".join("?" * len(client_ids))
        where = _CLIENT_FILTER[kind].format(marks=marks)
        cursor = self._conn.execute(
            f"SELECT {_SELECT[kind]} FROM {TABLE_OF[kind]} WHERE {where} ORDER BY seq",
            tuple(client_ids),
        )
        for row in cursor:
            yield _record(kind, row)


def read_row(conn: Connection, kind: RecordType, record_id: str) -> ChangeRecord | None:
    """A synced row by id, as a record (None if it is not here)."""
    row = conn.execute(
        f"SELECT {_SELECT[kind]} FROM {TABLE_OF[kind]} WHERE id = ?", (record_id,)
    ).fetchone()
    return None if row is None else _record(kind, row)


def clients_of_device(conn: Connection, device_id: str) -> list[str]:
    """Clients with a client, intake or consent row that `device_id` wrote: its id is the
    row's stamp or in the row's version vector (which keeps every device it descends from)."""
    pattern = f'%"{device_id}"%'
    rows = conn.execute(
        "SELECT id FROM clients WHERE device_id = ?1 OR vv LIKE ?2 "
        "UNION SELECT client_id FROM intakes WHERE device_id = ?1 OR vv LIKE ?2 "
        "UNION SELECT client_id FROM consents WHERE device_id = ?1 OR vv LIKE ?2",
        (device_id, pattern),
    ).fetchall()
    return sorted(str(r[0]) for r in rows)


_GETTERS = {cls: attrgetter(*COLUMNS[kind]) for kind, cls in SYNCED_TABLES.items()}


def record_values(record: ChangeRecord) -> tuple[object, ...]:
    """A record's field values in column order (a shallow, fast `astuple`)."""
    values: tuple[object, ...] = _GETTERS[type(record)](record)
    return values


def row_values(record: ChangeRecord, vv: str, seq: int) -> tuple[object, ...]:
    """The INSERT values of a record (with the vv to store and its local seq)."""
    values: tuple[object, ...] = (*record_values(record)[:-1], vv, seq)
    if isinstance(record, Client):
        values += (digits_of(record.phone), name_key(record.last_name))
    return values


def _insert_sql(kind: RecordType, rows: int = 1) -> str:
    cols = [*COLUMNS[kind], "seq"]
    if kind is RecordType.CLIENT:
        cols += ["phone_digits", "name_key"]
    values = ", ".join(["(" + ", ".join("?" * len(cols)) + ")"] * rows)
    return f"INSERT INTO {TABLE_OF[kind]} ({', '.join(cols)}) VALUES {values}"


#: Rows per multi-row INSERT: one statement step for many rows costs a quarter less than
#: a step per row (`executemany` also hands Python's lock back and forth for each row).
_ROWS_PER_INSERT = 100
_INSERT = {kind: _insert_sql(kind) for kind in SYNCED_TABLES}
_INSERT_MANY = {kind: _insert_sql(kind, _ROWS_PER_INSERT) for kind in SYNCED_TABLES}


def _update_sql(kind: RecordType) -> str:
    cols = [c for c in COLUMNS[kind] if c != "id"] + ["seq"]
    if kind is RecordType.CLIENT:
        cols += ["phone_digits", "name_key"]
    return f"UPDATE {TABLE_OF[kind]} SET {', '.join(c + ' = ?' for c in cols)} WHERE id = ?"


_UPDATE = {kind: _update_sql(kind) for kind in SYNCED_TABLES}


class RowClash(Exception):
    """New rows repeat one another or a row here (a damaged bundle)."""


class SyncWriter:
    """The synced rows inside one write transaction (an import, a review decision): read
    the local version of a record, write merged ones, keep replaced values. Everything
    written commits together or not at all (`SyncRepo.transaction`)."""

    def __init__(self, conn: Connection, device_id: str) -> None:
        self._conn = conn
        self.device_id = device_id

    # --- reading --------------------------------------------------------------------------

    def local_row(self, kind: RecordType, record_id: str) -> ChangeRecord | None:
        """This installation's version of a record, by id."""
        return read_row(self._conn, kind, record_id)

    def local_answer(self, intake_id: str, field_id: str) -> AnswerRecord | None:
        """This installation's answer to one field of one intake (answers merge by field)."""
        row = self._conn.execute(
            f"SELECT {_SELECT[RecordType.ANSWER]} FROM answers "
            "WHERE intake_id = ? AND field_id = ?", (intake_id, field_id),
        ).fetchone()
        return None if row is None else AnswerRecord(*row)

    def answer_by_id(self, answer_id: str) -> AnswerRecord | None:
        """An answer row by its local id."""
        record = read_row(self._conn, RecordType.ANSWER, answer_id)
        assert record is None or isinstance(record, AnswerRecord)
        return record

    def exists(self, kind: RecordType, record_id: str) -> bool:
        """True if the record is here."""
        return self._conn.execute(
            f"SELECT 1 FROM {TABLE_OF[kind]} WHERE id = ?", (record_id,)
        ).fetchone() is not None

    # --- writing --------------------------------------------------------------------------

    def insert_rows(self, kind: RecordType, rows: Sequence[tuple[object, ...]]) -> None:
        """Insert new rows (each as given by `row_values`), all or none of them; RowClash if
        one repeats a row here or another of them."""
        whole = len(rows) - len(rows) % _ROWS_PER_INSERT
        try:
            if whole:
                many = _INSERT_MANY[kind]
                for start in range(0, whole, _ROWS_PER_INSERT):
                    self._conn.execute(
                        many, list(chain.from_iterable(rows[start:start + _ROWS_PER_INSERT])))
            if whole < len(rows):
                self._conn.executemany(_INSERT[kind], rows[whole:])
        except SqlError:
            raise RowClash(kind.value) from None

    def replace_row(self, kind: RecordType, local_id: str, record: ChangeRecord,
                    seq: int) -> None:
        """Overwrite the row `local_id` with `record` (answers keep their local id)."""
        values = row_values(record, record.vv, seq)
        self._conn.execute(_UPDATE[kind], (*values[1:], local_id))

    def set_vv(self, kind: RecordType, local_id: str, vv: str) -> None:
        """Remember what a row's version is now known to include (no new change)."""
        self._conn.execute(f"UPDATE {TABLE_OF[kind]} SET vv = ? WHERE id = ?", (vv, local_id))

    def keep_in_history(self, answer_id: str, value: str, reason: str | None,
                        entered_at: str, entered_by: str, updated_at: str, device_id: str,
                        replaced_at: str, replaced_by: str) -> None:
        """Add an earlier value of an answer to its history."""
        self._conn.execute(
            "INSERT INTO answer_history (answer_id, value, reason, entered_at, entered_by, "
            "updated_at, device_id, replaced_at, replaced_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (answer_id, value, reason, entered_at, entered_by, updated_at, device_id,
             replaced_at, replaced_by),
        )

    def write_answer_version(self, answer_id: str, value: str, reason: str | None,
                             entered_at: str, entered_by: str, stamp: Stamp) -> None:
        """Give an answer a new value as a new local version (its vv is kept)."""
        self._conn.execute(
            "UPDATE answers SET value = ?, reason = ?, entered_at = ?, entered_by = ?, "
            "updated_at = ?, device_id = ?, seq = ? WHERE id = ?",
            (value, reason, entered_at, entered_by, stamp.updated_at, stamp.device_id,
             stamp.seq, answer_id),
        )

    def move_client_rows(self, other_id: str, keep_id: str,
                         stamp: Callable[[], Stamp]) -> int:
        """Point every intake, consent and packet of `other_id` at `keep_id`; returns how
        many intakes and consents moved (each gets a new stamp so the move travels on)."""
        moved = 0
        for table in ("intakes", "consents"):
            ids = [str(r[0]) for r in self._conn.execute(
                f"SELECT id FROM {table} WHERE client_id = ?", (other_id,)
            ).fetchall()]
            for row_id in ids:
                vv = self._vv_with_row(table, row_id)
                new = stamp()
                self._conn.execute(
                    f"UPDATE {table} SET client_id = ?, updated_at = ?, device_id = ?, seq = ?, "
                    "vv = ? WHERE id = ?",
                    (keep_id, new.updated_at, new.device_id, new.seq, vv, row_id),
                )
            moved += len(ids)
        self._conn.execute("UPDATE packets SET client_id = ? WHERE client_id = ?",
                           (keep_id, other_id))
        return moved

    def _vv_with_row(self, table: str, row_id: str) -> str:
        row = self._conn.execute(
            f"SELECT vv, device_id, updated_at FROM {table} WHERE id = ?", (row_id,)
        ).fetchone()
        assert row is not None
        vv = json.loads(row[0]) if row[0] else {}
        if str(row[2]) > vv.get(row[1], ""):
            vv[row[1]] = row[2]
        return json.dumps(vv, separators=(",", ":"), sort_keys=True)

    def delete_client(self, client_id: str) -> None:
        """Remove a merged-away client row (its intakes and consents were moved first)."""
        self._conn.execute("DELETE FROM clients WHERE id = ?", (client_id,))

    # --- change numbers -------------------------------------------------------------------

    def next_stamp(self, now: datetime) -> Stamp:
        """The stamp of one new local version made here (a review decision, a merge)."""
        return next_stamp(self._conn, self.device_id, now)

    def seq_counter(self) -> SeqCounter:
        """Change numbers for a whole import, written back once at its end."""
        return SeqCounter(self._conn, self.device_id)


class SeqCounter:
    """Local change numbers for an import, written back to `sync_clock` once at the end.

    Use inside the import's write transaction (BEGIN IMMEDIATE: no one else writes
    meanwhile). `finish` also moves the HLC past the newest remote timestamp seen (HLC
    observe), so later local edits sort after everything imported.
    """

    def __init__(self, conn: Connection, device_id: str) -> None:
        row = conn.execute("SELECT seq, hlc FROM sync_clock WHERE id = 1").fetchone()
        if row is None:
            raise RuntimeError("sync_clock row missing")
        self._conn = conn
        self._device_id = device_id
        self.seq = int(row[0])
        self._hlc = str(row[1])
        self.latest_remote = ""

    def next(self) -> int:
        """The next local change number."""
        self.seq += 1
        return self.seq

    def saw(self, remote_hlc: str) -> None:
        """Note a remote timestamp (the newest is observed at `finish`)."""
        if remote_hlc > self.latest_remote:
            self.latest_remote = remote_hlc

    def stamp(self, now: datetime) -> tuple[str, int]:
        """A new local HLC and seq, for a version made here (a combined merge)."""
        last = Hlc.parse(self._hlc) if self._hlc else Hlc.zero(self._device_id)
        last = Hlc(last.millis, last.counter, self._device_id)
        if self.latest_remote:
            tick = last.observe(Hlc.parse(self.latest_remote), now)
        else:
            tick = last.tick(now)
        self._hlc = str(tick)
        return self._hlc, self.next()

    def finish(self, now: datetime) -> None:
        """Write the last seq and the observed HLC back."""
        hlc = self._hlc
        if self.latest_remote:
            last = Hlc.parse(hlc) if hlc else Hlc.zero(self._device_id)
            last = Hlc(last.millis, last.counter, self._device_id)
            hlc = str(last.observe(Hlc.parse(self.latest_remote), now))
        self._conn.execute("UPDATE sync_clock SET seq = ?, hlc = ? WHERE id = 1",
                           (self.seq, hlc))

"""Change stamps for syncable records: HLC `updated_at`, `device_id` and the local `seq`.

The last sequence number and HLC live in the one-row `sync_clock` table and are advanced
inside the caller's write transaction, so they commit (or roll back) with the change itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from screener.store.hlc import Hlc
from screener.store.sqlite import Connection


@dataclass(frozen=True)
class Stamp:
    """What every insert or update of a syncable record is marked with."""

    updated_at: str
    device_id: str
    seq: int


def timestamp(moment: datetime) -> str:
    """An instant as stored in the database: UTC ISO 8601 with milliseconds, `...Z`."""
    if moment.tzinfo is None:
        raise ValueError("timestamps need a timezone-aware datetime")
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def _load(conn: Connection, device_id: str) -> tuple[int, Hlc]:
    row = conn.execute("SELECT seq, hlc FROM sync_clock WHERE id = 1").fetchone()
    if row is None:
        raise RuntimeError("sync_clock row missing")
    last = Hlc.parse(row[1]) if row[1] else Hlc.zero(device_id)
    return int(row[0]), Hlc(last.millis, last.counter, device_id)


def _save(conn: Connection, seq: int, hlc: Hlc) -> None:
    conn.execute("UPDATE sync_clock SET seq = ?, hlc = ? WHERE id = 1", (seq, str(hlc)))


def next_stamp(conn: Connection, device_id: str, now: datetime) -> Stamp:
    """Advance the clock for one local change. Call inside a write transaction."""
    seq, last = _load(conn, device_id)
    hlc = last.tick(now)
    _save(conn, seq + 1, hlc)
    return Stamp(updated_at=str(hlc), device_id=device_id, seq=seq + 1)


def observe_remote(conn: Connection, device_id: str, remote: str, now: datetime) -> Stamp:
    """Advance the clock past a timestamp received from another device (sync import).

    The returned stamp carries a fresh local seq; its HLC is later than `remote`.
    """
    seq, last = _load(conn, device_id)
    hlc = last.observe(Hlc.parse(remote), now)
    _save(conn, seq + 1, hlc)
    return Stamp(updated_at=str(hlc), device_id=device_id, seq=seq + 1)


def current_seq(conn: Connection) -> int:
    """The last change sequence number issued by this database."""
    row = conn.execute("SELECT seq FROM sync_clock WHERE id = 1").fetchone()
    return 0 if row is None else int(row[0])

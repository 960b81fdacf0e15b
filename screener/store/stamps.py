"""Change stamps for syncable records: HLC `updated_at`, `device_id` and the local `seq`.

The last sequence number and HLC live in the one-row `sync_clock` table and are advanced
inside the caller's write transaction, so they commit (or roll back) with the change itself.

While this computer's clock is far ahead of what the database saw last (a clock that jumped
forward, found at sign-in: services/session.py), the `clock.stamp_limit` setting holds the
latest time a change may be stamped with: one wrong clock must not stamp changes so far
ahead that the office refuses every later bundle from this laptop.
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


#: Settings key of the latest time changes may be stamped with (absent: no limit).
STAMP_LIMIT = "clock.stamp_limit"


def _load(conn: Connection, device_id: str, now: datetime) -> tuple[int, Hlc, datetime]:
    """The last seq and HLC, and `now` held back to the stamp limit if one is set."""
    row = conn.execute("SELECT seq, hlc, (SELECT value FROM settings WHERE key = ?) "
                       "FROM sync_clock WHERE id = 1", (STAMP_LIMIT,)).fetchone()
    if row is None:
        raise RuntimeError("sync_clock row missing")
    last = Hlc.parse(row[1]) if row[1] else Hlc.zero(device_id)
    if row[2] is not None:
        now = min(now, _limit(str(row[2])) or now)
    return int(row[0]), Hlc(last.millis, last.counter, device_id), now


def _limit(text: str) -> datetime | None:
    """The stamp limit as an aware datetime (None if the setting is damaged: no limit)."""
    try:
        limit = datetime.fromisoformat(text)
    except ValueError:
        return None
    return limit if limit.tzinfo is not None else None


def newest_stamp(conn: Connection) -> str | None:
    """The wall-clock part of the last HLC issued here (a `timestamp`), None if none."""
    row = conn.execute("SELECT hlc FROM sync_clock WHERE id = 1").fetchone()
    return None if row is None or not row[0] else str(row[0])[:24]


def _save(conn: Connection, seq: int, hlc: Hlc) -> None:
    conn.execute("UPDATE sync_clock SET seq = ?, hlc = ? WHERE id = 1", (seq, str(hlc)))


def next_stamp(conn: Connection, device_id: str, now: datetime) -> Stamp:
    """Advance the clock for one local change. Call inside a write transaction."""
    seq, last, now = _load(conn, device_id, now)
    hlc = last.tick(now)
    _save(conn, seq + 1, hlc)
    return Stamp(updated_at=str(hlc), device_id=device_id, seq=seq + 1)


def observe_remote(conn: Connection, device_id: str, remote: str, now: datetime) -> Stamp:
    """Advance the clock past a timestamp received from another device (sync import).

    The returned stamp carries a fresh local seq; its HLC is later than `remote`.
    """
    seq, last, now = _load(conn, device_id, now)
    hlc = last.observe(Hlc.parse(remote), now)
    _save(conn, seq + 1, hlc)
    return Stamp(updated_at=str(hlc), device_id=device_id, seq=seq + 1)


def current_seq(conn: Connection) -> int:
    """The last change sequence number issued by this database."""
    row = conn.execute("SELECT seq FROM sync_clock WHERE id = 1").fetchone()
    return 0 if row is None else int(row[0])

"""Child process: open tampered copies of a database and read everything in them.

Usage: python tamper_db.py ORIGINAL WORKDIR < cases.jsonl > results.jsonl

Each input line is `{"flip": [offset, bit]}` or `{"truncate": size}`. For each, the child
copies ORIGINAL (and its keys file) into WORKDIR, applies the change, signs in the way the app
does, reads every row of every table and the audit chain, then runs the database check
(every page of the file), and prints one JSON line: `{"case": ..., "stage": "open"|"read"|
"check"|"none" (where the damage was found), "error": TYPE, "digest": (of what was read),
"seconds": ..., "file": "untouched"|"changed"|"replaced"}`. Errors pass through the same
translation the app's screens and command line use (`driver_failure`), so TYPE is what the
person would be told. A watchdog ends the process if one case takes over 5 s.
"""

from __future__ import annotations

import faulthandler
import hashlib
import json
import shutil
import sys
import time
from datetime import date
from pathlib import Path

from screener import services
from screener.clock import FixedClock
from screener.store.db import driver_failure
from screener.store.keyslots import keys_path_for

ADMIN, ADMIN_PASSWORD = "admin", "admin-password-1"
HANG_S = 5.0
_SQLITE_MAGIC = b"SQLite format 3\x00"


def read_everything(session: services.Session) -> str:
    """A digest of every row of every table, read through the app's connection."""
    conn = session.repos.db.conn
    digest = hashlib.sha256()
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in tables:
        for row in conn.execute(f'SELECT * FROM "{table}"'):
            digest.update(repr(row).encode())
    report = services.verify_audit(session)
    digest.update(repr(report.problems).encode())
    return digest.hexdigest()


def tamper(target: Path, case: dict[str, object]) -> None:
    """Apply one flip or truncation to `target`."""
    data = bytearray(target.read_bytes())
    if "flip" in case:
        offset, bit = case["flip"]  # type: ignore[misc]
        data[offset] ^= 1 << bit
    else:
        del data[int(case["truncate"]):]  # type: ignore[call-overload]
    target.write_bytes(bytes(data))


def attempt(original: Path, work: Path, case: dict[str, object]) -> dict[str, object]:
    """Tamper with a fresh copy and try to use it."""
    db = work / "screener.db"
    for leftover in work.iterdir():
        leftover.unlink()
    shutil.copyfile(original, db)
    shutil.copyfile(keys_path_for(original), keys_path_for(db))
    tamper(db, case)
    tampered = db.read_bytes()
    start = time.perf_counter()
    stage, error, digest = "open", "", ""
    clock = FixedClock.on(date(2026, 11, 25))
    try:
        session = services.open_session(db, ADMIN, ADMIN_PASSWORD, clock)
        try:
            stage = "read"
            digest = read_everything(session)
            stage = "check"
            if not services.check_database(session).ok:
                error = "DatabaseCheck"
            else:
                stage = "none"
        finally:
            session.close()
    except Exception as exc:  # noqa: BLE001 - classified below, as the app's screens do
        failure = driver_failure(exc)
        error = type(failure if failure is not None else exc).__name__
    seconds = time.perf_counter() - start
    after = db.read_bytes() if db.exists() else b""
    if after == tampered:
        state = "untouched"
    elif (after.startswith(_SQLITE_MAGIC) or not after or after[:16] != tampered[:16]
          or len(after) < len(tampered)):
        state = "replaced"
    else:
        state = "changed"
    return {"case": case, "stage": stage, "error": error, "digest": digest,
            "seconds": round(seconds, 4), "file": state}


def main() -> None:
    original, work = Path(sys.argv[1]), Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    for line in sys.stdin:
        faulthandler.dump_traceback_later(HANG_S, exit=True)
        result = attempt(original, work, json.loads(line))
        faulthandler.cancel_dump_traceback_later()
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()

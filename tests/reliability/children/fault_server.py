"""Child process: a fork server for the syscall fault sweep.

Usage: python fault_server.py   (then one command per line on stdin)

Each command `OP DB CHANNEL_DIR` forks a worker that opens `CHANNEL_DIR/out` (for writing)
and `CHANNEL_DIR/in` (for reading; both FIFOs made by the test), signs in to DB, runs OP once
to warm up (so the faulted run does no first-time imports or cache fills), prints
`ready PID`, waits for a line, runs OP again, prints the outcome and ends with `os._exit`
(no sign-out: nothing after the operation may meet the injected fault).

Outcomes: `ok`, `error TYPE MESSAGE` (a ScreenerError: what the person would see) or
`raw TYPE MESSAGE` (anything else: a bug). Forking from one warm process makes each run
cost milliseconds instead of a Python start.
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import date
from pathlib import Path

from screener import services
from screener.clock import FixedClock
from screener.errors import ScreenerError
from screener.services import session as session_module
from tests.shared_setup import sharing_loader

ADMIN, ADMIN_PASSWORD = "admin", "admin-password-1"
NEW_PASSWORDS = ("first-new-password-1", "second-new-password-2")
FIELD_USER, FIELD_PASSWORD = "ana", "sync-test-password"
FAULTED_VALUE = "faulted " + "x" * 3000


def _intake(session: services.Session) -> str:
    """The draft intake of the test client (autosave's usual case)."""
    client = services.find_clients(session, "Crash").clients[0]
    return services.intakes_of(session, client.id)[-1].id


def prepare(op: str, db: Path, clock: FixedClock) -> services.Session:
    """Sign in and run the operation once, unfaulted."""
    if op == "save":
        session = services.open_session(db, ADMIN, ADMIN_PASSWORD, clock)
        services.save_answer(session, _intake(session), "race_ethnicity_detail", "warm")
    elif op == "password":
        session = services.open_session(db, ADMIN, ADMIN_PASSWORD, clock)
        services.change_password(session, NEW_PASSWORDS[0], current_password=ADMIN_PASSWORD)
    elif op == "export":
        session = services.open_session(db, FIELD_USER, FIELD_PASSWORD, clock)
        warm = db.with_name("warm.screener-bundle")
        services.export_bundle(session, warm, full=True)
        warm.unlink()
    else:
        raise SystemExit(f"unknown operation {op}")
    return session


def run(op: str, session: services.Session, db: Path) -> None:
    """The operation under fault."""
    if op == "save":
        services.save_answer(session, _intake(session), "race_ethnicity_detail", FAULTED_VALUE)
    elif op == "password":
        services.change_password(session, NEW_PASSWORDS[1], current_password=NEW_PASSWORDS[0])
    else:
        services.export_bundle(session, db.with_name("out.screener-bundle"), full=True)


def worker(op: str, db: Path, channel: Path) -> None:
    """One faulted run (in the forked process, which never returns to the server loop)."""
    try:
        _faulted_run(op, db, channel)
    finally:
        os._exit(0)


def _faulted_run(op: str, db: Path, channel: Path) -> None:
    out = (channel / "out").open("w")
    inp = (channel / "in").open("r")
    try:
        session = prepare(op, db, FixedClock.on(date(2026, 11, 25)))
    except BaseException as exc:  # noqa: BLE001 - reported to the test, which fails
        out.write(f"setup-failed {type(exc).__name__} {exc}\n")
        out.flush()
        return
    out.write(f"ready {os.getpid()}\n")
    out.flush()
    inp.readline()
    try:
        run(op, session, db)
        outcome = "ok"
    except ScreenerError as exc:
        outcome = f"error {type(exc).__name__} {exc}"
    except BaseException as exc:  # noqa: BLE001 - any other failure is what the test counts
        outcome = f"raw {type(exc).__name__} {exc}"
    out.write(outcome.replace("\n", " ") + "\n")
    out.flush()
    os._exit(0)  # now: returning would drop the session, whose closing writes a checkpoint


def main() -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped automatically
    # The forms and rules, loaded once for every worker (each worker's session uses them).
    session_module.load_setup_in_force = sharing_loader()  # type: ignore[assignment]
    session_module.load_setup_in_force()
    print("server ready", flush=True)
    for line in sys.stdin:
        op, db, channel = line.split()
        if os.fork() == 0:
            worker(op, Path(db), Path(channel))


if __name__ == "__main__":
    main()

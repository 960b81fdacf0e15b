"""Helpers shared by the reliability tests: databases to torture, child processes, checks.

The checks read a database the way someone holding the key could, behind Screener's back,
and report problems as strings (an empty list means healthy), so a test can count them.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from screener import services
from screener.clock import FixedClock
from screener.domain import ClientIdentity
from screener.store.keyslots import keys_path_for, load_keys_file, unwrap_key
from screener.store.sqlite import Connection, SqlError, connect

REPO = Path(__file__).resolve().parents[2]
CHILDREN = Path(__file__).with_name("children")
ADMIN = "admin"
ADMIN_PASSWORD = "admin-password-1"
WORKER = "ana"
WORKER_PASSWORD = "worker-password-1"
#: The two text fields the saver child always writes together in one transaction.
PAIR = ("first_name", "last_name")


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a child process that imports Screener from this checkout."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "SCREENER_KDF_FAST": "1"}
    env.update(extra)
    return env


def child_command(script: str, *args: str) -> list[str]:
    """`python children/<script>.py ARGS...` with this interpreter."""
    return [sys.executable, str(CHILDREN / f"{script}.py"), *args]


def clock() -> FixedClock:
    """The fixed clock the reliability tests run on."""
    return FixedClock.on(date(2026, 11, 25))


def copy_database(source: Path, target: Path) -> Path:
    """Copy a database and its keys file (not its -wal/-shm) into `target`'s folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    shutil.copyfile(keys_path_for(source), keys_path_for(target))
    return target


def new_database(path: Path) -> Path:
    """A fresh database with an admin and an intake worker, one client and one draft intake.

    The intake's id is kept in `<db>.intake` for the children."""
    services.create_database(path, ADMIN, ADMIN_PASSWORD, clock())
    with services.open_session(path, ADMIN, ADMIN_PASSWORD, clock()) as session:
        services.add_user(session, WORKER, "intake", WORKER_PASSWORD)
        client = services.create_client(session, ClientIdentity("Crash", "Test"))
        intake = services.start_intake(session, client.id, "intake", 1)
    path.with_name(path.name + ".intake").write_text(intake.id)
    return path


def intake_of(path: Path) -> str:
    """The intake id `new_database` made."""
    return path.with_name(path.name + ".intake").read_text().strip()


def raw_connection(path: Path, user: str = ADMIN, password: str = ADMIN_PASSWORD) -> Connection:
    """A plain SQLCipher connection with the database key (no Screener checks)."""
    key = unwrap_key(load_keys_file(keys_path_for(path)), user, password)
    conn = connect(path.resolve().as_uri() + "?mode=rw")
    conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
    return conn


def integrity_problems(path: Path, user: str = ADMIN,
                       password: str = ADMIN_PASSWORD) -> list[str]:
    """What `integrity_check` and `cipher_integrity_check` report (empty: healthy)."""
    conn = raw_connection(path, user, password)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        problems = [f"integrity_check: {r[0]}" for r in rows if r != ("ok",)]
        problems += [f"cipher_integrity_check: {r[0]}"
                     for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    except SqlError as exc:
        problems = [f"cannot read: {exc}"]
    finally:
        conn.close()
    return problems


def number(value: object) -> int:
    """The leading number of a saver child's answer value ("17 xxx" -> 17), else -1."""
    if isinstance(value, str) and value.split(" ", 1)[0].isdigit():
        return int(value.split(" ", 1)[0])
    return -1


def half_transaction_problems(conn: Connection, intake_id: str) -> list[str]:
    """Signs that only part of a transaction reached the disk.

    * the two fields the saver writes in one transaction hold different numbers;
    * an answer's history is not strictly increasing, or repeats the current value
      (history row written, answer not updated);
    * a change carries a sequence number beyond the one the sync clock recorded;
    * an identity answer and the client record disagree.
    """
    problems: list[str] = []
    rows = conn.execute(
        "SELECT id, field_id, value, seq FROM answers WHERE intake_id = ?", (intake_id,)
    ).fetchall()
    current = {field: json.loads(value) for _, field, value, _ in rows}
    pair = [number(current.get(f)) for f in PAIR]
    if pair[0] != pair[1]:
        problems.append(f"pair written apart: {PAIR[0]}={pair[0]} {PAIR[1]}={pair[1]}")
    clock_seq = conn.execute("SELECT seq FROM sync_clock WHERE id = 1").fetchone()[0]
    for answer_id, field, value, seq in rows:
        if seq > clock_seq:
            problems.append(f"{field}: seq {seq} beyond sync clock {clock_seq}")
        history = [number(json.loads(v)) for (v,) in conn.execute(
            "SELECT value FROM answer_history WHERE answer_id = ? ORDER BY id", (answer_id,))]
        chain = [*history, number(json.loads(value))]
        if any(a >= b for a, b in zip(chain, chain[1:], strict=False)):
            problems.append(f"{field}: history not increasing: {chain[-4:]}")
    client = conn.execute(
        "SELECT c.first_name, c.last_name FROM clients c JOIN intakes i ON i.client_id = c.id "
        "WHERE i.id = ?", (intake_id,)).fetchone()
    for field, stored in zip(PAIR, client, strict=True):
        if field in current and stored != current[field]:
            problems.append(f"client.{field} {stored!r} != answer {current[field]!r}")
    return problems


def audit_problems(path: Path) -> list[str]:
    """The audit log's hash chain, checked through Screener."""
    with services.open_session(path, ADMIN, ADMIN_PASSWORD, clock()) as session:
        report = services.verify_audit(session)
    return [f"audit: {p}" for p in report.problems]


def lost_answers(acknowledged: dict[str, int], stored: dict[str, object]) -> dict[str, int]:
    """Acknowledged answers (field -> number) whose stored number is lower."""
    return {f: n for f, n in acknowledged.items() if number(stored.get(f)) < n}


def stored_answers(path: Path, intake_id: str) -> dict[str, object]:
    """The current answer values of an intake, read through Screener."""
    with services.open_session(path, ADMIN, ADMIN_PASSWORD, clock()) as session:
        return dict(services.answer_values(session, intake_id))


def files_under(folders: Iterable[Path]) -> list[Path]:
    """Every regular file under the folders (which may not exist)."""
    found: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            found += [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sorted(found)

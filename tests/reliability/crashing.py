"""Crash a child that saves answers, then check what it left: shared by the SIGKILL and
power-loss tests.

`crash_loop` starts the saver child again and again (each time continuing the numbering),
lets it acknowledge a random number of saves, crashes it through `run`, and checks the
database after every crash: both integrity checks, no acknowledged answer lost, no half
transaction, the audit chain intact.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from tests.reliability.harness import (
    PAIR,
    audit_problems,
    child_command,
    child_env,
    half_transaction_problems,
    intake_of,
    integrity_problems,
    lost_answers,
    raw_connection,
    stored_answers,
)

#: Runs the saver command, acknowledging N saves, then crashes it after a delay; returns
#: the lines it printed.
Runner = Callable[[list[str], int, float], list[str]]


def parse_acks(lines: list[str]) -> dict[str, int]:
    """Acknowledged saves (field -> highest number) from the child's complete lines."""
    acked: dict[str, int] = {}
    for line in lines:
        if not line.endswith("\n") or not line.strip() or line.startswith("ready"):
            continue  # a line cut short by the kill was never acknowledged
        field, number = line.split()
        for name in PAIR if field == "pair" else (field,):
            acked[name] = max(acked.get(name, -1), int(number))
    return acked


def run_and_kill(command: list[str], acks: int, delay: float) -> list[str]:
    """Start the saver, let it acknowledge `acks` saves, wait `delay` s, SIGKILL it.

    `command` may run the saver under a tracer: the process killed is the one that printed
    `ready PID`. Returns every complete line it printed (acknowledged before the kill).
    """
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=child_env())
    assert proc.stdout is not None and proc.stderr is not None
    try:
        first = proc.stdout.readline()
        assert first.startswith("ready"), proc.stderr.read()
        lines = [first] + [proc.stdout.readline() for _ in range(acks)]
        time.sleep(delay)
        os.kill(int(first.split()[1]), signal.SIGKILL)
        proc.wait(timeout=60)
        lines += proc.stdout.read().splitlines(keepends=True)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode in (-signal.SIGKILL, 128 + signal.SIGKILL), proc.returncode
    return lines


def check_after_crash(db: Path, acknowledged: dict[str, int]) -> list[str]:
    """Everything that must hold after a crash: both integrity checks, no acknowledged
    answer lost, no half transaction, the audit chain intact."""
    problems = integrity_problems(db)
    if problems:
        return problems
    intake_id = intake_of(db)
    conn = raw_connection(db)
    try:
        problems += half_transaction_problems(conn, intake_id)
    finally:
        conn.close()
    lost = lost_answers(acknowledged, stored_answers(db, intake_id))
    problems += [f"lost acknowledged {field}={n}" for field, n in lost.items()]
    return problems + audit_problems(db)


def crash_loop(db: Path, kills: int, seed: int,
               run: Runner = run_and_kill,
               extra: tuple[str, ...] = ()) -> tuple[int, int, list[str]]:
    """`kills` rounds of save-and-kill on `db`; returns (kills, acknowledged saves, problems)."""
    rng = random.Random(seed)
    acknowledged: dict[str, int] = {}
    saves, first = 0, 1
    problems: list[str] = []
    for round_no in range(kills):
        command = child_command("saver", str(db), intake_of(db), str(first), *extra)
        lines = run(command, rng.choice([0, 1, 2, rng.randint(3, 60)]), rng.random() * 0.02)
        acked = parse_acks(lines)
        saves += sum(1 for line in lines if line.endswith("\n") and not line.startswith("ready"))
        for field, n in acked.items():
            acknowledged[field] = max(acknowledged.get(field, -1), n)
        # A save may have committed after its line was lost: never reuse its number.
        first = max([first, *acked.values()]) + 2
        problems += [f"kill {round_no + 1}: {p}" for p in check_after_crash(db, acknowledged)]
        if problems:
            break
    return kills, saves, problems

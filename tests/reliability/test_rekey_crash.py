"""SIGKILL during `screener db rekey` (issue 20): at every step of it, and at random moments.

Criterion: after every kill the admin and the intake worker sign in, both integrity checks
pass, every client is there, the audit log verifies, no half-made copy or pending key is
left, and a new rekey succeeds (short run: every step and 6 random kills; `--long`: 100).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from screener import services
from screener.store.keyslots import keys_path_for, load_keys_file
from tests.reliability.figures import scale
from tests.reliability.harness import (
    ADMIN,
    ADMIN_PASSWORD,
    WORKER,
    WORKER_PASSWORD,
    child_command,
    child_env,
    clock,
    copy_database,
    integrity_problems,
)

#: The rekey's file steps the child can die after (children/rekeyer.py).
STEPS = 4
CLIENTS = 40


def _with_clients(db: Path) -> set[str]:
    with services.open_session(db, ADMIN, ADMIN_PASSWORD, clock()) as session:
        for i in range(CLIENTS):
            services.create_client(session, services.ClientIdentity(f"Rekey{i}", "Test"))
        return _client_ids(session)


def _client_ids(session: services.Session) -> set[str]:
    return {row[0] for row in session.repos.db.conn.execute("SELECT id FROM clients")}


def _run(db: Path, *args: str, kill_after: float | None = None) -> int:
    proc = subprocess.Popen(child_command("rekeyer", str(db), *args), env=child_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.startswith("ready"), proc.communicate()[1]
    if kill_after is not None:
        time.sleep(kill_after)
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=120)
    return proc.returncode


def _problems(db: Path, clients: set[str]) -> list[str]:
    problems: list[str] = []
    with services.open_session(db, WORKER, WORKER_PASSWORD, clock()):
        pass  # the worker's slot opens whichever file is in place
    with services.open_session(db, ADMIN, ADMIN_PASSWORD, clock()) as session:
        found = _client_ids(session)
        if found != clients:
            problems.append(f"clients lost: {len(clients - found)}")
        report = services.verify_audit(session)
        problems += [p.message for p in report.problems]
    problems += integrity_problems(db)
    leftovers = [n for n in os.listdir(db.parent) if ".rekey" in n]
    if leftovers:
        problems.append(f"left behind: {leftovers}")
    if any(s.next_sealed_key for s in load_keys_file(keys_path_for(db)).slots):
        problems.append("a pending next key is left in the keys file")
    with services.open_session(db, ADMIN, ADMIN_PASSWORD, clock()) as session:
        services.rekey_database(session)
    return problems


def test_sigkill_at_every_step_of_a_rekey_leaves_a_database_that_opens(
        fresh_db: Path, figures: Callable[[str], None]) -> None:
    clients = _with_clients(fresh_db)
    template = fresh_db.with_name("template.db")
    copy_database(fresh_db, template)
    problems: list[str] = []
    for step in range(STEPS):
        db = copy_database(template, fresh_db.parent / f"step{step}" / "screener.db")
        assert _run(db, str(step)) == -signal.SIGKILL
        problems += [f"step {step}: {p}" for p in _problems(db, clients)]
    figures(f"SIGKILL after each of the {STEPS} steps of a rekey: {len(problems)} problems")
    assert problems == []


def test_sigkill_at_random_moments_of_a_rekey_leaves_a_database_that_opens(
        fresh_db: Path, figures: Callable[[str], None]) -> None:
    clients = _with_clients(fresh_db)
    template = fresh_db.with_name("template.db")
    copy_database(fresh_db, template)
    start = time.perf_counter()
    assert _run(copy_database(template, fresh_db.parent / "whole" / "screener.db")) == 0
    whole = time.perf_counter() - start
    rng = random.Random(20261206)
    kills = scale(6, 100)
    problems: list[str] = []
    for i in range(kills):
        db = copy_database(template, fresh_db.parent / f"kill{i}" / "screener.db")
        _run(db, kill_after=rng.uniform(0, whole))
        problems += [f"kill {i}: {p}" for p in _problems(db, clients)]
    figures(f"{kills} SIGKILLs at random moments of a rekey: {len(problems)} problems")
    assert problems == []

"""Syscall fault sweep: `strace -e inject=CALL:error=EIO|ENOSPC:when=N` at every N along a
save, an export and a password change (write, pwrite64, fsync, fdatasync, rename*, openat).

Criterion: never reports success after a failed write; every failure is a ScreenerError;
0 corrupt databases; no temporary file left; the person can always sign in again (with the
old or the new password). Short run: a random sample of the (call, error, N) cases;
`--long`: every one.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from screener import services
from screener.errors import ScreenerError, WrongPassword
from screener.store.keyslots import keys_path_for, load_keys_file
from screener.store.sync_repo import SyncRepo
from screener.sync import importing
from tests.reliability.children.fault_server import FAULTED_VALUE, NEW_PASSWORDS
from tests.reliability.faults import (
    ERRORS,
    FAULTED,
    FaultServer,
    Run,
    failed_write_in,
    operation_calls,
)
from tests.reliability.figures import is_long
from tests.reliability.harness import (
    ADMIN,
    WORKER,
    WORKER_PASSWORD,
    clock,
    integrity_problems,
    stored_answers,
)
from tests.reliability.powerloss import strace_works
from tests.reliability.scenarios import Templates, copy_db
from tests.unit.sync.world import PASSWORD as SYNC_PASSWORD

pytestmark = pytest.mark.skipif(not strace_works(), reason="strace cannot trace here (ptrace)")
SHORT_CASES = 16


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    fork_server = FaultServer()
    yield fork_server
    fork_server.close()


def place(op: str, templates: Templates, folder: Path) -> Path:
    """A fresh copy of the operation's database in an empty `folder`."""
    folder.mkdir(parents=True)
    source = templates.world / "field1.db" if op == "export" else templates.plain
    return copy_db(source, folder / "screener.db")


def checker_user(op: str) -> tuple[str, str]:
    """Who reads the database behind Screener's back to check it (not the one faulted)."""
    return ("fadmin", SYNC_PASSWORD) if op == "export" else (WORKER, WORKER_PASSWORD)


def effect_problems(op: str, db: Path, run: Run, templates: Templates,
                    verify_bundle: Callable[[Path], None]) -> list[str]:
    """The operation's result, read back: there when it succeeded, consistent when not."""
    if op == "save":
        stored = stored_answers(db, _intake_id(db))
        done = stored.get("race_ethnicity_detail") == FAULTED_VALUE
        return ["succeeded, but the answer is not stored"] if run.ok and not done else []
    if op == "password":
        load_keys_file(keys_path_for(db))  # KeysFileError if damaged
        works = [p for p in NEW_PASSWORDS if _signs_in(db, ADMIN, p)]
        if run.ok and works != [NEW_PASSWORDS[1]]:
            return [f"succeeded, but the passwords that work are {works}"]
        return [] if works else ["neither the old nor the new password signs in"]
    bundle = db.with_name("out.screener-bundle")
    if run.ok:
        try:
            verify_bundle(bundle)
        except ScreenerError as exc:
            return [f"succeeded, but the bundle does not verify: {exc}"]
    elif bundle.exists():
        return ["failed, but left a bundle"]
    return []


def _signs_in(db: Path, user: str, password: str) -> bool:
    try:
        services.open_session(db, user, password, clock()).close()
    except WrongPassword:
        return False
    return True


def _intake_id(db: Path) -> str:
    with services.open_session(db, WORKER, WORKER_PASSWORD, clock()) as session:
        client = services.find_clients(session, "Crash").clients[0]
        return services.intakes_of(session, client.id)[-1].id


def judge(op: str, db: Path, run: Run, templates: Templates,
          verify_bundle: Callable[[Path], None]) -> list[str]:
    """Every problem one faulted run left."""
    problems = []
    if not (run.ok or run.outcome.startswith("error ")):
        problems.append(f"not a clear outcome: {run.outcome[:160]}")
    if run.ok:
        problems += [f"reported success after a failed write: {line[:160]}"
                     for line in run.injected() if failed_write_in(line, db.parent)]
    problems += [f"left behind: {p.name}" for p in db.parent.iterdir() if p.name.endswith(".tmp")]
    problems += integrity_problems(db, *checker_user(op))
    if not problems:
        problems += effect_problems(op, db, run, templates, verify_bundle)
    return problems


@pytest.fixture(scope="module")
def office(templates: Templates, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[Callable[[Path], None]]:
    db = copy_db(templates.world / "office.db", tmp_path_factory.mktemp("office") / "office.db")
    with services.open_session(db, "olga", SYNC_PASSWORD, clock()) as session:
        identity = services.sync_identity(session)
        assert identity is not None
        yield lambda path: importing.verify(SyncRepo(session.repos.db), path, identity)


@pytest.mark.parametrize("op", ["save", "export", "password"])
def test_failed_writes_are_never_reported_as_success(
        op: str, templates: Templates, server: FaultServer, office: Callable[[Path], None],
        tmp_path: Path, figures: Callable[[str], None]) -> None:
    db = place(op, templates, tmp_path / "count")
    counting = server.run(op, db, ",".join(FAULTED), None)
    assert counting.ok, counting.outcome
    counts = operation_calls(counting.log)  # every call of the operation, data or not
    cases = [(call, error, n) for call, total in sorted(counts.items()) for error in ERRORS
             for n in range(1, total + 1)]
    chosen = cases if is_long() else random.Random(op).sample(cases, min(SHORT_CASES, len(cases)))
    start = time.perf_counter()
    problems: list[str] = []
    failed = 0
    for i, (call, error, n) in enumerate(chosen):
        db = place(op, templates, tmp_path / f"run{i}")
        run = server.run(op, db, call, f"{call}:error={error}:when={n}")
        failed += not run.ok
        problems += [f"{call}={error} at #{n}: {p}" for p in judge(op, db, run, templates, office)]
    per_call = ", ".join(f"{c} {n}" for c, n in sorted(counts.items()))
    figures(f"{op}: {len(chosen)} of {len(cases)} faulted runs ({per_call} calls × EIO/ENOSPC), "
            f"{failed} reported a failure, {len(chosen) - failed} succeeded, "
            f"{len(problems)} problems ({time.perf_counter() - start:.1f} s)")
    assert problems == []

"""Disk full: the data folder on a 1 MB tmpfs, filled to every level, for save, export,
import, packet and migration.

Criterion: every operation either succeeds or raises a ScreenerError that says the disk is
full; 0 corrupt databases; 0 half-written bundles or PDFs or temporary files left; the app
signs in again every time (once space is freed; while the disk is still full, signing in
either works or says why). Free space from 0 in steps of 16 KiB (`--long`: 4 KiB, a tmpfs
page) until the operation succeeds twice.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from screener import services
from screener.errors import ScreenerError
from screener.store.keyslots import backup_path_for, keys_path_for
from screener.store.sync_repo import SyncRepo
from screener.sync import importing
from tests.reliability.figures import is_long
from tests.reliability.harness import clock, integrity_problems
from tests.reliability.scenarios import SCENARIOS, Scenario, Templates, copy_db
from tests.reliability.smalldisk import FILLER, PAGE, empty, fill, mounting_refused, small_disk
from tests.unit.sync.world import PASSWORD as SYNC_PASSWORD

CLEAR_WORDS = ("full", "space")


@dataclass
class Tally:
    """What happened over all fill levels of one operation."""

    levels: int = 0
    succeeded: int = 0
    refused: int = 0
    problems: list[str] = field(default_factory=list)
    messages: set[str] = field(default_factory=set)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    why = mounting_refused(str(tmp_path))
    if why is not None:
        pytest.skip(f"no small disk: {why}")
    with small_disk(tmp_path / "small") as mounted:
        yield mounted


@pytest.fixture
def office_checker(templates: Templates, tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """Verifies a bundle as the office would before importing it (BundleError if bad)."""
    db = copy_db(templates.world / "office.db", tmp_path / "office.db")
    with services.open_session(db, "olga", SYNC_PASSWORD, clock()) as office:
        identity = services.sync_identity(office)
        assert identity is not None

        def check(path: Path) -> None:
            importing.verify(SyncRepo(office.repos.db), path, identity)

        yield check


def levels() -> Iterator[int]:
    """Free space to leave, smallest first."""
    yield 0
    free = PAGE
    while True:
        yield free
        free += PAGE if is_long() else 4 * PAGE


def expected_files(scenario: Scenario, db: Path) -> set[str]:
    names = {db.name, f"{db.name}-wal", f"{db.name}-shm", keys_path_for(db).name,
             backup_path_for(keys_path_for(db)).name, FILLER}
    return names | ({scenario.target} if scenario.target else set())


def check_target(scenario: Scenario, path: Path, ok: bool,
                 verify_bundle: Callable[[Path], None]) -> list[str]:
    """The file the operation writes: complete when it succeeded, absent when it failed."""
    if scenario.target is None:
        return []
    if not path.exists():
        return [] if not ok else [f"succeeded but {path.name} is missing"]
    if not ok:
        return [f"failed but left {path.name}"]
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return [] if data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF") else [
            "the PDF is incomplete"]
    try:
        verify_bundle(path)
    except ScreenerError as exc:
        return [f"the bundle does not verify: {exc}"]
    return []


def attempt(scenario: Scenario, folder: Path, free: int,
            verify_bundle: Callable[[Path], None]) -> tuple[bool, str, list[str]]:
    """Run the operation with `free` bytes left; (succeeded, error message, problems)."""
    empty(folder)
    db = scenario.place(folder)
    session = scenario.open(db) if scenario.signs_in_first else None
    fill(folder, free)
    ok, message, problems = False, "", []
    try:
        scenario.run(session, db)
        ok = True
    except ScreenerError as exc:
        message = str(exc)
        if not any(word in message.lower() for word in CLEAR_WORDS):
            problems.append(f"unclear error: {message}")
    except Exception as exc:  # noqa: BLE001 - anything else is the failure being counted
        problems.append(f"raw {type(exc).__name__}: {exc}")
    finally:
        if session is not None:
            session.close()
    leftovers = sorted(p.name for p in folder.iterdir() if p.name not in expected_files(scenario, db))
    problems += [f"left behind: {name}" for name in leftovers]
    if scenario.target:
        problems += check_target(scenario, folder / scenario.target, ok, verify_bundle)
    with contextlib.suppress(ScreenerError):  # still full: may sign in, or say why not
        scenario.open(db).close()
    (folder / FILLER).unlink()
    problems += integrity_problems(db, scenario.user, scenario.password)
    effect = scenario.effect(db)
    if effect is None:
        problems.append("half done")
    elif ok and not effect:
        problems.append("succeeded, but the database says otherwise")
    elif effect and not ok and scenario.all_or_nothing:
        problems.append("failed, yet the change is there")
    try:
        scenario.open(db).close()
    except ScreenerError as exc:
        problems.append(f"does not sign in again: {exc}")
    return ok, message, problems


@pytest.mark.parametrize("scenario_type", SCENARIOS, ids=lambda s: s.name)
def test_full_disk_fails_cleanly(scenario_type: type[Scenario], templates: Templates,
                                 disk: Path, office_checker: Callable[[Path], None],
                                 figures: Callable[[str], None]) -> None:
    scenario = scenario_type(templates)
    tally = Tally()
    start = time.perf_counter()
    streak = 0
    for free in levels():
        ok, message, problems = attempt(scenario, disk, free, office_checker)
        tally.levels += 1
        tally.succeeded += ok
        tally.refused += not ok
        tally.messages.add(message.split(":")[0][:60]) if message else None
        tally.problems += [f"{free // 1024} KiB free: {p}" for p in problems]
        streak = streak + 1 if ok else 0
        if streak == 2 or free > (1 << 20):
            break
    figures(f"{scenario.name}: {tally.levels} fill levels, {tally.succeeded} succeeded, "
            f"{tally.refused} refused with a clear error, {len(tally.problems)} problems "
            f"({time.perf_counter() - start:.1f} s)")
    assert tally.problems == []
    assert tally.refused > 0 and tally.succeeded > 0

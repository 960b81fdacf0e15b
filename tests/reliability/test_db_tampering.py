"""Database tampering: single-bit flips anywhere in the file and truncations.

Criterion: 100 % detected on open, on read, or by the database check (every page's HMAC);
0 silent wrong values (whatever was read without an error equals the original); 0 hangs
over 5 s; the file is never replaced by an empty or unencrypted one, and a file refused at
open is left untouched. Short run: 200 flips, 20 truncations; `--long`: 1,000 and 100.
"""

from __future__ import annotations

import collections
import json
import random
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from screener import errors, services
from tests.reliability.figures import scale
from tests.reliability.harness import ADMIN, ADMIN_PASSWORD, child_command, child_env, clock
from tests.reliability.scenarios import BIG_ANSWER, Templates, copy_db

PAGE = 4096
RESERVE = 80  # SQLCipher 4 keeps a 16-byte IV and a 64-byte HMAC at the end of every page


def _declared() -> set[str]:
    """The error names a person may be shown: ScreenerError and every subclass."""
    found, todo = set(), [errors.ScreenerError]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo += cls.__subclasses__()
    return found | {"DatabaseCheck"}  # the check's own "damaged" verdict


@pytest.fixture(scope="module")
def original(templates: Templates, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a completed intake, its screening, and an answer long enough to
    spread over overflow pages; closed cleanly (no WAL)."""
    db = copy_db(templates.plain, tmp_path_factory.mktemp("tamper") / "screener.db")
    with services.open_session(db, ADMIN, ADMIN_PASSWORD, clock()) as session:
        client = services.find_clients(session, "Rosa").clients[0]
        intake = services.intakes_of(session, client.id)[-1]
        services.save_answer(session, intake.id, "race_ethnicity_detail", BIG_ANSWER,
                             reason="tamper test")
    return db


def cases(size: int, flips: int, truncations: int, rng: random.Random) -> Iterator[dict[str, object]]:
    """Flips at random places and at the places that matter most (the salt, the first and
    last byte of pages, the IV and HMAC), and truncations (to 0, inside the first page, at
    and around page boundaries, anywhere)."""
    pages = size // PAGE
    special = [0, 15, 16, size - 1]
    for _ in range(flips // 4):
        page = rng.randrange(pages)
        special += [page * PAGE, page * PAGE + PAGE - 1, page * PAGE + PAGE - RESERVE,
                    page * PAGE + PAGE - 64]
    offsets = special[:flips // 2]
    offsets += [rng.randrange(size) for _ in range(flips - len(offsets))]
    for offset in offsets:
        yield {"flip": [offset, rng.randrange(8)]}
    sizes = [0, 1, 16, PAGE - 1, PAGE, PAGE + 1, size - PAGE, size - 1]
    while len(sizes) < truncations:
        page = rng.randrange(1, pages)
        sizes.append(rng.choice([page * PAGE, page * PAGE - 1, rng.randrange(size)]))
    for cut in sizes[:truncations]:
        yield {"truncate": cut}


def run_cases(original: Path, work: Path, batch: list[dict[str, object]]) -> tuple[int, list[dict[str, object]]]:
    """Run the cases in the child; (its exit code, its results)."""
    lines = "".join(json.dumps(c) + "\n" for c in batch)
    done = subprocess.run(child_command("tamper_db", str(original), str(work)), input=lines,
                          capture_output=True, text=True, env=child_env(), timeout=3600)
    return done.returncode, [json.loads(line) for line in done.stdout.splitlines()]


def test_every_tampered_database_is_detected_and_kept(
        original: Path, tmp_path: Path, figures: Callable[[str], None]) -> None:
    size = original.stat().st_size
    batch = list(cases(size, scale(200, 1000), scale(20, 100), random.Random(20261125)))
    code, baseline = run_cases(original, tmp_path / "work", [{"truncate": size}])
    assert code == 0 and baseline[0]["stage"] == "none", baseline
    truth = baseline[0]["digest"]
    code, results = run_cases(original, tmp_path / "work", batch)
    assert code == 0 and len(results) == len(batch), "a case hung (over 5 s) or crashed"
    declared = _declared()
    problems = []
    for r in results:
        if r["stage"] == "none":
            problems.append(f"undetected: {r['case']}")
        if r["error"] and r["error"] not in declared:
            problems.append(f"undeclared error {r['error']}: {r['case']}")
        if r["digest"] and r["digest"] != truth:
            problems.append(f"silent wrong values: {r['case']}")
        if r["file"] == "replaced" or (r["stage"] == "open" and r["file"] != "untouched"):
            problems.append(f"file {r['file']} after {r['stage']}: {r['case']}")
    by_stage = collections.Counter(
        ("flip" if "flip" in r["case"] else "truncation", r["stage"]) for r in results)
    slowest = max(float(r["seconds"]) for r in results)
    figures(f"{sum(n for (k, _), n in by_stage.items() if k == 'flip')} flips, "
            f"{sum(n for (k, _), n in by_stage.items() if k == 'truncation')} truncations; "
            f"detected at " + ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(by_stage.items()))
            + f"; {len(problems)} problems; slowest case {slowest:.2f} s (db {size // 1024} KiB)")
    assert problems == []
    assert slowest < 5.0

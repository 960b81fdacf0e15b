"""SIGKILL at a random moment while a child process saves answers and acknowledges each
commit.

Criterion: 0 databases fail `integrity_check` or `cipher_integrity_check`, 0 acknowledged
answers lost, 0 half transactions (short run: 8 kills; `--long`: 500). This replaces the
store's first crash test (20 kills, tests/unit/store/test_crash_safety.py): the same child,
extended with transactions of two answers, and checks for half transactions and the audit
chain after every kill.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tests.reliability.crashing import crash_loop
from tests.reliability.figures import scale


def test_sigkill_during_saves_loses_nothing_acknowledged(
        fresh_db: Path, figures: Callable[[str], None]) -> None:
    kills = scale(8, 500)
    start = time.perf_counter()
    done, saves, problems = crash_loop(fresh_db, kills, seed=20261125)
    figures(f"{done} SIGKILLs, {saves} acknowledged saves: {len(problems)} problems "
            f"(corrupt/lost/half) in {time.perf_counter() - start:.0f} s")
    assert problems == []
    assert saves > kills // 2

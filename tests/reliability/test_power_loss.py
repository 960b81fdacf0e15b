"""Power loss: the saver child is killed and everything it wrote but did not fsync is
dropped (strace records every write and fsync; `powerloss.Disk` rebuilds the disk).

Criterion: 0 corrupt databases, 0 acknowledged answers lost (short run: a few; `--long`:
200, half of them in "torn" mode where a random part of the unsynced data survives).

The store runs WAL with `synchronous=FULL`: each commit fsyncs the WAL before it returns,
so an acknowledged answer is on disk. `test_synchronous_normal_would_lose_answers` shows the
harness catching the loss that NORMAL (fsync only at checkpoints) would cause.
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reliability.crashing import crash_loop, run_and_kill
from tests.reliability.figures import scale
from tests.reliability.powerloss import Disk, strace_command, strace_works

pytestmark = pytest.mark.skipif(not strace_works(), reason="strace cannot trace here (ptrace)")


class PowerCut:
    """A `crashing.Runner`: runs the saver under strace, kills it, and leaves the data
    folder as a power loss at that moment would."""

    def __init__(self, db: Path, torn_every: int, seed: int) -> None:
        self.folder = db.parent
        self.torn_every = torn_every
        self.rng = random.Random(seed)
        self.runs = 0
        self.syscalls = 0
        self.unsynced_bytes = 0

    def __call__(self, command: list[str], acks: int, delay: float) -> list[str]:
        disk = Disk(self.folder)
        log = self.folder.parent / "strace.log"
        lines = run_and_kill(strace_command(log, command), acks, delay)
        disk.replay(log, Path.cwd())
        if disk.syscalls == 0:  # the model saw nothing: it would "lose" everything
            head = log.read_text(errors="replace")[:2000] if log.exists() else "(no log)"
            raise AssertionError(f"strace recorded no calls; its log begins: {head}")
        self.runs += 1
        torn = self.torn_every > 0 and self.runs % self.torn_every == 0
        image = self.folder.parent / "after-power-loss"
        lost = disk.crash_image(image, self.rng if torn else None)
        self.syscalls += disk.syscalls
        self.unsynced_bytes += sum(lost.values())
        shutil.rmtree(self.folder)
        image.rename(self.folder)
        log.unlink()
        return lines


def test_power_loss_keeps_every_acknowledged_answer(
        fresh_db: Path, figures: Callable[[str], None]) -> None:
    runs = scale(4, 200)
    cut = PowerCut(fresh_db, torn_every=2, seed=7)
    start = time.perf_counter()
    done, saves, problems = crash_loop(fresh_db, runs, seed=11, run=cut)
    figures(f"{done} power losses ({done // 2} torn), {saves} acknowledged saves, "
            f"{cut.unsynced_bytes:,} unsynced bytes dropped, {cut.syscalls:,} calls replayed: "
            f"{len(problems)} problems in {time.perf_counter() - start:.0f} s "
            "(synchronous=FULL)")
    assert problems == []
    assert cut.unsynced_bytes > 0 or saves == 0  # the model did drop something


def test_synchronous_normal_would_lose_answers(
        fresh_db: Path, figures: Callable[[str], None]) -> None:
    cut = PowerCut(fresh_db, torn_every=0, seed=3)
    _, saves, problems = crash_loop(fresh_db, 3, seed=5, run=cut,
                                    extra=("--synchronous", "normal"))
    figures(f"negative control, synchronous=NORMAL: {saves} acknowledged saves, "
            f"first problem: {problems[:1]}")
    assert cut.syscalls > 0
    assert any("lost acknowledged" in p for p in problems)


def test_log_lines_of_short_process_ids_are_read() -> None:
    """strace pads the process id to five columns: pids under 10000 get two spaces."""
    from tests.reliability.powerloss import _LINE, _joined

    for pid in ("8457  ", "18457 "):
        line = f'{pid}fsync(3<\\x2f\\x74>) = 0'
        assert _LINE.match(line) is not None
        assert _joined([f"{pid}write(3<\\x2f>, \"\\x61\", 1 <unfinished ...>",
                        f"{pid}<... write resumed>) = 1"]) == [f'{pid.strip()} write(3<\\x2f>, "\\x61", 1) = 1']

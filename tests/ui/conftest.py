"""pytest-qt set-up: every UI test fails if it leaves a QThread running or a QTimer active
(napari's conftest does the same), or an operation from `run_op` unfinished."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _no_dangling_threads_or_timers(qapp: object) -> Iterator[None]:
    from PySide6.QtCore import QThread, QTimer

    from screener.ui import tasks

    before = {id(o) for o in gc.get_objects() if isinstance(o, QTimer | QThread)}
    yield
    leftover_ops = tasks.running_ops()
    tasks.wait_all(5_000)
    gc.collect()
    dangling = []
    for obj in gc.get_objects():
        try:
            if isinstance(obj, QThread) and id(obj) not in before and obj.isRunning():
                dangling.append(f"QThread {obj!r}")
            elif isinstance(obj, QTimer) and id(obj) not in before and obj.isActive():
                dangling.append(f"QTimer {obj!r} (interval {obj.interval()} ms)")
        except RuntimeError:  # C++ object already deleted: not dangling
            continue
    assert not leftover_ops, f"operations still running after the test: {leftover_ops}"
    assert not dangling, "test left running: " + ", ".join(dangling)

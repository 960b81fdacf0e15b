"""What the screenshot scripts share: the timer that drives them and taking a picture.

A script is a generator that yields a condition to wait for (an unlock, a search or a
screening finishing) before its next step runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from screener.ui import tasks
from screener.ui.mnemonics import note_clashes

Condition = Callable[[], bool]
Script = Generator[Condition, None, None]


def use_offscreen() -> None:
    """Draw offscreen unless QT_QPA_PLATFORM says otherwise (before the QApplication exists)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class Driver(QObject):
    """Runs a generator script, waiting for each yielded condition; quits the app at the end."""

    def __init__(self, app: QApplication, script: Script, timeout_s: float = 60) -> None:
        super().__init__()
        self._app = app
        self._script = script
        self._waiting: Condition = lambda: True
        self._ticks_left = int(timeout_s * 20)
        self.failed: str | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        self._ticks_left -= 1
        if self._ticks_left < 0:
            self._stop("timed out waiting for the app")
            return
        if not self._waiting():
            return
        try:
            self._waiting = next(self._script)
        except StopIteration:
            self._stop(None)

    def _stop(self, failure: str | None) -> None:
        self.failed = failure
        self._timer.stop()
        self._app.quit()


def shot(widget: QWidget, out: Path, name: str) -> Path:
    """Save `widget` as OUT/NAME.png and print the path."""
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    note_clashes(name, widget)  # Alt+letter keys two controls share: reported, and fail
    print(path)
    return path


def idle() -> Condition:
    """Wait until no background operation is running."""
    return lambda: not tasks.running_ops()

"""Auto-lock after a number of idle minutes (DESIGN §6).

An application-wide event filter notes every key press, click, wheel turn and mouse move; a
timer checks four times a second whether the idle limit has passed and then emits `idle`:
the lock must be complete within 1 s of the limit, and checking once a second left no room
for the locking itself. The clock is injectable so tests can fake an hour passing in a
millisecond.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

#: How often the idle time is checked (a cheap comparison).
IDLE_CHECK_MS = 250

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    """Emits `idle` once after `minutes` without user input; `reset()` re-arms it."""

    idle = Signal()

    def __init__(
        self,
        minutes: float,
        parent: QObject | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        check_ms: int = IDLE_CHECK_MS,
    ) -> None:
        super().__init__(parent)
        self._monotonic = monotonic
        self._limit = minutes * 60.0
        self._last = monotonic()
        self._fired = False
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self.reset()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def set_minutes(self, minutes: float) -> None:
        self._limit = minutes * 60.0

    def reset(self) -> None:
        self._last = self._monotonic()
        self._fired = False

    def check(self) -> None:
        if not self._fired and self._monotonic() - self._last >= self._limit:
            self._fired = True
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last = self._monotonic()
        return False

"""Driving the real desktop app offscreen for the GUI benchmarks (no pytest-qt needed).

Waiting is done with a QEventLoop and a timer that re-checks a condition every millisecond,
so background operations (`run_op`) deliver their results as they do in the app.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from screener import services
from screener.clock import SystemClock


def application() -> QApplication:
    """The QApplication of the benchmark (offscreen: QT_QPA_PLATFORM is set by the runner)."""
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else QApplication([])


def wait_until(condition: Callable[[], bool], timeout_s: float = 60.0) -> float:
    """Run the event loop until `condition()` is true; the seconds it took."""
    start = time.perf_counter()
    if condition():
        return 0.0
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(1)

    def check() -> None:
        if condition() or time.perf_counter() - start > timeout_s:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if not condition():
        raise TimeoutError("the app did not get there in time")
    return time.perf_counter() - start


def main_window(db: Path, user: str, password: str) -> Any:
    """A signed-in MainWindow on `db`, shown (offscreen)."""
    from screener.ui.clipboard import SafeClipboard
    from screener.ui.main_window import MainWindow

    app = application()
    session = services.open_session(db, user, password, SystemClock())
    window = MainWindow(session, SafeClipboard(app), data_location=db)
    window.show()
    return window

"""run_op, the idle watcher and the clipboard guard."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from screener.errors import StoreError
from screener.progress import Progress
from screener.ui.clipboard import HINT_MIME, SafeClipboard
from screener.ui.idle import IdleWatcher
from screener.ui.tasks import run_op


def test_run_op_delivers_result_on_gui_thread(qtbot: Any) -> None:
    import threading

    seen: dict[str, Any] = {}

    def work(progress: Progress) -> int:
        seen["worker"] = threading.current_thread()
        progress.step(1, 2, "half")
        return 42

    with qtbot.waitSignal(run_op(None, work, lambda r: seen.setdefault("result", r)).done, timeout=5000):
        pass
    assert seen["result"] == 42
    assert seen["worker"] is not threading.main_thread()


def test_run_op_failure_goes_to_handler(qtbot: Any) -> None:
    errors: list[BaseException] = []

    def work(progress: Progress) -> None:
        raise StoreError("disk full")

    op = run_op(None, work, on_failure=errors.append)
    with qtbot.waitSignal(op.done, timeout=5000):
        pass
    assert [str(e) for e in errors] == ["disk full"]


def test_run_op_can_be_cancelled(qtbot: Any) -> None:
    import time

    from screener.progress import Cancelled

    errors: list[BaseException] = []

    def work(progress: Progress) -> None:
        for i in range(1000):
            progress.step(i, 1000)
            time.sleep(0.005)

    op = run_op(None, work, on_failure=errors.append, cancellable=True)
    op.cancel()
    with qtbot.waitSignal(op.done, timeout=5000):
        pass
    assert len(errors) == 1 and isinstance(errors[0], Cancelled)


def test_idle_watcher_fires_after_limit_and_input_resets_it(qtbot: Any) -> None:
    now = [1000.0]
    widget = QWidget()
    qtbot.addWidget(widget)
    watcher = IdleWatcher(minutes=10, monotonic=lambda: now[0], check_ms=10)
    QApplication.instance().installEventFilter(watcher)  # type: ignore[union-attr]
    fired: list[bool] = []
    watcher.idle.connect(lambda: fired.append(True))
    watcher.start()
    try:
        now[0] += 9 * 60
        watcher.check()
        assert not fired
        # a click counts as activity
        event = QMouseEvent(
            QEvent.Type.MouseButtonPress, QPointF(1, 1), QPointF(1, 1),
            Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(widget, event)
        now[0] += 9 * 60
        watcher.check()
        assert not fired
        now[0] += 61
        qtbot.waitUntil(lambda: bool(fired), timeout=1000)
        assert fired == [True]
    finally:
        watcher.stop()
        QApplication.instance().removeEventFilter(watcher)  # type: ignore[union-attr]


@pytest.mark.parametrize("changed_since", [False, True])
def test_clipboard_cleared_only_if_still_ours(qtbot: Any, changed_since: bool) -> None:
    board = QGuiApplication.clipboard()
    guard = SafeClipboard(clear_after_ms=20)
    guard.copy("555-0100")
    assert board.mimeData().hasFormat(HINT_MIME)
    if changed_since:
        board.setText("something the person copied")
    qtbot.wait(60)
    assert board.text() == ("something the person copied" if changed_since else "")

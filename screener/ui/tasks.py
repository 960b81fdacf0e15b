"""The one way the desktop app runs work off the GUI thread (STYLE: Anki's CollectionOp).

`run_op(parent, fn, on_success=...)` runs `fn(progress)` on a worker thread. `fn` is plain
Python: it never touches widgets; it may call `progress.step(done, total, label)`. When it
finishes, `on_success(result)` or `on_failure(error)` runs on the GUI thread. A progress
dialog appears when the operation takes longer than a moment, with a Cancel button where
`cancellable=True` (never, with `show_after_ms=None`: work the person did not ask for by a
click, such as search as you type). The dialog never takes the keyboard: it shows without
activating, and when it closes the focus is back where it was. If `parent` is destroyed before the op ends (the app locked), neither
handler runs. Errors that are ScreenerError become one message box; anything else is
reported without its values (no locals, no personal data).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from screener.errors import ScreenerError
from screener.progress import Cancelled, Progress
from screener.services import driver_failure

log = logging.getLogger(__name__)

#: Operations still running; tests assert this is empty when they end.
_RUNNING: set[Op] = set()
#: How many operations run at once (each thread holds one database connection per session).
WORKER_THREADS = 4
_POOL: ThreadPoolExecutor | None = None


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class _QtProgress(Progress):
    def __init__(self, signals: _Signals) -> None:
        super().__init__()
        self._signals = signals

    def report(self, done: int, total: int | None, label: str) -> None:
        self._signals.progressed.emit(done, total if total is not None else 0, label)


class _Job:
    """`fn(progress)` on a worker thread; `ended` is set once it has returned or raised."""

    def __init__(self, fn: Callable[[Progress], Any], progress: Progress, signals: _Signals) -> None:
        self._fn = fn
        self._progress = progress
        self._signals = signals
        self.ended = threading.Event()

    def run(self) -> None:
        try:
            result = self._fn(self._progress)
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            self.ended.set()
            self._signals.failed.emit(exc)
        else:
            self.ended.set()
            self._signals.finished.emit(result)


def _pool() -> ThreadPoolExecutor:
    """The worker threads of the app, created on first use and kept for its lifetime.

    A few long-lived Python threads instead of one thread per operation: the store opens one
    SQLCipher connection per thread (a `threading.local`) and keeps it until the session
    locks, so a thread per operation (a search per keystroke) would pile up connections and
    file handles. (Qt's own pool threads would not do: Python gives a foreign thread a fresh
    thread state, and so a fresh `threading.local`, on every call.)
    """
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=WORKER_THREADS, thread_name_prefix="screener-op")
    return _POOL


class Op(QObject):
    """A running operation. Keep no reference: it removes itself when done."""

    done = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        fn: Callable[[Progress], Any],
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        label: str,
        cancellable: bool,
        show_after_ms: int | None,
    ) -> None:
        # Not a Qt child of `parent`: the page may be destroyed (the app locked) while the
        # worker still runs, and the op must still finish and leave `running_ops()`.
        super().__init__()
        self._parent = parent
        self._on_success = on_success
        self._on_failure = on_failure
        self.signals = _Signals()
        self.progress = _QtProgress(self.signals)
        self._dialog: QProgressDialog | None = None
        self._focus_before: QWidget | None = None
        self._label = label
        self._cancellable = cancellable
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_dialog)
        self._last: tuple[int, int, str] = (0, 0, label)
        self.signals.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.signals.finished.connect(self._finish_ok, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._finish_error, Qt.ConnectionType.QueuedConnection)
        self._job = _Job(fn, self.progress, self.signals)
        _RUNNING.add(self)
        if show_after_ms is not None:
            self._show_timer.start(show_after_ms)
        _pool().submit(self._job.run)

    def cancel(self) -> None:
        self.progress.cancel()

    def wait(self, ms: int = 30_000) -> bool:
        """Block until the worker thread ends (tests and shutdown only)."""
        return self._job.ended.wait(ms / 1000)

    def _parent_alive(self) -> bool:
        return self._parent is not None and shiboken6.isValid(self._parent)

    def _show_dialog(self) -> None:
        if not self._parent_alive():
            return
        dialog = QProgressDialog(self._label, self.tr("Cancel") if self._cancellable else "", 0, 0, self._parent)
        dialog.setWindowTitle(self.tr("Working…"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not self._cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(self.cancel)
        dialog.setAccessibleName(self._label)
        dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        dialog.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._focus_before = QApplication.focusWidget()
        self._dialog = dialog
        self._on_progress(*self._last)
        dialog.show()

    def _on_progress(self, done: int, total: int, label: str) -> None:
        self._last = (done, total, label)
        if self._dialog is not None:
            self._dialog.setMaximum(total)
            self._dialog.setValue(min(done, total) if total else 0)
            if label:
                self._dialog.setLabelText(label)

    def _cleanup(self) -> None:
        self._show_timer.stop()
        self._job.ended.wait()
        if self._dialog is not None:
            if shiboken6.isValid(self._dialog):
                self._dialog.close()
                self._dialog.deleteLater()
            self._dialog = None
            self._restore_focus()
        _RUNNING.discard(self)
        self.done.emit()
        self.deleteLater()

    def _restore_focus(self) -> None:
        """Give the keyboard back to the widget that had it before the dialog showed."""
        before, self._focus_before = self._focus_before, None
        if before is None or not shiboken6.isValid(before) or not before.isVisible():
            return
        current = QApplication.focusWidget()
        if current is None or current is before or not current.isVisible():
            before.activateWindow()
            before.setFocus(Qt.FocusReason.OtherFocusReason)

    def _orphaned(self) -> bool:
        """The widget that started the op is gone: its screen no longer wants the result."""
        return self._parent is not None and not shiboken6.isValid(self._parent)

    def _finish_ok(self, result: object) -> None:
        self._cleanup()
        if self._orphaned():
            return
        if self._on_success is not None:
            self._on_success(result)

    def _finish_error(self, error: BaseException) -> None:
        self._cleanup()
        if self._orphaned():
            return
        if self._on_failure is not None:
            self._on_failure(error)
            return
        if isinstance(error, Cancelled):
            return
        show_error(self._parent, error)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """One message box for a failure. Unexpected errors show their type only, never values."""
    error = driver_failure(error) or error  # a damaged database says so, not "DatabaseError"
    if isinstance(error, ScreenerError):
        text = str(error)
    else:
        log.error("unexpected error in background operation: %s", type(error).__name__)
        text = QCoreApplication.translate(
            "tasks", "Something went wrong ({name}). Nothing you saved was lost."
        ).format(name=type(error).__name__)
    QMessageBox.warning(parent, QCoreApplication.translate("tasks", "Screener"), text)


def run_op(
    parent: QWidget | None,
    fn: Callable[[Progress], Any],
    on_success: Callable[[Any], None] | None = None,
    *,
    on_failure: Callable[[BaseException], None] | None = None,
    label: str = "",
    cancellable: bool = False,
    show_after_ms: int | None = 300,
) -> Op:
    """Run `fn(progress)` off the GUI thread; see the module docstring."""
    return Op(parent, fn, on_success, on_failure, label, cancellable, show_after_ms)


def running_ops() -> frozenset[Op]:
    return frozenset(_RUNNING)


def wait_all(ms: int = 30_000) -> None:
    """Wait for every running operation's thread (shutdown)."""
    for op in list(_RUNNING):
        op.cancel()
        op.wait(ms)

"""The crash dialog: an unexpected error escaping a Qt handler is reported in a dialog that
names only its type (`screener.hardening` writes the one-line report without values).

PySide hands an exception raised in a slot, an event handler or a timer callback to
`sys.excepthook` and carries on; without this the person would see nothing and stderr would
get Python's default report, which includes the exception's message.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from screener.hardening import install_crash_reports


class CrashDialogs(QObject):
    """Shows one dialog per unexpected error, on the GUI thread, never with values."""

    reported = Signal(str)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.count = 0
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def listen(self, line: str) -> None:
        """Called for every report (from any thread)."""
        del line  # the dialog names the type only; the report line is on stderr
        self.reported.emit(threading.current_thread().name)

    def _show(self, _thread: str) -> None:
        self.count += 1
        text = QCoreApplication.translate(
            "crash", "Something went wrong inside Screener. Nothing you saved was lost; if it "
            "happens again, tell your administrator what you were doing.")
        box = QMessageBox(QMessageBox.Icon.Warning,
                          QCoreApplication.translate("crash", "Screener"), text,
                          QMessageBox.StandardButton.Ok, QApplication.activeWindow())
        box.setObjectName("crash_dialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()


def install_crash_dialogs(app: QApplication) -> CrashDialogs:
    """Report unexpected errors without values, and show the crash dialog for each."""
    dialogs = CrashDialogs(app)
    install_crash_reports(dialogs.listen)
    return dialogs

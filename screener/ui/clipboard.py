"""Copying personal data safely (DESIGN §6).

Copies carry the `x-kde-passwordManagerHint` MIME type so clipboard managers do not keep
them, and are cleared after a timeout, on lock and on quit — but only if the clipboard still
holds what we put there (never wipe something the person copied since).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

HINT_MIME = "x-kde-passwordManagerHint"


class SafeClipboard(QObject):
    def __init__(self, parent: QObject | None = None, clear_after_ms: int = 30_000) -> None:
        super().__init__(parent)
        self._ours: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear)

    @staticmethod
    def _board() -> QClipboard:
        board = QGuiApplication.clipboard()
        assert board is not None
        return board

    def copy(self, text: str) -> None:
        data = QMimeData()
        data.setText(text)
        data.setData(HINT_MIME, b"secret")
        self._board().setMimeData(data)
        self._ours = text
        self._timer.start()

    def clear(self) -> None:
        """Clear the clipboard if it still holds our copy."""
        self._timer.stop()
        if self._ours is not None and self._board().text() == self._ours:
            self._board().clear()
        self._ours = None

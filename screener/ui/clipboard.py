"""Copying personal data safely (DESIGN §6).

Copies carry the `x-kde-passwordManagerHint` MIME type so clipboard managers do not keep
them, and are cleared after a timeout, on lock and on quit — but only if the clipboard still
holds what we put there (never wipe something the person copied since).

That holds for every copy made in the app, not only `copy()`: a person selecting a phone
number in a field and pressing Ctrl+C (or Ctrl+X) copies through Qt's own widgets, which set
plain text. The guard watches the application's key presses and the clipboard, and marks
and times such a copy as its own. (Where the platform reports clipboard ownership, a copy
from a context menu is caught the same way.)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent, QKeySequence

HINT_MIME = "x-kde-passwordManagerHint"
_COPY_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut)


class SafeClipboard(QObject):
    def __init__(self, parent: QObject | None = None, clear_after_ms: int = 30_000) -> None:
        super().__init__(parent)
        self._ours: str | None = None
        self._copy_requested = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear)
        self._board().dataChanged.connect(self._changed)
        self._watching = True

    @staticmethod
    def _board() -> QClipboard:
        board = QGuiApplication.clipboard()
        assert board is not None
        return board

    def copy(self, text: str) -> None:
        data = QMimeData()
        data.setText(text)
        data.setData(HINT_MIME, b"secret")
        self._ours = text
        self._board().setMimeData(data)
        self._timer.start()

    def clear(self) -> None:
        """Clear the clipboard if it still holds our copy."""
        self._timer.stop()
        if self._ours is not None and self._board().text() == self._ours:
            self._board().clear()
        self._ours = None

    def detach(self) -> None:
        """Stop watching the clipboard (the app is quitting); once is enough."""
        if self._watching:
            self._watching = False
            self._board().dataChanged.disconnect(self._changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Notice Ctrl+C / Ctrl+X anywhere in the app (install on the application)."""
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and any(event.matches(key) for key in _COPY_KEYS)):
            self._copy_requested = True
            QTimer.singleShot(0, self._forget_request)
        return False

    def _forget_request(self) -> None:
        self._copy_requested = False

    def _changed(self) -> None:
        """A copy made by one of our widgets becomes one of ours: marked and timed."""
        board = self._board()
        data = board.mimeData()
        if data is None or data.hasFormat(HINT_MIME) or not data.hasText():
            return
        if self._copy_requested or board.ownsClipboard():
            self._copy_requested = False
            self.copy(data.text())

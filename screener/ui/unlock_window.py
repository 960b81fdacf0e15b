"""The unlock screen: user name and password; the key derivation runs off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.clock import Clock
from screener.errors import ScreenerError, WrongPassword
from screener.progress import Progress
from screener.ui import colors
from screener.ui.tasks import run_op
from screener.ui.widgets import buddy, named


@dataclass(frozen=True)
class DemoLogin:
    """The demo database's sign-in, shown on the unlock screen with `--demo`."""

    username: str
    password: str


class UnlockWindow(QWidget):
    """Sign in to the database at `db_path`. Emits `unlocked(Session)` on success."""

    unlocked = Signal(object)
    language_chosen = Signal(str)

    def __init__(
        self,
        db_path: Path,
        clock: Clock,
        *,
        language: str = "en",
        demo: DemoLogin | None = None,
        username: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._clock = clock
        self.setWindowTitle(self.tr("Screener — Sign in"))
        self.setMinimumWidth(460)

        title = QLabel(self.tr("Screener"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(self.tr("Reentry intake and referrals. Sign in to unlock the data."))
        subtitle.setWordWrap(True)

        self.username = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("Español", "es")
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_chosen.emit(self.language.currentData())
        )
        form = QFormLayout()
        form.addRow(buddy(self.tr("User &name:"), self.username), self.username)
        form.addRow(buddy(self.tr("&Password:"), self.password), self.password)
        form.addRow(buddy(self.tr("&Language:"), self.language), self.language)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setAccessibleName(self.tr("Sign-in problem"))
        self.error.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        named(self.busy, self.tr("Unlocking"))
        self.busy.hide()

        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.setAutoDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.username.returnPressed.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        if demo is not None:
            layout.addWidget(self._demo_box(demo))
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        where = QLabel(self.tr("Database: {path}").format(path=db_path))
        where.setWordWrap(True)
        where.setStyleSheet(f"color: {colors.HINT};")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        named(where, self.tr("Database location"))
        layout.addWidget(where)
        layout.addStretch(1)
        self.setTabOrder(self.username, self.password)
        self.setTabOrder(self.password, self.language)
        self.setTabOrder(self.language, self.unlock_button)
        (self.password if username else self.username).setFocus()

    def _demo_box(self, demo: DemoLogin) -> QFrame:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setStyleSheet("QFrame { background: #fff8e1; color: #3e2723; }")
        text = QLabel(self.tr(
            "<b>Demo database</b> with made-up clients; it is deleted when you quit.<br>"
            "User name: <b>{user}</b> &nbsp; Password: <b>{password}</b>"
        ).format(user=demo.username, password=demo.password))
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setAccessibleName(self.tr("Demo sign-in"))
        inner = QVBoxLayout(box)
        inner.addWidget(text)
        return box

    def submit(self) -> None:
        """Try to unlock with what was typed (the key derivation runs on a worker thread)."""
        if not self.unlock_button.isEnabled():
            return
        name, password = self.username.text().strip(), self.password.text()
        if not name or not password:
            self._show_error(self.tr("Type your user name and password."))
            return
        path, clock = self._db_path, self._clock
        self._set_busy(True)

        def work(progress: Progress) -> services.Session:
            return services.open_session(path, name, password, clock)

        run_op(self, work, self._done, on_failure=self._failed,
               label=self.tr("Unlocking…"), show_after_ms=10_000)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.username, self.password, self.language, self.unlock_button):
            widget.setEnabled(not busy)
        self.busy.setVisible(busy)
        if busy:
            self.error.hide()

    def _done(self, session: services.Session) -> None:
        self.password.clear()
        self._set_busy(False)
        self.unlocked.emit(session)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.password.clear()
        if isinstance(error, WrongPassword):
            self._show_error(self.tr("Unknown user name or wrong password. Please try again."))
        elif isinstance(error, ScreenerError):
            self._show_error(str(error))
        else:
            self._show_error(self.tr("Could not unlock ({name}).").format(name=type(error).__name__))
        self.password.setFocus()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

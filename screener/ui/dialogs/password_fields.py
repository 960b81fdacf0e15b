"""A new password typed twice, with a strength hint (shared by first run and staff accounts)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from screener.domain import MIN_PASSWORD_CHARS
from screener.ui.widgets import buddy


def strength(password: str) -> int:
    """0 (unacceptable) to 3 (strong): length first, then the mix of kinds of characters."""
    if len(password) < MIN_PASSWORD_CHARS:
        return 0
    kinds = sum(
        (any(c.islower() for c in password), any(c.isupper() for c in password),
         any(c.isdigit() for c in password), any(not c.isalnum() for c in password))
    )
    score = 1 + (len(password) >= 14) + (kinds >= 3 or len(password) >= 20)
    return min(score, 3)


class NewPasswordFields(QWidget):
    """Password, Repeat password and a live hint; `changed` fires on every keystroke."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(self.tr("Password strength"))
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(buddy(self.tr("&Password:"), self.password), self.password)
        layout.addRow(buddy(self.tr("&Repeat password:"), self.repeat), self.repeat)
        layout.addRow("", self.hint)
        self.password.textChanged.connect(self._update)
        self.repeat.textChanged.connect(self._update)
        self._update()

    def value(self) -> str:
        return self.password.text()

    def acceptable(self) -> bool:
        """Long enough and typed the same twice."""
        return strength(self.password.text()) > 0 and self.password.text() == self.repeat.text()

    def clear(self) -> None:
        self.password.clear()
        self.repeat.clear()

    def _update(self) -> None:
        text = self.password.text()
        level = strength(text)
        if level == 0:
            hint = self.tr(
                "At least {minimum} characters ({count} so far). A few unrelated words make a "
                "strong password that is easy to remember."
            ).format(minimum=MIN_PASSWORD_CHARS, count=len(text))
        elif self.repeat.text() and self.repeat.text() != text:
            hint = self.tr("The two passwords are not the same.")
        else:
            hint = (self.tr("Acceptable. Longer is stronger."),
                    self.tr("Good."),
                    self.tr("Strong."))[level - 1]
            if not self.repeat.text():
                hint += " " + self.tr("Now type it again below.")
        self.hint.setText(hint)
        self.changed.emit()

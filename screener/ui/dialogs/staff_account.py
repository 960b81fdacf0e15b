"""Staff accounts: add one (name, role, password), or reset someone's password."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.domain import Role
from screener.errors import ScreenerError
from screener.progress import Progress
from screener.ui.dialogs.password_fields import NewPasswordFields
from screener.ui.tasks import run_op
from screener.ui.widgets import buddy, dialog_buttons, error_label


class StaffAccountDialog(QDialog):
    """Add an account (`username=None`) or reset `username`'s password. Emits `saved`."""

    saved = Signal()

    def __init__(self, session: services.Session, role_names: dict[Role, str],
                 username: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._username = username
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setMinimumWidth(460)
        adding = username is None
        self.setWindowTitle(self.tr("Add staff account") if adding else
                            self.tr("Reset password of {user}").format(user=username))
        self.name = QLineEdit(username or "")
        self.name.setReadOnly(not adding)
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role_names[role], role.value)
        self.passwords = NewPasswordFields()
        form = QFormLayout()
        form.addRow(buddy(self.tr("&User name:"), self.name), self.name)
        if adding:
            form.addRow(buddy(self.tr("&Role:"), self.role), self.role)
        else:
            self.role.hide()
        note = QLabel(self.tr("Tell the person their password in person; they can change it "
                              "after signing in.") if adding else
                      self.tr("The person signs in with the new password from now on."))
        note.setWordWrap(True)
        self.error = error_label()
        buttons, self.save_button = dialog_buttons(
            self, self.tr("&Add account") if adding else self.tr("&Set password"), self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.passwords)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.passwords.changed.connect(self._update)
        self.name.textChanged.connect(self._update)
        self._update()
        self.save_button.setDefault(True)
        (self.name if adding else self.passwords.password).setFocus()

    def _update(self) -> None:
        self.save_button.setEnabled(bool(self.name.text().strip()) and self.passwords.acceptable())

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        session, name, password = self._session, self.name.text(), self.passwords.value()
        role, adding = self.role.currentData(), self._username is None

        def work(progress: Progress) -> None:  # wrapping the key derives a key: ~0.3 s
            if adding:
                services.add_user(session, name, role, password)
            else:
                services.change_password(session, password, username=name)

        self.setEnabled(False)
        run_op(self, work, lambda _r: self._done(), on_failure=self._failed,
               label=self.tr("Saving the account…"))

    def _done(self) -> None:
        self.passwords.clear()
        self.saved.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.error.setText(str(error) if isinstance(error, ScreenerError)
                           else type(error).__name__)
        self.error.show()

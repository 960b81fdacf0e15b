"""A staff account's profile: the name, agency, phone and e-mail its packets print."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.errors import ScreenerError
from screener.services import Session
from screener.ui.widgets import buddy, report_error

_FIELDS = ("display_name", "agency", "phone", "email")


class StaffProfileDialog(QDialog):
    """Edit one account's profile (an admin: anyone's)."""

    saved = Signal()

    def __init__(self, session: Session, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staff_profile_dialog")
        self.setWindowTitle(self.tr("Profile of {user}").format(user=username))
        self._session = session
        self._username = username
        profile = services.staff_profile(session, username)
        labels = {
            "display_name": self.tr("&Name on packets:"),
            "agency": self.tr("&Agency:"),
            "phone": self.tr("&Phone:"),
            "email": self.tr("&E-mail:"),
        }
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for field in _FIELDS:
            edit = QLineEdit(getattr(profile, field) or "", self)
            edit.setObjectName(field)
            self.edits[field] = edit
            form.addRow(buddy(labels[field], edit), edit)
        note = QLabel(self.tr("Referral packets print these so the receiving case manager "
                              "can call the referring worker back."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        """Store the profile; a bad value keeps the dialog open with the reason."""
        try:
            services.set_staff_profile(self._session, self._username,
                                       **{f: e.text() for f, e in self.edits.items()})
        except ScreenerError as exc:
            report_error(self, exc)
            return
        self.saved.emit()
        self.accept()

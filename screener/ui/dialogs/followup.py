"""Record the step taken after an urgent flag (who and when are the signed-in worker and now)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from screener import services
from screener.errors import ScreenerError
from screener.services.urgent import FOLLOWUP_ACTIONS, UrgentFlag, record_followup
from screener.ui.widgets import buddy, dialog_buttons, error_label


class FollowupDialog(QDialog):
    """Which open flag (when there are several) and what was done. Emits `saved`."""

    saved = Signal()

    def __init__(self, session: services.Session, flags: Sequence[UrgentFlag], lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setMinimumWidth(460)
        self.setWindowTitle(self.tr("Record follow-up"))
        self.flag = QComboBox()
        for flag in flags:
            self.flag.addItem(flag.label.get(lang), flag)
        self.how = QComboBox()
        for action, text in FOLLOWUP_ACTIONS.items():
            self.how.addItem(text.get(lang), action)
        form = QFormLayout()
        form.addRow(buddy(self.tr("&Flag:"), self.flag), self.flag)
        form.addRow(buddy(self.tr("&What was done:"), self.how), self.how)
        note = QLabel(self.tr("Your name and the time are recorded with it, in the audit log "
                              "too. Record each step you take."))
        note.setWordWrap(True)
        self.error = error_label()
        buttons, self.save_button = dialog_buttons(self, self.tr("&Record"), self.save)
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.how.setFocus()

    def save(self) -> None:
        flag: UrgentFlag = self.flag.currentData()
        try:
            record_followup(self._session, flag.intake_id, flag.flag_id, self.how.currentData())
        except ScreenerError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.saved.emit()
        self.accept()

"""New client: identity fields; likely duplicates are listed before a record is created."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.dates import NotADate, read_date
from screener.domain import ClientIdentity, DuplicateCandidate
from screener.errors import ScreenerError
from screener.services.clients import (
    SAME_DOB_SIMILAR_NAME,
    SAME_NAME_CLOSE_DOB,
    SAME_PHONE,
    SIMILAR_NAME_NO_DOB,
)
from screener.ui.widgets import buddy, dialog_buttons, error_label, fit_columns, named, show_date


def parse_date(text: str) -> str | None:
    """MM/DD/YYYY, M/D/YY or YYYY-MM-DD as ISO; the text unchanged if it is none of them
    (services say why)."""
    text = text.strip()
    try:
        return read_date(text).isoformat()
    except NotADate:
        return text or None


def _is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


class NewClientDialog(QDialog):
    """Emits `client_chosen(client_id)` with the new client, or the existing one chosen."""

    client_chosen = Signal(str)

    def __init__(self, session: services.Session, typed: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._checked_for: ClientIdentity | None = None
        self.setWindowTitle(self.tr("New client"))
        self.setMinimumWidth(760)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        words = typed.split()
        if len(words) == 2 and all(w.isalpha() for w in words):
            self.first_name.setText(words[0])
            self.last_name.setText(words[1])
        elif len(words) == 1 and words[0].isalpha():
            self.last_name.setText(words[0])
        self.preferred_name = QLineEdit()
        self.dob = QLineEdit()
        self.dob.setPlaceholderText(self.tr("MM/DD/YYYY"))
        self.phone = QLineEdit()
        self.booking = QLineEdit()
        self.cdcr = QLineEdit()
        self.language = QComboBox()
        for text, value in ((self.tr("Not asked yet"), None), (self.tr("English"), "en"),
                            (self.tr("Spanish"), "es"), (self.tr("Other"), "other")):
            self.language.addItem(text, value)
        form = QFormLayout()
        for text, widget in (
            (self.tr("&First name:"), self.first_name), (self.tr("&Last name:"), self.last_name),
            (self.tr("Pr&eferred name:"), self.preferred_name),
            (self.tr("&Date of birth:"), self.dob), (self.tr("P&hone:"), self.phone),
            (self.tr("&Booking number:"), self.booking), (self.tr("&CDCR number:"), self.cdcr),
            (self.tr("Preferred lan&guage:"), self.language),
        ):
            form.addRow(buddy(text, widget), widget)

        self.duplicates_box = QGroupBox(self.tr("This person may already have a record"))
        self.duplicates = QTreeWidget()
        named(self.duplicates, self.tr("Possible duplicates"))
        self.duplicates.setHeaderLabels([self.tr("Name"), self.tr("Date of birth"),
                                         self.tr("Phone"), self.tr("Why it may be the same person")])
        self.duplicates.setRootIsDecorated(False)
        self.duplicates.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        fit_columns(self.duplicates, ["Maximiliano Villalobos", "12/31/1999", "(213) 555-0100",
                                      ""], [self.duplicates.headerItem().text(i) for i in range(4)])
        self.duplicates.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.duplicates.itemDoubleClicked.connect(lambda *_: self.open_existing())
        note = QLabel(self.tr(
            "Open the existing record if it is the same person. Create a new record only if "
            "you have checked that it is someone else."))
        note.setWordWrap(True)
        self.open_button = QPushButton(self.tr("&Open existing record"))
        self.open_button.clicked.connect(self.open_existing)
        box_layout = QVBoxLayout(self.duplicates_box)
        box_layout.addWidget(note)
        box_layout.addWidget(self.duplicates)
        box_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        self.duplicates_box.hide()

        self.error = error_label()
        buttons, self.create_button = dialog_buttons(self, self.tr("&Create client"), self.submit)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.duplicates_box, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for widget in (self.first_name, self.last_name, self.preferred_name, self.dob,
                       self.phone, self.booking, self.cdcr, self.language):
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(self._identity_edited)
        self.create_button.setDefault(True)  # once it is inside the dialog
        (self.first_name if not self.first_name.text() else self.dob).setFocus()

    def identity(self) -> ClientIdentity:
        return ClientIdentity(
            first_name=self.first_name.text(), last_name=self.last_name.text(),
            preferred_name=self.preferred_name.text() or None, dob=parse_date(self.dob.text()),
            phone=self.phone.text() or None, booking_number=self.booking.text() or None,
            cdcr_number=self.cdcr.text() or None, preferred_language=self.language.currentData(),
        )

    def _identity_edited(self) -> None:
        if self._checked_for is not None:
            self._checked_for = None
            self.duplicates_box.hide()
            self.create_button.setText(self.tr("&Create client"))
            self.create_button.setDefault(True)

    def submit(self) -> None:
        """First press: look for duplicates. If any are shown, a second press creates anyway."""
        identity = self.identity()
        self.error.hide()
        if identity.dob and not _is_iso_date(identity.dob):
            self.error.setText(self.tr("Write the date of birth as MM/DD/YYYY, for example "
                                       "04/25/1987."))
            self.error.show()
            self.dob.setFocus()
            return
        try:
            if self._checked_for != identity:
                found = services.possible_duplicates(
                    self._session, identity.first_name, identity.last_name,
                    identity.dob, identity.phone)
                if found:
                    self._show_duplicates(found)
                    self._checked_for = identity
                    return
            client = services.create_client(self._session, identity)
        except ScreenerError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.client_chosen.emit(client.id)
        self.accept()

    def _show_duplicates(self, found: tuple[DuplicateCandidate, ...]) -> None:
        self.duplicates.clear()
        for candidate in found:
            c = candidate.client
            item = QTreeWidgetItem([
                f"{c.first_name} {c.last_name}".strip(), show_date(c.dob), c.phone or "",
                "; ".join(self.reason_text(r) for r in candidate.reasons),
            ])
            item.setData(0, Qt.ItemDataRole.UserRole, c.id)
            item.setToolTip(3, item.text(3))
            self.duplicates.addTopLevelItem(item)
        first = self.duplicates.topLevelItem(0)
        if first is not None:
            self.duplicates.setCurrentItem(first)
        self.duplicates_box.setTitle(self.tr("This person may already have a record ({count})")
                                     .format(count=len(found)))
        self.duplicates_box.show()
        self.create_button.setText(self.tr("Create a new record &anyway"))
        self.create_button.setDefault(False)
        self.create_button.setAutoDefault(False)
        self.open_button.setDefault(True)
        self.duplicates.setFocus()

    def reason_text(self, reason: str) -> str:
        """A duplicate reason from services, translated."""
        return {
            SAME_DOB_SIMILAR_NAME: self.tr("same date of birth and a similar name"),
            SAME_PHONE: self.tr("same phone number"),
            SAME_NAME_CLOSE_DOB: self.tr("same name and a nearly identical date of birth"),
            SIMILAR_NAME_NO_DOB: self.tr("similar name (no date of birth to compare)"),
        }.get(reason, reason)

    def open_existing(self) -> None:
        item = self.duplicates.currentItem()
        if item is None:
            return
        self.client_chosen.emit(item.data(0, Qt.ItemDataRole.UserRole))
        self.accept()

"""One client as a status board: identity (SSN last four only), urgent flags, consent in
force, the last eligibility, and one primary next action (Resume intake when a draft exists,
otherwise Start new intake); then intakes, consents, packets and the answer history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.domain import Client, Intake, IntakeStatus
from screener.errors import FormError, ScreenerError
from screener.forms.catalog import FormCatalog
from screener.forms.display import mask_ssn
from screener.services.urgent import UrgentFlag
from screener.ui.dialogs.followup import FollowupDialog
from screener.ui.pages.client_status import ClientStatus, StatusBoard, client_status
from screener.ui.tasks import run_op
from screener.ui.widgets import (
    fit_columns,
    named,
    report_error,
    show_date,
    show_day,
    show_time,
)
from screener.ui.widgets.answer_history import AnswerHistory, ui_language

if TYPE_CHECKING:
    from screener.ui.pages.host import PageHost

INTAKE_FORM = "intake"
# The release of information, taken through the same wizard (DESIGN §1: capture consent).
CONSENT_FORM = "consent"


@dataclass(frozen=True)
class ClientSummary:
    """Everything the page shows, read in one go off the GUI thread."""

    client: Client
    intakes: tuple[Intake, ...]
    ssn_last4: str | None
    consents: tuple[Any, ...]
    packets: tuple[Any, ...]
    catalog: FormCatalog | None
    status: ClientStatus | None = None


def load_summary(session: services.Session, client_id: str) -> ClientSummary:
    client = services.get_client(session, client_id)
    intakes = services.intakes_of(session, client_id)
    ssn = None
    for intake in reversed(intakes):
        value = services.answer_values(session, intake.id).get("ssn")
        if value:
            ssn = mask_ssn(value)
            break
    # Consents and the packet log arrive in services with the packets work; until then, empty.
    consents_of = getattr(services, "consents_of", None)
    packets_of = getattr(services, "packets_of", None)
    consents = tuple(consents_of(session, client_id)) if consents_of else ()
    packets = tuple(packets_of(session, client_id)) if packets_of else ()
    try:
        catalog: FormCatalog | None = session.setup.forms  # the forms in force (a pack's)
    except ScreenerError:
        catalog = None
    return ClientSummary(client, intakes, ssn, consents, packets, catalog,
                         client_status(session, client_id, consents))


def _tree(headers: list[str], name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    named(tree, name)
    return tree


class ClientPage(QWidget):
    def __init__(self, window: PageHost, client_id: str) -> None:
        super().__init__()
        self._window = window
        self._session = window.session
        self.client_id = client_id
        self._closed = False
        self._summary: ClientSummary | None = None

        back = QPushButton(self.tr("← &Back to clients"))
        back.clicked.connect(window.back_to_clients)
        self.title = QLabel(self.tr("Loading…"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        named(self.title, self.tr("Client name"))
        header = QHBoxLayout()
        header.addWidget(back)
        header.addWidget(self.title, 1)

        self.identity = QGridLayout()
        self._identity_labels: dict[str, QLabel] = {}
        identity_box = QGroupBox(self.tr("Identity"))
        identity_box.setLayout(self.identity)
        for i, (key, text) in enumerate((
            ("preferred_name", self.tr("Preferred name")), ("dob", self.tr("Date of birth")),
            ("phone", self.tr("Phone")), ("ssn", self.tr("SSN")),
            ("booking_number", self.tr("Booking #")), ("cdcr_number", self.tr("CDCR #")),
            ("preferred_language", self.tr("Language")), ("created", self.tr("Record created")),
        )):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(text)
            self._identity_labels[key] = value
            form = QFormLayout()
            form.addRow(QLabel(text + ":"), value)
            self.identity.addLayout(form, i // 4, i % 4)

        self.status_board = StatusBoard()
        self.start_button = QPushButton(self.tr("&Start new intake"))
        self.resume_button = QPushButton(self.tr("&Resume intake"))
        self.quick_button = QPushButton(self.tr("&Quick screen"))
        self.quick_button.setToolTip(self.tr(
            "A new intake that asks only what can still change a program's outcome"))
        self.quick_button.clicked.connect(self.start_quick)
        self.consent_button = QPushButton(self.tr("Si&gn consent…"))
        self.consent_button.setToolTip(self.tr(
            "Take a new release of information: which programs may receive the client's "
            "information, until when, and the signature"))
        self.followup_button = QPushButton(self.tr("Record &follow-up…"))
        self.followup_button.setToolTip(self.tr(
            "An urgent flag has no follow-up yet: record what was done, by whom and when"))
        self.followup_button.setStyleSheet("QPushButton { color: #a50016; font-weight: bold; }")
        self.followup_button.clicked.connect(self.record_followup)
        self.eligibility_button = QPushButton(self.tr("&Eligibility"))
        self.packets_button = QPushButton(self.tr("&Packets…"))
        self.start_button.clicked.connect(self.start_intake)
        self.resume_button.clicked.connect(self.resume_intake)
        self.consent_button.clicked.connect(self.start_consent)
        self.eligibility_button.clicked.connect(lambda: window.open_eligibility(client_id))
        self.packets_button.clicked.connect(lambda: window.open_packets(client_id))
        actions = QHBoxLayout()
        for button in (self.followup_button, self.resume_button, self.start_button,
                       self.quick_button,
                       self.consent_button, self.eligibility_button, self.packets_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.intakes = _tree([self.tr("Status"), self.tr("Form"), self.tr("Started"),
                              self.tr("By"), self.tr("Completed"), self.tr("By")],
                             self.tr("Intakes"))
        fit_columns(self.intakes, ["Complete", "Admisión de reingreso", "12/31/2026 23:59",
                                   "username",
                                   "12/31/2026 23:59", "username"], self._headers(self.intakes))
        self.intakes.itemActivated.connect(lambda *_: self.open_selected_intake())
        self.consents = _tree([self.tr("Programs"), self.tr("Signed by"), self.tr("Signed"),
                               self.tr("Expires"), self.tr("Status")], self.tr("Consents"))
        self.packets = _tree([self.tr("Program"), self.tr("Printed"), self.tr("By")],
                             self.tr("Packets printed"))
        fit_columns(self.consents, ["interim_housing, service_navigation", "Firstname Lastname",
                                    "12/31/2026 23:59", "12/31/2026", "Revoked"],
                    self._headers(self.consents))
        fit_columns(self.packets, ["interim_housing_program", "12/31/2026 23:59", "username"],
                    self._headers(self.packets))
        self.history = AnswerHistory(self._session)
        self.tabs = QTabWidget()
        named(self.tabs, self.tr("Client details"))
        self.tabs.addTab(self.intakes, self.tr("&Intakes"))
        self.tabs.addTab(self.consents, self.tr("&Consents"))
        self.tabs.addTab(self.packets, self.tr("Packets prin&ted"))
        self.tabs.addTab(self.history, self.tr("Answer &history"))

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(identity_box)
        layout.addWidget(self.status_board)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        self._update_buttons()
        self.reload()

    @staticmethod
    def _headers(tree: QTreeWidget) -> list[str]:
        item = tree.headerItem()
        return [item.text(i) for i in range(tree.columnCount())]

    # --- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the client's summary again (off the GUI thread)."""
        session, client_id = self._session, self.client_id
        run_op(self, lambda _p: load_summary(session, client_id), self._loaded,
               on_failure=self._failed, label=self.tr("Opening the client…"))

    def _failed(self, error: BaseException) -> None:
        if not self._closed:
            self.title.setText(self.tr("This client could not be opened."))
            report_error(self, error)

    def _loaded(self, summary: ClientSummary) -> None:
        if self._closed:
            return
        self._summary = summary
        c = summary.client
        name = f"{c.first_name} {c.last_name}".strip()
        self.title.setText(name)
        languages = {"en": self.tr("English"), "es": self.tr("Spanish"), "other": self.tr("Other")}
        values = {
            "preferred_name": c.preferred_name or "", "dob": show_date(c.dob),
            "phone": c.phone or "", "ssn": summary.ssn_last4 or self.tr("not recorded"),
            "booking_number": c.booking_number or "", "cdcr_number": c.cdcr_number or "",
            "preferred_language": languages.get(c.preferred_language or "", ""),
            "created": self.tr("{date} by {user}").format(date=show_day(c.created_at),
                                                         user=c.created_by),
        }
        for key, label in self._identity_labels.items():
            label.setText(values[key] or "—")
        self._fill_intakes(summary.intakes)
        self._fill_consents(summary.consents)
        self.packets.clear()
        for p in summary.packets:
            self.packets.addTopLevelItem(QTreeWidgetItem(
                [str(getattr(p, "program_id", "")), show_time(getattr(p, "printed_at", None)),
                 str(getattr(p, "printed_by", ""))]))
        self.history.load(summary.intakes, summary.catalog)
        self.status_board.show_status(summary.status)
        self._update_buttons()

    def _fill_intakes(self, intakes: tuple[Intake, ...]) -> None:
        self.intakes.clear()
        for intake in reversed(intakes):
            status = (self.tr("Complete") if intake.status is IntakeStatus.COMPLETE
                      else self.tr("Draft"))
            item = QTreeWidgetItem([
                status, self._form_title(intake.form_id), show_time(intake.started_at),
                intake.started_by, show_time(intake.completed_at), intake.completed_by or "",
            ])
            item.setData(0, Qt.ItemDataRole.UserRole, intake.id)
            self.intakes.addTopLevelItem(item)
        first = self.intakes.topLevelItem(0)
        if first is not None:
            self.intakes.setCurrentItem(first)

    def _form_title(self, form_id: str) -> str:
        catalog = self._summary.catalog if self._summary is not None else None
        try:
            return catalog.form(form_id).title.get(ui_language()) if catalog else form_id
        except FormError:
            return form_id

    def _fill_consents(self, consents: tuple[Any, ...]) -> None:
        self.consents.clear()
        for consent in consents:
            revoked = bool(getattr(consent, "revoked", False))
            self.consents.addTopLevelItem(QTreeWidgetItem([
                ", ".join(getattr(consent, "program_ids", ())),
                str(getattr(consent, "signer", "")),
                show_time(getattr(consent, "signed_at", None)),
                show_date(getattr(consent, "expires_on", None)) or self.tr("no expiry"),
                self.tr("Revoked") if revoked else self.tr("Active"),
            ]))

    def _draft(self) -> Intake | None:
        """The latest draft of the intake form, if any."""
        summary = self._summary
        if summary is None:
            return None
        return next((i for i in reversed(summary.intakes) if i.form_id == INTAKE_FORM
                     and i.status is IntakeStatus.DRAFT), None)

    def _update_buttons(self) -> None:
        """One primary action: Resume intake when a draft exists, otherwise Start."""
        loaded = self._summary is not None
        draft = self._draft()
        self.resume_button.setVisible(draft is not None)
        self.start_button.setVisible(draft is None)
        primary = self.resume_button if draft is not None else self.start_button
        for button in (self.resume_button, self.start_button):
            button.setDefault(button is primary)
            font = button.font()
            font.setBold(button is primary)
            button.setFont(font)
        for button in (self.start_button, self.quick_button, self.consent_button):
            button.setEnabled(loaded)
        self.resume_button.setEnabled(loaded)
        self.followup_button.setVisible(bool(self._open_flags()))

    def _open_flags(self) -> list[UrgentFlag]:
        status = self._summary.status if self._summary is not None else None
        return [f for f in status.flags if f.open] if status is not None else []

    # --- actions ----------------------------------------------------------------------------

    def record_followup(self) -> None:
        """Record what was done about an urgent flag still open (the board then says so)."""
        flags = self._open_flags()
        if not flags:
            return
        dialog = FollowupDialog(self._session, flags, ui_language(), self)
        dialog.saved.connect(self.reload)
        dialog.open()

    def start_intake(self) -> None:
        self._start(INTAKE_FORM)

    def start_quick(self) -> None:
        """A new intake taken as a quick screen."""
        self._start(INTAKE_FORM, quick=True)

    def start_consent(self) -> None:
        """A new consent questionnaire; completing it records the consent."""
        self._start(CONSENT_FORM)

    def _start(self, form_id: str, quick: bool = False) -> None:
        summary = self._summary
        if summary is None:
            return
        try:
            if summary.catalog is None:
                raise FormError(self.tr("The intake form could not be loaded."))
            form = summary.catalog.form(form_id)
            intake = services.start_intake(self._session, self.client_id, form.id, form.version,
                                           from_record=True)
        except ScreenerError as exc:
            report_error(self, exc)
            return
        self._window.open_intake(intake.id, quick=quick)

    def resume_intake(self) -> None:
        """Open the latest draft where it was left."""
        draft = self._draft()
        if draft is not None:
            self._window.open_intake(draft.id)

    def open_selected_intake(self) -> None:
        """Open the intake chosen in the list (Return or double-click): resume or review."""
        item = self.intakes.currentItem()
        if item is not None:
            self._window.open_intake(item.data(0, Qt.ItemDataRole.UserRole))

    def teardown(self) -> None:
        """Forget the client's data (the app is locking or the page is replaced)."""
        self._closed = True
        self._summary = None
        self.title.clear()
        for label in self._identity_labels.values():
            label.clear()
        for tree in (self.intakes, self.consents, self.packets):
            tree.clear()
        self.history.clear()
        self.status_board.clear()

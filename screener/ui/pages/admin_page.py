"""Administration (admin only): staff accounts, settings, the audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.domain import Role
from screener.errors import ScreenerError
from screener.progress import Progress
from screener.services.admin import AUTO_LOCK_RANGE
from screener.ui.dialogs.staff_account import StaffAccountDialog
from screener.ui.dialogs.staff_profile import StaffProfileDialog
from screener.ui.pages.audit_page import AuditPage
from screener.ui.tasks import run_op
from screener.ui.widgets import buddy, confirm, named, report_error, show_time

if TYPE_CHECKING:
    from screener.ui.pages.host import PageHost


class StaffTab(QWidget):
    def __init__(self, window: PageHost) -> None:
        super().__init__()
        self._window = window
        self._session = window.session
        self.users = QTreeWidget()
        named(self.users, self.tr("Staff accounts"))
        self.users.setRootIsDecorated(False)
        self.users.setHeaderLabels([self.tr("User name"), self.tr("Role"), self.tr("Created"),
                                    self.tr("Created by")])
        self.users.setColumnWidth(0, 180)
        self.users.setColumnWidth(1, 110)
        self.users.setColumnWidth(2, 150)
        self.add_button = QPushButton(self.tr("&Add account…"))
        self.reset_button = QPushButton(self.tr("&Reset password…"))
        self.remove_button = QPushButton(self.tr("Re&move account"))
        self.profile_button = QPushButton(self.tr("&Profile…"))
        self.profile_button.setToolTip(self.tr("Name, agency, phone and e-mail printed on "
                                               "this person's referral packets"))
        self.profile_button.clicked.connect(self._profile_dialog)
        self.add_button.clicked.connect(lambda: self._account_dialog(None))
        self.reset_button.clicked.connect(
            lambda: self._account_dialog(self.selected()) if self.selected() else None)
        self.remove_button.clicked.connect(self._remove)
        self.users.currentItemChanged.connect(lambda *_: self._update_buttons())
        buttons = QVBoxLayout()
        for button in (self.add_button, self.reset_button, self.remove_button,
                       self.profile_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        note = QLabel(self.tr(
            "Each person has their own account. Removing an account takes away its key at once; "
            "its past work stays in the records and the audit log. Roles cannot be changed: "
            "remove the account and add it again with the new role."))
        note.setWordWrap(True)
        self.rekey_box: QMessageBox | None = None
        self.rekey_result = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.users, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(row, 1)
        layout.addWidget(self.rekey_result)
        self.reload()

    def selected(self) -> str | None:
        item = self.users.currentItem()
        return item.text(0) if item is not None else None

    def reload(self) -> None:
        self.users.clear()
        for user in services.list_users(self._session):
            self.users.addTopLevelItem(QTreeWidgetItem([
                user.username, self._window.role_name(user.role), show_time(user.created_at),
                user.created_by or ""]))
        first = self.users.topLevelItem(0)
        if first is not None:
            self.users.setCurrentItem(first)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.reset_button.setEnabled(chosen is not None and chosen != self._session.username)
        self.remove_button.setEnabled(chosen is not None and chosen != self._session.username)
        self.profile_button.setEnabled(chosen is not None)

    def _profile_dialog(self) -> None:
        name = self.selected()
        if name is not None:
            StaffProfileDialog(self._session, name, self).open()

    def _account_dialog(self, username: str | None) -> None:
        names = {role: self._window.role_name(role) for role in Role}
        dialog = StaffAccountDialog(self._session, names, username, self)
        dialog.saved.connect(self.reload)
        dialog.open()

    def _remove(self) -> None:
        name = self.selected()
        if name is None:
            return

        def remove() -> None:
            try:
                services.remove_user(self._session, name)
            except ScreenerError as exc:
                report_error(self, exc)
                return
            finally:
                self.reload()
            self.offer_rekey(name)

        confirm(self, self.tr("Remove account"),
                self.tr("Remove the account {user}? They can no longer sign in.").format(user=name),
                remove)

    def offer_rekey(self, removed: str) -> None:
        """After a removal: offer to re-encrypt the database under a new key, so that a copy
        of the old keys file (or the old key) no longer opens it."""
        self.rekey_box = confirm(self, self.tr("Re-encrypt the database"), self.tr(
            "{user} can no longer sign in. If they may have kept a copy of the keys file, "
            "re-encrypt the database under a new key now: it takes a few minutes for a large "
            "database, and Screener must not be open on this database anywhere else.").format(
                user=removed), self.rekey)

    def rekey(self) -> None:
        """Re-encrypt the database off the GUI thread, with progress."""
        session = self._session
        label = self.tr("Re-encrypting the database…")

        def work(progress: Progress) -> int:
            return services.rekey_database(
                session, lambda done, total: progress.report(done, total, label))

        def done(_accounts: int) -> None:
            self.rekey_result.setText(self.tr("The database is now encrypted under a new key."))

        def failed(error: BaseException) -> None:
            report_error(self, error)

        self.rekey_result.clear()
        run_op(self, work, done, on_failure=failed, label=label)

    def teardown(self) -> None:
        self.users.clear()


class SettingsTab(QWidget):
    def __init__(self, window: PageHost) -> None:
        super().__init__()
        self._window = window
        self._session = window.session
        self.minutes = QSpinBox()
        self.minutes.setRange(AUTO_LOCK_RANGE.start, AUTO_LOCK_RANGE.stop - 1)
        self.minutes.setSuffix(self.tr(" minutes"))
        self.minutes.setValue(services.auto_lock_minutes(self._session))
        self.save_button = QPushButton(self.tr("Sa&ve"))
        self.save_button.clicked.connect(self.save)
        self.saved = QLabel()
        location = QLabel(str(window.data_location))
        location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        location.setWordWrap(True)
        named(location, self.tr("Data location"))
        keys = QLabel(self.tr("Keys file: {path}").format(path=self._session.keys_path))
        keys.setWordWrap(True)
        backup = QLabel(self.tr("Back up the database and its keys file together: without the "
                                "keys file nobody can open the database."))
        backup.setWordWrap(True)
        lock_row = QHBoxLayout()
        lock_row.addWidget(self.minutes)
        lock_row.addWidget(self.save_button)
        lock_row.addWidget(self.saved, 1)
        form = QFormLayout(self)
        form.addRow(buddy(self.tr("Lock after &idle time:"), self.minutes), lock_row)
        form.addRow(QLabel(self.tr("Data location:")), location)
        form.addRow("", keys)
        form.addRow("", backup)

    def save(self) -> None:
        try:
            services.set_auto_lock_minutes(self._session, self.minutes.value())
        except ScreenerError as exc:
            report_error(self, exc)
            return
        self.saved.setText(self.tr("Saved."))
        self._window.auto_lock_changed.emit(self.minutes.value())


class AdminPage(QWidget):
    """Tabs for staff accounts, settings and the audit log."""

    def __init__(self, window: PageHost) -> None:
        super().__init__()
        self.tabs = QTabWidget()
        named(self.tabs, self.tr("Administration"))
        self.staff = StaffTab(window)
        self.settings = SettingsTab(window)
        self.audit = AuditPage(window.session)
        self.tabs.addTab(self.staff, self.tr("&Staff accounts"))
        self.tabs.addTab(self.settings, self.tr("Se&ttings"))
        self.tabs.addTab(self.audit, self.tr("Audit &log"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def teardown(self) -> None:
        self.staff.teardown()
        self.audit.teardown()

"""The main window: navigation, the page stack, the status bar with the signed-in user and Lock.

Pages are created lazily the first time they are shown. Every page that holds data may define
`teardown()`; the window calls it on lock, before it is destroyed, so nothing keeps client data.
Other parts of the app open their screens through `open_intake`, `open_eligibility`,
`open_packets` and register pages with `add_page`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from screener import services
from screener.clock import local_minute
from screener.domain import Role
from screener.ui.clipboard import SafeClipboard
from screener.ui.widgets import inform, named

PageFactory = Callable[["MainWindow"], QWidget]


def _conflicts_page(window: MainWindow) -> QWidget:
    from screener.ui.sync.conflicts_page import ConflictsPage

    return ConflictsPage(window.session)


def _duplicates_page(window: MainWindow) -> QWidget:
    from screener.ui.sync.duplicates_page import DuplicatesPage

    return DuplicatesPage(window.session)


@dataclass(frozen=True)
class PageSpec:
    """A navigation entry: its title (already translated), who sees it, and how to build it."""

    key: str
    title: str
    factory: PageFactory
    role: Role = Role.INTAKE


class MainWindow(QMainWindow):
    """The signed-in app. `lock_requested` asks the app to lock (it owns the session)."""

    lock_requested = Signal()
    auto_lock_changed = Signal(int)

    def __init__(
        self,
        session: services.Session,
        clipboard: SafeClipboard,
        *,
        data_location: Path,
        extra_pages: tuple[PageSpec, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.clipboard = clipboard
        self.data_location = data_location
        self.setWindowTitle(self.tr("Screener"))
        self.resize(1180, 760)
        self._specs: dict[str, PageSpec] = {}
        self._pages: dict[str, QWidget] = {}
        self._shown_once = False

        self.nav = QListWidget()
        named(self.nav, self.tr("Navigation"))
        self.nav.setStyleSheet("QListWidget::item { padding: 6px 10px; }")
        self.nav.setMinimumWidth(150)
        # A page opens when its entry is clicked or activated (Return), never merely because
        # the list became current or got the focus: Qt makes the first row current when the
        # list gains focus with none (a Tab past Finish, closing a menu, re-activating the
        # window), which used to throw away the open wizard for the Clients page.
        self.nav.itemClicked.connect(self._nav_activated)
        self.nav.itemActivated.connect(self._nav_activated)
        self.stack = QStackedWidget()
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 990])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        # Ctrl+L itself is caught application-wide by the app controller, so it also locks
        # from inside a dialog (Qt ignores shortcuts of a window a modal dialog blocks).
        self.lock_action = QAction(self.tr("&Lock") + "\tCtrl+L", self)
        self.lock_action.triggered.connect(self.lock_requested)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        # The menus carry no Alt letter: Alt+letter always belongs to the page (Alt+F is
        # Finish, Alt+S Start new intake or the sections, Alt+L the language). F10 opens them.
        menu = self.menuBar().addMenu(self.tr("File"))
        menu.addAction(self.lock_action)
        self.about_action = QAction(self.tr("&About Screener"), self)
        self.about_action.triggered.connect(self.show_about)
        menu.addAction(self.about_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        sync_menu = self.menuBar().addMenu(self.tr("Sync"))
        self.export_action = sync_menu.addAction(self.tr("&Export bundle…"))
        self.export_action.triggered.connect(self.open_export)
        self.import_action = sync_menu.addAction(self.tr("&Import bundles…"))
        self.import_action.triggered.connect(self.open_import)
        menus = QShortcut(QKeySequence(Qt.Key.Key_F10), self)
        menus.activated.connect(lambda: self.menuBar().setActiveAction(menu.menuAction()))

        user = QLabel(self.tr("Signed in as {user} ({role})").format(
            user=session.username, role=self.role_name(session.role)))
        user.setAccessibleName(self.tr("Signed-in user"))
        self.lock_button = QPushButton(self.tr("Lock (Ctrl+L)"))
        self.lock_button.setToolTip(self.tr("Lock the screen now; sign in again to continue."))
        self.lock_button.clicked.connect(self.lock_requested)
        if session.clock_jump is not None:
            self._warn_about_clock(session)
        self.statusBar().addPermanentWidget(user)
        self.statusBar().addPermanentWidget(self.lock_button)

        from screener.ui.pages.clients_page import ClientsPage

        self.add_page(self.tr("Clients"), ClientsPage, key="clients")
        if session.role is Role.ADMIN:
            from screener.ui.pages.admin_page import AdminPage

            self.add_page(self.tr("Administration"), AdminPage, key="admin", role=Role.ADMIN)
        self.add_page(self.tr("Conflicts"), _conflicts_page, key="conflicts", role=Role.OFFICE)
        self.add_page(self.tr("Duplicates"), _duplicates_page, key="duplicates", role=Role.OFFICE)
        for spec in extra_pages:
            self.add_page(spec.title, spec.factory, key=spec.key, role=spec.role)
        self.show_page("clients")

    def _warn_about_clock(self, session: services.Session) -> None:
        """The clock warning in the status bar; after a jump ahead, with a button to
        confirm the date (changes are stamped no later than a day after the database was
        last used until then)."""
        assert session.clock_jump is not None
        now, last = (local_minute(t) for t in session.clock_jump)
        if session.clock_ahead:
            text = self.tr(
                "Check this computer's clock: it says {now} (Los Angeles time), more than a day "
                "after this database was last used ({last}). Until you confirm the date, changes are "
                "stamped for sync no later than a day after that.")
        else:
            text = self.tr("Check this computer's clock: it says {now} (Los Angeles time), but "
                           "this database was last used at {last}.")
        self.clock_warning = QLabel(text.format(now=now, last=last))
        self.clock_warning.setWordWrap(True)
        self.clock_warning.setStyleSheet("color: #b00020; font-weight: bold;")
        self.statusBar().addWidget(self.clock_warning, 1)
        if session.clock_ahead:
            self.clock_confirm = QPushButton(self.tr("The date is right"))
            self.clock_confirm.setToolTip(self.tr(
                "Confirm that this computer's date and time are right: changes are stamped "
                "with them again. If they are wrong, set them instead and sign in again."))
            self.clock_confirm.clicked.connect(self._confirm_clock)
            self.statusBar().addWidget(self.clock_confirm)

    def _confirm_clock(self) -> None:
        self.session.confirm_clock()
        self.clock_warning.hide()
        self.clock_confirm.hide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # After sign-in the keyboard is in the search box, not the navigation list.
            clients = self._pages.get("clients")
            focus = getattr(clients, "focus_search", None)
            if self.stack.currentWidget() is clients and callable(focus):
                focus()

    def show_about(self) -> None:
        """Version, build date, and where the data is."""
        from screener import version_text

        pack = services.content_packs(self.session)
        in_force = next((p for p in pack if p.in_force), None)
        rules = (self.tr("content pack v{version} from {office}, published {day} (rules hash "
                         "{hash})").format(version=in_force.version, office=in_force.office_name,
                                           day=in_force.published_at[:10],
                                           hash=in_force.rules_hash[:12])
                 if in_force else self.tr("built into the app"))
        box = QMessageBox(self)  # like QMessageBox.about, but not modal (screenshots find it)
        box.setObjectName("about")
        box.setWindowTitle(self.tr("About Screener"))
        box.setIconPixmap(self.windowIcon().pixmap(64))
        box.setText(self.tr(
            "{version}\n\nReentry intake, eligibility screening and referral packets for Los "
            "Angeles County. Every record is stored encrypted.\n\nData: {location}"
            "\n\nForms and rules: {rules}"
        ).format(version=version_text(), location=self.data_location, rules=rules))
        box.open()

    def open_export(self) -> None:
        """The dialog that writes a sync bundle."""
        from screener.ui.sync.export_dialog import ExportDialog

        ExportDialog(self.session, self).open()

    def open_import(self) -> None:
        """The dialog that checks and merges sync bundles."""
        from screener.ui.sync.import_dialog import ImportDialog

        ImportDialog(self.session, self).open()

    def role_name(self, role: Role) -> str:
        """A role as people read it, translated."""
        return {Role.INTAKE: self.tr("intake"), Role.OFFICE: self.tr("office"),
                Role.ADMIN: self.tr("admin")}[role]

    # --- pages ------------------------------------------------------------------------------

    def add_page(
        self, title: str, widget_factory: PageFactory, *, key: str | None = None,
        role: Role = Role.INTAKE,
    ) -> str | None:
        """Add a navigation entry whose page `widget_factory(window)` builds on first show.

        Returns the page key, or None when the signed-in role may not see it.
        """
        if not self.session.role.at_least(role):
            return None
        key = key or f"page{len(self._specs)}"
        self._specs[key] = PageSpec(key, title, widget_factory, role)
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.nav.addItem(item)
        return key

    def page_keys(self) -> list[str]:
        """The navigation entries this user sees, in order."""
        return [self.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.nav.count())]

    def show_page(self, key: str) -> QWidget:
        """Show a navigation page (building it the first time)."""
        for i in range(self.nav.count()):
            if self.nav.item(i).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(i)
                break
        return self._page(key)

    def page(self, key: str) -> QWidget | None:
        """The page built for `key`, if it was shown already."""
        return self._pages.get(key)

    def _page(self, key: str) -> QWidget:
        widget = self._pages.get(key)
        if widget is None:
            widget = self._specs[key].factory(self)
            self._pages[key] = widget
            self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        return widget

    def _nav_activated(self, item: QListWidgetItem) -> None:
        self._page(item.data(Qt.ItemDataRole.UserRole))

    def _replace(self, key: str, widget: QWidget) -> QWidget:
        """Show `widget` as the (single) page for `key`, dropping the one it replaces."""
        old = self._pages.pop(key, None)
        if old is not None:
            self._drop(old)
        self._pages[key] = widget
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        self.nav.setCurrentRow(-1)
        return widget

    def _drop(self, widget: QWidget) -> None:
        teardown = getattr(widget, "teardown", None)
        if callable(teardown):
            teardown()
        self.stack.removeWidget(widget)
        widget.deleteLater()

    # --- screens other parts open -----------------------------------------------------------

    def open_client(self, client_id: str) -> QWidget:
        """Show one client's page."""
        from screener.ui.pages.client_page import ClientPage

        return self._replace("client", ClientPage(self, client_id))

    def back_to_clients(self) -> None:
        self.show_page("clients")

    def open_intake(self, intake_id: str, field_id: str | None = None, *,
                    quick: bool = False) -> QWidget | None:
        """Show the intake wizard on `intake_id` (at `field_id` when given; as a quick screen
        with `quick`)."""
        module = self._optional("screener.ui.intake.wizard", self.tr("The intake questionnaire"))
        if module is None:
            return None
        wizard = module.IntakeWizard(self.session, intake_id, parent=self)
        if field_id is not None:
            wizard.go_to(field_id)
        if quick:
            wizard.start_quick()
        client = self._pages.get("client")
        client_id = getattr(client, "client_id", None)
        wizard.finished.connect(lambda: self._intake_finished(client_id, wizard))
        shown: QWidget = self._replace("intake", wizard)
        return shown

    def _intake_finished(self, client_id: str | None, wizard: Any) -> None:
        # Finishing the intake questionnaire lands on its results; any other form (consent)
        # goes back to the client's page.
        draft = getattr(wizard, "draft", None)
        intake_form = draft is not None and draft.form.id == "intake"
        if client_id is not None and intake_form:
            self.open_eligibility(client_id)
        elif client_id is not None:
            self.open_client(client_id)
        else:
            self.show_page("clients")
        widget = self._pages.pop("intake", None)
        if widget is not None:
            self._drop(widget)

    def open_eligibility(self, client_id: str) -> QWidget | None:
        """Show a client's eligibility per program, with reasons."""
        module = self._optional("screener.ui.eligibility.view", self.tr("The eligibility view"))
        if module is None:
            return None
        view = module.EligibilityView(self.session, client_id, parent=self)
        view.jump_to_question.connect(lambda intake, field: self._ask_from(client_id, intake,
                                                                          field))
        view.refer.connect(lambda program_id: self.open_packets(client_id, program_id))
        view.back_requested.connect(lambda: self.open_client(client_id))
        shown: QWidget = self._replace("eligibility", view)
        view.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return shown

    def _ask_from(self, client_id: str, intake_id: str, field_id: str) -> None:
        """Open the wizard at a question; Finish comes back to the client's results."""
        self.open_client(client_id)
        self.open_intake(intake_id, field_id)

    def open_packets(self, client_id: str, program_id: str | None = None) -> QWidget | None:
        """Open the referral packet dialog for a client (with `program_id` ticked)."""
        module = self._optional("screener.ui.packets.dialog", self.tr("Referral packets"))
        if module is None:
            return None
        dialog: QDialog = module.PacketDialog(self.session, client_id, parent=self,
                                              program_id=program_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        return dialog

    def _optional(self, name: str, what: str) -> Any:
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if not (exc.name and name.startswith(exc.name)):
                raise  # the module exists but something it imports is missing
            inform(self, self.tr("Not available yet"),
                   self.tr("{what} is not available in this version yet.").format(what=what))
            return None

    # --- lock -------------------------------------------------------------------------------

    def teardown(self) -> None:
        """Drop every page and the data it holds (the app is locking)."""
        for widget in list(self._pages.values()):
            self._drop(widget)
        self._pages.clear()
        self.nav.clear()

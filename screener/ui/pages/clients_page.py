"""Clients: search as you type, results paged lazily, open a client, add a new one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.domain import ClientCursor, ClientPage
from screener.progress import Progress
from screener.ui.models.client_table import ClientTableModel
from screener.ui.tasks import run_op
from screener.ui.widgets import fit_columns, named

if TYPE_CHECKING:
    from screener.ui.pages.host import PageHost

#: Pause after the last keystroke before searching.
DEBOUNCE_MS = 250


class ClientsPage(QWidget):
    """The client list. Enter or double-click opens the selected client."""

    def __init__(self, window: PageHost, page_size: int = 100) -> None:
        super().__init__()
        self._window = window
        self._session = window.session
        self._closed = False
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Search by name, date of birth (MM/DD/YYYY), phone, booking or CDCR number"))
        self.search.setClearButtonEnabled(True)
        named(self.search, self.tr("Search clients"))
        self.new_button = QPushButton(self.tr("&New client…"))
        self.new_button.clicked.connect(self.new_client)
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.clicked.connect(self.open_selected)
        top = QHBoxLayout()
        find = QLabel(self.tr("&Find:"))
        find.setBuddy(self.search)
        top.addWidget(find)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)

        self.model = ClientTableModel(page_size, self)
        self.model.page_wanted.connect(self._fetch)
        self.model.loading_changed.connect(lambda _loading: self._update_status())
        self.model.rowsInserted.connect(lambda *_: self._update_status())
        self.table = QTableView()
        named(self.table, self.tr("Clients"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._sort_clicked)
        self.table.setWordWrap(False)
        fit_columns(self.table, ["Villalobos-Hernández", "Maximiliano", "12/31/1999",
                                 "(213) 555-0100", "12345678", "AB1234"], self.model.headers())
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_selected)
        find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find_shortcut.activated.connect(self.focus_search)
        self.search.returnPressed.connect(self._search_now_or_open)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Search status"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.search, self.new_button)
        self.setTabOrder(self.new_button, self.table)
        self.setTabOrder(self.table, self.open_button)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search_now)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self._sort_note = ""
        self.model.search("")
        self.search.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- searching --------------------------------------------------------------------------

    def _search_now(self) -> None:
        self._debounce.stop()
        self._sort_note = ""
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.model.search(self.search.text().strip())

    def _search_now_or_open(self) -> None:
        if self._debounce.isActive() or self.model.query != self.search.text().strip():
            self._search_now()
        elif self.model.rowCount() == 1:
            self.open_row(0)
        else:
            self.table.setFocus()
            if self.model.rowCount():
                self.table.selectRow(0)

    def _fetch(self, generation: int, query: str, offset: int,
               after: ClientCursor | None) -> None:
        if self._closed:
            return
        session, limit = self._session, self.model.page_size

        def work(progress: Progress) -> ClientPage:
            return services.find_clients(session, query, limit=limit, offset=offset, after=after)

        run_op(self, work, lambda page: self._arrived(generation, page),
               on_failure=lambda error: self._fetch_failed(generation, error),
               show_after_ms=None)  # the status line says "Searching…"; no window

    def _arrived(self, generation: int, page: ClientPage) -> None:
        if not self._closed:
            self.model.add_page(generation, page)
            if generation == self.model.generation and page.offset == 0 and page.clients:
                self.table.selectRow(0)

    def _fetch_failed(self, generation: int, error: BaseException) -> None:
        if self._closed:
            return
        self.model.page_failed(generation)
        self.status.setText(self.tr("The search failed: {error}").format(error=error))

    def _update_status(self) -> None:
        rows = self.model.rowCount()
        if self.model.loading and rows == 0:
            text = self.tr("Searching…")
        elif rows == 0:
            text = (self.tr("No clients match “{query}”. Check the spelling, or add a new "
                            "client.").format(query=self.model.query)
                    if self.model.query else self.tr("No clients yet. Add the first one."))
        elif self.model.complete:
            text = self.tr("{count} clients").format(count=rows) if rows != 1 else \
                self.tr("1 client")
        else:
            text = self.tr("First {count} clients shown; scroll for more.").format(count=rows)
        self.status.setText(text + (f" {self._sort_note}" if self._sort_note else ""))

    def _sort_clicked(self, column: int) -> None:
        header = self.table.horizontalHeader()
        if not self.model.complete:
            self._sort_note = self.tr("(Narrow the search to sort: the list is in name order.)")
            header.setSortIndicatorShown(False)
            self._update_status()
            return
        same = header.isSortIndicatorShown() and header.sortIndicatorSection() == column
        order = (Qt.SortOrder.DescendingOrder
                 if same and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
                 else Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column, order)
        self.model.sort(column, order)
        self._sort_note = ""
        self._update_status()

    # --- opening ----------------------------------------------------------------------------

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return rows[0].row()
        current: QModelIndex = self.table.currentIndex()
        return current.row() if current.isValid() else None

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_row(row)

    def open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self._window.open_client(self.model.client_id(row))

    def new_client(self) -> None:
        from screener.ui.dialogs.new_client import NewClientDialog

        dialog = NewClientDialog(self._session, self.search.text().strip(), self)
        dialog.client_chosen.connect(self._window.open_client)
        dialog.open()

    def teardown(self) -> None:
        """Forget every result (the app is locking)."""
        self._closed = True
        self.search.blockSignals(True)
        self.search.clear()
        self._debounce.stop()
        self.model.clear()

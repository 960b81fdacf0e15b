"""ClientTableModel: one search's results, fetched page by page as the view scrolls.

The model never queries anything itself: when it needs a page it emits `page_wanted(generation,
query, offset, after)`; the page runs `find_clients(..., offset=offset, after=after)` off the GUI
thread and hands the result back with `add_page(generation, page)`. `after` is the previous
page's cursor (keyset paging: the millionth row costs what the first does), None for the first
page. A new query starts a new generation, so late pages of an earlier query are dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal

from screener.domain import Client, ClientCursor, ClientPage
from screener.ui.models.base import Index, RecordTableModel
from screener.ui.widgets import show_date

_COLUMNS = ("last_name", "first_name", "dob", "phone", "booking_number", "cdcr_number")


class ClientTableModel(RecordTableModel):
    page_wanted = Signal(int, str, int, object)
    loading_changed = Signal(bool)

    def __init__(self, page_size: int = 100, parent: Any = None) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.query = ""
        self._rows: list[Client] = []
        self._after: ClientCursor | None = None
        self._generation = 0
        self._has_more = False
        self._loading = False
        self._headers = (
            self.tr("Last name"), self.tr("First name"), self.tr("Date of birth"),
            self.tr("Phone"), self.tr("Booking #"), self.tr("CDCR #"),
        )

    # --- searching --------------------------------------------------------------------------

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def complete(self) -> bool:
        """True when every matching client is loaded."""
        return not self._has_more and not self._loading

    def search(self, query: str) -> None:
        """Start over with `query` (blank lists everyone) and ask for the first page."""
        self.beginResetModel()
        self._generation += 1
        self.query = query
        self._rows = []
        self._after = None
        self._has_more = True
        self._loading = False
        self.endResetModel()
        self._request()

    def clear(self) -> None:
        """Forget every row (the app is locking); pages still on their way are dropped."""
        self.beginResetModel()
        self._generation += 1
        self.query = ""
        self._rows = []
        self._after = None
        self._has_more = False
        self._set_loading(False)
        self.endResetModel()

    def add_page(self, generation: int, page: ClientPage) -> bool:
        """Append a fetched page; False (and nothing changes) if it belongs to an old query."""
        if generation != self._generation or page.offset != len(self._rows):
            return False
        if page.clients:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.clients) - 1)
            self._rows.extend(page.clients)
            self.endInsertRows()
            self._after = page.next_after
        self._has_more = page.has_more
        self._set_loading(False)
        return True

    def page_failed(self, generation: int) -> None:
        """The page could not be fetched: stop asking for more of this query."""
        if generation == self._generation:
            self._has_more = False
            self._set_loading(False)

    def client_id(self, row: int) -> str:
        return self._rows[row].id

    def _request(self) -> None:
        self._set_loading(True)
        self.page_wanted.emit(self._generation, self.query, len(self._rows), self._after)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # --- QAbstractTableModel ----------------------------------------------------------------

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self._request()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.AccessibleTextRole):
            return None
        value = getattr(self._rows[index.row()], _COLUMNS[index.column()])
        if _COLUMNS[index.column()] == "dob":
            return show_date(value)
        return value or ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the loaded rows. Only a complete result is sorted: sorting part of a long
        list would hide clients that are not loaded yet (the list stays in name order)."""
        if not self.complete or not 0 <= column < len(_COLUMNS):
            return
        name = _COLUMNS[column]
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=lambda c: ((getattr(c, name) or "").lower(), c.last_name.lower(),
                                       c.first_name.lower(), c.id),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

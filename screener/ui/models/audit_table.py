"""AuditTableModel: the audit log, oldest first, fetched page by page as the view scrolls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from screener.domain import AuditEntry
from screener.ui.models.base import Index, RecordTableModel
from screener.ui.widgets import show_time

_COLUMNS = ("seq", "at", "username", "action", "record_type", "record_id", "details")


class AuditTableModel(RecordTableModel):
    """Rows come from `fetch(after_seq, limit)` (a few ms per page: read on the GUI thread)."""

    def __init__(self, fetch: Callable[[int, int], tuple[AuditEntry, ...]],
                 page_size: int = 200, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self.page_size = page_size
        self._rows: list[AuditEntry] = []
        self._has_more = True
        self._headers = (self.tr("#"), self.tr("When"), self.tr("Who"), self.tr("Action"),
                         self.tr("Record type"), self.tr("Record id"), self.tr("Details"))

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._has_more = False
        self.endResetModel()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._has_more = True
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._has_more

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        after = self._rows[-1].seq if self._rows else 0
        entries = self._fetch(after, self.page_size)
        self._has_more = len(entries) == self.page_size
        if entries:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
            self._rows.extend(entries)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        name = _COLUMNS[index.column()]
        value = getattr(self._rows[index.row()], name)
        if name == "at":
            return show_time(value)
        if name == "details" and value in ("{}", "null"):
            return ""
        return "" if value is None else str(value)



"""Duplicates page: two clients an import found may be the same person, side by side;
merge them (every intake and answer of both is kept) or say they are different people."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.errors import ScreenerError
from screener.ui.tasks import show_error


class _ClientCard(QGroupBox):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        form = QFormLayout(self)
        self.labels = {key: QLabel() for key in ("name", "dob", "phone", "ids", "intakes", "id")}
        names = {"name": self.tr("Name"), "dob": self.tr("Date of birth"),
                 "phone": self.tr("Phone"), "ids": self.tr("Booking / CDCR"),
                 "intakes": self.tr("Intakes"), "id": self.tr("Record")}
        for key, label in self.labels.items():
            form.addRow(names[key], label)

    def show_client(self, client: services.Client | None, intakes: int) -> None:
        c = client
        values = {
            "name": "" if c is None else f"{c.first_name} {c.last_name}",
            "dob": "" if c is None else c.dob or "",
            "phone": "" if c is None else c.phone or "",
            "ids": "" if c is None else " / ".join(x for x in (c.booking_number, c.cdcr_number) if x),
            "intakes": "" if c is None else str(intakes),
            "id": "" if c is None else c.id[:8],
        }
        for key, label in self.labels.items():
            label.setText(values[key])


class DuplicatesPage(QWidget):
    """Flagged pairs; the selected pair side by side with merge and dismiss."""

    changed = Signal()

    def __init__(self, session: services.Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Possible duplicates"))
        self.list.currentRowChanged.connect(lambda _: self._show_current())
        self.left, self.right = _ClientCard(self.tr("Client A")), _ClientCard(self.tr("Client B"))
        cards = QHBoxLayout()
        cards.addWidget(self.left)
        cards.addWidget(self.right)
        self.keep_left = QPushButton(self.tr("Merge into A"))
        self.keep_right = QPushButton(self.tr("Merge into B"))
        self.dismiss = QPushButton(self.tr("Different people"))
        self.keep_left.clicked.connect(lambda: self.merge(keep_left=True))
        self.keep_right.clicked.connect(lambda: self.merge(keep_left=False))
        self.dismiss.clicked.connect(self._dismiss)
        actions = QHBoxLayout()
        for button in (self.keep_left, self.keep_right, self.dismiss):
            actions.addWidget(button)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(cards)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        self._pairs: list[services.DuplicatePair] = []
        self.refresh()

    def refresh(self) -> None:
        """Reload the open pairs."""
        self._pairs = list(services.list_duplicates(self._session))
        self.list.clear()
        for p in self._pairs:
            self.list.addItem(f"{p.a.last_name}, {p.a.first_name} / {p.b.last_name}, "
                              f"{p.b.first_name} — {'; '.join(p.reasons)}")
        self.status.setText(self.tr("{n} possible duplicate(s)").format(n=len(self._pairs)))
        if self._pairs:
            self.list.setCurrentRow(0)
        self._show_current()

    def current(self) -> services.DuplicatePair | None:
        """The selected pair."""
        row = self.list.currentRow()
        return self._pairs[row] if 0 <= row < len(self._pairs) else None

    def _show_current(self) -> None:
        pair = self.current()
        for card, client in ((self.left, pair.a if pair else None),
                             (self.right, pair.b if pair else None)):
            count = len(services.intakes_of(self._session, client.id)) if client else 0
            card.show_client(client, count)
        for button in (self.keep_left, self.keep_right, self.dismiss):
            button.setEnabled(pair is not None)

    def merge(self, keep_left: bool) -> None:
        """Merge the selected pair, keeping A (or B)."""
        pair = self.current()
        if pair is None:
            return
        keep, other = (pair.a, pair.b) if keep_left else (pair.b, pair.a)
        try:
            services.merge_clients(self._session, keep.id, other.id)
        except ScreenerError as exc:
            show_error(self, exc)
            return
        self.refresh()
        self.changed.emit()

    def _dismiss(self) -> None:
        pair = self.current()
        if pair is None:
            return
        services.dismiss_duplicate(self._session, pair.id)
        self.refresh()
        self.changed.emit()

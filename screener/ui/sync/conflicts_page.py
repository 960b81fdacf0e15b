"""Conflicts page: answers, client identities, intake statuses and consents both sides
changed, both versions side by side with who, when and on which device; keep one (or, for an
answer, type the right value). Every choice is audited by the service."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.domain import JsonValue
from screener.errors import ScreenerError
from screener.forms.catalog import FormCatalog
from screener.ui.tasks import show_error
from screener.ui.widgets import show_time
from screener.ui.widgets.answer_history import field_label, show_value


def _show(catalog: FormCatalog, field_id: str, value: JsonValue) -> str:
    """A value as people read it: an answer as the form shows it; for a client, intake or
    consent, each field that differs on a line of its own, by its question's label."""
    if isinstance(value, dict):
        return "\n".join(f"{field_label(catalog, name)}: {_show(catalog, name, v)}"
                          for name, v in value.items())
    return show_value(catalog, field_id, value)


class _Side(QGroupBox):
    """One version of the answer: value, who, when, device."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        form = QFormLayout(self)
        self.value, self.who, self.when, self.device = QLabel(), QLabel(), QLabel(), QLabel()
        self.value.setWordWrap(True)
        for label, widget in ((self.tr("Value"), self.value), (self.tr("Entered by"), self.who),
                              (self.tr("When"), self.when), (self.tr("Device"), self.device)):
            form.addRow(label, widget)

    def show_version(self, catalog: FormCatalog, conflict: services.Conflict | None,
                     version: services.ConflictVersion | None) -> None:
        if conflict is None or version is None:
            for label in (self.value, self.who, self.when, self.device):
                label.clear()
            return
        self.value.setText(_show(catalog, conflict.field_id, version.value))
        self.who.setText(version.entered_by or self.tr("not recorded"))
        self.when.setText(show_time(version.entered_at))
        self.device.setText(version.device_id[:8])


class ConflictsPage(QWidget):
    """List of open conflicts; the selected one side by side, with the three choices."""

    changed = Signal()

    def __init__(self, session: services.Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Conflicts"))
        self.list.currentItemChanged.connect(self._show_current)
        self.local, self.remote = _Side(self.tr("Here (current)")), _Side(self.tr("Incoming"))
        sides = QHBoxLayout()
        sides.addWidget(self.local)
        sides.addWidget(self.remote)
        self.keep_local = QPushButton(self.tr("Keep this one"))
        self.keep_remote = QPushButton(self.tr("Keep the incoming one"))
        self.other_value = QLineEdit()
        self.other_value.setPlaceholderText(self.tr("…or type the right value"))
        self.keep_other = QPushButton(self.tr("Keep typed value"))
        self.keep_local.clicked.connect(lambda: self.resolve("local"))
        self.keep_remote.clicked.connect(lambda: self.resolve("remote"))
        self.keep_other.clicked.connect(lambda: self.resolve("value"))
        actions = QHBoxLayout()
        for widget in (self.keep_local, self.keep_remote, self.other_value, self.keep_other):
            actions.addWidget(widget)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Records changed on two devices since they last synced")))
        layout.addWidget(self.list)
        layout.addLayout(sides)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        self._conflicts: list[services.Conflict] = []
        self.refresh()

    def refresh(self) -> None:
        """Reload the open conflicts."""
        self._conflicts = list(services.list_conflicts(self._session))
        self.list.clear()
        for c in self._conflicts:
            self.list.addItem(QListWidgetItem(self._title(c)))
        self.status.setText(self.tr("{n} conflict(s) to review").format(n=len(self._conflicts)))
        if self._conflicts:
            self.list.setCurrentRow(0)
        else:
            self._show_current(None, None)

    def _title(self, c: services.Conflict) -> str:
        if c.kind == "client":
            text = self.tr("Client identity ({fields}) — {client}")
        elif c.kind == "intake":
            text = self.tr("Intake status — intake {intake}")
        elif c.kind == "consent":
            text = self.tr("Consent ({fields}) — {client}")
        else:
            text = self.tr("{fields} — {client}, intake {intake}")
        catalog = self._session.setup.forms
        fields = ", ".join(field_label(catalog, name) for name in c.field_id.split(", "))
        return text.format(fields=fields, client=c.client_name or c.client_id[:8],
                           intake=(c.intake_id or "")[:8])

    def current(self) -> services.Conflict | None:
        """The selected conflict."""
        row = self.list.currentRow()
        return self._conflicts[row] if 0 <= row < len(self._conflicts) else None

    def _show_current(self, *_: object) -> None:
        conflict = self.current()
        catalog = self._session.setup.forms
        self.local.show_version(catalog, conflict, conflict.local if conflict else None)
        self.remote.show_version(catalog, conflict, conflict.remote if conflict else None)
        for button in (self.keep_local, self.keep_remote):
            button.setEnabled(conflict is not None)
        typed = conflict is not None and conflict.kind == "answer"  # records: one side or the other
        self.other_value.setEnabled(typed)
        self.keep_other.setEnabled(typed)

    def resolve(self, keep: str) -> None:
        """Resolve the selected conflict (a quick, single-row write)."""
        conflict = self.current()
        if conflict is None:
            return
        value = None
        if keep == "value":
            value = self.other_value.text().strip()
            if not value:
                self.status.setText(self.tr("Type the value to keep first."))
                return
        try:
            services.resolve_conflict(self._session, conflict.id, keep, value)
        except ScreenerError as exc:
            show_error(self, exc)
            return
        self.other_value.clear()
        self.refresh()
        self.changed.emit()

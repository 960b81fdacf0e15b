"""The audit log viewer (paged) with a "Verify chain" action."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.domain import AuditReport
from screener.ui.models.audit_table import AuditTableModel
from screener.ui.tasks import run_op
from screener.ui.widgets import fit_columns, named


class AuditPage(QWidget):
    """Every audit line, oldest first; the chain check runs off the GUI thread."""

    def __init__(self, session: services.Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._closed = False
        self.model = AuditTableModel(
            lambda after, limit: services.audit_entries(session, after, limit), parent=self)
        self.table = QTableView()
        named(self.table, self.tr("Audit log"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        fit_columns(self.table, ["123456", "12/31/2026 23:59", "username", "intake.complete",
                                 "database", "00000000-0000-0000-0000-000000000000", ""],
                    self.model.headers())
        self.verify_button = QPushButton(self.tr("&Verify chain"))
        self.verify_button.setToolTip(self.tr(
            "Check that no audit line was changed, inserted or deleted."))
        self.verify_button.clicked.connect(self.verify)
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        self.refresh_button.clicked.connect(self.model.reload)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("Verification result"))
        about = QLabel(self.tr(
            "Every view, change, print and export is recorded here with who did it and when. "
            "Lines name records by id only, never personal details."))
        about.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addWidget(self.refresh_button)
        row.addWidget(self.result, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.model.reload()

    def verify(self) -> None:
        session = self._session
        self.verify_button.setEnabled(False)
        self.result.setText(self.tr("Checking the audit log…"))
        run_op(self, lambda _p: services.verify_audit(session), self._verified,
               on_failure=self._failed, label=self.tr("Checking the audit log…"))

    def _verified(self, report: AuditReport) -> None:
        if self._closed:
            return
        self.verify_button.setEnabled(True)
        if report.ok:
            self.result.setStyleSheet("color: #1b5e20;")
            self.result.setText(self.tr("The audit log is intact: {rows} lines checked.")
                                .format(rows=report.rows_checked))
        else:
            self.result.setStyleSheet("color: #b00020;")
            lines = "; ".join(f"#{p.seq}: {p.message}" for p in report.problems[:5])
            self.result.setText(self.tr(
                "The audit log was tampered with: {count} problems in {rows} lines. {lines}"
            ).format(count=len(report.problems), rows=report.rows_checked, lines=lines))
        self.model.reload()

    def _failed(self, error: BaseException) -> None:
        if self._closed:
            return
        self.verify_button.setEnabled(True)
        self.result.setStyleSheet("color: #b00020;")
        self.result.setText(self.tr("The check could not run: {error}").format(error=error))

    def teardown(self) -> None:
        self._closed = True
        self.model.clear()

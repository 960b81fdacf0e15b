"""Export dialog: a field laptop writes its changes for the office; the office writes forms,
rules and chosen clients for one field laptop. The work runs off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.progress import Progress
from screener.ui.sync.files import choose_save_path
from screener.ui.tasks import Op, run_op, show_error


class ExportDialog(QDialog):
    """Write a bundle; shows what went into it when done."""

    def __init__(self, session: services.Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        identity = services.sync_identity(session)
        self._office = identity is not None and identity.role == "office"
        self.setWindowTitle(self.tr("Export bundle"))
        form = QFormLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(self.tr("Bundle file"))
        self.path_edit.setMinimumWidth(420)
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path_edit)
        row.addWidget(choose)
        form.addRow(self.tr("Save to"), row)
        self.full_box = QCheckBox(self.tr("Everything, not only changes since the last export"))
        self.device_box = QComboBox()
        self.clients_edit = QPlainTextEdit()
        self.clients_edit.setPlaceholderText(self.tr("Client ids, one per line"))
        self.forms_box = QCheckBox(self.tr("Include forms and rules"))
        self.forms_box.setChecked(True)
        if self._office:
            for device in services.list_devices(session):
                if not device.peer.revoked:
                    self.device_box.addItem(device.peer.name, device.peer.device_id)
            form.addRow(self.tr("For device"), self.device_box)
            form.addRow(self.tr("Clients"), self.clients_edit)
            form.addRow("", self.forms_box)
        else:
            form.addRow("", self.full_box)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(self.tr("Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.op: Op | None = None

    def _choose(self) -> None:
        path = choose_save_path(self, self.tr("Save bundle"))
        if path:
            self.path_edit.setText(path)

    def start(self) -> None:
        """Export to the chosen file, off the GUI thread."""
        text = self.path_edit.text().strip()
        if not text:
            self.summary.setText(self.tr("Choose where to save the bundle."))
            return
        path = Path(text)
        session = self._session
        if self._office:
            device = self.device_box.currentData()
            clients = [c.strip() for c in self.clients_edit.toPlainText().split() if c.strip()]
            docs = self.forms_box.isChecked()

            def work(progress: Progress) -> services.ExportSummary:
                return services.export_to_device(session, path, device, clients, forms=docs,
                                                 rules=docs, progress=progress)
        else:
            full = self.full_box.isChecked()

            def work(progress: Progress) -> services.ExportSummary:
                return services.export_bundle(session, path, full=full, progress=progress)

        self.export_button.setEnabled(False)
        self.summary.setText(self.tr("Exporting…"))
        self.op = run_op(self, work, self._done, on_failure=self._failed,
                         label=self.tr("Writing the bundle…"))

    def _done(self, result: services.ExportSummary) -> None:
        self.export_button.setEnabled(True)
        counts = " · ".join(f"{kind}s {n}" for kind, n in result.counts) or self.tr("no changes")
        self.summary.setText(self.tr("Wrote {file} for {who}: {counts}.").format(
            file=result.path.name, who=result.recipient, counts=counts))

    def _failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.summary.setText(self.tr("Nothing was exported."))
        show_error(self, error)

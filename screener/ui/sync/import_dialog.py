"""Import dialog: choose bundles, import them off the GUI thread, see what each did."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.errors import ScreenerError
from screener.progress import Progress
from screener.ui.sync.files import choose_open_paths
from screener.ui.tasks import Op, run_op, show_error

#: One result per file: the summary, or the message of why it was refused.
Result = tuple[Path, services.ImportSummary | str]


class ImportDialog(QDialog):
    """Import one or more bundles; a table says what each added, updated and flagged."""

    COLUMNS = ("File", "From", "Added", "Updated", "Conflicts", "Duplicates", "Note")

    def __init__(self, session: services.Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Import bundles"))
        self.files = QListWidget()
        self.files.setAccessibleName(self.tr("Bundles to import"))
        add = QPushButton(self.tr("Add files…"))
        add.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.files)
        row.addWidget(add)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(760, 420)
        self.op: Op | None = None

    def add_files(self, paths: list[str]) -> None:
        """Queue bundles for import."""
        for path in paths:
            self.files.addItem(path)

    def _choose(self) -> None:
        self.add_files(choose_open_paths(self, self.tr("Bundles to import")))

    def start(self) -> None:
        """Import every queued file, off the GUI thread (each all or nothing)."""
        paths = [Path(self.files.item(i).text()) for i in range(self.files.count())]
        if not paths:
            self.summary.setText(self.tr("Add the bundles to import first."))
            return
        session = self._session

        def work(progress: Progress) -> list[Result]:
            results: list[Result] = []
            for path in paths:
                try:
                    results.append((path, services.import_bundle(session, path, progress)))
                except ScreenerError as exc:  # one bad file does not stop the others
                    results.append((path, str(exc)))
            return results

        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Importing…"))
        self.op = run_op(self, work, self._done, on_failure=self._failed,
                         label=self.tr("Checking and merging bundles…"), cancellable=True)

    def _done(self, results: list[Result]) -> None:
        self.import_button.setEnabled(True)
        self.files.clear()
        self.table.setRowCount(len(results))
        conflicts = duplicates = refused = 0
        for row, (path, result) in enumerate(results):
            if isinstance(result, str):
                cells = [path.name, "", "", "", "", "", self.tr("Refused: {why}").format(why=result)]
                refused += 1
            else:
                note = (self.tr("Already imported; nothing changed")
                        if result.already_imported_at else "")
                if result.missing:
                    note = self.tr("Earlier changes not received yet: {ranges}").format(
                        ranges=", ".join(f"{a}-{b}" for a, b in result.missing))
                if result.content is not None and result.content.pack is not None:
                    note = self.tr("Content pack v{version} is in force: {changed} outcome(s) "
                                   "changed").format(version=result.content.pack.version,
                                                     changed=result.content.rescreen.changed)
                elif result.content_refused:
                    note = self.tr("Content pack not installed: {why}").format(
                        why=result.content_refused)
                cells = [path.name, result.device_name, str(result.total_added),
                         str(result.total_updated), str(result.conflicts),
                         str(result.duplicates), note]
                conflicts += result.conflicts
                duplicates += result.duplicates
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.summary.setText(self.tr(
            "{n} file(s): {c} conflict(s) and {d} possible duplicate(s) to review; "
            "{r} refused.").format(n=len(results), c=conflicts, d=duplicates, r=refused))

    def _failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        self.summary.setText(self.tr("Nothing more was imported."))
        show_error(self, error)

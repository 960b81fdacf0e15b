"""The client's next-steps handout: preview, print or save (the Handout button).

Rendered to memory off the GUI thread (`services.render_handout`), in the client's language;
printing and saving work as in the packet dialog (no spool or history of ours).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.progress import Progress
from screener.services import Session
from screener.text import language_of
from screener.ui.packets.dialog import save_pdf_dialog
from screener.ui.packets.preview import PdfPreview, print_pdf
from screener.ui.tasks import run_op
from screener.ui.widgets import report_error


class HandoutDialog(QDialog):
    """Preview, print and save the handout for the programs a packet was made for."""

    def __init__(self, session: Session, client_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handout_dialog")
        self.setWindowTitle(self.tr("Client handout"))
        self._session = session
        self._client_id = client_id
        self.pdf: bytes | None = None
        client = services.get_client(session, client_id)
        self.lang_combo = QComboBox(self)
        self.lang_combo.addItem(self.tr("English"), "en")
        self.lang_combo.addItem(self.tr("Español (Spanish)"), "es")
        self.lang_combo.setCurrentIndex(
            self.lang_combo.findData(language_of(client.preferred_language)))
        self.lang_combo.setAccessibleName(self.tr("Handout language"))
        self.show_health = QCheckBox(self.tr("Show health program names (the client asked)"),
                                     self)
        self.print_button = QPushButton(self.tr("P&rint…"), self)
        self.save_button = QPushButton(self.tr("&Save as PDF…"), self)
        close = QPushButton(self.tr("&Close"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.preview = PdfPreview(self)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Language:"), self))
        for widget in (self.lang_combo, self.show_health, self.print_button, self.save_button,
                       self.status):
            side.addWidget(widget)
        side.addStretch(1)
        side.addWidget(close)
        root = QHBoxLayout(self)
        root.addLayout(side)
        root.addWidget(self.preview, 1)
        self.lang_combo.currentIndexChanged.connect(lambda _i: self.render_preview())
        self.show_health.toggled.connect(lambda _on: self.render_preview())
        self.print_button.clicked.connect(self.print_handout)
        self.save_button.clicked.connect(self.save_handout)
        close.clicked.connect(self.reject)
        self.resize(1000, 720)
        self.render_preview()

    def _options(self) -> tuple[str, bool]:
        return str(self.lang_combo.currentData()), self.show_health.isChecked()

    def render_preview(self) -> None:
        """Render the handout off the GUI thread, then show it."""
        lang, health = self._options()
        session, client_id = self._session, self._client_id
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("Making the handout…"))

        def work(_p: Progress) -> bytes:
            return services.render_handout(session, client_id, lang="es" if lang == "es"
                                           else "en", show_health=health)

        run_op(self, work, lambda pdf: self._rendered(pdf, (lang, health)),
               on_failure=self._failed, label=self.tr("Making the handout…"))

    def _rendered(self, pdf: bytes, options: tuple[str, bool]) -> None:
        if options != self._options():
            return  # the choices changed while it was made: a newer preview is on its way
        self.pdf = pdf
        pages = self.preview.show_pdf(pdf)
        self.print_button.setEnabled(True)
        self.status.setText(self.tr("Preview: {n} pages.").format(n=pages))

    def _failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("The handout could not be made."))
        report_error(self, error)

    def print_handout(self) -> None:
        """Ask the print dialog (window-modal), then print the previewed handout."""
        if self.pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("Client handout"))
        dialog = QPrintDialog(printer, self)
        pdf, session, client_id = self.pdf, self._session, self._client_id

        def work(progress: Progress) -> int:
            pages = print_pdf(pdf, printer, progress)
            services.record_handout_printed(session, client_id)
            return pages

        dialog.accepted.connect(lambda: run_op(
            self, work,
            lambda n: self.status.setText(self.tr("Sent {n} pages to the printer.").format(n=n)),
            on_failure=self._failed, label=self.tr("Printing…")))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        self._print_dialog = dialog

    def save_handout(self) -> None:
        """Ask where (Qt's own dialog, no history), then write the handout there."""
        save_pdf_dialog(self, self.tr("Save the client handout"), self.save_to)

    def save_to(self, path: Path) -> None:
        """Write the handout to `path` off the GUI thread."""
        lang, health = self._options()
        session, client_id = self._session, self._client_id

        def work(_p: Progress) -> Path:
            services.save_handout(session, client_id, path, lang="es" if lang == "es"
                                  else "en", show_health=health)
            return path

        run_op(self, work, lambda p: self.status.setText(
            self.tr("Saved as {name}.").format(name=p.name)), on_failure=self._failed,
            label=self.tr("Saving…"))

    def done(self, result: int) -> None:
        self.preview.clear()
        super().done(result)

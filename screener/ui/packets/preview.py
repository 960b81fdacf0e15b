"""Showing and printing a PDF held in memory, never written to a file of ours (DESIGN §6).

`PdfPreview` loads the bytes through a QBuffer into a QPdfDocument shown by a QPdfView.
`print_pdf` renders each page to an image and paints it on a QPrinter: the printer's own
driver is the only spool. It runs on a worker thread with its own QPdfDocument (Qt PDF
objects stay in the thread that made them).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from screener.progress import Progress

#: Pages are rendered at the printer's resolution up to this (a PDF printer says 1200 dpi,
#: which would make each page image half a gigabyte; 300 dpi is print quality).
MAX_PRINT_DPI = 300


def _open(pdf: bytes, parent: QWidget | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A document reading `pdf` from memory (keep the buffer as long as the document)."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    document.load(buffer)
    return document, buffer


class PdfPreview(QWidget):
    """A scrollable, fit-to-width view of a PDF in memory."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(self.tr("Packet preview"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.document: QPdfDocument | None = None
        self._buffer: QBuffer | None = None

    def show_pdf(self, pdf: bytes) -> int:
        """Show `pdf`; the number of pages (0 if it could not be read)."""
        old = (self.document, self._buffer)
        self.document, self._buffer = _open(pdf, self)
        self.view.setDocument(self.document)
        self._drop(*old)
        if self.document.status() != QPdfDocument.Status.Ready:
            return 0
        return int(self.document.pageCount())

    def clear(self) -> None:
        """Forget the PDF (the view keeps only a guarded pointer to the document)."""
        self._drop(self.document, self._buffer)
        self.document = None
        self._buffer = None

    @staticmethod
    def _drop(document: QPdfDocument | None, buffer: QBuffer | None) -> None:
        if document is not None:
            document.close()
            document.deleteLater()
        if buffer is not None:
            buffer.close()
            buffer.setData(QByteArray())  # the bytes go now, not at the next event loop
            buffer.deleteLater()

    def page_count(self) -> int:
        return int(self.document.pageCount()) if self.document is not None else 0


def print_pdf(pdf: bytes, printer: QPrinter, progress: Progress) -> int:
    """Paint every page (or the range chosen in the print dialog) on `printer`.

    Returns the number of pages printed. Each page is rendered at the printer's resolution
    (at most MAX_PRINT_DPI) and centred on the printable area, keeping its proportions.
    """
    document, buffer = _open(pdf)
    try:
        count = int(document.pageCount())
        first, last = printer.fromPage(), printer.toPage()
        pages = range(max(first, 1) - 1, min(last, count) if last else count)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not be opened")
        try:
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            area = painter.viewport()
            for done, index in enumerate(pages):
                progress.step(done, len(pages))
                if done:
                    printer.newPage()
                points = document.pagePointSize(index)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                image = document.render(index, size)
                target = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                x = area.x() + (area.width() - target.width()) // 2
                y = area.y() + (area.height() - target.height()) // 2
                painter.drawImage(QRect(x, y, target.width(), target.height()), image)
        finally:
            painter.end()
        return len(pages)
    finally:
        document.close()
        buffer.close()

"""The desktop part of `screener --self-test`: are Qt and the files the windows need usable?

Checks the platform plugin, the SVG icon (icon engine plugin), our Spanish translation and
Qt's own, Spanish sorting and case (ICU data), a window font with every Spanish letter, the
packet preview (QtPdf renders the self-test's packet; QPdfView takes it), the print path (this
system's print support plugin, the printer list, a page painted to a PDF printer); the
self-test then imports every UI module. A frozen build that lost a Qt plugin, library or
translation fails here rather than on an intake worker's laptop.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from screener import platform

#: What a Spanish text needs beyond ASCII.
SPANISH_LETTERS = "áéíóúüñÁÉÍÓÚÜÑ¿¡"


def choose_platform() -> None:
    """With no display to talk to (a Linux console, CI), use Qt's offscreen platform: Qt
    aborts the process when the platform it wants is unavailable."""
    if platform.current().needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def check_desktop(packet: Path, pages: int, folder: Path) -> str:
    """Raise AssertionError naming what is missing; else say what was checked."""
    choose_platform()
    from PySide6.QtCore import QCollator, QLibraryInfo, QLocale, QSize, QTranslator, qVersion
    from PySide6.QtGui import QIcon, QPainter, QRawFont
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
    from PySide6.QtWidgets import QApplication

    from screener import paths

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0]])
    icon = QIcon(str(paths.resource("icons", "screener.svg")))
    if icon.isNull() or icon.pixmap(64, 64).isNull():
        raise AssertionError("the app icon (SVG) does not load: Qt's SVG plugins are missing")
    ours = QTranslator()
    if not ours.load("screener_es", str(paths.resource("i18n"))):
        raise AssertionError("resources/i18n/screener_es.qm does not load")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not QTranslator().load("qtbase_es", qt_dir):
        raise AssertionError(f"Qt's Spanish translation (qtbase_es.qm) is not in {qt_dir}")

    # Spanish sorting needs ICU's Spanish collation data (the Linux build trims ICU's data)
    spanish = QCollator(QLocale(QLocale.Language.Spanish, QLocale.Country.Mexico))
    if sorted(["ñu", "nz", "oso"], key=spanish.sortKey) != ["nz", "ñu", "oso"]:
        raise AssertionError("Spanish sorting is wrong: ICU's Spanish collation data is missing")
    if QLocale(QLocale.Language.Spanish).toUpper("ñandú") != "ÑANDÚ":
        raise AssertionError("Spanish upper case is wrong: ICU's case data is missing")

    # the window font must have every letter Spanish needs (a missing one shows as a box)
    raw = QRawFont.fromFont(app.font())
    if missing := [c for c in SPANISH_LETTERS if not raw.supportsCharacter(ord(c))]:
        raise AssertionError(f"the font {raw.familyName()} has no {''.join(missing)}")

    document = QPdfDocument()
    if document.load(str(packet)) != QPdfDocument.Error.None_:
        raise AssertionError("QtPdf cannot open the packet")
    if document.pageCount() != pages:
        raise AssertionError(f"QtPdf sees {document.pageCount()} pages, the packet has {pages}")
    image = document.render(0, QSize(306, 396))
    if image.isNull():
        raise AssertionError("QtPdf cannot render the packet's first page")
    view = QPdfView()
    view.setDocument(document)

    printers = QPrinterInfo.availablePrinterNames()  # loads the print support plugin
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "printsupport"
    wanted = platform.current().print_plugin
    if not any(wanted in p.name for p in plugins.glob("*")):
        raise AssertionError(f"Qt's print support plugin {wanted} is not in {plugins}")
    printed = folder / "printed.pdf"
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    painter = QPainter()
    if not painter.begin(printer):
        raise AssertionError("cannot print to a PDF printer")
    painter.drawImage(0, 0, image)
    painter.end()
    if not printed.read_bytes().startswith(b"%PDF-"):
        raise AssertionError("printing to a PDF printer wrote no PDF")
    printed.unlink()  # a picture of the packet's first page: not left for the scan to excuse
    view.deleteLater()
    document.close()

    return (f"Qt {qVersion()} ({app.platformName()}): icon, translations, Spanish sorting, "
            f"font {raw.familyName()}, PDF preview, "
            f"printing ({wanted}, {len(printers)} printers)")

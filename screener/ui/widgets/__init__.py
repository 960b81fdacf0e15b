"""Small helpers shared by pages and dialogs: labelled fields, dates as people read them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeView,
    QWidget,
)

from screener.clock import LOCAL_ZONE, local_date

_DELETE = Qt.WidgetAttribute.WA_DeleteOnClose


def named(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give `widget` an accessible name (mnemonic ampersands removed) and description."""
    widget.setAccessibleName(name.replace("&", ""))
    if description:
        widget.setAccessibleDescription(description)
    return widget


def buddy(text: str, widget: QWidget) -> QLabel:
    """A label for `widget` (its mnemonic focuses the widget), naming it for screen readers."""
    label = QLabel(text)
    label.setBuddy(widget)
    named(widget, text.rstrip(":"))
    return label


def show_date(iso: str | None) -> str:
    """An ISO date as MM/DD/YYYY (what US forms and the search box use); "" when missing."""
    if not iso:
        return ""
    try:
        return date.fromisoformat(iso[:10]).strftime("%m/%d/%Y")
    except ValueError:
        return iso


def show_day(stamp: str | None) -> str:
    """A stored UTC timestamp as its Los Angeles date, MM/DD/YYYY; "" when missing."""
    if not stamp:
        return ""
    try:
        return local_date(stamp).strftime("%m/%d/%Y")
    except ValueError:
        return stamp


def show_time(stamp: str | None) -> str:
    """A stored UTC timestamp as Los Angeles local date and time; "" when missing."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return moment.astimezone(LOCAL_ZONE).strftime("%m/%d/%Y %H:%M")


def inform(parent: QWidget, title: str, text: str) -> QMessageBox:
    """A non-blocking information box (no nested event loop); deleted when closed."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(_DELETE, True)
    box.open()
    return box


def confirm(parent: QWidget, title: str, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """A non-blocking yes/no question; `on_yes` runs only if the person chooses Yes."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setAttribute(_DELETE, True)

    def done(result: int) -> None:
        if result == QMessageBox.StandardButton.Yes:
            on_yes()

    box.finished.connect(done)
    box.open()
    return box


def report_error(parent: QWidget, error: BaseException) -> QMessageBox:
    """A non-blocking warning for a failure; unexpected errors show their type only."""
    from screener.errors import ScreenerError

    if isinstance(error, ScreenerError):
        text = str(error)
    else:
        text = QCoreApplication.translate(
            "widgets", "Something went wrong ({name}). Nothing you saved was lost."
        ).format(name=type(error).__name__)
    title = QCoreApplication.translate("widgets", "Screener")
    box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(_DELETE, True)
    box.open()
    return box


def fit_columns(view: QAbstractItemView, samples: list[str], headers: list[str]) -> None:
    """Size a table's columns to hold a typical value or their header, whichever is wider."""
    metrics = view.fontMetrics()
    header = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()  # type: ignore[attr-defined]
    bold = header.fontMetrics()
    for column, (sample, title) in enumerate(zip(samples, headers, strict=True)):
        width = max(metrics.horizontalAdvance(sample), bold.horizontalAdvance(title) + 12) + 20
        header.resizeSection(column, width)


def error_label() -> QLabel:
    """A hidden, red, word-wrapped label for what went wrong in a dialog."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.setAccessibleName(QCoreApplication.translate("widgets", "Error"))
    label.hide()
    return label


def dialog_buttons(dialog: QDialog, accept_text: str,
                   on_accept: Callable[[], None]) -> tuple[QDialogButtonBox, QPushButton]:
    """An accept button (its action runs on click, it does not close the dialog by itself)
    and Cancel, which rejects the dialog."""
    buttons = QDialogButtonBox()
    accept = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = buttons.addButton(QCoreApplication.translate("widgets", "Cancel"),
                               QDialogButtonBox.ButtonRole.RejectRole)
    accept.clicked.connect(on_accept)
    cancel.clicked.connect(dialog.reject)
    return buttons, accept

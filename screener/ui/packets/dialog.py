"""Referral packets for a client: pick programs and a language, preview, print or save.

The PDF is rendered off the GUI thread to memory (`services.render_packet`) and previewed in
the dialog; printing paints its pages on the printer (no spool file of ours); saving goes
through Qt's own file dialog (not the system's, so the file name never lands in the
desktop's "recent files"; its history is cleared too) and `services.save_packet` writes the
file atomically.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from screener import services
from screener.progress import Progress
from screener.rules import Outcome
from screener.services import Session
from screener.ui.packets.preview import PdfPreview, print_pdf
from screener.ui.tasks import run_op
from screener.ui.widgets import report_error
from screener.ui.widgets.outcomes import outcome_text


def forget_file_dialog_history() -> None:
    """Clear what Qt's file dialog remembers (folders visited, last folder)."""
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.beginGroup("FileDialog")
    settings.setValue("history", [])
    settings.remove("lastVisited")
    settings.endGroup()
    settings.sync()


def save_pdf_dialog(parent: QWidget, title: str, on_chosen: Callable[[Path], None]) -> None:
    """Ask where to save a client's PDF: Qt's own dialog (not the system's recent files),
    with no history, wiped again when it closes (Qt writes its last folder on destruction),
    so no trace of where a client's document went is kept."""
    dialog = QFileDialog(parent, title)
    dialog.setObjectName("save_dialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(QCoreApplication.translate("PacketDialog", "PDF files (*.pdf)"))
    dialog.setDefaultSuffix("pdf")
    dialog.setHistory([])
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.fileSelected.connect(lambda name: on_chosen(Path(name)))
    dialog.destroyed.connect(forget_file_dialog_history)
    dialog.open()


class _ClickLabel(QLabel):
    """A program's name beside its check box: wraps instead of being cut off, and a click
    on it toggles the box."""

    def __init__(self, box: QCheckBox, parent: QWidget) -> None:
        super().__init__(parent)
        self._box = box
        self.setWordWrap(True)

    def mouseReleaseEvent(self, event: Any) -> None:
        if self._box.isEnabled():
            self._box.toggle()
        super().mouseReleaseEvent(event)


class PacketDialog(QDialog):
    """Build, preview, print and save a client's referral packet."""

    def __init__(self, session: Session, client_id: str, parent: QWidget | None = None,
                 program_id: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("packet_dialog")
        self._initial = program_id
        self.setWindowTitle(self.tr("Referral packet"))
        self._session = session
        self._client_id = client_id
        self.pdf: bytes | None = None
        self.packet: services.RenderedPacket | None = None
        self._rendered_for: tuple[tuple[str, ...], str] | None = None
        self.boxes: dict[str, QCheckBox] = {}
        self._labels: dict[str, QLabel] = {}

        self._choices: tuple[services.PacketChoice, ...] = ()
        programs = QGroupBox(self.tr("Programs"), self)
        self._programs_layout = QVBoxLayout(programs)
        self._programs_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(programs)
        scroll.setMinimumWidth(460)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        lang_label = QLabel(self.tr("Packet &language:"), self)
        self.lang_combo = QComboBox(self)
        self.lang_combo.setObjectName("packet_language")
        self.lang_combo.addItem(self.tr("English"), "en")
        self.lang_combo.addItem(self.tr("Español (Spanish)"), "es")
        self.lang_combo.setToolTip(self.tr("The receiving provider's language (English unless "
                                           "programs.yaml says otherwise)"))
        self.lang_combo.setAccessibleName(self.tr("Packet language"))
        lang_label.setBuddy(self.lang_combo)
        self.lang_combo.currentIndexChanged.connect(self._changed)
        self.lang_combo.currentIndexChanged.connect(lambda _i: self._name_programs())

        self.preview_button = QPushButton(self.tr("&Preview"), self)
        self.print_button = QPushButton(self.tr("P&rint…"), self)
        self.save_button = QPushButton(self.tr("&Save as PDF…"), self)
        self.close_button = QPushButton(self.tr("&Close"), self)
        for button in (self.preview_button, self.print_button, self.save_button,
                       self.close_button):
            button.setAutoDefault(False)
        self.preview_button.setDefault(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.preview = PdfPreview(self)

        side = QVBoxLayout()
        side.addWidget(scroll, 1)
        side.addWidget(lang_label)
        side.addWidget(self.lang_combo)
        side.addWidget(self.preview_button)
        side.addWidget(self.print_button)
        side.addWidget(self.save_button)
        side.addWidget(self.status)
        side.addWidget(self.close_button)
        root = QHBoxLayout(self)
        root.addLayout(side)
        root.addWidget(self.preview, 1)
        self.preview_button.clicked.connect(self.render_preview)
        self.print_button.clicked.connect(self.print_packet)
        self.save_button.clicked.connect(self.save_packet)
        self.close_button.clicked.connect(self.reject)
        self.resize(1200, 720)
        self._changed()
        self.status.setText(self.tr("Working out the programs…"))
        run_op(self, lambda _p: services.packet_choices(session, client_id), self._choices_ready,
               on_failure=self._failed, label=self.tr("Working out the programs…"))

    def _choices_ready(self, choices: tuple[services.PacketChoice, ...]) -> None:
        """A check box per program, grouped by receiving provider (one packet goes to one
        provider). Nothing is ticked but the program chosen on the eligibility screen; a
        program not taking referrals, or needing a consent first, cannot be ticked."""
        self._choices = choices
        groups: dict[str, QVBoxLayout] = {}
        for choice in sorted(choices, key=lambda c: (not c.referable, c.provider_name)):
            layout = groups.get(choice.provider)
            if layout is None:
                # A wrapping heading, not a group box: a box's title sets its minimum width
                # and would push long program names out of sight.
                heading = QLabel(f"<b>{html.escape(choice.provider_name)}</b>", self)
                heading.setObjectName(f"provider_{choice.provider}")
                heading.setWordWrap(True)
                layout = groups[choice.provider] = QVBoxLayout()
                layout.setContentsMargins(12, 0, 0, 6)
                at = self._programs_layout.count() - 1
                self._programs_layout.insertWidget(at, heading)
                self._programs_layout.insertLayout(at + 1, layout)
            box = QCheckBox(self)
            box.setObjectName(f"program_{choice.program_id}")
            label = _ClickLabel(box, self)
            row = QHBoxLayout()
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(label, 1)
            layout.addLayout(row)
            box.setEnabled(choice.referable and choice.consent_needed is None)
            box.setChecked(box.isEnabled() and choice.program_id == self._initial)
            box.toggled.connect(self._changed)
            self.boxes[choice.program_id] = box
            self._labels[choice.program_id] = label
        self._name_programs()
        chain = [*self.boxes.values(), self.lang_combo, self.preview_button, self.print_button,
                 self.save_button, self.close_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        if self.boxes:
            next(iter(self.boxes.values())).setFocus()
        self._changed()
        if self.selected_programs():
            self.render_preview()

    # -- choices --------------------------------------------------------------------------

    def selected_programs(self) -> list[str]:
        return [pid for pid, box in self.boxes.items() if box.isChecked()]

    def language(self) -> str:
        return str(self.lang_combo.currentData())

    def _key(self) -> tuple[tuple[str, ...], str]:
        return tuple(self.selected_programs()), self.language()

    def _name_programs(self) -> None:
        """Program names in the packet's language, whole (they wrap), with the outcome and
        why a program cannot be chosen."""
        for choice in self._choices:
            text = f"{outcome_text(choice.outcome)} — {choice.title.get(self.language())}"
            if choice.consent_needed is not None and choice.referable:
                text += "\n" + self.tr("Needs a consent first: {what}.").format(
                    what=self.tr("sign a release of information that includes this "
                                 "program's health information"))
            elif choice.outcome is Outcome.ELIGIBLE and not choice.referable:
                text += "\n" + self.tr("Not taking referrals now.")
            self._labels[choice.program_id].setText(text)
            self.boxes[choice.program_id].setAccessibleName(text)

    def _providers_chosen(self) -> set[str]:
        return {c.provider for c in self._choices if self.boxes[c.program_id].isChecked()}

    def _changed(self) -> None:
        # One packet per provider: once a program is ticked, other providers' wait.
        chosen_providers = self._providers_chosen()
        for choice in self._choices:
            box = self.boxes[choice.program_id]
            allowed = choice.referable and choice.consent_needed is None
            box.setEnabled(allowed and (not chosen_providers
                                        or choice.provider in chosen_providers))
        chosen = bool(self.selected_programs())
        self.preview_button.setEnabled(chosen)
        current = self.pdf is not None and self._rendered_for == self._key()
        self.print_button.setEnabled(current)
        self.save_button.setEnabled(chosen)
        if not chosen:
            self.status.setText(self.tr("Choose at least one program."))
        elif not current:
            self.status.setText(self.tr("Press Preview to see the packet."))

    # -- preview --------------------------------------------------------------------------

    def render_preview(self) -> None:
        """Render the packet to memory off the GUI thread, then show it."""
        programs, lang = self._key()
        if not programs:
            return
        session, client_id = self._session, self._client_id
        self.preview_button.setEnabled(False)
        self.status.setText(self.tr("Making the packet…"))

        def work(_p: Progress) -> services.RenderedPacket:
            return services.render_packet(session, client_id, list(programs),
                                          lang="es" if lang == "es" else "en")

        run_op(self, work, lambda packet: self._rendered(packet, (programs, lang)),
               on_failure=self._failed, label=self.tr("Making the packet…"))

    def _rendered(self, packet: services.RenderedPacket, key: tuple[tuple[str, ...], str]) -> None:
        self.packet = packet
        self.pdf = packet.pdf
        self._rendered_for = key
        pages = self.preview.show_pdf(packet.pdf)
        self._changed()
        self.status.setText(self.tr("Preview: {n} pages.").format(n=pages))

    def _failed(self, error: BaseException) -> None:
        self._changed()
        self.status.setText(self.tr("The packet could not be made."))
        report_error(self, error)

    # -- print ----------------------------------------------------------------------------

    def print_packet(self) -> None:
        """Ask the print dialog (window-modal), then print the previewed packet."""
        if self.pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("Referral packet"))
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, max(self.preview.page_count(), 1))
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()  # like open(): no nested event loop
        self._print_dialog = dialog  # keep it (and the printer) alive while open

    def print_to(self, printer: QPrinter) -> None:
        """Print the previewed packet on `printer` off the GUI thread, and log it."""
        packet = self.packet
        if packet is None:
            return
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("Printing…"))
        session, client_id = self._session, self._client_id

        def work(progress: Progress) -> int:
            pages = print_pdf(packet.pdf, printer, progress)
            services.record_packet_printed(session, client_id, packet)
            return pages

        run_op(self, work, self._printed, on_failure=self._failed,
               label=self.tr("Printing…"))

    def _printed(self, pages: int) -> None:
        self._changed()
        self.status.setText(self.tr("Sent {n} pages to the printer.").format(n=pages))

    # -- save -----------------------------------------------------------------------------

    def save_packet(self) -> None:
        """Ask where (Qt's own dialog, no history), then write the packet there."""
        save_pdf_dialog(self, self.tr("Save the referral packet"), self.save_to)

    def save_to(self, path: Path) -> None:
        """Write the packet for the chosen programs to `path` (off the GUI thread)."""
        programs, lang = self._key()
        if not programs:
            return
        session, client_id = self._session, self._client_id
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))

        def work(_p: Progress) -> Path:
            services.save_packet(session, client_id, list(programs), path,
                                 lang="es" if lang == "es" else "en")
            return path

        run_op(self, work, self._saved, on_failure=self._failed, label=self.tr("Saving…"))

    def _saved(self, path: Path) -> None:
        self._changed()
        self.status.setText(self.tr("Saved as {name}.").format(name=path.name))

    def done(self, result: int) -> None:
        self.preview.clear()
        super().done(result)


"""The packet dialog: nothing ticked but the chosen program, one provider per packet,
preview in memory, save and print; the handout dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from screener import services
from screener.ui import tasks
from tests.ui.intake.conftest import LAPTOP

ELIGIBLE_ANSWERS = {
    "county_of_residence": "los_angeles", "in_custody": False, "release_date": "2026-10-01",
    "release_facility_type": "county_jail", "housing_status": "unsheltered",
    "dob": "1980-01-01", "supervision_type": "probation_felony",
}


def open_dialog(qtbot: Any, session: services.Session, client_id: str,
                program_id: str | None = None) -> Any:
    from screener.ui.packets.dialog import PacketDialog

    dialog = PacketDialog(session, client_id, program_id=program_id)
    qtbot.addWidget(dialog)
    dialog.resize(*LAPTOP)
    dialog.show()
    qtbot.waitUntil(lambda: not tasks.running_ops(), timeout=30_000)
    return dialog


def only(qtbot: Any, dialog: Any, program_id: str) -> None:
    """Keep one program ticked and preview it (the print log audits a short list)."""
    for pid, box in dialog.boxes.items():
        box.setChecked(pid == program_id)
    dialog.render_preview()
    qtbot.waitUntil(lambda: not tasks.running_ops(), timeout=30_000)


def test_only_the_chosen_program_is_ticked_and_previewed_from_memory(
    qtbot: Any, session: services.Session, client_id: str, intake_id: str, tmp_path: Path,
    monkeypatch: Any,
) -> None:
    for field_id, value in ELIGIBLE_ANSWERS.items():
        services.save_answer(session, intake_id, field_id, value)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)  # no temp file of ours appears here
    assert not any(b.isChecked() for b in open_dialog(qtbot, session, client_id).boxes.values())
    dialog = open_dialog(qtbot, session, client_id, "interim_housing")
    assert dialog.selected_programs() == ["interim_housing"]
    # One packet per provider: another provider's program waits until this one is unticked.
    assert not dialog.boxes["pcp_linkage"].isEnabled()
    dialog.boxes["interim_housing"].setChecked(False)
    assert dialog.boxes["basic_needs_linkage"].isEnabled()
    # A program whose referral tells about mental health needs a consent first.
    assert not dialog.boxes["odr_housing"].isEnabled()
    dialog.boxes["interim_housing"].setChecked(True)
    dialog.render_preview()
    qtbot.waitUntil(lambda: not tasks.running_ops(), timeout=30_000)
    document = dialog.preview.document
    assert document is not None and document.status() == QPdfDocument.Status.Ready
    assert dialog.preview.page_count() >= 2
    assert dialog.print_button.isEnabled()
    assert list(work.iterdir()) == []


def test_packet_is_saved_through_qts_own_file_dialog_without_history(
    qtbot: Any, session: services.Session, client_id: str, intake_id: str, tmp_path: Path,
) -> None:
    config = tmp_path / "config"
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(config))
    for field_id, value in ELIGIBLE_ANSWERS.items():
        services.save_answer(session, intake_id, field_id, value)
    dialog = open_dialog(qtbot, session, client_id)
    only(qtbot, dialog, "interim_housing")
    dialog.save_packet()
    chooser = dialog.findChild(QFileDialog, "save_dialog")
    assert chooser.testOption(QFileDialog.Option.DontUseNativeDialog)
    target = tmp_path / "packet.pdf"
    chooser.selectFile(str(target))
    chooser.accept()
    qtbot.waitUntil(lambda: not tasks.running_ops(), timeout=30_000)
    assert target.read_bytes().startswith(b"%PDF")
    assert "Saved as packet.pdf" in dialog.status.text()
    qtbot.waitUntil(lambda: dialog.findChild(QFileDialog, "save_dialog") is None)  # closed
    remembered = QSettings(QSettings.Scope.UserScope, "QtProject")
    assert remembered.value("FileDialog/history") in ([], None)
    assert remembered.value("FileDialog/lastVisited") is None
    assert "packet.pdf" not in "".join(p.read_text() for p in config.rglob("*") if p.is_file())


def test_printing_paints_every_page_on_the_printer(
    qtbot: Any, session: services.Session, client_id: str, intake_id: str, tmp_path: Path,
) -> None:
    for field_id, value in ELIGIBLE_ANSWERS.items():
        services.save_answer(session, intake_id, field_id, value)
    dialog = open_dialog(qtbot, session, client_id)
    only(qtbot, dialog, "interim_housing")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a printer we can read back
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    dialog.print_to(printer)
    qtbot.waitUntil(lambda: not tasks.running_ops(), timeout=30_000)
    printed = QPdfDocument()
    printed.load(str(out))
    assert printed.pageCount() == dialog.preview.page_count()
    assert "Sent" in dialog.status.text()
    assert [p.program_id for p in services.packets_of(session, client_id)] == ["interim_housing"]


def test_handout_dialog_previews_the_handout_in_the_clients_language(
    qtbot: Any, session: services.Session, client_id: str, intake_id: str, tmp_path: Path
) -> None:
    from screener.ui.packets.handout_dialog import HandoutDialog

    for field_id, value in ELIGIBLE_ANSWERS.items():
        services.save_answer(session, intake_id, field_id, value)
    services.save_packet(session, client_id, ["interim_housing"], tmp_path / "p.pdf")
    dialog = HandoutDialog(session, client_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not tasks.running_ops(), timeout=30_000)
    assert dialog.pdf is not None and dialog.preview.page_count() == 1
    assert dialog.print_button.isEnabled()

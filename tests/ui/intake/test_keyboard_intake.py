"""A whole intake taken with the keyboard alone, from the first question to Finish."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QRadioButton

from screener import services
from screener.ui import tasks
from tests.ui.intake.conftest import focused, press, tab_to, type_text

Wizard = Any


def take_intake_by_keyboard(qtbot: Any, wizard: Wizard) -> None:
    """Answer the required questions with keys only; Return moves section by section."""

    def to(kind: type, name: str) -> Any:
        target = wizard.findChild(kind, name)
        assert target is not None, name
        tab_to(qtbot, target)
        return target

    def pick(field_id: str, value: str) -> None:
        """Tab into the options, arrow to the wanted one, Space picks it."""
        first = wizard.pages[wizard.current].views[field_id].editor.buttons()[0]
        tab_to(qtbot, first)
        target = wizard.findChild(QRadioButton, f"choice_{field_id}_{value}")
        for _ in range(12):
            if focused() is target:
                break
            press(qtbot, Qt.Key.Key_Down)
        assert focused() is target, f"arrows never reached {value}"
        press(qtbot, Qt.Key.Key_Space)

    assert wizard.current == "identity"
    # The client record's name is already there: nobody types it twice.
    assert wizard.findChild(QLineEdit, "edit_first_name").text()
    assert wizard.findChild(QLineEdit, "edit_last_name").text()
    to(QLineEdit, "edit_dob")
    type_text(qtbot, "04/12/1988")  # the way US staff write it
    pick("gender", "woman")
    pick("preferred_language", "en")
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.current == "contact"
    type_text(qtbot, "213 555 0142")  # the phone: the first question of the section
    pick("county_of_residence", "los_angeles")
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.current == "custody"
    pick("in_custody", "False")
    to(QLineEdit, "edit_release_date")  # shown by the answer just given
    type_text(qtbot, "10/1/26")
    pick("release_facility_type", "county_jail")
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.current == "supervision"
    pick("supervision_type", "probation_felony")
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.current == "housing"
    pick("housing_status", "unsheltered")
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.current == "health"
    pick("health_coverage", "none")
    for _ in range(30):  # the remaining sections: Return moves on, then reaches Finish
        if focused() is wizard.finish_button:
            break
        press(qtbot, Qt.Key.Key_Return)
    assert focused() is wizard.finish_button
    assert wizard.current == "voting"


def test_complete_intake_with_the_keyboard_only_then_eligibility_and_packet(
    qtbot: Any, open_wizard: Callable[[str], Wizard], session: services.Session,
    client_id: str, tmp_path: Path,
) -> None:
    intake_id = services.start_intake(session, client_id, "intake", 1, from_record=True).id
    wizard = open_wizard(intake_id)
    take_intake_by_keyboard(qtbot, wizard)
    with qtbot.waitSignal(wizard.finished, timeout=10_000):
        press(qtbot, Qt.Key.Key_Return)  # on Finish
    intake = services.get_intake(session, intake_id)
    assert intake.status is services.IntakeStatus.COMPLETE
    answers = services.answer_values(session, intake_id)
    assert answers["release_date"] == "2026-10-01"
    assert answers["dob"] == "1988-04-12"
    assert answers["phone"] == "213-555-0142"
    assert answers["housing_status"] == "unsheltered"
    assert answers["in_custody"] is False

    # The determinations stored on completion are shown, with their reasons.
    from screener.ui.eligibility.view import EligibilityView
    from screener.ui.packets.dialog import PacketDialog

    view = EligibilityView(session, client_id)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.refreshed, timeout=20_000):
        view.show()
    assert "Eligible" in view.cards["interim_housing"].outcome.text()
    assert services.client_screening(session, client_id) is not None

    # A packet for one eligible program, saved with the keyboard through the file dialog.
    wizard.close()
    view.close()
    dialog = PacketDialog(session, client_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: not tasks.running_ops() and bool(dialog.boxes), timeout=30_000)
    for program_id, box in dialog.boxes.items():
        box.setChecked(program_id == "interim_housing")
    dialog.activateWindow()  # after the progress window of the background work
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # Save as PDF…
    qtbot.waitUntil(lambda: dialog.findChild(QFileDialog, "save_dialog") is not None)
    chooser = dialog.findChild(QFileDialog, "save_dialog")
    target = tmp_path / "referral.pdf"
    qtbot.waitUntil(lambda: isinstance(focused(), QLineEdit) and chooser.isAncestorOf(focused()))
    type_text(qtbot, str(target))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: target.exists() and not tasks.running_ops(), timeout=30_000)
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.program_id for p in services.packets_of(session, client_id)] == ["interim_housing"]

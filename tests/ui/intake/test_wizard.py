"""The intake wizard, driven like a person: keys, Tab, Return, arrow keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton, QRadioButton, QWidget

from screener import services
from screener.clock import FixedClock
from tests.ui.intake.conftest import focused, press, reopen, tab_to, type_text

Wizard = Any

#: The required answers of the intake form: enough for complete_intake.
REQUIRED_ANSWERS: dict[str, Any] = {
    "first_name": "Maria", "last_name": "Lopez", "dob": "1988-04-12", "gender": "woman",
    "preferred_language": "en", "county_of_residence": "los_angeles", "in_custody": False,
    "release_date": "2026-10-01", "release_facility_type": "county_jail",
    "supervision_type": "none", "housing_status": "unsheltered",
}


def child(wizard: QWidget, kind: type, name: str) -> Any:
    found = wizard.findChild(kind, name)
    assert found is not None, name
    return found


def row(wizard: Wizard, field_id: str) -> QWidget:
    return child(wizard, QWidget, f"row_{field_id}")


def stored(db_path: Path, clock: FixedClock, intake_id: str) -> dict[str, object]:
    with reopen(db_path, clock) as other:
        return dict(services.answer_values(other, intake_id))


def test_answers_are_saved_when_finished_and_survive_reopening(
    qtbot: Any, open_wizard: Callable[[str], Wizard], intake_id: str, db_path: Path,
    clock: FixedClock,
) -> None:
    wizard = open_wizard(intake_id)
    first = child(wizard, QLineEdit, "edit_first_name")
    assert focused() is first  # a new intake opens on its first question
    type_text(qtbot, "Maria")
    assert "first_name" not in stored(db_path, clock, intake_id)  # not while typing
    press(qtbot, Qt.Key.Key_Tab)
    assert stored(db_path, clock, intake_id)["first_name"] == "Maria"
    assert "Saved" in wizard.saved.text()
    tab_to(qtbot, child(wizard, QRadioButton, "choice_gender_woman"))
    press(qtbot, Qt.Key.Key_Space)
    assert stored(db_path, clock, intake_id)["gender"] == "woman"
    # Typed text is never lost when switching sections: it is saved on the way out.
    wizard.go_to("phone")
    type_text(qtbot, "(213) 555-0142")
    qtbot.keyClick(wizard.next_button, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.current == "custody")
    assert stored(db_path, clock, intake_id)["phone"] == "213-555-0142"


def test_impossible_date_shows_a_message_and_saves_nothing(
    qtbot: Any, open_wizard: Callable[[str], Wizard], intake_id: str, db_path: Path,
    clock: FixedClock,
) -> None:
    wizard = open_wizard(intake_id)
    dob = child(wizard, QLineEdit, "edit_dob")
    tab_to(qtbot, dob)
    type_text(qtbot, "1990-02-30")
    press(qtbot, Qt.Key.Key_Tab)
    message = row(wizard, "dob").message
    assert message.isVisible()
    assert "not a real date" in message.text()
    assert dob.text() == "1990-02-30"  # what was typed stays, to be corrected
    assert "dob" not in stored(db_path, clock, intake_id)
    assert "Not saved" in wizard.saved.text()
    # Return does not leave a section with an answer that could not be read.
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.current == "identity" and focused() is dob
    dob.selectAll()
    type_text(qtbot, "1990-02-28")
    press(qtbot, Qt.Key.Key_Tab)
    assert not message.isVisible()
    assert stored(db_path, clock, intake_id)["dob"] == "1990-02-28"
    assert row(wizard, "age_years").value_label.text() == "36"  # computed, read-only


def test_skip_logic_shows_and_hides_questions_live(
    qtbot: Any, open_wizard: Callable[[str], Wizard], intake_id: str,
) -> None:
    wizard = open_wizard(intake_id)
    wizard.go_to("in_custody")
    expected, released = row(wizard, "expected_release_date"), row(wizard, "release_date")
    assert not expected.isVisible() and not released.isVisible()
    yes = child(wizard, QRadioButton, "choice_in_custody_True")
    assert focused() is yes
    press(qtbot, Qt.Key.Key_Space)
    assert expected.isVisible() and not released.isVisible()
    press(qtbot, Qt.Key.Key_Right)  # arrow keys move the pick once one is picked
    assert child(wizard, QRadioButton, "choice_in_custody_False").isChecked()
    assert released.isVisible() and not expected.isVisible()
    press(qtbot, Qt.Key.Key_Delete)  # clears the answer: the condition is unknown again
    assert not released.isVisible() and not expected.isVisible()


def test_exclusive_choice_clears_the_others(
    qtbot: Any, open_wizard: Callable[[str], Wizard], intake_id: str, db_path: Path,
    clock: FixedClock,
) -> None:
    wizard = open_wizard(intake_id)
    wizard.go_to("legal_needs")
    record = child(wizard, QCheckBox, "choice_legal_needs_record_clearance")
    none = child(wizard, QCheckBox, "choice_legal_needs_none")
    assert focused() is record
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, child(wizard, QCheckBox, "choice_legal_needs_immigration"))
    press(qtbot, Qt.Key.Key_Space)
    assert stored(db_path, clock, intake_id)["legal_needs"] == ["record_clearance", "immigration"]
    tab_to(qtbot, none)
    press(qtbot, Qt.Key.Key_Space)
    assert not record.isChecked()
    assert stored(db_path, clock, intake_id)["legal_needs"] == ["none"]


def test_resuming_a_draft_lands_on_the_section_and_question_left(
    qtbot: Any, open_wizard: Callable[[str], Wizard], intake_id: str,
) -> None:
    wizard = open_wizard(intake_id)
    wizard.go_to("housing_status")
    press(qtbot, Qt.Key.Key_Space)
    wizard.go_to("employment_status")
    tab_to(qtbot, child(wizard, QLineEdit, "edit_income_monthly"))
    wizard.close()
    again = open_wizard(intake_id)
    assert again.current == "employment"
    assert focused() is child(again, QLineEdit, "edit_income_monthly")


def test_phq9_item_9_above_zero_shows_the_urgent_banner_at_once(
    qtbot: Any, open_wizard: Callable[[str], Wizard], intake_id: str,
) -> None:
    wizard = open_wizard(intake_id)
    assert not wizard.banner.isVisible()
    wizard.go_to("phq9_1")
    item9 = child(wizard, QRadioButton, "choice_phq9_9_0")
    tab_to(qtbot, item9)
    press(qtbot, Qt.Key.Key_Space)  # "Not at all": no flag
    assert not wizard.banner.isVisible()
    press(qtbot, Qt.Key.Key_Right)  # "Several days"
    assert child(wizard, QRadioButton, "choice_phq9_9_1").isChecked()
    assert wizard.banner.isVisible()
    assert "URGENT" in wizard.banner.urgent_text()
    assert "self-harm" in wizard.banner.urgent_text()
    # The banner stays on every section until the answer changes.
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.current == "gad7" and wizard.banner.isVisible()


def test_editing_a_completed_intake_asks_why_and_keeps_the_reason(
    qtbot: Any, open_wizard: Callable[[str], Wizard], session: services.Session, intake_id: str,
) -> None:
    from screener.ui.intake.reason_dialog import ReasonDialog

    for field_id, value in REQUIRED_ANSWERS.items():
        services.save_answer(session, intake_id, field_id, value)
    services.complete_intake(session, intake_id)
    wizard = open_wizard(intake_id)
    assert wizard.notice.isVisible()
    first = child(wizard, QLineEdit, "edit_first_name")
    first.selectAll()
    type_text(qtbot, "Mariana")
    press(qtbot, Qt.Key.Key_Tab)
    dialog = wizard.findChild(ReasonDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: focused() is dialog.edit)
    type_text(qtbot, "Client spelled it")
    press(qtbot, Qt.Key.Key_Return)
    history = services.answer_history(session, intake_id, "first_name")
    assert [v.value for v in history] == ["Maria", "Mariana"]
    assert history[-1].reason == "Client spelled it"
    # Cancelling keeps the earlier answer, on screen and in the database.
    qtbot.waitUntil(lambda: wizard.isAncestorOf(focused()))  # back where the person was
    first.setFocus()
    first.selectAll()
    type_text(qtbot, "Mary")
    press(qtbot, Qt.Key.Key_Tab)
    dialog = [d for d in wizard.findChildren(ReasonDialog) if d.isVisible()][0]
    qtbot.waitUntil(lambda: focused() is dialog.edit)
    press(qtbot, Qt.Key.Key_Escape)
    assert first.text() == "Mariana"
    assert services.answer_values(session, intake_id)["first_name"] == "Mariana"


def test_repeat_group_entries_are_added_and_removed(
    qtbot: Any, open_wizard: Callable[[str], Wizard], intake_id: str, db_path: Path,
    clock: FixedClock,
) -> None:
    wizard = open_wizard(intake_id)
    wizard.go_to("children_under_18")
    type_text(qtbot, "2")
    press(qtbot, Qt.Key.Key_Tab)
    add = child(wizard, QPushButton, "add_children")
    tab_to(qtbot, add)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is not add)
    type_text(qtbot, "Ana")  # the new entry's first question has the focus
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "7")
    press(qtbot, Qt.Key.Key_Tab)
    assert stored(db_path, clock, intake_id)["children"] == [
        {"child_first_name": "Ana", "child_age": 7}]
    tab_to(qtbot, add)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "Luis")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "19")  # too old: the form says so, for this entry only
    press(qtbot, Qt.Key.Key_Tab)
    editor = row(wizard, "children").editor
    assert "at most 17" in editor.entries[1].rows["child_age"].message.text()
    assert not editor.entries[0].rows["child_age"].message.isVisible()
    remove = editor.entries[1].remove
    tab_to(qtbot, remove)
    press(qtbot, Qt.Key.Key_Return)
    assert stored(db_path, clock, intake_id)["children"] == [
        {"child_first_name": "Ana", "child_age": 7}]


def test_finishing_with_answers_missing_says_where_and_keeps_the_draft(
    qtbot: Any, open_wizard: Callable[[str], Wizard], session: services.Session, intake_id: str,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    wizard = open_wizard(intake_id)
    type_text(qtbot, "Maria")
    qtbot.keyClick(wizard.finish_button, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.findChild(QMessageBox, "finish_blocked") is not None)
    box = wizard.findChild(QMessageBox, "finish_blocked")
    assert "About you" in box.text() and "Housing" in box.text()
    box.defaultButton().click()  # Go to the first one
    assert wizard.current == "identity"
    assert "needs an answer" in row(wizard, "last_name").message.text()  # now shown inline
    assert services.get_intake(session, intake_id).status is services.IntakeStatus.DRAFT
    assert services.answer_values(session, intake_id)["first_name"] == "Maria"


def test_switching_language_retranslates_instrument_grids(
    qtbot: Any, open_wizard: Callable[[str], Wizard], intake_id: str,
) -> None:
    from PySide6.QtWidgets import QLabel

    wizard = open_wizard(intake_id)
    wizard.go_to("phq9_1")
    page = wizard.pages["phq9"]

    def texts() -> str:
        return " ".join(label.text() for label in page.findChildren(QLabel))

    for index in range(wizard.lang_combo.count()):
        wizard.lang_combo.setCurrentIndex(index)
        lang = wizard.lang_combo.itemData(index)
        shown = texts()
        if lang == "es":
            assert "Poco interés" in shown and "Ningún" in shown and "Little interest" not in shown
        else:
            assert "Little interest" in shown and "Not at all" in shown and "Poco interés" not in shown


def test_phq9_is_typed_as_its_scores_with_keys_0_to_3(
    qtbot: Any, open_wizard: Callable[[str], Wizard], db_path: Path, clock: FixedClock,
    intake_id: str,
) -> None:
    wizard = open_wizard(intake_id)
    wizard.go_to("phq9_1")
    tab_to(qtbot, child(wizard, QRadioButton, "choice_phq9_1_0"))
    for digit in "012301230":
        press(qtbot, Qt.Key(Qt.Key.Key_0 + int(digit)))
    answers = stored(db_path, clock, intake_id)
    assert [answers[f"phq9_{i}"] for i in range(1, 10)] == [0, 1, 2, 3, 0, 1, 2, 3, 0]
    assert child(wizard, QRadioButton, "choice_phq9_4_3").isChecked()


def test_tab_after_the_children_count_reaches_add_an_entry(
    qtbot: Any, open_wizard: Callable[[str], Wizard], intake_id: str,
) -> None:
    wizard = open_wizard(intake_id)
    wizard.go_to("children_under_18")
    assert focused() is child(wizard, QLineEdit, "edit_children_under_18")
    type_text(qtbot, "2")
    add = next(b for b in wizard.findChildren(QPushButton) if b.text() == "Add an entry")
    seen = []
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(focused())
        if focused() is add:
            break
    assert add in seen, [w.objectName() or type(w).__name__ for w in seen]
    # Only the reunification question (shown by the count) comes between them.
    assert all(w is add or w.objectName().startswith("choice_family_reunification_goal")
               for w in seen), [w.objectName() for w in seen]

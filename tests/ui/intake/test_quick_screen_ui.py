"""The quick screen in the wizard, by keyboard: Alt+Q, then only the questions that can
still change an outcome, the tracks turning from ? to ✓ / ✗, Finish on the results."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QRadioButton

from screener import services
from screener.clock import FixedClock
from screener.ui.mnemonics import mnemonic_of
from tests.ui.intake.conftest import focused, press, type_text

Wizard = Any
ALT = Qt.KeyboardModifier.AltModifier
#: What the person says, by question type (anything else is skipped with Alt+K).
TYPED = {"date": "10/1/26", "integer": "0", "decimal": "0", "phone": "213 555 0142",
         "text": "x", "email": "x@example.org"}


def alt(text: str) -> Qt.Key:
    letter = mnemonic_of(text)
    assert letter is not None, text
    return Qt.Key(ord(letter.upper()))


def skip(qtbot: Any, wizard: Wizard) -> None:
    """Alt+K: the person does not answer; the quick screen moves on."""
    before = (wizard.quick.step.next_field, len(wizard.quick.skipped))
    press(qtbot, alt(wizard.quick.skip_button.text()), ALT)
    qtbot.waitUntil(lambda: (wizard.quick.step.next_field, len(wizard.quick.skipped)) != before)


def take_quick_screen_by_keyboard(qtbot: Any, wizard: Wizard, limit: int = 80) -> int:
    """Alt+Q, then answer whatever the quick screen asks with keys only; how many asked."""
    press(qtbot, alt(wizard.quick.button.text()), ALT)
    qtbot.waitUntil(lambda: wizard.quick.step is not None)  # a mnemonic clicks a moment later
    return answer_quick_screen(qtbot, wizard, limit)


def answer_quick_screen(qtbot: Any, wizard: Wizard, limit: int = 80) -> int:
    """Answer, with keys only, whatever the running quick screen asks; how many asked."""
    asked = 0
    while wizard.quick.step is not None and not wizard.quick.step.done:
        assert asked < limit, "the quick screen never ended"
        field = wizard.quick.step.next_field
        widget = focused()
        assert widget is not None and wizard.isAncestorOf(widget), field
        kind = wizard.draft.question(field).type.value
        if isinstance(widget, QRadioButton):
            press(qtbot, Qt.Key.Key_Space)  # the option in focus
            if wizard.quick.step.next_field == field:  # already the answer: no change
                skip(qtbot, wizard)
        elif isinstance(widget, QLineEdit) and kind in TYPED and not widget.text():
            type_text(qtbot, TYPED[kind])
            press(qtbot, Qt.Key.Key_Return)
        else:
            skip(qtbot, wizard)
        asked += 1
    return asked


def test_quick_screen_by_keyboard_decides_every_track_with_few_questions(
    qtbot: Any, open_wizard: Callable[[str], Wizard], session: services.Session,
    intake_id: str, db_path: Path, clock: FixedClock,
) -> None:
    wizard = open_wizard(intake_id)
    asked = take_quick_screen_by_keyboard(qtbot, wizard)
    assert 0 < asked <= 40
    assert "?" not in wizard.quick.tracks.text().replace("<b>?</b>", "?") or \
        wizard.quick.step.undecided  # skipped questions may leave some open
    assert focused() is wizard.finish_button
    with qtbot.waitSignal(wizard.finished, timeout=10_000):
        press(qtbot, Qt.Key.Key_Return)  # Finish: to the results, the draft kept
    intake = services.get_intake(session, intake_id)
    assert intake.status is services.IntakeStatus.DRAFT
    answered = services.answer_values(session, intake_id)
    assert len(answered) < 45


def test_quick_screen_turned_off_continues_with_the_full_intake(
    qtbot: Any, open_wizard: Callable[[str], Wizard], intake_id: str,
) -> None:
    wizard = open_wizard(intake_id)
    wizard.start_quick()
    first = wizard.quick.step.next_field
    assert wizard.quick.tracks.isVisible() and "?" in wizard.quick.tracks.text()
    wizard.quick.button.setChecked(False)
    assert not wizard.quick.tracks.isVisible()
    press(qtbot, Qt.Key.Key_Return)  # the full intake again: Return goes to the next section
    assert wizard.current != wizard.draft.section_of(first) or first is None

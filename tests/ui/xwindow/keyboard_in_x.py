"""Keyboard-only cases that need real windows; `test_real_x_window.py` runs this file in a
child pytest on Xvfb with openbox (its name keeps ordinary collection away from it).

Keys go to whichever widget has the focus, as a person's would: each step checks where the
focus is, never moves it by hand.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget

from screener import services
from screener.ui.mnemonics import mnemonic_of
from tests.ui.conftest import sign_in
from tests.ui.intake.conftest import focused, press, type_text
from tests.ui.intake.test_keyboard_intake import take_intake_by_keyboard
from tests.ui.intake.test_quick_screen_ui import answer_quick_screen

if os.environ.get("SCREENER_IN_X") != "1":
    pytest.skip("runs only on the X display test_real_x_window.py starts",
                allow_module_level=True)

ALT = Qt.KeyboardModifier.AltModifier


def _active(qtbot: Any, window: Any) -> None:
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=10_000)


def _alt_key(text: str) -> Qt.Key:
    letter = mnemonic_of(text)
    assert letter is not None, text
    return Qt.Key(ord(letter.upper()))


def _new_client(session: services.Session) -> None:
    services.create_client(session, services.ClientIdentity(
        first_name="Ximena", last_name="Keyboardson", preferred_language="en"))


@pytest.mark.parametrize("language", ["en", "es"])
def test_whole_intake_by_keyboard_and_the_sidebar_never_steals_the_page(
        qtbot: Any, db_path: Path, make_controller: Any, language: str) -> None:
    controller = make_controller(db_path, language)
    main = sign_in(qtbot, controller)
    _new_client(main.session)
    _active(qtbot, main)
    clients = main.page("clients")
    qtbot.waitUntil(lambda: focused() is clients.search, timeout=5000)  # after sign-in

    type_text(qtbot, "Keyboardson")
    qtbot.waitUntil(lambda: clients.model.query == "Keyboardson"
                    and not clients.model.loading and clients.model.rowCount() == 1,
                    timeout=10_000)
    assert focused() is clients.search  # search as you type never takes the keyboard
    press(qtbot, Qt.Key.Key_Return)  # the one match opens
    qtbot.waitUntil(lambda: main.page("client") is not None, timeout=5000)
    page = main.page("client")
    qtbot.waitUntil(lambda: page.start_button.isEnabled(), timeout=10_000)

    press(qtbot, _alt_key(page.start_button.text()), ALT)  # Start new intake
    qtbot.waitUntil(lambda: main.page("intake") is not None, timeout=5000)
    wizard = main.page("intake")
    qtbot.waitUntil(lambda: wizard.draft is not None and wizard.current is not None,
                    timeout=10_000)
    qtbot.waitUntil(lambda: wizard.isAncestorOf(focused()), timeout=5000)

    # One Tab past Finish reaches the navigation list: the wizard stays.
    for _ in range(200):
        if isinstance(focused(), QListWidget) and focused() is main.nav:
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is main.nav
    press(qtbot, Qt.Key.Key_Down)
    assert main.stack.currentWidget() is wizard
    # A menu opened and closed, and the window re-activated: still the wizard.
    press(qtbot, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: main.menuBar().activeAction() is not None, timeout=5000)
    qtbot.keyClick(main.menuBar(), Qt.Key.Key_Escape)
    qtbot.keyClick(main.menuBar(), Qt.Key.Key_Escape)
    main.clearFocus()
    wizard.go_to("first_name")
    _active(qtbot, main)
    assert main.stack.currentWidget() is wizard

    take_intake_by_keyboard(qtbot, wizard)
    press(qtbot, Qt.Key.Key_Return)  # on Finish
    qtbot.waitUntil(lambda: main.page("intake") is None, timeout=20_000)
    intake = services.intakes_of(main.session, page.client_id)[-1]
    assert intake.status is services.IntakeStatus.COMPLETE

    # Finish lands on the results, the keyboard on Back; Back returns to the client.
    view = main.page("eligibility")
    assert main.stack.currentWidget() is view
    qtbot.waitUntil(lambda: view.glance is not None, timeout=20_000)
    # the window manager hands the main window the keyboard back when the wizard is gone: on
    # a loaded machine a moment after the results are shown
    qtbot.waitUntil(lambda: focused() is view.back_button, timeout=20_000)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.stack.currentWidget() is main.page("client"), timeout=5000)
    page = main.page("client")
    qtbot.waitUntil(lambda: page.quick_button.isEnabled(), timeout=10_000)

    # A whole quick screen by keyboard, from the client page's Quick screen.
    press(qtbot, _alt_key(page.quick_button.text()), ALT)
    qtbot.waitUntil(lambda: main.page("intake") is not None, timeout=5000)
    quick = main.page("intake")
    qtbot.waitUntil(lambda: quick.quick.step is not None, timeout=10_000)
    asked = answer_quick_screen(qtbot, quick)
    assert 0 < asked <= 40
    assert focused() is quick.finish_button
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.page("intake") is None, timeout=20_000)
    assert main.stack.currentWidget() is main.page("eligibility")

"""The clipboard guard: copies carry the password-manager hint, are cleared after the timeout
only if unchanged, and on lock and on quit (only if still ours); a Ctrl+C in any field of
the app is guarded the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from screener.ui.clipboard import HINT_MIME, SafeClipboard
from screener.ui.unlock_window import UnlockWindow
from tests.ui.conftest import (  # noqa: F401 - fixtures shared with the UI tests
    _no_dangling_threads_or_timers,
    db_path,
    make_controller,
    monotonic,
    sign_in,
)

PHONE = "(213) 555-0199"


def _board() -> Any:
    board = QApplication.clipboard()
    assert board is not None
    return board


def _hinted() -> bool:
    data = _board().mimeData()
    return data is not None and data.hasFormat(HINT_MIME)


def test_a_copy_carries_the_hint_and_is_cleared_after_the_timeout(qtbot: Any) -> None:
    guard = SafeClipboard(clear_after_ms=50)
    guard.copy(PHONE)
    assert _board().text() == PHONE and _hinted()
    qtbot.waitUntil(lambda: _board().text() == "", timeout=2000)


def test_a_changed_clipboard_is_left_alone_by_the_timeout(qtbot: Any) -> None:
    guard = SafeClipboard(clear_after_ms=50)
    guard.copy(PHONE)
    _board().setText("the person's own copy")
    qtbot.wait(200)
    assert _board().text() == "the person's own copy"
    guard.clear()  # lock or quit: still not ours, still kept
    assert _board().text() == "the person's own copy"


def test_ctrl_c_in_a_field_is_guarded_too(qtbot: Any, figures: Callable[[str], None]) -> None:
    guard = SafeClipboard(clear_after_ms=100)
    QApplication.instance().installEventFilter(guard)  # type: ignore[union-attr]
    try:
        field = QLineEdit(PHONE)
        qtbot.addWidget(field)
        field.show()
        field.selectAll()
        qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        assert _board().text() == PHONE
        assert _hinted()
        qtbot.waitUntil(lambda: _board().text() == "", timeout=2000)
        figures("Ctrl+C in a field: marked with x-kde-passwordManagerHint and cleared "
                "after the timeout")
    finally:
        QApplication.instance().removeEventFilter(guard)  # type: ignore[union-attr]


def test_lock_and_quit_clear_our_copy_only(qtbot: Any, db_path: Any,  # noqa: F811
                                           make_controller: Any) -> None:  # noqa: F811
    controller = make_controller(db_path)
    main = sign_in(qtbot, controller)
    main.clipboard.copy(PHONE)
    assert _hinted()
    main.lock_button.click()
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=5000)
    assert _board().text() == ""

    main = sign_in(qtbot, controller)
    main.clipboard.copy(PHONE)
    _board().setText("copied from another program")
    controller.lock()
    assert _board().text() == "copied from another program"

    main = sign_in(qtbot, controller)
    main.clipboard.copy(PHONE)
    QApplication.instance().aboutToQuit.emit()  # type: ignore[union-attr]
    assert _board().text() == ""

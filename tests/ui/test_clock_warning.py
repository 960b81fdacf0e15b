"""After a sign-in that found this computer's clock far ahead of the database, the main
window says so and offers to confirm the date (issue 20: a laptop whose clock jumps is
warned at sign-in)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from screener import services
from screener.clock import FixedClock
from screener.ui.clipboard import SafeClipboard
from screener.ui.main_window import MainWindow

PASSWORD = "clock-password-1"


def test_a_clock_ahead_is_warned_and_can_be_confirmed(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "screener.db"
    services.create_database(path, "admin", PASSWORD, FixedClock.on(date(2026, 11, 1)))
    session = services.open_session(path, "admin", PASSWORD, FixedClock.on(date(2026, 12, 1)))
    window = MainWindow(session, SafeClipboard(), data_location=tmp_path)
    qtbot.addWidget(window)
    window.show()
    assert "more than a day after" in window.clock_warning.text()
    assert "2026-12-01" in window.clock_warning.text()
    qtbot.mouseClick(window.clock_confirm, Qt.MouseButton.LeftButton)
    assert session.clock_jump is None
    assert window.clock_warning.isHidden() and window.clock_confirm.isHidden()
    window.teardown()
    session.close()
    with services.open_session(path, "admin", PASSWORD,
                               FixedClock.on(date(2026, 12, 1))) as again:
        assert again.clock_jump is None

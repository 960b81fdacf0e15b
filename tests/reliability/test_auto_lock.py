"""Auto-lock on every screen, with a fake idle clock and the app's real check interval.

Criterion: at the first idle check after the limit (the check runs every 250 ms of real time;
the fake clock moves past the limit at once) the app is locked: every database connection closed,
every Qt model of ours emptied (or gone), the database key wiped, nothing of the client on
screen, and the unlock screen showing (a sign-in is required). One second before the limit
nothing happens. The real time it takes is a figure, bounded only generously (5 s): a loaded
machine stretches it, and timing belongs to bench/.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTextEdit

from screener import services
from screener.clock import FixedClock
from screener.errors import SessionLocked
from screener.ui.controller import AppController
from screener.ui.unlock_window import UnlockWindow
from tests.ui.conftest import (  # noqa: F401 - fixtures shared with the UI tests
    KNOWN,
    FakeMonotonic,
    _no_dangling_threads_or_timers,
    db_path,
    monotonic,
    sign_in,
)
from tests.ui.test_shell import _models_with_rows

LIMIT_S = 10 * 60  # the default auto-lock time


@pytest.fixture
def controller(qapp: Any, qtbot: Any, db_path: Path, monotonic: FakeMonotonic,  # noqa: F811
               tmp_path: Path) -> Iterator[AppController]:
    """The app with the production idle check interval (the fake clock is the only fake)."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app = AppController(qapp, db_path, settings, clock=FixedClock.on(date(2026, 11, 25)),
                        monotonic=monotonic)
    app.start()
    yield app
    app.shutdown()
    qtbot.wait(10)


def _client(session: services.Session) -> tuple[str, str]:
    client = services.find_clients(session, KNOWN["last_name"]).clients[0]
    intakes = services.intakes_of(session, client.id)
    intake = intakes[-1] if intakes else services.start_intake(session, client.id, "intake", 1)
    return client.id, intake.id


SCREENS: dict[str, Callable[[Any, str, str], object]] = {
    "clients": lambda m, c, i: m.show_page("clients").search.setText(KNOWN["last_name"]),
    "administration": lambda m, c, i: m.show_page("admin"),
    "conflicts": lambda m, c, i: m.show_page("conflicts"),
    "duplicates": lambda m, c, i: m.show_page("duplicates"),
    "client": lambda m, c, i: m.open_client(c),
    "intake wizard": lambda m, c, i: m.open_intake(i),
    "eligibility": lambda m, c, i: m.open_eligibility(c),
    "packet dialog": lambda m, c, i: m.open_packets(c),
    "new client dialog": lambda m, c, i: m.show_page("clients").new_button.click(),
    "staff account dialog": lambda m, c, i: m.show_page("admin").staff.add_button.click(),
    "audit log": lambda m, c, i: m.show_page("admin").tabs.setCurrentWidget(
        m.show_page("admin").audit),
    "export dialog": lambda m, c, i: m.export_action.trigger(),
    "import dialog": lambda m, c, i: m.import_action.trigger(),
}


def _client_on_screen() -> bool:
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLabel | QLineEdit) and KNOWN["last_name"] in widget.text():
            return True
        if isinstance(widget, QTextEdit) and KNOWN["last_name"] in widget.toPlainText():
            return True
    return False


@pytest.mark.parametrize("screen", list(SCREENS))
def test_auto_lock_on_every_screen(screen: str, controller: AppController, qtbot: Any,
                                   monotonic: FakeMonotonic,  # noqa: F811
                                   figures: Callable[[str], None]) -> None:
    main = sign_in(qtbot, controller)
    session = controller.session
    assert session is not None
    client_id, intake_id = _client(session)
    SCREENS[screen](main, client_id, intake_id)
    qtbot.wait(300)  # the screen loads its data (background operations)
    db = session.repos.db
    connections = list(db._connections)
    idle = controller.idle
    assert idle is not None
    monotonic.now = idle._last + LIMIT_S - 1
    qtbot.wait(400)
    assert controller.session is session, "locked before the limit"
    monotonic.now = idle._last + LIMIT_S
    start = time.perf_counter()
    checks: list[bool] = []  # per idle check after the limit: had it fired?
    idle._timer.timeout.connect(lambda: checks.append(idle._fired))
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=5000)
    took = time.perf_counter() - start
    figures(f"{screen}: locked {took * 1000:.0f} ms after the idle limit "
            f"({len(connections)} connections closed)")
    assert checks[:1] == [True], "the first check after the limit did not lock"
    assert controller.session is None and session.locked
    assert not any(db._key), "the key is still in memory"
    for conn in connections:
        with pytest.raises(Exception, match="closed"):
            conn.execute("SELECT 1")
    with pytest.raises(SessionLocked):
        services.find_clients(session, "")
    qtbot.waitUntil(lambda: not shiboken6.isValid(main), timeout=5000)
    assert _models_with_rows() == []
    assert not _client_on_screen()

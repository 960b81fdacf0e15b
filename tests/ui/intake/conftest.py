"""Fixtures for the intake, eligibility and packet UI tests.

Each test gets a copy of the small template database (an admin and an intake worker; not the
shell tests' 3,000-client one), a signed-in intake worker and a client. `open_wizard` shows a
wizard at laptop size and waits until its questions are loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from screener import services
from screener.clock import FixedClock
from screener.services import ClientIdentity
from tests import databases
from tests.databases import WORKER, WORKER_PASSWORD, Templates

TODAY = date(2026, 11, 25)
LAPTOP = (1366, 768)


@pytest.fixture
def db_path(tmp_path: Path, database_templates: Templates) -> Path:
    """The small database (tests/databases.py), not the shell tests' demo one."""
    return database_templates.copy(databases.small, tmp_path)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock.on(TODAY)


@pytest.fixture
def session(db_path: Path, clock: FixedClock) -> Iterator[services.Session]:
    s = services.open_session(db_path, WORKER, WORKER_PASSWORD, clock)
    yield s
    s.close()


def reopen(db_path: Path, clock: FixedClock) -> services.Session:
    """A second, independent session: what survives is what was committed."""
    return services.open_session(db_path, WORKER, WORKER_PASSWORD, clock)


@pytest.fixture
def client_id(session: services.Session) -> str:
    identity = ClientIdentity(first_name="Maria", last_name="Lopez", preferred_language="en")
    return services.create_client(session, identity).id


@pytest.fixture
def intake_id(session: services.Session, client_id: str) -> str:
    return services.start_intake(session, client_id, "intake", 1).id


@pytest.fixture
def open_wizard(qtbot: Any, session: services.Session) -> Callable[..., Any]:
    from screener.ui.intake.wizard import IntakeWizard

    def open_(intake: str) -> IntakeWizard:
        wizard = IntakeWizard(session, intake)
        qtbot.addWidget(wizard)
        wizard.resize(*LAPTOP)
        with qtbot.waitSignal(wizard.loaded, timeout=10_000):
            wizard.show()
        wizard.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard, timeout=2000)
        return wizard

    return open_


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def tab_to(qtbot: Any, target: QWidget, limit: int = 80) -> None:
    """Press Tab until `target` has the focus, as a person would."""
    for _ in range(limit):
        if focused() is target:
            return
        widget = focused()
        assert widget is not None, "nothing has the keyboard focus"
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName() or target!r}")


def press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = focused()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, key, modifier)


def type_text(qtbot: Any, text: str) -> None:
    widget = focused()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClicks(widget, text)




"""Fixtures for the intake, eligibility and packet UI tests.

One small database (an admin and an intake worker; not the shell tests' 3000-client
template, which takes most of a minute to build) is built once per module and copied per test; each test
gets a signed-in intake worker and a client. `open_wizard` shows a wizard at laptop size
and waits until its questions are loaded.
"""

from __future__ import annotations

import shutil
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
from screener.store.keyslots import keys_path_for

ADMIN, ADMIN_PASSWORD = "admin", "admin-password-1"
WORKER, WORKER_PASSWORD = "ana", "worker-password-1"
TODAY = date(2026, 11, 25)
LAPTOP = (1366, 768)


@pytest.fixture(scope="module")
def _template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "screener.db"
    clock = FixedClock.on(TODAY)
    services.create_database(path, ADMIN, ADMIN_PASSWORD, clock)
    with services.open_session(path, ADMIN, ADMIN_PASSWORD, clock) as session:
        services.add_user(session, WORKER, "intake", WORKER_PASSWORD)
    return path


@pytest.fixture
def db_path(tmp_path: Path, _template: Path) -> Path:
    path = tmp_path / "screener.db"
    shutil.copyfile(_template, path)
    shutil.copyfile(keys_path_for(_template), keys_path_for(path))
    return path


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




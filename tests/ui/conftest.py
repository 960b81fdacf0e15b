"""pytest-qt set-up: every UI test fails if it leaves a QThread running or a QTimer active
(napari's conftest does the same), or an operation from `run_op` unfinished."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.databases import Templates


@pytest.fixture(autouse=True)
def _no_dangling_threads_or_timers(qapp: object) -> Iterator[None]:
    from PySide6.QtCore import QThread, QTimer

    from screener.ui import tasks

    before = {id(o) for o in gc.get_objects() if isinstance(o, QTimer | QThread)}
    yield
    leftover_ops = tasks.running_ops()
    tasks.wait_all(5_000)
    gc.collect()
    dangling = []
    for obj in gc.get_objects():
        try:
            if isinstance(obj, QThread) and id(obj) not in before and obj.isRunning():
                dangling.append(f"QThread {obj!r}")
            elif isinstance(obj, QTimer) and id(obj) not in before and obj.isActive():
                dangling.append(f"QTimer {obj!r} (interval {obj.interval()} ms)")
        except RuntimeError:  # C++ object already deleted: not dangling
            continue
    assert not leftover_ops, f"operations still running after the test: {leftover_ops}"
    assert not dangling, "test left running: " + ", ".join(dangling)


# --- Databases and a running app for the shell tests --------------------------------------

ADMIN = "demo"
ADMIN_PASSWORD = "demo-password"
WORKER = "ana"
WORKER_PASSWORD = "worker-password-1"
#: A client the tests look for among thousands of synthetic ones.
KNOWN = {"first_name": "Zebulon", "last_name": "Quartermaine", "dob": "1980-04-05",
         "phone": "(213) 555-0199"}
TEMPLATE_CLIENTS = 3000


def demo(folder: Path) -> Path:
    """The shell tests' template (tests/databases.py): a demo database with thousands of
    clients, an intake worker and one known client."""
    from datetime import date

    from screener import services
    from screener.clock import FixedClock

    clock = FixedClock.on(date(2026, 11, 25))
    made = services.create_demo_database(folder, clients=TEMPLATE_CLIENTS, clock=clock)
    assert (made.username, made.password) == (ADMIN, ADMIN_PASSWORD)
    with services.open_session(made.db_path, ADMIN, ADMIN_PASSWORD, clock) as session:
        services.add_user(session, WORKER, "intake", WORKER_PASSWORD)
        services.create_client(session, services.ClientIdentity(**KNOWN))
    return made.db_path


@pytest.fixture
def db_path(tmp_path: Path, database_templates: Templates) -> Path:
    """A private copy of the demo database."""
    return database_templates.copy(demo, tmp_path)


class FakeMonotonic:
    """The idle watcher's clock; tests move it forward."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def monotonic() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def make_controller(qapp: Any, qtbot: Any, tmp_path: Path,
                    monotonic: FakeMonotonic) -> Iterator[Callable[[Path], Any]]:
    """Builds an AppController on a database path (with private settings and a fake idle
    clock) and shuts every one down at the end of the test."""
    from datetime import date

    from PySide6.QtCore import QSettings

    from screener.clock import FixedClock
    from screener.ui.controller import AppController
    from screener.ui.i18n import Translations

    made: list[Any] = []

    def make(path: Path, language: str = "en") -> Any:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        translations = Translations(qapp)
        translations.use(language)
        controller = AppController(
            qapp, path, settings, translations=translations,
            clock=FixedClock.on(date(2026, 11, 25)), monotonic=monotonic, idle_check_ms=10,
        )
        made.append((controller, translations))
        controller.start()
        return controller

    yield make
    for controller, translations in made:
        controller.shutdown()
        translations.use("en")
    qtbot.wait(10)  # let deleteLater run


def sign_in(qtbot: Any, controller: Any, user: str = ADMIN, password: str = ADMIN_PASSWORD) -> Any:
    """Type the user name and password into the unlock screen like a person; the main window."""
    from PySide6.QtCore import Qt

    from screener.ui.unlock_window import UnlockWindow

    unlock = controller.window
    assert isinstance(unlock, UnlockWindow)
    unlock.username.clear()
    qtbot.keyClicks(unlock.username, user)
    qtbot.keyClicks(unlock.password, password)
    qtbot.keyClick(unlock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=10_000)
    return controller.main_window

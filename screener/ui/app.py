"""Desktop app entry point: `run_app(db, demo)` (the `screener` command with no sub-command)."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import screener
from screener import paths, platform, services
from screener.ui import colors
from screener.ui.controller import DB_PATH_KEY, AppController
from screener.ui.crash import install_crash_dialogs
from screener.ui.i18n import Translations, chosen_language
from screener.ui.unlock_window import DemoLogin

#: Synthetic clients in the `--demo` database.
DEMO_CLIENTS = 500
#: When set, the app prints `screener-window-shown <time.perf_counter()>` once its first
#: window is on screen, and quits (bench/startup_bench.py times a cold start with it).
BENCH_STARTUP_ENV = "SCREENER_BENCH_STARTUP"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (or the existing one), named, with the app icon."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv)

    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_AUTHOR)
    app.setApplicationDisplayName("Screener")
    # Looking the version up costs start-up time, and nothing reads it before the window is up.
    QTimer.singleShot(1000, lambda: app.setApplicationVersion(screener.__version__))
    colors.apply(app)  # hints and the database path readable (WCAG AA 4.5:1), a strong focus
    icon = paths.resource("icons", "screener.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def resolve_db_path(db: str | None, settings: QSettings) -> Path:
    """`--db`, else the location chosen at first run, else the default data folder."""
    if db:
        return Path(db).expanduser()
    remembered = settings.value(DB_PATH_KEY, "")
    if isinstance(remembered, str) and remembered:
        return Path(remembered)
    return paths.default_db_path()


def _quit_on_signals(app: QApplication) -> None:
    """Ctrl+C or SIGTERM quits cleanly (session locked, demo folder removed). Python only
    sees signals when it runs, so a timer hands it control a few times a second."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda _n, _f: app.quit())
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(300)


def _report_first_window(app: QApplication, controller: AppController) -> None:
    """Print when the first window is up (after the event loop drew it), then quit."""

    def shown(_window: object) -> None:
        def report() -> None:
            print(f"screener-window-shown {time.perf_counter():.6f}", flush=True)
            app.quit()

        QTimer.singleShot(0, report)

    controller.window_changed.connect(shown)


def run_app(db: str | None = None, demo: bool = False) -> int:
    """Run the desktop app until the person quits; returns the exit code."""
    app = make_application()
    install_crash_dialogs(app)
    settings = QSettings()
    translations = Translations(app)
    translations.use(chosen_language(settings))
    demo_folder: Path | None = None
    try:
        login = None
        if demo:
            # A private folder, removed on exit; the demo data are synthetic.
            demo_folder = platform.current().private_temp_dir("screener-demo-")
            made = services.create_demo_database(demo_folder, clients=DEMO_CLIENTS)
            db_path = made.db_path
            login = DemoLogin(made.username, made.password)
        else:
            db_path = resolve_db_path(db, settings)
        controller = AppController(app, db_path, settings, translations=translations,
                                   demo=login, remember_path=not demo and not db)
        if os.environ.get(BENCH_STARTUP_ENV):
            _report_first_window(app, controller)
        controller.start()
        _quit_on_signals(app)
        return int(app.exec())
    finally:
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)


"""AppController: first run → unlock → main window → (auto-)lock → unlock again.

It owns the one Session of the app and everything tied to it (the idle watcher, the
clipboard guard). Locking drops every page and model, waits for background work, locks the
session (the key is wiped), clears our clipboard copies, and shows the unlock screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from screener import services
from screener.clock import Clock, SystemClock
from screener.ui import tasks
from screener.ui.clipboard import SafeClipboard
from screener.ui.dialogs.first_run import FirstRunDialog
from screener.ui.i18n import LANGUAGE_KEY, Translations
from screener.ui.idle import IDLE_CHECK_MS, IdleWatcher
from screener.ui.main_window import MainWindow, PageSpec
from screener.ui.unlock_window import DemoLogin, UnlockWindow

DB_PATH_KEY = "database/path"


class LockKeyFilter(QObject):
    """Ctrl+L anywhere in the app (main window or any dialog) asks to lock."""

    lock_pressed = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_L
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.lock_pressed.emit()
            return True
        return False


class AppController(QObject):
    """Which window is showing, and the signed-in session (if any)."""

    #: Emitted whenever the visible top-level window changes (tests and screenshots use it).
    window_changed = Signal(object)

    def __init__(
        self,
        app: QApplication,
        db_path: Path,
        settings: QSettings,
        *,
        translations: Translations | None = None,
        clock: Clock | None = None,
        demo: DemoLogin | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        idle_check_ms: int = IDLE_CHECK_MS,
        extra_pages: tuple[PageSpec, ...] = (),
        remember_path: bool = True,
    ) -> None:
        super().__init__()
        self.app = app
        self.db_path = db_path
        self.settings = settings
        self.translations = translations or Translations(app)
        self.clock = clock or SystemClock()
        self.demo = demo
        self.extra_pages = extra_pages
        self._monotonic = monotonic
        self._idle_check_ms = idle_check_ms
        self._remember_path = remember_path
        self.clipboard = SafeClipboard(self)
        app.installEventFilter(self.clipboard)  # Ctrl+C in any widget makes a guarded copy
        self.session: services.Session | None = None
        self.window: QWidget | None = None
        self.main_window: MainWindow | None = None
        self.idle: IdleWatcher | None = None
        self._last_user = demo.username if demo else ""
        self._lock_keys = LockKeyFilter(self)
        # Lock after the key event is handled, not inside it.
        self._lock_keys.lock_pressed.connect(lambda: QTimer.singleShot(0, self.lock))
        app.aboutToQuit.connect(self.shutdown)

    # --- windows ----------------------------------------------------------------------------

    def start(self) -> None:
        """First run when there is no database yet, else the unlock screen."""
        if self.db_path.exists():
            self.show_unlock()
        else:
            self.show_first_run()

    def _show(self, window: QWidget) -> None:
        old, self.window = self.window, window
        window.show()
        window.raise_()
        window.activateWindow()
        if old is not None and old is not window:
            old.close()
            old.deleteLater()
        self.window_changed.emit(window)

    def show_first_run(self) -> None:
        dialog = FirstRunDialog(self.db_path, self.clock)
        dialog.created.connect(self._created)
        dialog.rejected.connect(lambda: self.app.quit() if self.window is dialog else None)
        self._show(dialog)

    def _created(self, path: Path, admin: str) -> None:
        self.db_path = path
        self._last_user = admin
        if self._remember_path:
            self.settings.setValue(DB_PATH_KEY, str(path))
        self.show_unlock()

    def show_unlock(self) -> None:
        window = UnlockWindow(self.db_path, self.clock, language=self.translations.language,
                              demo=self.demo, username=self._last_user)
        window.unlocked.connect(self._unlocked)
        window.language_chosen.connect(self.set_language)
        self._show(window)

    def set_language(self, language: str) -> None:
        """Switch the app's language and rebuild the unlock screen in it."""
        self.translations.use(language)
        self.settings.setValue(LANGUAGE_KEY, self.translations.language)
        if self.session is None:
            self.show_unlock()

    def _unlocked(self, session: services.Session) -> None:
        self.session = session
        self._last_user = session.username
        main = MainWindow(session, self.clipboard, data_location=self.db_path,
                          extra_pages=self.extra_pages)
        main.lock_requested.connect(self.lock)
        main.auto_lock_changed.connect(self._auto_lock_changed)
        self.main_window = main
        self.idle = IdleWatcher(services.auto_lock_minutes(session), self,
                                monotonic=self._monotonic, check_ms=self._idle_check_ms)
        self.idle.idle.connect(self.lock)
        self.app.installEventFilter(self.idle)
        self.app.installEventFilter(self._lock_keys)
        self.idle.start()
        self._show(main)

    def _auto_lock_changed(self, minutes: int) -> None:
        if self.idle is not None:
            self.idle.set_minutes(minutes)

    # --- locking ----------------------------------------------------------------------------

    def lock(self) -> None:
        """Lock now: drop all data from the screen and memory, then ask to sign in again."""
        if self.session is None:
            return
        self._end_session()
        self.show_unlock()

    def _end_session(self) -> None:
        if self.idle is not None:
            self.idle.stop()
            self.app.removeEventFilter(self.idle)
            self.app.removeEventFilter(self._lock_keys)
            self.idle.deleteLater()
            self.idle = None
        main, self.main_window = self.main_window, None
        if main is not None:
            for child in main.findChildren(QWidget):
                if child.isWindow() and child.isVisible():
                    child.close()  # open dialogs (new client, packets, ...)
            main.teardown()
        tasks.wait_all(10_000)  # background reads still using the session end first
        session, self.session = self.session, None
        if session is not None:
            session.lock()
        self.clipboard.clear()

    def shutdown(self) -> None:
        """The app is quitting: lock and forget everything."""
        if self.session is not None:
            self._end_session()
        else:
            tasks.wait_all(10_000)
            self.clipboard.clear()
        self.app.removeEventFilter(self.clipboard)
        self.clipboard.detach()
        window, self.window = self.window, None
        if window is not None:
            window.close()
            window.deleteLater()

"""Child process: make every handler of the desktop app fail with client data in its local
variables and in the error's message, then crash with SIGSEGV.

Usage: python crash_tour.py OUT_FOLDER   (HOME, TMPDIR, XDG_* set by the test)

1. Tour: sign in and open every screen (every page, a client, the intake wizard, the
   eligibility view, the packet dialog, the new-client dialog), recording each Python slot
   connected to a Qt signal and the arguments it was first called with.
2. Every use case of `screener.services` is replaced by one that raises RuntimeError with
   markers in its locals and message, and every recorded slot is called again (from the
   event loop, as Qt calls it): the failure goes through the handler's own error handling.
3. Every recorded slot is replaced by a raiser (markers in locals and message) and called.
Writes OUT_FOLDER/dialogs.json (the text of every message box), logs to OUT_FOLDER/app.log
(the root logger at DEBUG), prints counts, and kills itself with SIGSEGV.
"""

from __future__ import annotations

import functools
import inspect
import json
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from screener import paths, services
from screener.clock import SystemClock
from screener.domain import ClientIdentity
from screener.hardening import harden_process, install_crash_reports

MARKERS = ("Brindlequix", "Snorkelvane", "4401-Zeptowhistle")
PASSWORD = "crash-password-1"
SKIP = ("lock", "quit", "shutdown", "teardown", "close", "_show_dialog", "start")
CONNECTED: dict[str, tuple[Callable[..., Any], int | None]] = {}
SEEN_ARGS: dict[str, tuple[Any, ...]] = {}
REPORTS: list[str] = []


def _arity(slot: Callable[..., Any]) -> int | None:
    """How many positional arguments the slot takes (None: any number)."""
    try:
        params = inspect.signature(slot).parameters.values()
    except (TypeError, ValueError):
        return 0
    if any(p.kind is p.VAR_POSITIONAL for p in params):
        return None
    return sum(1 for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
               and p.default is p.empty) + sum(
        1 for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        and p.default is not p.empty)


def _name(slot: Callable[..., Any]) -> str:
    inner = slot.func if isinstance(slot, functools.partial) else slot
    return f"{getattr(inner, '__module__', '?')}.{getattr(inner, '__qualname__', repr(inner))}"


def record_connections() -> None:
    """Wrap every Python slot connected from now on, to note it and how it was first called."""
    original = SignalInstance.connect

    def connect(self: SignalInstance, slot: Any, *args: Any, **kwargs: Any) -> Any:
        python = inspect.isfunction(slot) or inspect.ismethod(slot) or isinstance(
            slot, functools.partial)
        if not python:
            return original(self, slot, *args, **kwargs)
        arity, name = _arity(slot), _name(slot)
        CONNECTED.setdefault(name, (slot, arity))

        def recording(*given: Any) -> Any:
            used = given if arity is None else given[:arity]
            SEEN_ARGS.setdefault(name, used)
            return slot(*used)

        return original(self, recording, *args, **kwargs)

    SignalInstance.connect = connect  # type: ignore[method-assign]


def pump(seconds: float = 0.05) -> None:
    """Let the event loop (and background operations) run for a moment."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.005)


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise SystemExit(f"timed out waiting for {condition}")
        pump(0.01)


def raiser(name: str) -> Callable[..., None]:
    """A stand-in that fails the way buggy code with client data at hand would."""

    def fail(*args: Any, **kwargs: Any) -> None:
        client_name, note, booking = MARKERS  # locals a crash reporter could show
        raise RuntimeError(f"{name} failed for {client_name} ({note}, {booking})")

    return fail


def tour(controller: Any, client_id: str, intake_id: str) -> None:
    """Open every screen once, normally."""
    unlock = controller.window
    unlock.username.setText("admin")
    unlock.password.setText(PASSWORD)
    unlock.unlock_button.click()
    wait_until(lambda: controller.main_window is not None)
    main = controller.main_window
    for key in main.page_keys():
        main.show_page(key)
        pump()
    clients = main.show_page("clients")
    clients.search.setText(MARKERS[0][:6])
    wait_until(lambda: clients.model.rowCount() == 1)
    main.open_client(client_id)
    pump(0.3)
    wizard = main.open_intake(intake_id)
    pump(0.3)
    for button in wizard.findChildren(type(unlock.unlock_button)):
        if button.isEnabled() and button.isVisible():
            button.click()
            pump()
    main.open_eligibility(client_id)
    pump(0.3)
    dialog = main.open_packets(client_id)
    wait_until(lambda: bool(dialog.boxes))
    next(iter(dialog.boxes.values())).setChecked(True)
    dialog.render_preview()
    wait_until(lambda: dialog.pdf is not None)
    main.open_client(client_id)
    pump(0.3)


def arguments(name: str, arity: int | None) -> tuple[Any, ...]:
    """How the tour called the slot, or a plausible call (a click, index 0, empty text)."""
    return SEEN_ARGS.get(name, (0,) * (arity or 0))


def call_later(slot: Callable[..., Any], args: tuple[Any, ...]) -> None:
    QTimer.singleShot(0, lambda: slot(*args))
    pump()


def main() -> None:
    out = Path(sys.argv[1])
    harden_process()
    install_crash_reports(REPORTS.append)
    logging.basicConfig(filename=out / "app.log", level=logging.DEBUG)
    db = paths.default_db_path()
    services.create_database(db, "admin", PASSWORD, SystemClock())
    with services.open_session(db, "admin", PASSWORD, SystemClock()) as session:
        client = services.create_client(session, ClientIdentity(MARKERS[0], MARKERS[1]))
        intake = services.start_intake(session, client.id, "intake", 1)
        services.save_answer(session, intake.id, "race_ethnicity_detail", MARKERS[2])
    record_connections()
    from screener.ui.app import make_application
    from screener.ui.controller import AppController
    from screener.ui.crash import install_crash_dialogs

    app = make_application(["screener"])
    dialogs = install_crash_dialogs(app)
    QFileDialog.exec = lambda self: 0  # type: ignore[method-assign] # no nested loop waits
    settings = QSettings(str(Path.home() / "settings.ini"), QSettings.Format.IniFormat)
    controller = AppController(app, db, settings, remember_path=False)
    controller.start()
    tour(controller, client.id, intake.id)
    handlers = {n: (slot, arguments(n, arity)) for n, (slot, arity) in CONNECTED.items()
                if not any(w in n.lower() for w in SKIP)}
    for name in [n for n in dir(services) if not n.startswith("_")]:
        if inspect.isfunction(getattr(services, name)):
            setattr(services, name, raiser(name))
    for slot, args in handlers.values():  # the handler's own code meets the failure
        call_later(slot, args)
    pump(1.0)
    for name, (_slot, args) in handlers.items():  # the handler itself fails
        call_later(raiser(name), args)
    pump(0.5)
    boxes = [w for w in QApplication.allWidgets() if isinstance(w, QMessageBox)]
    texts = [" | ".join((b.text(), b.informativeText(), b.detailedText())) for b in boxes]
    (out / "dialogs.json").write_text(json.dumps(texts))
    print(json.dumps({"handlers": len(handlers), "reports": len(REPORTS),
                      "crash_dialogs": dialogs.count, "message_boxes": len(boxes)}), flush=True)
    os.kill(os.getpid(), signal.SIGSEGV)


if __name__ == "__main__":
    main()

"""Child process: the whole workflow with marker strings as client data, then a crash.

Usage: python canary_app.py DOCUMENTS OFFICE_FOLDER   (HOME, TMPDIR, XDG_* set by the test)

Hardens the process as `screener` does, creates the database in the default data folder,
records a client whose names, notes and phone are markers, completes an intake (screening),
then drives the desktop app (offscreen): signs in, searches, opens the client, the intake
wizard, the eligibility view and the packet dialog, previews the packet in memory, prints it
to a PDF file and saves it (both into DOCUMENTS, the files the person chose), copies to the
clipboard; exports a bundle into DOCUMENTS for an office in OFFICE_FOLDER, which imports it.
With everything still open it prints its core-dump settings and kills itself with SIGSEGV.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

from screener import paths, services
from screener.clock import SystemClock
from screener.domain import ClientIdentity
from screener.hardening import harden_process

MARKERS = {
    "first": "Qzxkanary", "last": "Vlorptwistle", "phone": "(213) 867-1942",
    "note": "Marker7Hq3Zx9 sleeps behind the Gwendolyth laundromat",
}
PASSWORD = "canary-password-1"
_PR_GET_DUMPABLE = 3


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Run the Qt event loop until `condition()` holds (SystemExit after `timeout`)."""
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {condition}")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def record_client(db: Path) -> tuple[str, str]:
    """The client with markers, a completed intake and a consent; (client id, intake id)."""
    services.create_database(db, "admin", PASSWORD, SystemClock())
    with services.open_session(db, "admin", PASSWORD, SystemClock()) as session:
        client = services.create_client(session, ClientIdentity(
            MARKERS["first"], MARKERS["last"], dob="1984-02-29", phone=MARKERS["phone"]))
        intake = services.start_intake(session, client.id, "intake", 1)
        answers = {"first_name": MARKERS["first"], "last_name": MARKERS["last"],
                   "dob": "1984-02-29", "gender": "woman", "preferred_language": "en",
                   "county_of_residence": "los_angeles", "in_custody": False,
                   "release_date": "2026-10-01", "release_facility_type": "county_jail",
                   "supervision_type": "none", "housing_status": "unsheltered",
                   "race_ethnicity_detail": MARKERS["note"], "phone": MARKERS["phone"]}
        for field, value in answers.items():
            services.save_answer(session, intake.id, field, value)  # type: ignore[arg-type]
        services.complete_intake(session, intake.id)
        return client.id, intake.id


def export_to_office(db: Path, office_folder: Path, documents: Path) -> None:
    """Join an office, export a bundle into DOCUMENTS, import it at the office."""
    office = office_folder / "office.db"
    clock = SystemClock()
    services.create_database(office, "boss", PASSWORD, clock)
    with services.open_session(office, "boss", PASSWORD, clock) as boss:
        services.init_office(boss, "ODR Main", office_folder / "office.enroll")
    with services.open_session(db, "admin", PASSWORD, clock) as field:
        services.join_office(field, office_folder / "office.enroll", "Laptop 7",
                             office_folder / "laptop.device")
        with services.open_session(office, "boss", PASSWORD, clock) as boss:
            services.enroll_device(boss, office_folder / "laptop.device")
        services.export_bundle(field, documents / "monday.screener-bundle")
    with services.open_session(office, "boss", PASSWORD, clock) as boss:
        services.import_bundle(boss, documents / "monday.screener-bundle")


def drive_app(db: Path, client_id: str, intake_id: str, documents: Path) -> object:
    """Sign in and visit every screen holding the client's data; returns the controller
    (kept alive: the crash must find it all in memory)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtPrintSupport import QPrinter

    from screener.ui.app import make_application
    from screener.ui.controller import AppController

    app = make_application(["screener"])
    settings = QSettings(str(Path.home() / "settings.ini"), QSettings.Format.IniFormat)
    controller = AppController(app, db, settings, remember_path=False)
    controller.start()
    unlock = controller.window
    unlock.username.setText("admin")  # type: ignore[union-attr]
    unlock.password.setText(PASSWORD)  # type: ignore[union-attr]
    unlock.unlock_button.click()  # type: ignore[union-attr]
    wait_until(lambda: controller.main_window is not None)
    main = controller.main_window
    assert main is not None
    clients = main.page("clients")
    clients.search.setText(MARKERS["last"][:6])  # type: ignore[union-attr]
    wait_until(lambda: clients.model.rowCount() == 1)  # type: ignore[union-attr]
    main.open_client(client_id)
    main.open_intake(intake_id)
    main.open_eligibility(client_id)
    dialog = main.open_packets(client_id)
    wait_until(lambda: bool(dialog.boxes))  # type: ignore[union-attr]
    next(iter(dialog.boxes.values())).setChecked(True)  # type: ignore[union-attr]
    dialog.render_preview()  # type: ignore[union-attr]
    wait_until(lambda: dialog.pdf is not None)  # type: ignore[union-attr]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(documents / "printed-to-file.pdf"))
    dialog.print_to(printer)  # type: ignore[union-attr]
    wait_until(lambda: "Sent" in dialog.status.text())  # type: ignore[union-attr]
    dialog.save_to(documents / "saved-packet.pdf")  # type: ignore[union-attr]
    wait_until(lambda: "Saved" in dialog.status.text())  # type: ignore[union-attr]
    main.clipboard.copy(MARKERS["phone"])
    return controller


def main() -> None:
    documents, office_folder = Path(sys.argv[1]), Path(sys.argv[2])
    harden_process()  # what `screener` does first
    db = paths.default_db_path()
    client_id, intake_id = record_client(db)
    export_to_office(db, office_folder, documents)
    controller = drive_app(db, client_id, intake_id, documents)
    libc = ctypes.CDLL(None)
    print("core limit", resource.getrlimit(resource.RLIMIT_CORE), "dumpable",
          libc.prctl(_PR_GET_DUMPABLE, 0, 0, 0, 0), flush=True)
    print("crashing with", controller is not None, flush=True)
    os.kill(os.getpid(), signal.SIGSEGV)


if __name__ == "__main__":
    main()

"""Every window of the app, from the first run to the audit log, on demo data; then the
intake wizard and what follows it (`intake.py`). Run by `python -m screener.ui.screenshots`.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from screener import services
from screener.ui.app import make_application
from screener.ui.controller import AppController
from screener.ui.dialogs.new_client import NewClientDialog
from screener.ui.i18n import Translations
from screener.ui.mnemonics import report_clashes
from screener.ui.screenshots.driver import Driver, Script, idle, shot, use_offscreen
from screener.ui.unlock_window import DemoLogin, UnlockWindow


def script(app: QApplication, out: Path, work: Path, demo: services.DemoDatabase) -> Script:
    for lang in ("en", "es"):
        yield from one_language(app, out, work, demo, lang)


def one_language(app: QApplication, out: Path, work: Path, demo: services.DemoDatabase,
                 lang: str) -> Script:
    login = DemoLogin(demo.username, demo.password)
    if True:
        translations = Translations(app)
        translations.use(lang)
        settings = QSettings(str(work / f"settings-{lang}.ini"), QSettings.Format.IniFormat)
        # First run: a folder with no database yet.
        first = AppController(app, work / f"new-{lang}" / "screener.db", settings,
                              translations=translations, remember_path=False)
        first.start()
        dialog: Any = first.window
        assert dialog is not None
        dialog.passwords.password.setText("correct horse")
        yield idle()
        shot(dialog, out, f"{lang}-01-first-run")
        first.shutdown()

        controller = AppController(app, demo.db_path, settings, translations=translations,
                                   demo=login, remember_path=False)
        controller.start()
        unlock = controller.window
        assert isinstance(unlock, UnlockWindow)
        yield idle()
        shot(unlock, out, f"{lang}-02-unlock")
        unlock.password.setText("not the password")
        unlock.submit()
        yield lambda: unlock.error.isVisible()
        shot(unlock, out, f"{lang}-03-unlock-wrong-password")
        unlock.password.setText(demo.password)
        unlock.submit()
        yield lambda: controller.main_window is not None
        main = controller.main_window
        assert main is not None
        yield idle()
        shot(main, out, f"{lang}-04-clients")
        clients: Any = main.page("clients")
        clients.search.setText("gar")
        yield lambda: clients.model.query == "gar" and not clients.model.loading
        shot(main, out, f"{lang}-05-clients-search")

        # New client that matches an existing one: the duplicate warning.
        existing = clients.model._rows[0]
        clients.new_client()
        dialog = main.findChildren(NewClientDialog)[0]
        dialog.first_name.setText(existing.first_name)
        dialog.last_name.setText(existing.last_name)
        if existing.dob:
            y, m, d = existing.dob.split("-")
            dialog.dob.setText(f"{m}/{d}/{y}")
        dialog.submit()
        yield lambda: dialog.duplicates_box.isVisible()
        dialog.adjustSize()
        yield lambda: True
        shot(dialog, out, f"{lang}-06-new-client-duplicates")
        dialog.open_existing()
        yield lambda: main.page("client") is not None
        yield idle()
        shot(main, out, f"{lang}-07-client")
        page: Any = main.page("client")
        page.tabs.setCurrentWidget(page.history)
        yield lambda: True
        shot(main, out, f"{lang}-08-client-answer-history")
        admin: Any = main.show_page("admin")
        yield lambda: True
        shot(main, out, f"{lang}-09-admin-staff")
        admin.tabs.setCurrentWidget(admin.settings)
        yield lambda: True
        shot(main, out, f"{lang}-10-admin-settings")
        admin.tabs.setCurrentWidget(admin.audit)
        admin.audit.verify()
        yield lambda: admin.audit.verify_button.isEnabled()
        shot(main, out, f"{lang}-11-audit-log")
        main.show_about()  # with the content pack in force (installed in `main` below)
        about: Any = main.findChild(QMessageBox, "about")
        yield lambda: about.isVisible()
        shot(about, out, f"{lang}-12-about-content-pack")
        about.close()
        # The intake wizard, consent signing, eligibility and packets (on a synthetic client).
        from screener.ui.screenshots.intake import capture

        yield from capture(out, main.session, lang)
        controller.shutdown()
        translations.use("en")
        yield lambda: True


def _install_sample_pack(db_path: Path) -> None:
    """A content pack of the app's own files, so the About box shows one in force."""
    from screener import paths
    from screener.services.screening import load_setup
    from screener.sync import content
    from screener.sync.keys import generate_keys

    files = content.collect_files(paths.forms_dir(), paths.rules_dir(), paths.resources_dir())
    pack = content.build_pack(
        files, office_id="demo-office", office_name="ODR Main", version=3,
        published_at="2026-12-01T17:00:00Z", published_by="admin",
        changelog="Sample pack for screenshots", rules_hash=load_setup().rules.hash,
        signing_key=generate_keys().signing_key)
    content.install(paths.content_dir(db_path), pack, "sample", lambda _folder: None)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m screener.ui.screenshots OUTDIR", file=sys.stderr)
        return 2
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    use_offscreen()
    app = make_application([])
    app.setQuitOnLastWindowClosed(False)  # the script closes and reopens windows
    work = Path(tempfile.mkdtemp(prefix="screener-shots-"))
    try:
        demo = services.create_demo_database(work / "demo", clients=300)
        _install_sample_pack(demo.db_path)
        driver = Driver(app, script(app, out, work, demo))
        app.exec()
        if driver.failed:
            print(f"screenshots: {driver.failed}", file=sys.stderr)
            return 1
        return report_clashes()
    finally:
        shutil.rmtree(work, ignore_errors=True)


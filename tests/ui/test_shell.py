"""The desktop shell driven like a person: first run, sign in, lock, search, new client,
administration."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from screener import services
from screener.errors import PermissionDenied, SessionLocked
from screener.ui.dialogs.first_run import FirstRunDialog
from screener.ui.dialogs.new_client import NewClientDialog
from screener.ui.main_window import MainWindow
from screener.ui.unlock_window import UnlockWindow
from tests.ui.conftest import (
    ADMIN,
    KNOWN,
    WORKER,
    WORKER_PASSWORD,
    sign_in,
)


def _clients_page(main: MainWindow) -> Any:
    page = main.page("clients")
    assert page is not None
    return page


def _search(qtbot: Any, page: Any, text: str) -> None:
    page.search.clear()
    qtbot.keyClicks(page.search, text)
    qtbot.waitUntil(lambda: page.model.query == text and not page.model.loading, timeout=5000)


def test_first_run_creates_database_and_admin(qtbot: Any, tmp_path: Path,
                                              make_controller: Any) -> None:
    path = tmp_path / "data" / "screener.db"
    controller = make_controller(path)
    dialog = controller.window
    assert isinstance(dialog, FirstRunDialog)
    assert dialog.folder.text() == str(path.parent)
    assert not dialog.create_button.isEnabled()
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, "maria")
    qtbot.keyClicks(dialog.passwords.password, "short")
    assert "5 so far" in dialog.passwords.hint.text()
    qtbot.keyClicks(dialog.passwords.password, " but now long enough")
    qtbot.keyClicks(dialog.passwords.repeat, "short but now long")
    assert not dialog.create_button.isEnabled()  # not the same twice
    qtbot.keyClicks(dialog.passwords.repeat, " enough")
    assert dialog.create_button.isEnabled()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=10_000)
    assert path.exists()
    assert controller.window.username.text() == "maria"
    main = sign_in(qtbot, controller, "maria", "short but now long enough")
    assert main.session.role is services.Role.ADMIN
    assert controller.settings.value("database/path") == str(path)


def test_wrong_password_says_so_then_right_one_unlocks(qtbot: Any, db_path: Path,
                                                       make_controller: Any) -> None:
    controller = make_controller(db_path)
    unlock = controller.window
    qtbot.keyClicks(unlock.username, ADMIN)
    qtbot.keyClicks(unlock.password, "not-the-password")
    qtbot.mouseClick(unlock.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: unlock.error.isVisible(), timeout=10_000)
    assert "wrong password" in unlock.error.text()
    assert unlock.password.text() == "" and unlock.unlock_button.isEnabled()
    assert controller.session is None
    main = sign_in(qtbot, controller)
    assert isinstance(main, MainWindow)
    assert controller.session is not None and controller.session.username == ADMIN


def _texts_on_screen() -> str:
    parts = []
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLabel | QLineEdit):
            parts.append(widget.text())
    return "\n".join(parts)


def _models_with_rows() -> list[QAbstractItemModel]:
    found = []
    for obj in gc.get_objects():
        try:
            if (isinstance(obj, QAbstractItemModel) and shiboken6.isValid(obj)
                    and type(obj).__module__.startswith("screener.")
                    and obj.rowCount(QModelIndex()) > 0):
                found.append(obj)
        except RuntimeError:
            continue
    return found


def test_auto_lock_after_idle_drops_data_and_key_then_unlock_again(
        qtbot: Any, db_path: Path, make_controller: Any, monotonic: Any) -> None:
    controller = make_controller(db_path)
    main = sign_in(qtbot, controller)
    page = _clients_page(main)
    _search(qtbot, page, "Quartermaine")
    assert page.model.rowCount() == 1
    client_page = main.open_client(page.model.client_id(0))
    qtbot.waitUntil(lambda: client_page.title.text() == "Zebulon Quartermaine", timeout=5000)
    session = controller.session
    assert controller.idle is not None

    monotonic.now += 9 * 60
    controller.idle.check()
    assert controller.session is session  # not yet
    monotonic.now += 61
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=5000)
    qtbot.waitUntil(lambda: not shiboken6.isValid(main), timeout=5000)

    assert session.locked and controller.session is None
    assert not any(session.repos.db._key)  # the database key is wiped from memory
    with pytest.raises(SessionLocked):
        services.find_clients(session, "")
    assert "Quartermaine" not in _texts_on_screen()
    assert _models_with_rows() == []

    fresh = sign_in(qtbot, controller)
    assert fresh is not main and fresh.page("client") is None
    assert controller.session is not session and not controller.session.locked


def test_ctrl_l_locks(qtbot: Any, db_path: Path, make_controller: Any) -> None:
    controller = make_controller(db_path)
    main = sign_in(qtbot, controller)
    main.activateWindow()
    page = _clients_page(main)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=5000)
    assert controller.session is None


def test_lock_button_locks_and_clears_our_clipboard(qtbot: Any, db_path: Path,
                                                    make_controller: Any) -> None:
    controller = make_controller(db_path)
    main = sign_in(qtbot, controller)
    main.clipboard.copy("(213) 555-0199")
    assert QApplication.clipboard().text() == "(213) 555-0199"
    qtbot.mouseClick(main.lock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=5000)
    assert QApplication.clipboard().text() == ""


def test_search_finds_a_client_among_thousands(qtbot: Any, db_path: Path,
                                               make_controller: Any) -> None:
    controller = make_controller(db_path)
    page = _clients_page(sign_in(qtbot, controller))
    for query in ("quarterm", "Zebulon Q", "04/05/1980", "213-555-0199"):
        _search(qtbot, page, query)
        names = [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]
        assert "Quartermaine" in names, query
    _search(qtbot, page, "Quartermaine")
    assert page.model.rowCount() == 1
    assert page.status.text() == "1 client"
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    client = controller.main_window.page("client")
    assert client is not None and client.client_id == page.model.client_id(0)


def test_client_list_fetches_lazily_in_pages(qtbot: Any, db_path: Path,
                                             make_controller: Any) -> None:
    controller = make_controller(db_path)
    page = _clients_page(sign_in(qtbot, controller))
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.loading, timeout=5000)
    assert model.rowCount() == model.page_size  # one page, not 3,000 clients
    assert model.canFetchMore(QModelIndex())
    page.table.scrollToBottom()  # the view asks for more when it reaches the end
    qtbot.waitUntil(lambda: model.rowCount() == 2 * model.page_size, timeout=5000)
    first_names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert first_names == sorted(first_names, key=str.lower)
    ids = [model.client_id(r) for r in range(model.rowCount())]
    assert len(set(ids)) == len(ids)  # the second page continued after the first (keyset)


def test_client_model_asks_for_the_next_page_after_the_last_cursor(qtbot: Any) -> None:
    from screener.ui.models.client_table import ClientTableModel

    model = ClientTableModel(page_size=2)
    asked: list[tuple[int, str, int, object]] = []
    model.page_wanted.connect(lambda *args: asked.append(args))
    model.search("smi")
    assert asked == [(model.generation, "smi", 0, None)]
    clients = tuple(services.Client(f"id{n}", "Ann", f"Smith{n}", None, None, None, None, None,
                                    None, "", "", "", "", n) for n in range(2))
    cursor = services.ClientCursor("Smith1", "Ann", 7)
    assert model.add_page(model.generation, services.ClientPage(clients, 0, 2, True, cursor))
    model.fetchMore(QModelIndex())
    assert asked[-1] == (model.generation, "smi", 2, cursor)


def test_stale_search_results_are_dropped(qtbot: Any, db_path: Path,
                                          make_controller: Any) -> None:
    controller = make_controller(db_path)
    page = _clients_page(sign_in(qtbot, controller))
    _search(qtbot, page, "Quartermaine")
    old = page.model.generation
    late = services.find_clients(controller.session, "", limit=100, offset=0)
    page.model.search("Zebulon")
    assert page.model.add_page(old, late) is False
    qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)
    assert page.model.rowCount() == 1


def _new_client_dialog(qtbot: Any, main: MainWindow) -> NewClientDialog:
    page = _clients_page(main)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialogs = main.findChildren(NewClientDialog)
    assert len(dialogs) == 1
    return dialogs[0]


def test_duplicate_warning_lists_existing_client_and_opens_it(qtbot: Any, db_path: Path,
                                                              make_controller: Any) -> None:
    controller = make_controller(db_path)
    main = sign_in(qtbot, controller)
    dialog = _new_client_dialog(qtbot, main)
    qtbot.keyClicks(dialog.first_name, "Zebulan")  # a typo of the existing client's name
    qtbot.keyClicks(dialog.last_name, "Quartermaine")
    qtbot.keyClicks(dialog.dob, "04/05/1980")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.duplicates_box.isVisible()
    item = dialog.duplicates.topLevelItem(0)
    assert item.text(0) == "Zebulon Quartermaine"
    assert "same date of birth" in item.text(3)
    assert "anyway" in dialog.create_button.text()
    before = services.find_clients(controller.session, "Quartermaine").clients
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    client = main.page("client")
    assert client is not None and client.client_id == before[0].id
    assert len(services.find_clients(controller.session, "Quartermaine").clients) == 1


def test_creating_anyway_is_a_second_deliberate_click(qtbot: Any, db_path: Path,
                                                      make_controller: Any) -> None:
    controller = make_controller(db_path)
    main = sign_in(qtbot, controller)
    dialog = _new_client_dialog(qtbot, main)
    qtbot.keyClicks(dialog.first_name, KNOWN["first_name"])
    qtbot.keyClicks(dialog.last_name, KNOWN["last_name"])
    qtbot.keyClicks(dialog.phone, KNOWN["phone"])
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.duplicates_box.isVisible()
    assert len(services.find_clients(controller.session, "Quartermaine").clients) == 1
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert len(services.find_clients(controller.session, "Quartermaine").clients) == 2
    assert main.page("client") is not None


def test_new_client_without_duplicates_is_created_at_once(qtbot: Any, db_path: Path,
                                                          make_controller: Any) -> None:
    controller = make_controller(db_path)
    main = sign_in(qtbot, controller, WORKER, WORKER_PASSWORD)
    dialog = _new_client_dialog(qtbot, main)
    qtbot.keyClicks(dialog.first_name, "Unusual")
    qtbot.keyClicks(dialog.last_name, "Newperson")
    qtbot.keyClicks(dialog.dob, "13/40/1990")
    qtbot.keyClick(dialog.dob, Qt.Key.Key_Return)
    assert dialog.error.isVisible() and "MM/DD/YYYY" in dialog.error.text()
    dialog.dob.clear()
    qtbot.keyClicks(dialog.dob, "01/02/1990")
    qtbot.keyClick(dialog.dob, Qt.Key.Key_Return)
    client = main.page("client")
    assert client is not None
    assert services.get_client(controller.session, client.client_id).dob == "1990-01-02"


def test_administration_hidden_for_intake_role(qtbot: Any, db_path: Path,
                                               make_controller: Any) -> None:
    controller = make_controller(db_path)
    main = sign_in(qtbot, controller, WORKER, WORKER_PASSWORD)
    assert main.page_keys() == ["clients"]
    assert "intake" in _texts_on_screen()
    with pytest.raises(PermissionDenied):  # and the services refuse too
        services.list_users(controller.session)


def test_admin_sees_staff_and_audit_verify_reports_ok(qtbot: Any, db_path: Path,
                                                      make_controller: Any) -> None:
    controller = make_controller(db_path)
    main = sign_in(qtbot, controller)
    assert main.page_keys() == ["clients", "admin", "conflicts", "duplicates"]
    admin = main.show_page("admin")
    users = [admin.staff.users.topLevelItem(i).text(0)
             for i in range(admin.staff.users.topLevelItemCount())]
    assert users == sorted([ADMIN, WORKER])
    admin.tabs.setCurrentWidget(admin.audit)
    assert admin.audit.model.rowCount() > 0
    qtbot.mouseClick(admin.audit.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: admin.audit.verify_button.isEnabled(), timeout=10_000)
    assert "intact" in admin.audit.result.text()


def test_auto_lock_setting_applies_to_the_idle_watcher(qtbot: Any, db_path: Path,
                                                       make_controller: Any,
                                                       monotonic: Any) -> None:
    controller = make_controller(db_path)
    main = sign_in(qtbot, controller)
    settings = main.show_page("admin").settings
    settings.minutes.setValue(2)
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert services.auto_lock_minutes(controller.session) == 2
    monotonic.now += 121
    qtbot.waitUntil(lambda: controller.session is None, timeout=5000)


def test_screens_not_built_yet_say_so(qtbot: Any, db_path: Path, make_controller: Any,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from PySide6.QtWidgets import QMessageBox

    for name in ("screener.ui.intake.wizard", "screener.ui.eligibility.view",
                 "screener.ui.packets.dialog"):
        monkeypatch.setitem(sys.modules, name, None)  # as if the module were missing
    controller = make_controller(db_path)
    main = sign_in(qtbot, controller)
    assert main.open_intake("some-intake") is None
    assert main.open_eligibility("some-client") is None
    assert main.open_packets("some-client") is None
    boxes = [b for b in main.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 3 and "not available" in boxes[0].text()


def _unnamed_controls(root: QWidget) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox

    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget, QAbstractButton) and widget.text().strip():
            continue
        if widget.accessibleName().strip() or widget.isWindow():
            continue
        if type(widget).__name__ in ("QTabBar", "QScrollBar", "QHeaderView", "QWidget"):
            continue  # Qt names tabs and scroll bars itself
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # the editor inside a named spin box or combo box
        text = widget.text() if isinstance(widget, QLabel | QLineEdit) else ""
        missing.append(f"{type(widget).__name__} {text[:30]!r}")
    return missing


def test_every_control_has_an_accessible_name(qtbot: Any, db_path: Path,
                                              make_controller: Any) -> None:
    controller = make_controller(db_path)
    assert _unnamed_controls(controller.window) == []
    main = sign_in(qtbot, controller)
    assert _unnamed_controls(main) == []
    page = _clients_page(main)
    _search(qtbot, page, "Quartermaine")
    client = main.open_client(page.model.client_id(0))
    qtbot.waitUntil(lambda: client.title.text() != client.tr("Loading…"), timeout=5000)
    for i in range(client.tabs.count()):
        client.tabs.setCurrentIndex(i)
        assert _unnamed_controls(main) == [], client.tabs.tabText(i)
    admin = main.show_page("admin")
    for i in range(admin.tabs.count()):
        admin.tabs.setCurrentIndex(i)
        assert _unnamed_controls(main) == [], admin.tabs.tabText(i)
    assert _unnamed_controls(_new_client_dialog(qtbot, main)) == []


def test_spanish_unlock_screen(qtbot: Any, db_path: Path, make_controller: Any) -> None:
    controller = make_controller(db_path, language="es")
    unlock = controller.window
    assert unlock.unlock_button.text() == "&Desbloquear"
    unlock.language.setCurrentIndex(unlock.language.findData("en"))  # switch back in place
    qtbot.waitUntil(lambda: controller.window is not unlock)
    assert controller.window.unlock_button.text() == "&Unlock"
    assert controller.settings.value("language") == "en"


def test_locking_with_a_dialog_open_closes_it(qtbot: Any, db_path: Path,
                                              make_controller: Any) -> None:
    controller = make_controller(db_path)
    main = sign_in(qtbot, controller)
    dialog = _new_client_dialog(qtbot, main)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    qtbot.keyClicks(dialog.first_name, "Secret")
    qtbot.keyClick(dialog.first_name, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=5000)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=5000)
    assert "Secret" not in _texts_on_screen()


def test_searching_reuses_worker_connections(qtbot: Any, db_path: Path,
                                             make_controller: Any) -> None:
    from screener.ui.tasks import WORKER_THREADS

    controller = make_controller(db_path)
    page = _clients_page(sign_in(qtbot, controller))
    for query in ("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"):
        _search(qtbot, page, query)
    # one connection per worker thread (and the GUI thread's), not one per search
    assert len(controller.session.repos.db._connections) <= WORKER_THREADS + 2


def test_about_shows_the_version(qtbot: Any, db_path: Path, make_controller: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    from screener import version_text

    main = sign_in(qtbot, make_controller(db_path))
    main.about_action.trigger()
    about = main.findChild(QMessageBox, "about")
    assert about is not None and about.isVisible() and version_text() in about.text()
    assert "Forms and rules: built into the app" in about.text()  # no content pack installed
    about.close()

"""After removing an account, the administration page offers to re-encrypt the database
(issue 20, finding 2), and does it off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from screener import services
from screener.errors import NotADatabase
from screener.store import open_database
from screener.store.keyslots import keys_path_for, load_keys_file, unwrap_key
from tests.ui.conftest import WORKER, WORKER_PASSWORD, sign_in


def test_removing_an_account_offers_a_rekey_that_retires_the_old_key(
    qtbot: Any, db_path: Path, make_controller: Any
) -> None:
    old_key = unwrap_key(load_keys_file(keys_path_for(db_path)), WORKER, WORKER_PASSWORD)
    controller = make_controller(db_path)
    main = sign_in(qtbot, controller)
    staff = main.show_page("admin").staff
    services.remove_user(controller.session, WORKER)
    staff.offer_rekey(WORKER)
    assert staff.rekey_box is not None and WORKER in staff.rekey_box.text()
    staff.rekey_box.done(QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: "new key" in staff.rekey_result.text(), timeout=60_000)
    assert services.verify_audit(controller.session).ok  # the session goes on
    with pytest.raises(NotADatabase):
        open_database(db_path, old_key)

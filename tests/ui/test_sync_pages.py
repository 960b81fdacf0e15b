"""The sync dialogs and review pages, driven as a person would (offscreen)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from screener import services
from screener.domain import ClientIdentity
from tests.unit.sync.world import World, add_clients


def shot(widget: QWidget, name: str, tmp_path: Path) -> Path:
    """Save a screenshot (to $SCREENER_SCREENSHOT_DIR when set, for looking at)."""
    folder = Path(os.environ.get("SCREENER_SCREENSHOT_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def test_export_then_import_through_the_dialogs(qtbot: Any, world: World, tmp_path: Path) -> None:
    from screener.ui.sync.export_dialog import ExportDialog
    from screener.ui.sync.import_dialog import ImportDialog

    add_clients(world["field1"], 3)
    export = ExportDialog(world["field1"])
    qtbot.addWidget(export)
    export.show()
    bundle = tmp_path / "from-laptop.screener-bundle"
    qtbot.keyClicks(export.path_edit, str(bundle))
    qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Wrote" in export.summary.text(), timeout=10_000)
    assert bundle.exists() and "clients 3" in export.summary.text()
    shot(export, "export_dialog", tmp_path)

    dialog = ImportDialog(world.office)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_files([str(bundle), str(bundle), str(tmp_path / "missing.screener-bundle")])
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=15_000)
    cells = [[dialog.table.item(r, c).text() for c in range(7)] for r in range(3)]
    assert cells[0][1] == "Laptop field1" and cells[0][2] == "15"  # 3 clients, 3 intakes, 9 answers
    assert "Already imported" in cells[1][6]
    assert cells[2][6].startswith("Refused")
    assert "1 refused" in dialog.summary.text()
    shot(dialog, "import_dialog", tmp_path)


def _conflict(world: World) -> str:
    [client] = add_clients(world["field1"], 1)
    world.sync_to_office("field1")
    intake = services.intakes_of(world.office, client)[0].id
    world.tick()
    services.save_answer(world.office, intake, "housing_status", "transitional")
    world.tick()
    services.save_answer(world["field1"], intake, "housing_status", "rent_own")
    assert world.sync_to_office("field1").conflicts == 1
    return intake


def test_conflicts_page_shows_both_sides_and_keeps_the_chosen_one(
    qtbot: Any, world: World, tmp_path: Path
) -> None:
    from screener.ui.sync.conflicts_page import ConflictsPage

    intake = _conflict(world)
    page = ConflictsPage(world.office)
    qtbot.addWidget(page)
    page.resize(720, 420)
    page.show()
    assert page.list.count() == 1
    # the answers as the form words them, never the stored codes
    assert page.local.value.text() == "Transitional, interim or sober living housing"
    assert page.remote.value.text() == "Own place (renting or owning)"
    assert page.remote.who.text() == "ana" and page.local.who.text() == "olga"
    shot(page, "conflicts_page", tmp_path)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.keep_remote, Qt.MouseButton.LeftButton)
    assert page.list.count() == 0 and not page.keep_remote.isEnabled()
    assert services.answer_values(world.office, intake)["housing_status"] == "rent_own"


def test_conflicts_page_keeps_a_typed_value(qtbot: Any, world: World) -> None:
    from screener.ui.sync.conflicts_page import ConflictsPage

    intake = _conflict(world)
    page = ConflictsPage(world.office)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.keep_other, Qt.MouseButton.LeftButton)
    assert "Type the value" in page.status.text() and page.list.count() == 1
    qtbot.keyClicks(page.other_value, "emergency_shelter")
    qtbot.mouseClick(page.keep_other, Qt.MouseButton.LeftButton)
    assert services.answer_values(world.office, intake)["housing_status"] == "emergency_shelter"


def test_duplicates_page_merges_two_clients(qtbot: Any, world: World, tmp_path: Path) -> None:
    from screener.ui.sync.duplicates_page import DuplicatesPage

    a = services.create_client(world["field1"], ClientIdentity("María", "López", dob="1979-04-02",
                                                               phone="213-555-0101"))
    services.start_intake(world["field1"], a.id, "intake", 1)
    b = services.create_client(world["field2"], ClientIdentity("Maria", "Lopez", dob="1979-04-02"))
    services.start_intake(world["field2"], b.id, "intake", 1)
    world.sync_to_office("field1")
    assert world.sync_to_office("field2").duplicates == 1
    page = DuplicatesPage(world.office)
    qtbot.addWidget(page)
    page.resize(720, 380)
    page.show()
    assert page.list.count() == 1 and page.left.labels["dob"].text() == "1979-04-02"
    shot(page, "duplicates_page", tmp_path)
    keep = page.current().a  # type: ignore[union-attr]
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.keep_left, Qt.MouseButton.LeftButton)
    assert page.list.count() == 0
    assert len(services.intakes_of(world.office, keep.id)) == 2


def test_conflicts_page_reviews_a_client_identity_by_keyboard(
    qtbot: Any, world: World, tmp_path: Path
) -> None:
    from screener.ui.sync.conflicts_page import ConflictsPage

    [client] = add_clients(world["field1"], 1, answers_each=0)
    world.sync_to_office("field1")
    for session, name in ((world.office, "Anna"), (world["field1"], "Annie")):
        world.tick()
        identity = services.get_client(session, client).identity
        session.repos.clients.update_identity(
            client, identity.with_value("first_name", name), session.now())
    assert world.sync_to_office("field1").conflicts == 1
    page = ConflictsPage(world.office)
    qtbot.addWidget(page)
    page.resize(720, 420)
    page.show()
    # the question's label and the client's name, not internal ids
    assert page.list.item(0).text().startswith("Client identity (Legal first name) — Anna ")
    assert page.local.value.text() == "Legal first name: Anna"
    assert page.remote.value.text() == "Legal first name: Annie"
    assert page.local.who.text() == "not recorded" and page.remote.device.text()
    assert not page.other_value.isEnabled() and not page.keep_other.isEnabled()
    shot(page, "conflicts_page_client", tmp_path)
    page.list.setFocus()
    for _ in range(5):  # Tab from the list, past "Keep this one", to "Keep the incoming one"
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
        if page.focusWidget() is page.keep_remote:
            break
    assert page.focusWidget() is page.keep_remote
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(page.keep_remote, Qt.Key.Key_Space)
    assert page.list.count() == 0 and "0 conflict" in page.status.text()
    assert services.get_client(world.office, client).first_name == "Annie"

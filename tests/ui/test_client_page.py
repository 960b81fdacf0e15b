"""The client page as an intake worker uses it: taking a consent from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from screener import services
from tests.ui.conftest import KNOWN, WORKER, WORKER_PASSWORD, sign_in

# A small black PNG, as the signature pad would draw.
PNG = ("iVBORw0KGgoAAAANSUhEUgAAACgAAAAMCAYAAAAQw/9NAAAAK0lEQVR4nGNkYGD4zzCIAdNAO4AQGHUgpWDUgZSCU"
       "QdSCkYdSCkYdSClAADi/QEXay7ChQAAAABJRU5ErkJggg==")
CONSENT: dict[str, services.JsonValue] = {
    "consent_client_name": "Zebulon Quartermaine", "consent_includes_mental_health": True,
    "consent_includes_sud": False, "consent_programs": ["housing"],
    "consent_expires_on": "2027-11-25", "consent_signed_by": "client",
    "consent_signature": PNG, "consent_signed_on": "2026-11-25", "consent_copy_offered": True,
}


def test_a_consent_is_signed_from_the_client_page(qtbot: Any, db_path: Path,
                                                  make_controller: Any) -> None:
    from screener.ui.intake.wizard import IntakeWizard

    controller = make_controller(db_path)
    main = sign_in(qtbot, controller, WORKER, WORKER_PASSWORD)
    [client] = services.find_clients(controller.session, KNOWN["last_name"]).clients
    page = main.open_client(client.id)
    qtbot.waitUntil(page.consent_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(page.consent_button, Qt.MouseButton.LeftButton)
    [consent] = services.intakes_of(controller.session, client.id)
    assert consent.form_id == "consent"
    wizard = main.page("intake")
    assert isinstance(wizard, IntakeWizard)
    qtbot.waitUntil(lambda: wizard.draft is not None, timeout=10_000)
    for field_id, value in CONSENT.items():  # what the person answers with the worker
        services.save_answer(controller.session, consent.id, field_id, value)
    wizard = main.open_intake(consent.id)  # shows what was saved
    qtbot.waitUntil(lambda: wizard.draft is not None, timeout=10_000)
    qtbot.mouseClick(wizard.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.page("intake") is None, timeout=10_000)
    [recorded] = services.consents_of(controller.session, client.id)
    assert list(recorded.program_ids) == ["housing"]
    page = main.page("client")
    qtbot.waitUntil(lambda: page.consents.topLevelItemCount() == 1, timeout=10_000)


def test_client_page_is_a_status_board_with_one_primary_action(
        qtbot: Any, db_path: Path, make_controller: Any) -> None:
    controller = make_controller(db_path)
    main = sign_in(qtbot, controller, WORKER, WORKER_PASSWORD)
    session = controller.session
    [client] = services.find_clients(session, KNOWN["last_name"]).clients
    page = main.open_client(client.id)
    qtbot.waitUntil(page.start_button.isEnabled, timeout=10_000)
    assert page.start_button.isVisible() and not page.resume_button.isVisible()
    assert page.start_button.isDefault()
    board = page.status_board.text()
    assert "No consent in force" in board and "No eligibility yet" in board
    intake = services.start_intake(session, client.id, "intake", 1)
    services.save_answer(session, intake.id, "phq9_9", 2)
    consent = services.start_intake(session, client.id, "consent", 1)
    for field_id, value in CONSENT.items():
        services.save_answer(session, consent.id, field_id, value)
    services.complete_intake(session, consent.id)
    page = main.open_client(client.id)
    qtbot.waitUntil(lambda: page.resume_button.isVisible(), timeout=10_000)
    assert page.resume_button.isDefault() and not page.start_button.isVisible()
    board = page.status_board.text()
    assert "URGENT" in board and "self-harm" in board
    assert "Consent in force for" in board and "November 25, 2027" in board
    forms = {page.intakes.topLevelItem(i).text(1) for i in range(page.intakes.topLevelItemCount())}
    assert not any(" v1" in f for f in forms)  # form titles, never "intake v1"
    page.tabs.setCurrentWidget(page.history)
    fields = [page.history.field.itemText(i) for i in range(page.history.field.count())]
    assert fields and not any("(" in f and f.endswith(")") and "_" in f for f in fields)

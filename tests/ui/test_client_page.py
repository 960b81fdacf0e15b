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

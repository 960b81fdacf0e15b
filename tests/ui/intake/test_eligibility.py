"""The eligibility view: determinations with reasons, and jumping to a missing question."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QToolButton

from screener import services
from screener.rules import Outcome
from tests.ui.intake.conftest import LAPTOP, focused, press, tab_to

Wizard = Any


def open_view(qtbot: Any, session: services.Session, client_id: str) -> Any:
    from screener.ui.eligibility.view import EligibilityView

    view = EligibilityView(session, client_id)
    qtbot.addWidget(view)
    view.resize(*LAPTOP)
    with qtbot.waitSignal(view.refreshed, timeout=20_000):
        view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.lang_combo.setFocus()  # the person starts at the top of the view
    return view


def test_view_shows_each_program_with_its_reasons_and_flags(
    qtbot: Any, session: services.Session, client_id: str, intake_id: str,
) -> None:
    for field_id, value in {"county_of_residence": "los_angeles", "in_custody": False,
                            "release_date": "2026-10-01", "release_facility_type": "county_jail",
                            "housing_status": "unsheltered", "dob": "1980-01-01",
                            "phq9_9": 2}.items():
        services.save_answer(session, intake_id, field_id, value)
    view = open_view(qtbot, session, client_id)
    card = view.cards["interim_housing"]
    assert "Eligible" in card.outcome.text() and "✔" in card.outcome.text()
    assert "met" in card.accessibleName() or "Eligible" in card.accessibleName()
    assert "URGENT" in view.banner.urgent_text()
    needs = [c for c in view.cards.values() if "Needs information" in c.outcome.text()]
    assert needs and all(c.ask_buttons for c in needs)
    view.lang_combo.setCurrentIndex(view.lang_combo.findData("es"))
    assert view.cards["interim_housing"].determination.title.get("es") in \
        view.cards["interim_housing"].findChildren(type(view.summary))[0].text()


def test_missing_question_button_jumps_to_the_question_in_the_wizard(
    qtbot: Any, open_wizard: Callable[[str], Wizard], session: services.Session,
    client_id: str, intake_id: str,
) -> None:
    services.save_answer(session, intake_id, "county_of_residence", "los_angeles")
    view = open_view(qtbot, session, client_id)
    assert 0 < len(view.ask_buttons) <= 5  # "Ask next": a few questions, at the top
    button = view.findChild(QPushButton, "ask_next_dob")
    assert button is not None and button in view.ask_buttons
    tab_to(qtbot, button, limit=60)
    with qtbot.waitSignal(view.jump_to_question, timeout=2000) as jump:
        press(qtbot, Qt.Key.Key_Return)
    assert jump.args == [intake_id, "dob"]
    wizard = open_wizard(intake_id)
    wizard.go_to(jump.args[1])  # what the shell does with the signal
    assert wizard.current == "identity"
    assert focused() is wizard.findChild(QLineEdit, "edit_dob")


def test_card_says_when_a_program_takes_no_referrals_or_was_declined(
    qtbot: Any, session: services.Session, client_id: str, intake_id: str,
) -> None:
    from PySide6.QtWidgets import QLabel

    for field_id, value in {"county_of_residence": "los_angeles", "in_custody": False,
                            "release_date": "2026-10-01", "release_facility_type": "county_jail",
                            "dob": "1980-01-01", "mental_health_diagnosis": True,
                            "smi_diagnosis": True, "odr_diversion_history": True,
                            "prior_program_failures": 3, "benefits_current": ["none"],
                            "benefits_help_wanted": False, "income_monthly": 0}.items():
        services.save_answer(session, intake_id, field_id, value)
    view = open_view(qtbot, session, client_id)

    def notes(program: str) -> list[str]:
        return [label.text() for label in view.cards[program].findChildren(QLabel)
                if label.objectName() == "status_note"]

    assert any("candidate list" in n for n in notes("step_down_pilot"))
    assert notes("step_down_listening_sessions") == []
    assert any("does not want this help" in n for n in notes("calfresh_linkage"))
    # Declined help and a candidate list are no referrals to make: no Refer… button.
    eligible = {d.program_id: d for d in view.glance.by_outcome(Outcome.ELIGIBLE)}
    assert eligible["calfresh_linkage"].declined and eligible["step_down_pilot"]
    assert "calfresh_linkage" not in view.refer_buttons
    assert "step_down_pilot" not in view.refer_buttons
    assert "step_down_listening_sessions" in view.refer_buttons
    n = sum(d.declined for d in eligible.values())
    assert f"Declined by the client ({n})" in [b.text() for b in view.findChildren(QToolButton)]


def test_summary_first_reasons_collapsed_showing_only_what_decided(
    qtbot: Any, session: services.Session, client_id: str, intake_id: str,
) -> None:
    for field_id, value in {"county_of_residence": "los_angeles", "in_custody": False,
                            "release_date": "2026-10-01", "release_facility_type": "county_jail",
                            "housing_status": "unsheltered", "dob": "1980-01-01"}.items():
        services.save_answer(session, intake_id, field_id, value)
    view = open_view(qtbot, session, client_id)
    assert "Maria Lopez" in view.title.text()
    assert "November 25, 2026" in view.summary.text()
    refer = view.refer_buttons["interim_housing"]
    assert refer.isVisible()
    line = refer.parent().findChildren(type(view.summary))
    assert any("qualifies because" in label.text() for label in line)
    card = view.cards["interim_housing"]
    assert not card.details.isVisible()  # collapsed until asked for
    tab_to(qtbot, card.toggle, limit=200)
    press(qtbot, Qt.Key.Key_Space)
    assert card.details.isVisible()
    assert "not met" not in card.reasons.text()  # an eligible card shows what was met
    scroll = view.cards_area.verticalScrollBar()
    before = scroll.value()
    view.lang_combo.setFocus()
    press(qtbot, Qt.Key.Key_PageDown)
    assert scroll.value() > before
    press(qtbot, Qt.Key.Key_PageUp)
    assert scroll.value() == before

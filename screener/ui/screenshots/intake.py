"""Screenshots of the intake wizard, the eligibility view and the packet dialog.

`capture(outdir, session, lang)` is a script for `driver.Driver`: a generator that yields a
condition to wait for (questions loading, a screening or a PDF being rendered) before it goes
on, so `windows.py` runs it after the other windows (`yield from capture(...)`), in English and
Spanish, at 1366×768: `python -m screener.ui.screenshots OUTDIR`.
"""

from __future__ import annotations

from pathlib import Path

from screener import services
from screener.services import ClientIdentity, Session
from screener.ui.screenshots.driver import Script, idle, shot

LAPTOP = (1366, 768)

#: A synthetic client's answers: enough to show every kind of question filled in.
SAMPLE_ANSWERS: dict[str, object] = {
    "first_name": "Rosa", "last_name": "Example", "dob": "1984-06-02", "gender": "woman",
    "ssn": "123456789", "race_ethnicity": ["hispanic_latina_e_o"], "preferred_language": "es",
    "phone": "213-555-0100", "county_of_residence": "los_angeles",
    "address": {"street": "100 Example St", "city": "Los Angeles", "state": "CA",
                "zip": "90012"},
    "in_custody": False, "release_date": "2026-10-01", "release_facility_type": "county_jail",
    "supervision_type": "probation_felony", "housing_status": "unsheltered",
    "phq9_1": 1, "phq9_2": 2, "phq9_9": 1, "children_under_18": 2,
    "children": [{"child_first_name": "Ana", "child_age": 7, "child_lives_with": "relative"}],
}


def sample_client(session: Session) -> tuple[str, str]:
    """A synthetic client with a filled-in intake: (client id, intake id)."""
    client = services.create_client(session, ClientIdentity(first_name="Rosa",
                                                            last_name="Example"))
    intake = services.start_intake(session, client.id, "intake", 1)
    for field_id, value in SAMPLE_ANSWERS.items():
        services.save_answer(session, intake.id, field_id, value)
    return client.id, intake.id


def capture(outdir: Path, session: Session, lang: str) -> Script:
    """Screenshots of every kind of section, in `lang` ("en" or "es")."""
    from screener.ui.intake.rows import QuestionRow
    from screener.ui.intake.signature import SignatureEditor
    from screener.ui.intake.wizard import IntakeWizard

    client_id, intake_id = sample_client(session)
    wizard = IntakeWizard(session, intake_id)
    wizard.resize(*LAPTOP)
    wizard.show()
    yield lambda: wizard.draft is not None
    wizard.lang_combo.setCurrentIndex(wizard.lang_combo.findData(lang))
    for name, field in (("identity", "first_name"), ("contact", "phone"),
                        ("custody-skip-logic", "in_custody"), ("phq9-grid-flag", "phq9_1"),
                        ("trauma-yes-no-grid", "pcptsd5_trauma"), ("family-repeat-group",
                                                                   "children_under_18")):
        wizard.go_to(field)
        yield lambda: True
        shot(wizard, outdir, f"{lang}-intake-{name}")
    wizard.start_quick()  # the quick screen: its next question and the tracks decided so far
    yield lambda: wizard.quick.step is not None
    shot(wizard, outdir, f"{lang}-intake-quick-screen")
    wizard.quick.button.setChecked(False)
    dob = wizard.pages["identity"].views["dob"]
    wizard.go_to("dob")
    dob.set_value("1990-02-30")
    if isinstance(dob, QuestionRow) and dob.editor is not None:
        dob.editor.committed.emit()  # an impossible date: a message, nothing saved
    yield lambda: True
    shot(wizard, outdir, f"{lang}-intake-impossible-date")
    wizard.close()
    wizard.deleteLater()

    consent = services.start_intake(session, client_id, "consent", 1)
    signing = IntakeWizard(session, consent.id)
    signing.resize(*LAPTOP)
    signing.show()
    yield lambda: signing.draft is not None
    signing.lang_combo.setCurrentIndex(signing.lang_combo.findData(lang))
    signing.go_to("consent_signature")
    pad_owner = signing.pages["consent_signing"].views["consent_signature"]
    editor = pad_owner.editor if isinstance(pad_owner, QuestionRow) else None
    if isinstance(editor, SignatureEditor):
        editor.typed.setText("Rosa Example")
        editor.typed.editingFinished.emit()
    yield lambda: True
    shot(signing, outdir, f"{lang}-consent-signature")
    signing.go_to("consent_includes_mental_health")
    yield lambda: True
    shot(signing, outdir, f"{lang}-consent-notes")
    signing.close()
    signing.deleteLater()
    yield idle()
    yield from capture_eligibility_and_packets(outdir, session, client_id, lang)


def capture_eligibility_and_packets(outdir: Path, session: Session, client_id: str,
                                    lang: str) -> Script:
    """The eligibility view (top, and a card asking for missing answers), the packet dialog
    with its preview (opened for an eligible program, as its card's button does) and the
    client handout."""
    from screener.ui.eligibility.view import EligibilityView
    from screener.ui.packets.dialog import PacketDialog
    from screener.ui.packets.handout_dialog import HandoutDialog

    view = EligibilityView(session, client_id)
    view.resize(*LAPTOP)
    view.show()
    yield lambda: view.screening is not None
    view.lang_combo.setCurrentIndex(view.lang_combo.findData(lang))
    yield lambda: True
    shot(view, outdir, f"{lang}-eligibility")
    asking = next((c for c in view.cards.values() if c.ask_buttons), None)
    if asking is not None:
        asking.set_open(True)  # reasons open: only what decided, and the questions to ask
        yield lambda: True
        view.cards_area.ensureWidgetVisible(asking)
        yield lambda: True
        shot(view, outdir, f"{lang}-eligibility-needs-information")
    assert view.screening is not None
    chosen = next(c.program_id for c in services.packet_choices(session, client_id)
                  if c.referable and c.consent_needed is None)
    view.close()
    view.deleteLater()
    dialog = PacketDialog(session, client_id, program_id=chosen)
    dialog.resize(*LAPTOP)
    dialog.lang_combo.setCurrentIndex(dialog.lang_combo.findData(lang))
    dialog.show()
    yield lambda: bool(dialog.boxes) and dialog.preview.page_count() > 0
    yield idle()
    shot(dialog, outdir, f"{lang}-packet-dialog")
    dialog.close()
    dialog.deleteLater()
    yield idle()
    services.save_packet(session, client_id, [chosen], outdir / f"{lang}-packet.pdf",
                         lang="es" if lang == "es" else "en")
    handout = HandoutDialog(session, client_id)
    handout.resize(*LAPTOP)
    handout.lang_combo.setCurrentIndex(handout.lang_combo.findData(lang))
    handout.show()
    yield lambda: handout.preview.page_count() > 0
    yield idle()
    shot(handout, outdir, f"{lang}-handout-dialog")
    handout.close()
    handout.deleteLater()
    yield idle()


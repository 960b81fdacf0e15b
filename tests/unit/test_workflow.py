"""Intake → determinations → consent → packet, through the services, as the app uses them."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from screener import services
from screener.clock import FixedClock
from screener.demo.people import PersonFactory
from screener.domain import ClientIdentity
from screener.errors import AnswerError, InputError
from screener.rules import Outcome

TODAY = date(2026, 11, 25)
PASSWORD = "office-password-1"
# A small black PNG, as the signature pad would draw.
PNG = ("iVBORw0KGgoAAAANSUhEUgAAACgAAAAMCAYAAAAQw/9NAAAAK0lEQVR4nGNkYGD4zzCIAdNAO4AQGHUgpWDUgZSCU"
       "QdSCkYdSCkYdSClAADi/QEXay7ChQAAAABJRU5ErkJggg==")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock.on(TODAY)


@pytest.fixture
def session(tmp_path: Path, clock: FixedClock) -> Iterator[services.Session]:
    db = tmp_path / "office.db"
    services.create_database(db, "admin", PASSWORD, clock)
    with services.open_session(db, "admin", PASSWORD, clock) as s:
        yield s


def _intake(session: services.Session, answers: dict[str, object]) -> tuple[str, str]:
    client = services.create_client(session, ClientIdentity("Placeholder", "Person"))
    intake = services.start_intake(session, client.id, "intake", 1)
    for field_id, value in answers.items():
        services.save_answer(session, intake.id, field_id, value)  # type: ignore[arg-type]
    return client.id, intake.id


def _person(**overrides: object) -> dict[str, object]:
    answers: dict[str, object] = dict(PersonFactory(4, TODAY).person().answers)
    answers.update(first_name="Yolanda", last_name="Ibáñez-Quetzal", dob="1984-02-29",
                   ssn="123-45-6789", preferred_language="es", in_custody=False,
                   release_date="2026-09-20", county_of_residence="los_angeles",
                   housing_status="unsheltered", substance_use_past_year=True,
                   primary_substance="methamphetamine", sud_treatment_interest=True)
    answers.update(overrides)
    return answers


def _consent(session: services.Session, client_id: str, tracks: list[str], expires: str,
             sud: bool = True) -> str:
    intake = services.start_intake(session, client_id, "consent", 1)
    for field_id, value in {
        "consent_client_name": "Yolanda Ibáñez-Quetzal", "consent_includes_mental_health": True,
        "consent_includes_sud": sud, "consent_programs": tracks, "consent_expires_on": expires,
        "consent_signed_by": "client", "consent_signature": PNG,
        "consent_signed_on": "2026-11-20", "consent_copy_offered": True,
    }.items():
        services.save_answer(session, intake.id, field_id, value)  # type: ignore[arg-type]
    services.complete_intake(session, intake.id)
    return intake.id


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_completing_an_intake_stores_its_determinations(session: services.Session) -> None:
    client_id, intake_id = _intake(session, _person())
    assert services.client_screening(session, client_id) is None  # a draft has none stored
    services.complete_intake(session, intake_id)
    stored = services.client_screening(session, client_id)
    assert stored is not None
    assert stored.get("interim_housing") is not None
    assert stored.get("interim_housing").outcome is Outcome.ELIGIBLE  # type: ignore[union-attr]
    assert stored.determinations == services.screen_intake(session, intake_id).determinations


def test_an_unfinished_questionnaire_cannot_be_completed(session: services.Session) -> None:
    _, intake_id = _intake(session, {"first_name": "Ana"})
    with pytest.raises(InputError, match="Legal last name"):
        services.complete_intake(session, intake_id)


def test_editing_a_completed_intake_redetermines(session: services.Session) -> None:
    client_id, intake_id = _intake(session, _person())
    services.complete_intake(session, intake_id)
    services.save_answer(session, intake_id, "county_of_residence", "out_of_state",
                         reason="moved to Nevada")
    stored = services.client_screening(session, client_id)
    assert stored is not None
    assert stored.get("interim_housing").outcome is Outcome.NOT_ELIGIBLE  # type: ignore[union-attr]


def test_a_bad_answer_is_refused_and_nothing_is_saved(session: services.Session) -> None:
    _, intake_id = _intake(session, {})
    with pytest.raises(AnswerError, match="release_date"):
        services.save_answer(session, intake_id, "release_date", "2025-02-30")
    assert "release_date" not in services.answer_values(session, intake_id)


def test_rescreen_after_time_passes_changes_only_what_changed(
    session: services.Session, clock: FixedClock
) -> None:
    for _ in range(3):
        _, intake_id = _intake(session, _person())
        services.complete_intake(session, intake_id)
    assert services.rescreen(session).changed == 0  # same day, same rules
    clock.advance(days=400)  # released more than 12 months ago now
    result = services.rescreen(session)
    assert result.intakes == 3 and result.changed == 3


def test_packet_prints_reasons_and_withholds_without_consent(
    session: services.Session, tmp_path: Path
) -> None:
    client_id, intake_id = _intake(session, _person())
    services.complete_intake(session, intake_id)
    out = tmp_path / "packet.pdf"
    result = services.save_packet(session, client_id, ["interim_housing"], out)
    text = _pdf_text(out)
    assert "Ibáñez-Quetzal" in text and "Interim housing" in text  # the provider's language
    assert "6789" in text and "123-45-6789" not in text and "123456789" not in text
    assert "substance_use" in result.sections_withheld
    assert "metanfetamina" not in text.lower()
    assert [p.program_id for p in services.packets_of(session, client_id)] == ["interim_housing"]


def test_a_valid_consent_releases_the_sensitive_sections(
    session: services.Session, tmp_path: Path, clock: FixedClock
) -> None:
    client_id, intake_id = _intake(session, _person())
    services.complete_intake(session, intake_id)
    _consent(session, client_id, ["housing", "behavioral_health"], "2027-11-20")
    [consent] = services.consents_of(session, client_id)
    assert consent.program_ids == ("behavioral_health", "housing")  # the form's order
    with_consent = services.save_packet(session, client_id, ["interim_housing"],
                                        tmp_path / "a.pdf")
    assert with_consent.sections_withheld == ()
    assert "methamphetamine" in _pdf_text(tmp_path / "a.pdf").lower()
    # the same consent does not cover another track
    other = services.save_packet(session, client_id, ["pcp_linkage"], tmp_path / "b.pdf")
    assert "substance_use" in other.sections_withheld
    # expired consent counts as none
    clock.advance(days=400)
    expired = services.save_packet(session, client_id, ["interim_housing"], tmp_path / "c.pdf")
    assert "substance_use" in expired.sections_withheld


def test_a_revoked_consent_counts_as_none(session: services.Session, tmp_path: Path) -> None:
    client_id, intake_id = _intake(session, _person())
    services.complete_intake(session, intake_id)
    _consent(session, client_id, ["housing"], "2027-11-20")
    [consent] = services.consents_of(session, client_id)
    services.revoke_consent(session, consent.id)
    result = services.save_packet(session, client_id, ["interim_housing"], tmp_path / "r.pdf")
    assert "substance_use" in result.sections_withheld


def test_revoking_again_keeps_the_first_revocation(session: services.Session,
                                                  clock: FixedClock) -> None:
    client_id, intake_id = _intake(session, _person())
    services.complete_intake(session, intake_id)
    _consent(session, client_id, ["housing"], "2027-11-20")
    [consent] = services.consents_of(session, client_id)
    first = services.revoke_consent(session, consent.id)
    clock.advance(days=3)
    again = services.revoke_consent(session, consent.id)
    assert (again.revoked_at, again.revoked_by, again.seq) == (
        first.revoked_at, first.revoked_by, first.seq)


def test_consents_of_an_unknown_client_is_an_error(session: services.Session) -> None:
    with pytest.raises(InputError, match="no client with id nobody"):
        services.consents_of(session, "nobody")


def test_packet_command_writes_a_pdf(session: services.Session, tmp_path: Path) -> None:
    client_id, intake_id = _intake(session, _person(preferred_language="en"))
    services.complete_intake(session, intake_id)
    session.close()
    out = tmp_path / "cli.pdf"
    env = {**os.environ, "SCREENER_PASSPHRASE": PASSWORD, "SCREENER_USER": "admin"}
    run = [sys.executable, "-m", "screener", "--db", str(session.path)]
    done = subprocess.run([*run, "packet", "--client", client_id, "--program", "interim_housing",
                           "-o", str(out)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    text = _pdf_text(out)
    assert "Interim housing" in text and "Yolanda" in text
    two = [*run, "packet", "--client", client_id, "--program", "interim_housing",
           "--program", "pcp_linkage"]
    mixed = subprocess.run([*two, "-o", str(tmp_path / "mixed.pdf")], env=env,
                           capture_output=True, text=True)
    assert mixed.returncode == 2 and "one packet per provider" in mixed.stderr
    per_provider = subprocess.run([*two, "-o", str(tmp_path / "out")], env=env,
                                  capture_output=True, text=True)
    assert per_provider.returncode == 0, per_provider.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        f"odr_interim_housing-{client_id}.pdf", f"reentry_health_linkage-{client_id}.pdf"]
    bad = subprocess.run([*run, "packet", "--client", client_id, "--program", "no_such",
                          "-o", str(tmp_path / "x.pdf")], env=env, capture_output=True, text=True)
    assert bad.returncode == 2 and "no_such" in bad.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_combined_packet_for_every_program_is_logged_per_program(
    session: services.Session, tmp_path: Path
) -> None:
    client_id, intake_id = _intake(session, _person())
    services.complete_intake(session, intake_id)
    programs = [c.program_id for c in services.packet_choices(session, client_id)
                if c.consent_needed is None]
    assert len(programs) > 18
    services.save_packet(session, client_id, programs, tmp_path / "all.pdf", combined=True)
    assert len(services.packets_of(session, client_id)) == len(programs)
    logged = [e for e in services.audit_entries(session, limit=1000) if e.action == "packet.save"]
    assert len(logged) == len(programs)
    assert "Yolanda" not in "".join(e.details for e in logged)


def test_an_intake_from_the_record_starts_with_identity_filled_and_editable(
        session: services.Session) -> None:
    client = services.create_client(session, ClientIdentity(
        first_name="Ana", last_name="Ruiz", dob="04/12/1988", phone="(213) 555-0142",
        preferred_language="es"))
    assert client.dob == "1988-04-12"  # MM/DD/YYYY, the way staff type it
    intake = services.start_intake(session, client.id, "intake", 1, from_record=True)
    answers = services.answer_values(session, intake.id)
    assert answers["first_name"] == "Ana" and answers["last_name"] == "Ruiz"
    assert answers["dob"] == "1988-04-12" and answers["preferred_language"] == "es"
    assert answers["phone"] == "213-555-0142"
    services.save_answer(session, intake.id, "last_name", "Ruiz Soto")
    history = services.answer_history(session, intake.id, "last_name")
    assert [v.value for v in history] == ["Ruiz", "Ruiz Soto"]
    assert services.get_client(session, client.id).last_name == "Ruiz Soto"
    empty = services.start_intake(session, client.id, "intake", 1)
    assert not services.answer_values(session, empty.id)


def test_a_consent_starts_with_name_today_expiry_and_the_eligible_tracks(
        session: services.Session) -> None:
    client_id, intake_id = _intake(session, _person())
    services.complete_intake(session, intake_id)
    consent = services.start_intake(session, client_id, "consent", 1, from_record=True)
    answers = services.answer_values(session, consent.id)
    client = services.get_client(session, client_id)
    assert answers["consent_client_name"] == f"{client.first_name} {client.last_name}"
    assert answers["consent_signed_on"] == TODAY.isoformat()
    assert answers["consent_expires_on"] == TODAY.replace(year=TODAY.year + 1).isoformat()
    assert "housing" in answers["consent_programs"]  # type: ignore[operator]

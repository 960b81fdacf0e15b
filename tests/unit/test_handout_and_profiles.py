"""The client's next-steps handout and the staff profile that packets print."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from screener import services
from screener.errors import InputError, PermissionDenied
from tests.unit.packet_pdf import pdftotext, word_boxes
from tests.unit.test_workflow import PASSWORD, _consent, _intake, _person, clock, session

__all__ = ["clock", "session"]  # fixtures shared with test_workflow


def _client(session: services.Session) -> str:
    client_id, intake_id = _intake(session, _person(
        supervision_type="probation_felony", supervision_end_date="2028-03-01",
        supervising_officer_name="J. Lee", supervising_officer_phone="(213) 555-0199",
        documents_on_hand=["state_id"], mental_health_diagnosis=True, smi_diagnosis=True))
    services.complete_intake(session, intake_id)
    return client_id


def test_staff_profile_is_what_the_packet_names(session: services.Session,
                                                tmp_path: Path) -> None:
    assert services.staff_profile(session).display_name is None
    services.set_staff_profile(session, display_name="Dana  Okafor", agency="JCOD",
                               phone="(213) 555-0188", email="dana@example.org")
    services.set_staff_profile(session, agency="JCOD Reentry Intake")  # the rest stays
    profile = services.staff_profile(session)
    assert (profile.display_name, profile.agency, profile.phone, profile.email) == (
        "Dana Okafor", "JCOD Reentry Intake", "(213) 555-0188", "dana@example.org")
    client_id = _client(session)
    services.save_packet(session, client_id, ["interim_housing"], tmp_path / "p.pdf")
    page1 = " ".join(pdftotext(tmp_path / "p.pdf").split("\f")[0].split())
    assert ("Referred by Dana Okafor, JCOD Reentry Intake (213) 555-0188 · dana@example.org"
            in page1)
    assert "Prepared by" not in page1 and "admin" not in page1


def test_staff_profile_refuses_bad_values_and_others_profiles(
    session: services.Session,
) -> None:
    with pytest.raises(InputError, match="not an e-mail address"):
        services.set_staff_profile(session, email="dana at example")
    with pytest.raises(InputError, match="phone"):
        services.set_staff_profile(session, phone="call me")
    services.add_user(session, "ana", "intake", "another-password-1")
    services.set_staff_profile(session, "ana", display_name="Ana Ruiz")  # admin may
    assert services.staff_profile(session, "ana").display_name == "Ana Ruiz"
    session.close()
    with services.open_session(session.path, "ana", "another-password-1", session.clock) as ana:
        with pytest.raises(PermissionDenied):
            services.set_staff_profile(ana, "admin", display_name="Someone")


def test_handout_lists_chosen_programs_in_the_clients_language(
    session: services.Session, tmp_path: Path
) -> None:
    client_id = _client(session)
    with pytest.raises(InputError, match="Make a referral packet first"):
        services.save_handout(session, client_id, tmp_path / "h.pdf")
    services.save_packet(session, client_id, ["interim_housing"], tmp_path / "p.pdf")
    [record] = services.packets_of(session, client_id)
    assert record.referral_id and record.referral_id.startswith("R-20261125-")
    pages = services.save_handout(session, client_id, tmp_path / "h.pdf")
    text = " ".join(pdftotext(tmp_path / "h.pdf").split())
    assert pages == 1
    for expected in ("Sus próximos pasos", "Para Yolanda", "Vivienda provisional",
                     "Ayuda para encontrar un lugar seguro donde quedarse.",
                     "Llame en los próximos 3 días.", "☑ Identificación con foto",
                     f"Su número de referencia: {record.referral_id}",
                     "Su supervisión termina: 1 de marzo de 2028",
                     "Su oficial: J. Lee, 213-555-0199", "línea de ayuda de reingreso"):
        assert expected in text, expected
    # Large type: every word above the footer is at least 12 points tall (a glyph box).
    heights = [y_max - y_min for _, y_min, _, y_max, _ in word_boxes(tmp_path / "h.pdf")
               if y_max < 740]
    assert min(heights) >= 11.5


def test_handout_names_a_health_program_plainly_unless_the_client_asks(
    session: services.Session, tmp_path: Path
) -> None:
    client_id = _client(session)
    _consent(session, client_id, ["housing"], "2027-11-20")
    services.save_handout(session, client_id, tmp_path / "h.pdf", lang="en",
                          program_ids=["odr_housing"])
    text = " ".join(pdftotext(tmp_path / "h.pdf").split())
    assert "1. Health program" in text and "1. ODR Housing" not in text
    assert "mental" not in text.lower()
    services.save_handout(session, client_id, tmp_path / "h2.pdf", lang="en",
                          program_ids=["odr_housing"], show_health=True)
    assert "1. ODR Housing" in " ".join(pdftotext(tmp_path / "h2.pdf").split())


def test_handout_and_profile_commands(session: services.Session, tmp_path: Path) -> None:
    client_id = _client(session)
    session.close()
    env = {**os.environ, "SCREENER_PASSPHRASE": PASSWORD, "SCREENER_USER": "admin"}
    run = [sys.executable, "-m", "screener", "--db", str(session.path)]
    done = subprocess.run([*run, "user", "profile", "--display-name", "Dana Okafor",
                           "--phone", "(213) 555-0188"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "display name:  Dana Okafor" in done.stdout
    out = tmp_path / "h.pdf"
    done = subprocess.run([*run, "handout", "--client", client_id, "--program", "interim_housing",
                           "--lang", "en", "-o", str(out)], env=env, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert "Your next steps" in pdftotext(out) and "Dana Okafor" in pdftotext(out)

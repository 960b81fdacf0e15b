"""Urgent flags with a protocol (issue 19 §6): who followed a flag up, how and when, audited,
and the flag shown as still to do until then; the same from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from screener import services
from screener.clock import FixedClock
from screener.domain import ClientIdentity
from screener.errors import InputError
from screener.services.urgent import FOLLOWUP_ACTIONS, record_followup, urgent_flags
from tests.unit.test_workflow import PASSWORD, TODAY

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "laptop.db"
    services.create_database(path, "admin", PASSWORD, FixedClock.on(TODAY))
    return path


@pytest.fixture
def session(db: Path) -> Iterator[services.Session]:
    with services.open_session(db, "admin", PASSWORD, FixedClock.on(TODAY)) as s:
        yield s


def _client_with_intake(session: services.Session, item9: int) -> tuple[str, str]:
    client = services.create_client(session, ClientIdentity("Rosa", "Quintero"))
    intake = services.start_intake(session, client.id, "intake", 1)
    for i in range(1, 10):
        services.save_answer(session, intake.id, f"phq9_{i}", item9 if i == 9 else 0)
    return client.id, intake.id


def test_an_urgent_flag_stays_open_until_a_follow_up_is_recorded(
        session: services.Session) -> None:
    client_id, intake_id = _client_with_intake(session, item9=1)
    (flag,) = urgent_flags(session, client_id)
    assert flag.flag_id == "suicide_risk" and flag.open and flag.intake_id == intake_id
    done = record_followup(session, intake_id, "suicide_risk", "crisis_line")
    assert (done.done_by, done.action) == ("admin", "crisis_line")
    (flag,) = urgent_flags(session, client_id)
    assert not flag.open and flag.followups == (done,)
    entry = services.audit_entries(session)[-1]
    assert (entry.action, entry.record_id) == ("flag.followup", intake_id)
    assert '"action":"crisis_line"' in entry.details.replace(" ", "")
    assert services.verify_audit(session).ok


def test_a_follow_up_names_a_raised_flag_and_a_known_step(session: services.Session) -> None:
    _, calm = _client_with_intake(session, item9=0)
    _, urgent = _client_with_intake(session, item9=2)
    with pytest.raises(InputError, match="raised no urgent flag 'suicide_risk'"):
        record_followup(session, calm, "suicide_risk", "crisis_line")
    with pytest.raises(InputError, match="Unknown follow-up 'hugged'"):
        record_followup(session, urgent, "suicide_risk", "hugged")
    with pytest.raises(InputError, match="no intake"):
        record_followup(session, "nope", "suicide_risk", "supervisor")
    assert session.repos.followups.for_intake(urgent) == ()


def test_every_step_reads_in_both_languages() -> None:
    for text in FOLLOWUP_ACTIONS.values():
        assert text.en and text.es and text.es != text.en


def test_follow_ups_from_the_command_line(db: Path, session: services.Session) -> None:
    client_id, _ = _client_with_intake(session, item9=3)
    session.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCREENER_")}
    env.update(SCREENER_PASSPHRASE=PASSWORD, SCREENER_USER="admin", SCREENER_KDF_FAST="1")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "screener", "followup", *args,
                               "--db", str(db)], capture_output=True, text=True, env=env,
                              cwd=ROOT, timeout=120, check=False)

    listed = run("list", "--client", client_id)
    assert listed.returncode == 0, listed.stderr
    assert "suicide_risk" in listed.stdout and "to do" in listed.stdout
    wrong = run("record", "--client", client_id, "--flag", "overdose", "--how", "emergency")
    assert wrong.returncode == 2 and "raised no urgent flag 'overdose'" in wrong.stderr
    done = run("record", "--client", client_id, "--flag", "suicide_risk", "--how", "supervisor")
    assert done.returncode == 0, done.stderr
    assert "Told the supervisor" in done.stdout
    listed = run("list", "--client", client_id)
    assert "followed up" in listed.stdout and "Told the supervisor" in listed.stdout

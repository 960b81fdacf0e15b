"""Intakes and answers: autosave, history with who/when/why, resume, identity sync."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from screener import services
from screener.clock import FixedClock
from screener.domain import ClientIdentity, IntakeStatus
from screener.errors import AnswerError, InputError, ReasonRequired
from tests.unit.store.conftest import WORKER, WORKER_PASSWORD, answer_required


@pytest.fixture
def intake(worker: services.Session) -> services.Intake:
    client = services.create_client(worker, ClientIdentity("Lee", "Chan", dob="1988-03-04"))
    return services.start_intake(worker, client.id, "intake", 3)


def test_intake_keeps_its_form_version_and_starts_as_draft(intake: services.Intake) -> None:
    assert (intake.form_id, intake.form_version, intake.status) == ("intake", 3, IntakeStatus.DRAFT)
    assert intake.started_by == WORKER


def test_answer_is_committed_when_saved(
    worker: services.Session, intake: services.Intake, db_path: Path, clock: FixedClock
) -> None:
    services.save_answer(worker, intake.id, "housing_status", "unsheltered")
    services.save_answer(worker, intake.id, "children", [{"child_age": 3}, {"child_age": 9}])
    # A second session (another connection) sees them at once: nothing waits for a later commit.
    with services.open_session(db_path, WORKER, WORKER_PASSWORD, clock) as other:
        assert dict(services.answer_values(other, intake.id)) == {
            "children": [{"child_age": 3}, {"child_age": 9}], "housing_status": "unsheltered"}


def test_history_keeps_every_earlier_value_with_who_when_why(
    worker: services.Session, intake: services.Intake, clock: FixedClock
) -> None:
    services.save_answer(worker, intake.id, "housing_status", "unsheltered")
    clock.advance(minutes=5)
    services.save_answer(worker, intake.id, "housing_status", "emergency_shelter")
    answer_required(worker, intake.id)
    services.complete_intake(worker, intake.id)
    clock.advance(days=1)
    with pytest.raises(ReasonRequired, match="housing_status"):
        services.save_answer(worker, intake.id, "housing_status", "rent_own")
    services.save_answer(worker, intake.id, "housing_status", "rent_own", reason="lease signed")
    history = services.answer_history(worker, intake.id, "housing_status")
    assert [(v.value, v.reason) for v in history] == [
        ("unsheltered", None), ("emergency_shelter", None), ("rent_own", "lease signed")]
    assert history[0].replaced_at == history[1].entered_at
    assert history[-1].replaced_at is None and history[-1].entered_by == WORKER
    assert history[-1].entered_at > history[1].entered_at


def test_saving_the_same_value_again_changes_nothing(
    worker: services.Session, intake: services.Intake
) -> None:
    first = services.save_answer(worker, intake.id, "us_citizen", True)
    answer_required(worker, intake.id)
    services.complete_intake(worker, intake.id)
    again = services.save_answer(worker, intake.id, "us_citizen", True)  # no reason needed
    assert again.answer == first.answer and first.changed and not again.changed
    assert len(services.answer_history(worker, intake.id, "us_citizen")) == 1


def test_editing_a_completed_intake_is_audited_by_field_id(
    worker: services.Session, admin: services.Session, intake: services.Intake
) -> None:
    services.save_answer(worker, intake.id, "phone", "213-555-0000")
    answer_required(worker, intake.id)
    services.complete_intake(worker, intake.id)
    services.save_answer(worker, intake.id, "phone", "213-555-1111", reason="new number")
    edits = [e for e in services.audit_entries(admin, limit=1000) if e.action == "answer.edit"]
    details = [json.loads(e.details) for e in edits]
    assert [(e.record_id, d["field"]) for e, d in zip(edits, details, strict=True)] == [
        (intake.id, "phone")]
    assert all(set(d) == {"field", "sig"} for d in details)  # ids only, and the author's signature


def test_identity_answers_update_the_client(worker: services.Session, intake: services.Intake) -> None:
    services.save_answer(worker, intake.id, "first_name", "  Leeann ")
    services.save_answer(worker, intake.id, "dob", "1988-03-05")
    services.save_answer(worker, intake.id, "booking_number", "BK-1")
    services.save_answer(worker, intake.id, "preferred_name", None)
    client = services.get_client(worker, intake.client_id)
    assert (client.first_name, client.dob, client.booking_number) == ("Leeann", "1988-03-05", "BK-1")
    with pytest.raises(AnswerError):
        services.save_answer(worker, intake.id, "dob", "1988-02-31")


def test_resume_position_is_remembered(worker: services.Session, intake: services.Intake) -> None:
    services.set_intake_position(worker, intake.id, "housing", "housing_status")
    again = services.get_intake(worker, intake.id)
    assert (again.current_section, again.current_question) == ("housing", "housing_status")


def test_answers_to_fields_a_newer_form_dropped_are_kept(
    worker: services.Session, intake: services.Intake, clock: FixedClock
) -> None:
    # saved when the form still asked it (today's form refuses new answers to it)
    worker.repos.answers.save(intake.id, "old_question_v1", "kept", None, WORKER, clock.now())
    with pytest.raises(InputError, match="no question old_question_v1"):
        services.save_answer(worker, intake.id, "old_question_v1", "new")
    services.save_answer(worker, intake.id, "housing_status", "unsheltered")
    assert services.answer_values(worker, intake.id)["old_question_v1"] == "kept"


@pytest.mark.parametrize("value", [object(), math.nan, {1: "x"}.keys(), b"bytes"])
def test_values_that_are_not_plain_data_are_refused(
    worker: services.Session, intake: services.Intake, value: object
) -> None:
    with pytest.raises(AnswerError):
        services.save_answer(worker, intake.id, "first_name", value)  # type: ignore[arg-type]


def test_bad_ids_are_refused(worker: services.Session, intake: services.Intake) -> None:
    with pytest.raises(InputError):
        services.save_answer(worker, intake.id, "bad field!", 1)
    with pytest.raises(InputError):
        services.save_answer(worker, "no-such-intake", "x", 1)
    with pytest.raises(InputError):
        services.start_intake(worker, "no-such-client", "intake", 1)
    with pytest.raises(InputError):
        services.start_intake(worker, intake.client_id, "intake", 0)


def test_intakes_of_a_client(
    worker: services.Session, intake: services.Intake, clock: FixedClock
) -> None:
    clock.advance(minutes=1)
    second = services.start_intake(worker, intake.client_id, "intake", 4)
    assert [i.id for i in services.intakes_of(worker, intake.client_id)] == [intake.id, second.id]


def test_client_needs_a_name(worker: services.Session) -> None:
    with pytest.raises(InputError):
        services.create_client(worker, ClientIdentity(" ", ""))

"""Intakes: start, resume, the answers and their history, complete.

Entering answers is `answering.py` (each read once, stored, returned with the form's state).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from dateutil.relativedelta import relativedelta

from screener.domain import (
    IDENTITY_FIELDS,
    Answer,
    AnswerVersion,
    ClientIdentity,
    Intake,
    IntakeStatus,
    JsonValue,
    Role,
    new_id,
)
from screener.errors import AnswerError, InputError
from screener.forms import FormState, parse_answer
from screener.rules import Outcome
from screener.services.eligibility import client_screening, intake_form, redetermine
from screener.services.session import Session
from screener.services.stored_answers import (
    form_answers,
    stored_json,
)

#: A new consent's suggested end: the consent form says "usually one year" (its help text).
CONSENT_MONTHS = 12
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.]{0,99}")


def check_id(kind: str, value: str) -> str:
    """`value` if it can be a form, field, section or question id (InputError otherwise)."""
    if not _ID.fullmatch(value):
        raise InputError(f"{value!r} is not a valid {kind} id (letters, digits, '_' and '.').")
    return value


def find_intake(session: Session, intake_id: str) -> Intake:
    """The intake with this id (InputError if there is none; no role check)."""
    intake = session.repos.intakes.get(intake_id)
    if intake is None:
        raise InputError(f"There is no intake with id {intake_id}.")
    return intake


def start_intake(
    session: Session, client_id: str, form_id: str, form_version: int, *,
    from_record: bool = False,
) -> Intake:
    """Start a draft intake of a client with one version of a form.

    With `from_record` (what the app and `screener intake start` do) the questions the client
    record already answers (names, date of birth, phone, booking and CDCR numbers, language)
    start filled from it, so nobody types them twice; they stay editable, and the answer
    history says who started the intake. Without it the intake starts empty (imports, tests).
    """
    session.require(Role.INTAKE, "start intakes")
    check_id("form", form_id)
    if isinstance(form_version, bool) or not isinstance(form_version, int) or form_version < 1:
        raise InputError(f"The form version must be a whole number from 1, not {form_version!r}.")
    client = session.repos.clients.get(client_id)
    if client is None:
        raise InputError(f"There is no client with id {client_id}.")
    intake_id = new_id()
    now = session.now()
    with session.repos.db.transaction():
        intake = session.repos.intakes.insert(
            intake_id, client_id, form_id, form_version, session.username, now
        )
        session.audit("intake.start", "intake", intake_id,
                      {"client": client_id, "form": form_id, "form_version": form_version})
        filled = _from_record(session, intake, client.identity) if from_record else {}
        for field_id, value in filled.items():
            session.repos.answers.save(intake_id, field_id, value, None, session.username, now)
    return intake


def _from_record(session: Session, intake: Intake,
                 identity: ClientIdentity) -> dict[str, JsonValue]:
    """The answers the client record gives to the intake's form (those that fit it); for the
    consent form also the client's name, today's date, the expiry it suggests and the
    program tracks the client is eligible for (the referrals being made)."""
    try:
        form = intake_form(intake, session.setup)
    except InputError:
        return {}
    wanted: dict[str, object] = {f: getattr(identity, f) for f in IDENTITY_FIELDS}
    if "consent_client_name" in form.field_ids():
        today = session.clock.today()
        screening = client_screening(session, intake.client_id)
        eligible = [] if screening is None else list(dict.fromkeys(
            d.track_id for d in screening.determinations if d.outcome is Outcome.ELIGIBLE))
        wanted.update(
            consent_client_name=" ".join(p for p in (identity.first_name, identity.last_name)
                                         if p),
            consent_signed_on=today.isoformat(),
            consent_expires_on=(today + relativedelta(months=CONSENT_MONTHS)).isoformat(),
            consent_programs=eligible or None)
    found: dict[str, JsonValue] = {}
    for field_id, value in wanted.items():
        if not value or field_id not in form.field_ids():
            continue
        try:
            found[field_id] = stored_json(parse_answer(form.question(field_id), value))
        except AnswerError:
            continue  # a record value the question would refuse is left for the person
    return found


def get_intake(session: Session, intake_id: str) -> Intake:
    """One intake."""
    session.require(Role.INTAKE, "view intakes")
    return find_intake(session, intake_id)


def intakes_of(session: Session, client_id: str) -> tuple[Intake, ...]:
    """A client's intakes, oldest first."""
    session.require(Role.INTAKE, "view intakes")
    return session.repos.intakes.for_client(client_id)


def form_state(session: Session, intake: Intake) -> FormState:
    """The intake's form evaluated with its stored answers, as of today."""
    form = intake_form(intake, session.setup)
    stored = {a.field_id: a.value for a in session.repos.answers.for_intake(intake.id)}
    return form.evaluate(form_answers(stored, form), session.clock.today(),
                         answered_version=intake.form_version)


def answers_of(session: Session, intake_id: str) -> tuple[Answer, ...]:
    """Every current answer of an intake, by field id (answers to fields a newer form
    version removed are kept and returned too)."""
    session.require(Role.INTAKE, "view answers")
    find_intake(session, intake_id)
    return session.repos.answers.for_intake(intake_id)


def answer_values(session: Session, intake_id: str) -> Mapping[str, JsonValue]:
    """The current answers of an intake as a read-only field id -> value mapping."""
    return MappingProxyType({a.field_id: a.value for a in answers_of(session, intake_id)})


def answer_history(session: Session, intake_id: str, field_id: str) -> tuple[AnswerVersion, ...]:
    """Every value one answer has had, oldest first, with who, when and why."""
    session.require(Role.INTAKE, "view answer history")
    find_intake(session, intake_id)
    return session.repos.answers.history(intake_id, field_id)


def complete_intake(session: Session, intake_id: str) -> Intake:
    """Mark an intake complete; later changes to its answers ask for a reason."""
    session.require(Role.INTAKE, "complete intakes")
    intake = find_intake(session, intake_id)
    if intake.status is IntakeStatus.COMPLETE:
        return intake
    _check_ready(session, intake)
    with session.repos.db.transaction():
        done = session.repos.intakes.complete(intake_id, session.username, session.now())
        session.audit("intake.complete", "intake", intake_id)
        after_completion(session, done)
    return done


def _check_ready(session: Session, intake: Intake) -> None:
    """A questionnaire is complete only when every required question is answered and valid."""
    form = intake_form(intake, session.setup)
    state = form_state(session, intake)
    problems = [form.question(i.field_id).label.en for i in state.missing_required]
    problems += [f"{form.question(i.field_id).label.en}: {i.message.en}" for i in state.messages]
    if problems:
        raise InputError("The questionnaire is not finished: " + "; ".join(problems) + ".")


def after_completion(session: Session, intake: Intake) -> None:
    """What follows a completed (or edited completed) questionnaire: determinations for an
    intake, a consent record for a release of information."""
    from screener.services.consents import CONSENT_FORM, record_consent

    if intake.form_id == CONSENT_FORM:
        record_consent(session, intake)
    else:
        redetermine(session, intake)


def set_intake_position(
    session: Session, intake_id: str, section_id: str | None, question_id: str | None
) -> Intake:
    """Remember the section and question the intake is at, to resume there."""
    session.require(Role.INTAKE, "enter answers")
    find_intake(session, intake_id)
    for kind, value in (("section", section_id), ("question", question_id)):
        if value is not None:
            check_id(kind, value)
    return session.repos.intakes.set_position(intake_id, section_id, question_id, session.now())

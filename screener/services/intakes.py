"""Intakes and their answers: start, autosave each answer, history, resume, complete."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
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
from screener.errors import AnswerError, InputError, ReasonRequired
from screener.forms import QuestionType, parse_answer
from screener.limits import MAX_ANSWER_JSON, TextKind, TextLimitError, clean_text, identity_kind
from screener.rules import Outcome
from screener.services.clients import check_dob
from screener.services.eligibility import (
    client_screening,
    intake_form,
    redetermine,
    typed_answers,
)
from screener.services.screening import installed_setup, read_answers_file
from screener.services.session import Session
from screener.store.intakes import encode_json

#: A new consent's suggested end: the consent form says "usually one year" (its help text).
CONSENT_MONTHS = 12
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.]{0,99}")


def _check_id(kind: str, value: str) -> str:
    if not _ID.fullmatch(value):
        raise InputError(f"{value!r} is not a valid {kind} id (letters, digits, '_' and '.').")
    return value


def _intake(session: Session, intake_id: str) -> Intake:
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
    _check_id("form", form_id)
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
        form = intake_form(intake, installed_setup())
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
            found[field_id] = stored_value(parse_answer(form.question(field_id), value))
        except AnswerError:
            continue  # a record value the question would refuse is left for the person
    return found


def get_intake(session: Session, intake_id: str) -> Intake:
    """One intake."""
    session.require(Role.INTAKE, "view intakes")
    return _intake(session, intake_id)


def intakes_of(session: Session, client_id: str) -> tuple[Intake, ...]:
    """A client's intakes, oldest first."""
    session.require(Role.INTAKE, "view intakes")
    return session.repos.intakes.for_client(client_id)


def save_answer(
    session: Session,
    intake_id: str,
    field_id: str,
    value: JsonValue,
    reason: str | None = None,
) -> Answer:
    """Store one answer now (autosave: committed and fsynced before this returns).

    The earlier value goes to the answer's history. Changing an answer of a completed intake
    needs a `reason` (ReasonRequired otherwise). Identity fields (names, dob, phone, booking
    and CDCR numbers, language) are copied to the client record in the same transaction.
    """
    session.require(Role.INTAKE, "enter answers")
    intake = _intake(session, intake_id)
    _check_id("field", field_id)
    value = limited_answer(intake, field_id, value)
    check_answer(intake, field_id, value)
    try:
        text = encode_json(value)
    except (TypeError, ValueError):
        raise AnswerError(
            f"The answer to {field_id} cannot be stored: only text, numbers, yes/no, "
            "empty and lists or groups of those are allowed."
        ) from None
    if len(text) > MAX_ANSWER_JSON:
        raise AnswerError(f"The answer to {field_id} is too large to store "
                          f"({len(text):,} characters as stored; at most {MAX_ANSWER_JSON:,}).")
    if field_id == "dob" and isinstance(value, str):
        value = check_dob(value)
    try:
        why = clean_text((reason or "").strip(), TextKind.NOTE) or None
    except TextLimitError as exc:
        raise AnswerError(f"The reason for changing {field_id} {exc.reason}.") from None
    complete = intake.status is IntakeStatus.COMPLETE
    if complete and why is None:
        current = session.repos.answers.get(intake_id, field_id)
        if current is None or encode_json(current.value) != text:
            raise ReasonRequired(
                f"This intake is complete: say why the answer to {field_id} is changed."
            )
    now = session.now()
    with session.repos.db.transaction():
        answer, changed = session.repos.answers.save(
            intake_id, field_id, value, why, session.username, now
        )
        if changed and field_id in IDENTITY_FIELDS:
            _copy_to_client(session, intake.client_id, field_id, value)
        if changed and complete:
            session.audit("answer.edit", "intake", intake_id, {"field": field_id})
            after_completion(session, intake)
    return answer


def save_answers_file(
    session: Session, intake_id: str, path: Path, reason: str | None = None
) -> int:
    """Save the answers of an answers file (`FIELD: value` lines, as `screener screen`
    reads them) to an intake, in the file's order; how many there were.

    The whole file is checked first (AnswerError at file:line:col, or the question an answer
    does not fit), so a mistake anywhere saves nothing.
    """
    session.require(Role.INTAKE, "enter answers")
    intake = _intake(session, intake_id)
    typed = read_answers_file(path, installed_setup().forms).answers
    values = {field_id: stored_value(value) for field_id, value in typed.items()}
    for field_id, value in values.items():
        check_answer(intake, field_id, limited_answer(intake, field_id, value))
    for field_id, value in values.items():
        save_answer(session, intake_id, field_id, value, reason)
    return len(values)


def stored_value(value: object) -> JsonValue:
    """A typed answer as it is stored: dates as YYYY-MM-DD, groups and lists as JSON."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [stored_value(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): stored_value(v) for k, v in value.items()}
    return value  # type: ignore[return-value]  # text, number, yes/no or empty


def limited_answer(intake: Intake, field_id: str, value: JsonValue) -> JsonValue:
    """`value` with every text in it cleaned to the input limits (`screener.limits`: NFC,
    no bidirectional controls); AnswerError naming the field if a text breaks them."""
    form = intake_form(intake, installed_setup())
    try:
        question = form.question(field_id)
    except KeyError:
        return value  # check_answer says what is wrong
    if question.type is QuestionType.SIGNATURE:
        return value  # an image (its own size limit), not text
    kind = (identity_kind(field_id) if field_id in IDENTITY_FIELDS
            else TextKind.LONG_ANSWER if question.type is QuestionType.LONGTEXT
            else TextKind.ANSWER)

    def clean(item: JsonValue) -> JsonValue:
        if isinstance(item, str):
            return clean_text(item, kind)
        if isinstance(item, list):
            return [clean(v) for v in item]
        if isinstance(item, Mapping):
            return {str(k): clean(v) for k, v in item.items()}
        return item

    try:
        return clean(value)
    except TextLimitError as exc:
        raise AnswerError(f"The answer to {field_id} {exc.reason}.") from None


def check_answer(intake: Intake, field_id: str, value: JsonValue) -> None:
    """The answer must be to a question of the intake's form, and fit that question."""
    form = intake_form(intake, installed_setup())
    try:
        question = form.question(field_id)
    except KeyError:
        raise InputError(f"The {form.id} form has no question {field_id}.") from None
    if not (question.type.takes_answer or question.repeat):
        raise InputError(f"{field_id} is worked out or shown by the form, not answered.")
    if value is not None:
        parse_answer(question, value)  # InvalidAnswer (an AnswerError) names what is wrong


def _copy_to_client(session: Session, client_id: str, field_id: str, value: JsonValue) -> None:
    if value is not None and not isinstance(value, str):
        return  # not an identity value (the form engine validates types); keep the record
    client = session.repos.clients.get(client_id)
    if client is None:
        return
    new = client.identity.with_value(field_id, value)
    session.repos.clients.update_identity(client_id, new, session.now())


def answers_of(session: Session, intake_id: str) -> tuple[Answer, ...]:
    """Every current answer of an intake, by field id (answers to fields a newer form
    version removed are kept and returned too)."""
    session.require(Role.INTAKE, "view answers")
    _intake(session, intake_id)
    return session.repos.answers.for_intake(intake_id)


def answer_values(session: Session, intake_id: str) -> Mapping[str, JsonValue]:
    """The current answers of an intake as a read-only field id -> value mapping."""
    return MappingProxyType({a.field_id: a.value for a in answers_of(session, intake_id)})


def answer_history(session: Session, intake_id: str, field_id: str) -> tuple[AnswerVersion, ...]:
    """Every value one answer has had, oldest first, with who, when and why."""
    session.require(Role.INTAKE, "view answer history")
    _intake(session, intake_id)
    return session.repos.answers.history(intake_id, field_id)


def complete_intake(session: Session, intake_id: str) -> Intake:
    """Mark an intake complete; later changes to its answers ask for a reason."""
    session.require(Role.INTAKE, "complete intakes")
    intake = _intake(session, intake_id)
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
    setup = installed_setup()
    form = intake_form(intake, setup)
    answers = typed_answers(answer_values(session, intake.id), setup)
    state = form.evaluate(answers, session.clock.today())
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
    _intake(session, intake_id)
    for kind, value in (("section", section_id), ("question", question_id)):
        if value is not None:
            _check_id(kind, value)
    return session.repos.intakes.set_position(intake_id, section_id, question_id, session.now())

"""Entering answers: what was entered is read once (`save_answer`), stored as its typed
value's JSON (`stored_answers`), and comes back typed with the form's state after it, so a
screen only shows it. Completed intakes ask why an answer changed; the history keeps every
earlier value.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from screener.domain import (
    IDENTITY_FIELDS,
    Answer,
    Intake,
    IntakeStatus,
    JsonValue,
    Role,
)
from screener.errors import AnswerError, InputError, ReasonRequired
from screener.forms import FormState, InvalidAnswer, Question, QuestionType, parse_answer
from screener.forms.answers import is_blank
from screener.limits import MAX_ANSWER_JSON, TextKind, TextLimitError, clean_text, identity_kind
from screener.services.clients import check_dob
from screener.services.eligibility import intake_form
from screener.services.intakes import after_completion, check_id, find_intake, form_state
from screener.services.screening import ScreeningSetup, read_answers_file
from screener.services.session import Session
from screener.services.stored_answers import answer_children, stored_json, typed_value
from screener.store.intakes import encode_json
from screener.text import Text


@dataclass(frozen=True)
class ItemProblem:
    """An entry of a repeat group whose answer to `field_id` cannot be read."""

    index: int
    field_id: str
    text: Text


@dataclass(frozen=True)
class SavedAnswer:
    """What saving one answer did, and the form as it stands after it."""

    field_id: str
    #: The answer as stored (None: a question without an answer left without one).
    answer: Answer | None
    #: The answer as its question's type (a date, a number, bytes of a signature, ...).
    typed: object
    #: False when the answer was already this (nothing was written).
    changed: bool
    #: The form's state with every answer: visible sections and fields, computed values,
    #: scores, flags, missing answers and messages.
    state: FormState
    #: Repeat-group entries whose answers could not be read (`save_items`): kept as stored.
    problems: tuple[ItemProblem, ...] = ()

    @property
    def value(self) -> JsonValue:
        """The answer as stored (what a screen shows)."""
        return None if self.answer is None else self.answer.value


def save_answer(
    session: Session,
    intake_id: str,
    field_id: str,
    raw: object,
    reason: str | None = None,
) -> SavedAnswer:
    """Read what was entered for one question, store it now (autosave: committed and fsynced
    before this returns) and return it typed, with the form's new state.

    `raw` is read once, the way the question reads answers (a date as MM/DD/YYYY or
    YYYY-MM-DD, yes/no, a choice's value, a PNG for a signature, ...); InvalidAnswer (an
    AnswerError with a bilingual message) if it cannot be. The earlier value goes to the
    answer's history. Changing an answer of a completed intake needs a `reason`
    (ReasonRequired otherwise). Identity fields (names, dob, phone, booking and CDCR numbers,
    language) are copied to the client record in the same transaction.
    """
    session.require(Role.INTAKE, "enter answers")
    intake = find_intake(session, intake_id)
    question = answered_question(session.setup, intake, field_id)
    typed = parse_answer(question, limited_answer(question, raw))
    answer, changed = _store(session, intake, field_id, typed, reason)
    return SavedAnswer(field_id, answer, typed, changed, form_state(session, intake))


def save_items(
    session: Session,
    intake_id: str,
    group_id: str,
    raw: Sequence[Mapping[str, object]],
    reason: str | None = None,
) -> SavedAnswer:
    """`save_answer` for a repeat group's entries as a screen holds them ({child id: what
    was entered} per entry), read child by child.

    A child answer that cannot be read keeps its stored value (so one bad date does not
    block the rest of the list) and is reported in `problems` with its entry's index.
    """
    session.require(Role.INTAKE, "enter answers")
    intake = find_intake(session, intake_id)
    group = answered_question(session.setup, intake, group_id)
    children = {q.id: q for q in answer_children(group)}
    current = session.repos.answers.get(intake_id, group_id)
    before = typed_value(group, current.value) if current is not None else None
    stored_entries = before if isinstance(before, list) else []
    items: list[dict[str, object]] = []
    problems: list[ItemProblem] = []
    for index, entry in enumerate(raw):
        kept = stored_entries[index] if index < len(stored_entries) else {}
        item: dict[str, object] = {}
        for child_id, value in entry.items():
            child = children.get(child_id)
            if child is None:
                continue
            try:
                parsed = parse_answer(child, limited_answer(child, value))
            except AnswerError as exc:
                problems.append(ItemProblem(index, child_id, _message(exc)))
                parsed = kept.get(child_id) if isinstance(kept, dict) else None
            if parsed is not None:
                item[child_id] = parsed
        items.append(item)
    typed = items or None
    answer, changed = _store(session, intake, group_id, typed, reason)
    return SavedAnswer(group_id, answer, typed, changed, form_state(session, intake),
                       tuple(problems))


def _message(exc: AnswerError) -> Text:
    return exc.text if isinstance(exc, InvalidAnswer) else Text(exc.message)


def _store(
    session: Session, intake: Intake, field_id: str, typed: object, reason: str | None
) -> tuple[Answer | None, bool]:
    """Store a typed (already read and checked) answer; (the answer, whether it changed)."""
    value = stored_json(typed)
    text = encode_json(value)
    if len(text) > MAX_ANSWER_JSON:
        raise AnswerError(f"The answer to {field_id} is too large to store "
                          f"({len(text):,} characters as stored; at most {MAX_ANSWER_JSON:,}).")
    if field_id == "dob" and isinstance(value, str):
        value = check_dob(value)
    current = session.repos.answers.get(intake.id, field_id)
    before = None if current is None or is_blank(current.value) else current.value
    if encode_json(before) == text:
        return current, False  # nothing to change (an unanswered question left blank too)
    try:
        why = clean_text((reason or "").strip(), TextKind.NOTE) or None
    except TextLimitError as exc:
        raise AnswerError(f"The reason for changing {field_id} {exc.reason}.") from None
    complete = intake.status is IntakeStatus.COMPLETE
    if complete and why is None:
        raise ReasonRequired(
            f"This intake is complete: say why the answer to {field_id} is changed."
        )
    now = session.now()
    with session.repos.db.transaction():
        answer, changed = session.repos.answers.save(
            intake.id, field_id, value, why, session.username, now
        )
        if changed and field_id in IDENTITY_FIELDS:
            _copy_to_client(session, intake.client_id, field_id, value)
        if changed and complete:
            session.audit("answer.edit", "intake", intake.id, {"field": field_id})
            after_completion(session, intake)
    return answer, changed


def save_answers_file(
    session: Session, intake_id: str, path: Path, reason: str | None = None
) -> int:
    """Save the answers of an answers file (`FIELD: value` lines, as `screener screen`
    reads them) to an intake, in the file's order; how many there were.

    The whole file is read and checked first (AnswerError at file:line:col, or the question
    an answer does not fit), so a mistake anywhere saves nothing.
    """
    session.require(Role.INTAKE, "enter answers")
    intake = find_intake(session, intake_id)
    setup = session.setup
    typed = read_answers_file(path, setup.forms).answers
    cleaned = {field_id: limited_answer(answered_question(setup, intake, field_id), value)
               for field_id, value in typed.items()}
    for field_id, value in cleaned.items():
        _store(session, intake, field_id, value, reason)
    return len(cleaned)


def limited_answer(question: Question, value: object) -> object:
    """`value` with every text in it cleaned to the input limits (`screener.limits`: NFC,
    no bidirectional controls); AnswerError naming the field if a text breaks them."""
    if question.type is QuestionType.SIGNATURE:
        return value  # an image (its own size limit), not text
    field_id = question.id
    kind = (identity_kind(field_id) if field_id in IDENTITY_FIELDS
            else TextKind.LONG_ANSWER if question.type is QuestionType.LONGTEXT
            else TextKind.ANSWER)

    def clean(item: object) -> object:
        if isinstance(item, str):
            return clean_text(item, kind)
        if isinstance(item, float) and not math.isfinite(item):
            raise AnswerError(f"The answer to {field_id} cannot be stored: only text, numbers, "
                              "yes/no, empty and lists or groups of those are allowed.")
        if isinstance(item, list | tuple):
            return [clean(v) for v in item]
        if isinstance(item, Mapping):
            return {str(k): clean(v) for k, v in item.items()}
        return item

    try:
        return clean(value)
    except TextLimitError as exc:
        raise AnswerError(f"The answer to {field_id} {exc.reason}.") from None


def answered_question(setup: ScreeningSetup, intake: Intake, field_id: str) -> Question:
    """The question of the intake's form that `field_id` answers (InputError if the form has
    none, or the item is worked out or shown by the form rather than answered)."""
    check_id("field", field_id)
    form = intake_form(intake, setup)
    try:
        question = form.question(field_id)
    except KeyError:
        raise InputError(f"The {form.id} form has no question {field_id}.") from None
    if not (question.type.takes_answer or question.repeat):
        raise InputError(f"{field_id} is worked out or shown by the form, not answered.")
    return question


def check_answer(session: Session, intake: Intake, field_id: str, value: JsonValue) -> None:
    """The answer must be to a question of the intake's form, and fit that question."""
    question = answered_question(session.setup, intake, field_id)
    parse_answer(question, value)  # InvalidAnswer (an AnswerError) names what is wrong


def _copy_to_client(session: Session, client_id: str, field_id: str, value: JsonValue) -> None:
    if value is not None and not isinstance(value, str):
        return  # not an identity value (the form engine validates types); keep the record
    client = session.repos.clients.get(client_id)
    if client is None:
        return
    new = client.identity.with_value(field_id, value)
    session.repos.clients.update_identity(client_id, new, session.now())

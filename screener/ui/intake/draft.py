"""The intake being taken: its stored answers, the form evaluated against them, and saving.

Plain Python (no widgets), so the wizard stays a thin layer: what is visible, required or
wrong comes from `Form.evaluate`; what an answer may be comes from `Form.parse_answer`; and
every answer is stored at once through `services.save_answer`.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from screener import services
from screener.forms import Form, FormState, InvalidAnswer, Question, QuestionType
from screener.services import Intake, IntakeStatus, JsonValue, Session
from screener.text import Text

#: What a repeat group's editor hands over: one {child id: raw input} per entry.
RawItems = list[dict[str, object]]


@dataclass(frozen=True)
class ItemProblem:
    """An entry of a repeat group whose answer to `field_id` cannot be read."""

    index: int
    field_id: str
    text: Text


def to_json(value: object) -> JsonValue:
    """A parsed answer as it is stored: dates as ISO text, signatures (PNG) as base64."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"cannot store a {type(value).__name__}")


class IntakeDraft:
    """One intake's answers and form state; `save` stores an answer and re-evaluates."""

    def __init__(self, session: Session, intake: Intake, form: Form) -> None:
        self.session = session
        self.intake = intake
        self.form = form
        self.values: dict[str, JsonValue] = dict(services.answer_values(session, intake.id))
        self.state: FormState = self._evaluate()

    @property
    def complete(self) -> bool:
        """A completed intake: every change needs a reason."""
        return self.intake.status is IntakeStatus.COMPLETE

    def question(self, field_id: str) -> Question:
        return self.form.question(field_id)

    def _evaluate(self) -> FormState:
        return self.form.evaluate(
            self.values, self.session.clock.today(), answered_version=self.intake.form_version
        )

    def parse(self, field_id: str, raw: object) -> JsonValue:
        """The stored (JSON) form of `raw`, or InvalidAnswer with a bilingual message."""
        return to_json(self.form.parse_answer(field_id, raw))

    def parse_items(self, group_id: str, raw: RawItems) -> tuple[JsonValue, list[ItemProblem]]:
        """A repeat group's entries, parsed child by child.

        A child answer that cannot be read keeps its stored value (so one bad date does not
        block the rest of the list) and is reported with its entry's index.
        """
        group = self.question(group_id)
        children = {q.id: q for q in answer_children(group)}
        stored = self.values.get(group_id)
        stored_items = stored if isinstance(stored, list) else []
        items: list[dict[str, object]] = []
        problems: list[ItemProblem] = []
        for index, entry in enumerate(raw):
            before = stored_items[index] if index < len(stored_items) else {}
            item: dict[str, object] = {}
            for child_id, value in entry.items():
                if child_id not in children:
                    continue
                try:
                    parsed = self.form.parse_answer(child_id, value)
                except InvalidAnswer as exc:
                    problems.append(ItemProblem(index, child_id, exc.text))
                    parsed = before.get(child_id) if isinstance(before, dict) else None
                if parsed is not None:
                    item[child_id] = parsed
            items.append(item)
        return to_json(items), problems

    def changed(self, field_id: str, value: JsonValue) -> bool:
        """Whether `value` differs from what is stored (unanswered and None are the same)."""
        return self.values.get(field_id) != value

    def save(self, field_id: str, value: JsonValue, reason: str | None = None) -> None:
        """Store one answer now (ReasonRequired on a completed intake without a reason)."""
        answer = services.save_answer(self.session, self.intake.id, field_id, value, reason)
        self.values[field_id] = answer.value
        self.state = self._evaluate()

    def set_position(self, section_id: str | None, question_id: str | None) -> None:
        """Remember where the person is, to resume there (only when it moved)."""
        if (section_id, question_id) == (self.intake.current_section, self.intake.current_question):
            return
        self.intake = services.set_intake_position(
            self.session, self.intake.id, section_id, question_id
        )

    def complete_now(self) -> Intake:
        """Mark the intake complete (runs off the GUI thread: it may screen the answers)."""
        return services.complete_intake(self.session, self.intake.id)

    def section_of(self, field_id: str) -> str | None:
        """The section asking `field_id` (a repeat group's child: the group's section)."""
        try:
            return self.question(field_id).section_id
        except KeyError:
            return None

    def issues_by_section(self) -> dict[str, tuple[int, int]]:
        """Per visible section: (required answers missing, answers with a problem)."""
        counts: dict[str, list[int]] = {s: [0, 0] for s in self.state.visible_sections}
        for issue in self.state.missing_required:
            section = self.section_of(issue.field_id)
            if section in counts:
                counts[section][0] += 1
        for issue in (*self.state.messages, *self.state.answer_problems):
            section = self.section_of(issue.field_id)
            if section in counts:
                counts[section][1] += 1
        return {s: (c[0], c[1]) for s, c in counts.items()}

    def answered_counts(self) -> tuple[int, int]:
        """(visible questions answered, visible questions that take an answer)."""
        total = answered = 0
        for field_id in self.state.visible_fields:
            q = self.question(field_id)
            if q.group_id is not None or not q.type.takes_answer:
                continue
            total += 1
            if self.values.get(field_id) not in (None, "", []):
                answered += 1
        return answered, total


def answer_children(group: Question) -> list[Question]:
    """The questions inside a repeat group (nested plain groups flattened)."""
    found: list[Question] = []
    for q in group.questions:
        if q.type is QuestionType.GROUP and not q.repeat:
            found.extend(answer_children(q))
        else:
            found.append(q)
    return found


def is_repeat(q: Question) -> bool:
    return q.type is QuestionType.GROUP and q.repeat


def stored_items(value: Any) -> list[dict[str, Any]]:
    """A stored repeat group's entries (anything else reads as no entries)."""
    if not isinstance(value, list):
        return []
    return [item if isinstance(item, dict) else {} for item in value]

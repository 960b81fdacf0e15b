"""The intake being taken, for a screen that shows it: its stored answers and its form's state.

Plain Python (no widgets): a screen sends what was entered (`save`, `save_items`) and shows
what comes back. Reading the entry, storing it and working out the form's new state (what is
visible, required or wrong, computed values, scores, flags) all happen in
`services.save_answer`, once per answer.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from screener.domain import Intake, IntakeStatus, JsonValue
from screener.forms import Form, FormState, Question, QuestionType
from screener.services.answering import SavedAnswer, save_answer, save_items
from screener.services.clients import get_client
from screener.services.eligibility import intake_form
from screener.services.intakes import (
    answer_values,
    complete_intake,
    form_state,
    get_intake,
    set_intake_position,
)
from screener.services.quick_screen import QuickStep, quick_step
from screener.services.session import Session
from screener.services.stored_answers import typed_answers
from screener.text import Text, language_of


class IntakeDraft:
    """One intake's answers (as stored) and form state; `save` stores an answer and takes the
    state that comes back.

    Opening one loads the forms and rules if the session has not yet: open it off the GUI
    thread.
    """

    def __init__(self, session: Session, intake_id: str) -> None:
        self.session = session
        self.intake: Intake = get_intake(session, intake_id)
        self.form: Form = intake_form(self.intake, session.setup)
        self.values: dict[str, JsonValue] = dict(answer_values(session, intake_id))
        self.state: FormState = form_state(session, self.intake)
        client = get_client(session, self.intake.client_id)
        self.client_name = " ".join(p for p in (client.first_name, client.last_name) if p)
        #: The language to ask in: the one the person prefers (answered, or on their record).
        self.language = language_of(self.values.get("preferred_language")
                                    or client.preferred_language)

    @property
    def complete(self) -> bool:
        """A completed intake: every change needs a reason."""
        return self.intake.status is IntakeStatus.COMPLETE

    def question(self, field_id: str) -> Question:
        return self.form.question(field_id)

    def save(self, field_id: str, raw: object, reason: str | None = None) -> SavedAnswer:
        """Store what was entered for one question now: InvalidAnswer (with a bilingual
        message) if it cannot be read, ReasonRequired for a change to a completed intake
        without a reason; nothing is stored then."""
        return self._took(save_answer(self.session, self.intake.id, field_id, raw, reason))

    def save_items(self, group_id: str, raw: Sequence[Mapping[str, object]],
                   reason: str | None = None) -> SavedAnswer:
        """Store a repeat group's entries (see `services.save_items`)."""
        return self._took(save_items(self.session, self.intake.id, group_id, raw, reason))

    def _took(self, saved: SavedAnswer) -> SavedAnswer:
        self.values[saved.field_id] = saved.value
        self.state = saved.state
        return saved

    def set_position(self, section_id: str | None, question_id: str | None) -> None:
        """Remember where the person is, to resume there (only when it moved)."""
        if (section_id, question_id) == (self.intake.current_section, self.intake.current_question):
            return
        self.intake = set_intake_position(self.session, self.intake.id, section_id, question_id)

    def complete_now(self) -> Intake:
        """Mark the intake complete (runs off the GUI thread: it may screen the answers)."""
        return complete_intake(self.session, self.intake.id)

    def quick_step(self, skipped: Collection[str]) -> QuickStep:
        """The quick screen of the answers as they stand: its next question and every track
        (a few ms: the rules are compiled once and screening one person is cheap)."""
        setup = self.session.setup
        answers = typed_answers(self.values, setup.forms)
        return quick_step(setup, self.form, answers, self.session.clock.today(), skipped)

    def track_titles(self) -> dict[str, Text]:
        """Each program track's title."""
        return {t.id: t.title for t in self.session.setup.rules.tracks}

    def resume_at(self) -> tuple[str, str | None]:
        """The section and question to open at: where the intake was left, if still shown."""
        visible = self.state.visible_sections
        first = visible[0] if visible else self.form.spec.sections[0].id
        section = self.intake.current_section
        return (section if section in visible else first), self.intake.current_question

    def neighbour(self, section_id: str | None, step: int) -> str | None:
        """The visible section `step` sections away (-1 back, 1 next), if there is one."""
        order = list(self.state.visible_sections)
        if section_id not in order:
            return order[0] if order else None
        index = order.index(section_id) + step
        return order[index] if 0 <= index < len(order) else None

    def sections_waiting(self, unread: Sequence[str] = ()) -> list[str]:
        """The sections that keep the intake from being finished: required answers missing,
        answers with a problem, or (`unread`) input the screen could not send."""
        waiting = [s for s, (missing, problems) in self.issues_by_section().items()
                   if missing or problems]
        return waiting + [s for s in unread if s not in waiting]

    def row_of(self, field_id: str | None) -> str | None:
        """The question a screen shows `field_id` in: its repeat group, for a child."""
        if field_id is None or field_id not in self.form.field_ids():
            return field_id
        return self.question(field_id).group_id or field_id

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


def is_repeat(q: Question) -> bool:
    """A repeat group (its answer is a list of entries)."""
    return q.type is QuestionType.GROUP and q.repeat


def stored_items(value: JsonValue) -> list[dict[str, JsonValue]]:
    """A stored repeat group's entries (anything else reads as no entries)."""
    if not isinstance(value, list):
        return []
    return [item if isinstance(item, dict) else {} for item in value]

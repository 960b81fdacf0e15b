"""What evaluating a form against answers yields: frozen values for the UI, rules and packets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from screener.expr import UNKNOWN, Context
from screener.forms.model import Band
from screener.text import Text


@dataclass(frozen=True)
class Issue:
    """A problem with one answer: required but missing, failed validation, cannot be read.

    `group_id`/`index` locate a question inside a repeat group (item `index`, from 0).
    """

    field_id: str
    message: Text
    group_id: str | None = None
    index: int | None = None


@dataclass(frozen=True)
class RaisedFlag:
    """A flag an instrument raised (e.g. `suicide_risk`); urgent flags show in red."""

    id: str
    instrument_id: str
    label: Text
    urgent: bool


@dataclass(frozen=True)
class InstrumentScore:
    """An instrument's score, band and flags. `score` is None while items are unanswered."""

    instrument_id: str
    title: Text
    score: int | float | None
    missing: frozenset[str]
    band: Band | None
    flags: tuple[RaisedFlag, ...]

    @property
    def complete(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class ExpressionInputs:
    """Answers plus computed values (unknowns keep their reasons) and scores, for rules."""

    answers: Mapping[str, object]
    scores: Mapping[str, object]

    def context(self, today: date, params: Mapping[str, object] | None = None) -> Context:
        """A Context for `Expression.evaluate_in`."""
        return Context(self.answers, today, params or {}, self.scores)


@dataclass(frozen=True)
class FormState:
    """A form evaluated against answers on a date.

    Visibility: a question shows when its section and every enclosing group show and its
    `visible_if` is true; an unknown condition hides it. Required-but-missing and validation
    messages concern visible questions only. Answers are never dropped: those the form does
    not define are listed in `not_on_form`, those that do not fit their question in
    `answer_problems` (they are then left out of every expression).
    """

    form_id: str
    version: int
    answered_version: int | None
    visible_sections: tuple[str, ...]
    visible_fields: frozenset[str]
    repeat_items: Mapping[str, tuple[frozenset[str], ...]]
    missing_required: tuple[Issue, ...]
    messages: tuple[Issue, ...]
    computed: Mapping[str, object]
    scores: Mapping[str, InstrumentScore]
    flags: tuple[RaisedFlag, ...]
    not_on_form: tuple[str, ...]
    answer_problems: tuple[Issue, ...]
    expression_errors: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Nothing required is missing and no validation message stands."""
        return not (self.missing_required or self.messages or self.answer_problems)

    @property
    def version_changed(self) -> bool:
        """The answers were taken with another version of the form."""
        return self.answered_version is not None and self.answered_version != self.version

    def is_visible(self, field_id: str, group_id: str | None = None, index: int | None = None) -> bool:
        """Whether a question shows (inside a repeat group: in item `index`)."""
        if group_id is None:
            return field_id in self.visible_fields
        items = self.repeat_items.get(group_id, ())
        return index is not None and 0 <= index < len(items) and field_id in items[index]

    def computed_value(self, field_id: str) -> object:
        """A computed field's value, or UNKNOWN."""
        return self.computed.get(field_id, UNKNOWN)

"""The form schema as frozen dataclasses: forms, sections, questions, instruments, scoring."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from screener.domain import SENSITIVE_KINDS
from screener.expr import Expression
from screener.text import Text
from screener.yamlpos import Diagnostic, Location

#: What `sensitivity:` may say: a kind of sensitive information, or `none` (declared not
#: sensitive). Consent filtering in packets works from it (DESIGN §4.1, §7).
SENSITIVITIES = (*SENSITIVE_KINDS, "none")


class QuestionType(StrEnum):
    """The question types of DESIGN §4.1."""

    TEXT = "text"
    LONGTEXT = "longtext"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"
    YESNO = "yesno"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    PHONE = "phone"
    EMAIL = "email"
    SSN = "ssn"
    ADDRESS = "address"
    SIGNATURE = "signature"
    NOTE = "note"
    COMPUTED = "computed"
    GROUP = "group"

    @property
    def takes_answer(self) -> bool:
        """False for display-only notes, computed values and (non-repeat) groups."""
        return self not in (QuestionType.NOTE, QuestionType.COMPUTED, QuestionType.GROUP)


@dataclass(frozen=True)
class Choice:
    """One option of a choice or multichoice question."""

    value: str | int
    label: Text
    exclusive: bool = False  # multichoice: cannot be picked together with others ("none")


@dataclass(frozen=True)
class Check:
    """A `validate` entry: when `check` is false, show `message`."""

    check: Expression
    message: Text


@dataclass(frozen=True)
class Question:
    """A question (or note, computed value, group) of a form."""

    id: str
    type: QuestionType
    label: Text
    form_id: str
    section_id: str
    location: Location
    help: Text | None = None
    required: bool = False
    required_if: Expression | None = None
    visible_if: Expression | None = None
    validate: tuple[Check, ...] = ()
    pii: bool = False
    min: int | float | date | None = None
    max: int | float | date | None = None
    pattern: str | None = None
    choices: tuple[Choice, ...] = ()
    compute: Expression | None = None
    repeat: bool = False
    questions: tuple[Question, ...] = ()  # a group's questions
    group_id: str | None = None  # set on the questions of a repeat group
    instrument_id: str | None = None  # set on an instrument's items
    #: mental_health, substance_use, "none" (declared not sensitive) or None (not declared);
    #: an instrument's items carry the instrument's.
    sensitivity: str | None = None

    def choice(self, value: object) -> Choice | None:
        """The choice with this value, or None."""
        for c in self.choices:
            if c.value == value and type(c.value) is type(value):
                return c
        return None


@dataclass(frozen=True)
class Band:
    """A score band: min <= score <= max."""

    id: str
    min: int | float
    max: int | float
    label: Text


@dataclass(frozen=True)
class FlagRule:
    """A flag raised when `when` is true (e.g. PHQ-9 item 9 > 0 → suicide_risk)."""

    id: str
    when: Expression
    label: Text
    urgent: bool = False


@dataclass(frozen=True)
class Scoring:
    """How an instrument is scored. Cut-offs live in `parameters`, as data."""

    score: Expression
    bands: tuple[Band, ...] = ()
    flags: tuple[FlagRule, ...] = ()
    parameters: tuple[tuple[str, int | float], ...] = ()


@dataclass(frozen=True)
class Instrument:
    """A screening instrument: items and scoring (forms/instruments/*.yaml)."""

    id: str
    version: int
    title: Text
    file: str
    scoring: Scoring
    instructions: Text | None = None
    uses: tuple[str, ...] = ()  # fields of the including form the scoring reads
    questions: tuple[Question, ...] = ()
    #: The kind of its items, score, bands and flags (mental_health, substance_use or None).
    sensitivity: str | None = None


@dataclass(frozen=True)
class Section:
    """A section of a form; `instrument` is set when the section includes one."""

    id: str
    title: Text
    location: Location
    visible_if: Expression | None = None
    help: Text | None = None
    questions: tuple[Question, ...] = ()
    instrument: Instrument | None = None


@dataclass(frozen=True)
class FormSpec:
    """A loaded form: what the YAML says, checked. The engine lives in `screener.forms.Form`."""

    id: str
    version: int
    title: Text
    file: str
    sections: tuple[Section, ...]
    intro: Text | None = None
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)

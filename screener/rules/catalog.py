"""What the rules need to know about the forms: which field ids exist and which question asks.

The rules layer does not read forms itself. It is handed a `FieldCatalog` — built from the
loaded forms by `screener.services` (or by a test) — so that a criterion naming a field no
form defines is an error when the rules load, and a "needs information" outcome can name the
question to ask.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from screener.forms import FormCatalog
from screener.rules.model import QuestionRef


class FieldCatalog(Protocol):
    """The forms' field ids, instrument ids, and the question asking for each field."""

    @property
    def field_ids(self) -> frozenset[str]:
        """Every field id some form defines (questions, computed fields, instrument items)."""
        ...

    @property
    def instrument_ids(self) -> frozenset[str]:
        """Every instrument id `score(x)` may name."""
        ...

    def question(self, field_id: str) -> QuestionRef | None:
        """The question asking for `field_id` (or the instrument's section), if any."""
        ...

    def choices(self, field_id: str) -> frozenset[object] | None:
        """The values a choice or multichoice field offers; None for other fields."""
        ...


@dataclass(frozen=True)
class StaticCatalog:
    """A FieldCatalog from plain data (what an adapter over the forms builds)."""

    questions: Mapping[str, QuestionRef]
    instruments: frozenset[str] = frozenset()
    extra_fields: frozenset[str] = frozenset()
    choice_values: Mapping[str, frozenset[object]] = field(default_factory=dict)
    _ids: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_ids", frozenset(self.questions) | self.extra_fields)

    @property
    def field_ids(self) -> frozenset[str]:
        return self._ids

    @property
    def instrument_ids(self) -> frozenset[str]:
        return self.instruments

    def question(self, field_id: str) -> QuestionRef | None:
        return self.questions.get(field_id)

    def choices(self, field_id: str) -> frozenset[object] | None:
        return self.choice_values.get(field_id)

    @classmethod
    def of(
        cls,
        refs: Iterable[QuestionRef],
        instruments: Iterable[str] = (),
        choices: Mapping[str, Iterable[object]] | None = None,
    ) -> StaticCatalog:
        """A catalog of these question references (and choice values, if given)."""
        values = {k: frozenset(v) for k, v in (choices or {}).items()}
        return cls({r.field_id: r for r in refs}, frozenset(instruments), frozenset(), values)


def catalog_from_forms(forms: FormCatalog) -> StaticCatalog:
    """The FieldCatalog of the loaded forms: every field, and each instrument as its section.

    A whole instrument left unanswered is named by its id (e.g. `phq9`); the question for it
    is the section that includes the instrument, labelled with the instrument's title.
    """
    refs: list[QuestionRef] = []
    choices: dict[str, frozenset[object]] = {}
    for form in forms.forms.values():
        for q in form.questions():  # instrument items too, under the form that includes them
            refs.append(QuestionRef(q.id, form.id, q.section_id, q.label))
            if q.choices:
                choices[q.id] = frozenset(c.value for c in q.choices)
    instruments: set[str] = set()
    for form in forms.forms.values():
        for section in form.spec.sections:
            if section.instrument is not None:
                inst = section.instrument
                instruments.add(inst.id)
                refs.append(QuestionRef(inst.id, form.id, section.id, inst.title))
    return StaticCatalog.of(refs, instruments, choices)

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


@dataclass(frozen=True)
class StaticCatalog:
    """A FieldCatalog from plain data (what an adapter over the forms builds)."""

    questions: Mapping[str, QuestionRef]
    instruments: frozenset[str] = frozenset()
    extra_fields: frozenset[str] = frozenset()
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

    @classmethod
    def of(cls, refs: Iterable[QuestionRef], instruments: Iterable[str] = ()) -> StaticCatalog:
        """A catalog of these question references."""
        return cls({r.field_id: r for r in refs}, frozenset(instruments))

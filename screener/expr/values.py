"""Values that cross the boundary of the expression language: unknown, results, contexts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from screener.errors import ExprError


class Unknown:
    """The third truth value: "we cannot tell yet", with the field ids whose absence caused it.

    There is one public singleton, `UNKNOWN` (no reasons). Inside an evaluation, unknowns
    carry their reasons (`missing`); `Result.value` is always the singleton and the reasons
    move to `Result.missing`. An unknown has no truth value: `bool(UNKNOWN)` raises ExprError,
    so that nobody silently treats "unknown" as false.
    """

    __slots__ = ("missing",)

    def __init__(self, missing: frozenset[str] = frozenset()) -> None:
        self.missing = missing

    def __bool__(self) -> bool:
        raise ExprError("an unknown value has no truth value; test `result.known` first")

    def __repr__(self) -> str:
        if not self.missing:
            return "UNKNOWN"
        return f"Unknown(missing={sorted(self.missing)!r})"


#: The unknown value (no reasons attached). Compare with `is`.
UNKNOWN = Unknown()


def unknown(missing: Iterable[str] = ()) -> Unknown:
    """An unknown value caused by the absence of `missing` (field ids), e.g. for a score."""
    names = frozenset(missing)
    return Unknown(names) if names else UNKNOWN


def is_unknown(value: object) -> bool:
    """True for UNKNOWN (or any unknown carrying reasons)."""
    return type(value) is Unknown


def is_answered(value: object) -> bool:
    """An answer counts as given unless it is absent, None, "", [] or an unknown (computed)."""
    return not (value is None or value == "" or value == [] or type(value) is Unknown)


@dataclass(frozen=True)
class Result:
    """The outcome of evaluating an expression.

    `value` is a plain value (bool, int, float, str, date, list, None) or `UNKNOWN`.
    `missing` holds the field ids whose absence made the value unknown (empty when known).
    """

    value: object
    missing: frozenset[str] = field(default_factory=frozenset)

    @property
    def known(self) -> bool:
        """True unless the value is UNKNOWN."""
        return self.value is not UNKNOWN

    @property
    def is_true(self) -> bool:
        """True only for a known `true` (unknown and false are both "not true")."""
        return self.value is True

    @property
    def is_false(self) -> bool:
        """True only for a known `false`."""
        return self.value is False


@dataclass(frozen=True, slots=True)
class Context:
    """Everything one evaluation reads: answers, the evaluation date, parameters, scores.

    Build one per pass when evaluating many expressions against the same answers
    (`Expression.evaluate_in`). `scores` maps instrument ids to a number, an `Unknown`
    (carrying the unanswered item ids) or a `Result`.
    """

    answers: Mapping[str, object]
    today: date
    params: Mapping[str, object] = field(default_factory=dict)
    scores: Mapping[str, object] = field(default_factory=dict)


#: A compiled expression node: reads a Context, returns a value or an Unknown.
Fn = Callable[[Context], object]


def merge(*values: object) -> Unknown:
    """One unknown carrying the reasons of every unknown among `values`."""
    missing: frozenset[str] = frozenset()
    for v in values:
        if type(v) is Unknown:
            missing = missing | v.missing
    return unknown(missing)


def same(a: object, b: object) -> bool:
    """Equal and of the same kind (so `1 if c else true` stays unknown when c is)."""
    return type(a) is type(b) and a == b

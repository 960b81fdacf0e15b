"""Rule files as loaded and compiled: tracks, dated parameters, programs, criteria."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from screener.errors import RuleError
from screener.expr import Expression, Location
from screener.text import Text

#: A parameter's value: a plain scalar or a list of scalars.
ParamValue = bool | int | float | str | date | tuple[bool | int | float | str | date, ...]

#: Agencies a rule file or program may name (FACTS §1: JCOD took over DHS-ODR's reentry
#: programs on 2022-11-01, so both are valid).
AGENCIES = frozenset({"DHS-ODR", "JCOD", "Probation", "DPH-SAPC", "DMH", "DPSS", "DHCS", "RR/CC"})


class ProgramStatus(StrEnum):
    """Whether a program takes referrals on a day (DESIGN §4.2).

    Only `open` programs go into referral packets; `planning` and `subject_to_funding` show
    the person as part of a cohort (invited to listening sessions, on a candidate list) and
    never as a referral made; `closed` programs take no one.
    """

    OPEN = "open"
    PLANNING = "planning"
    SUBJECT_TO_FUNDING = "subject_to_funding"
    CLOSED = "closed"


class NodeKind(StrEnum):
    """What a criterion node is: a group (all / any / not) or a leaf with a `when`."""

    ALL = "all"
    ANY = "any"
    NOT = "not"
    LEAF = "leaf"


@dataclass(frozen=True)
class DatedValue:
    """One value of a parameter, in force from `start` until the next value's start."""

    start: date
    value: ParamValue


@dataclass(frozen=True)
class Parameter:
    """A named value that may change over time (OpenFisca's values history)."""

    name: str
    description: str
    values: tuple[DatedValue, ...]  # sorted by start, at least one
    location: Location
    reference: tuple[str, ...] = ()
    uncertain: str | None = None  # the [U] note, when the fact is uncertain
    _starts: tuple[date, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(v.start for v in self.values))

    def value_on(self, day: date) -> ParamValue:
        """The value in force on `day`. Before the first value's date: a RuleError."""
        i = bisect.bisect_right(self._starts, day) - 1
        if i < 0:
            raise RuleError(
                f"parameter {self.name!r} has no value on {day.isoformat()} "
                f"(its first value starts {self._starts[0].isoformat()})",
                file=self.location.file,
                line=self.location.line,
                col=self.location.col,
            )
        return self.values[i].value


@dataclass(frozen=True)
class Criterion:
    """A node of an `eligible_if` tree: a group of criteria or one criterion with a `when`.

    `unknown_when` (leaves only): when it is true, the fields it reads count as unanswered
    for `when`. E.g. `county_of_residence == 'unknown'` ("the client does not know") asks
    for the county again instead of counting as "not in LA County".
    """

    kind: NodeKind
    location: Location
    id: str | None = None
    text: Text | None = None
    children: tuple[Criterion, ...] = ()
    when: Expression | None = None
    unknown_when: Expression | None = None
    reference: tuple[str, ...] = ()
    uncertain: str | None = None
    because: Text | None = None  # short phrase for "qualifies because …" (may name fields)

    def walk(self) -> list[Criterion]:
        """This node and every node below it, depth first."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass(frozen=True)
class PriorityRule:
    """A reason that raises a referral's priority when its `when` is true."""

    id: str
    text: Text
    when: Expression
    location: Location


@dataclass(frozen=True)
class Program:
    """One program of a track: who is eligible, what raises priority, what to bring."""

    id: str
    track_id: str
    title: Text
    provider: str
    eligible_if: Criterion
    location: Location
    description: Text | None = None
    administering_agency: str | None = None
    funding: str | None = None
    reference: tuple[str, ...] = ()
    uncertain: str | None = None
    priority_if: tuple[PriorityRule, ...] = ()
    documents: tuple[str, ...] = ()
    #: Kinds of sensitive information a referral to this program reveals by itself (a
    #: packet needs a consent covering them); the rule file's `sensitivity:`.
    sensitivity: tuple[str, ...] = ()
    status: tuple[DatedValue, ...] = ()  # dated ProgramStatus values; none given = open
    declined_if: Expression | None = None  # true: the person said they do not want this help

    def status_on(self, day: date) -> ProgramStatus:
        """The program's status in force on `day` (open before its first dated value)."""
        current = ProgramStatus.OPEN
        for v in self.status:
            if v.start > day:
                break
            current = ProgramStatus(str(v.value))
        return current


@dataclass(frozen=True)
class Track:
    """One rule file: a program track with its parameters and programs."""

    id: str
    version: str
    title: Text
    file: str
    parameters: Mapping[str, Parameter]
    programs: tuple[Program, ...]
    administering_agency: str | None = None
    reference: tuple[str, ...] = ()
    description: Text | None = None

    def params_on(self, day: date) -> dict[str, ParamValue]:
        """Every parameter's value in force on `day` (RuleError before a first value)."""
        return {name: p.value_on(day) for name, p in self.parameters.items()}


@dataclass(frozen=True)
class QuestionRef:
    """The question that asks for a field: its form, section and label (for "needs info")."""

    field_id: str
    form_id: str
    section_id: str
    label: Text

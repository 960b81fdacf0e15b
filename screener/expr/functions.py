"""The whitelisted functions of the expression language.

Each implementation receives the evaluation date first, then known values only (the compiler propagates unknowns before the
call) plus the evaluation date, and raises `Problem` for a value of the wrong kind; the
compiler turns a Problem into an ExprError that names the expression's location.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta


class Problem(Exception):
    """A run-time type or range problem inside the language (becomes an ExprError)."""


def kind(value: object) -> str:
    """The language's name for the kind of a value, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, date):
        return "date"
    if isinstance(value, list | tuple):
        return "list"
    return type(value).__name__


def as_date(value: object, what: str) -> date:
    """`value` as a date, or a Problem naming `what` was expected."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise Problem(f"{what} must be a date, not {kind(value)}")


def as_int(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Problem(f"{what} must be a whole number, not {kind(value)}")
    return value


def as_number(value: object, what: str) -> int | float:
    if not isinstance(value, int | float):
        raise Problem(f"{what} must be a number, not {kind(value)}")
    return value


def as_list(value: object, what: str) -> list[object] | tuple[object, ...]:
    if not isinstance(value, list | tuple):
        raise Problem(f"{what} must be a list, not {kind(value)}")
    return value


def years_between(today: date, a: object, b: object) -> int:
    """Whole years from a to b (relativedelta: negative when b is before a)."""
    return relativedelta(as_date(b, "the second date"), as_date(a, "the first date")).years


def months_between(today: date, a: object, b: object) -> int:
    """Whole months from a to b (relativedelta: Jan 31 → Feb 28 is one month)."""
    delta = relativedelta(as_date(b, "the second date"), as_date(a, "the first date"))
    return delta.years * 12 + delta.months


def days_between(today: date, a: object, b: object) -> int:
    """Days from a to b (negative when b is before a)."""
    return (as_date(b, "the second date") - as_date(a, "the first date")).days


def age(today: date, dob: object) -> int:
    """Age in whole years on `today`; the birthday itself counts the new year."""
    return years_between(today, dob, today)


def add_months(today: date, d: object, n: object) -> date:
    """d plus n months, clipped to the month's end (Jan 31 + 1 month = Feb 28/29)."""
    start = as_date(d, "the date")
    months = as_int(n, "the number of months")
    try:
        result: date = start + relativedelta(months=months)
    except (ValueError, OverflowError) as exc:
        raise Problem(f"add_months goes out of the calendar ({months} months)") from exc
    return result


def add_days(today: date, d: object, n: object) -> date:
    """d plus n days."""
    start = as_date(d, "the date")
    days = as_int(n, "the number of days")
    try:
        return start + timedelta(days=days)
    except (ValueError, OverflowError) as exc:
        raise Problem(f"add_days goes out of the calendar ({days} days)") from exc


def count(today: date, items: object, *value: object) -> int:
    """How many items are `true` (one argument) or equal to the value (two arguments)."""
    seq = as_list(items, "count's argument")
    if not value:
        return sum(1 for item in seq if item is True)
    target = value[0]
    return sum(1 for item in seq if item == target)


def total(today: date, items: object) -> int | float:
    """The sum of a list of numbers (true/false count as 1/0)."""
    result: int | float = 0
    for item in as_list(items, "sum's argument"):
        result += as_number(item, "each item of sum's list")
    return result


def _members(field_value: object) -> list[object] | tuple[object, ...]:
    return field_value if isinstance(field_value, list | tuple) else [field_value]


def any_of(today: date, field_value: object, values: object) -> bool:
    """True if the answer (one value, or a multichoice list) holds any of `values`."""
    wanted = as_list(values, "any_of's second argument")
    for item in _members(field_value):
        if item in wanted:
            return True
    return False


def all_of(today: date, field_value: object, values: object) -> bool:
    """True if the answer holds every one of `values`."""
    have = _members(field_value)
    return all(item in have for item in as_list(values, "all_of's second argument"))


def none_of(today: date, field_value: object, values: object) -> bool:
    """True if the answer holds none of `values`."""
    return not any_of(today, field_value, values)


def length(today: date, value: object) -> int:
    """Length of a list or a text."""
    if isinstance(value, str | list | tuple):
        return len(value)
    raise Problem(f"len needs a list or text, not {kind(value)}")


def lower(today: date, value: object) -> str:
    """Text in lower case."""
    if not isinstance(value, str):
        raise Problem(f"lower needs text, not {kind(value)}")
    return value.lower()


def _extreme(name: str, pick: Callable[[object, object], bool], args: tuple[object, ...]) -> object:
    items = as_list(args[0], f"{name}'s argument") if len(args) == 1 else args
    if not items:
        raise Problem(f"{name} of an empty list")
    best = items[0]
    for item in items[1:]:
        try:
            if pick(item, best):
                best = item
        except TypeError as exc:
            raise Problem(f"{name} cannot compare {kind(item)} with {kind(best)}") from exc
    return best


def minimum(today: date, *args: object) -> object:
    """The smallest of a list, or of two or more values."""
    return _extreme("min", lambda a, b: a < b, args)  # type: ignore[operator]


def maximum(today: date, *args: object) -> object:
    """The largest of a list, or of two or more values."""
    return _extreme("max", lambda a, b: a > b, args)  # type: ignore[operator]


@dataclass(frozen=True)
class Function:
    """A whitelisted function: its implementation (first argument: today) and its arity."""

    impl: Callable[..., object]  # impl(today, *args)
    min_args: int
    max_args: int | None  # None: any number


#: The whitelist. `answered`, `score` and `param` take a name, not a value: the compiler
#: handles them itself.
FUNCTIONS: dict[str, Function] = {
    "age": Function(age, 1, 1),
    "years_between": Function(years_between, 2, 2),
    "months_between": Function(months_between, 2, 2),
    "days_between": Function(days_between, 2, 2),
    "add_months": Function(add_months, 2, 2),
    "add_days": Function(add_days, 2, 2),
    "count": Function(count, 1, 2),
    "sum": Function(total, 1, 1),
    "any_of": Function(any_of, 2, 2),
    "all_of": Function(all_of, 2, 2),
    "none_of": Function(none_of, 2, 2),
    "len": Function(length, 1, 1),
    "lower": Function(lower, 1, 1),
    "min": Function(minimum, 1, None),
    "max": Function(maximum, 1, None),
}

#: Functions whose single argument is a name resolved by the compiler.
NAME_FUNCTIONS = frozenset({"answered", "score", "param"})

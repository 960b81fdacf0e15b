"""Compiled expressions vs hand-written Python lambdas of the same logic (same run).

Run: PYTHONPATH=. python bench/expr_bench.py   — prints figures; the goal is a ratio <= 3x.
The lambdas do the same work a fair hand-written version must do: look answers up, treat a
missing answer as unknown, and compute the dates with dateutil.
"""

from __future__ import annotations

import functools
import timeit
from collections.abc import Callable, Mapping
from datetime import date

from dateutil.relativedelta import relativedelta

from screener.expr import Context, compile_expression

TODAY = date(2026, 11, 25)
ANSWERS: dict[str, object] = {
    "release_date": date(2026, 5, 2),
    "county_of_residence": "los_angeles",
    "supervision_type": "prcs",
    "housing_status": "unsheltered",
    "dob": date(1990, 3, 4),
    "mental_health_diagnosis": True,
    "legal_needs": ["record_clearance", "id_documents"],
}
PARAMS = {"max_months": 12, "min_age": 18}
U = object()  # the lambdas' "unknown"


def months(a: date, b: date) -> int:
    d = relativedelta(b, a)
    return d.years * 12 + d.months


def _get(a: Mapping[str, object], k: str) -> object:
    v = a.get(k)
    return U if v is None else v


def hand_recent(a: Mapping[str, object], p: Mapping[str, object]) -> object:
    r = _get(a, "release_date")
    if r is U:
        return U
    return months(r, TODAY) <= p["max_months"]  # type: ignore[arg-type,operator]


def hand_housing(a: Mapping[str, object], p: Mapping[str, object]) -> object:
    c = _get(a, "county_of_residence")
    if c is not U and c != "los_angeles":
        return False
    h = _get(a, "housing_status")
    hs = U if h is U else h in ("unsheltered", "emergency_shelter")
    if hs is False:
        return False
    m = _get(a, "mental_health_diagnosis")
    if m is False:
        return False
    if U in (c, hs, m):
        return U
    return True


def hand_age(a: Mapping[str, object], p: Mapping[str, object]) -> object:
    d = _get(a, "dob")
    if d is U:
        return U
    return relativedelta(TODAY, d).years >= p["min_age"]  # type: ignore[arg-type,operator]


def hand_legal(a: Mapping[str, object], p: Mapping[str, object]) -> object:
    n = _get(a, "legal_needs")
    if n is U:
        return U
    return any(x in ("record_clearance", "fines_fees") for x in n)  # type: ignore[attr-defined]


CASES: list[tuple[str, str, Callable[[Mapping[str, object], Mapping[str, object]], object]]] = [
    ("recent release", "months_between(release_date, today) <= param('max_months')", hand_recent),
    (
        "housing criteria",
        "county_of_residence == 'los_angeles' and housing_status in "
        "['unsheltered', 'emergency_shelter'] and mental_health_diagnosis",
        hand_housing,
    ),
    ("adult", "age(dob) >= min_age", hand_age),
    ("legal needs", "any_of(legal_needs, ['record_clearance', 'fines_fees'])", hand_legal),
]


def _best(fn: Callable[[], object], number: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=5))


def main() -> None:
    number = 20000
    print(f"{'case':<18}{'compiled µs':>13}{'lambda µs':>12}{'ratio':>8}")
    worst = 0.0
    for label, source, hand in CASES:
        expr = compile_expression(source, known_params=frozenset(PARAMS))
        ctx = Context(ANSWERS, TODAY, PARAMS)
        assert expr.evaluate_in(ctx).value == hand(ANSWERS, PARAMS), label
        compiled = _best(functools.partial(expr.evaluate_in, ctx), number)
        lam = _best(functools.partial(hand, ANSWERS, PARAMS), number)
        ratio = compiled / lam
        worst = max(worst, ratio)
        print(f"{label:<18}{compiled / number * 1e6:>13.2f}{lam / number * 1e6:>12.2f}{ratio:>7.2f}x")
    print(f"worst ratio {worst:.2f}x (goal <= 3x)")
    compile_time = min(timeit.repeat(lambda: compile_expression(CASES[1][1]), number=500, repeat=3))
    print(f"compile time (housing criteria): {compile_time / 500 * 1e6:.0f} µs")


if __name__ == "__main__":
    main()

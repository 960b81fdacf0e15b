"""Property tests: the evaluator raises only ExprError; Kleene logic; calendar edges."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from screener.errors import ExprError
from screener.expr import UNKNOWN, compile_expression

FIELDS = ["a", "b", "c", "d"]
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

atoms = st.one_of(
    st.sampled_from(FIELDS + ["today", "true", "false", "null", "None"]),
    st.integers(-10**6, 10**6).map(str),
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr),
    st.text("abc xyz", max_size=4).map(repr),
    st.dates(date(1900, 1, 1), date(2100, 12, 31)).map(lambda d: f'date("{d.isoformat()}")'),
)
FUNCS = [
    "age", "years_between", "months_between", "days_between", "add_months", "add_days",
    "count", "sum", "any_of", "all_of", "none_of", "len", "min", "max", "lower", "answered",
    "score", "param", "date", "nope",
]
OPS = ["and", "or", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "+", "-", "*", "/"]


def _extend(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from(OPS), children).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        children.map(lambda e: f"(not {e})"),
        children.map(lambda e: f"(-{e})"),
        st.lists(children, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.tuples(children, children, children).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
        st.tuples(st.sampled_from(FUNCS), st.lists(children, max_size=3)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"
        ),
    )


expressions = st.recursive(atoms, _extend, max_leaves=12)
answer_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10**9, 10**9),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
    st.dates(),
    st.lists(st.one_of(st.integers(-5, 5), st.text("ab", max_size=2), st.booleans()), max_size=3),
)
answer_sets = st.dictionaries(st.sampled_from(FIELDS), answer_values)


@FAST
@given(expressions, answer_sets, st.dates())
def test_generated_expressions_raise_only_expr_error(
    source: str, answers: dict[str, object], today: date
) -> None:
    try:
        expr = compile_expression(source)
        result = expr.evaluate(answers, today, params={"p": 1}, scores={"phq9": 3})
    except ExprError:
        return
    assert result.known or result.value is UNKNOWN
    assert result.missing <= expr.names | expr.instruments
    if result.known:
        assert result.missing == frozenset()


@FAST
@example("0\x1f\x1e0")  # a record separator: splitlines() breaks there, Python does not
@given(st.text(max_size=40))
def test_arbitrary_text_compiles_or_raises_expr_error(source: str) -> None:
    try:
        compile_expression(source)
    except ExprError:
        pass


TRUTH = {"T": "true", "F": "false", "U": "u == 1"}  # `u` is never answered


def _kleene_and(x: str, y: str) -> str:
    if "F" in (x, y):
        return "F"
    return "U" if "U" in (x, y) else "T"


def _kleene_or(x: str, y: str) -> str:
    if "T" in (x, y):
        return "T"
    return "U" if "U" in (x, y) else "F"


def _as_letter(value: object) -> str:
    return "U" if value is UNKNOWN else ("T" if value is True else "F")


@settings(max_examples=50, deadline=None)
@given(st.sampled_from("TFU"), st.sampled_from("TFU"))
def test_and_or_not_follow_kleene_tables(x: str, y: str) -> None:
    def run(source: str) -> str:
        return _as_letter(compile_expression(source).evaluate({}, date(2026, 1, 1)).value)

    assert run(f"({TRUTH[x]}) and ({TRUTH[y]})") == _kleene_and(x, y)
    assert run(f"({TRUTH[x]}) or ({TRUTH[y]})") == _kleene_or(x, y)
    assert run(f"not ({TRUTH[x]})") == {"T": "F", "F": "T", "U": "U"}[x]
    missing = compile_expression(f"({TRUTH[x]}) and ({TRUTH[y]})").evaluate({}, date(2026, 1, 1))
    assert missing.missing == ({"u"} if missing.value is UNKNOWN else set())


ADD_MONTHS = compile_expression("add_months(d, n)")
AGE = compile_expression("age(dob)")
MONTHS = compile_expression("months_between(a, b)")


@FAST
@given(st.dates(date(1900, 1, 1), date(2200, 1, 1)), st.integers(-600, 600))
def test_add_months_clips_to_month_end(d: date, n: int) -> None:
    got = ADD_MONTHS.evaluate({"d": d, "n": n}, d).value
    assert got == d + relativedelta(months=n)
    assert isinstance(got, date)
    assert got.day == d.day or got.day < d.day  # never runs into the next month


def test_month_end_edges() -> None:
    cases = {
        (date(2025, 1, 31), 1): date(2025, 2, 28),
        (date(2024, 1, 31), 1): date(2024, 2, 29),
        (date(2025, 3, 31), -1): date(2025, 2, 28),
        (date(2025, 8, 31), 1): date(2025, 9, 30),
        (date(2024, 2, 29), 12): date(2025, 2, 28),
        (date(2025, 12, 31), 2): date(2026, 2, 28),
    }
    for (d, n), want in cases.items():
        assert ADD_MONTHS.evaluate({"d": d, "n": n}, d).value == want


def test_age_counts_the_birthday_itself() -> None:
    dob = date(2008, 6, 15)
    assert AGE.evaluate({"dob": dob}, date(2026, 6, 14)).value == 17
    assert AGE.evaluate({"dob": dob}, date(2026, 6, 15)).value == 18


def test_feb_29_birthday_in_non_leap_and_leap_years() -> None:
    dob = date(2008, 2, 29)
    # relativedelta: 2008-02-29 + 17 years = 2025-02-28, so the year turns on Feb 28.
    assert AGE.evaluate({"dob": dob}, date(2025, 2, 27)).value == 16
    assert AGE.evaluate({"dob": dob}, date(2025, 2, 28)).value == 17
    assert AGE.evaluate({"dob": dob}, date(2025, 3, 1)).value == 17
    assert AGE.evaluate({"dob": dob}, date(2028, 2, 28)).value == 19
    assert AGE.evaluate({"dob": dob}, date(2028, 2, 29)).value == 20


@FAST
@given(st.dates(date(1900, 1, 1), date(2100, 1, 1)), st.dates(date(1900, 1, 1), date(2100, 1, 1)))
def test_age_and_months_agree_with_relativedelta(a: date, b: date) -> None:
    delta = relativedelta(b, a)
    assert MONTHS.evaluate({"a": a, "b": b}, b).value == delta.years * 12 + delta.months
    if a <= b:
        assert AGE.evaluate({"dob": a}, b).value == delta.years
        assert add_years(a, delta.years) <= b


def add_years(d: date, n: int) -> date:
    result: date = d + relativedelta(years=n)
    return result

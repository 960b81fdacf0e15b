"""The expression language: values, unknowns, functions and compile-time errors."""

from __future__ import annotations

import warnings
from datetime import date

import pytest

from screener.errors import ExprError
from screener.expr import UNKNOWN, Context, Location, Result, compile_expression, unknown

TODAY = date(2026, 11, 25)


def ev(source: str, answers: dict[str, object] | None = None, **kw: object) -> Result:
    return compile_expression(source).evaluate(answers or {}, TODAY, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("7 / 2", 3.5),
        ("-3 + +1", -2),
        ("'a' + 'b'", "ab"),
        ("[1] + [2]", [1, 2]),
        ("true and not false", True),
        ("True or None == null", True),
        ("1 < 2 <= 2 < 3", True),
        ("1 < 2 > 5", False),
        ("'b' in ['a', 'b']", True),
        ("'z' not in ['a', 'b']", True),
        ("'ell' in 'hello'", True),
        ("1 if 2 > 1 else 0", 1),
        ('date("2026-01-31") < today', True),
        ('add_months(date("2025-01-31"), 1)', date(2025, 2, 28)),
        ('add_months(date("2024-01-31"), 1)', date(2024, 2, 29)),
        ('add_days(date("2024-02-28"), 2)', date(2024, 3, 1)),
        ('days_between(date("2026-11-20"), today)', 5),
        ('months_between(date("2025-01-31"), date("2025-02-28"))', 1),
        ('months_between(date("2026-11-25"), date("2025-11-25"))', -12),
        ('years_between(date("2000-02-29"), date("2025-02-28"))', 25),
        ('age(date("2000-11-25"))', 26),
        ('age(date("2000-11-26"))', 25),
        ("count([true, false, true])", 2),
        ("count([1, 2, 2, 3], 2)", 2),
        ("sum([1, 2, 3.5])", 6.5),
        ("len('abc') + len([1, 2])", 5),
        ("min(3, 1, 2) + max([4, 9])", 10),
        ("lower('ABC')", "abc"),
        ("any_of(['a', 'b'], ['b', 'c'])", True),
        ("all_of(['a', 'b'], ['a', 'c'])", False),
        ("none_of('x', ['a', 'b'])", True),
    ],
)
def test_evaluate_gives_value_when_all_known(source: str, expected: object) -> None:
    result = ev(source)
    assert result.value == expected
    assert type(result.value) is type(expected)
    assert result.missing == frozenset()


def test_unanswered_field_is_unknown_with_its_name() -> None:
    result = ev("release_date < today and county == 'los_angeles'", {"county": "los_angeles"})
    assert result.value is UNKNOWN
    assert result.missing == {"release_date"}
    assert not result.known


def test_unknown_and_false_is_false_and_unknown_or_true_is_true() -> None:
    assert ev("a == 1 and false").value is False
    assert ev("false and a == 1").value is False
    assert ev("a == 1 or true").value is True
    both = ev("a == 1 and b == 2")
    assert both.value is UNKNOWN and both.missing == {"a", "b"}


@pytest.mark.parametrize("blank", [None, "", []])
def test_blank_answers_count_as_unanswered(blank: object) -> None:
    assert ev("x == 1", {"x": blank}).missing == {"x"}
    assert ev("answered(x)", {"x": blank}).value is False


def test_answered_is_never_unknown() -> None:
    assert ev("answered(x)").value is False
    assert ev("answered(x)", {"x": 0}).value is True


def test_if_with_unknown_condition_is_known_when_both_branches_agree() -> None:
    assert ev("1 if a else 1").value == 1
    result = ev("1 if a else 2")
    assert result.value is UNKNOWN and result.missing == {"a"}


def test_list_with_an_unknown_item_is_unknown() -> None:
    result = ev("sum([a, b, 1])", {"a": 2})
    assert result.value is UNKNOWN and result.missing == {"b"}


def test_names_params_and_instruments_are_recorded() -> None:
    expr = compile_expression(
        "answered(dob) and score(phq9) >= param('cut') and max_months > 1 and x == 1",
        known_params=frozenset({"cut", "max_months"}),
    )
    assert expr.names == {"dob", "x"}
    assert expr.params == {"cut", "max_months"}
    assert expr.instruments == {"phq9"}


def test_params_read_before_answers_and_missing_param_is_error() -> None:
    assert ev("limit + 1", {"limit": 100}, params={"limit": 1}).value == 2
    with pytest.raises(ExprError, match="parameter 'cut' has no value"):
        ev("param('cut')")


def test_score_reads_numbers_unknowns_and_results() -> None:
    expr = compile_expression("score(phq9) >= 10")
    assert expr.evaluate({}, TODAY, scores={"phq9": 12}).value is True
    missing = expr.evaluate({}, TODAY, scores={"phq9": unknown({"phq9_3"})})
    assert missing.missing == {"phq9_3"}
    assert expr.evaluate({}, TODAY, scores={"phq9": Result(3)}).value is False
    assert expr.evaluate({}, TODAY).missing == {"phq9"}


def test_evaluate_in_shares_one_context() -> None:
    ctx = Context({"a": 1}, TODAY)
    assert compile_expression("a + 1").evaluate_in(ctx).value == 2


def test_unknown_has_no_truth_value() -> None:
    with pytest.raises(ExprError):
        bool(UNKNOWN)


@pytest.mark.parametrize(
    ("source", "answers", "message"),
    [
        ("a < b", {"a": date(2020, 1, 1), "b": "x"}, "cannot compare date with text"),
        ("a and true", {"a": 3}, "'and' needs true/false, not number"),
        ("not a", {"a": "x"}, "'not' needs true/false"),
        ("a * 'x'", {"a": 3}, "cannot use '\\*' with number and text"),
        ("1 / a", {"a": 0}, "division by zero"),
        ("age(a)", {"a": "1990-01-01"}, "must be a date, not text"),
        ("add_days(today, a)", {"a": 10**12}, "out of the calendar"),
        ("add_months(today, a)", {"a": 10**9}, "out of the calendar"),
        ("min([])", {}, "min of an empty list"),
        ("a in 3", {"a": 3}, "cannot test number 'in' number"),
        ("1 if a else 2", {"a": 5}, "condition of 'if' needs true/false"),
    ],
)
def test_run_time_type_problems_raise_expr_error(
    source: str, answers: dict[str, object], message: str
) -> None:
    expr = compile_expression(source, location=Location("rules/x.yaml", 7, 12))
    with pytest.raises(ExprError, match=message) as info:
        expr.evaluate(answers, TODAY)
    assert info.value.file == "rules/x.yaml" and info.value.line == 7


@pytest.mark.parametrize(
    ("source", "message", "col"),
    [
        ("a.b", "attribute access", 10),
        ("x[0]", "indexing", 10),
        ("lambda: 1", "lambda", 10),
        ("__import__('os')", "unknown function", 10),
        ("open('f')", "unknown function", 10),
        ("len(1, 2)", "takes 1 argument", 10),
        ("count()", "takes 1 to 2", 10),
        ("len(x=1)", "keyword", 16),
        ("{1: 2}", "dictionary", 10),
        ("a is None", "'is'", 10),
        ("a ** 2", "operator", 10),
        ("f'{a}'", "f-string", 10),
        ("1 == relase_date", "unknown name", 15),
        ('date("2025-02-30")', "not a real date", 15),
        ("a ==", "cannot read", 14),
        ("param(3)", "needs a name", 16),
        ("score(bdi)", "unknown instrument", 16),
        ("[x for x in y]", "comprehension", 10),
        ("1j", "complex literal", 10),
    ],
)
def test_compile_errors_name_location_and_token(source: str, message: str, col: int) -> None:
    with pytest.raises(ExprError, match=message) as info:
        compile_expression(
            source,
            known_names=frozenset({"a", "x", "y", "release_date"}),
            known_instruments=frozenset({"phq9"}),
            location=Location("forms/intake.yaml", 3, 10),
        )
    err = info.value
    assert (err.file, err.line, err.col) == ("forms/intake.yaml", 3, col)
    assert str(err).startswith(f"forms/intake.yaml:3:{col}: ")


def test_error_on_second_line_of_text_counts_lines() -> None:
    with pytest.raises(ExprError) as info:
        compile_expression("(a ==\n  b.c)", location=Location("f.yaml", 5, 9))
    assert (info.value.line, info.value.col) == (6, 3)


def test_deep_nesting_is_an_expr_error() -> None:
    with pytest.raises(ExprError, match="nested"):
        compile_expression("-(" * 100 + "1" + ")" * 100)
    with pytest.raises(ExprError):
        compile_expression("not " * 300 + "true")


def test_non_text_source_is_an_expr_error() -> None:
    with pytest.raises(ExprError, match="must be text"):
        compile_expression(True)  # type: ignore[arg-type]


def test_unknown_answer_from_a_computed_field_keeps_its_reasons() -> None:
    result = ev("age_years >= 18 and answered(age_years)", {"age_years": unknown({"dob"})})
    assert result.value is False
    assert ev("age_years >= 18", {"age_years": unknown({"dob"})}).missing == {"dob"}


@pytest.mark.parametrize("source", ["1and x", "3if a else 2", "0x1for"])
def test_text_python_only_warns_about_is_refused(source: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning escapes either
        with pytest.raises(ExprError, match="cannot read the expression"):
            compile_expression(source)

"""Specialising expressions to a day (parameters and `today` folded) changes no result."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from screener.expr import Expression, compile_expression
from screener.rules.specialize import specialize
from tests.unit.test_rules_properties import SETTINGS, answers, days, setup


def _rule_expressions() -> list[tuple[Expression, str]]:
    out: list[tuple[Expression, str]] = []
    for track in setup().rules.tracks:
        for program in track.programs:
            exprs = [p.when for p in program.priority_if]
            for crit in program.eligible_if.walk():
                exprs += [e for e in (crit.when, crit.unknown_when) if e is not None]
            out += [(e, track.id) for e in exprs]
    return out


def test_folding_turns_parameters_and_date_arithmetic_into_literals() -> None:
    expr = compile_expression("release_date >= add_months(today, -months) and x in kinds",
                              known_params=frozenset({"months", "kinds"}))
    folded = specialize(expr, date(2026, 11, 25), {"months": 12, "kinds": ("a", "b")})
    assert folded.source == "release_date >= date('2025-11-25') and x in ['a', 'b']"
    assert folded.params == frozenset()


def test_a_function_named_like_a_parameter_stays_a_function() -> None:
    expr = compile_expression("lower(first_name) == lower", known_params=frozenset({"lower"}))
    folded = specialize(expr, date(2026, 1, 1), {"lower": "ana"})
    assert folded.source == "lower(first_name) == 'ana'"


def test_age_limits_become_birth_date_limits() -> None:
    expr = compile_expression("age(dob) >= min_age", known_params=frozenset({"min_age"}))
    folded = specialize(expr, date(2026, 2, 28), {"min_age": 18})
    assert folded.source == "dob <= date('2008-02-29')"  # dateutil: 18 on Feb 28 of 2026


@SETTINGS
@given(answers(), days, st.data())
def test_specialised_rule_expressions_give_the_same_results(
    a: dict[str, object], today: date, data: st.DataObject
) -> None:
    s = setup()
    tracks = {t.id: t for t in s.rules.tracks}
    inputs = s.forms.inputs(a, today)
    for expr, track_id in data.draw(st.lists(st.sampled_from(_rule_expressions()),
                                             min_size=5, max_size=25)):
        params = tracks[track_id].params_on(today)
        plain = expr.evaluate(inputs.answers, today, params, inputs.scores)
        folded = specialize(expr, today, params).evaluate(inputs.answers, today, {},
                                                          inputs.scores)
        assert (folded.value, folded.missing) == (plain.value, plain.missing), expr.source


leap_days = st.sampled_from([date(2000, 2, 29), date(2008, 2, 29), date(2012, 2, 29),
                             date(2024, 2, 29), date(2028, 2, 29)])
any_day = st.one_of(st.dates(date(1900, 1, 1), date(2100, 12, 31)), leap_days)


@SETTINGS
@given(any_day, any_day, st.integers(0, 120), st.sampled_from([">=", ">", "<", "<="]),
       st.booleans())
def test_age_comparisons_rewritten_as_birth_date_limits_agree(
    born: date, today: date, years: int, op: str, fixed_end: bool
) -> None:
    source = (f"years_between(dob, date('{today.isoformat()}')) {op} {years}" if fixed_end
              else f"age(dob) {op} {years}")
    expr = compile_expression(source)
    folded = specialize(expr, today, {})
    assert "age(" not in folded.source and "years_between" not in folded.source
    answers = {"dob": born}
    assert folded.evaluate(answers, today).value == expr.evaluate(answers, today).value
    assert folded.evaluate({}, today).missing == expr.evaluate({}, today).missing

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
    expr = compile_expression("age(dob) >= age", known_params=frozenset({"age"}))
    assert specialize(expr, date(2026, 1, 1), {"age": 18}).source == "age(dob) >= 18"


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

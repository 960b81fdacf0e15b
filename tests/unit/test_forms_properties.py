"""Property tests: any input to any question parses or raises InvalidAnswer; evaluating the
real forms on arbitrary answers never raises and never drops an answer."""

from __future__ import annotations

from datetime import date
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.forms import Form, FormCatalog, InvalidAnswer

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(), st.text(max_size=12),
    st.dates(), st.binary(max_size=12),
    st.sampled_from(["2025-02-30", "1990-01-01", "yes", "no", "2", "none", "(213) 555-0142"]),
)
raw_values = st.one_of(
    scalars, st.lists(scalars, max_size=3), st.dictionaries(st.text(max_size=6), scalars, max_size=3)
)


@cache
def intake() -> Form:
    return FormCatalog.load().form("intake")


FIELDS = sorted(intake().field_ids())


@SETTINGS
@given(st.sampled_from(FIELDS), raw_values)
def test_parse_answer_raises_only_invalid_answer(field_id: str, raw: object) -> None:
    try:
        value = intake().parse_answer(field_id, raw)
    except InvalidAnswer as exc:
        assert exc.field_id == field_id
        return
    if value is not None:  # parsing is idempotent: a stored value parses to itself
        assert intake().parse_answer(field_id, value) == value


@SETTINGS
@given(st.dictionaries(st.sampled_from(FIELDS + ["retired_question"]), raw_values, max_size=12),
       st.dates(date(2000, 1, 1), date(2100, 1, 1)))
def test_evaluate_never_raises_and_keeps_every_answer(answers: dict[str, object], today: date) -> None:
    state = intake().evaluate(answers, today)
    accounted = (
        set(state.not_on_form)
        | {i.field_id for i in state.answer_problems}
        | {k for k in answers if k in intake().field_ids()}
    )
    assert set(answers) <= accounted
    assert state.expression_errors == (), state.expression_errors

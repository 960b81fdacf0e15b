"""Properties of evaluation over generated answers (hypothesis).

Answers are generated from the real intake form: every field a rule reads and every
instrument item, each with a value of its question's type, any subset of them answered.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.forms import QuestionType
from screener.rules import Outcome, Screening
from screener.services import ScreeningSetup, load_setup, screen_parsed

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@functools.cache
def setup() -> ScreeningSetup:
    return load_setup()


def _rule_fields(s: ScreeningSetup) -> set[str]:
    names: set[str] = set()
    for track in s.rules.tracks:
        for program in track.programs:
            exprs = [p.when for p in program.priority_if]
            for crit in program.eligible_if.walk():
                exprs += [e for e in (crit.when, crit.unknown_when) if e is not None]
            for e in exprs:
                names |= e.names
    for items in s.instrument_items.values():
        names |= items
    return names


def _strategy(field_id: str, s: ScreeningSetup) -> st.SearchStrategy[object] | None:
    q = s.forms.question(field_id)
    values = [c.value for c in q.choices]
    if q.type is QuestionType.DATE:
        low = date(1930, 1, 1) if field_id == "dob" else date(2015, 1, 1)
        high = date(2015, 12, 31) if field_id == "dob" else date(2028, 12, 31)
        return st.dates(low, high)
    if q.type is QuestionType.YESNO:
        return st.booleans()
    if q.type is QuestionType.CHOICE:
        return st.sampled_from(values)
    if q.type is QuestionType.MULTICHOICE:
        return st.lists(st.sampled_from(values), min_size=1, max_size=4, unique=True)
    if q.type is QuestionType.INTEGER:
        return st.integers(0, 12)
    if q.type is QuestionType.DECIMAL:
        return st.one_of(st.just(0.0), st.floats(0, 6000, allow_nan=False))
    return None


@functools.cache
def _answer_strategies() -> dict[str, st.SearchStrategy[object]]:
    s = setup()
    found = {f: _strategy(f, s) for f in sorted(_rule_fields(s))}
    return {f: strat for f, strat in found.items() if strat is not None}


def answers() -> st.SearchStrategy[dict[str, object]]:
    return st.fixed_dictionaries({}, optional=_answer_strategies())  # type: ignore[arg-type]


days = st.dates(date(2024, 1, 1), date(2028, 12, 31))


def screen(a: Mapping[str, object], today: date) -> Screening:
    return screen_parsed(a, today, setup())


@SETTINGS
@given(answers(), days)
def test_evaluation_is_deterministic_never_raises_and_round_trips(
    a: dict[str, object], today: date
) -> None:
    first = screen(a, today)
    again = screen(dict(a), today)
    assert first == again
    assert len(first.determinations) == sum(len(t.programs) for t in setup().rules.tracks)
    data = json.loads(json.dumps(first.to_json()))
    assert Screening.from_json(data) == first
    for d in first.determinations:  # "needs information" always names what to ask
        if d.outcome is Outcome.NEEDS_INFORMATION:
            assert d.missing and all(m.form_id is not None for m in d.missing)


@SETTINGS
@given(answers(), days)
def test_fast_outcomes_match_full_determinations(a: dict[str, object], today: date) -> None:
    s = setup()
    inputs = s.forms.inputs(a, today)
    full = screen(a, today)
    fast = s.rules.outcomes(inputs.answers, today, _scores(a, inputs.scores))
    assert fast == full.outcomes()


def _scores(a: Mapping[str, object], scores: Mapping[str, object]) -> dict[str, object]:
    from screener.expr import unknown

    out = dict(scores)
    for inst, items in setup().instrument_items.items():
        if not any(i in a for i in items):
            out[inst] = unknown((inst,))
    return out


@settings(SETTINGS, max_examples=150)
@given(answers(), st.data(), days)
def test_answering_more_never_turns_eligible_into_needs_information(
    full: dict[str, object], data: st.DataObject, today: date
) -> None:
    keep = data.draw(st.sets(st.sampled_from(sorted(full)) if full else st.nothing()))
    partial = {k: v for k, v in full.items() if k in keep}
    before = screen(partial, today).outcomes()
    after = screen(full, today).outcomes()
    for program, outcome in before.items():
        if outcome is Outcome.ELIGIBLE:
            assert after[program] is not Outcome.NEEDS_INFORMATION, (program, partial, full)


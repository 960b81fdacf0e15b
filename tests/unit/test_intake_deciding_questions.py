"""Issue 15: the intake asks what decides each program, once, and in order (nothing depends
on a question asked later)."""

from __future__ import annotations

from datetime import date
from functools import cache

from screener.forms import Form, FormCatalog

TODAY = date(2026, 11, 25)


@cache
def intake() -> Form:
    return FormCatalog.load().form("intake")


def visible(answers: dict[str, object]) -> frozenset[str]:
    return frozenset(intake().evaluate(answers, TODAY).visible_fields)


def test_skip_logic_never_reads_a_later_question() -> None:
    order = [q.id for q in intake().questions()]
    position = {field: i for i, field in enumerate(order)}
    later: list[str] = []
    for q in intake().questions():
        for expr in (q.visible_if, q.required_if):
            if expr is None:
                continue
            for name in expr.names:
                if name in position and position[name] > position[q.id]:
                    later.append(f"{q.id} reads {name}")
    assert later == []


def test_in_custody_asks_awaiting_trial_or_serving_a_sentence() -> None:
    assert "custody_status" in visible({"in_custody": True})
    assert "custody_status" not in visible({"in_custody": False})
    assert "held_in_la_county_jail" in visible(
        {"in_custody": True, "release_facility_type": "county_jail"})
    assert "held_in_la_county_jail" not in visible(
        {"in_custody": True, "release_facility_type": "state_prison"})


def test_jail_tonight_asks_where_they_will_sleep_on_release() -> None:
    assert "housing_on_release" in visible({"housing_status": "institution"})
    assert "housing_on_release" not in visible({"housing_status": "unsheltered"})


def test_immigration_status_is_asked_of_non_citizens_only() -> None:
    assert "immigration_status" in visible({"us_citizen": False})
    assert "immigration_status" not in visible({"us_citizen": True})


def test_citizenship_is_asked_before_the_medi_cal_questions_that_use_it() -> None:
    order = [q.id for q in intake().questions()]
    assert order.index("us_citizen") < order.index("immigration_status") \
        < order.index("health_coverage")


def test_reunification_goal_is_asked_without_minor_children() -> None:
    assert "family_reunification_goal" in visible({"children_under_18": 0})


def test_a_violation_alleged_and_a_revocation_are_separate_answers() -> None:
    shown = visible({"supervision_type": "parole_state"})
    assert {"supervision_violation_pending", "supervision_revoked"} <= shown


def test_a_substance_use_disorder_diagnosis_is_asked_after_past_year_use() -> None:
    assert "sud_diagnosis" in visible({"substance_use_past_year": True})
    assert "sud_diagnosis" not in visible({"substance_use_past_year": False})


def test_new_questions_are_bilingual() -> None:
    for field in ("custody_status", "held_in_la_county_jail", "housing_on_release",
                  "immigration_status", "supervision_revoked", "sud_diagnosis"):
        question = intake().question(field)
        assert question.label.es, field
        for choice in question.choices or ():
            assert choice.label.es, (field, choice.value)

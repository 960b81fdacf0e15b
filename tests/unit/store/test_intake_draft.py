"""Answers read once: what is entered is parsed when it is saved, stored as typed JSON, and read
back (by the draft's form state and by eligibility) without being parsed again."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener import services
from screener.domain import ClientIdentity
from screener.errors import ReasonRequired
from screener.forms import InvalidAnswer, Question
from screener.services import answering, stored_answers
from screener.services.intake_draft import IntakeDraft
from screener.services.screening import load_setup
from tests.unit.store.conftest import answer_required


@pytest.fixture
def intake(worker: services.Session) -> services.Intake:
    client = services.create_client(worker, ClientIdentity("Lee", "Chan"))
    return services.start_intake(worker, client.id, "intake", 3)


def _counting(monkeypatch: pytest.MonkeyPatch, module: Any) -> list[str]:
    """Count the calls of `module.parse_answer` (by question id)."""
    calls: list[str] = []
    real: Callable[[Question, object], object] = module.parse_answer

    def parse(question: Question, raw: object) -> object:
        calls.append(question.id)
        return real(question, raw)

    monkeypatch.setattr(module, "parse_answer", parse)
    return calls


def _never(monkeypatch: pytest.MonkeyPatch, module: Any) -> None:
    def parse(question: Question, raw: object) -> object:
        raise AssertionError(f"{question.id} was parsed again")

    monkeypatch.setattr(module, "parse_answer", parse)


def test_an_answer_is_parsed_once_and_comes_back_typed_with_the_form_state(
    worker: services.Session, intake: services.Intake, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counting(monkeypatch, answering)
    _never(monkeypatch, stored_answers)
    saved = services.save_answer(worker, intake.id, "dob", "01/15/1990")
    assert calls == ["dob"]
    assert saved.typed == date(1990, 1, 15) and saved.value == "1990-01-15" and saved.changed
    assert saved.state.computed["age_years"] == 36  # today is 2026-11-25 (the fixed clock)
    saved = services.save_answer(worker, intake.id, "in_custody", "yes")
    assert calls == ["dob", "in_custody"] and saved.typed is True
    assert "expected_release_date" in saved.state.visible_fields
    assert "release_date" not in saved.state.visible_fields


def test_stored_answers_are_typed_json_that_eligibility_reads_without_parsing(
    worker: services.Session, intake: services.Intake, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.save_answer(worker, intake.id, "dob", "7/4/1985")
    services.save_answer(worker, intake.id, "in_custody", "no")
    services.save_answer(worker, intake.id, "release_date", "11/01/2026")
    services.save_answer(worker, intake.id, "children", [{"child_age": "3"}])
    stored = dict(services.answer_values(worker, intake.id))
    assert stored == {"dob": "1985-07-04", "in_custody": False, "release_date": "2026-11-01",
                      "children": [{"child_age": 3}]}
    _never(monkeypatch, stored_answers)
    typed = stored_answers.typed_answers(stored, worker.setup.forms)
    assert typed == {"dob": date(1985, 7, 4), "in_custody": False,
                     "release_date": date(2026, 11, 1), "children": [{"child_age": 3}]}
    screening = services.screen_intake(worker, intake.id)  # reads the stored answers typed
    assert screening.determinations


def test_a_value_stored_in_another_shape_is_still_read(
    worker: services.Session, intake: services.Intake, clock: Any
) -> None:
    # Saved before answers were parsed once: a date as it was typed.
    worker.repos.answers.save(intake.id, "dob", "07/04/1985", None, "ana", clock.now())
    typed = stored_answers.typed_answers(services.answer_values(worker, intake.id),
                                         worker.setup.forms)
    assert typed == {"dob": date(1985, 7, 4)}


_FORMS = load_setup().forms
_TYPED = st.one_of(
    st.tuples(st.just("dob"), st.dates(date(1900, 1, 1), date(2100, 12, 31))),
    st.tuples(st.just("in_custody"), st.booleans()),
    st.tuples(st.just("income_monthly"),
              st.floats(0, 1e9, allow_nan=False, allow_infinity=False)),
    st.tuples(st.just("children"), st.lists(st.fixed_dictionaries(
        {}, optional={"child_age": st.integers(0, 30),
                      "child_first_name": st.text("abc ", min_size=1).map(str.strip)
                      .filter(bool)}), max_size=3)),
)


@given(_TYPED)
def test_typed_answers_round_trip_through_their_stored_json(pair: tuple[str, object]) -> None:
    field_id, value = pair
    question = _FORMS.question(field_id)
    text = json.dumps(stored_answers.stored_json(value))
    assert stored_answers.typed_value(question, json.loads(text)) == value


def test_the_draft_sends_what_was_entered_and_shows_what_comes_back(
    worker: services.Session, intake: services.Intake
) -> None:
    draft = IntakeDraft(worker, intake.id)
    assert "expected_release_date" not in draft.state.visible_fields
    with pytest.raises(InvalidAnswer) as refused:
        draft.save("dob", "13/45/1990")
    assert refused.value.text.es  # a bilingual message for the screen
    assert "dob" not in services.answer_values(worker, intake.id)  # nothing stored
    saved = draft.save("in_custody", "yes")
    assert draft.values["in_custody"] is True and draft.state is saved.state
    assert "expected_release_date" in draft.state.visible_fields
    assert not draft.save("in_custody", True).changed  # the same answer: nothing written
    assert len(services.answer_history(worker, intake.id, "in_custody")) == 1


def test_a_bad_entry_of_a_list_keeps_its_stored_value_and_is_reported(
    worker: services.Session, intake: services.Intake
) -> None:
    draft = IntakeDraft(worker, intake.id)
    draft.save_items("children", [{"child_first_name": "Mia", "child_age": "4"}])
    saved = draft.save_items("children", [{"child_first_name": "Mia", "child_age": "four"},
                                          {"child_age": "9"}])
    assert [(p.index, p.field_id) for p in saved.problems] == [(0, "child_age")]
    assert saved.value == [{"child_first_name": "Mia", "child_age": 4}, {"child_age": 9}]
    assert draft.values["children"] == saved.value


def test_a_change_to_a_completed_intake_asks_why_before_anything_is_stored(
    worker: services.Session, intake: services.Intake
) -> None:
    answer_required(worker, intake.id)
    services.save_answer(worker, intake.id, "housing_status", "unsheltered")
    services.complete_intake(worker, intake.id)
    draft = IntakeDraft(worker, intake.id)
    assert draft.complete
    with pytest.raises(ReasonRequired):
        draft.save("housing_status", "rent_own")
    assert draft.values["housing_status"] == "unsheltered"
    draft.save("housing_status", "rent_own", reason="lease signed")
    history = services.answer_history(worker, intake.id, "housing_status")
    assert [(v.value, v.reason) for v in history] == [
        ("unsheltered", None), ("rent_own", "lease signed")]


def test_the_session_holds_its_forms_and_rules_until_it_reloads_them(
    worker: services.Session,
) -> None:
    setup = worker.setup
    assert worker.setup is setup  # loaded once for the session
    assert worker.reload_setup() is worker.setup

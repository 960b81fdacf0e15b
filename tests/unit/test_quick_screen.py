"""The quick screen: the next question settles the most undecided programs; it stops when
every program is decided; its outcomes are the full intake's."""

from __future__ import annotations

from datetime import date

import pytest

from screener.demo.people import PersonFactory
from screener.rules import Outcome
from screener.services import load_setup
from screener.services.quick_screen import quick_step
from screener.services.screening import ScreeningSetup, screen_parsed

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def setup() -> ScreeningSetup:
    return load_setup()


def test_first_question_is_the_one_most_programs_wait_for(setup: ScreeningSetup) -> None:
    form = setup.forms.form("intake")
    step = quick_step(setup, form, {}, TODAY)
    assert step.next_field is not None
    waiting = [d for d in step.screening.determinations
               if d.outcome is Outcome.NEEDS_INFORMATION]
    counts = {f: sum(any(m.field_id == f for m in d.missing) for d in waiting)
              for d in waiting for f in (m.field_id for m in d.missing)
              if f in form.field_ids()}
    assert len(step.settles) >= max(counts.values()) > 0
    assert all(t.undecided for t in step.tracks)


def test_skipped_questions_are_not_asked_again(setup: ScreeningSetup) -> None:
    form = setup.forms.form("intake")
    first = quick_step(setup, form, {}, TODAY).next_field
    assert first is not None
    assert quick_step(setup, form, {}, TODAY, skipped={first}).next_field != first


@pytest.mark.parametrize("seed", range(8))
def test_quick_screen_decides_what_the_full_intake_decides_with_fewer_questions(
        setup: ScreeningSetup, seed: int) -> None:
    form = setup.forms.form("intake")
    person = PersonFactory(seed, TODAY).person()
    full = {k: v for k, v in form.parse_answers(
        {k: v for k, v in person.answers.items() if k in form.field_ids()}).items()
        if v is not None}
    asked: dict[str, object] = {}
    skipped: set[str] = set()
    for _ in range(200):
        step = quick_step(setup, form, asked, TODAY, skipped)
        if step.done:
            break
        assert step.next_field not in asked and step.next_field not in skipped
        if step.next_field in full:
            asked[step.next_field] = full[step.next_field]
        else:
            skipped.add(step.next_field)
    assert step.done
    assert step.screening.outcomes() == screen_parsed(full, TODAY, setup).outcomes()
    assert len(asked) + len(skipped) < len(full)

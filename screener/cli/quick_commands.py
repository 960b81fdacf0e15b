"""`screener intake start CLIENT --quick`: the quick screen at the terminal.

Asks, one by one, only the questions that can still change a program's outcome (see
`services.quick_screen`), showing after each answer how many programs of each track are
decided. A blank line skips a question; `.` stops (the draft is kept, every answer saved).
Choices are picked by number or value; yes/no as y/n (s/n in Spanish). Dates as MM/DD/YYYY.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from screener.errors import AnswerError
from screener.rules import Outcome
from screener.services import Session, save_answer
from screener.services.intakes import get_intake
from screener.services.quick_screen import QuickStep, quick_screen_step

if TYPE_CHECKING:
    from screener.forms import Question

_YES = {"y", "yes", "s", "si", "sí", "true"}
_NO = {"n", "no", "false"}
_SKIP = {"en": "(blank: skip · '.': stop)", "es": "(vacío: saltar · '.': parar)"}


def run_quick_screen(session: Session, intake_id: str, lang: str,
                     read: Callable[[str], str | None] | None = None) -> int:
    """Ask until every program is decided (or the person stops); print the outcome."""
    read = read or _read_line
    forms = session.setup.forms
    form = forms.form(get_intake(session, intake_id).form_id)
    skipped: set[str] = set()
    asked = 0
    step = quick_screen_step(session, intake_id)
    while not step.done:
        assert step.next_field is not None
        question = form.question(step.next_field)
        print(f"\n{question.label.get(lang)}  {_SKIP[lang]}")
        for n, choice in enumerate(question.choices, 1):
            print(f"  {n}. {choice.label.get(lang)}")
        line = read("> ")
        if line is None or line.strip() == ".":
            print(f"Stopped after {asked} question(s); the draft {intake_id} keeps every answer.")
            return 0
        raw = line.strip()
        if not raw:
            skipped.add(question.id)
        else:
            try:
                save_answer(session, intake_id, question.id, _value(question, raw))
            except AnswerError as exc:
                print(f"Not saved: {exc}")
                continue
        asked += 1
        step = quick_screen_step(session, intake_id, skipped)
        print(_tracks(step))
    if step.undecided:
        print(f"\nNothing left to ask after {asked} question(s): the rest waits for the "
              "questions skipped.")
    else:
        print(f"\nEvery track is decided after {asked} question(s).")
    _summary(step, lang)
    return 0


def _read_line(prompt: str) -> str | None:
    print(prompt, end="", flush=True)
    line = sys.stdin.readline()
    return line if line else None


def _value(question: Question, raw: str) -> object:
    kind = question.type.value
    if kind == "yesno":
        low = raw.lower()
        return True if low in _YES else False if low in _NO else raw
    if question.choices and kind == "multichoice":
        return [_choice(question, part.strip()) for part in raw.split(",") if part.strip()]
    if question.choices:
        return _choice(question, raw)
    return raw


def _choice(question: Question, raw: str) -> object:
    if raw.isdigit() and 1 <= int(raw) <= len(question.choices):
        return question.choices[int(raw) - 1].value
    return raw


def _tracks(step: QuickStep) -> str:
    parts = []
    for t in step.tracks:
        sign = "✓" if t.eligible else ("✗" if t.decided else "?")
        parts.append(f"{sign} {t.track_id} {t.eligible + t.not_eligible}/"
                     f"{t.eligible + t.not_eligible + t.undecided}")
    return "  decided: " + "  ".join(parts)


def _summary(step: QuickStep, lang: str) -> None:
    for d in step.screening.determinations:
        if d.outcome is Outcome.ELIGIBLE:
            print(f"  eligible       {d.title.get(lang)}")
    left = [d.title.get(lang) for d in step.screening.determinations
            if d.outcome is Outcome.NEEDS_INFORMATION]
    if left:
        print("  still open (questions skipped): " + ", ".join(left))

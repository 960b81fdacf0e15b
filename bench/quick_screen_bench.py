"""Quick screen vs full intake on the demo population: questions asked to decide every track.

Run: PYTHONPATH=. python bench/quick_screen_bench.py [--people N]
For each synthetic person (the demo generator's answers stand for what the person would say),
the quick screen (`services.quick_screen`) asks its next question until it stops; an answer
the person would not give counts as asked and skipped. The full intake's count is every
question its form shows for that person's answers (instrument items one by one, a repeat
group once). Prints the median and 90th percentile of both, their ratio (goal: quick ≤ 40 %
of the full intake), and every program whose quick outcome differs from the full intake's
once both are complete (goal: none).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Row, emit, percentile

from screener.demo.people import PersonFactory
from screener.forms import Form, QuestionType
from screener.rules import Outcome
from screener.services import load_setup
from screener.services.quick_screen import quick_step
from screener.services.screening import screen_parsed

TODAY = date(2026, 11, 25)


def full_questions(form: Form, answers: dict[str, object]) -> int:
    """How many questions the full intake shows for these answers."""
    state = form.evaluate(answers, TODAY)
    shown = 0
    for q in form.questions():
        if q.id not in state.visible_fields or q.group_id is not None:
            continue
        if q.type is QuestionType.GROUP and not q.repeat:
            continue
        if q.type.takes_answer and q.compute is None:
            shown += 1
    return shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    setup = load_setup()
    form = setup.forms.form("intake")
    people = PersonFactory(args.seed, TODAY)
    quick_counts: list[int] = []
    full_counts: list[int] = []
    differ: dict[str, int] = {}
    undecided_left = 0
    for _ in range(args.people):
        person = people.person()
        full = {k: v for k, v in form.parse_answers(
            {k: v for k, v in person.answers.items() if k in form.field_ids()}).items()
            if v is not None}
        full_counts.append(full_questions(form, full))
        asked: dict[str, object] = {}
        skipped: set[str] = set()
        while True:
            step = quick_step(setup, form, asked, TODAY, skipped)
            if step.next_field is None:
                break
            if step.next_field in full:
                asked[step.next_field] = full[step.next_field]
            else:
                skipped.add(step.next_field)
        quick_counts.append(len(asked) + len(skipped))
        final = screen_parsed(full, TODAY, setup).outcomes()
        for program, outcome in step.screening.outcomes().items():
            if outcome is Outcome.NEEDS_INFORMATION:
                undecided_left += final[program] is not Outcome.NEEDS_INFORMATION
            elif outcome is not final[program]:
                differ[program] = differ.get(program, 0) + 1
    q_med, f_med = statistics.median(quick_counts), statistics.median(full_counts)
    q_p90, f_p90 = percentile(quick_counts, 90), percentile(full_counts, 90)
    ratio = q_med / f_med
    print(f"people: {args.people}; programs: {len(step.screening.determinations)}")
    print(f"{'questions, quick screen (median / p90)':<44}{q_med:>6.1f} / {q_p90:.0f}")
    print(f"{'questions, full intake (median / p90)':<44}{f_med:>6.1f} / {f_p90:.0f}")
    print(f"{'ratio quick / full (median)':<44}{ratio:>8.2f}   (goal <= 0.40)")
    print(f"programs left undecided by the quick screen (answers skipped) but decided by "
          f"the full intake: {undecided_left}")
    print(f"outcomes that differ from the full intake's: {sum(differ.values())} {differ or ''}")
    if args.json:
        emit([Row("quick screen: questions to decide every track (median)", q_med,
                  "questions", f_med, "≤ 40 % of the full intake, no outcome differs",
                  ratio <= 0.40 and not differ,
                  f"p90 {q_p90:.0f} vs {f_p90:.0f}; {args.people} demo people; outcomes "
                  f"differing from the full intake: {sum(differ.values())}")])


if __name__ == "__main__":
    main()

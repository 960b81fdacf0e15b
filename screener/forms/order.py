"""The order in which computed fields and instrument scores are worked out; cycles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from screener.expr import Expression
from screener.forms.model import Instrument, Question


@dataclass(frozen=True)
class Cycle:
    """Computed values that depend on each other in a loop (names in loop order)."""

    path: tuple[str, ...]
    at: Question | Instrument


Step = Question | Instrument


def _key(step: Step) -> str:
    return f"score({step.id})" if isinstance(step, Instrument) else step.id


def _expressions(step: Step) -> list[Expression]:
    if isinstance(step, Question):
        return [step.compute] if step.compute is not None else []
    return [step.scoring.score] + [f.when for f in step.scoring.flags]


def _dependencies(step: Step, by_key: dict[str, Step]) -> list[str]:
    deps: list[str] = []
    for i, expr in enumerate(_expressions(step)):
        deps += [n for n in sorted(expr.names) if n in by_key]
        for inst in sorted(expr.instruments):
            # an instrument's flags may read its own score: it is computed first
            own_flag = isinstance(step, Instrument) and inst == step.id and i > 0
            if f"score({inst})" in by_key and not own_flag:
                deps.append(f"score({inst})")
    return deps


def evaluation_order(
    computed: Sequence[Question], instruments: Sequence[Instrument]
) -> tuple[list[Step], list[Cycle]]:
    """Computed questions and instruments, each after what it reads; plus any cycles."""
    steps: list[Step] = [*computed, *instruments]
    by_key = {_key(s): s for s in steps}
    order: list[Step] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cycles: list[Cycle] = []

    def visit(key: str, path: list[str]) -> None:
        if state.get(key) == 2:
            return
        if state.get(key) == 1:
            loop = path[path.index(key):] + [key]
            cycles.append(Cycle(tuple(loop), by_key[key]))
            return
        state[key] = 1
        for dep in _dependencies(by_key[key], by_key):
            visit(dep, [*path, key])
        state[key] = 2
        order.append(by_key[key])

    for step in steps:
        visit(_key(step), [])
    return order, cycles

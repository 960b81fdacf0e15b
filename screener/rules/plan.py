"""The rules bound to one evaluation date, compiled into closures over shared slots.

A `Plan` fixes each parameter to its value in force on the day, fills the `{parameter}`
placeholders of every text, and turns every criterion into a *slot*: a closure that computes
the criterion's value (true / false / Unknown) once per client and remembers it. Criteria that
are the same — the same `when` with the same parameter values, or a group of the same slots —
share one slot, even across programs and tracks (the "general reentry" group a file states
once with an anchor and uses in four programs is evaluated once per client).

Slots are numbered children-first, so running every slot in order evaluates the whole rule
set (the trace needs every criterion), while asking for one program's root slot evaluates only
what that program needs and stops early (`all` at the first false, `any` at the first true).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from screener.errors import RuleError
from screener.expr import Context, Expression, Unknown, unknown
from screener.expr.values import merge
from screener.rules.model import Criterion, NodeKind, Program, Track
from screener.rules.texts import fill, has_placeholders
from screener.text import Text

#: Marks a slot not yet computed for the current client.
PENDING: object = object()

Memo = list[object]
Contexts = list[Context]
SlotFn = Callable[[Contexts, Memo], object]


@dataclass(frozen=True)
class TraceNode:
    """A criterion as the trace shows it on the plan's day: its slot and filled-in text."""

    uid: int
    slot: int
    id: str | None
    text: Text | None
    kind: str
    children: tuple[TraceNode, ...]


@dataclass(frozen=True)
class BoundPriority:
    """A priority reason with its text filled in and the context it reads."""

    id: str
    text: Text
    fn: Callable[[Context], object]
    context: int


@dataclass(frozen=True)
class BoundProgram:
    """A program on the plan's day: its root slot, trace nodes and priority reasons."""

    program: Program
    track: Track
    context: int  # index of the track's Context
    root: TraceNode
    priorities: tuple[BoundPriority, ...]


class Plan:
    """Every track's criteria bound to `day` (see the module docstring)."""

    def __init__(self, tracks: tuple[Track, ...], day: date) -> None:
        self.day = day
        self.params: list[Mapping[str, object]] = [t.params_on(day) for t in tracks]
        self.fns: list[SlotFn] = []
        self._keys: dict[object, int] = {}
        self._uids = 0
        programs: list[BoundProgram] = []
        for k, track in enumerate(tracks):
            nodes: dict[int, TraceNode] = {}  # id(Criterion) → node, so aliases share
            for program in track.programs:
                root = self._node(program.eligible_if, k, nodes)
                prios = tuple(
                    BoundPriority(r.id, self._text(r.text, k) or r.text, _raw(r.when), k)
                    for r in program.priority_if
                )
                programs.append(BoundProgram(program, track, k, root, prios))
        self.programs: tuple[BoundProgram, ...] = tuple(programs)

    # -- building ------------------------------------------------------------------------

    def _text(self, text: Text | None, k: int) -> Text | None:
        if text is None or not has_placeholders(text):
            return text
        return fill(text, self.params[k])

    def _node(self, crit: Criterion, k: int, nodes: dict[int, TraceNode]) -> TraceNode:
        known = nodes.get(id(crit))
        if known is not None:
            return known
        children = tuple(self._node(c, k, nodes) for c in crit.children)
        slot = self._slot(crit, k, children)
        self._uids += 1
        node = TraceNode(self._uids, slot, crit.id, self._text(crit.text, k),
                         crit.kind.value, children)
        nodes[id(crit)] = node
        return node

    def _slot(self, crit: Criterion, k: int, children: tuple[TraceNode, ...]) -> int:
        if crit.kind is NodeKind.LEAF:
            assert crit.when is not None
            exprs = [e for e in (crit.when, crit.unknown_when) if e is not None]
            bound = tuple(sorted((p, _hashable(self.params[k][p]))
                                 for e in exprs for p in e.params))
            key: object = ("leaf", crit.when.source,
                           crit.unknown_when.source if crit.unknown_when else None, bound)
        else:
            key = (crit.kind.value, tuple(c.slot for c in children))
        slot = self._keys.get(key)
        if slot is None:
            slot = len(self.fns)
            self.fns.append(self._compile(crit, k, tuple(c.slot for c in children), slot))
            self._keys[key] = slot
        return slot

    def _compile(self, crit: Criterion, k: int, kids: tuple[int, ...], i: int) -> SlotFn:
        if crit.kind is NodeKind.LEAF:
            return _leaf(crit, k, i)
        fns = [self.fns[c] for c in kids]
        if crit.kind is NodeKind.NOT:
            return _negation(fns[0], i)
        return _group(fns, i, decisive=crit.kind is NodeKind.ANY)

    # -- running -------------------------------------------------------------------------

    def contexts(
        self, answers: Mapping[str, object], scores: Mapping[str, object]
    ) -> Contexts:
        """One Context per track for this client."""
        day = self.day
        return [Context(answers, day, p, scores) for p in self.params]

    def new_memo(self) -> Memo:
        """An empty memo for one client."""
        return [PENDING] * len(self.fns)

    def run_all(self, ctxs: Contexts, memo: Memo) -> None:
        """Compute every slot (children come before parents)."""
        for fn in self.fns:
            fn(ctxs, memo)


def _raw(expr: Expression) -> Callable[[Context], object]:
    """The compiled closure of an expression: value or Unknown, no Result wrapper."""
    fn: Callable[[Context], object] = expr._fn
    return fn


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _leaf(crit: Criterion, k: int, i: int) -> SlotFn:
    assert crit.when is not None
    when = _raw(crit.when)
    where = crit.location
    label = crit.id

    def bad(value: object) -> RuleError:
        return RuleError(f"criterion {label} must come out true or false, not {value!r}",
                         file=where.file, line=where.line, col=where.col)

    if crit.unknown_when is None:

        def leaf(ctxs: Contexts, memo: Memo) -> object:
            v = memo[i]
            if v is PENDING:
                v = when(ctxs[k])
                if v is not True and v is not False and type(v) is not Unknown:
                    raise bad(v)
                memo[i] = v
            return v

        return leaf

    guard = _raw(crit.unknown_when)
    asked = unknown(crit.unknown_when.names)

    def guarded(ctxs: Contexts, memo: Memo) -> object:
        v = memo[i]
        if v is PENDING:
            ctx = ctxs[k]
            g = guard(ctx)
            if g is True:
                v = asked
            elif g is False or type(g) is Unknown:
                v = when(ctx)
                if v is not True and v is not False and type(v) is not Unknown:
                    raise bad(v)
            else:
                raise bad(g)
            memo[i] = v
        return v

    return guarded


def _negation(inner: SlotFn, i: int) -> SlotFn:
    def negate(ctxs: Contexts, memo: Memo) -> object:
        v = memo[i]
        if v is PENDING:
            c = inner(ctxs, memo)
            v = (not c) if type(c) is bool else c
            memo[i] = v
        return v

    return negate


def _group(fns: list[SlotFn], i: int, *, decisive: bool) -> SlotFn:
    """Kleene `all` (decisive=False: stops at false) or `any` (decisive=True: at true)."""
    settled = not decisive

    def group(ctxs: Contexts, memo: Memo) -> object:
        v = memo[i]
        if v is not PENDING:
            return v
        pending: Unknown | None = None
        for fn in fns:
            c = fn(ctxs, memo)
            if c is decisive:
                memo[i] = decisive
                return decisive
            if c is not settled:
                pending = c if pending is None else merge(pending, c)  # type: ignore[assignment]
        v = settled if pending is None else pending
        memo[i] = v
        return v

    return group

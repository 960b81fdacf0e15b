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
from screener.expr import Context, Expression, Location, Unknown
from screener.expr.values import merge
from screener.rules.model import Criterion, NodeKind, Program, ProgramStatus, Track
from screener.rules.specialize import specialize
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
    leaves: tuple[int, ...]  # the slots of the leaf criteria at or below this node
    because: Text | None = None  # "qualifies because" phrase, parameters filled in


@dataclass(frozen=True)
class BoundPriority:
    """A priority reason with its text filled in and its slot."""

    id: str
    text: Text
    slot: int


@dataclass(frozen=True)
class BoundProgram:
    """A program on the plan's day: its root slot, trace nodes and priority reasons.

    `leaves` are the slots of its leaf criteria: their values decide the whole trace, so
    they key the cache of traces (see `Evaluator`).
    """

    program: Program
    track: Track
    root: TraceNode
    priorities: tuple[BoundPriority, ...]
    leaves: tuple[int, ...]
    groups: tuple[int, ...]  # the slots of its groups, children first
    status: ProgramStatus = ProgramStatus.OPEN  # in force on the plan's day
    declined: int | None = None  # the slot of `declined_if`, if the program has one

    def signature_slots(self) -> tuple[int, ...]:
        """The slots whose values decide the whole determination (leaves, priorities, declined)."""
        declined = () if self.declined is None else (self.declined,)
        return self.leaves + tuple(p.slot for p in self.priorities) + declined


class Plan:
    """Every track's criteria bound to `day` (see the module docstring)."""

    def __init__(self, tracks: tuple[Track, ...], day: date) -> None:
        self.day = day
        self.params: list[Mapping[str, object]] = [t.params_on(day) for t in tracks]
        self.fns: list[SlotFn] = []  # memoized, evaluate what they need (outcomes)
        self.full: list[SlotFn] = []  # the same, run children first: they read computed slots
        self.leaf_fns: list[SlotFn] = []  # the leaves (and priority reasons) of `full`
        self._reads_params: set[int] = set()
        self._canon = Canon()
        self._keys: dict[object, int] = {}
        self._uids = 0
        programs: list[BoundProgram] = []
        for k, track in enumerate(tracks):
            nodes: dict[int, TraceNode] = {}  # id(Criterion) → node, so aliases share
            for program in track.programs:
                root = self._node(program.eligible_if, k, nodes)
                prios = tuple(
                    BoundPriority(r.id, self._text(r.text, k) or r.text,
                                  self._leaf_slot(r.when, None, r.location, r.id, k))
                    for r in program.priority_if
                )
                groups = tuple(dict.fromkeys(n.slot for n in _post_order(root) if n.children))
                declined = (None if program.declined_if is None else
                            self._leaf_slot(program.declined_if, None, program.location,
                                            f"{program.id} declined_if", k))
                programs.append(BoundProgram(program, track, root, prios, root.leaves, groups,
                                             program.status_on(day), declined))
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
        leaves = tuple(dict.fromkeys(s for c in children for s in c.leaves)) or (slot,)
        node = TraceNode(self._uids, slot, crit.id, self._text(crit.text, k),
                         crit.kind.value, children, leaves, self._text(crit.because, k))
        nodes[id(crit)] = node
        return node

    def _slot(self, crit: Criterion, k: int, children: tuple[TraceNode, ...]) -> int:
        if crit.kind is NodeKind.LEAF:
            assert crit.when is not None
            return self._leaf_slot(crit.when, crit.unknown_when, crit.location, crit.id, k)
        kids = tuple(c.slot for c in children)
        key = (crit.kind.value, kids)
        slot = self._keys.get(key)
        if slot is None:
            slot = len(self.fns)
            fns = [self.fns[c] for c in kids]
            if crit.kind is NodeKind.NOT:
                self.fns.append(_negation(fns[0], slot))
                self.full.append(_negation(_read(kids[0]), slot))
            else:
                decisive = crit.kind is NodeKind.ANY
                self.fns.append(_group(fns, slot, decisive=decisive))
                self.full.append(_group([_read(c) for c in kids], slot, decisive=decisive))
            self._keys[key] = slot
        return slot

    def _leaf_slot(
        self, when: Expression, guard: Expression | None, where: Location,
        label: str | None, k: int,
    ) -> int:
        params = self.params[k]
        when = specialize(when, self.day, params)
        guard = specialize(guard, self.day, params) if guard is not None else None
        if when.params or (guard is not None and guard.params):
            self._reads_params.add(k)  # not folded (cannot happen today): keep its context
            key: tuple[object, ...] = ("leaf", when.source, guard.source if guard else None, k)
        else:
            k = 0  # reads no parameter: any track's context will do
            key = ("leaf", when.source, guard.source if guard else None)
        slot = self._keys.get(key)
        if slot is None:
            slot = len(self.fns)
            self.fns.append(_leaf(when, guard, where, label, k, slot, self._canon))
            self.full.append(_leaf(when, guard, where, label, k, slot, self._canon,
                                   memoized=False))
            self.leaf_fns.append(self.full[-1])
            self._keys[key] = slot
        return slot

    # -- running -------------------------------------------------------------------------

    def contexts(
        self, answers: Mapping[str, object], scores: Mapping[str, object]
    ) -> Contexts:
        """One Context per track for this client."""
        day = self.day
        first = Context(answers, day, self.params[0], scores)
        if not self._reads_params:
            return [first]
        return [first] + [Context(answers, day, self.params[k], scores)
                          if k in self._reads_params else first
                          for k in range(1, len(self.params))]

    def new_memo(self) -> Memo:
        """An empty memo for one client."""
        return [PENDING] * len(self.fns)

    def run_leaves(self, ctxs: Contexts, memo: Memo) -> None:
        """Compute every leaf criterion and priority reason (groups are left pending)."""
        for fn in self.leaf_fns:
            fn(ctxs, memo)

    def run_groups(self, program: BoundProgram, ctxs: Contexts, memo: Memo) -> None:
        """Compute a program's groups from its leaves (after `run_leaves`)."""
        full = self.full
        for slot in program.groups:
            full[slot](ctxs, memo)


def _post_order(node: TraceNode) -> list[TraceNode]:
    out: list[TraceNode] = []
    for child in node.children:
        out.extend(_post_order(child))
    out.append(node)
    return out


def _raw(expr: Expression) -> Callable[[Context], object]:
    """The compiled closure of an expression: value or Unknown, no Result wrapper."""
    fn: Callable[[Context], object] = expr._fn
    return fn


def _leaf(
    expr: Expression, guard_expr: Expression | None, where: Location, label: str | None,
    k: int, i: int, canon: Canon, memoized: bool = True,
) -> SlotFn:
    when = _raw(expr)
    guard = _raw(guard_expr) if guard_expr is not None else None
    hidden = guard_expr.names if guard_expr is not None else frozenset()

    def settle(v: object) -> object:
        """A value that is not true/false: an Unknown (made canonical) or a rule mistake."""
        if type(v) is not Unknown:
            raise RuleError(f"criterion {label} must come out true or false, not {v!r}",
                            file=where.file, line=where.line, col=where.col)
        return canon(v)

    def compute(ctx: Context) -> object:
        if guard is not None:
            g = guard(ctx)
            if g is True:  # "doesn't know": read those fields as unanswered
                answers = {f: x for f, x in ctx.answers.items() if f not in hidden}
                ctx = Context(answers, ctx.today, ctx.params, ctx.scores)
            elif g is not False:
                settle(g)
        v = when(ctx)
        return v if v is True or v is False else settle(v)

    run = compute if guard is not None else when  # no guard (the common case): no extra call

    if not memoized:  # in `full`: computed once, in order

        def store(ctxs: Contexts, memo: Memo) -> object:
            v = run(ctxs[k])
            if v is not True and v is not False and guard is None:
                v = settle(v)
            memo[i] = v
            return v

        return store

    def leaf(ctxs: Contexts, memo: Memo) -> object:
        v = memo[i]
        if v is PENDING:
            v = run(ctxs[k])
            if v is not True and v is not False and guard is None:
                v = settle(v)
            memo[i] = v
        return v

    return leaf


def _read(slot: int) -> SlotFn:
    """A slot already computed (`full` runs children first)."""
    return lambda ctxs, memo: memo[slot]


class Canon:
    """One Unknown object per set of missing fields (per plan), so that leaf values compare
    by identity and make cheap cache keys."""

    def __init__(self) -> None:
        self._known: dict[frozenset[str], Unknown] = {}

    def __call__(self, value: Unknown) -> Unknown:
        found = self._known.get(value.missing)
        if found is None:
            if len(self._known) > 100_000:  # a guard; real rule sets make a few hundred
                self._known.clear()
            found = self._known[value.missing] = value
        return found


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

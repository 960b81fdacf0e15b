"""Evaluate a client's answers on a day into a determination per program, with reasons.

Tree true → eligible, false → not eligible, unknown → needs information (with the fields,
and the questions, that would decide it). Values that repeat between clients — traces,
missing-field lists, determinations — are built once per plan and shared (they are frozen),
which is what keeps re-screening every client fast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from operator import itemgetter

from screener.expr import Unknown
from screener.rules.model import QuestionRef
from screener.rules.plan import BoundProgram, Contexts, Memo, Plan, TraceNode
from screener.rules.results import (
    CriterionTrace,
    MissingField,
    Outcome,
    PriorityReason,
    ProgramDetermination,
    Screening,
    ScreeningFlag,
    Truth,
)
from screener.text import Text

#: Cached values per plan are dropped past this many entries (a guard, not a tuning knob).
_CACHE_LIMIT = 200_000


class Evaluator:
    """Screens clients against one plan (one rule set, one day)."""

    def __init__(
        self, plan: Plan, question: Callable[[str], QuestionRef | None], rules_hash: str
    ) -> None:
        self.plan = plan
        self.question = question
        self.rules_hash = rules_hash
        self._traces: dict[object, CriterionTrace] = {}
        self._missing: dict[frozenset[str], tuple[MissingField, ...]] = {}
        self._determinations: dict[object, ProgramDetermination] = {}
        # the values of a program's deciding slots → its determination (see BoundProgram)
        self._signatures = {bp.program.id: _getter(bp.program.id, bp.signature_slots())
                            for bp in plan.programs}
        self._subtrees = {node.uid: _getter(node.uid, node.leaves)
                          for bp in plan.programs for node in _walk(bp.root)}
        self._priorities: dict[tuple[str, ...], tuple[PriorityReason, ...]] = {}  # (program, *ids)

    # -- outcomes only (fast path) ---------------------------------------------------------

    def outcomes(
        self, answers: Mapping[str, object], scores: Mapping[str, object]
    ) -> dict[str, Outcome]:
        """Program id → outcome, evaluating only what each program's tree needs."""
        plan = self.plan
        ctxs = plan.contexts(answers, scores)
        memo = plan.new_memo()
        fns = plan.fns
        out: dict[str, Outcome] = {}
        for bp in plan.programs:
            v = fns[bp.root.slot](ctxs, memo)
            out[bp.program.id] = (Outcome.ELIGIBLE if v is True else
                                  Outcome.NOT_ELIGIBLE if v is False else
                                  Outcome.NEEDS_INFORMATION)
        return out

    # -- full determinations ---------------------------------------------------------------

    def screen(
        self,
        answers: Mapping[str, object],
        scores: Mapping[str, object],
        flags: tuple[ScreeningFlag, ...] = (),
        programs: frozenset[str] | None = None,
    ) -> Screening:
        """Every program's determination (or only `programs`), with traces."""
        plan = self.plan
        ctxs = plan.contexts(answers, scores)
        memo = plan.new_memo()
        plan.run_leaves(ctxs, memo)  # groups are worked out only for a new combination
        chosen = plan.programs
        if programs is not None:
            chosen = tuple(bp for bp in chosen if bp.program.id in programs)
        if len(self._traces) > _CACHE_LIMIT or len(self._determinations) > _CACHE_LIMIT:
            self._traces.clear()
            self._determinations.clear()
            self._missing.clear()
        determinations = tuple(self._determine(bp, ctxs, memo) for bp in chosen)
        return Screening(plan.day, determinations, self.rules_hash, flags)

    def _determine(
        self, bp: BoundProgram, ctxs: Contexts, memo: Memo
    ) -> ProgramDetermination:
        signature = self._signatures[bp.program.id](memo)
        found = self._determinations.get(signature)
        if found is not None:
            return found
        self.plan.run_groups(bp, ctxs, memo)
        hits = tuple(p.id for p in bp.priorities if memo[p.slot] is True)
        trace = self._trace(bp.root, memo)
        v = memo[bp.root.slot]
        missing: tuple[MissingField, ...]
        if v is True:
            outcome, missing = Outcome.ELIGIBLE, ()
        elif v is False:
            outcome, missing = Outcome.NOT_ELIGIBLE, ()
        else:
            assert type(v) is Unknown
            outcome, missing = Outcome.NEEDS_INFORMATION, self._missing_fields(v.missing)
        priority = self._priorities.get((program_id := bp.program.id, *hits))
        if priority is None:
            by_id = {p.id: PriorityReason(p.id, p.text) for p in bp.priorities}
            priority = tuple(by_id[h] for h in hits)
            self._priorities[(program_id, *hits)] = priority
        program = bp.program
        made = ProgramDetermination(
            track_id=bp.track.id,
            program_id=program.id,
            title=program.title,
            provider=program.provider,
            outcome=outcome,
            trace=trace,
            missing=missing,
            priority=priority,
            documents=program.documents,
            rules_version=bp.track.version,
            rules_hash=self.rules_hash,
            status=bp.status,
            declined=bp.declined is not None and memo[bp.declined] is True,
        )
        self._determinations[signature] = made
        return made

    def _trace(self, node: TraceNode, memo: Memo) -> CriterionTrace:
        # A subtree's trace is decided by its leaves' values: look it up by them first.
        key = self._subtrees[node.uid](memo)
        found = self._traces.get(key)
        if found is not None:
            return found
        kids = tuple(self._trace(c, memo) for c in node.children)
        v = memo[node.slot]
        if v is True:
            status, missing = Truth.MET, ()
        elif v is False:
            status, missing = Truth.NOT_MET, ()
        else:
            status = Truth.UNKNOWN
            missing = tuple(sorted(v.missing))  # type: ignore[attr-defined]
        made = CriterionTrace(node.id, node.text, node.kind, status, missing, kids,
                              node.because)
        self._traces[key] = made
        return made

    def _missing_fields(self, names: frozenset[str]) -> tuple[MissingField, ...]:
        found = self._missing.get(names)
        if found is None:
            found = tuple(self._missing_field(n) for n in sorted(names))
            self._missing[names] = found
        return found

    def _missing_field(self, name: str) -> MissingField:
        ref = self.question(name)
        if ref is None:
            return MissingField(name, None, None, Text(name.replace("_", " ")))
        return MissingField(name, ref.form_id, ref.section_id, ref.label)


def _getter(tag: object, slots: tuple[int, ...]) -> Callable[[Memo], tuple[object, ...]]:
    """A function memo → (tag, values of `slots`...), a cache key (leaf values are bools or
    canonical Unknowns, so they hash fast and compare by identity)."""
    if not slots:
        return lambda memo: (tag,)
    pick = itemgetter(*slots)
    if len(slots) == 1:
        return lambda memo: (tag, pick(memo))
    return lambda memo: (tag, *pick(memo))


def _walk(node: TraceNode) -> list[TraceNode]:
    out = [node]
    for child in node.children:
        out.extend(_walk(child))
    return out



"""The quick screen: ask only what can still change some program's outcome.

After every answer the intake is screened again; each program that "needs information" names
the fields whose absence left it undecided (the rules' missing-field sets). The next question
is the one that appears in the most of those sets — it can settle the most undecided programs
at once — ties going to the question asked first on the form. A missing field hidden by skip
logic is reached through the unanswered questions that decide whether it is shown. The quick
screen is over when every program is decided, or when no undecided program waits for a
question that can still be asked (the rest were skipped, or are on another form).

Three-valued logic keeps a decided outcome decided as answers arrive, with one exception the
rules use on purpose: `answered(x)` ("rules out only on that answer", e.g. "not known to
receive CalFresh now"). So a question a decided program reads through `answered()` can still
change it, and is asked too — after every question that settles an undecided program. A
quick screen continued into the full intake then never changes an outcome
(`bench/quick_screen_bench.py` checks it on the demo population).
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from screener.domain import Role
from screener.forms import Form, FormState
from screener.rules import Criterion, CriterionTrace, Outcome, RuleSet, Screening, Truth
from screener.services.eligibility import intake_form
from screener.services.intakes import get_intake
from screener.services.screening import ScreeningSetup, screen_parsed
from screener.services.session import Session
from screener.services.stored_answers import typed_answers


@dataclass(frozen=True)
class TrackStatus:
    """How far one program track is decided: its programs by outcome."""

    track_id: str
    eligible: int
    not_eligible: int
    undecided: int

    @property
    def decided(self) -> bool:
        return self.undecided == 0


@dataclass(frozen=True)
class QuickStep:
    """Where a quick screen stands: the next question (None: done) and every track."""

    screening: Screening
    next_field: str | None
    #: programs the next question may settle (program ids), most useful first
    settles: tuple[str, ...]
    tracks: tuple[TrackStatus, ...]

    @property
    def undecided(self) -> tuple[str, ...]:
        """Programs still needing information."""
        return tuple(d.program_id for d in self.screening.determinations
                     if d.outcome is Outcome.NEEDS_INFORMATION)

    @property
    def done(self) -> bool:
        return self.next_field is None


def track_statuses(screening: Screening) -> tuple[TrackStatus, ...]:
    """Each track's count of eligible / not eligible / undecided programs, in rule order."""
    counts: dict[str, Counter[Outcome]] = {}
    for d in screening.determinations:
        counts.setdefault(d.track_id, Counter())[d.outcome] += 1
    return tuple(TrackStatus(track, c[Outcome.ELIGIBLE], c[Outcome.NOT_ELIGIBLE],
                             c[Outcome.NEEDS_INFORMATION]) for track, c in counts.items())


def ask_next(
    screening: Screening, rules: RuleSet, form: Form, state: FormState,
    answers: Mapping[str, object], skipped: Collection[str] = (),
) -> list[tuple[str, tuple[str, ...]]]:
    """The questions of `form` worth asking now, best first: (field id, programs it may settle
    or change).

    A field counts for every undecided program whose missing set names it (or names a field
    whose being shown depends on it), and for every program that reads it through
    `answered()` when its answer could still turn the outcome. Most undecided programs first, then most decided ones it may change, then
    form order. Answered, skipped and hidden questions are left out; an instrument missing as
    a whole is asked from its first unanswered item.
    """
    order = {q.id: i for i, q in enumerate(form.questions())}
    settles: dict[str, list[str]] = {}
    changes: dict[str, list[str]] = {}
    for d in screening.determinations:
        program = rules.program(d.program_id)
        if d.outcome is Outcome.NEEDS_INFORMATION:
            wanted = [m.field_id for m in d.missing if m.form_id in (None, form.id)]
            # A question read only through answered() (no missing set names it) may still
            # decide it: asked after every question a missing set names.
            extra = sorted(_answered_reads(program.eligible_if, answers)) if program else []
        else:
            wanted = []
            extra = sorted(_may_change(program.eligible_if, d.trace, answers)) if program else []
        for names, into in ((wanted, settles), (extra, changes)):
            fields: set[str] = set()
            for field_id in names:
                fields.update(_askable(field_id, form, state, answers, skipped, set()))
            for field in fields:
                if d.program_id not in into.get(field, ()):
                    into.setdefault(field, []).append(d.program_id)
    found = set(settles) | set(changes)
    ranked = sorted(found, key=lambda f: (-len(settles.get(f, ())), -len(changes.get(f, ())),
                                          order.get(f, len(order))))
    return [(f, tuple(dict.fromkeys([*settles.get(f, ()), *changes.get(f, ())])))
            for f in ranked]


def _may_change(criterion: Criterion, trace: CriterionTrace,
                answers: Mapping[str, object]) -> set[str]:
    """Unanswered fields that a decided tree reads through `answered(x)` and whose answer
    could still turn it: the leaf reading one, made unknown, leaves the whole tree unknown."""
    leaves: dict[str, list[CriterionTrace]] = {}
    for node, traced in _pairs(criterion, trace):
        for expr in (node.when, node.unknown_when):
            for name in _answered_in(expr.source) if expr is not None else ():
                if name not in answers:
                    leaves.setdefault(name, []).append(traced)
    return {name for name, nodes in leaves.items()
            if _truth(trace, {id(n) for n in nodes}) is Truth.UNKNOWN}


def _answered_reads(criterion: Criterion, answers: Mapping[str, object]) -> set[str]:
    """Unanswered fields a criteria tree reads through `answered(x)`."""
    return {name for node in criterion.walk() for expr in (node.when, node.unknown_when)
            if expr is not None for name in _answered_in(expr.source) if name not in answers}


def _pairs(criterion: Criterion, trace: CriterionTrace) -> list[tuple[Criterion, CriterionTrace]]:
    out = [(criterion, trace)]
    for c, t in zip(criterion.children, trace.children, strict=False):
        out += _pairs(c, t)
    return out


def _truth(node: CriterionTrace, unknown_ids: set[int]) -> Truth:
    """The tree's value (Kleene logic) with the traced nodes in `unknown_ids` made unknown."""
    if id(node) in unknown_ids:
        return Truth.UNKNOWN
    if not node.children:
        return node.status
    kids = [_truth(c, unknown_ids) for c in node.children]
    if node.kind == "not":
        return {Truth.MET: Truth.NOT_MET, Truth.NOT_MET: Truth.MET}.get(kids[0], Truth.UNKNOWN)
    decisive, other = ((Truth.NOT_MET, Truth.MET) if node.kind == "all"
                       else (Truth.MET, Truth.NOT_MET))
    if decisive in kids:
        return decisive
    return Truth.UNKNOWN if Truth.UNKNOWN in kids else other


@cache
def _answered_in(source: str) -> frozenset[str]:
    # Only parsed, never run: the expression language is Python syntax (DESIGN §3).
    names = set()
    for node in ast.walk(ast.parse(source.strip(), mode="eval")):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "answered" and node.args
                and isinstance(node.args[0], ast.Name)):
            names.add(node.args[0].id)
    return frozenset(names)


def _askable(
    field_id: str, form: Form, state: FormState, answers: Mapping[str, object],
    skipped: Collection[str], seen: set[str],
) -> list[str]:
    """The questions to ask now so that `field_id` gets an answer (itself, when shown)."""
    if field_id in seen:
        return []
    seen.add(field_id)
    section = next((s for s in form.spec.sections if s.id == field_id), None)
    if section is not None:  # an instrument missing as a whole: its first unanswered item
        items = [q for q in section.questions if q.type.takes_answer]
        return next(([q.id] for q in items if _open(q.id, state, answers, skipped)), [])
    if field_id not in form.field_ids():
        return []
    if _open(field_id, state, answers, skipped):
        return [field_id]
    if field_id in state.visible_fields or field_id in answers or field_id in skipped:
        return []
    # Hidden by skip logic: the unanswered questions its (or its section's) condition reads.
    question = form.question(field_id)
    conditions = [question.visible_if]
    conditions += [s.visible_if for s in form.spec.sections if s.id == question.section_id]
    found: list[str] = []
    for condition in conditions:
        for name in sorted(condition.names) if condition is not None else ():
            found += _askable(name, form, state, answers, skipped, seen)
    return found


def _open(field_id: str, state: FormState, answers: Mapping[str, object],
          skipped: Collection[str]) -> bool:
    return (field_id in state.visible_fields and field_id not in answers
            and field_id not in skipped)


def quick_step(
    setup: ScreeningSetup, form: Form, answers: Mapping[str, object], today: date,
    skipped: Collection[str] = (),
) -> QuickStep:
    """Screen `answers` (parsed) and pick the next question of the quick screen."""
    screening = screen_parsed(answers, today, setup)
    state = form.evaluate(answers, today)
    ranked = ask_next(screening, setup.rules, form, state, answers, skipped)
    field, settles = ranked[0] if ranked else (None, ())
    return QuickStep(screening, field, settles, track_statuses(screening))


def quick_screen_step(session: Session, intake_id: str, skipped: Collection[str] = ()) -> QuickStep:
    """The quick screen of a stored intake as it stands: its next question and every track.

    `skipped`: questions the person did not answer this time (not asked again).
    """
    session.require(Role.INTAKE, "see eligibility")
    intake = get_intake(session, intake_id)
    setup = session.setup
    form = intake_form(intake, setup)
    raw = {a.field_id: a.value for a in session.repos.answers.for_intake(intake.id)}
    return quick_step(setup, form, typed_answers(raw, setup.forms), session.clock.today(), skipped)

"""Which criteria, priority reasons and programs reveal sensitive information (DESIGN §7).

Forms say which fields are sensitive (`sensitivity:` in the YAML; instruments give theirs to
their items, scores, bands and flags; computed values inherit what they read). A criterion
reveals the kinds its expressions read; a program *rests on* a kind when a referral to it
alone would reveal that kind: its eligibility needs a criterion of that kind (every branch of
an `any`, each required part of an `all`), or its rule file lists the kind in `sensitivity:`.
"""

from __future__ import annotations

from collections.abc import Iterable

from screener.expr import Expression
from screener.forms import Diagnostic, FormCatalog, QuestionType
from screener.rules import Criterion, NodeKind, PriorityRule, Program, RuleSet

Kinds = frozenset[str]
_NONE: Kinds = frozenset()


def _expression_kinds(forms: FormCatalog, *exprs: Expression | None) -> Kinds:
    found: set[str] = set()
    for expr in exprs:
        if expr is not None:
            found |= forms.kinds_read(expr.names, expr.instruments)
    return frozenset(found)


def criterion_kinds(criterion: Criterion, forms: FormCatalog) -> Kinds:
    """The sensitive kinds a criterion (and everything below it) reads."""
    found = set(_expression_kinds(forms, criterion.when, criterion.unknown_when))
    for child in criterion.children:
        found |= criterion_kinds(child, forms)
    return frozenset(found)


def priority_kinds(rule: PriorityRule, forms: FormCatalog) -> Kinds:
    """The sensitive kinds a priority reason reads."""
    return _expression_kinds(forms, rule.when)


def _rests(node: Criterion, forms: FormCatalog) -> Kinds:
    if node.kind is NodeKind.LEAF:
        return _expression_kinds(forms, node.when, node.unknown_when)
    parts = [_rests(child, forms) for child in node.children]
    if node.kind is NodeKind.ANY and not all(parts):
        return _NONE  # a branch that reveals nothing can make the program eligible
    return frozenset().union(*parts)


def program_rests_on(program: Program, forms: FormCatalog) -> Kinds:
    """The kinds a referral to `program` reveals by itself; a packet needs consent for them."""
    return frozenset(program.sensitivity) | _rests(program.eligible_if, forms)


def sensitivity_problems(forms: FormCatalog, rules: RuleSet) -> list[Diagnostic]:
    """Fields that a rule of a sensitive program reads without a `sensitivity:` of their own.

    Such a field could be sensitive and would then print in packets without consent, so
    `screener forms check` asks for `sensitivity: mental_health | substance_use | none`.
    """
    problems: dict[str, Diagnostic] = {}
    for track in rules.tracks:
        for program in track.programs:
            if not program_rests_on(program, forms):
                continue
            exprs: list[Expression | None] = [p.when for p in program.priority_if]
            for node in program.eligible_if.walk():
                exprs += [node.when, node.unknown_when]
            for name in _names(exprs):
                if name in problems or name not in forms.field_ids():
                    continue
                q = forms.question(name)
                if q.sensitivity is None and q.instrument_id is None \
                        and q.type is not QuestionType.NOTE:
                    problems[name] = Diagnostic(
                        "error",
                        f"field {name!r} is read by the rules of {program.id!r}, a program that "
                        "rests on sensitive information, and has no 'sensitivity:' (add "
                        "mental_health, substance_use or none)",
                        q.location.file, q.location.line, q.location.col,
                    )
    return list(problems.values())


def _names(exprs: Iterable[Expression | None]) -> list[str]:
    found: dict[str, None] = {}
    for expr in exprs:
        if expr is not None:
            found.update(dict.fromkeys(sorted(expr.names)))
    return list(found)

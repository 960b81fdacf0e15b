"""Eligibility rules: load and check YAML rule files, evaluate answers with reasons, run tests.

Public API::

    from screener.rules import load_rules, catalog_from_forms, Outcome, Screening

    rules = load_rules(rules_dir, catalog_from_forms(forms), providers=..., documents=...)
    screening = rules.screen(answers, today, scores=..., flags=...)   # -> Screening
    screening.get("interim_housing").outcome                          # Outcome.ELIGIBLE
    screening.get("interim_housing").status                           # ProgramStatus.OPEN
    qualifies_because(screening.get("interim_housing"), answers)      # Text or None
    rules.outcomes(answers, today, scores)                            # fast: outcomes only
    Screening.from_json(screening.to_json()) == screening

Rule files (DESIGN §4.2) are loaded once; every problem is a RuleError at file:line:col
(`RuleErrors` lists them all). Determinations carry the rule file's version and a SHA-256 of
all rule files. See `screener.rules.results` for the result types and their JSON.
"""

from __future__ import annotations

from screener.rules.because import ChoiceLabel, qualifies_because
from screener.rules.catalog import FieldCatalog, StaticCatalog, catalog_from_forms
from screener.rules.loader import RuleErrors, RuleSet, load_rules, rule_files, rules_hash
from screener.rules.model import (
    Criterion,
    DatedValue,
    NodeKind,
    Parameter,
    PriorityRule,
    Program,
    ProgramStatus,
    QuestionRef,
    Track,
)
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
from screener.rules.testcases import (
    CaseResult,
    Expectation,
    RuleTestCase,
    read_cases,
    run_case,
)

__all__ = [
    "CaseResult",
    "ChoiceLabel",
    "Criterion",
    "CriterionTrace",
    "DatedValue",
    "Expectation",
    "FieldCatalog",
    "MissingField",
    "NodeKind",
    "Outcome",
    "Parameter",
    "PriorityReason",
    "PriorityRule",
    "Program",
    "ProgramDetermination",
    "ProgramStatus",
    "QuestionRef",
    "RuleErrors",
    "RuleSet",
    "RuleTestCase",
    "Screening",
    "ScreeningFlag",
    "StaticCatalog",
    "Track",
    "Truth",
    "catalog_from_forms",
    "load_rules",
    "qualifies_because",
    "read_cases",
    "rule_files",
    "rules_hash",
    "run_case",
]

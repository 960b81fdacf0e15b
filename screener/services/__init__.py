"""The use cases of Screener: the one API that `screener.ui` and `screener.cli` call.

Nothing here imports Qt. Functions take plain values and return frozen dataclasses.
"""

from __future__ import annotations

from screener.services.screening import (
    AnswersFile,
    RulesCheck,
    RuleTestFile,
    RuleTestReport,
    ScreeningSetup,
    check_rules,
    load_setup,
    parse_answer,
    parse_answers,
    read_answers_file,
    read_rule_cases,
    rule_test_files,
    run_rule_case,
    run_rule_tests,
    screen_answers,
    screen_parsed,
)

__all__ = [
    "AnswersFile",
    "RuleTestFile",
    "RuleTestReport",
    "RulesCheck",
    "ScreeningSetup",
    "check_rules",
    "load_setup",
    "parse_answer",
    "parse_answers",
    "read_answers_file",
    "read_rule_cases",
    "rule_test_files",
    "run_rule_case",
    "run_rule_tests",
    "screen_answers",
    "screen_parsed",
]

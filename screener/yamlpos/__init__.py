"""YAML with positions: one safe reader for forms, rule files, rule tests and answers files.

Every mapping key and value keeps its file, line and column (`Location`), so a problem is
reported as `file:line:col: what was expected`. A base module: it imports nothing of
Screener but `errors` and `text`, and both `forms` and `rules` (and `expr`, for `Location`)
build on it.

    from screener.yamlpos import load_yaml, RULE_FILES, YMap
    root = load_yaml(path, RULE_FILES)          # RuleError at file:line:col if unreadable
    checker = Checker(FORM_FILES)               # collects every problem as a Diagnostic
    title = checker.text(root.get("title"), "form title")   # {en, es}; warns without es
"""

from screener.yamlpos.checking import ID, Checker, Diagnostic
from screener.yamlpos.loading import (
    ANSWER_FILES,
    FORM_FILES,
    RULE_FILES,
    Dialect,
    load_yaml,
    parse_yaml,
)
from screener.yamlpos.nodes import Location, YMap, YNode, YScalar, YSeq, plain

__all__ = [
    "ANSWER_FILES",
    "FORM_FILES",
    "ID",
    "RULE_FILES",
    "Checker",
    "Diagnostic",
    "Dialect",
    "Location",
    "YMap",
    "YNode",
    "YScalar",
    "YSeq",
    "load_yaml",
    "parse_yaml",
    "plain",
]

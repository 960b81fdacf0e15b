"""Every case of every `rules/tests/*.yaml` file is a pytest test (as in OpenFisca).

`pytest rules/tests` (or the whole suite) collects each YAML case as an item named after the
case; a failure prints expected vs got and the program's reasons. A malformed test file is a
collection error at its file:line:col.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent


@functools.cache
def _setup() -> Any:
    from screener.services import load_setup

    return load_setup()


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.resolve().parent == HERE:
        return RuleTestFile.from_parent(parent, path=file_path)
    return None


class RuleTestFile(pytest.File):
    """A YAML rule test file."""

    def collect(self) -> Iterator[pytest.Item]:
        from screener.services import read_rule_cases

        for case in read_rule_cases(self.path):
            yield RuleCase.from_parent(self, name=case.name, case=case)


class RuleCaseFailed(Exception):
    """A YAML case whose determinations differ from what it expects."""


class RuleCase(pytest.Item):
    """One YAML case."""

    def __init__(self, *, case: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        from screener.cli.rules_report import case_lines
        from screener.services import run_rule_case

        result = run_rule_case(self.case, _setup())
        if not result.passed:
            raise RuleCaseFailed("\n".join(case_lines(result, verbose=False)))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, RuleCaseFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.case.location.line - 1, f"rule case: {self.case.name}"

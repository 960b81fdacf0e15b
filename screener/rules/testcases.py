"""YAML rule tests (`rules/tests/*.yaml`): read, run, and report like OpenFisca's runner.

A test file is a list of cases::

    - name: parolee released two months ago, unsheltered
      today: 2026-11-25
      answers: {release_date: 2026-09-20, county_of_residence: los_angeles}
      expect:
        interim_housing: eligible
        ricms: {outcome: needs_information, missing: [mental_health_diagnosis]}
        voter_registration: {outcome: eligible, priority: [not_registered]}

`missing` and `priority` (optional) must equal the determination's sets exactly; `status`
(open / planning / subject_to_funding / closed) and `declined` (true / false) are optional too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from screener.errors import RuleError, ScreenerError
from screener.rules.loader import RuleSet
from screener.rules.model import ProgramStatus
from screener.rules.results import Outcome, ProgramDetermination, Screening
from screener.yamlpos import RULE_FILES, Location, YMap, YNode, YScalar, YSeq, load_yaml

CASE_KEYS = frozenset({"name", "description", "today", "answers", "expect"})
EXPECT_KEYS = frozenset({"outcome", "missing", "priority", "status", "declined"})
_ALLOWED = ", ".join(sorted(EXPECT_KEYS))


@dataclass(frozen=True)
class Expectation:
    """What one program should come out as; None means "not checked"."""

    program_id: str
    outcome: Outcome | None
    missing: frozenset[str] | None
    priority: frozenset[str] | None
    location: Location
    status: ProgramStatus | None = None
    declined: bool | None = None


@dataclass(frozen=True)
class RuleTestCase:
    """One case: answers on a day, and what some programs should come out as."""

    name: str
    today: date
    answers: YMap
    expectations: tuple[Expectation, ...]
    location: Location


@dataclass(frozen=True)
class CaseResult:
    """A case's result: `failures` is empty when it passed; `error` when it could not run."""

    case: RuleTestCase
    failures: tuple[str, ...]
    determinations: tuple[ProgramDetermination, ...] = ()
    error: str | None = None

    @property
    def passed(self) -> bool:
        return not self.failures and self.error is None


def read_cases(path: Path, display: str | None = None) -> list[RuleTestCase]:
    """Read a test file. Raises RuleError at file:line:col for a malformed case."""
    root = load_yaml(path, RULE_FILES, display)
    if not isinstance(root, YSeq):
        raise _err(root.loc, "a rule test file is a list of cases (- name: ...)")
    return [_case(item) for item in root.items]


def _err(loc: Location, message: str) -> RuleError:
    return RuleError(message, file=loc.file, line=loc.line, col=loc.col)


def _case(node: YNode) -> RuleTestCase:
    if not isinstance(node, YMap):
        raise _err(node.loc, "a case must be a mapping with name, today, answers and expect")
    for key, _ in node.entries:
        if key.value not in CASE_KEYS:
            raise _err(key.loc, f"unknown key {key.value!s} in a case "
                                f"(allowed: {', '.join(sorted(CASE_KEYS))})")
    name = node.get("name")
    if not (isinstance(name, YScalar) and isinstance(name.value, str) and name.value.strip()):
        raise _err(node.loc, "a case needs a name")
    today = node.get("today")
    if not (isinstance(today, YScalar) and isinstance(today.value, date)):
        raise _err(today.loc if today else node.loc,
                   f"case {name.value!r}: today must be a date (YYYY-MM-DD)")
    answers = node.get("answers")
    if answers is None:
        answers = YMap((), node.loc)
    if not isinstance(answers, YMap):
        raise _err(answers.loc, f"case {name.value!r}: answers must be a mapping")
    expect = node.get("expect")
    if not isinstance(expect, YMap) or not expect.entries:
        raise _err(expect.loc if expect else node.loc,
                   f"case {name.value!r}: expect must map program ids to outcomes")
    expectations = tuple(_expectation(k, v) for k, v in expect.entries)
    return RuleTestCase(name.value, today.value, answers, expectations, node.loc)


def _expectation(key: YScalar, node: YNode) -> Expectation:
    program = str(key.value)
    if isinstance(node, YScalar):
        return Expectation(program, _outcome(node), None, None, key.loc)
    if not isinstance(node, YMap):
        raise _err(node.loc, f"{program}: expected an outcome or {{outcome, missing, priority}}")
    for k, _ in node.entries:
        if k.value not in EXPECT_KEYS:
            raise _err(k.loc, f"unknown key {k.value!s} (allowed: {_ALLOWED})")
    outcome = node.get("outcome")
    return Expectation(
        program,
        _outcome(outcome) if outcome is not None else None,
        _ids(node.get("missing"), program),
        _ids(node.get("priority"), program),
        key.loc,
        _status(node.get("status")),
        _declined(node.get("declined")),
    )


def _status(node: YNode | None) -> ProgramStatus | None:
    if node is None:
        return None
    values = ", ".join(s.value for s in ProgramStatus)
    if isinstance(node, YScalar) and isinstance(node.value, str):
        try:
            return ProgramStatus(node.value)
        except ValueError:
            pass
    raise _err(node.loc, f"status must be one of {values}")


def _declined(node: YNode | None) -> bool | None:
    if node is None:
        return None
    if isinstance(node, YScalar) and isinstance(node.value, bool):
        return node.value
    raise _err(node.loc, "declined must be true or false")


def _outcome(node: YNode) -> Outcome:
    values = ", ".join(o.value for o in Outcome)
    if isinstance(node, YScalar) and isinstance(node.value, str):
        try:
            return Outcome(node.value)
        except ValueError:
            pass
    raise _err(node.loc, f"outcome must be one of {values}")


def _ids(node: YNode | None, program: str) -> frozenset[str] | None:
    if node is None:
        return None
    if isinstance(node, YSeq) and all(
        isinstance(i, YScalar) and isinstance(i.value, str) for i in node.items
    ):
        return frozenset(str(i.value) for i in node.items if isinstance(i, YScalar))
    raise _err(node.loc, f"{program}: a list of ids is expected")


def check_case(case: RuleTestCase, rules: RuleSet) -> None:
    """RuleError if the case names a program, priority reason or field the rules lack."""
    for exp in case.expectations:
        program = rules.program(exp.program_id)
        if program is None:
            raise _err(exp.location, f"no program {exp.program_id!r} in the rule files")
        known = {p.id for p in program.priority_if}
        for pid in sorted((exp.priority or frozenset()) - known):
            raise _err(exp.location, f"{exp.program_id} has no priority reason {pid!r}")
        fields = rules.catalog.field_ids | rules.catalog.instrument_ids
        for fid in sorted((exp.missing or frozenset()) - fields):
            raise _err(exp.location, f"missing: no form defines the field {fid!r}")


#: Screens a case's answers on its day for the named programs.
ScreenCase = Callable[[RuleTestCase, frozenset[str]], Screening]


def run_case(case: RuleTestCase, rules: RuleSet, screen: ScreenCase) -> CaseResult:
    """Run one case; a bad case or bad answers give a result with `error` (not an exception)."""
    try:
        check_case(case, rules)
        wanted = frozenset(e.program_id for e in case.expectations)
        screening = screen(case, wanted)
    except ScreenerError as exc:  # bad answers, a parameter without a value, ...
        return CaseResult(case, (), error=str(exc))
    got = {d.program_id: d for d in screening.determinations}
    failures = [f for exp in case.expectations for f in _compare(exp, got[exp.program_id])]
    shown = tuple(got[e.program_id] for e in case.expectations)
    return CaseResult(case, tuple(failures), shown)


def _compare(exp: Expectation, det: ProgramDetermination) -> list[str]:
    out: list[str] = []
    if exp.outcome is not None and det.outcome is not exp.outcome:
        out.append(f"{exp.program_id}: expected {exp.outcome.value}, got {det.outcome.value}")
    if exp.missing is not None:
        got = frozenset(m.field_id for m in det.missing)
        if got != exp.missing:
            out.append(f"{exp.program_id}: expected missing {_show(exp.missing)}, "
                       f"got {_show(got)}")
    if exp.priority is not None:
        got = frozenset(p.id for p in det.priority)
        if got != exp.priority:
            out.append(f"{exp.program_id}: expected priority {_show(exp.priority)}, "
                       f"got {_show(got)}")
    if exp.status is not None and det.status is not exp.status:
        out.append(f"{exp.program_id}: expected status {exp.status.value}, "
                   f"got {det.status.value}")
    if exp.declined is not None and det.declined is not exp.declined:
        out.append(f"{exp.program_id}: expected declined {str(exp.declined).lower()}, "
                   f"got {str(det.declined).lower()}")
    return out


def _show(ids: frozenset[str]) -> str:
    return "[" + ", ".join(sorted(ids)) + "]"


def summary(results: Mapping[str, list[CaseResult]]) -> tuple[int, int]:
    """(passed, failed) over every file's results."""
    passed = sum(r.passed for rs in results.values() for r in rs)
    failed = sum(not r.passed for rs in results.values() for r in rs)
    return passed, failed

"""The screening services: answers files, screen_answers, rule tests and rules check."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import pytest

from screener.errors import AnswerError
from screener.rules import Outcome
from screener.services import (
    ScreeningSetup,
    check_rules,
    load_setup,
    read_answers_file,
    run_rule_tests,
    screen_answers,
)

TODAY = date(2026, 11, 25)


@functools.cache
def setup() -> ScreeningSetup:
    return load_setup()


def write(tmp_path: Path, text: str, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_screen_answers_parses_text_values() -> None:
    s = screen_answers({"dob": "1990-01-15", "us_citizen": "yes", "in_custody": "no",
                        "county_of_residence": "los_angeles", "registered_to_vote": True},
                       TODAY, setup=setup())
    d = s.get("voter_registration")
    assert d is not None and d.outcome is Outcome.ELIGIBLE
    assert s.today == TODAY and s.rules_hash == setup().rules.hash


def test_screen_answers_rejects_unknown_fields() -> None:
    with pytest.raises(AnswerError, match="favourite_color: no form asks for this field"):
        screen_answers({"favourite_color": "blue"}, TODAY, setup=setup())


def test_suicide_risk_flag_comes_from_the_phq9_scoring() -> None:
    s = screen_answers({"phq9_9": 1}, TODAY, setup=setup())
    assert [f.id for f in s.flags if f.urgent] == ["suicide_risk"]


@pytest.mark.parametrize(
    ("text", "message", "line", "col"),
    [
        ("dob: 1990-02-30\n", "'1990-02-30' is not a real date", 1, 6),
        ("dob: 1990-01-01\nfavourite_color: blue\n", "favourite_color: no form asks", 2, 1),
        ("dob: [1990\n", "not valid YAML", 2, 1),
        ("housing_status: mansion\n", "'mansion' is not one of the choices", 1, 17),
        ("in_custody: maybe\n", "in_custody: expected yes or no", 1, 13),
        ("child_age: 4\n", "belongs inside the list 'children'", 1, 1),
        ("- dob: 1990-01-01\n", "a mapping of field ids", 1, 1),
        ("today: 2026-13-01\nanswers: {dob: 1990-01-01}\n", "not a real date", 1, 8),
        ("today: soon\nanswers: {dob: 1990-01-01}\n", "today must be a date", 1, 8),
        ("when: 2026-01-01\nanswers: {dob: 1990-01-01}\n", "unknown key when", 1, 1),
        ("dob: !!python/object:os.system {}\n", "is not allowed", 1, 6),
    ],
)
def test_bad_answers_file_is_an_error_at_its_place(
    tmp_path: Path, text: str, message: str, line: int, col: int
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(AnswerError) as info:
        read_answers_file(path, setup().forms)
    assert message in str(info.value)
    assert (info.value.line, info.value.col) == (line, col)
    assert info.value.exit_code == 2


def test_wrapped_answers_file_gives_its_day(tmp_path: Path) -> None:
    path = write(tmp_path, "today: 2026-02-28\nanswers:\n  dob: 2008-02-29\n  us_citizen: yes\n")
    loaded = read_answers_file(path, setup().forms)
    assert loaded.today == date(2026, 2, 28)
    assert loaded.answers == {"dob": date(2008, 2, 29), "us_citizen": True}


def test_rule_test_runner_reports_expected_and_got(tmp_path: Path) -> None:
    path = write(tmp_path, """\
- name: passes
  today: 2026-11-25
  answers: {us_citizen: false}
  expect: {voter_registration: not_eligible}
- name: fails
  today: 2026-11-25
  answers: {us_citizen: false}
  expect: {voter_registration: {outcome: eligible, missing: [dob]}}
- name: names a program that does not exist
  today: 2026-11-25
  answers: {}
  expect: {moon_base: eligible}
- name: bad answer
  today: 2026-11-25
  answers: {dob: someday}
  expect: {voter_registration: eligible}
""", "cases.yaml")
    report = run_rule_tests([path], setup=setup())
    results = report.files[0].results
    assert [r.passed for r in results] == [True, False, False, False]
    assert results[1].failures == (
        "voter_registration: expected eligible, got not_eligible",
        "voter_registration: expected missing [dob], got []",
    )
    assert results[2].error is not None and "no program 'moon_base'" in results[2].error
    assert results[3].error is not None and "dob" in results[3].error
    assert (report.passed, report.failed, report.ok) == (1, 3, False)


def test_malformed_rule_test_file_is_reported_not_raised(tmp_path: Path) -> None:
    path = write(tmp_path, "- name: x\n  today: 2026-11-25\n  expect: {}\n", "bad.yaml")
    report = run_rule_tests([path], setup=setup())
    assert report.file_errors == 1
    assert report.files[0].error is not None and "bad.yaml:3:" in report.files[0].error


def test_check_rules_on_the_shipped_rules_is_clean() -> None:
    report = check_rules()
    assert report.ok, report.errors
    assert len(report.files) == 7 and report.programs >= 20
    assert report.warnings == ()


def test_check_rules_lists_errors_instead_of_raising(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: broken\nversion: 1\n", encoding="utf-8")
    report = check_rules(rules_dir=tmp_path)
    assert not report.ok
    assert any("broken.yaml:1:1: the rule file has no title" in e for e in report.errors)

"""`screener rules check|test` and `screener screen`, run as a person would (a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "screener", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=60, check=False)


def test_rules_check_passes_on_shipped_rules() -> None:
    out = run("rules", "check")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "7 rule files" in out.stdout and "rules hash" in out.stdout


def test_rules_check_names_file_line_col_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("id: bad\nversion: 1\ncolour: red\n", encoding="utf-8")
    out = run("rules", "check", "--rules-dir", str(tmp_path))
    assert out.returncode == 2
    assert "bad.yaml:3:1: unknown key colour" in out.stdout


def test_rules_test_reports_every_case_and_totals() -> None:
    out = run("rules", "test")
    assert out.returncode == 0, out.stdout[-2000:]
    assert "✓ parolee released from state prison can register" in out.stdout
    assert " 0 failed" in out.stdout


def test_rules_test_exits_1_and_shows_expected_vs_got(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("- name: wrong on purpose\n  today: 2026-11-25\n  answers: {us_citizen: false}\n"
                    "  expect: {voter_registration: eligible}\n", encoding="utf-8")
    out = run("rules", "test", str(case))
    assert out.returncode == 1
    assert "✗ wrong on purpose" in out.stdout
    assert "voter_registration: expected eligible, got not_eligible" in out.stdout
    assert "✗ US citizen" in out.stdout
    assert "1 cases in 1 files: 0 passed, 1 failed" in out.stdout


def test_rules_test_names_a_bad_file_once_and_exits_2(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("- name: no date\n  answers: {us_citizen: false}\n", encoding="utf-8")
    out = run("rules", "test", str(case), str(tmp_path / "missing.yaml"))
    assert out.returncode == 2
    assert "today must be a date" in out.stdout
    assert "cannot read the file: " not in out.stdout  # it is readable: its content is wrong
    assert out.stdout.count("cannot read the file") == 1  # the missing one, said once
    assert "2 file(s) with errors" in out.stdout


ANSWERS = """\
dob: 1990-01-15
county_of_residence: los_angeles
in_custody: false
release_date: 2026-10-01
release_facility_type: state_prison
supervision_type: parole_state
housing_status: unsheltered
us_citizen: true
registered_to_vote: false
incompetent_to_vote_finding: false
"""


def test_screen_prints_reasons_and_questions(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    out = run("screen", "--answers", str(path), "--today", "2026-11-25")
    assert out.returncode == 0, out.stderr
    assert "Voter registration [voter_registration]: ELIGIBLE" in out.stdout
    assert "✓ US citizen" in out.stdout
    assert "Interim housing [interim_housing]: ELIGIBLE" in out.stdout
    assert "questions to ask:" in out.stdout


def test_screen_json_has_per_program_fields(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    out = run("screen", "--answers", str(path), "--today", "2026-11-25", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    program = data["programs"]["voter_registration"]
    assert program["outcome"] == "eligible"
    assert {"reasons", "missing_fields", "priority", "rules_version", "rules_hash"} <= set(program)
    assert data["programs"]["coin"]["outcome"] == "not_eligible"
    ricms = data["programs"]["ricms"]
    assert ricms["outcome"] == "needs_information"
    assert {m["field"] for m in ricms["missing_fields"]} >= {"mental_health_diagnosis"}


def test_screen_uses_the_files_today(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("today: 2020-12-31\nanswers:\n" + "".join(
        f"  {line}\n" for line in ANSWERS.splitlines()).replace("2026-10-01", "2020-10-01"),
        encoding="utf-8")
    out = run("screen", "--answers", str(path), "--json")
    data = json.loads(out.stdout)
    assert data["today"] == "2020-12-31"
    assert data["programs"]["voter_registration"]["outcome"] == "not_eligible"  # before Prop 17


def test_screen_bad_answers_exit_2_with_place(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("dob: 1990-01-01\nrelease_date: 2026-02-30\n", encoding="utf-8")
    out = run("screen", "--answers", str(path))
    assert out.returncode == 2
    assert "bad.yaml:2:15: '2026-02-30' is not a real date" in out.stderr


def test_screen_missing_file_and_bad_today_exit_2(tmp_path: Path) -> None:
    assert run("screen", "--answers", str(tmp_path / "none.yaml")).returncode == 2
    path = tmp_path / "a.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    out = run("screen", "--answers", str(path), "--today", "2026-02-30")
    assert out.returncode == 2 and "not a date" in out.stderr

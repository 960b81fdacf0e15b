"""Program status (dated, default open) and the "qualifies because" line of a result."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from screener import paths
from screener.errors import RuleError
from screener.forms import FormCatalog
from screener.rules import (
    Outcome,
    ProgramStatus,
    RuleErrors,
    RuleSet,
    Screening,
    StaticCatalog,
    catalog_from_forms,
    load_rules,
    qualifies_because,
)
from screener.text import Text

SAMPLE = """\
id: sample
version: 2026-01-01
title: {en: Sample, es: Muestra}
programs:
  - id: pilot
    title: {en: Pilot, es: Piloto}
    provider: odr_interim_housing
    status:
      values: {2026-01-01: planning, 2027-01-01: subject_to_funding}
    eligible_if:
      all:
        - id: la_resident
          text: {en: Lives in LA County, es: Vive en el Condado de Los Ángeles}
          when: "county_of_residence == 'los_angeles'"
        - id: returning
          text: {en: Returning home, es: Regresa a casa}
          any:
            - id: released
              text: {en: Released recently, es: Salió hace poco}
              because: {en: "released {release_date}", es: "salió el {release_date}"}
              when: "release_date <= today"
            - id: supervised
              text: {en: Under supervision, es: Bajo supervisión}
              because: {en: "{supervision_type}", es: "{supervision_type}"}
              when: "supervision_type != 'none'"
        - id: unsheltered
          text: {en: Lives outside, es: Vive en la calle (sin techo)}
          because: {en: unsheltered, es: vive en la calle (sin techo)}
          when: "housing_status == 'unsheltered'"
  - id: plain
    title: {en: Plain, es: Sencillo}
    provider: odr_interim_housing
    eligible_if:
      id: la_resident
      text: {en: Lives in LA County, es: Vive en el Condado de Los Ángeles}
      when: "county_of_residence == 'los_angeles'"
"""


@functools.cache
def catalog() -> StaticCatalog:
    return catalog_from_forms(FormCatalog.load())


def load(tmp_path: Path, text: str) -> RuleSet:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "sample.yaml").write_text(text, encoding="utf-8")
    res = paths.resources_dir()
    return load_rules(folder, catalog(), providers=res / "programs.yaml",
                      documents=res / "documents.yaml")


ANSWERS = {"county_of_residence": "los_angeles", "release_date": date(2026, 10, 1),
           "supervision_type": "probation_felony", "housing_status": "unsheltered"}


def test_status_is_dated_and_defaults_to_open(tmp_path: Path) -> None:
    rules = load(tmp_path, SAMPLE)
    on = rules.screen(ANSWERS, date(2026, 11, 25))
    later = rules.screen(ANSWERS, date(2027, 2, 1))
    assert on.get("pilot").status is ProgramStatus.PLANNING  # type: ignore[union-attr]
    assert later.get("pilot").status is ProgramStatus.SUBJECT_TO_FUNDING  # type: ignore[union-attr]
    assert on.get("plain").status is ProgramStatus.OPEN  # type: ignore[union-attr]
    before = rules.screen(ANSWERS, date(2025, 6, 1))
    assert before.get("pilot").status is ProgramStatus.OPEN  # type: ignore[union-attr]


def test_status_travels_in_json(tmp_path: Path) -> None:
    screening = load(tmp_path, SAMPLE).screen(ANSWERS, date(2026, 11, 25))
    data = screening.to_json()
    assert data["programs"]["pilot"]["status"] == "planning"
    assert data["programs"]["pilot"]["outcome"] == "eligible"
    assert Screening.from_json(json.loads(json.dumps(data))) == screening


def test_a_status_that_is_not_one_of_the_four_is_an_error_at_its_line(tmp_path: Path) -> None:
    bad = SAMPLE.replace("2027-01-01: subject_to_funding", "2027-01-01: pending")
    with pytest.raises(RuleErrors) as caught:
        load(tmp_path, bad)
    errors: list[RuleError] = list(caught.value.errors)
    assert len(errors) == 1
    message = str(errors[0])
    assert "status pending on 2027-01-01 is not one of open, planning, subject_to_funding, closed" \
        in message
    line = bad.splitlines().index(
        "      values: {2026-01-01: planning, 2027-01-01: pending}") + 1
    assert f"sample.yaml:{line}:" in message


def test_an_unknown_status_key_is_an_error(tmp_path: Path) -> None:
    bad = SAMPLE.replace("    status:\n", "    status:\n      colour: red\n")
    with pytest.raises(RuleErrors, match="unknown key colour"):
        load(tmp_path, bad)


def label(field_id: str, value: object) -> Text | None:
    if (field_id, value) == ("supervision_type", "probation_felony"):
        return Text("felony probation", "probatoria por delito grave (felony probation)")
    return None


def test_qualifies_because_names_the_met_top_level_criteria(tmp_path: Path) -> None:
    pilot = load(tmp_path, SAMPLE).screen(ANSWERS, date(2026, 11, 25)).get("pilot")
    assert pilot is not None
    because = qualifies_because(pilot, ANSWERS, label)
    assert because == Text("released 10/01/2026 · unsheltered",
                           "salió el 1 de octubre de 2026 · vive en la calle (sin techo)")


def test_qualifies_because_uses_choice_labels_in_both_languages(tmp_path: Path) -> None:
    answers = {**ANSWERS, "release_date": date(2027, 1, 5)}  # not yet released: supervision
    pilot = load(tmp_path, SAMPLE).screen(answers, date(2026, 11, 25)).get("pilot")
    assert pilot is not None
    because = qualifies_because(pilot, answers, label)
    assert because == Text(
        "felony probation · unsheltered",
        "probatoria por delito grave (felony probation) · vive en la calle (sin techo)")


def test_without_phrases_the_criteria_texts_are_used(tmp_path: Path) -> None:
    plain = load(tmp_path, SAMPLE).screen(ANSWERS, date(2026, 11, 25)).get("plain")
    assert plain is not None
    assert qualifies_because(plain, ANSWERS) == Text("Lives in LA County",
                                                     "Vive en el Condado de Los Ángeles")


def test_no_line_unless_eligible(tmp_path: Path) -> None:
    answers = {**ANSWERS, "housing_status": "rent_own"}
    pilot = load(tmp_path, SAMPLE).screen(answers, date(2026, 11, 25)).get("pilot")
    assert pilot is not None and pilot.outcome is Outcome.NOT_ELIGIBLE
    assert qualifies_because(pilot, answers) is None


def test_screen_json_carries_status_and_qualifies_because(tmp_path: Path) -> None:
    answers = tmp_path / "client.yaml"
    answers.write_text(
        "today: 2026-11-25\nanswers: {county_of_residence: los_angeles, release_date: 2026-10-01,"
        " in_custody: false, release_facility_type: county_jail, dob: 1980-01-01,"
        " supervision_type: probation_felony, housing_status: unsheltered}\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "screener", "screen", "--answers", str(answers),
                          "--json"], capture_output=True, text=True, check=True)
    programs = json.loads(out.stdout)["programs"]
    interim = programs["interim_housing"]
    assert interim["outcome"] == "eligible" and interim["status"] == "open"
    assert interim["qualifies_because"]["en"]
    assert interim["qualifies_because"]["es"]
    assert all("status" in p and "qualifies_because" in p for p in programs.values())


def test_real_rules_say_why_in_both_languages() -> None:
    from screener.services import choice_label, load_setup, screen_answers

    setup = load_setup()
    answers = {"release_date": date(2026, 10, 1), "county_of_residence": "los_angeles",
               "housing_status": "unsheltered", "supervision_type": "probation_felony",
               "dob": date(1980, 1, 1), "in_custody": False,
               "release_facility_type": "county_jail"}
    screening = screen_answers(answers, date(2026, 11, 25), setup=setup)
    label = choice_label(setup.forms)
    interim = screening.get("interim_housing")
    center = screening.get("probation_reentry_center")
    assert interim is not None and center is not None
    assert qualifies_because(interim, answers, label) == Text(
        "released 10/01/2026 · no stable place to stay",
        "salió el 1 de octubre de 2026 · sin un lugar estable donde quedarse")
    assert qualifies_because(center, answers, label) == Text(
        "felony probation", "probatoria por delito grave (felony probation)")


def test_real_rules_step_down_track_statuses() -> None:
    from screener.services import load_setup, screen_answers

    answers = {"dob": date(1987, 5, 5), "county_of_residence": "los_angeles",
               "mental_health_diagnosis": True, "smi_diagnosis": True,
               "odr_diversion_history": True, "prior_program_failures": 3}
    screening = screen_answers(answers, date(2026, 11, 25), setup=load_setup())
    sessions = screening.get("step_down_listening_sessions")
    pilot = screening.get("step_down_pilot")
    assert sessions is not None and pilot is not None
    assert (sessions.outcome, sessions.status) == (Outcome.ELIGIBLE, ProgramStatus.OPEN)
    assert (pilot.outcome, pilot.status) == (Outcome.ELIGIBLE, ProgramStatus.SUBJECT_TO_FUNDING)

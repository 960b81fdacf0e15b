"""Evaluation semantics: three-valued groups, dated parameters, traces, hashes, JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from screener.errors import RuleError
from screener.rules import Outcome, RuleSet, Screening, Truth, rules_hash
from tests.unit.test_rules_load_errors import VALID, load

NESTED = VALID.replace(
    """        - id: recent
          text: {en: "Released within {max_months} months", es: "Liberado en {max_months} meses"}
          when: "release_date >= add_months(today, -max_months)"
""",
    """        - id: recent
          text: {en: "Released within {max_months} months", es: "Liberado en {max_months} meses"}
          when: "release_date >= add_months(today, -max_months)"
        - id: not_in_prison
          text: {en: Not serving a prison term, es: No cumple condena de prisión}
          not:
            id: serving
            text: {en: Serving a prison term, es: Cumple condena de prisión}
            when: "currently_incarcerated_felony == true"
        - id: need
          text: {en: A need, es: Una necesidad}
          any:
            - id: unhoused
              text: {en: Unhoused, es: Sin vivienda}
              when: "housing_status in ['unsheltered', 'emergency_shelter']"
              unknown_when: "housing_status == 'unknown'"
            - id: no_coverage
              text: {en: No coverage, es: Sin cobertura}
              when: "health_coverage == 'none'"
""",
)
BASE = {"county_of_residence": "los_angeles", "release_date": date(2026, 5, 1),
        "currently_incarcerated_felony": False, "housing_status": "unsheltered"}
DAY = date(2026, 5, 20)


@pytest.fixture
def rules(tmp_path: Path) -> RuleSet:
    return load(tmp_path, NESTED)


def outcome(rules: RuleSet, answers: dict[str, object], day: date = DAY) -> Outcome:
    d = rules.screen(answers, day).get("sample_program")
    assert d is not None
    return d.outcome


def test_all_criteria_met_is_eligible(rules: RuleSet) -> None:
    assert outcome(rules, BASE) is Outcome.ELIGIBLE


def test_one_false_criterion_outweighs_unknown_ones(rules: RuleSet) -> None:
    answers = {"county_of_residence": "other_ca"}
    assert outcome(rules, answers) is Outcome.NOT_ELIGIBLE


def test_unknown_names_missing_fields_and_their_questions(rules: RuleSet) -> None:
    answers = {k: v for k, v in BASE.items() if k != "release_date"}
    d = rules.screen(answers, DAY).get("sample_program")
    assert d is not None and d.outcome is Outcome.NEEDS_INFORMATION
    assert [m.field_id for m in d.missing] == ["release_date"]
    assert (d.missing[0].form_id, d.missing[0].section_id) == ("intake", "custody")
    assert "release" in d.missing[0].label.en.lower()


def test_not_group_negates(rules: RuleSet) -> None:
    assert outcome(rules, {**BASE, "currently_incarcerated_felony": True}) is \
        Outcome.NOT_ELIGIBLE


def test_any_group_true_when_one_branch_true_despite_unknown(rules: RuleSet) -> None:
    answers = {**BASE, "housing_status": "rent_own", "health_coverage": "none"}
    assert outcome(rules, answers) is Outcome.ELIGIBLE
    answers = {**BASE, "housing_status": "rent_own"}
    d = rules.screen(answers, DAY).get("sample_program")
    assert d is not None and [m.field_id for m in d.missing] == ["health_coverage"]


def test_unknown_when_asks_again_for_a_dont_know_answer(rules: RuleSet) -> None:
    d = rules.screen({**BASE, "housing_status": "unknown"}, DAY).get("sample_program")
    assert d is not None and d.outcome is Outcome.NEEDS_INFORMATION
    assert [m.field_id for m in d.missing] == ["health_coverage", "housing_status"]


def test_trace_is_nested_with_texts_and_states(rules: RuleSet) -> None:
    d = rules.screen({**BASE, "housing_status": "rent_own"}, DAY).get("sample_program")
    assert d is not None
    root = d.trace
    assert root.kind == "all" and root.status is Truth.UNKNOWN
    by_id = {c.id: c for c in root.children}
    assert by_id["la_resident"].status is Truth.MET
    assert by_id["not_in_prison"].children[0].status is Truth.NOT_MET
    assert by_id["not_in_prison"].status is Truth.MET
    assert by_id["need"].children[0].status is Truth.NOT_MET
    assert by_id["need"].children[1].missing == ("health_coverage",)
    assert by_id["la_resident"].text is not None
    assert by_id["la_resident"].text.es == "Vive en el Condado de Los Ángeles"


def test_priority_reasons_only_when_true(rules: RuleSet) -> None:
    d = rules.screen(BASE, DAY).get("sample_program")
    assert d is not None and [p.id for p in d.priority] == ["unsheltered"]
    d = rules.screen({**BASE, "housing_status": "emergency_shelter"}, DAY).get("sample_program")
    assert d is not None and d.priority == ()


def test_dated_parameter_changes_on_its_start_day(rules: RuleSet) -> None:
    answers = {**BASE, "release_date": date(2025, 11, 30)}  # 6 months + 1 day before 06-01
    assert outcome(rules, answers, date(2026, 5, 31)) is Outcome.ELIGIBLE  # 12 in force
    assert outcome(rules, answers, date(2026, 6, 1)) is Outcome.NOT_ELIGIBLE  # 6 in force
    exactly = {**BASE, "release_date": date(2025, 12, 1)}
    assert outcome(rules, exactly, date(2026, 6, 1)) is Outcome.ELIGIBLE


def test_criterion_text_shows_the_value_in_force(rules: RuleSet) -> None:
    def text_on(day: date) -> str:
        d = rules.screen(BASE, day).get("sample_program")
        assert d is not None
        recent = next(c for c in d.trace.children if c.id == "recent")
        assert recent.text is not None
        return recent.text.en

    assert text_on(date(2026, 5, 31)) == "Released within 12 months"
    assert text_on(date(2026, 6, 1)) == "Released within 6 months"


def test_parameter_value_on_edges(rules: RuleSet) -> None:
    param = rules.tracks[0].parameters["max_months"]
    assert param.value_on(date(2024, 1, 1)) == 12
    assert param.value_on(date(2026, 5, 31)) == 12
    assert param.value_on(date(2026, 6, 1)) == 6
    with pytest.raises(RuleError, match="has no value on 2023-12-31"):
        param.value_on(date(2023, 12, 31))


def test_screening_before_first_parameter_value_is_a_clear_error(rules: RuleSet) -> None:
    with pytest.raises(RuleError) as info:
        rules.screen(BASE, date(2023, 12, 31))
    assert "max_months" in str(info.value) and "first value starts 2024-01-01" in str(info.value)
    assert info.value.line == 5


def test_criterion_that_is_not_true_or_false_is_a_rule_error(tmp_path: Path) -> None:
    text = VALID.replace("when: \"county_of_residence == 'los_angeles'\"", "when: release_date")
    rules = load(tmp_path, text)
    with pytest.raises(RuleError, match="must come out true or false"):
        rules.screen(BASE, DAY)


def test_determinations_are_stamped_with_version_and_hash(rules: RuleSet) -> None:
    d = rules.screen(BASE, DAY).get("sample_program")
    assert d is not None
    assert d.rules_version == "2026-01-01"
    assert d.rules_hash == rules.hash and len(rules.hash) == 64


def test_rules_hash_is_stable_and_follows_content(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        folder.mkdir()
        (folder / "one.yaml").write_text("x: 1\n")
        (folder / "two.yaml").write_text("y: 2\n")
    files_a = sorted(a.glob("*.yaml"))
    assert rules_hash(files_a, a) == rules_hash(list(reversed(sorted(b.glob("*.yaml")))), b)
    (b / "two.yaml").write_text("y: 3\n")
    assert rules_hash(files_a, a) != rules_hash(sorted(b.glob("*.yaml")), b)


def test_screening_json_round_trips(rules: RuleSet) -> None:
    s = rules.screen({**BASE, "housing_status": "rent_own"}, DAY)
    data = json.loads(json.dumps(s.to_json()))
    assert set(data["programs"]["sample_program"]) >= {
        "outcome", "reasons", "missing_fields", "priority", "rules_version", "rules_hash"}
    assert Screening.from_json(data) == s


def test_only_the_asked_programs_are_screened(rules: RuleSet) -> None:
    s = rules.screen(BASE, DAY, programs=frozenset())
    assert s.determinations == ()

"""Run-time behaviour of the real forms: skip logic, required, validation, repeat groups,
answer parsing, versions, the catalog API the rules engine and the UI use."""

from __future__ import annotations

import base64
from datetime import date
from functools import cache

import pytest

from screener.errors import AnswerError, FormError
from screener.expr import UNKNOWN, compile_expression
from screener.forms import Form, FormCatalog, InvalidAnswer, QuestionType, format_answer

TODAY = date(2026, 11, 25)
# A small black PNG, as the signature pad would draw; a damaged one is refused.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAACgAAAAMCAYAAAAQw/9NAAAAK0lEQVR4nGNkYGD4zzCIAdNAO4AQGHUgpWDUgZSCU"
    "QdSCkYdSCkYdSClAADi/QEXay7ChQAAAABJRU5ErkJggg==")


@cache
def catalog() -> FormCatalog:
    return FormCatalog.load()


def intake() -> Form:
    return catalog().form("intake")


def messages(form: Form, answers: dict[str, object]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for issue in form.evaluate(answers, TODAY).messages:
        found.setdefault(issue.field_id, []).append(issue.message.en)
    return found


def test_no_supervision_questions_when_supervision_is_none() -> None:
    state = intake().evaluate({"supervision_type": "none"}, TODAY)
    assert "supervision_type" in state.visible_fields
    assert not {"supervision_end_date", "supervision_violation_pending"} & state.visible_fields
    state = intake().evaluate({"supervision_type": "parole_state"}, TODAY)
    assert {"supervision_end_date", "supervision_violation_pending"} <= state.visible_fields


def test_unanswered_condition_hides_the_question() -> None:
    state = intake().evaluate({}, TODAY)
    assert "supervision_end_date" not in state.visible_fields
    assert "primary_substance" not in state.visible_fields


def test_substance_questions_only_after_yes() -> None:
    no = intake().evaluate({"substance_use_past_year": False}, TODAY)
    yes = intake().evaluate({"substance_use_past_year": True}, TODAY)
    assert "primary_substance" not in no.visible_fields
    assert {"primary_substance", "sud_treatment_interest", "dast10_1"} <= yes.visible_fields


def test_no_registration_questions_for_registered_voters() -> None:
    registered = intake().evaluate({"us_citizen": True, "registered_to_vote": True}, TODAY)
    not_yet = intake().evaluate({"us_citizen": True, "registered_to_vote": False}, TODAY)
    assert "voter_registration_help" not in registered.visible_fields
    assert "voter_registration_help" in not_yet.visible_fields


def test_custody_skip_logic() -> None:
    inside = intake().evaluate({"in_custody": True, "offense_level": "felony"}, TODAY)
    outside = intake().evaluate({"in_custody": False}, TODAY)
    assert {"expected_release_date", "awaiting_prison_transfer"} <= inside.visible_fields
    assert "release_date" not in inside.visible_fields
    assert "release_date" in outside.visible_fields
    assert "expected_release_date" not in outside.visible_fields


def test_required_and_required_if() -> None:
    state = intake().evaluate({"in_custody": False, "release_facility_type": "county_jail"}, TODAY)
    missing = {i.field_id for i in state.missing_required}
    assert {"first_name", "last_name", "dob", "release_date"} <= missing
    assert not state.complete
    consent = catalog().form("consent")
    rep = consent.evaluate({"consent_signed_by": "representative"}, TODAY)
    missing = {i.field_id for i in rep.missing_required}
    assert {"consent_representative_name", "consent_representative_authority"} <= missing
    client = consent.evaluate({"consent_signed_by": "client"}, TODAY)
    assert "consent_representative_name" not in {i.field_id for i in client.missing_required}


def test_validation_messages_are_bilingual() -> None:
    state = intake().evaluate(
        {"release_date": date(2026, 9, 20), "in_custody": False,
         "supervision_type": "prcs", "supervision_end_date": date(2026, 1, 1)},
        TODAY,
    )
    (issue,) = [i for i in state.messages if i.field_id == "supervision_end_date"]
    assert "before the release date" in issue.message.en
    assert issue.message.es and "antes de la fecha de salida" in issue.message.es


@pytest.mark.parametrize(
    ("dob", "expected"),
    [
        (date(2027, 1, 1), "cannot be in the future"),
        (date(1900, 1, 1), "between 14 and 110"),
        (date(2020, 1, 1), "between 14 and 110"),
    ],
)
def test_dob_checks(dob: date, expected: str) -> None:
    assert any(expected in m for m in messages(intake(), {"dob": dob})["dob"])


def test_plausible_dob_has_no_message() -> None:
    assert "dob" not in messages(intake(), {"dob": date(1990, 2, 28)})


def test_min_max_and_exclusive_choices() -> None:
    found = messages(intake(), {"income_monthly": -5.0, "legal_needs": ["none", "immigration"]})
    assert found["income_monthly"] == ["Must be at least 0."]
    assert "cannot be combined" in found["legal_needs"][0]


def test_repeat_group_items_are_checked_one_by_one() -> None:
    answers = {
        "children_under_18": 1,
        "children": [{"child_age": 4}, {"child_first_name": "Sam", "child_age": 30}],
    }
    state = intake().evaluate(answers, TODAY)
    assert [(i.field_id, i.group_id, i.index) for i in state.missing_required
            if i.group_id] == []
    by_field = {(i.field_id, i.index) for i in state.messages}
    assert ("child_age", 1) in by_field  # 30 is above max 17
    assert ("children", None) in by_field  # two listed, one declared
    assert state.is_visible("child_age", "children", 0)
    assert not state.is_visible("child_age", "children", 2)
    missing = intake().evaluate({"children_under_18": 1, "children": [{}]}, TODAY)
    assert [(i.field_id, i.index) for i in missing.missing_required
            if i.group_id == "children"] == [("child_age", 0)]


def test_computed_values_and_unknown_reasons_reach_rule_expressions() -> None:
    state = intake().evaluate({"dob": date(2008, 11, 25), "county_of_residence": "other_ca"}, TODAY)
    assert state.computed["age_years"] == 18
    assert state.computed["ca_resident"] is True
    rule = compile_expression("age_years >= 18 and ca_resident")
    inputs = catalog().inputs({"county_of_residence": "los_angeles"}, TODAY)
    result = rule.evaluate_in(inputs.context(TODAY))
    assert result.value is UNKNOWN and result.missing == {"dob"}
    assert intake().evaluate({}, TODAY).computed_value("age_years") is UNKNOWN


def test_parse_answer_normalises_by_type() -> None:
    f = intake()
    assert f.parse_answer("dob", "1990-02-28") == date(1990, 2, 28)
    assert f.parse_answer("phone", "(213) 555-0142") == "213-555-0142"
    assert f.parse_answer("phone", "+1 213 555 0142") == "213-555-0142"
    assert f.parse_answer("ssn", "123-45-6789") == "123456789"
    assert f.parse_answer("in_custody", "yes") is True
    assert f.parse_answer("children_under_18", "2") == 2
    assert f.parse_answer("income_monthly", "$1,250.50") == 1250.5
    assert f.parse_answer("legal_needs", ["immigration", "record_clearance"]) == [
        "record_clearance", "immigration"]
    assert f.parse_answer("phq9_1", "2") == 2
    assert f.parse_answer("address", {"city": "Los Angeles", "state": "ca", "zip": "90012"}) == {
        "city": "Los Angeles", "state": "CA", "zip": "90012"}
    assert f.parse_answer("first_name", "  ") is None
    consent = catalog().form("consent")
    assert consent.parse_answer("consent_signature", PNG) == PNG
    for damaged in (PNG[:-5], PNG[:40] + b"x" + PNG[41:], b"\x89PNG\r\n\x1a\n" + b"\x00" * 8):
        with pytest.raises(InvalidAnswer):
            consent.parse_answer("consent_signature", damaged)


@pytest.mark.parametrize(
    ("field", "raw", "fragment"),
    [
        ("dob", "2025-02-30", "The answer is not a real date"),
        ("release_date", "2025-02-30", "'2025-02-30' is not a real date"),
        ("release_date", "31/01/2025", "is not a real date"),
        ("children_under_18", "two", "not a whole number"),
        ("children_under_18", "9" * 5000, "too large"),  # int() itself refuses 4,300+ digits
        ("gender", "male", "not one of the choices"),
        ("legal_needs", ["parking"], "not one of the choices"),
        ("phone", "555-0142", "10-digit"),
        ("email", "someone@", "not an email"),
        ("ssn", "000-12-3456", "Social Security"),
        ("in_custody", "maybe", "yes or no"),
        ("age_years", 40, "takes no answer"),
        ("address", {"zip": "9001"}, "ZIP"),
        ("children", [{"pet_name": "Rex"}], "not a question of this list"),
    ],
)
def test_bad_answers_raise_answer_error_naming_the_field(field: str, raw: object, fragment: str) -> None:
    with pytest.raises(InvalidAnswer) as info:
        intake().parse_answer(field, raw)
    assert isinstance(info.value, AnswerError)
    assert info.value.field_id == field and fragment in str(info.value)
    assert str(info.value).startswith(f"{field}: ")
    assert info.value.text.es


def test_messages_never_repeat_personal_data() -> None:
    with pytest.raises(InvalidAnswer) as info:
        intake().parse_answer("phone", "call me at 555")
    assert "555" not in str(info.value) and "555" not in str(info.value.text.es)


def test_bad_stored_answers_are_reported_not_fatal() -> None:
    state = intake().evaluate({"dob": "not a date", "release_date": "2025-02-30"}, TODAY)
    assert {i.field_id for i in state.answer_problems} == {"dob", "release_date"}
    assert state.expression_errors == ()
    assert state.computed["age_years"] is UNKNOWN


def test_answers_not_on_the_form_are_kept_and_listed() -> None:
    answers = {"first_name": "Ana", "old_question": "kept", "parole_agent": "X"}
    state = intake().evaluate(answers, TODAY, answered_version=0)
    assert state.not_on_form == ("old_question", "parole_agent")
    assert state.version_changed
    assert intake().parse_answers(answers)["old_question"] == "kept"
    assert catalog().inputs(answers, TODAY).answers["old_question"] == "kept"


def test_catalog_answers_questions_about_fields() -> None:
    c = catalog()
    q = c.question("release_date")
    assert (q.form_id, q.section_id, q.type) == ("intake", "custody", QuestionType.DATE)
    assert q.label.es
    assert c.question("phq9_9").section_id == "phq9"
    assert c.question("child_age").group_id == "children"
    assert c.question("consent_programs").form_id == "consent"
    with pytest.raises(FormError):
        c.question("nope")
    assert c.instrument_ids() == {"phq9", "gad7", "auditc", "dast10", "pcptsd5"}


DESIGN_VALUE_SETS: dict[str, set[str]] = {
    "gender": {"woman", "man", "transgender", "non_binary", "questioning", "other", "declined"},
    "preferred_language": {"en", "es", "other"},
    "county_of_residence": {"los_angeles", "other_ca", "out_of_state", "unknown"},
    "release_facility_type": {"county_jail", "state_prison", "federal", "juvenile", "none"},
    "supervision_type": {"none", "probation_felony", "probation_misdemeanor", "prcs",
                         "parole_state", "mandatory_supervision", "federal", "diversion",
                         "pretrial"},
    "housing_status": {"unsheltered", "emergency_shelter", "transitional",
                       "staying_with_others", "rent_own", "institution", "unknown"},
    "health_coverage": {"medi_cal", "medicare", "private", "va", "none", "unknown"},
    "primary_substance": {"alcohol", "methamphetamine", "opioids", "cannabis", "cocaine",
                          "other", "none"},
    "employment_status": {"employed_full", "employed_part", "unemployed_seeking",
                          "unemployed_not_seeking", "unable"},
    "education_level": {"less_than_hs", "hs_ged", "some_college", "degree"},
    "legal_needs": {"record_clearance", "child_support", "fines_fees", "immigration",
                    "id_documents", "none"},
    "race_ethnicity": {"american_indian_alaska_native_indigenous", "asian",
                       "black_african_american_african", "hispanic_latina_e_o",
                       "middle_eastern_north_african", "native_hawaiian_pacific_islander",
                       "white", "doesnt_know", "prefers_not_to_answer", "not_collected"},
    "offense_level": {"felony", "misdemeanor", "unknown"},
    "health_conditions": {"chronic_condition", "idd", "tbi", "hiv_aids",
                          "pregnant_postpartum", "none"},
    "benefits_current": {"medi_cal", "calfresh", "general_relief", "ssi", "ssdi", "none"},
    "documents_on_hand": {"state_id", "drivers_license", "ss_card", "birth_certificate",
                          "release_papers", "none"},
    "consent_programs": {"service_navigation", "physical_health", "behavioral_health",
                         "employment_education", "housing", "civic_engagement", "step_down"},
    "consent_signed_by": {"client", "representative"},
}
DESIGN_TYPES: dict[str, str] = {
    "first_name": "text", "last_name": "text", "preferred_name": "text", "dob": "date",
    "phone": "phone", "email": "email", "ssn": "ssn", "release_date": "date",
    "supervision_end_date": "date", "currently_incarcerated_felony": "yesno",
    "us_citizen": "yesno", "has_primary_care": "yesno", "mental_health_diagnosis": "yesno",
    "smi_diagnosis": "yesno", "substance_use_past_year": "yesno",
    "prior_program_failures": "integer", "registered_to_vote": "yesno",
    "children_under_18": "integer", "family_reunification_goal": "yesno",
    "booking_number": "text", "cdcr_number": "text", "address": "address", "veteran": "yesno",
    "disabling_condition": "yesno", "in_custody": "yesno", "expected_release_date": "date",
    "awaiting_prison_transfer": "yesno", "incompetent_to_vote_finding": "yesno",
    "supervision_violation_pending": "yesno", "income_monthly": "decimal",
    "odr_diversion_history": "yesno", "ca_resident": "computed", "age_years": "computed",
    "race_ethnicity_detail": "text", "consent_includes_sud": "yesno",
    "consent_includes_mental_health": "yesno", "consent_expires_on": "date",
    "consent_signature": "signature", "consent_signed_on": "date",
    "consent_representative_name": "text", "consent_representative_authority": "text",
}
PII = {"first_name", "last_name", "preferred_name", "dob", "phone", "email", "ssn",
       "booking_number", "cdcr_number", "address"}


def test_field_ids_and_value_sets_match_the_data_dictionary() -> None:
    c = catalog()
    for field_id, values in DESIGN_VALUE_SETS.items():
        assert {str(ch.value) for ch in c.question(field_id).choices} == values, field_id
    for field_id, qtype in DESIGN_TYPES.items():
        assert c.question(field_id).type.value == qtype, field_id
    for field_id in PII:
        assert c.question(field_id).pii, field_id
    for prefix, n in (("phq9", 9), ("gad7", 7), ("auditc", 3), ("dast10", 10), ("pcptsd5", 5)):
        assert {f"{prefix}_{i}" for i in range(1, n + 1)} <= c.field_ids()
    assert "pcptsd5_trauma" in c.field_ids()


def test_every_label_and_choice_has_spanish() -> None:
    for form in catalog().forms.values():
        for q in form.questions():
            assert q.label.es, q.id
            assert all(ch.label.es for ch in q.choices), q.id
            assert all(check.message.es for check in q.validate), q.id


def test_format_answer_masks_ssn_and_uses_labels() -> None:
    c = catalog()
    assert format_answer(c.question("ssn"), "123456789") == "***-**-6789"
    assert format_answer(c.question("gender"), "woman", "es") == "Mujer"
    assert format_answer(c.question("legal_needs"), ["fines_fees", "immigration"], "es") == (
        "Multas y cuotas de la corte; Inmigración")
    assert format_answer(c.question("in_custody"), True, "es") == "Sí"
    assert format_answer(c.question("consent_signature"), PNG) == "Signed"
    assert format_answer(c.question("dob"), date(1990, 2, 28)) == "1990-02-28"
    assert format_answer(c.question("first_name"), None) == ""

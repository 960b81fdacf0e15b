"""A field catalog for rules tests that do not need the real forms (DESIGN §5 + agreed extras)."""

from __future__ import annotations

from screener.rules.catalog import StaticCatalog
from screener.rules.model import QuestionRef
from screener.text import Text

INSTRUMENTS = {"phq9": 9, "gad7": 7, "auditc": 3, "dast10": 10, "pcptsd5": 5}

FIELDS = (
    "first_name last_name preferred_name dob gender race_ethnicity preferred_language phone "
    "email ssn county_of_residence release_date release_facility_type supervision_type "
    "supervision_end_date currently_incarcerated_felony us_citizen housing_status "
    "health_coverage has_primary_care mental_health_diagnosis smi_diagnosis "
    "substance_use_past_year primary_substance prior_program_failures employment_status "
    "education_level registered_to_vote children_under_18 family_reunification_goal "
    "legal_needs booking_number cdcr_number address veteran disabling_condition in_custody "
    "expected_release_date offense_level awaiting_prison_transfer incompetent_to_vote_finding "
    "supervision_violation_pending health_conditions income_monthly benefits_current "
    "documents_on_hand odr_diversion_history ca_resident age_years pcptsd5_trauma"
).split()


def _items() -> list[str]:
    return [f"{i}_{n}" for i, k in INSTRUMENTS.items() for n in range(1, k + 1)]


def static_catalog() -> StaticCatalog:
    """Every field as a question of the `intake` form (section = the field id)."""
    refs = [QuestionRef(f, "intake", f, Text(f.replace("_", " "))) for f in FIELDS + _items()]
    refs += [QuestionRef(i, "intake", i, Text(i.upper())) for i in INSTRUMENTS]
    return StaticCatalog.of(refs, INSTRUMENTS)


# Until the forms engine is merged: the instruments' published scoring (forms/instruments).
_SCORING = {
    "phq9": "sum([phq9_1, phq9_2, phq9_3, phq9_4, phq9_5, phq9_6, phq9_7, phq9_8, phq9_9])",
    "gad7": "sum([gad7_1, gad7_2, gad7_3, gad7_4, gad7_5, gad7_6, gad7_7])",
    "auditc": "0 if auditc_1 == 0 else sum([auditc_1, auditc_2, auditc_3])",
    "dast10": "count([dast10_1, dast10_2, not dast10_3, dast10_4, dast10_5, dast10_6, "
              "dast10_7, dast10_8, dast10_9, dast10_10])",
    "pcptsd5": "0 if pcptsd5_trauma == false else "
               "count([pcptsd5_1, pcptsd5_2, pcptsd5_3, pcptsd5_4, pcptsd5_5])",
}


def simple_scores(answers: dict[str, object], today: object) -> dict[str, object]:
    from screener.expr import compile_expression

    out: dict[str, object] = {}
    for inst, src in _SCORING.items():
        r = compile_expression(src).evaluate(answers, today)  # type: ignore[arg-type]
        from screener.expr import unknown

        out[inst] = r.value if r.known else unknown(r.missing)
    return out

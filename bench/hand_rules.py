"""The seven rule files written by hand as Python predicates (for rescreen_bench.py only).

Each program is a function of (answers, scores) returning True / False / None (None =
unknown), with the parameter values in force on the bench's day written in as constants and
the same three-valued logic the rules use. The bench checks that every outcome agrees with
the rule engine, so this file is also an independent second reading of the YAML rules.

Reading notes (the idioms of rules/*.yaml):
- An unanswered field is unknown; `answered(x)` itself is always known.
- `not (answered(x) and x == v)` is "x is not v": true when x is unanswered.
- `(a if c else b)` in the rules always has a known `c` (built from answered()), so it is a
  plain Python `a if c else b` here.
- `unknown_when: "x == 'unknown'"`: the answer "unknown" counts as unanswered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

A = Mapping[str, object]
V = bool | None  # three-valued: None is unknown

TODAY = date(2026, 11, 25)
# Parameters in force on TODAY (every track uses 12 months / 90 days / age 18 on this day).
MINUS_12_MONTHS = TODAY + relativedelta(months=-12)  # reentry / ECM / RICMS release window
PLUS_90_DAYS = TODAY + timedelta(days=90)  # pre-release window, START-Community window
MIN_AGE = 18  # min_age, ricms_min_age (step_down too)
REENTRY_SUPERVISION = frozenset({"probation_felony", "probation_misdemeanor", "prcs",
                                 "parole_state", "mandatory_supervision", "federal"})
COIN_SUPERVISION = ("prcs", "mandatory_supervision")
NOT_IN_COUNTY_JAIL = ("state_prison", "federal", "juvenile", "none")
# Screens (behavioral_health and service_navigation): cut-offs.
PHQ9_CUT, GAD7_CUT, AUDITC_CUT_MEN, AUDITC_CUT_OTHERS, DAST10_CUT, PCPTSD5_CUT = 10, 10, 4, 3, 3, 3
PHQ9_ITEMS = tuple(f"phq9_{i}" for i in range(1, 10))
GAD7_ITEMS = tuple(f"gad7_{i}" for i in range(1, 8))
DAST10_ITEMS = tuple(f"dast10_{i}" for i in range(1, 11))
# Housing.
UNSTABLE_HOUSING = ("unsheltered", "emergency_shelter", "staying_with_others")
RENTAL_SUBSIDY_HOUSING = ("unsheltered", "emergency_shelter", "transitional",
                          "staying_with_others")
ODR_HOMELESS = ("unsheltered", "emergency_shelter", "transitional")
ODR_PATHWAY_SUPERVISION = ("pretrial", "diversion", "probation_felony", "none")
# Physical health (calaim_prerelease_live is true from 2026-10-01; clinical criteria required).
MEDI_CAL_LIMIT = 1799.75  # medi_cal_income_limit_monthly, from 2025-01-01
CALAIM_YOUTH_MAX_AGE = 20
LISTED_CONDITIONS = ("chronic_condition", "idd", "tbi", "hiv_aids", "pregnant_postpartum")
# Employment and education.
JOB_SEEKING = ("unemployed_seeking", "unemployed_not_seeking", "employed_part")
# Civic engagement (parolees_may_register is true from 2021-01-01).
NEXT_ELECTION = date(2028, 3, 7)  # value from 2026-11-04
VOTING_AGE, PREREGISTRATION_AGE = 18, 16
NOT_IMPRISONED_SUPERVISION = ("parole_state", "prcs", "probation_felony",
                              "probation_misdemeanor", "mandatory_supervision", "federal",
                              "pretrial", "diversion")
NOT_IMPRISONED_FACILITY = ("none", "juvenile")
# Step-down (pilot_open is true from 2026-01-01).
MIN_PRIOR_FAILURES = 2
# Service navigation.
GR_MAX_GRANT = 221
BASIC_BENEFITS = ("calfresh", "general_relief", "ssi", "ssdi")
LEGAL_NEEDS = ("record_clearance", "child_support", "fines_fees", "immigration", "id_documents")


def all3(*values: V) -> V:
    result: V = True
    for v in values:
        if v is False:
            return False
        if v is None:
            result = None
    return result


def any3(*values: V) -> V:
    result: V = False
    for v in values:
        if v is True:
            return True
        if v is None:
            result = None
    return result


def _not(v: V) -> V:
    return None if v is None else not v


def answered(a: A, field: str) -> bool:
    v = a.get(field)
    return not (v is None or v == "" or v == [])


def eq(a: A, field: str, value: object) -> V:
    v = a.get(field)
    return None if v is None else v == value


def ne(a: A, field: str, value: object) -> V:
    v = a.get(field)
    return None if v is None else v != value


def isin(a: A, field: str, values: frozenset[str] | tuple[str, ...]) -> V:
    v = a.get(field)
    return None if v is None else v in values


def known_isin(a: A, field: str, values: tuple[str, ...]) -> V:
    """`field in values` with `unknown_when: "field == 'unknown'"`."""
    v = a.get(field)
    return None if v is None or v == "unknown" else v in values


def has_any(a: A, field: str, values: tuple[str, ...]) -> V:
    """any_of(field, values) on a multichoice answer."""
    v = a.get(field)
    if v is None:
        return None
    return any(x in values for x in v)  # type: ignore[attr-defined]


def years(dob: object, day: date) -> int:
    return relativedelta(day, dob).years  # type: ignore[arg-type]


def age_at_least(a: A, n: int) -> V:
    dob = a.get("dob")
    return None if dob is None else years(dob, TODAY) >= n


def score(s: A, inst: str) -> int | float | None:
    v = s.get(inst)
    return v if isinstance(v, int | float) else None


def score_at_least(s: A, inst: str, n: int) -> V:
    v = score(s, inst)
    return None if v is None else v >= n


def la_resident(a: A) -> V:
    return known_isin(a, "county_of_residence", ("los_angeles",))


def _window(d: object, start: date, end: date) -> V:
    return None if d is None else start <= d <= end  # type: ignore[operator]


def released_within(a: A, since: date) -> V:
    """Released on or before today, not before `since`, and not known to be back in custody,
    serving a prison term, or never in custody."""
    return all3(_window(a.get("release_date"), since, TODAY),
                a.get("in_custody") is not True,
                a.get("currently_incarcerated_felony") is not True,
                a.get("release_facility_type") != "none")


def under_supervision(a: A, types: frozenset[str] | tuple[str, ...]) -> V:
    """Supervision of one of `types`, not known to have ended before today."""
    end = a.get("supervision_end_date")
    return all3(isin(a, "supervision_type", types),
                not (end is not None and end < TODAY))  # type: ignore[operator]


def expected_release_within(a: A, until: date) -> V:
    """The expected release date in [today, until]; when neither in_custody nor the expected
    date is answered, a release date after today stands in for it."""
    if answered(a, "in_custody") or answered(a, "expected_release_date"):
        return _window(a.get("expected_release_date"), TODAY, until)
    r = a.get("release_date")
    return None if r is None else TODAY < r <= until  # type: ignore[operator]


def pre_release(a: A, until: date) -> V:
    if a.get("in_custody") is False or a.get("release_facility_type") == "none":
        return False
    return expected_release_within(a, until)


def in_county_jail(a: A) -> V:
    """In county jail now: in_custody; else a release date after today; else last held in
    county jail. Not if last held elsewhere, or serving a prison term."""
    if answered(a, "in_custody"):
        now: V = a["in_custody"] is True
    elif answered(a, "release_date"):
        now = a["release_date"] > TODAY  # type: ignore[operator]
    else:
        now = eq(a, "release_facility_type", "county_jail")
    return all3(now, a.get("release_facility_type") not in NOT_IN_COUNTY_JAIL,
                a.get("currently_incarcerated_felony") is not True)


def reentry_population(a: A) -> V:
    return any3(released_within(a, MINUS_12_MONTHS), under_supervision(a, REENTRY_SUPERVISION),
                pre_release(a, PLUS_90_DAYS))


def general_reentry(a: A) -> V:
    return all3(reentry_population(a), age_at_least(a, MIN_AGE), la_resident(a))


def smi(a: A) -> V:
    """(mental_health_diagnosis == true or answered(smi_diagnosis)) and smi_diagnosis == true"""
    return all3(any3(eq(a, "mental_health_diagnosis", True), answered(a, "smi_diagnosis")),
                eq(a, "smi_diagnosis", True))


def mental_health(a: A) -> V:
    """mental_health_diagnosis == true or (answered(smi_diagnosis) and smi_diagnosis == true)"""
    return any3(eq(a, "mental_health_diagnosis", True), a.get("smi_diagnosis") is True)


def _screen(a: A, s: A, inst: str, items: tuple[str, ...], cut: int) -> V:
    """A screen counts when given (any item answered); not given, it is not positive."""
    if not any(answered(a, item) for item in items):
        return False
    return score_at_least(s, inst, cut)


def depression(a: A, s: A) -> V:
    return _screen(a, s, "phq9", PHQ9_ITEMS, PHQ9_CUT)


def anxiety(a: A, s: A) -> V:
    return _screen(a, s, "gad7", GAD7_ITEMS, GAD7_CUT)


def drugs(a: A, s: A) -> V:
    return _screen(a, s, "dast10", DAST10_ITEMS, DAST10_CUT)


def ptsd(a: A, s: A) -> V:
    return _screen(a, s, "pcptsd5", ("pcptsd5_trauma",), PCPTSD5_CUT)


def alcohol(a: A, s: A) -> V:
    if not answered(a, "auditc_1"):
        return False
    return any3(score_at_least(s, "auditc", AUDITC_CUT_MEN),
                all3(score_at_least(s, "auditc", AUDITC_CUT_OTHERS), ne(a, "gender", "man")))


def suicide_risk(a: A) -> V:
    return answered(a, "phq9_9") and a["phq9_9"] > 0  # type: ignore[operator]


def medi_cal(a: A) -> V:
    """health_coverage == 'medi_cal' or (answered(benefits_current) and any_of(..., medi_cal))"""
    benefits = a.get("benefits_current")
    return any3(eq(a, "health_coverage", "medi_cal"),
                benefits is not None and "medi_cal" in benefits)  # type: ignore[operator]


def medi_cal_eligible(a: A) -> V:
    income = a.get("income_monthly")
    return any3(medi_cal(a), None if income is None else income <= MEDI_CAL_LIMIT)  # type: ignore[operator]


def clinical(a: A) -> V:
    dob = a.get("dob")
    return any3(False,  # not calaim_clinical_criteria_required
                None if dob is None else years(dob, TODAY) <= CALAIM_YOUTH_MAX_AGE,
                mental_health(a), eq(a, "substance_use_past_year", True),
                has_any(a, "health_conditions", LISTED_CONDITIONS))


def not_violating(a: A) -> V:
    return a.get("supervision_violation_pending") is not True


def not_receiving(a: A, benefit: str) -> V:
    benefits = a.get("benefits_current")
    return benefits is None or benefit not in benefits  # type: ignore[operator]


# -- service navigation ----------------------------------------------------------------------

def ricms(a: A, s: A) -> V:
    need = any3(eq(a, "mental_health_diagnosis", True), smi(a),
                eq(a, "substance_use_past_year", True), depression(a, s), anxiety(a, s),
                alcohol(a, s), drugs(a, s), ptsd(a, s))
    pretrial = all3(True,  # ricms_in_custody_pretrial (from 2022-01-01)
                    eq(a, "supervision_type", "pretrial"), in_county_jail(a))
    pathway = any3(released_within(a, MINUS_12_MONTHS), pretrial)
    # la_resident: not ricms_require_la_residency (true) or county == 'los_angeles'
    return all3(need, pathway, age_at_least(a, MIN_AGE), la_resident(a))


def probation_reentry_center(a: A, s: A) -> V:
    return under_supervision(a, ("probation_felony",))


def basic_needs(a: A) -> V:
    docs = a.get("documents_on_hand")
    no_id = None if docs is None else not any(
        d in ("state_id", "drivers_license") for d in docs)  # type: ignore[attr-defined]
    benefits = a.get("benefits_current")
    no_benefits = None if benefits is None else not any(
        b in BASIC_BENEFITS for b in benefits)  # type: ignore[attr-defined]
    return any3(no_id, isin(a, "housing_status", RENTAL_SUBSIDY_HOUSING),
                all3(eq(a, "income_monthly", 0), no_benefits),
                eq(a, "health_coverage", "none"))


def basic_needs_linkage(a: A, s: A) -> V:
    return all3(general_reentry(a), basic_needs(a))


def reunification_goal(a: A) -> V:
    kids = a.get("children_under_18")
    gate = any3(None if kids is None else kids > 0,  # type: ignore[operator]
                answered(a, "family_reunification_goal"))
    return all3(gate, eq(a, "family_reunification_goal", True))


def family_reunification_linkage(a: A, s: A) -> V:
    return all3(general_reentry(a), reunification_goal(a))


def legal_assistance_linkage(a: A, s: A) -> V:
    return all3(general_reentry(a), has_any(a, "legal_needs", LEGAL_NEEDS))


def peer_mentorship(a: A, s: A) -> V:
    return general_reentry(a)


def income_below_grant(a: A) -> V:
    income = a.get("income_monthly")
    return None if income is None else income < GR_MAX_GRANT  # type: ignore[operator]


def general_relief_linkage(a: A, s: A) -> V:
    return all3(general_reentry(a), not_receiving(a, "general_relief"), not_violating(a),
                income_below_grant(a))


def calfresh_linkage(a: A, s: A) -> V:
    return all3(general_reentry(a), not_receiving(a, "calfresh"), not_violating(a))


# -- physical health -------------------------------------------------------------------------

def pcp_linkage(a: A, s: A) -> V:
    return all3(general_reentry(a), eq(a, "has_primary_care", False))


def health_benefits_enrollment(a: A, s: A) -> V:
    return all3(general_reentry(a), isin(a, "health_coverage", ("none", "unknown")))


def medi_cal_restoration(a: A, s: A) -> V:
    return all3(general_reentry(a), medi_cal(a))


def calaim_prerelease_services(a: A, s: A) -> V:
    return all3(True,  # calaim_prerelease_live (from 2026-10-01)
                pre_release(a, PLUS_90_DAYS), medi_cal_eligible(a), clinical(a))


def calaim_ecm(a: A, s: A) -> V:
    return all3(released_within(a, MINUS_12_MONTHS), medi_cal_eligible(a), clinical(a))


# -- behavioral health -----------------------------------------------------------------------

def mh_sud_linkage(a: A, s: A) -> V:
    need = any3(mental_health(a), eq(a, "substance_use_past_year", True), suicide_risk(a),
                depression(a, s), anxiety(a, s), alcohol(a, s), drugs(a, s), ptsd(a, s))
    return all3(general_reentry(a), need)


def cbt(a: A, s: A) -> V:
    return general_reentry(a)


def coin(a: A, s: A) -> V:
    return all3(under_supervision(a, COIN_SUPERVISION), eq(a, "substance_use_past_year", True),
                smi(a))


def serving_jail_sentence(a: A) -> V:
    """In county jail now, not pretrial, and neither a prison term nor a prison transfer:
    those two questions count only when answered, or where the intake asks them."""
    in_custody = a.get("in_custody") is True
    if answered(a, "currently_incarcerated_felony") or in_custody:
        no_prison_term = eq(a, "currently_incarcerated_felony", False)
    else:
        no_prison_term = True
    if answered(a, "awaiting_prison_transfer") or (
            in_custody and a.get("offense_level") == "felony"):
        no_transfer = eq(a, "awaiting_prison_transfer", False)
    else:
        no_transfer = True
    return all3(in_county_jail(a), ne(a, "supervision_type", "pretrial"), no_prison_term,
                no_transfer)


def start_community(a: A, s: A) -> V:
    return all3(serving_jail_sentence(a), expected_release_within(a, PLUS_90_DAYS),
                any3(eq(a, "substance_use_past_year", True), drugs(a, s)))


# -- housing ---------------------------------------------------------------------------------

def interim_housing(a: A, s: A) -> V:
    return all3(la_resident(a), reentry_population(a),
                known_isin(a, "housing_status", UNSTABLE_HOUSING))


def rental_subsidy(a: A, s: A) -> V:
    return all3(la_resident(a), reentry_population(a),
                known_isin(a, "housing_status", RENTAL_SUBSIDY_HOUSING))


def felony_pathway(a: A) -> V:
    """Only a known misdemeanor, another supervision or a prison transfer rules it out."""
    st = a.get("supervision_type")
    return all3(a.get("offense_level") != "misdemeanor",
                st is None or st in ODR_PATHWAY_SUPERVISION,
                a.get("awaiting_prison_transfer") is not True)


def odr_housing(a: A, s: A) -> V:
    return all3(known_isin(a, "housing_status", ODR_HOMELESS), smi(a), in_county_jail(a),
                felony_pathway(a))


# -- employment and education ----------------------------------------------------------------

def community_college_programs(a: A, s: A) -> V:
    return all3(general_reentry(a), ne(a, "education_level", "degree"))


def paid_work_experience(a: A, s: A) -> V:
    return all3(general_reentry(a), isin(a, "employment_status", JOB_SEEKING))


def sector_skills_training(a: A, s: A) -> V:
    return all3(general_reentry(a), isin(a, "employment_status", JOB_SEEKING))


def financial_coaching(a: A, s: A) -> V:
    return general_reentry(a)


# -- civic engagement ------------------------------------------------------------------------

def not_imprisoned_for_felony(a: A) -> V:
    """The prison-term question decides; unanswered, another answer that rules a prison term
    out stands in for it."""
    in_custody = a.get("in_custody")
    release = a.get("release_date")
    ruled_out = (in_custody is False
                 or (release is not None and release <= TODAY  # type: ignore[operator]
                     and in_custody is not True)
                 or a.get("release_facility_type") in NOT_IMPRISONED_FACILITY
                 or a.get("supervision_type") in NOT_IMPRISONED_SUPERVISION)
    if answered(a, "currently_incarcerated_felony") or not ruled_out:
        return eq(a, "currently_incarcerated_felony", False)
    return True


def not_awaiting_prison_transfer(a: A) -> V:
    if answered(a, "awaiting_prison_transfer") or (
            a.get("in_custody") is True and a.get("offense_level") == "felony"):
        return eq(a, "awaiting_prison_transfer", False)
    return True


def voter_registration(a: A, s: A) -> V:
    dob = a.get("dob")
    old_enough = None if dob is None else (
        years(dob, max(NEXT_ELECTION, TODAY)) >= VOTING_AGE
        or years(dob, TODAY) >= PREREGISTRATION_AGE)
    return all3(eq(a, "us_citizen", True),
                known_isin(a, "county_of_residence", ("los_angeles", "other_ca")),
                old_enough, not_imprisoned_for_felony(a), not_awaiting_prison_transfer(a),
                True,  # parole_allowed: parolees_may_register (from 2021-01-01)
                a.get("incompetent_to_vote_finding") is not True)


def voter_education(a: A, s: A) -> V:
    return True


# -- step down -------------------------------------------------------------------------------

def step_down_pilot(a: A, s: A) -> V:
    failures = a.get("prior_program_failures")
    return all3(True,  # pilot_open (from 2026-01-01)
                smi(a), a.get("odr_diversion_history") is not False,
                None if failures is None else failures >= MIN_PRIOR_FAILURES,  # type: ignore[operator]
                age_at_least(a, MIN_AGE), la_resident(a))


PROGRAMS: dict[str, Callable[[A, A], V]] = {
    f.__name__: f for f in (
        mh_sud_linkage, cbt, coin, start_community, voter_registration, voter_education,
        community_college_programs, paid_work_experience, sector_skills_training,
        financial_coaching, interim_housing, rental_subsidy, odr_housing, pcp_linkage,
        health_benefits_enrollment, medi_cal_restoration, calaim_prerelease_services,
        calaim_ecm, ricms, probation_reentry_center, basic_needs_linkage,
        family_reunification_linkage, legal_assistance_linkage, peer_mentorship,
        step_down_pilot, general_relief_linkage, calfresh_linkage,
    )
}


def screen_all(a: A, s: A) -> dict[str, V]:
    """Every program at once, as a careful hand-writer would: shared parts worked out once."""
    age = None if a.get("dob") is None else years(a["dob"], TODAY)
    adult = None if age is None else age >= MIN_AGE
    la = la_resident(a)
    released = released_within(a, MINUS_12_MONTHS)
    pre = pre_release(a, PLUS_90_DAYS)
    population = any3(released, under_supervision(a, REENTRY_SUPERVISION), pre)
    general = all3(population, adult, la)
    has_smi = smi(a)
    mental = mental_health(a)
    sud = eq(a, "substance_use_past_year", True)
    screens = any3(depression(a, s), anxiety(a, s), alcohol(a, s), drugs(a, s), ptsd(a, s))
    medi = medi_cal_eligible(a)
    clin = any3(None if age is None else age <= CALAIM_YOUTH_MAX_AGE, mental, sud,
                has_any(a, "health_conditions", LISTED_CONDITIONS))
    jobs = isin(a, "employment_status", JOB_SEEKING)
    jail = in_county_jail(a)
    not_violating_ = not_violating(a)
    out: dict[str, V] = {
        "mh_sud_linkage": all3(general, any3(mental, sud, suicide_risk(a), screens)),
        "cbt": general,
        "coin": all3(under_supervision(a, COIN_SUPERVISION), sud, has_smi),
        "start_community": all3(serving_jail_sentence(a),
                                expected_release_within(a, PLUS_90_DAYS),
                                any3(sud, drugs(a, s))),
        "voter_registration": voter_registration(a, s),
        "voter_education": True,
        "community_college_programs": all3(general, ne(a, "education_level", "degree")),
        "paid_work_experience": all3(general, jobs),
        "sector_skills_training": all3(general, jobs),
        "financial_coaching": general,
        "interim_housing": all3(la, population,
                                known_isin(a, "housing_status", UNSTABLE_HOUSING)),
        "rental_subsidy": all3(la, population,
                               known_isin(a, "housing_status", RENTAL_SUBSIDY_HOUSING)),
        "odr_housing": all3(known_isin(a, "housing_status", ODR_HOMELESS), has_smi, jail,
                            felony_pathway(a)),
        "pcp_linkage": all3(general, eq(a, "has_primary_care", False)),
        "health_benefits_enrollment": all3(general, isin(a, "health_coverage",
                                                         ("none", "unknown"))),
        "medi_cal_restoration": all3(general, medi_cal(a)),
        "calaim_prerelease_services": all3(pre, medi, clin),
        "calaim_ecm": all3(released, medi, clin),
        "ricms": all3(any3(eq(a, "mental_health_diagnosis", True), has_smi, sud, screens),
                      any3(released, all3(eq(a, "supervision_type", "pretrial"), jail)),
                      adult, la),
        "probation_reentry_center": under_supervision(a, ("probation_felony",)),
        "basic_needs_linkage": all3(general, basic_needs(a)),
        "family_reunification_linkage": all3(general, reunification_goal(a)),
        "legal_assistance_linkage": all3(general, has_any(a, "legal_needs", LEGAL_NEEDS)),
        "peer_mentorship": general,
        "step_down_pilot": step_down_pilot(a, s),
        "general_relief_linkage": all3(general, not_receiving(a, "general_relief"),
                                       not_violating_, income_below_grant(a)),
        "calfresh_linkage": all3(general, not_receiving(a, "calfresh"), not_violating_),
    }
    return out

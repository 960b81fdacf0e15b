"""The seven rule files written by hand as Python predicates (for rescreen_bench.py only).

`screen_all(answers, scores)` gives every program's value: True / False / None (None =
unknown), with the parameter values in force on the bench's day written in as constants and
the same three-valued logic the rules use. The bench checks that every outcome agrees with
the rule engine, so this file is also an independent second reading of the YAML rules
(brought up to date with issue 15: rules fidelity).

Reading notes (the idioms of rules/*.yaml):
- An unanswered field is unknown; `answered(x)` itself is always known.
- `not (answered(x) and x == v)` is "x is not v": true when x is unanswered.
- `(a if c else b)` in the rules always has a known `c` (built from answered()), so it is a
  plain Python `a if c else b` here.
- `unknown_when: "x == 'unknown'"`: the answer "unknown" counts as unanswered.
"""

from __future__ import annotations

from collections.abc import Mapping
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
                          "staying_with_others", "rent_own")
ODR_HOMELESS = ("unsheltered", "emergency_shelter", "transitional")
ODR_MAYBE_HOMELESS = ("staying_with_others",)
NOT_STABLY_HOUSED = ("unsheltered", "emergency_shelter", "transitional", "staying_with_others")
# Physical health (pre-release services live in county jails from 2026-10-01 and in state
# prisons from 2025-02-03; the restricted-scope rule for new applicants from 2026-01-01).
PRERELEASE_FACILITIES = ("county_jail", "state_prison")
MEDI_CAL_LIMIT = 1799.75  # medi_cal_income_limit_monthly, from 2025-01-01
CALAIM_YOUTH_MAX_AGE = 20
RESTRICTED_SCOPE_MIN_AGE = 19
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
# Step-down (both programs share the cohort; status does not change the outcome).
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


def none_of(a: A, field: str, values: tuple[str, ...]) -> V:
    return _not(has_any(a, field, values))


def full_scope_open(a: A, age: int | None) -> V:
    """Not a new adult applicant with unsatisfactory status who is not pregnant (2026 rule);
    immigration_status 'unknown' counts as unanswered."""
    status = a.get("immigration_status")
    status = None if status == "unknown" else status
    if answered(a, "us_citizen"):
        unsatisfactory: V = None if status is None else status == "unsatisfactory"
    else:
        unsatisfactory = True
    return _not(all3(eq(a, "us_citizen", False), unsatisfactory,
                     None if age is None else age >= RESTRICTED_SCOPE_MIN_AGE,
                     none_of(a, "health_conditions", ("pregnant_postpartum",))))


def medi_cal_eligible(a: A, age: int | None) -> V:
    income = a.get("income_monthly")
    low = None if income is None else income <= MEDI_CAL_LIMIT  # type: ignore[operator]
    return any3(medi_cal(a), all3(low, full_scope_open(a, age)))


def substance_problem(a: A, s: A) -> V:
    """A named problem substance (after past-year use), a diagnosis, or a positive screen."""
    return any3(all3(eq(a, "substance_use_past_year", True), ne(a, "primary_substance", "none")),
                a.get("sud_diagnosis") is True, alcohol(a, s), drugs(a, s))


def released_ever(a: A) -> V:
    """Released on or before today (no window), not back in custody or never in custody."""
    r = a.get("release_date")
    return all3(None if r is None else r <= TODAY,  # type: ignore[operator]
                a.get("in_custody") is not True,
                a.get("currently_incarcerated_felony") is not True,
                a.get("release_facility_type") != "none")


def housing_need(a: A, statuses: tuple[str, ...]) -> V:
    """Tonight's housing, or (in jail, a hospital or treatment) where they will sleep on
    leaving; not knowing where is a need. Tonight 'unknown' counts as unanswered."""
    tonight = a.get("housing_status")
    tonight = None if tonight == "unknown" else tonight
    on_leaving: V = False
    if tonight == "institution":
        r = a.get("housing_on_release")
        on_leaving = None if r is None else (r in statuses or r == "unknown")
    return any3(None if tonight is None else tonight in statuses, on_leaving)


def odr_homeless(a: A) -> V:
    """Literal homelessness; staying with others (or not knowing) is left unknown."""
    tonight, on_leaving = a.get("housing_status"), a.get("housing_on_release")
    if (tonight == "unknown" or tonight in ODR_MAYBE_HOMELESS or on_leaving == "unknown"
            or on_leaving in ODR_MAYBE_HOMELESS):
        return None
    nested: V = False
    if tonight == "institution":
        nested = None if on_leaving is None else on_leaving in ODR_HOMELESS
    return any3(None if tonight is None else tonight in ODR_HOMELESS, nested)


def not_stably_housed(a: A) -> V:
    tonight = a.get("housing_status")
    nested: V = False
    if tonight == "institution":
        nested = isin(a, "housing_on_release", NOT_STABLY_HOUSED)
    return any3(isin(a, "housing_status", NOT_STABLY_HOUSED), nested)


def custody_status(a: A) -> object:
    """The custody-status answer, 'unknown' counting as unanswered."""
    value = a.get("custody_status")
    return None if value == "unknown" else value


def awaiting_trial(a: A) -> V:
    cs = custody_status(a)
    if cs is not None:
        return cs == "awaiting_trial"
    return True if a.get("supervision_type") == "pretrial" else None


def serving_jail_sentence(a: A) -> V:
    """In county jail now, serving a sentence (asked, never guessed), no prison transfer."""
    cs = custody_status(a)
    if cs is not None:
        serving: V = cs == "serving_sentence"
    else:
        serving = False if a.get("supervision_type") == "pretrial" else None
    return all3(in_county_jail(a), a.get("awaiting_prison_transfer") is not True, serving)


def basic_needs(a: A) -> V:
    docs = a.get("documents_on_hand")
    no_id = None if docs is None else not any(
        d in ("state_id", "drivers_license") for d in docs)  # type: ignore[attr-defined]
    benefits = a.get("benefits_current")
    no_benefits = None if benefits is None else not any(
        b in BASIC_BENEFITS for b in benefits)  # type: ignore[attr-defined]
    return any3(no_id, not_stably_housed(a),
                all3(eq(a, "income_monthly", 0), no_benefits),
                eq(a, "health_coverage", "none"))


def not_receiving(a: A, benefit: str) -> V:
    benefits = a.get("benefits_current")
    return benefits is None or benefit not in benefits  # type: ignore[operator]


def income_below_grant(a: A) -> V:
    income = a.get("income_monthly")
    return None if income is None else income < GR_MAX_GRANT  # type: ignore[operator]


def not_imprisoned_for_felony(a: A) -> V:
    """The prison-term question decides; unanswered, another answer that rules a prison term
    out stands in for it."""
    in_custody = a.get("in_custody")
    release = a.get("release_date")
    ruled_out = (in_custody is False
                 or (release is not None and release <= TODAY  # type: ignore[operator]
                     and in_custody is not True)
                 or a.get("release_facility_type") in NOT_IMPRISONED_FACILITY
                 or a.get("custody_status") == "awaiting_trial"
                 or a.get("supervision_type") in NOT_IMPRISONED_SUPERVISION)
    if answered(a, "currently_incarcerated_felony") or not ruled_out:
        return eq(a, "currently_incarcerated_felony", False)
    return True


def not_awaiting_prison_transfer(a: A) -> V:
    if answered(a, "awaiting_prison_transfer") or (
            a.get("in_custody") is True and a.get("offense_level") == "felony"):
        return eq(a, "awaiting_prison_transfer", False)
    return True


def voter_registration(a: A) -> V:
    dob = a.get("dob")
    old_enough = None if dob is None else (
        years(dob, max(NEXT_ELECTION, TODAY)) >= VOTING_AGE
        or years(dob, TODAY) >= PREREGISTRATION_AGE)
    return all3(eq(a, "us_citizen", True),
                known_isin(a, "county_of_residence", ("los_angeles", "other_ca")),
                old_enough, not_imprisoned_for_felony(a), not_awaiting_prison_transfer(a),
                True,  # parole_allowed: parolees_may_register (from 2021-01-01)
                a.get("incompetent_to_vote_finding") is not True)


def screen_all(a: A, s: A) -> dict[str, V]:
    """Every program at once, as a careful hand-writer would: shared parts worked out once."""
    age = None if a.get("dob") is None else years(a["dob"], TODAY)
    adult = None if age is None else age >= MIN_AGE
    not_minor = age is None or age >= MIN_AGE  # housing: only a known minor is ruled out
    la = la_resident(a)
    released = released_within(a, MINUS_12_MONTHS)
    pre = pre_release(a, PLUS_90_DAYS)
    supervised = under_supervision(a, REENTRY_SUPERVISION)
    population = any3(released, supervised, pre)
    general = all3(population, adult, la)
    benefits_population = all3(any3(released_ever(a), supervised, pre), adult, la)
    has_smi = smi(a)
    mental = mental_health(a)
    sud = substance_problem(a, s)
    mind = any3(suicide_risk(a), depression(a, s), anxiety(a, s), ptsd(a, s))
    medi = medi_cal_eligible(a, age)
    clin = any3(None if age is None else age <= CALAIM_YOUTH_MAX_AGE, mental, sud,
                has_any(a, "health_conditions", LISTED_CONDITIONS))
    jobs = isin(a, "employment_status", JOB_SEEKING)
    jail = in_county_jail(a)
    not_revoked = a.get("supervision_revoked") is not True
    facility = a.get("release_facility_type")
    failures = a.get("prior_program_failures")
    cohort = all3(has_smi, a.get("odr_diversion_history") is not False,
                  None if failures is None else failures >= MIN_PRIOR_FAILURES,  # type: ignore[operator]
                  adult, la)
    out: dict[str, V] = {
        "mh_sud_linkage": all3(general, any3(mental, mind, sud)),
        "cbt": general,
        "coin": all3(under_supervision(a, COIN_SUPERVISION),
                     any3(eq(a, "supervision_violation_pending", True),
                          a.get("supervision_revoked") is True),
                     sud, has_smi),
        "start_community": all3(serving_jail_sentence(a),
                                expected_release_within(a, PLUS_90_DAYS), sud),
        "voter_registration": voter_registration(a),
        "voter_education": True,
        "community_college_programs": all3(general, ne(a, "education_level", "degree")),
        "paid_work_experience": all3(general, jobs),
        "sector_skills_training": all3(general, jobs),
        "financial_coaching": general,
        "interim_housing": all3(la, not_minor, population, housing_need(a, UNSTABLE_HOUSING)),
        "rental_subsidy": all3(la, not_minor, population,
                               housing_need(a, RENTAL_SUBSIDY_HOUSING)),
        "odr_housing": all3(odr_homeless(a), has_smi,
                            all3(jail, a.get("held_in_la_county_jail") is not False),
                            a.get("offense_level") != "misdemeanor",
                            a.get("awaiting_prison_transfer") is not True),
        "pcp_linkage": all3(general, eq(a, "has_primary_care", False)),
        "health_benefits_enrollment": all3(benefits_population,
                                           isin(a, "health_coverage", ("none", "unknown"))),
        "medi_cal_restoration": all3(any3(released, pre), adult, la, medi_cal(a)),
        "calaim_prerelease_services": all3(
            None if facility is None else facility in PRERELEASE_FACILITIES, pre, medi, clin),
        "calaim_ecm": all3(released, medi, clin),
        "ricms": all3(any3(eq(a, "mental_health_diagnosis", True), has_smi, mind, sud),
                      any3(released, all3(True,  # ricms_in_custody_pretrial (from 2022)
                                          jail, awaiting_trial(a))),
                      adult, la),
        "probation_reentry_center": under_supervision(a, ("probation_felony",)),
        "basic_needs_linkage": all3(general, basic_needs(a)),
        "family_reunification_linkage": all3(general, eq(a, "family_reunification_goal", True)),
        "legal_assistance_linkage": all3(general, has_any(a, "legal_needs", LEGAL_NEEDS)),
        "peer_mentorship": general,
        "step_down_listening_sessions": cohort,
        "step_down_pilot": cohort,
        "general_relief_linkage": all3(benefits_population, not_receiving(a, "general_relief"),
                                       not_revoked, income_below_grant(a)),
        "calfresh_linkage": all3(benefits_population, not_receiving(a, "calfresh"),
                                 not_revoked),
    }
    return out

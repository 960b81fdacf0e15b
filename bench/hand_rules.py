"""The seven rule files written by hand as Python predicates (for rescreen_bench.py only).

Each program is a function of (answers, scores) returning True / False / None (None =
unknown), with the parameter values in force on the bench's day written in as constants and
the same three-valued logic the rules use. The bench checks that every outcome agrees with
the rule engine, so this file is also an independent second reading of the YAML rules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

A = Mapping[str, object]
V = bool | None  # three-valued: None is unknown

TODAY = date(2026, 11, 25)
MINUS_12_MONTHS = TODAY + relativedelta(months=-12)
PLUS_90_DAYS = TODAY + timedelta(days=90)
WEEK_AGO = TODAY - timedelta(days=7)
NEXT_ELECTION = date(2028, 3, 7)
REENTRY_SUPERVISION = frozenset({"probation_felony", "probation_misdemeanor", "prcs",
                                 "parole_state", "mandatory_supervision", "federal"})
MEDI_CAL_LIMIT = 1799.75


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


def eq(a: A, field: str, value: object) -> V:
    v = a.get(field)
    return None if v is None else v == value


def isin(a: A, field: str, values: frozenset[str] | tuple[str, ...]) -> V:
    v = a.get(field)
    return None if v is None else v in values


def has_any(a: A, field: str, values: tuple[str, ...]) -> V:
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


def released_within(a: A, since: date) -> V:
    gate = any3(eq(a, "in_custody", False), a.get("release_date") is not None)
    r = a.get("release_date")
    recent = None if r is None else since <= r <= TODAY  # type: ignore[operator]
    return all3(gate, recent)


def pre_release(a: A, until: date) -> V:
    e = a.get("expected_release_date")
    window = None if e is None else TODAY <= e <= until  # type: ignore[operator]
    return all3(eq(a, "in_custody", True), window)


def general_reentry(a: A) -> V:
    population = any3(released_within(a, MINUS_12_MONTHS),
                      isin(a, "supervision_type", REENTRY_SUPERVISION),
                      pre_release(a, PLUS_90_DAYS))
    return all3(population, age_at_least(a, 18), la_resident(a))


def la_resident(a: A) -> V:
    c = a.get("county_of_residence")
    return None if c is None or c == "unknown" else c == "los_angeles"


def smi(a: A) -> V:
    return all3(any3(eq(a, "mental_health_diagnosis", True), "smi_diagnosis" in a),
                eq(a, "smi_diagnosis", True))


def mh_or_smi(a: A) -> V:
    return any3(eq(a, "mental_health_diagnosis", True),
                "smi_diagnosis" in a and eq(a, "smi_diagnosis", True))


def alcohol(a: A, s: A) -> V:
    gate = any3(eq(a, "substance_use_past_year", True), "auditc_1" in a)
    positive = any3(score_at_least(s, "auditc", 4),
                    all3(score_at_least(s, "auditc", 3), _not(eq(a, "gender", "man"))))
    return all3(gate, positive)


def drugs(a: A, s: A) -> V:
    gate = any3(eq(a, "substance_use_past_year", True), "dast10_1" in a)
    return all3(gate, score_at_least(s, "dast10", 3))


def _not(v: V) -> V:
    return None if v is None else not v


# -- service navigation ----------------------------------------------------------------------

def ricms(a: A, s: A) -> V:
    need = any3(eq(a, "mental_health_diagnosis", True), smi(a),
                eq(a, "substance_use_past_year", True), score_at_least(s, "phq9", 10),
                score_at_least(s, "gad7", 10), alcohol(a, s), drugs(a, s),
                score_at_least(s, "pcptsd5", 3))
    pathway = any3(released_within(a, MINUS_12_MONTHS),
                   all3(eq(a, "in_custody", True), eq(a, "supervision_type", "pretrial")))
    return all3(need, pathway, age_at_least(a, 18), la_resident(a))


def probation_reentry_center(a: A, s: A) -> V:
    return eq(a, "supervision_type", "probation_felony")


def basic_needs_linkage(a: A, s: A) -> V:
    docs = a.get("documents_on_hand")
    no_id = None if docs is None else not any(
        d in ("state_id", "drivers_license") for d in docs)  # type: ignore[attr-defined]
    benefits = a.get("benefits_current")
    no_benefits = None if benefits is None else not any(
        b in ("calfresh", "general_relief", "ssi", "ssdi") for b in benefits)  # type: ignore[attr-defined]
    need = any3(no_id,
                isin(a, "housing_status", ("unsheltered", "emergency_shelter", "transitional",
                                           "staying_with_others")),
                all3(eq(a, "income_monthly", 0), no_benefits),
                eq(a, "health_coverage", "none"))
    return all3(general_reentry(a), need)


def family_reunification_linkage(a: A, s: A) -> V:
    kids = a.get("children_under_18")
    gate = any3(None if kids is None else kids > 0,  # type: ignore[operator]
                "family_reunification_goal" in a)
    return all3(general_reentry(a), all3(gate, eq(a, "family_reunification_goal", True)))


def legal_assistance_linkage(a: A, s: A) -> V:
    return all3(general_reentry(a), has_any(a, "legal_needs", (
        "record_clearance", "child_support", "fines_fees", "immigration", "id_documents")))


def _not_violating(a: A) -> V:
    return any3(eq(a, "supervision_violation_pending", False),
                all3("supervision_violation_pending" not in a, eq(a, "supervision_type", "none")))


def general_relief_linkage(a: A, s: A) -> V:
    benefits = a.get("benefits_current")
    income = a.get("income_monthly")
    return all3(general_reentry(a),
                None if benefits is None else "general_relief" not in benefits,  # type: ignore[operator]
                _not_violating(a), None if income is None else income < 221)  # type: ignore[operator]


def calfresh_linkage(a: A, s: A) -> V:
    benefits = a.get("benefits_current")
    return all3(general_reentry(a),
                None if benefits is None else "calfresh" not in benefits,  # type: ignore[operator]
                _not_violating(a))


def peer_mentorship(a: A, s: A) -> V:
    return general_reentry(a)


# -- physical health -------------------------------------------------------------------------

def has_medi_cal(a: A) -> V:
    return any3(eq(a, "health_coverage", "medi_cal"), has_any(a, "benefits_current",
                                                              ("medi_cal",)))


def medi_cal_eligible(a: A) -> V:
    income = a.get("income_monthly")
    return any3(has_medi_cal(a), None if income is None else income <= MEDI_CAL_LIMIT)  # type: ignore[operator]


def clinical(a: A) -> V:
    dob = a.get("dob")
    return any3(False, None if dob is None else years(dob, TODAY) <= 20, mh_or_smi(a),
                eq(a, "substance_use_past_year", True),
                has_any(a, "health_conditions", ("chronic_condition", "idd", "tbi", "hiv_aids",
                                                 "pregnant_postpartum")))


def pcp_linkage(a: A, s: A) -> V:
    return all3(general_reentry(a), eq(a, "has_primary_care", False))


def health_benefits_enrollment(a: A, s: A) -> V:
    return all3(general_reentry(a), isin(a, "health_coverage", ("none", "unknown")))


def medi_cal_restoration(a: A, s: A) -> V:
    return all3(general_reentry(a), has_medi_cal(a))


def calaim_prerelease_services(a: A, s: A) -> V:
    return all3(True, pre_release(a, PLUS_90_DAYS), medi_cal_eligible(a), clinical(a))


def calaim_ecm(a: A, s: A) -> V:
    return all3(released_within(a, MINUS_12_MONTHS), medi_cal_eligible(a), clinical(a))


# -- behavioral health -----------------------------------------------------------------------

def mh_sud_linkage(a: A, s: A) -> V:
    item9 = a.get("phq9_9")
    need = any3(mh_or_smi(a), eq(a, "substance_use_past_year", True),
                None if item9 is None else item9 > 0,  # type: ignore[operator]
                score_at_least(s, "phq9", 10), score_at_least(s, "gad7", 10),
                alcohol(a, s), drugs(a, s), score_at_least(s, "pcptsd5", 3))
    return all3(general_reentry(a), need)


def cbt(a: A, s: A) -> V:
    return general_reentry(a)


def coin(a: A, s: A) -> V:
    return all3(isin(a, "supervision_type", ("prcs", "mandatory_supervision")),
                eq(a, "substance_use_past_year", True), smi(a))


def start_community(a: A, s: A) -> V:
    sentenced = all3(eq(a, "in_custody", True), _not(eq(a, "supervision_type", "pretrial")),
                     any3(eq(a, "awaiting_prison_transfer", False),
                          eq(a, "offense_level", "misdemeanor")),
                     eq(a, "currently_incarcerated_felony", False))
    e = a.get("expected_release_date")
    final = None if e is None else TODAY <= e <= PLUS_90_DAYS  # type: ignore[operator]
    return all3(sentenced, final, any3(eq(a, "substance_use_past_year", True), drugs(a, s)))


# -- housing ---------------------------------------------------------------------------------

def _housing(a: A, statuses: tuple[str, ...]) -> V:
    h = a.get("housing_status")
    status = None if h is None or h == "unknown" else h in statuses
    population = any3(released_within(a, MINUS_12_MONTHS),
                      isin(a, "supervision_type", REENTRY_SUPERVISION),
                      pre_release(a, PLUS_90_DAYS))
    return all3(la_resident(a), population, status)


def interim_housing(a: A, s: A) -> V:
    return _housing(a, ("unsheltered", "emergency_shelter", "staying_with_others"))


def rental_subsidy(a: A, s: A) -> V:
    return _housing(a, ("unsheltered", "emergency_shelter", "transitional", "staying_with_others"))


def odr_housing(a: A, s: A) -> V:
    h = a.get("housing_status")
    homeless = None if h is None or h == "unknown" else h in (
        "unsheltered", "emergency_shelter", "transitional")
    o = a.get("offense_level")
    felony = None if o is None or o == "unknown" else o == "felony"
    pathway = all3(felony, isin(a, "supervision_type", ("pretrial", "diversion",
                                                        "probation_felony")))
    return all3(homeless, smi(a), eq(a, "in_custody", True), pathway)


# -- employment and education ----------------------------------------------------------------

JOB_SEEKING = ("unemployed_seeking", "unemployed_not_seeking", "employed_part")


def community_college_programs(a: A, s: A) -> V:
    return all3(general_reentry(a), _not(eq(a, "education_level", "degree")))


def paid_work_experience(a: A, s: A) -> V:
    return all3(general_reentry(a), isin(a, "employment_status", JOB_SEEKING))


def sector_skills_training(a: A, s: A) -> V:
    return all3(general_reentry(a), isin(a, "employment_status", JOB_SEEKING))


def financial_coaching(a: A, s: A) -> V:
    return general_reentry(a)


# -- civic engagement ------------------------------------------------------------------------

COMMUNITY = REENTRY_SUPERVISION


def voter_registration(a: A, s: A) -> V:
    dob = a.get("dob")
    old_enough = None if dob is None else any3(
        years(dob, max(NEXT_ELECTION, TODAY)) >= 18, years(dob, TODAY) >= 16)
    inferred = any3(eq(a, "in_custody", False), isin(a, "supervision_type", COMMUNITY))
    not_prison = any3(eq(a, "currently_incarcerated_felony", False),
                      all3("currently_incarcerated_felony" not in a, inferred))
    not_transfer = any3(eq(a, "awaiting_prison_transfer", False),
                        all3("awaiting_prison_transfer" not in a,
                             any3(inferred, eq(a, "offense_level", "misdemeanor"))))
    competent = any3(eq(a, "incompetent_to_vote_finding", False),
                     all3("incompetent_to_vote_finding" not in a,
                          eq(a, "registered_to_vote", True)))
    return all3(eq(a, "us_citizen", True),
                isin(a, "county_of_residence", ("los_angeles", "other_ca"))
                if a.get("county_of_residence") != "unknown" else None,
                old_enough, not_prison, not_transfer, True, competent)


def voter_education(a: A, s: A) -> V:
    return True


# -- step down -------------------------------------------------------------------------------

def step_down_pilot(a: A, s: A) -> V:
    failures = a.get("prior_program_failures")
    return all3(True, smi(a), eq(a, "odr_diversion_history", True),
                None if failures is None else failures >= 2,  # type: ignore[operator]
                age_at_least(a, 18), la_resident(a))


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
    adult = None if age is None else age >= 18
    la = la_resident(a)
    released = released_within(a, MINUS_12_MONTHS)
    pre = pre_release(a, PLUS_90_DAYS)
    supervised = isin(a, "supervision_type", REENTRY_SUPERVISION)
    population = any3(released, supervised, pre)
    general = all3(population, adult, la)
    has_smi = smi(a)
    mental = mh_or_smi(a)
    sud = eq(a, "substance_use_past_year", True)
    alc, drug = alcohol(a, s), drugs(a, s)
    phq9, gad7, ptsd = (score_at_least(s, "phq9", 10), score_at_least(s, "gad7", 10),
                        score_at_least(s, "pcptsd5", 3))
    item9 = a.get("phq9_9")
    medi = medi_cal_eligible(a)
    clin = any3(None if age is None else age <= 20, mental, sud, has_any(
        a, "health_conditions", ("chronic_condition", "idd", "tbi", "hiv_aids",
                                 "pregnant_postpartum")))
    jobs = isin(a, "employment_status", JOB_SEEKING)
    h = a.get("housing_status")
    known_h = None if h is None or h == "unknown" else h
    out: dict[str, V] = {
        "mh_sud_linkage": all3(general, any3(mental, sud, None if item9 is None else item9 > 0,  # type: ignore[operator]
                                             phq9, gad7, alc, drug, ptsd)),
        "cbt": general,
        "coin": all3(isin(a, "supervision_type", ("prcs", "mandatory_supervision")), sud,
                     has_smi),
        "start_community": start_community(a, s),
        "voter_registration": voter_registration(a, s),
        "voter_education": True,
        "community_college_programs": all3(general, _not(eq(a, "education_level", "degree"))),
        "paid_work_experience": all3(general, jobs),
        "sector_skills_training": all3(general, jobs),
        "financial_coaching": general,
        "interim_housing": all3(la, population, None if known_h is None else known_h in (
            "unsheltered", "emergency_shelter", "staying_with_others")),
        "rental_subsidy": all3(la, population, None if known_h is None else known_h in (
            "unsheltered", "emergency_shelter", "transitional", "staying_with_others")),
        "odr_housing": odr_housing(a, s),
        "pcp_linkage": all3(general, eq(a, "has_primary_care", False)),
        "health_benefits_enrollment": all3(general, isin(a, "health_coverage",
                                                         ("none", "unknown"))),
        "medi_cal_restoration": all3(general, has_medi_cal(a)),
        "calaim_prerelease_services": all3(pre, medi, clin),
        "calaim_ecm": all3(released, medi, clin),
        "ricms": all3(any3(eq(a, "mental_health_diagnosis", True), has_smi, sud, phq9, gad7,
                           alc, drug, ptsd),
                      any3(released, all3(eq(a, "in_custody", True),
                                          eq(a, "supervision_type", "pretrial"))), adult, la),
        "probation_reentry_center": eq(a, "supervision_type", "probation_felony"),
        "basic_needs_linkage": basic_needs_linkage(a, s),
        "family_reunification_linkage": family_reunification_linkage(a, s),
        "legal_assistance_linkage": legal_assistance_linkage(a, s),
        "peer_mentorship": general,
        "step_down_pilot": step_down_pilot(a, s),
        "general_relief_linkage": general_relief_linkage(a, s),
        "calfresh_linkage": calfresh_linkage(a, s),
    }
    return out

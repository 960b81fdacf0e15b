"""Synthetic clients: believable, entirely fictional people and their intake answers.

Names come from Faker's English (US) and Spanish (Mexico) providers, drawn once into pools so
a million people can be made in seconds; everything else is drawn from `random.Random(seed)`,
so the same seed always gives the same people. Answers use the field ids and value sets of
`forms/intake.yaml` (DESIGN §5) and follow the form's skip logic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from screener.domain import ClientIdentity, JsonValue

_POOL = 1500
_STREETS = ("S Broadway", "W Adams Blvd", "E Cesar E Chavez Ave", "Crenshaw Blvd",
            "N Figueroa St", "Whittier Blvd", "Van Nuys Blvd", "Long Beach Blvd",
            "E Florence Ave", "W Manchester Ave", "Atlantic Blvd", "Pacific Ave")
_CITIES = ("Los Angeles", "Compton", "Long Beach", "Pomona", "Lancaster", "Palmdale",
           "El Monte", "Inglewood", "Pasadena", "Norwalk", "Downey", "Van Nuys")


@dataclass(frozen=True)
class NamePools:
    """First and last names, English- and Spanish-speaking, drawn once from Faker."""

    first_en: tuple[str, ...]
    last_en: tuple[str, ...]
    first_es: tuple[str, ...]
    last_es: tuple[str, ...]

    @classmethod
    def make(cls, seed: int) -> NamePools:
        from faker import Faker  # imported here: Faker takes a moment to load

        en = Faker("en_US")
        es = Faker("es_MX")
        en.seed_instance(seed)
        es.seed_instance(seed + 1)
        return cls(
            first_en=tuple(sorted({en.first_name() for _ in range(_POOL)})),
            last_en=tuple(sorted({en.last_name() for _ in range(_POOL)})),
            first_es=tuple(sorted({es.first_name() for _ in range(_POOL)})),
            last_es=tuple(sorted({es.last_name() for _ in range(_POOL)})),
        )


@dataclass(frozen=True)
class DemoPerson:
    """One synthetic client: identity plus the answers of their intake."""

    identity: ClientIdentity
    answers: dict[str, JsonValue]


def _pick(rng: random.Random, weighted: dict[str, float]) -> str:
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


def _iso(day: date) -> str:
    return day.isoformat()


def _phone(rng: random.Random) -> str:
    area = rng.choice(("213", "323", "310", "424", "562", "626", "661", "747", "818"))
    return f"({area}) 555-{rng.randint(100, 9999):04d}"


class PersonFactory:
    """Makes `DemoPerson`s as of a given day."""

    def __init__(self, seed: int, today: date, names: NamePools | None = None) -> None:
        self._rng = random.Random(seed)
        self._today = today
        self._names = names or NamePools.make(seed)
        self._serial = 0

    def person(self) -> DemoPerson:
        rng = self._rng
        self._serial += 1
        spanish = rng.random() < 0.42
        names = self._names
        first = rng.choice(names.first_es if spanish else names.first_en)
        last = rng.choice(names.last_es if spanish else names.last_en)
        if spanish and rng.random() < 0.35:
            last = f"{last} {rng.choice(names.last_es)}"
        age_days = rng.randint(16 * 365 + 200, 72 * 365)
        dob = self._today - timedelta(days=age_days)
        language = "es" if spanish and rng.random() < 0.7 else ("other" if rng.random() < 0.04 else "en")
        a: dict[str, JsonValue] = {
            "first_name": first,
            "last_name": last,
            "dob": _iso(dob),
            "gender": _pick(rng, {"man": 72, "woman": 24, "transgender": 1.5, "non_binary": 1,
                                  "questioning": 0.5, "declined": 1}),
            "race_ethnicity": [
                "hispanic_latina_e_o" if spanish else _pick(rng, {
                    "black_african_american_african": 40, "white": 35, "asian": 8,
                    "american_indian_alaska_native_indigenous": 3,
                    "native_hawaiian_pacific_islander": 2, "middle_eastern_north_african": 2,
                    "prefers_not_to_answer": 10})
            ],
            "preferred_language": language,
            "veteran": rng.random() < 0.05,
            "county_of_residence": _pick(rng, {"los_angeles": 86, "other_ca": 7,
                                               "out_of_state": 2, "unknown": 5}),
        }
        if language == "other":
            a["preferred_language_other"] = rng.choice(("Korean", "Tagalog", "Armenian", "Vietnamese"))
        if rng.random() < 0.1:
            a["preferred_name"] = first[:3] if len(first) > 4 else first
        if rng.random() < 0.88:
            a["phone"] = _phone(rng)
        if rng.random() < 0.25:
            a["email"] = f"{first[:1].lower()}.{self._serial}@example.org"
        if rng.random() < 0.5:
            a["address"] = {"street": f"{rng.randint(100, 19999)} {rng.choice(_STREETS)}",
                            "city": rng.choice(_CITIES), "state": "CA",
                            "zip": f"9{rng.randint(0, 1)}{rng.randint(0, 999):03d}"}
        self._custody(rng, a, dob)
        self._health(rng, a)
        self._life(rng, a, dob)
        identity = ClientIdentity(
            first_name=first, last_name=last, preferred_name=_str(a.get("preferred_name")),
            dob=_iso(dob), phone=_str(a.get("phone")),
            booking_number=_str(a.get("booking_number")), cdcr_number=_str(a.get("cdcr_number")),
            preferred_language=language,
        )
        return DemoPerson(identity=identity, answers=a)

    def _custody(self, rng: random.Random, a: dict[str, JsonValue], dob: date) -> None:
        today = self._today
        in_custody = rng.random() < 0.1
        a["in_custody"] = in_custody
        facility = _pick(rng, {"county_jail": 70, "state_prison": 25, "federal": 3, "juvenile": 2})
        a["release_facility_type"] = facility
        if in_custody:
            a["expected_release_date"] = _iso(today + timedelta(days=rng.randint(1, 90)))
            a["currently_incarcerated_felony"] = False
        else:
            a["release_date"] = _iso(today - timedelta(days=rng.randint(0, 720)))
        if facility == "county_jail" or in_custody:
            a["booking_number"] = f"{rng.randint(1000000, 9999999)}"
        a["offense_level"] = _pick(rng, {"felony": 60, "misdemeanor": 35, "unknown": 5})
        if in_custody and a["offense_level"] == "felony":
            a["awaiting_prison_transfer"] = rng.random() < 0.05
        a["odr_diversion_history"] = rng.random() < 0.1
        a["prior_program_failures"] = rng.choices(range(6), weights=(60, 18, 10, 6, 4, 2))[0]
        supervision = _pick(rng, {
            "none": 20, "probation_felony": 25, "probation_misdemeanor": 10, "prcs": 15,
            "parole_state": 15 if facility == "state_prison" else 1, "mandatory_supervision": 6,
            "federal": 2, "diversion": 5, "pretrial": 3})
        a["supervision_type"] = supervision
        if facility == "state_prison" or supervision in ("parole_state", "prcs"):
            a["cdcr_number"] = f"{rng.choice('ABCDEFGHJKT')}{rng.randint(10000, 99999)}"
        if supervision != "none":
            start = date.fromisoformat(str(a.get("release_date") or _iso(today)))
            a["supervision_end_date"] = _iso(start + relativedelta(months=rng.choice((12, 18, 24, 36))))
            a["supervision_violation_pending"] = rng.random() < 0.06

    def _health(self, rng: random.Random, a: dict[str, JsonValue]) -> None:
        a["housing_status"] = _pick(rng, {
            "unsheltered": 22, "emergency_shelter": 10, "transitional": 12,
            "staying_with_others": 28, "rent_own": 20, "institution": 3, "unknown": 5})
        if a["housing_status"] in ("staying_with_others", "transitional"):
            a["housing_can_stay_30_days"] = rng.random() < 0.5
        a["health_coverage"] = _pick(rng, {"medi_cal": 55, "medicare": 4, "private": 6, "va": 2,
                                           "none": 23, "unknown": 10})
        a["has_primary_care"] = rng.random() < 0.35
        conditions = [c for c, p in (("chronic_condition", 0.3), ("tbi", 0.08), ("idd", 0.03),
                                     ("hiv_aids", 0.02)) if rng.random() < p]
        a["health_conditions"] = _or_none(conditions)
        a["disabling_condition"] = rng.random() < 0.25
        a["needs_medication"] = rng.random() < 0.4
        mh = rng.random() < 0.38
        a["mental_health_diagnosis"] = mh
        if mh:
            a["smi_diagnosis"] = rng.random() < 0.35
            a["mental_health_in_treatment"] = rng.random() < 0.4
        # Mood and trauma screens for people with a diagnosis and about half of the others;
        # some decline.
        if rng.random() < (0.9 if mh else 0.45):
            severity = rng.random()
            for i in range(1, 10):
                a[f"phq9_{i}"] = min(3, int(rng.random() * 4 * severity + 0.3))
            for i in range(1, 8):
                a[f"gad7_{i}"] = min(3, int(rng.random() * 4 * severity + 0.2))
            trauma = rng.random() < 0.6
            a["pcptsd5_trauma"] = trauma
            if trauma:
                for i in range(1, 6):
                    a[f"pcptsd5_{i}"] = rng.random() < severity
        uses = rng.random() < 0.5
        a["substance_use_past_year"] = uses
        if uses:
            a["primary_substance"] = _pick(rng, {"methamphetamine": 35, "alcohol": 25,
                                                 "opioids": 15, "cannabis": 15, "cocaine": 7,
                                                 "other": 3})
            a["sud_treatment_interest"] = rng.random() < 0.5
            a["auditc_1"] = rng.randint(0, 4)
            if a["auditc_1"]:
                a["auditc_2"] = rng.randint(0, 4)
                a["auditc_3"] = rng.randint(0, 4)
            heavy = rng.random()
            for i in range(1, 11):
                a[f"dast10_{i}"] = rng.random() < heavy
            a["dast10_3"] = rng.random() > heavy * 0.5

    def _life(self, rng: random.Random, a: dict[str, JsonValue], dob: date) -> None:
        status = _pick(rng, {"employed_full": 10, "employed_part": 12, "unemployed_seeking": 45,
                             "unemployed_not_seeking": 20, "unable": 13})
        a["employment_status"] = status
        if status in ("unemployed_seeking", "unemployed_not_seeking", "employed_part"):
            a["employment_help_wanted"] = rng.random() < 0.7
        a["education_level"] = _pick(rng, {"less_than_hs": 35, "hs_ged": 42, "some_college": 17,
                                           "degree": 6})
        a["income_monthly"] = 0 if status.startswith("unemployed") else rng.randint(300, 3500)
        children = rng.choices(range(5), weights=(50, 20, 15, 10, 5))[0]
        a["children_under_18"] = children
        if children:
            a["family_reunification_goal"] = rng.random() < 0.5
            a["children"] = [
                {"child_first_name": rng.choice(self._names.first_es + self._names.first_en),
                 "child_age": rng.randint(0, 17),
                 "child_lives_with": _pick(rng, {"other_parent": 50, "relative": 30,
                                                 "foster_care": 10, "client": 5, "other": 5}),
                 "child_dcfs_case": rng.random() < 0.15}
                for _ in range(children)
            ]
        needs = [n for n, p in (("record_clearance", 0.45), ("child_support", 0.15),
                                ("fines_fees", 0.3), ("id_documents", 0.35),
                                ("immigration", 0.04)) if rng.random() < p]
        a["legal_needs"] = _or_none(needs)
        docs = [d for d, p in (("state_id", 0.45), ("drivers_license", 0.15), ("ss_card", 0.4),
                               ("birth_certificate", 0.3), ("release_papers", 0.6))
                if rng.random() < p]
        a["documents_on_hand"] = _or_none(docs)
        benefits = [b for b, p in (("medi_cal", 0.5), ("calfresh", 0.35),
                                   ("general_relief", 0.15), ("ssi", 0.06), ("ssdi", 0.03))
                    if rng.random() < p]
        a["benefits_current"] = _or_none(benefits)
        if not {"medi_cal", "calfresh"} <= set(benefits):
            a["benefits_help_wanted"] = rng.random() < 0.75
        citizen = rng.random() < 0.9
        a["us_citizen"] = citizen
        if citizen:
            registered = rng.random() < 0.3
            a["registered_to_vote"] = registered
            if not registered:
                a["incompetent_to_vote_finding"] = False
                a["voter_registration_help"] = rng.random() < 0.6


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _or_none(chosen: list[str]) -> JsonValue:
    """A multichoice answer: what was chosen, or the exclusive "none"."""
    return list[JsonValue](chosen) if chosen else ["none"]

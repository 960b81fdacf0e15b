"""Re-screen 100,000 synthetic clients against all 7 tracks: rule engine vs hand-written Python.

Run: PYTHONPATH=. python bench/rescreen_bench.py [--clients N]
Prints seconds (wall clock and CPU) for (1) the engine's outcome path (`RuleSet.outcomes`, what a re-screen of
everyone computes first), (2) the same rules written by hand (`bench/hand_rules.py`, shared parts
worked out once per client, dates of the day as constants) in the same run, their ratio (goal: under 20 s and <= 3x), and (3) full determinations with traces
(`RuleSet.screen`). Every engine outcome is checked against the hand-written one.
Answers and scores are prepared before timing (the forms' work is not what is measured).
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hand_rules
from common import Row, emit

from screener.expr import unknown
from screener.rules import Outcome
from screener.services import load_setup

TODAY = hand_rules.TODAY
Client = tuple[dict[str, object], dict[str, object]]

CHOICES: dict[str, list[str]] = {
    "county_of_residence": ["los_angeles"] * 6 + ["other_ca", "out_of_state", "unknown"],
    "supervision_type": ["none", "probation_felony", "probation_misdemeanor", "prcs",
                         "parole_state", "mandatory_supervision", "federal", "diversion",
                         "pretrial"],
    "housing_status": ["unsheltered", "emergency_shelter", "transitional",
                       "staying_with_others", "rent_own", "institution", "unknown"],
    "health_coverage": ["medi_cal", "medicare", "private", "va", "none", "unknown"],
    "release_facility_type": ["county_jail", "state_prison", "federal", "juvenile", "none"],
    "offense_level": ["felony", "misdemeanor", "unknown"],
    "gender": ["woman", "man", "transgender", "non_binary", "questioning", "other", "declined"],
    "primary_substance": ["alcohol", "methamphetamine", "opioids", "cannabis", "cocaine",
                          "other", "none"],
    "employment_status": ["employed_full", "employed_part", "unemployed_seeking",
                          "unemployed_not_seeking", "unable"],
    "education_level": ["less_than_hs", "hs_ged", "some_college", "degree"],
    "custody_status": ["awaiting_trial", "serving_sentence", "unknown"],
    "housing_on_release": ["unsheltered", "emergency_shelter", "transitional",
                           "staying_with_others", "rent_own", "unknown"],
    "immigration_status": ["satisfactory", "unsatisfactory", "unknown"],
}
MULTI: dict[str, list[str]] = {
    "legal_needs": ["record_clearance", "child_support", "fines_fees", "immigration",
                    "id_documents", "none"],
    "documents_on_hand": ["state_id", "drivers_license", "ss_card", "birth_certificate",
                          "release_papers", "none"],
    "benefits_current": ["medi_cal", "calfresh", "general_relief", "ssi", "ssdi", "none"],
    "health_conditions": ["chronic_condition", "idd", "tbi", "hiv_aids", "pregnant_postpartum",
                          "none"],
}
YESNO = ["in_custody", "us_citizen", "registered_to_vote", "incompetent_to_vote_finding",
         "currently_incarcerated_felony", "awaiting_prison_transfer", "mental_health_diagnosis",
         "smi_diagnosis", "substance_use_past_year", "has_primary_care", "veteran",
         "disabling_condition", "supervision_violation_pending", "odr_diversion_history",
         "family_reunification_goal", "supervision_revoked", "held_in_la_county_jail",
         "sud_diagnosis"]
INSTRUMENTS = {"phq9": 27, "gad7": 21, "auditc": 12, "dast10": 10, "pcptsd5": 5}
FIRST_ITEM = {"phq9": "phq9_9", "gad7": "gad7_1", "auditc": "auditc_1", "dast10": "dast10_1",
              "pcptsd5": "pcptsd5_trauma"}


def synthetic_client(rng: random.Random) -> Client:
    """One client's typed answers (about 85% of questions answered) and instrument scores."""
    a: dict[str, object] = {}

    def maybe(field: str, value: object) -> None:
        if rng.random() < 0.85:
            a[field] = value

    for field, values in CHOICES.items():
        maybe(field, rng.choice(values))
    for field, values in MULTI.items():
        maybe(field, sorted(set(rng.sample(values, rng.randint(1, 3)))))
    for field in YESNO:
        maybe(field, rng.random() < 0.4)
    maybe("dob", date(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 60)))
    maybe("release_date", TODAY - timedelta(days=rng.randint(-120, 900)))  # some still ahead
    maybe("expected_release_date", TODAY + timedelta(days=rng.randint(0, 200)))
    maybe("supervision_end_date", TODAY + timedelta(days=rng.randint(-200, 700)))
    maybe("income_monthly", rng.choice([0.0, 0.0, 450.0, 1200.0, 1799.75, 2500.0]))
    maybe("children_under_18", rng.randint(0, 4))
    maybe("prior_program_failures", rng.randint(0, 5))
    scores: dict[str, object] = {}
    for inst, top in INSTRUMENTS.items():
        first = FIRST_ITEM[inst]
        if rng.random() < 0.6:  # given: one item stands for the answered ones
            scores[inst] = rng.randint(0, top)
            a[first] = rng.random() < 0.7 if inst in ("dast10", "pcptsd5") else rng.choice([0, 0, 1])
            if inst == "pcptsd5" and a[first] is False:
                scores[inst] = 0  # no trauma: the five items are not asked
        else:  # not given, or (1 in 5) begun but not finished: the score is unknown
            scores[inst] = unknown((inst,))
            if rng.random() < 0.2:
                a[first] = rng.random() < 0.7 if inst in ("dast10", "pcptsd5") else 1
    return a, scores


def timed(label: str, fn: Callable[[], object]) -> float:
    """Run `fn`; print wall-clock and CPU seconds; return the CPU seconds (steadier when other
    processes share the machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<44}{wall:>8.2f} s wall {cpu:>8.2f} s cpu")
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rules = load_setup().rules
    rng = random.Random(args.seed)
    clients = [synthetic_client(rng) for _ in range(args.clients)]
    rules.outcomes({}, TODAY, {})  # build the day's plan once, outside the timing
    gc.freeze()  # the 100,000 prepared clients are not garbage: keep the collector off them
    programs = sum(len(t.programs) for t in rules.tracks)
    print(f"{args.clients} clients x {len(rules.tracks)} tracks ({programs} programs), "
          f"day {TODAY}")

    engine_out: list[dict[str, Outcome]] = []
    hand_out: list[dict[str, bool | None]] = []
    outcomes = rules.outcomes
    screen_all = hand_rules.screen_all

    def run_engine() -> None:
        engine_out.extend(outcomes(a, TODAY, s) for a, s in clients)

    def run_hand() -> None:
        hand_out.extend(screen_all(a, s) for a, s in clients)

    def run_full() -> None:
        for a, s in clients:
            rules.screen(a, TODAY, scores=s)

    engine = timed("rule engine, outcomes (RuleSet.outcomes)", run_engine)
    by_hand = timed("hand-written predicates, same rules", run_hand)
    full = timed("rule engine, determinations with traces", run_full)
    print(f"{'ratio engine / hand-written (cpu)':<44}{engine / by_hand:>8.2f} x   (goal <= 3x)")
    print(f"{'ratio with traces / hand-written (cpu)':<44}{full / by_hand:>8.2f} x")
    print(f"{'per client, cpu (outcomes / with traces)':<44}"
          f"{engine / args.clients * 1e6:>6.0f} µs / {full / args.clients * 1e6:.0f} µs")
    check(engine_out, hand_out)
    if args.json:
        ratio = engine / by_hand
        emit([Row(f"re-screen {args.clients:,} clients × {len(rules.tracks)} tracks (cpu)",
                  round(engine, 2), "s", round(by_hand, 2), "< 20 s and ≤ 3× hand-written",
                  engine < 20 and ratio <= 3,
                  f"engine outcomes; with traces {full:.1f} s; baseline: hand-written "
                  "predicates (bench/hand_rules.py)")])


def check(engine_out: list[dict[str, Outcome]], hand_out: list[dict[str, bool | None]]) -> None:
    """Every engine outcome must equal the hand-written one."""
    to_outcome = {True: Outcome.ELIGIBLE, False: Outcome.NOT_ELIGIBLE,
                  None: Outcome.NEEDS_INFORMATION}
    mismatches: dict[str, int] = {}
    tally = dict.fromkeys(Outcome, 0)
    for e, h in zip(engine_out, hand_out, strict=True):
        for program, value in h.items():
            tally[e[program]] += 1
            if e[program] is not to_outcome[value]:
                mismatches[program] = mismatches.get(program, 0) + 1
    print("outcomes: " + ", ".join(f"{o.value} {n}" for o, n in tally.items()))
    if mismatches:
        print(f"MISMATCHES engine vs hand-written: {mismatches}")
        raise SystemExit(1)
    print("engine and hand-written agree on every outcome")


if __name__ == "__main__":
    main()

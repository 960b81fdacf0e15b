"""Eligibility of stored clients: screening an intake, storing determinations, re-screening.

Determinations are stored when an intake is completed, and again whenever an answer of a
completed intake changes (DESIGN §6). `rescreen` re-evaluates every client after a rules
change. Each stored row holds the program's whole determination as JSON (outcome, trace,
missing questions, priority, rules version and hash), so what was decided stays readable
even after the rules change.
"""

from __future__ import annotations

from dataclasses import dataclass

from screener.clock import local_date
from screener.domain import Intake, IntakeStatus, JsonValue, Role, new_id
from screener.errors import FormError, InputError
from screener.forms import Form
from screener.progress import Progress
from screener.rules import ProgramDetermination, Screening, ScreeningFlag
from screener.services.screening import ScreeningSetup, screen_parsed
from screener.services.session import Session
from screener.services.stored_answers import typed_answers
from screener.store.screening import ProgramOutcome

#: The questionnaire whose answers are screened (consent is a form of its own).
INTAKE_FORM = "intake"
#: The key of a determination's rules version naming the content pack (`content_pack=2;...`).
PACK_STAMP = "content_pack"
_BATCH = 500


def screen_intake(session: Session, intake_id: str) -> Screening:
    """Every program's determination for an intake's current answers, as of today (not stored)."""
    session.require(Role.INTAKE, "see eligibility")
    intake = _intake(session, intake_id)
    return _screen(session, intake, session.setup)


def _screen(session: Session, intake: Intake, setup: ScreeningSetup) -> Screening:
    answers = {a.field_id: a.value for a in session.repos.answers.for_intake(intake.id)}
    return screen_parsed(typed_answers(answers, setup.forms), session.clock.today(), setup)


def record_screening(session: Session, intake_id: str, screening: Screening) -> None:
    """Store a screening's determinations for an intake (one row per program)."""
    outcomes = [
        ProgramOutcome(new_id(), d.program_id, d.outcome.value, d.to_json())
        for d in screening.determinations
    ]
    versions = ";".join(f"{k}={v}" for k, v in sorted(screening.rules_versions.items()))
    pack = session.setup.pack
    if pack is not None:  # the content pack the rules came from, on every determination
        versions = f"{PACK_STAMP}={pack.version};{versions}"
    with session.repos.db.transaction():
        session.repos.determinations.record(
            intake_id, outcomes, versions, screening.rules_hash, session.username,
            session.now(),
        )
        session.audit("intake.screen", "intake", intake_id,
                      {"programs": len(outcomes), "rules_hash": screening.rules_hash[:16]})


def redetermine(session: Session, intake: Intake) -> Screening | None:
    """Screen a completed intake of the intake form again and store the result."""
    if intake.form_id != INTAKE_FORM or intake.status is not IntakeStatus.COMPLETE:
        return None
    screening = _screen(session, intake, session.setup)
    record_screening(session, intake.id, screening)
    return screening


def latest_complete_intake(session: Session, client_id: str) -> Intake | None:
    """The client's most recently completed intake questionnaire, if any."""
    done = [i for i in session.repos.intakes.for_client(client_id)
            if i.form_id == INTAKE_FORM and i.status is IntakeStatus.COMPLETE]
    return max(done, key=lambda i: (i.completed_at or "", i.seq), default=None)


def client_screening(session: Session, client_id: str) -> Screening | None:
    """The determinations stored for the client's latest completed intake, or None."""
    session.require(Role.INTAKE, "see eligibility")
    intake = latest_complete_intake(session, client_id)
    if intake is None:
        return None
    rows = session.repos.determinations.latest_for_intake(intake.id)
    if not rows:
        return None
    setup = session.setup
    order = {p.id: n for n, p in enumerate(p for t in setup.rules.tracks for p in t.programs)}
    determinations = sorted(
        (ProgramDetermination.from_json(_as_dict(r.trace)) for r in rows),
        key=lambda d: order.get(d.program_id, len(order)),
    )
    evaluated = max(r.evaluated_at for r in rows)
    return Screening(
        today=local_date(evaluated),
        determinations=tuple(determinations),
        rules_hash=rows[0].rules_hash,
        flags=intake_flags(session, intake.id),
    )


def intake_flags(session: Session, intake_id: str) -> tuple[ScreeningFlag, ...]:
    """Flags raised by the intake's screening instruments (e.g. suicide risk)."""
    setup = session.setup
    answers = {a.field_id: a.value for a in session.repos.answers.for_intake(intake_id)}
    scores = setup.forms.scores(typed_answers(answers, setup.forms), session.clock.today())
    return tuple(ScreeningFlag(f.id, f.label, f.urgent)
                 for s in scores.values() for f in s.flags)


@dataclass(frozen=True)
class PackChange:
    """A program whose outcome changed when the client was re-screened with a newer pack."""

    program_id: str
    before: str
    after: str
    pack_version: int


def pack_version_of(rules_version: str) -> int | None:
    """The content pack a determination was made under (None: the built-in rules)."""
    first = rules_version.split(";", 1)[0]
    key, _, value = first.partition("=")
    return int(value) if key == PACK_STAMP and value.isdigit() else None


def pack_changes(session: Session, client_id: str) -> tuple[PackChange, ...]:
    """The programs whose latest outcome, for the client's latest completed intake, came from
    a newer content pack than the outcome before it and differs from it."""
    session.require(Role.INTAKE, "see eligibility")
    intake = latest_complete_intake(session, client_id)
    if intake is None:
        return ()
    last: dict[str, list[tuple[str, int | None]]] = {}
    for d in session.repos.determinations.for_intake(intake.id):
        last.setdefault(d.program_id, []).append((d.outcome, pack_version_of(d.rules_version)))
    changes = []
    for program_id, history in sorted(last.items()):
        if len(history) < 2:
            continue
        (before, old_pack), (after, new_pack) = history[-2], history[-1]
        if new_pack is not None and new_pack != old_pack and after != before:
            changes.append(PackChange(program_id, before, after, new_pack))
    return tuple(changes)


@dataclass(frozen=True)
class RescreenResult:
    """What `rescreen` did."""

    intakes: int
    changed: int


def rescreen(session: Session, progress: Progress | None = None) -> RescreenResult:
    """Re-evaluate every client's latest completed intake with the rules in force today.

    Stores new determinations only where an outcome changed or the rules changed. Office
    staff run this after installing new rules; it commits every few hundred clients, so a
    cancelled run keeps what it finished.
    """
    session.require(Role.OFFICE, "re-screen all clients")
    return rescreen_clients(session, progress)


def rescreen_clients(session: Session, progress: Progress | None = None) -> RescreenResult:
    """`rescreen` for whoever may install content packs (installing one re-screens with it)."""
    setup = session.setup
    today = session.clock.today()
    total = session.repos.intakes.count_latest_complete(INTAKE_FORM)
    done = changed = 0
    after = ""
    while True:
        batch = session.repos.intakes.latest_complete_page(INTAKE_FORM, after, _BATCH)
        if not batch:
            break
        answers = session.repos.answers.values_for_intakes([i for _, i in batch])
        stored = session.repos.determinations.latest_outcomes([i for _, i in batch])
        with session.repos.db.transaction():
            for _client_id, intake_id in batch:
                screening = screen_parsed(
                    typed_answers(answers.get(intake_id, {}), setup.forms), today, setup)
                before = stored.get(intake_id)
                now_outcomes = {d.program_id: (d.outcome.value, screening.rules_hash)
                                for d in screening.determinations}
                if before != now_outcomes:
                    record_screening(session, intake_id, screening)
                    changed += 1
        done += len(batch)
        after = batch[-1][0]
        if progress is not None:
            progress.step(done, total, "Re-screening clients")
    session.audit("rules.rescreen", "database", session.database_id,
                  {"intakes": done, "changed": changed, "rules_hash": setup.rules.hash[:16]})
    return RescreenResult(intakes=done, changed=changed)


def _intake(session: Session, intake_id: str) -> Intake:
    intake = session.repos.intakes.get(intake_id)
    if intake is None:
        raise InputError(f"There is no intake with id {intake_id}.")
    return intake


def intake_form(intake: Intake, setup: ScreeningSetup) -> Form:
    """The form an intake is answered on (its newer version, if the form was updated)."""
    try:
        return setup.forms.form(intake.form_id)
    except FormError:
        raise InputError(f"No installed form has the id {intake.form_id}.") from None


def _as_dict(value: JsonValue) -> dict[str, object]:
    if not isinstance(value, dict):
        raise InputError("A stored determination is not readable.")
    return dict(value)


"""What to do when an urgent flag is raised, and who did it.

The steps of `resources/urgent_protocols.yaml` are shown under the red banner (intake,
eligibility) in the language of the questions, so the worker with the person in front of
them is told what to do, not only that something is urgent. The follow-ups recorded (who,
how, when; audited) keep the flag on the client page as done or still to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from screener.domain import FlagFollowup, Role, new_id
from screener.errors import InputError
from screener.paths import resource
from screener.services.eligibility import INTAKE_FORM, intake_flags
from screener.services.intakes import intakes_of
from screener.services.session import Session
from screener.text import Text

FILE = "urgent_protocols.yaml"


@cache
def _protocols() -> dict[str, tuple[Text, ...]]:
    path = resource(FILE)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot be read ({type(exc).__name__}).") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected flag ids with their steps.")
    out: dict[str, tuple[Text, ...]] = {}
    for flag_id, entry in data.items():
        steps = entry.get("steps") if isinstance(entry, dict) else None
        if not isinstance(steps, list) or not all(
                isinstance(s, dict) and isinstance(s.get("en"), str) for s in steps):
            raise InputError(f"{path}: {flag_id}: expected steps, each {{en: ..., es: ...}}.")
        out[str(flag_id)] = tuple(Text(s["en"], s.get("es") or s["en"]) for s in steps)
    return out


def urgent_protocol(flag_id: str) -> tuple[Text, ...]:
    """The steps to take for an urgent flag, in order (empty when none are written down)."""
    return _protocols().get(flag_id, ())


#: The steps a worker can record after an urgent flag, in the order the dialog offers them.
#: A fixed list (never free text), so the record and its audit line hold no personal data.
FOLLOWUP_ACTIONS: dict[str, Text] = {
    "crisis_line": Text("Called or texted 988 with the person",
                        "Llamó o mandó un texto al 988 junto con la persona"),
    "emergency": Text("Called 911", "Llamó al 911"),
    "supervisor": Text("Told the supervisor", "Avisó al supervisor"),
    "clinician": Text("Handed over to a clinician on site",
                      "Pasó el caso a un profesional de salud en el lugar"),
    "declined": Text("The person declined help; the supervisor was told",
                     "La persona no quiso ayuda; se avisó al supervisor"),
}


@dataclass(frozen=True)
class UrgentFlag:
    """An urgent flag of a client's latest intake, with the follow-ups recorded for it."""

    intake_id: str
    flag_id: str
    label: Text
    followups: tuple[FlagFollowup, ...]

    @property
    def open(self) -> bool:
        """No follow-up recorded yet: the client page keeps showing it as to do."""
        return not self.followups


def urgent_flags(session: Session, client_id: str) -> tuple[UrgentFlag, ...]:
    """The urgent flags of the client's latest intake, each with its follow-ups."""
    latest = next((i for i in reversed(intakes_of(session, client_id))
                   if i.form_id == INTAKE_FORM), None)
    if latest is None:
        return ()
    done = session.repos.followups.for_intake(latest.id)
    return tuple(UrgentFlag(latest.id, f.id, f.label,
                            tuple(d for d in done if d.flag_id == f.id))
                 for f in intake_flags(session, latest.id) if f.urgent)


def record_followup(session: Session, intake_id: str, flag_id: str,
                    action: str) -> FlagFollowup:
    """Record who followed up an urgent flag of an intake, how and when (audited)."""
    session.require(Role.INTAKE, "record a follow-up")
    if action not in FOLLOWUP_ACTIONS:
        raise InputError(f"Unknown follow-up {action!r}: expected one of "
                         f"{', '.join(FOLLOWUP_ACTIONS)}.")
    if session.repos.intakes.get(intake_id) is None:
        raise InputError(f"There is no intake with id {intake_id}.")
    raised = {f.id for f in intake_flags(session, intake_id) if f.urgent}
    if flag_id not in raised:
        raise InputError(f"The intake {intake_id} raised no urgent flag {flag_id!r}"
                         + (f" (it raised: {', '.join(sorted(raised))})." if raised else "."))
    with session.repos.db.transaction():
        followup = session.repos.followups.record(new_id(), intake_id, flag_id, action,
                                                  session.username, session.now())
        session.audit("flag.followup", "intake", intake_id,
                      {"flag": flag_id, "action": action})
    return followup

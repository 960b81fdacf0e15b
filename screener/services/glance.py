"""Eligibility at a glance: what the eligibility screen shows first, worked out in one go.

Who (the client's name), when (the screening day), the eligible programs each with its
one-line "qualifies because …", the few questions that would settle the most programs still
needing information (the quick screen's ranking), and the rest by outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from screener.rules import Outcome, ProgramDetermination, Screening, qualifies_because
from screener.services.clients import get_client
from screener.services.eligibility import (
    INTAKE_FORM,
    client_screening,
    intake_form,
    screen_intake,
)
from screener.services.intakes import intakes_of
from screener.services.quick_screen import ask_next
from screener.services.screening import choice_label
from screener.services.session import Session
from screener.services.stored_answers import typed_answers
from screener.text import Text, language_of

#: How many questions "Ask next" offers.
ASK_NEXT = 5


@dataclass(frozen=True)
class AskNext:
    """A question worth asking now: it may settle `programs` programs."""

    field_id: str
    label: Text
    programs: int


@dataclass(frozen=True)
class Glance:
    """The eligibility screen's summary of one client."""

    client_name: str
    language: str  # the client's preferred language, "en" or "es": the reasons' first language
    screening: Screening | None
    intake_id: str | None  # the intake screened (the latest of the intake form)
    because: dict[str, Text]  # program id -> "qualifies because …" (eligible programs)
    ask: tuple[AskNext, ...]
    track_titles: dict[str, Text]

    @property
    def day(self) -> date | None:
        return self.screening.today if self.screening is not None else None

    def by_outcome(self, outcome: Outcome) -> list[ProgramDetermination]:
        """The programs with this outcome, in rule order."""
        if self.screening is None:
            return []
        return [d for d in self.screening.determinations if d.outcome is outcome]


def eligibility_glance(session: Session, client_id: str) -> Glance:
    """Screen the client's latest intake (not stored) and summarise it for the screen."""
    client = get_client(session, client_id)
    name = " ".join(p for p in (client.first_name, client.last_name) if p)
    language = language_of(client.preferred_language)
    setup = session.setup
    titles = {t.id: t.title for t in setup.rules.tracks}
    latest = next((i for i in reversed(intakes_of(session, client_id))
                   if i.form_id == INTAKE_FORM), None)
    if latest is None:
        return Glance(name, language, client_screening(session, client_id), None, {}, (), titles)
    screening = screen_intake(session, latest.id)
    raw = {a.field_id: a.value for a in session.repos.answers.for_intake(latest.id)}
    answers = typed_answers(raw, setup.forms)
    label = choice_label(setup.forms)
    because = {}
    for d in screening.determinations:
        text = qualifies_because(d, answers, label)
        if text is not None:
            because[d.program_id] = text
    form = intake_form(latest, setup)
    state = form.evaluate(answers, screening.today)
    settling = [(f, sum(_undecided(screening, x) for x in programs))
                for f, programs in ask_next(screening, setup.rules, form, state, answers)]
    ask = tuple(AskNext(f, form.question(f).label, n)
                for f, n in settling if n)[:ASK_NEXT]
    return Glance(name, language, screening, latest.id, because, ask, titles)


def _undecided(screening: Screening, program_id: str) -> bool:
    d = screening.get(program_id)
    return d is not None and d.outcome is Outcome.NEEDS_INFORMATION

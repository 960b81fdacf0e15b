"""The client's next-steps handout (`screener handout`, the Handout button): one or two
pages in the client's language, for the person leaving jail.

It names the programs the client chose (those a packet was made for, or those given), with
whom to call, when, what to bring and the packet's referral number; the client's own next
dates; the reentry help line. A program whose referral itself reveals mental health or
substance use shows as a plain "health program" unless the client asked to see the details
on their own copy (`show_health`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from screener import paths
from screener.domain import JsonValue, Role
from screener.errors import InputError
from screener.packets.builder import write_atomically
from screener.packets.handout import render_handout as render_pdf
from screener.packets.handout_model import HandoutContent, HandoutDate, HandoutStep
from screener.services import packet_views as pc
from screener.services.packets import packet_intake, worker_of
from screener.services.screening import screen_parsed
from screener.services.sensitivity import program_rests_on
from screener.services.session import Session
from screener.services.stored_answers import typed_answers
from screener.text import Language, Text, language_of

#: One plain sentence per program track (about a 6th-grade reading level).
_WHAT = {
    "housing": Text("Help finding a safe place to stay.",
                    "Ayuda para encontrar un lugar seguro donde quedarse."),
    "physical_health": Text("Help to see a doctor and get health coverage.",
                            "Ayuda para ver a un doctor y tener cobertura de salud."),
    "employment_education": Text("Help to find work, job training or school.",
                                 "Ayuda para encontrar trabajo, capacitación o estudios."),
    "service_navigation": Text("A person who helps you get what you need after you get out.",
                               "Una persona que le ayuda a conseguir lo que necesita al salir."),
    "civic_engagement": Text("Help to sign up to vote and learn your rights.",
                             "Ayuda para inscribirse para votar y conocer sus derechos."),
}
_SERVICE = Text("A service you talked about with your worker.",
                "Un servicio del que habló con la persona que le atendió.")
_HEALTH_PROGRAM = Text("Health program", "Programa de salud")
_SUPERVISION_ENDS = Text("Your supervision ends", "Su supervisión termina")
_RELEASE = Text("Your expected release", "Su salida prevista")


@functools.lru_cache(maxsize=1)
def _settings() -> Mapping[str, Any]:
    with open(paths.resource("handout.yaml"), encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return data if isinstance(data, dict) else {}


def _setting(name: str, today: date) -> tuple[Any, bool]:
    """The value of a dated handout setting on `today`, and whether it is a placeholder."""
    entry = _settings().get(name) or {}
    values = sorted((d, v) for d, v in (entry.get("values") or {}).items() if d <= today)
    return (values[-1][1] if values else None), bool(entry.get("placeholder", False))


def _future(answers: Mapping[str, JsonValue], field: str, today: date) -> date | None:
    value = answers.get(field)
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return day if day is not None and day >= today else None


def handout_content(
    session: Session, client_id: str, program_ids: Sequence[str] | None = None,
    lang: Language | None = None, *, show_health: bool = False,
) -> HandoutContent:
    """The handout's view: the chosen programs (default: those a packet was made for)."""
    session.require(Role.INTAKE, "print client handouts")
    setup = session.setup
    intake = packet_intake(session, client_id)
    answers = {a.field_id: a.value for a in session.repos.answers.for_intake(intake.id)}
    today = session.clock.today()
    screening = screen_parsed(typed_answers(answers, setup.forms), today, setup)
    referrals: dict[str, str] = {}
    for record in session.repos.packets.for_client(client_id):
        if record.referral_id:
            referrals[record.program_id] = record.referral_id  # the latest wins
    chosen = list(program_ids or referrals)
    if not chosen:
        raise InputError("Make a referral packet first, or name the programs (--program).")
    lang = lang or language_of(answers.get("preferred_language"))
    steps = []
    for program_id in dict.fromkeys(chosen):
        program = setup.rules.program(program_id)
        d = screening.get(program_id)
        if program is None or d is None:
            raise InputError(f"There is no program with id {program_id}.")
        private = bool(program_rests_on(program, setup.forms)) and not show_health
        contact = pc.program_contact(setup.resources_dir, d.provider, lang)
        steps.append(HandoutStep(
            title=_HEALTH_PROGRAM.get(lang) if private else d.title.get(lang),
            what=(_SERVICE if private else _WHAT.get(d.track_id, _SERVICE)).get(lang),
            provider_name=contact.provider_name, phone=contact.phone, address=contact.address,
            hours=contact.hours, documents=pc.documents(setup.resources_dir, d.documents, answers, lang),
            referral_id=referrals.get(program_id), placeholder=contact.placeholder,
        ))
    dates = [HandoutDate(label.get(lang), day) for label, field in (
        (_RELEASE, "expected_release_date"), (_SUPERVISION_ENDS, "supervision_end_date"))
        if (day := _future(answers, field, today)) is not None]
    officer = ", ".join(str(answers[f]) for f in ("supervising_officer_name",
                                                   "supervising_officer_phone")
                        if isinstance(answers.get(f), str) and str(answers[f]).strip())
    hotline, placeholder = _setting("reentry_hotline", today)
    days, _ = _setting("call_within_days", today)
    worker = worker_of(session)
    name = answers.get("preferred_name") or answers.get("first_name") or ""
    return HandoutContent(
        lang=lang, generated_at=session.now(), client_name=str(name), steps=tuple(steps),
        dates=tuple(dates), officer=officer or None, hotline=hotline,
        hotline_placeholder=placeholder,
        worker=" · ".join(v for v in (worker.name, worker.phone) if v),
        call_within_days=int(days or 3),
    )


def render_handout(
    session: Session, client_id: str, program_ids: Sequence[str] | None = None,
    lang: Language | None = None, *, show_health: bool = False,
) -> bytes:
    """The handout as PDF bytes in memory, for the preview (not logged until printed)."""
    content = handout_content(session, client_id, program_ids, lang, show_health=show_health)
    pdf, _ = render_pdf(content)
    return pdf


def record_handout_printed(session: Session, client_id: str) -> None:
    """Audit a handout printed from memory."""
    session.audit("handout.print", "client", client_id, {})


def save_handout(
    session: Session, client_id: str, path: Path, *, program_ids: Sequence[str] | None = None,
    lang: Language | None = None, show_health: bool = False,
) -> int:
    """Write the handout to `path` (atomically) and audit it; its page count."""
    content = handout_content(session, client_id, program_ids, lang, show_health=show_health)
    pdf, pages = render_pdf(content)
    with session.repos.db.transaction():
        session.audit("handout.save", "client", client_id, {"programs": len(content.steps)})
        write_atomically(path, pdf)
    return pages

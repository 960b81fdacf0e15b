"""Referral packets: choose programs, render to memory (preview, print) or save to a file.

The PDF is never stored in the database; what was printed — by whom, when, for which
programs, with which sections — is logged and audited (DESIGN §7). Sensitive sections go in
only where a signed, unexpired consent covers them (decided by `screener.packets`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from screener.clock import local_date
from screener.errors import InputError
from screener.packets import PacketContent, PacketResult
from screener.packets import render_packet as render_pdf
from screener.packets.builder import write_atomically
from screener.progress import Progress
from screener.rules import Outcome, Screening
from screener.services import packet_views as pc
from screener.services.eligibility import INTAKE_FORM, latest_complete_intake, typed_answers
from screener.services.screening import installed_setup, screen_parsed
from screener.services.session import Session
from screener.store.ids import new_id
from screener.store.records import Intake, PacketRecord, Role
from screener.text import Language, Text, language_of


@dataclass(frozen=True)
class PacketChoice:
    """A program a packet can be made for, with the client's current outcome."""

    program_id: str
    track_id: str
    title: Text
    outcome: Outcome


@dataclass(frozen=True)
class RenderedPacket:
    """A packet rendered to memory (for preview and printing)."""

    pdf: bytes
    result: PacketResult
    referral_id: str
    program_ids: tuple[str, ...]


def _latest_intake(session: Session, client_id: str) -> Intake:
    if session.repos.clients.get(client_id) is None:
        raise InputError(f"There is no client with id {client_id}.")
    intake = latest_complete_intake(session, client_id)
    if intake is None:
        drafts = [i for i in session.repos.intakes.for_client(client_id) if i.form_id == INTAKE_FORM]
        if not drafts:
            raise InputError("This client has no intake yet: a packet needs one.")
        intake = drafts[-1]
    return intake


def _screening(session: Session, intake: Intake) -> Screening:
    setup = installed_setup()
    answers = {a.field_id: a.value for a in session.repos.answers.for_intake(intake.id)}
    return screen_parsed(typed_answers(answers, setup), session.clock.today(), setup)


def packet_choices(session: Session, client_id: str) -> tuple[PacketChoice, ...]:
    """Every program, with the client's outcome today (eligible ones first)."""
    session.require(Role.INTAKE, "make referral packets")
    screening = _screening(session, _latest_intake(session, client_id))
    rank = {Outcome.ELIGIBLE: 0, Outcome.NEEDS_INFORMATION: 1, Outcome.NOT_ELIGIBLE: 2}
    choices = [PacketChoice(d.program_id, d.track_id, d.title, d.outcome)
               for d in screening.determinations]
    return tuple(sorted(choices, key=lambda c: rank[c.outcome]))


def packet_content(
    session: Session, client_id: str, program_ids: Sequence[str], lang: Language | None = None
) -> PacketContent:
    """The view model of a packet for these programs (one, or several combined)."""
    session.require(Role.INTAKE, "make referral packets")
    if not program_ids:
        raise InputError("Choose at least one program for the packet.")
    setup = installed_setup()
    intake = _latest_intake(session, client_id)
    answers = {a.field_id: a.value for a in session.repos.answers.for_intake(intake.id)}
    typed = typed_answers(answers, setup)
    today = session.clock.today()
    screening = screen_parsed(typed, today, setup)
    chosen = []
    for program_id in program_ids:
        determination = screening.get(program_id)
        if determination is None:
            raise InputError(f"There is no program with id {program_id}.")
        chosen.append(determination)
    lang = lang or language_of(answers.get("preferred_language"))
    consent_form = setup.forms.form("consent")
    consents = []
    for consent in session.repos.consents.for_client(client_id):
        given = ({a.field_id: a.value for a in session.repos.answers.for_intake(consent.intake_id)}
                 if consent.intake_id else {})
        recipients = tuple(pc.program_contact(d.provider, lang).provider_name
                           for d in screening.determinations if d.track_id in consent.program_ids)
        consents.append(pc.consent_view(consent, given, consent_form, recipients, lang))
    return PacketContent(
        lang=lang,
        referral_id=_referral_id(today),
        generated_at=session.now(),
        staff_name=session.username,
        client=pc.client_summary(answers, lang, setup.forms),
        programs=tuple(pc.program_section(d, setup.rules, answers, lang) for d in chosen),
        flags=pc.flags(screening, lang),
        consents=tuple(consents),
        sensitive_sections=pc.sensitive_sections(answers, typed, setup.forms, today, lang),
    )


def _referral_id(today: date) -> str:
    return f"R-{today:%Y%m%d}-{uuid.uuid4().hex[:6].upper()}"


def render_packet(
    session: Session, client_id: str, program_ids: Sequence[str], lang: Language | None = None
) -> RenderedPacket:
    """A packet as PDF bytes in memory, for the preview (not logged until printed)."""
    content = packet_content(session, client_id, program_ids, lang)
    pdf, result = render_pdf(content)
    return RenderedPacket(pdf, result, content.referral_id, tuple(program_ids))


def record_packet_printed(session: Session, client_id: str, packet: RenderedPacket) -> None:
    """Log and audit a packet that was printed from memory."""
    _log(session, client_id, packet.referral_id, packet.program_ids, packet.result, "print")


def save_packet(
    session: Session, client_id: str, program_ids: Sequence[str], path: Path,
    lang: Language | None = None,
) -> PacketResult:
    """Write a packet to `path` (atomically: a finished file or none) and log it.

    The file and its log line go together: the file is written inside the transaction that
    logs it and removed again if that transaction cannot commit (a full disk), so there is
    never a saved packet the log does not know about, nor a log line without its file.
    """
    content = packet_content(session, client_id, program_ids, lang)
    pdf, result = render_pdf(content)
    written = False
    try:
        with session.repos.db.transaction():
            _log(session, client_id, content.referral_id, tuple(program_ids), result, "save")
            write_atomically(path, pdf)
            written = True
    except BaseException:
        if written:
            path.unlink(missing_ok=True)
        raise
    return result


def _log(
    session: Session, client_id: str, referral_id: str, program_ids: Sequence[str],
    result: PacketResult, how: str,
) -> None:
    intake = _latest_intake(session, client_id)
    sections = [*result.sections_included, *(f"withheld:{k}" for k in result.sections_withheld)]
    with session.repos.db.transaction():
        for program_id in program_ids:  # one audit entry per program: details stay short
            session.repos.packets.log(new_id(), client_id, intake.id, program_id,
                                      sections, session.username, session.now())
            session.audit(f"packet.{how}", "client", client_id, {
                "referral": referral_id, "program": program_id,
                "sections": ",".join(result.sections_included),
                "withheld": ",".join(result.sections_withheld),
            })


def packets_of(session: Session, client_id: str) -> tuple[PacketRecord, ...]:
    """The packets printed or saved for a client."""
    session.require(Role.INTAKE, "see printed packets")
    return session.repos.packets.for_client(client_id)


@dataclass(frozen=True)
class BatchResult:
    written: tuple[Path, ...]
    skipped: int


def save_packets_for_program(
    session: Session, program_id: str, folder: Path, since: date | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """A packet for every client whose latest intake (completed on or after `since`) makes
    them eligible for `program_id`, one PDF each in `folder`."""
    session.require(Role.OFFICE, "print packets in a batch")
    setup = installed_setup()
    if setup.rules.program(program_id) is None:
        raise InputError(f"There is no program with id {program_id}.")
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} is a file: give the folder to write the packets into.")
    folder.mkdir(parents=True, exist_ok=True)
    total = session.repos.intakes.count_latest_complete(INTAKE_FORM)
    written: list[Path] = []
    skipped = done = 0
    after = ""
    while batch := session.repos.intakes.latest_complete_page(INTAKE_FORM, after, 200):
        for client_id, intake_id in batch:
            intake = session.repos.intakes.require(intake_id)
            if since is not None and (intake.completed_at is None
                                      or local_date(intake.completed_at) < since):
                skipped += 1
                continue
            screening = _screening(session, intake)
            determination = screening.get(program_id)
            if determination is None or determination.outcome is not Outcome.ELIGIBLE:
                skipped += 1
                continue
            path = folder / f"{program_id}-{client_id}.pdf"
            save_packet(session, client_id, [program_id], path)
            written.append(path)
        done += len(batch)
        after = batch[-1][0]
        if progress is not None:
            progress.step(done, total, "Writing packets")
    return BatchResult(tuple(written), skipped)


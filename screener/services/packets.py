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
from screener.domain import SENSITIVE_KINDS, Intake, PacketRecord, Role, new_id
from screener.errors import InputError
from screener.packets import ConsentView, PacketContent, PacketResult
from screener.packets import render_packet as render_pdf
from screener.packets.builder import write_atomically
from screener.packets.consent import cover
from screener.packets.model import Worker
from screener.progress import Progress
from screener.rules import Outcome, Screening
from screener.services import packet_views as pc
from screener.services.eligibility import INTAKE_FORM, latest_complete_intake
from screener.services.profiles import staff_profile
from screener.services.screening import screen_parsed
from screener.services.sensitivity import program_rests_on
from screener.services.session import Session
from screener.services.stored_answers import typed_answers
from screener.text import Language, Text


@dataclass(frozen=True)
class PacketChoice:
    """A program a packet can be made for, with the client's current outcome."""

    program_id: str
    track_id: str
    title: Text
    outcome: Outcome
    provider: str = ""
    provider_name: str = ""
    #: Eligible and taking referrals (rules status open).
    referable: bool = False
    #: What to sign first, when the referral itself would reveal health information that no
    #: valid consent covers (None when a packet can be made).
    consent_needed: str | None = None


@dataclass(frozen=True)
class RenderedPacket:
    """A packet rendered to memory (for preview and printing)."""

    pdf: bytes
    result: PacketResult
    referral_id: str
    program_ids: tuple[str, ...]


def packet_intake(session: Session, client_id: str) -> Intake:
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
    setup = session.setup
    answers = {a.field_id: a.value for a in session.repos.answers.for_intake(intake.id)}
    return screen_parsed(typed_answers(answers, setup.forms), session.clock.today(), setup)


def packet_choices(session: Session, client_id: str) -> tuple[PacketChoice, ...]:
    """Every program, with the client's outcome today (eligible ones first), its provider
    and whether a packet can be made for it now."""
    session.require(Role.INTAKE, "make referral packets")
    setup = session.setup
    intake = packet_intake(session, client_id)
    screening = _screening(session, intake)
    consents = _consent_views(session, client_id, screening, "en")
    today = session.clock.today()
    rank = {Outcome.ELIGIBLE: 0, Outcome.NEEDS_INFORMATION: 1, Outcome.NOT_ELIGIBLE: 2}
    choices = []
    for d in screening.determinations:
        program = setup.rules.program(d.program_id)
        assert program is not None
        lacking = program_rests_on(program, setup.forms) - {
            k for k in SENSITIVE_KINDS if cover(consents, d.track_id, k, today) == "covered"}
        choices.append(PacketChoice(
            d.program_id, d.track_id, d.title, d.outcome, d.provider,
            pc.program_contact(setup.resources_dir, d.provider, "en").provider_name, pc.referable(d),
            pc.consent_needed(frozenset(lacking)) if lacking else None))
    return tuple(sorted(choices, key=lambda c: rank[c.outcome]))


def _consent_views(
    session: Session, client_id: str, screening: Screening, lang: Language
) -> tuple[ConsentView, ...]:
    consent_form = session.setup.forms.form("consent")
    views = []
    for consent in session.repos.consents.for_client(client_id):
        given = ({a.field_id: a.value for a in session.repos.answers.for_intake(consent.intake_id)}
                 if consent.intake_id else {})
        recipients = tuple(dict.fromkeys(
            pc.program_contact(session.setup.resources_dir, d.provider, lang).provider_name
            for d in screening.determinations if d.track_id in consent.program_ids))
        views.append(pc.consent_view(consent, given, consent_form, recipients, lang))
    return tuple(views)


def providers_of(session: Session, program_ids: Sequence[str]) -> dict[str, list[str]]:
    """The programs grouped by receiving provider (programs.yaml key), in the given order."""
    setup = session.setup
    groups: dict[str, list[str]] = {}
    for program_id in program_ids:
        program = setup.rules.program(program_id)
        if program is None:
            raise InputError(f"There is no program with id {program_id}.")
        groups.setdefault(program.provider, []).append(program_id)
    return groups


def packet_content(
    session: Session, client_id: str, program_ids: Sequence[str], lang: Language | None = None,
    *, combined: bool = False,
) -> PacketContent:
    """The consent-filtered view of a packet for these programs (DESIGN §7).

    One packet goes to one provider, in the provider's language (`lang` overrides): programs
    of several providers need `combined`. Refuses a program whose eligibility rests on
    sensitive information no valid consent covers, saying what to sign.
    """
    session.require(Role.INTAKE, "make referral packets")
    if not program_ids:
        raise InputError("Choose at least one program for the packet.")
    providers = providers_of(session, program_ids)
    if len(providers) > 1 and not combined:
        raise InputError(
            "These programs go to different providers ("
            + ", ".join(sorted(providers)) + "): make one packet per provider, "
            "or a combined packet on purpose.")
    setup = session.setup
    intake = packet_intake(session, client_id)
    answers = {a.field_id: a.value for a in session.repos.answers.for_intake(intake.id)}
    typed = typed_answers(answers, setup.forms)
    today = session.clock.today()
    screening = screen_parsed(typed, today, setup)
    lang = lang or pc.provider_language(setup.resources_dir, next(iter(providers)))
    inputs = pc.ViewInputs(answers, typed, screening,
                           _consent_views(session, client_id, screening, lang), today)
    return pc.packet_view(
        inputs, program_ids, setup.forms, setup.rules, resources=setup.resources_dir, lang=lang,
        referral_id=_referral_id(today), generated_at=session.now(),
        worker=worker_of(session), record_ids=(intake.id,),
    )


def worker_of(session: Session) -> Worker:
    """The signed-in worker as a packet names them (their staff profile)."""
    profile = staff_profile(session)
    return Worker(profile.display_name or session.username, profile.agency, profile.phone,
                  profile.email)


def _referral_id(today: date) -> str:
    return f"R-{today:%Y%m%d}-{uuid.uuid4().hex[:6].upper()}"


def render_packet(
    session: Session, client_id: str, program_ids: Sequence[str], lang: Language | None = None,
    *, combined: bool = False,
) -> RenderedPacket:
    """A packet as PDF bytes in memory, for the preview (not logged until printed)."""
    content = packet_content(session, client_id, program_ids, lang, combined=combined)
    pdf, result = render_pdf(content)
    return RenderedPacket(pdf, result, content.referral_id, tuple(program_ids))


def record_packet_printed(session: Session, client_id: str, packet: RenderedPacket) -> None:
    """Log and audit a packet that was printed from memory."""
    _log(session, client_id, packet.referral_id, packet.program_ids, packet.result, "print")


def save_packet(
    session: Session, client_id: str, program_ids: Sequence[str], path: Path,
    lang: Language | None = None, *, combined: bool = False,
) -> PacketResult:
    """Write a packet to `path` (atomically: a finished file or none) and log it.

    The file and its log line go together: the file is written inside the transaction that
    logs it and removed again if that transaction cannot commit (a full disk), so there is
    never a saved packet the log does not know about, nor a log line without its file.
    """
    content = packet_content(session, client_id, program_ids, lang, combined=combined)
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
    intake = packet_intake(session, client_id)
    sections = [*result.sections_included, *(f"withheld:{k}" for k in result.sections_withheld)]
    with session.repos.db.transaction():
        for program_id in program_ids:  # one audit entry per program: details stay short
            session.repos.packets.log(new_id(), client_id, intake.id, program_id,
                                      sections, session.username, session.now(), referral_id)
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
    setup = session.setup
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


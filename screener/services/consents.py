"""Consent / release of information: recorded when a consent questionnaire is completed.

The consent form (`forms/consent.yaml`) is answered like any questionnaire; completing it
records a consent naming the program tracks it covers, until when, and the signature. A
signed consent is never edited: it is revoked, and a new one is signed.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import date, datetime, time

from screener.clock import LOCAL_ZONE
from screener.errors import InputError
from screener.services.session import Session
from screener.store.ids import new_id
from screener.store.records import Consent, Intake, Role

CONSENT_FORM = "consent"


def record_consent(session: Session, intake: Intake) -> Consent:
    """The consent written by a completed consent questionnaire (call inside its transaction)."""
    if any(c.intake_id == intake.id for c in session.repos.consents.for_client(intake.client_id)):
        raise InputError(
            "This consent is signed and cannot be changed. Revoke it and sign a new one."
        )
    answers = {a.field_id: a.value for a in session.repos.answers.for_intake(intake.id)}
    programs = answers.get("consent_programs")
    signed_on = answers.get("consent_signed_on")
    if not isinstance(programs, list) or not programs or not isinstance(signed_on, str):
        raise InputError("A consent needs the programs it covers and the date it was signed.")
    signature = answers.get("consent_signature")
    png = base64.b64decode(signature) if isinstance(signature, str) else None
    expires = answers.get("consent_expires_on")
    signed_at = datetime.combine(date.fromisoformat(signed_on), time(12), LOCAL_ZONE)
    consent = session.repos.consents.add(
        new_id(), intake.client_id, intake.id, [str(p) for p in programs],
        str(answers.get("consent_signed_by") or "client"), signed_at,
        expires if isinstance(expires, str) else None, png, session.username, session.now(),
    )
    session.audit("consent.record", "consent", consent.id,
                  {"client": intake.client_id, "programs": ",".join(sorted(consent.program_ids))})
    return consent


def capture_consent(
    session: Session,
    client_id: str,
    programs: Sequence[str],
    *,
    mental_health: bool,
    substance_use: bool,
    expires_on: str,
    signature_png: bytes,
    signed_on: str | None = None,
    representative: tuple[str, str] | None = None,
    copy_offered: bool = True,
) -> Consent:
    """Record a signed consent without the desktop app (`screener consent capture`).

    It is taken the way the app takes it: a consent questionnaire is started for the client,
    answered (the client's name from their record, the programs, the kinds of sensitive
    information, the expiry, who signed and the signature image) and completed, all in one
    transaction, so the same checks and audit rows apply and a mistake records nothing.
    `representative` is (name, legal authority) when a representative signs.
    """
    from screener.services.answering import save_answer
    from screener.services.intakes import complete_intake, start_intake

    session.require(Role.INTAKE, "capture consents")
    client = session.repos.clients.get(client_id)
    if client is None:
        raise InputError(f"There is no client with id {client_id}.")
    form = session.setup.forms.form(CONSENT_FORM)
    answers: dict[str, object] = {
        "consent_client_name": " ".join(n for n in (client.first_name, client.last_name) if n),
        "consent_includes_mental_health": mental_health,
        "consent_includes_sud": substance_use,
        "consent_programs": list(programs),
        "consent_expires_on": expires_on,
        "consent_signed_by": "client" if representative is None else "representative",
        "consent_signature": base64.b64encode(signature_png).decode("ascii"),
        "consent_signed_on": signed_on or session.now().astimezone(LOCAL_ZONE).date().isoformat(),
        "consent_copy_offered": copy_offered,
    }
    if representative is not None:
        answers["consent_representative_name"], answers["consent_representative_authority"] = (
            representative)
    with session.repos.db.transaction():
        intake = start_intake(session, client_id, form.id, form.version)
        for field_id, value in answers.items():
            save_answer(session, intake.id, field_id, value)
        complete_intake(session, intake.id)
    return next(c for c in session.repos.consents.for_client(client_id)
                if c.intake_id == intake.id)


def consents_of(session: Session, client_id: str) -> tuple[Consent, ...]:
    """A client's consents, oldest first (revoked ones included, marked)."""
    session.require(Role.INTAKE, "see consents")
    if session.repos.clients.get(client_id) is None:
        raise InputError(f"There is no client with id {client_id}.")
    return session.repos.consents.for_client(client_id)


def revoke_consent(session: Session, consent_id: str) -> Consent:
    """Record that the person revoked a consent; packets stop using it at once."""
    session.require(Role.INTAKE, "record a revoked consent")
    try:
        existing = session.repos.consents.require(consent_id)
    except KeyError:
        raise InputError(f"There is no consent with id {consent_id}.") from None
    if existing.revoked:
        return existing  # keep who revoked it and when, as first recorded
    with session.repos.db.transaction():
        consent = session.repos.consents.revoke(consent_id, session.username, session.now())
        session.audit("consent.revoke", "consent", consent_id)
    return consent

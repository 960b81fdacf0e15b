"""Consent / release of information: recorded when a consent questionnaire is completed.

The consent form (`forms/consent.yaml`) is answered like any questionnaire; completing it
records a consent naming the program tracks it covers, until when, and the signature. A
signed consent is never edited: it is revoked, and a new one is signed.
"""

from __future__ import annotations

import base64
from datetime import date, datetime, time

from screener.clock import LOCAL_ZONE
from screener.domain import Consent, Intake, Role, new_id
from screener.errors import InputError
from screener.services.session import Session

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

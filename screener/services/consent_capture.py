"""A signed consent recorded without the desktop app (`screener consent capture`).

It sits above `consents` and `intakes`: a consent is taken as a consent questionnaire, and
completing that questionnaire records the consent (`intakes.after_completion`).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

from screener.clock import LOCAL_ZONE
from screener.domain import Consent, Role
from screener.errors import InputError
from screener.services.answering import save_answer
from screener.services.consents import CONSENT_FORM
from screener.services.intakes import complete_intake, start_intake
from screener.services.session import Session


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

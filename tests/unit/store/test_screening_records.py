"""Repositories for determinations, consents and the packet log (their services come with the
rules and packets parts)."""

from __future__ import annotations

import uuid

from screener import services
from screener.clock import FixedClock
from screener.domain import ClientIdentity
from screener.store.screening import ProgramOutcome


def _intake(session: services.Session) -> services.Intake:
    client = services.create_client(session, ClientIdentity("Kim", "Park"))
    return services.start_intake(session, client.id, "intake", 1)


def _outcome(program: str, outcome: str) -> ProgramOutcome:
    return ProgramOutcome(str(uuid.uuid4()), program, outcome,
                          {"criteria": [{"id": "la_resident", "result": "met"}]})


def test_latest_determination_per_program_wins(worker: services.Session, clock: FixedClock) -> None:
    intake = _intake(worker)
    repo = worker.repos.determinations
    repo.record(intake.id, [_outcome("interim_housing", "needs_information"),
                            _outcome("voter_registration", "eligible")],
                "2026-11-01", "sha256:aaa", worker.username, clock.now())
    clock.advance(hours=1)
    latest = repo.record(intake.id, [_outcome("interim_housing", "eligible")], "2026-11-02",
                         "sha256:bbb", worker.username, clock.now())
    assert [(d.program_id, d.outcome, d.rules_version) for d in latest] == [
        ("interim_housing", "eligible", "2026-11-02"),
        ("voter_registration", "eligible", "2026-11-01"),
    ]
    assert latest[0].trace == {"criteria": [{"id": "la_resident", "result": "met"}]}
    assert latest[0].seq > latest[1].seq


def test_consent_is_kept_when_revoked(worker: services.Session, clock: FixedClock) -> None:
    intake = _intake(worker)
    consents = worker.repos.consents
    signed = consents.add(str(uuid.uuid4()), intake.client_id, intake.id,
                          ["interim_housing", "behavioral_health"], "Kim Park", clock.now(),
                          "2027-11-25", b"\x89PNG\r\n\x1a\n", worker.username, clock.now())
    assert signed.program_ids == ("interim_housing", "behavioral_health")
    assert signed.signature_png == b"\x89PNG\r\n\x1a\n" and not signed.revoked
    revoked = consents.revoke(signed.id, worker.username, clock.now())
    assert revoked.revoked and revoked.revoked_by == worker.username
    assert revoked.seq > signed.seq
    assert consents.for_client(intake.client_id) == (revoked,)


def test_packet_log_records_what_was_printed(worker: services.Session, clock: FixedClock) -> None:
    intake = _intake(worker)
    logged = worker.repos.packets.log(str(uuid.uuid4()), intake.client_id, intake.id,
                                      "interim_housing", ["cover", "eligibility"],
                                      worker.username, clock.now())
    assert logged.sections == ("cover", "eligibility")
    assert worker.repos.packets.for_client(intake.client_id) == (logged,)

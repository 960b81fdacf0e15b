"""Filling a database with synthetic clients, and the throwaway demo database."""

from __future__ import annotations

import hashlib
import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from screener.demo.people import PersonFactory
from screener.domain import JsonValue
from screener.progress import Progress
from screener.store.bulk import BulkWriter, IdBlock

#: Who the demo database lets in. Shown on the unlock screen of `screener --demo`.
DEMO_USER = "demo"
DEMO_PASSWORD = "demo-password"

_CONSENT_TRACKS = ("service_navigation", "physical_health", "behavioral_health",
                   "employment_education", "housing", "civic_engagement", "step_down")
_KIND = {"client": 1, "intake": 2, "consent": 3, "answer": 4}
#: Answer numbers per change stamp: an intake (one stamp) has far fewer answers than this, so
#: the answers of a fill that starts at stamp `start` number from `start << _ANSWER_SHIFT`
#: and never meet those of a later fill.
_ANSWER_SHIFT = 10


@dataclass(frozen=True)
class DemoFill:
    """What `fill` wrote."""

    clients: int
    intakes: int
    consents: int


class _Ids:
    """Deterministic, time-ordered-like ids: a prefix, the record kind and a counter.

    Sequential ids keep primary-key inserts at the end of the B-tree, which is what makes
    a million-client load take minutes instead of hours. The prefix comes from the seed *and*
    the installation: two laptops filled with the same seed hold the same people under
    different ids, so a bundle from one never collides with the other's records.
    """

    def __init__(self, seed: int, start: int, installation: str) -> None:
        digest = hashlib.sha256(f"screener-demo-{seed}-{installation}".encode()).digest()
        self._prefix = int.from_bytes(digest[:8], "big") << 64
        self._next = dict.fromkeys(_KIND, start)

    def new(self, kind: str) -> str:
        n = self._next[kind]
        self._next[kind] = n + 1
        return str(uuid.UUID(int=self._prefix | (_KIND[kind] << 56) | n, version=4))


def answer_ids(seed: int, start: int, installation: str) -> IdBlock:
    """The ids of a fill's answers: they count up under the fill's prefix, like `_Ids`."""
    prefix = _Ids(seed, 0, installation).new("answer")[:24]
    return IdBlock(prefix, start << _ANSWER_SHIFT)


def fill(
    writer: BulkWriter, clients: int, *, seed: int, today: date, now: datetime, start: int,
    progress: Progress | None = None,
) -> DemoFill:
    """Write `clients` synthetic clients with intakes and consents through `writer`.

    `start` is where the id counters begin (above every id made before), so filling twice adds.
    """
    factory = PersonFactory(seed, today)
    rng = random.Random(seed ^ 0x5EED)
    ids = _Ids(seed, start, writer.device_id)
    intakes = consents = 0
    for n in range(clients):
        person = factory.person()
        client_id = ids.new("client")
        created = now - timedelta(days=rng.randint(0, 400), minutes=rng.randint(0, 600))
        writer.add_client(client_id, person.identity, created)
        returns = rng.random()
        earlier = created
        # Earlier intakes from previous releases: one for some clients, several for a few.
        for _ in range(1 if returns < 0.15 else rng.randint(2, 4) if returns < 0.18 else 0):
            earlier -= timedelta(days=rng.randint(200, 900))
            writer.add_intake(ids.new("intake"), client_id, "intake", 1,
                              _earlier(person.answers), earlier, earlier + timedelta(minutes=40))
            intakes += 1
        done = rng.random() < 0.8
        intake_id = ids.new("intake")
        answers = person.answers if done else _partial(rng, person.answers)
        writer.add_intake(intake_id, client_id, "intake", 1, answers, created,
                          created + timedelta(minutes=rng.randint(20, 70)) if done else None)
        intakes += 1
        if done and rng.random() < 0.35:
            consents += 1
            _consent(writer, ids, rng, client_id, person.answers, created, today)
        if progress is not None and n % 1000 == 999:
            progress.step(n + 1, clients, "Creating synthetic clients")
    if progress is not None:
        progress.step(clients, clients, "Creating synthetic clients")
    return DemoFill(clients=clients, intakes=intakes + consents, consents=consents)


def _earlier(answers: dict[str, JsonValue]) -> dict[str, JsonValue]:
    keep = ("first_name", "last_name", "dob", "gender", "preferred_language",
            "county_of_residence", "housing_status", "supervision_type", "employment_status")
    return {k: answers[k] for k in keep if k in answers}


def _partial(rng: random.Random, answers: dict[str, JsonValue]) -> dict[str, JsonValue]:
    """A draft: the first part of the questionnaire, as if the intake was interrupted."""
    items = list(answers.items())
    return dict(items[: max(4, int(len(items) * rng.uniform(0.2, 0.8)))])


def _consent(
    writer: BulkWriter, ids: _Ids, rng: random.Random, client_id: str,
    answers: dict[str, JsonValue], created: datetime, today: date,
) -> None:
    tracks = tuple(sorted(rng.sample(_CONSENT_TRACKS, rng.randint(1, 4))))
    signed = created + timedelta(minutes=75)
    expires = (signed.date() + timedelta(days=365)).isoformat()
    intake_id = ids.new("intake")
    consent_answers: dict[str, JsonValue] = {
        "consent_client_name": f"{answers['first_name']} {answers['last_name']}",
        "consent_programs": list(tracks),
        "consent_includes_sud": bool(answers.get("substance_use_past_year")),
        "consent_includes_mental_health": bool(answers.get("mental_health_diagnosis")),
        "consent_expires_on": expires,
        "consent_signed_on": signed.date().isoformat(),
        "consent_signed_by": "client",
    }
    writer.add_intake(intake_id, client_id, "consent", 1, consent_answers, signed,
                      signed + timedelta(minutes=5))
    writer.add_consent(ids.new("consent"), client_id, intake_id, tracks, "client", signed, expires)


def demo_database_path(folder: Path) -> Path:
    return folder / "demo.db"

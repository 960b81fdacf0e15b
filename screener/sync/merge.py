"""Merging one incoming record with the local one: pure functions, no database (KeePassXC's
`Merger` idea: the rules in one place, tested hard).

Every version of a record carries a *version vector*: for each device, the latest hybrid
logical clock (HLC) of that device's edits the version descends from. A device's HLC only
grows, so vectors compare entry by entry:

* remote <= local: the remote version is already known here (a replay, an echo, an older
  bundle imported late). Nothing changes.
* local < remote: only the remote side changed since the two last agreed. It wins; the local
  value goes to the answer history.
* neither: both sides changed since they last agreed (concurrent). For answers both values are
  kept: the local one stays current and the remote one becomes a conflict for review, unless
  the two values are equal. So do clients, intakes and consents whose fields people edit
  (`EDITED_FIELDS`) differ; what no person edits settles deterministically (`merge_record`).
  Unlike an answer's, such a record keeps its own vector until a person chooses (so no side
  takes the other's version as settled before then); the choice descends from both. A
  revocation or a completion holds on every side meanwhile (`combine`).

The effective vector of a row is its stored `vv` joined with its own stamp
`{device_id: updated_at}`; local edits change only the stamp, so the new version dominates
everything the row knew before.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum

from screener.domain import Client, Intake, IntakeStatus
from screener.store.sync_records import (
    AnswerRecord,
    ChangeRecord,
    ConsentRecord,
)


class Order(Enum):
    """How two version vectors relate."""

    EQUAL = "equal"
    BEFORE = "before"  # the first is an ancestor of the second
    AFTER = "after"  # the first descends from the second
    CONCURRENT = "concurrent"


@dataclass(frozen=True)
class VersionVector:
    """{device id: latest HLC text} as sorted pairs (hashable, immutable)."""

    entries: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]]) -> VersionVector:
        """A vector from (device, HLC) pairs; repeated devices keep their latest HLC."""
        best: dict[str, str] = {}
        for device, hlc in pairs:
            if hlc > best.get(device, ""):
                best[device] = hlc
        return cls(tuple(sorted(best.items())))

    @classmethod
    def parse(cls, text: str) -> VersionVector:
        """The vector stored as JSON text (`{}` when empty)."""
        if text in ("", "{}"):
            return cls()
        return cls.of(json.loads(text).items())

    @classmethod
    def effective(cls, vv: str, device_id: str, updated_at: str) -> VersionVector:
        """A row's full vector: the stored one joined with its own stamp."""
        return cls.parse(vv).join(cls(((device_id, updated_at),)))

    def to_json(self) -> str:
        """Canonical JSON text (sorted keys, no spaces)."""
        return json.dumps(dict(self.entries), separators=(",", ":"), sort_keys=True)

    def get(self, device: str) -> str:
        """The HLC recorded for `device` ("" when none)."""
        for key, value in self.entries:
            if key == device:
                return value
        return ""

    def join(self, other: VersionVector) -> VersionVector:
        """The least vector that dominates both."""
        return VersionVector.of((*self.entries, *other.entries))

    def compare(self, other: VersionVector) -> Order:
        """How this vector relates to `other`."""
        devices = {d for d, _ in self.entries} | {d for d, _ in other.entries}
        less = greater = False
        for device in devices:
            mine, theirs = self.get(device), other.get(device)
            less |= mine < theirs
            greater |= mine > theirs
        if less and greater:
            return Order.CONCURRENT
        if less:
            return Order.BEFORE
        if greater:
            return Order.AFTER
        return Order.EQUAL


class Action(Enum):
    """What to do with an incoming record."""

    INSERT = "insert"  # not here yet
    KEEP = "keep"  # already known here: no change
    REPLACE = "replace"  # the incoming version wins (for answers: local value to history)
    CONFLICT = "conflict"  # both changed what people edit; local stays, remote kept for review
    JOIN = "join"  # concurrent but equal content: keep local, remember the remote's vector
    RESTAMP = "restamp"  # concurrent records combined into a new version stamped here


@dataclass(frozen=True)
class Decision:
    """The outcome of merging one record: the action and the vector to store."""

    action: Action
    vv: VersionVector


def vector_of(record: ChangeRecord) -> VersionVector:
    """The effective version vector of a record."""
    return VersionVector.effective(record.vv, record.device_id, record.updated_at)


def effective_json(record: ChangeRecord) -> str:
    """`vector_of(record).to_json()`, quick for the common case of an empty stored vector."""
    if record.vv == "{}":
        # The same text json.dumps writes: both parts were checked to need no escaping (a
        # UUID and an HLC), and this runs once per imported answer.
        return f'{{"{record.device_id}":"{record.updated_at}"}}'
    return vector_of(record).to_json()


def merge_answer(local: AnswerRecord | None, remote: AnswerRecord) -> Decision:
    """Merge one answer (matched by intake and field). Never drops a value."""
    theirs = vector_of(remote)
    if local is None:
        return Decision(Action.INSERT, theirs)
    mine = vector_of(local)
    order = mine.compare(theirs)
    if order in (Order.EQUAL, Order.AFTER):
        return Decision(Action.KEEP, mine)
    if order is Order.BEFORE:
        return Decision(Action.REPLACE, theirs)
    joined = mine.join(theirs)
    if local.value == remote.value:
        return Decision(Action.JOIN, joined)
    return Decision(Action.CONFLICT, joined)


@dataclass(frozen=True)
class RecordDecision:
    """The outcome of merging a whole record: the action, vector, and content to store.

    CONFLICT: the remote version waits for review; `record` is None when the local row
    stays as it is, else the local content with what must hold carried over (a revocation,
    a completion), to be stamped here as a new version. `vv` is then the local vector: the
    local version does not descend from the remote one until a person chooses.
    """

    action: Action
    vv: VersionVector
    record: ChangeRecord | None


#: The fields people edit, per record kind: concurrent changes to them are kept for review.
#: What no one edits by hand (the question an intake is at, who created a client) settles
#: deterministically.
EDITED_FIELDS: dict[type, tuple[str, ...]] = {
    Client: ("first_name", "last_name", "preferred_name", "dob", "phone",
                   "booking_number", "cdcr_number", "preferred_language"),
    Intake: ("status",),
    ConsentRecord: ("program_ids", "signer", "signed_at", "expires_on", "signature_png",
                    "revoked"),
}
#: Fields that go along with an edited one (who completed an intake, who revoked a consent).
_ALONG: dict[str, tuple[str, ...]] = {"status": ("completed_at", "completed_by"),
                                       "revoked": ("revoked_at", "revoked_by")}
#: What keeping the incoming side takes from it, per record kind.
_TAKEN: dict[type, tuple[str, ...]] = {
    cls: tuple(n for edited in names for n in (edited, *_ALONG.get(edited, ())))
    for cls, names in EDITED_FIELDS.items()
}


def combine_intakes(winner: Intake, loser: Intake) -> Intake:
    """A completed intake stays complete when a concurrent draft edit wins."""
    if winner.status != IntakeStatus.COMPLETE and loser.status == IntakeStatus.COMPLETE:
        return replace(winner, status=IntakeStatus.COMPLETE, completed_at=loser.completed_at,
                       completed_by=loser.completed_by)
    return winner


def combine_consents(winner: ConsentRecord, loser: ConsentRecord) -> ConsentRecord:
    """A revoked consent stays revoked when a concurrent edit wins."""
    if not winner.revoked and loser.revoked:
        return replace(winner, revoked=1, revoked_at=loser.revoked_at,
                       revoked_by=loser.revoked_by)
    return winner


def combine(winner: ChangeRecord, loser: ChangeRecord) -> ChangeRecord:
    """`winner` with what must never be lost carried over from `loser` (a completion, a
    revocation); other kinds of record as they are."""
    merged: ChangeRecord = winner
    if isinstance(winner, Intake) and isinstance(loser, Intake):
        merged = combine_intakes(winner, loser)
    elif isinstance(winner, ConsentRecord) and isinstance(loser, ConsentRecord):
        merged = combine_consents(winner, loser)
    return merged


def offered(local: ChangeRecord, remote: ChangeRecord) -> ChangeRecord:
    """The incoming version as a reviewer may keep it: with a local revocation or completion
    carried over (keeping a side never undoes one)."""
    return combine(remote, local)


def with_edits_of(local: ChangeRecord, remote: ChangeRecord) -> ChangeRecord:
    """What keeping the incoming side of a conflict stores: `local` with the fields people
    edit (and those going along) taken from `offered(local, remote)`. Links (the client an
    intake belongs to) and progress stay local."""
    chosen = offered(local, remote)
    return replace(local, **{n: getattr(chosen, n) for n in _TAKEN.get(type(local), ())})


def edited_differ(local: ChangeRecord, remote: ChangeRecord) -> tuple[str, ...]:
    """The fields people edit in which two versions of a record differ."""
    names = EDITED_FIELDS.get(type(local), ())
    return tuple(n for n in names if getattr(local, n) != getattr(remote, n))


def _content(record: ChangeRecord) -> ChangeRecord:
    """The record without its stamp, for comparing content."""
    return replace(record, updated_at="", device_id="", vv="")


def merge_record(local: ChangeRecord | None, remote: ChangeRecord) -> RecordDecision:
    """Merge a client, intake, consent or determination.

    Concurrent versions that still differ in what people edit once a revocation or a
    completion on either side holds: a CONFLICT (the local version stays, with that
    revocation or completion). Otherwise the one with the later HLC wins (the same answer
    on every device), with what must never be lost carried over (`combine`); if that
    changes the winner's content, the result is a new version to be stamped here (RESTAMP).
    """
    theirs = vector_of(remote)
    if local is None:
        return RecordDecision(Action.INSERT, theirs, remote)
    mine = vector_of(local)
    order = mine.compare(theirs)
    if order in (Order.EQUAL, Order.AFTER):
        return RecordDecision(Action.KEEP, mine, None)
    if order is Order.BEFORE:
        return RecordDecision(Action.REPLACE, theirs, remote)
    kept = combine(local, remote)
    if edited_differ(kept, offered(local, remote)):
        return RecordDecision(Action.CONFLICT, mine,
                              None if _content(kept) == _content(local) else kept)
    joined = mine.join(theirs)
    winner, loser = (remote, local) if remote.updated_at > local.updated_at else (local, remote)
    merged = combine(winner, loser)
    if _content(merged) != _content(winner):
        return RecordDecision(Action.RESTAMP, joined, merged)
    if winner is local:
        return RecordDecision(Action.JOIN, joined, None)
    return RecordDecision(Action.REPLACE, joined, remote)

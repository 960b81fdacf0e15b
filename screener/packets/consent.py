"""Which sensitive information a consent lets a packet print (42 CFR Part 2, HIPAA).

Pure functions over the view model, so the rule that guards disclosure is tested on its own.
A consent counts only when it is signed (on or before the packet date), unrevoked, not
expired (`expires_on` before the packet date) and complete: it has an expiry date or event,
and a representative's signature comes with the representative's authority.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from screener.packets.model import SENSITIVE_KINDS, ConsentView, PacketContent, SensitiveKind


class ConsentState(Enum):
    """Why a consent does or does not count on a given day."""

    VALID = "valid"
    UNSIGNED = "unsigned"
    SIGNED_LATER = "signed_later"  # signed after the packet date
    REVOKED = "revoked"
    EXPIRED = "expired"
    NO_EXPIRY = "no_expiry"  # neither an expiry date nor an expiry event
    NO_AUTHORITY = "no_authority"  # a representative signed without stating their authority


def consent_state(consent: ConsentView, on: date) -> ConsentState:
    """The state of `consent` on the day `on` (the packet date)."""
    if consent.signed_on is None:
        return ConsentState.UNSIGNED
    if consent.signed_on > on:
        return ConsentState.SIGNED_LATER
    if consent.revoked:
        return ConsentState.REVOKED
    if consent.expires_on is not None and consent.expires_on < on:
        return ConsentState.EXPIRED
    if consent.expires_on is None and not (consent.expiry_event or "").strip():
        return ConsentState.NO_EXPIRY
    if consent.signed_by == "representative" and not (
        (consent.representative_name or "").strip()
        and (consent.representative_authority or "").strip()
    ):
        return ConsentState.NO_AUTHORITY
    return ConsentState.VALID


def kinds_covered(consent: ConsentView) -> frozenset[SensitiveKind]:
    """The sensitive kinds a consent's description of information includes."""
    kinds: set[SensitiveKind] = set()
    if consent.includes_sud:
        kinds.add("substance_use")
    if consent.includes_mental_health:
        kinds.add("mental_health")
    return frozenset(kinds)


def valid_consents(
    consents: Iterable[ConsentView], track_id: str, on: date
) -> tuple[ConsentView, ...]:
    """The consents naming `track_id` that count on `on`."""
    return tuple(
        c
        for c in consents
        if track_id in c.track_ids and consent_state(c, on) is ConsentState.VALID
    )


def permitted_kinds(
    consents: Iterable[ConsentView], track_id: str, on: date
) -> frozenset[SensitiveKind]:
    """The sensitive kinds a packet for a program of `track_id` may print on `on`."""
    kinds: frozenset[SensitiveKind] = frozenset()
    for consent in valid_consents(consents, track_id, on):
        kinds |= kinds_covered(consent)
    return kinds


def packet_permitted_kinds(
    consents: Iterable[ConsentView], track_ids: Iterable[str], on: date
) -> frozenset[SensitiveKind]:
    """The kinds a packet for all of `track_ids` may print: one document goes to every
    recipient, so a kind is printed only where each track's consent covers it."""
    consents = tuple(consents)
    result: frozenset[SensitiveKind] | None = None
    for track_id in track_ids:
        kinds = permitted_kinds(consents, track_id, on)
        result = kinds if result is None else result & kinds
    return result or frozenset()


@dataclass(frozen=True)
class Sharing:
    """What one packet may share of the sensitive information it was given, and on whose
    consent.

    A kind without consent is announced as withheld whether or not the packet holds any of
    it: a notice printed only when there is something to withhold would itself tell the
    reader that the client has, say, substance use records (which 42 CFR Part 2 protects).
    """

    #: Kinds the packet holds sections of, in print order.
    present: tuple[SensitiveKind, ...]
    #: Kinds every program of the packet has a valid consent for.
    permitted: frozenset[SensitiveKind]
    #: For each kind printed, the valid consents naming one of the packet's tracks that cover it.
    consent_ids: dict[SensitiveKind, tuple[str, ...]]
    #: For each kind not permitted, the titles of the programs whose track lacks consent for it.
    lacking: dict[SensitiveKind, tuple[str, ...]]

    @property
    def shared(self) -> tuple[SensitiveKind, ...]:
        """Kinds present and printed."""
        return tuple(k for k in self.present if k in self.permitted)

    @property
    def withheld(self) -> tuple[SensitiveKind, ...]:
        """Kinds present but withheld for lack of consent (what the audit log records)."""
        return tuple(k for k in self.present if k not in self.permitted)


def decide_sharing(content: PacketContent, on: date) -> Sharing:
    """Which of `content`'s sensitive sections its packet may print on `on`."""
    present_set = {s.kind for s in content.sensitive_sections}
    present = tuple(k for k in SENSITIVE_KINDS if k in present_set)
    permitted = packet_permitted_kinds(content.consents, content.track_ids, on)
    tracks = frozenset(content.track_ids)
    valid = [
        c
        for c in content.consents
        if c.track_ids & tracks and consent_state(c, on) is ConsentState.VALID
    ]
    consent_ids = {
        kind: tuple(c.consent_id for c in valid if kind in kinds_covered(c))
        for kind in present
        if kind in permitted
    }
    per_program = {
        p.program_id: permitted_kinds(content.consents, p.track_id, on) for p in content.programs
    }
    lacking = {
        kind: tuple(p.title for p in content.programs if kind not in per_program[p.program_id])
        for kind in SENSITIVE_KINDS
        if kind not in permitted
    }
    return Sharing(present=present, permitted=permitted, consent_ids=consent_ids, lacking=lacking)

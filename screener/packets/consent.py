"""Which sensitive information a consent lets a packet print (42 CFR Part 2, HIPAA).

Pure functions over the view model, so the rule that guards disclosure is tested on its own.
A consent counts only when it is signed (on or before the packet date), unrevoked, not
expired (`expires_on` before the packet date) and complete: it has an expiry date or event,
and a representative's signature comes with the representative's authority.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum

from screener.domain import SensitiveKind
from screener.packets.model import ConsentView, Cover


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


def cover(
    consents: Iterable[ConsentView], track_id: str, kind: SensitiveKind, on: date
) -> Cover:
    """Whether a program of `track_id` may print `kind` on `on`: `covered` by a valid consent;
    `declined` when valid consents name the track but none includes the kind (the client
    said No to it); `none` when no valid consent names the track (none signed, expired,
    revoked, incomplete)."""
    valid = valid_consents(consents, track_id, on)
    if any(kind in kinds_covered(c) for c in valid):
        return "covered"
    return "declined" if valid else "none"


def packet_cover(covers: Iterable[Cover]) -> Cover:
    """One packet goes to one reader: a kind prints only if every program's consent covers
    it; otherwise the packet says why, "none" before "declined"."""
    found = set(covers)
    for state in ("none", "declined"):
        if state in found:
            return state
    return "covered"

"""Consent scopes what a packet prints (DESIGN §7): the pure rules, and the SSN mask."""

from __future__ import annotations

from datetime import date

import pytest

from screener.packets import ConsentState, consent_state, packet_permitted_kinds, permitted_kinds
from screener.packets.consent import cover, packet_cover
from screener.packets.privacy import Redactor, mask_ssn
from screener.packets.samples import sample_consent

ON = date(2026, 11, 25)
BOTH = frozenset({"substance_use", "mental_health"})


def test_permitted_kinds_signed_consent_naming_the_track_covers_its_kinds() -> None:
    consent = sample_consent("en")
    assert permitted_kinds([consent], "housing", ON) == BOTH
    assert permitted_kinds([consent], "behavioral_health", ON) == BOTH


def test_permitted_kinds_consent_for_another_track_counts_as_none() -> None:
    assert permitted_kinds([sample_consent("en")], "employment_education", ON) == frozenset()


def test_permitted_kinds_sud_only_consent_covers_substance_use_only() -> None:
    consent = sample_consent("en", includes_mental_health=False)
    assert permitted_kinds([consent], "housing", ON) == {"substance_use"}


def test_permitted_kinds_joins_several_consents_for_one_track() -> None:
    sud = sample_consent("en", consent_id="A", includes_mental_health=False)
    mh = sample_consent("en", consent_id="B", includes_sud=False)
    assert permitted_kinds([sud, mh], "housing", ON) == BOTH


@pytest.mark.parametrize(
    ("changes", "state"),
    [
        ({"expires_on": date(2026, 11, 24)}, ConsentState.EXPIRED),
        ({"revoked": True}, ConsentState.REVOKED),
        ({"signed_on": None}, ConsentState.UNSIGNED),
        ({"signed_on": date(2026, 11, 26)}, ConsentState.SIGNED_LATER),
        ({"expires_on": None, "expiry_event": None}, ConsentState.NO_EXPIRY),
        ({"signed_by": "representative"}, ConsentState.NO_AUTHORITY),
    ],
)
def test_permitted_kinds_invalid_consent_counts_as_none(
    changes: dict[str, object], state: ConsentState
) -> None:
    consent = sample_consent("en", **changes)
    assert consent_state(consent, ON) is state
    assert permitted_kinds([consent], "housing", ON) == frozenset()


def test_consent_expiring_on_the_packet_date_still_counts() -> None:
    consent = sample_consent("en", expires_on=ON)
    assert consent_state(consent, ON) is ConsentState.VALID


def test_consent_with_an_expiry_event_and_no_date_counts() -> None:
    consent = sample_consent("en", expires_on=None, expiry_event="end of enrollment")
    assert consent_state(consent, ON) is ConsentState.VALID


def test_consent_signed_by_a_representative_with_authority_counts() -> None:
    consent = sample_consent(
        "en",
        signed_by="representative",
        representative_name="Ana Reyes",
        representative_authority="Conservator (LASC case 23STPB01234)",
    )
    assert consent_state(consent, ON) is ConsentState.VALID


def test_packet_permitted_kinds_needs_consent_for_every_track() -> None:
    consent = sample_consent("en")  # housing and behavioral_health
    assert packet_permitted_kinds([consent], ["housing", "behavioral_health"], ON) == BOTH
    assert packet_permitted_kinds([consent], ["housing", "employment_education"], ON) == set()
    assert packet_permitted_kinds([consent], [], ON) == set()


def test_cover_valid_consent_including_the_kind_covers_it() -> None:
    assert cover([sample_consent("en")], "housing", "mental_health", ON) == "covered"


def test_cover_valid_consent_saying_no_to_the_kind_is_declined() -> None:
    consent = sample_consent("en", includes_sud=False)
    assert cover([consent], "housing", "substance_use", ON) == "declined"
    assert cover([consent], "housing", "mental_health", ON) == "covered"


@pytest.mark.parametrize(
    "changes",
    [{"revoked": True}, {"expires_on": date(2026, 11, 24)}, {"signed_on": None},
     {"tracks": frozenset({"civic_engagement"})}],
    ids=["revoked", "expired", "unsigned", "other-track"],
)
def test_cover_no_valid_consent_for_the_track_is_none(changes: dict[str, object]) -> None:
    consent = sample_consent("en", **changes)  # type: ignore[arg-type]
    assert cover([consent], "housing", "substance_use", ON) == "none"
    assert cover([], "housing", "substance_use", ON) == "none"


def test_packet_cover_prints_none_before_declined_before_covered() -> None:
    assert packet_cover(["covered", "declined", "none"]) == "none"
    assert packet_cover(["covered", "declined"]) == "declined"
    assert packet_cover(["covered", "covered"]) == "covered"


@pytest.mark.parametrize(
    ("ssn", "masked"),
    [
        ("123-45-6789", "***-**-6789"),
        ("123456789", "***-**-6789"),
        (" 123 45 6789 ", "***-**-6789"),
        ("6789", "***-**-6789"),
        ("12", None),
        (None, None),
    ],
)
def test_mask_ssn_keeps_only_the_last_four(ssn: str | None, masked: str | None) -> None:
    assert mask_ssn(ssn) == masked


@pytest.mark.parametrize(
    "text", ["SSN 123-45-6789.", "ssn:123456789", "123 45 6789", "no. 123.45.6789 end"]
)
def test_redactor_masks_the_whole_ssn_in_any_spelling(text: str) -> None:
    redacted = Redactor("123-45-6789")(text)
    assert "6789" in redacted
    assert "123" not in redacted.replace("***-**-6789", "")


def test_redactor_leaves_longer_numbers_and_other_text_alone() -> None:
    redact = Redactor("123-45-6789")
    assert redact("case 1234567890") == "case 1234567890"
    assert redact("phone (213) 555-0142") == "phone (213) 555-0142"
    assert Redactor(None)("123-45-6789") == "123-45-6789"

"""The merge rules as pure functions (no database), with property tests."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from hypothesis import given
from hypothesis import strategies as st

from screener.domain import Intake, IntakeStatus
from screener.store.sync_records import AnswerRecord, ConsentRecord
from screener.sync.merge import (
    Action,
    Order,
    VersionVector,
    edited_differ,
    merge_answer,
    merge_record,
    with_edits_of,
)

A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"
DEVICES = (A, B, "cccccccc-cccc-4ccc-8ccc-cccccccccccc")


def hlc(n: int, device: str) -> str:
    return f"2026-11-25T20:00:{n:02d}.000Z-0000-{device}"


vectors = st.builds(
    VersionVector.of,
    st.lists(st.tuples(st.sampled_from(DEVICES), st.integers(0, 59).map(lambda n: f"{n:02d}")),
             max_size=3),
)


@given(vectors, vectors)
def test_compare_is_antisymmetric(a: VersionVector, b: VersionVector) -> None:
    flipped = {Order.BEFORE: Order.AFTER, Order.AFTER: Order.BEFORE}
    order = a.compare(b)
    assert b.compare(a) == flipped.get(order, order)


@given(vectors, vectors, vectors)
def test_join_is_the_least_upper_bound(a: VersionVector, b: VersionVector,
                                       c: VersionVector) -> None:
    j = a.join(b)
    assert a.compare(j) in (Order.BEFORE, Order.EQUAL)
    assert b.compare(j) in (Order.BEFORE, Order.EQUAL)
    assert j == b.join(a) and a.join(b.join(c)) == a.join(b).join(c)
    assert VersionVector.parse(j.to_json()) == j


def answer(value: str, n: int, device: str, vv: str = "{}") -> AnswerRecord:
    return AnswerRecord(
        id="11111111-1111-4111-8111-111111111111", intake_id="22222222-2222-4222-8222-222222222222",
        field_id="housing_status", value=f'"{value}"', reason=None,
        entered_at="2026-11-25T20:00:00.000Z", entered_by="ana", updated_at=hlc(n, device),
        device_id=device, vv=vv,
    )


def test_an_answer_merges_by_what_each_side_knew() -> None:
    base = answer("x", 1, A)
    known = VersionVector.effective(base.vv, A, base.updated_at).to_json()
    remote_edit = answer("y", 5, B, vv=known)
    local_edit = answer("z", 3, A)
    assert merge_answer(None, base).action is Action.INSERT
    assert merge_answer(base, base).action is Action.KEEP
    assert merge_answer(base, remote_edit).action is Action.REPLACE
    assert merge_answer(remote_edit, base).action is Action.KEEP  # an old version, late
    conflict = merge_answer(local_edit, remote_edit)
    assert conflict.action is Action.CONFLICT
    assert conflict.vv.get(A) == local_edit.updated_at and conflict.vv.get(B) == remote_edit.updated_at
    same = replace(remote_edit, value=local_edit.value)
    assert merge_answer(local_edit, same).action is Action.JOIN


def _intake(status: str, n: int, device: str) -> Intake:
    return Intake(
        id="33333333-3333-4333-8333-333333333333", client_id=A, form_id="intake", form_version=1,
        status=cast(IntakeStatus, status), current_section=None, current_question=None,
        started_at="2026-11-25T20:00:00.000Z", started_by="ana",
        completed_at="2026-11-25T20:00:09.000Z" if status == "complete" else None,
        completed_by="ana" if status == "complete" else None, updated_at=hlc(n, device),
        device_id=device, vv="{}",
    )


def test_a_completed_intake_stays_complete_when_a_later_draft_edit_wins() -> None:
    done, later_draft = _intake("complete", 2, A), _intake("draft", 4, B)
    decision = merge_record(done, later_draft)
    assert decision.action is Action.RESTAMP  # nothing left to review: complete holds
    assert isinstance(decision.record, Intake) and decision.record.status == "complete"
    assert merge_record(later_draft, done).action is Action.RESTAMP


def test_concurrent_status_edits_wait_for_review() -> None:
    # Today a draft only becomes complete (which holds); a status a later version adds
    # ("withdrawn") against another is for a person to choose.
    ours, theirs = _intake("draft", 2, A), _intake("withdrawn", 4, B)
    decision = merge_record(ours, theirs)
    assert decision.action is Action.CONFLICT and decision.record is None  # local stays
    assert decision.vv == VersionVector.effective("{}", A, ours.updated_at)  # not joined


def test_concurrent_edits_nobody_makes_settle_deterministically() -> None:
    moved = replace(_intake("draft", 4, B), current_section="housing")
    decision = merge_record(_intake("draft", 2, A), moved)
    assert decision.action is Action.REPLACE and decision.record == moved


def _consent(n: int, device: str) -> ConsentRecord:
    return ConsentRecord(
        id="44444444-4444-4444-8444-444444444444", client_id=A, intake_id=None,
        program_ids='["housing"]', signer="Ana", signed_at="2026-11-25T20:00:00.000Z",
        expires_on=None, signature_png=None, recorded_by="ana", revoked=0, revoked_at=None,
        revoked_by=None, updated_at=hlc(n, device), device_id=device, vv="{}")


def test_a_revocation_is_never_undone_by_a_concurrent_edit() -> None:
    edited = replace(_consent(5, B), expires_on="2027-01-01")
    revoked = replace(_consent(1, A), revoked=1, revoked_at="2026-11-25T20:00:01.000Z",
                      revoked_by="olga")
    at_office = merge_record(revoked, edited)
    assert at_office.action is Action.CONFLICT and at_office.record is None
    on_laptop = merge_record(edited, revoked)
    assert on_laptop.action is Action.CONFLICT
    kept = on_laptop.record
    assert isinstance(kept, ConsentRecord) and kept.revoked == 1 and kept.revoked_by == "olga"
    assert kept.expires_on == "2027-01-01"  # the laptop's edit stays current too


def test_keeping_the_incoming_side_takes_only_what_people_edit() -> None:
    local = replace(_intake("draft", 2, A), current_section="housing")
    remote = _intake("complete", 4, B)
    kept = with_edits_of(local, remote)
    assert isinstance(kept, Intake)
    assert (kept.status, kept.completed_by, kept.current_section) == ("complete", "ana", "housing")
    assert edited_differ(local, remote) == ("status",)

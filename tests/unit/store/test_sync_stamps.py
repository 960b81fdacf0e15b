"""Sync-ready records (DESIGN §8): UUID, HLC `updated_at`, `device_id`, local `seq`."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from screener import services
from screener.clock import FixedClock
from screener.domain import ClientIdentity
from screener.store.hlc import Hlc
from screener.store.stamps import current_seq, observe_remote

SYNCABLE = ("clients", "intakes", "answers", "consents", "determinations")
DEVICE = "5f0c7d5e-1111-4222-8333-944455556666"
T0 = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


def test_every_syncable_table_has_the_sync_columns(admin: services.Session) -> None:
    conn = admin.repos.db.conn
    for table in SYNCABLE:
        columns = {r[1]: r[2] for r in conn.execute(f"PRAGMA table_info({table})")}
        assert {"id", "updated_at", "device_id", "seq"} <= columns.keys(), table
        indexed = [r[1] for r in conn.execute(f"PRAGMA index_list({table})")]
        assert f"{table}_by_seq" in indexed, table


def test_every_change_gets_a_new_seq_and_a_later_hlc(
    worker: services.Session, clock: FixedClock
) -> None:
    client = services.create_client(worker, ClientIdentity("Ana", "Ruiz"))
    intake = services.start_intake(worker, client.id, "intake", 1)
    a1 = services.save_answer(worker, intake.id, "first_name", "Anna").answer  # and the client
    a2 = services.save_answer(worker, intake.id, "first_name", "Ana María").answer
    moved = services.set_intake_position(worker, intake.id, "s1", "q1")
    updated_client = worker.repos.clients.require(client.id)
    stamps = [client, intake, a1, a2, moved, updated_client]
    seqs = [s.seq for s in stamps]
    assert len(set(seqs)) == len(seqs) and seqs[:4] == sorted(seqs[:4])
    # The fixed clock never moves: the HLC counter still orders the changes.
    hlcs = [s.updated_at for s in sorted(stamps, key=lambda s: s.seq)]
    assert hlcs == sorted(hlcs) and len(set(hlcs)) == len(hlcs)
    assert a2.id == a1.id and uuid.UUID(a2.id) and uuid.UUID(client.id)
    assert {s.device_id for s in stamps} == {worker.repos.db.device_id}
    assert current_seq(worker.repos.db.conn) == max(seqs)


def test_device_id_is_made_at_init_and_kept(admin: services.Session) -> None:
    device = admin.repos.settings.get("device_id")
    assert device is not None and uuid.UUID(device)
    assert admin.repos.db.device_id == device


def test_hlc_text_sorts_like_the_clock() -> None:
    a = Hlc.zero(DEVICE).tick(T0)
    b = a.tick(T0)  # same millisecond
    c = b.tick(T0 - timedelta(hours=1))  # the wall clock went back
    d = c.tick(T0 + timedelta(milliseconds=1))
    stamps = [a, b, c, d]
    assert stamps == sorted(stamps) and [str(s) for s in stamps] == sorted(str(s) for s in stamps)
    assert all(Hlc.parse(str(s)) == s for s in stamps)
    assert str(a).startswith("2026-11-25T20:00:00.000Z-0000-")


def test_hlc_after_a_remote_stamp_is_later_than_it() -> None:
    ahead = Hlc(Hlc.zero(DEVICE).tick(T0 + timedelta(minutes=5)).millis, 7,
                "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
    local = Hlc.zero(DEVICE).tick(T0)
    merged = local.observe(ahead, T0)
    assert merged > ahead and merged > local and merged.device_id == DEVICE
    assert merged.tick(T0) > merged


def test_hlc_counter_overflow_borrows_the_next_millisecond() -> None:
    full = Hlc(1000, 0xFFFF, DEVICE)
    assert full.tick(datetime(1970, 1, 1, tzinfo=UTC)) == Hlc(1001, 0, DEVICE)


def test_observing_a_remote_stamp_advances_the_database_clock(admin: services.Session) -> None:
    remote = str(Hlc(Hlc.zero(DEVICE).tick(T0 + timedelta(days=1)).millis, 3, DEVICE))
    with admin.repos.db.transaction() as conn:
        stamp = observe_remote(conn, admin.repos.db.device_id, remote, T0)
    assert stamp.updated_at > remote
    client = services.create_client(admin, ClientIdentity("After", "Merge"))
    assert client.updated_at > stamp.updated_at and client.seq == stamp.seq + 1

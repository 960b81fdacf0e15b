"""The office notices a field laptop's audit log being cut back or rewritten (issue 20,
finding 1: "at the latest at the office, after the laptop's next bundle")."""

from __future__ import annotations

from screener import services
from screener.store.keyslots import keys_path_for, load_keys_file, unwrap_key
from screener.store.sqlite import connect
from tests.unit.sync.world import PASSWORD, World, add_clients


def _drop_own_tail(world: World, name: str, rows: int) -> None:
    """What ana (intake) can do with her key: delete the newest audit rows and fix the head."""
    path = world.db(name)
    key = unwrap_key(load_keys_file(keys_path_for(path)), "ana", PASSWORD)
    conn = connect(path.resolve().as_uri() + "?mode=rw")
    conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
    conn.execute("DROP TRIGGER audit_no_delete")
    last = conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
    conn.execute("DELETE FROM audit WHERE seq > ?", (last - rows,))
    seq, digest = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    conn.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (seq, digest))
    conn.close()


def test_an_intact_laptop_log_checks_out_bundle_after_bundle(world: World) -> None:
    for _ in range(3):
        add_clients(world["field1"], 2)
        world.sync_to_office("field1")
        world.tick()
    assert services.verify_audit(world.office).ok


def test_a_laptop_log_cut_back_after_a_bundle_is_reported_at_the_office(world: World) -> None:
    add_clients(world["field1"], 2)
    world.sync_to_office("field1")
    world["field1"].close()
    _drop_own_tail(world, "field1", 4)  # rows the office was told about
    world.sessions["field1"] = services.open_session(world.db("field1"), "ana", PASSWORD,
                                                     world.clock)
    # the laptop's own check cannot tell (the rows were its own, the head was fixed)
    add_clients(world["field1"], 1)
    world.sync_to_office("field1")
    report = services.verify_audit(world.office)
    assert [p.kind for p in report.problems] == ["device"]
    assert "audit log of device" in report.problems[0].message

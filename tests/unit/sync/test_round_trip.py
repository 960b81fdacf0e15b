"""Field to office and back: identical records, idempotent re-import, incremental exports."""

from __future__ import annotations

from screener import services
from screener.store.sync_changes import COLUMNS
from screener.store.sync_records import TABLE_OF
from tests.unit.sync.world import World, add_clients, table_digest


def _records(session: services.Session) -> dict[str, list[tuple[object, ...]]]:
    """Every syncable row, all columns but the local seq and the vv bookkeeping."""
    conn = session.repos.db.conn
    out = {}
    for kind, table in TABLE_OF.items():
        cols = [c for c in COLUMNS[kind] if c != "vv"]
        out[table] = conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY id").fetchall()
    return out


def test_a_thousand_clients_arrive_identical_and_reimport_changes_nothing(world: World) -> None:
    add_clients(world["field1"], 1000, answers_each=3)
    bundle = world.export("field1")
    summary = services.import_bundle(world.office, bundle)
    assert dict(summary.added) == {"client": 1000, "intake": 1000, "answer": 3000}
    assert summary.conflicts == 0 and summary.duplicates == 0 and not summary.missing
    assert _records(world.office) == _records(world["field1"])

    before = table_digest(world.office)
    again = services.import_bundle(world.office, bundle)
    assert again.already_imported_at is not None and again.total_added == 0
    after = table_digest(world.office)
    assert {t: v for t, v in after.items() if t != "audit"} == {
        t: v for t, v in before.items() if t != "audit"}


def test_second_export_holds_only_new_changes(world: World) -> None:
    f1 = world["field1"]
    [first] = add_clients(f1, 1)
    world.sync_to_office("field1")
    intake = services.intakes_of(f1, first)[0]
    world.tick()
    services.save_answer(f1, intake.id, "housing_status", "transitional")
    summary = world.sync_to_office("field1")
    assert dict(summary.updated) == {"answer": 1} and summary.total_added == 0
    assert services.answer_values(world.office, intake.id)["housing_status"] == "transitional"
    history = services.answer_history(world.office, intake.id, "housing_status")
    assert [v.value for v in history] == ["unsheltered", "transitional"]


def test_full_export_resends_everything_without_changing_anything(world: World) -> None:
    add_clients(world["field1"], 5)
    world.sync_to_office("field1")
    before = _records(world.office)
    full = services.import_bundle(world.office, world.export("field1", full=True))
    assert full.total_added == 0 and full.total_updated == 0 and full.unchanged == 25
    assert _records(world.office) == before


def test_office_sends_a_returning_client_and_forms_to_a_field_laptop(world: World) -> None:
    [client] = add_clients(world["field1"], 1)
    world.sync_to_office("field1")
    device2 = services.list_devices(world.office)[1].peer
    assert device2.name == "Laptop field2"
    path = world.bundle_path()
    sent = services.export_to_device(world.office, path, device2.device_id, [client])
    assert dict(sent.counts)["client"] == 1 and dict(sent.counts)["document"] >= 1
    got = services.import_bundle(world["field2"], path)
    assert dict(got.added)["client"] == 1 and got.documents == dict(sent.counts)["document"]
    assert services.get_client(world["field2"], client).last_name == "Clast0"
    assert any(p == "intake.yaml" for _, p, _ in services.received_documents(world["field2"]))
    # field2 edits the returning client's answer; the office takes it.
    intake = services.intakes_of(world["field2"], client)[0]
    world.tick()
    services.save_answer(world["field2"], intake.id, "housing_status", "rent_own")
    summary = world.sync_to_office("field2")
    assert summary.conflicts == 0
    assert services.answer_values(world.office, intake.id)["housing_status"] == "rent_own"


def test_a_cancelled_export_leaves_no_file_and_moves_nothing_on(world: World) -> None:
    import pytest

    from screener.progress import Cancelled, Progress

    add_clients(world["field1"], 50)
    progress = Progress()
    progress.cancel()
    target = world.folder / "cancelled.screener-bundle"
    before = set(world.folder.iterdir())
    with pytest.raises(Cancelled):
        services.export_bundle(world["field1"], target, progress=progress)
    assert set(world.folder.iterdir()) == before  # no bundle, no temporary file
    summary = services.import_bundle(world.office, world.export("field1"))
    assert dict(summary.added)["client"] == 50  # the next export still has everything


def test_answers_in_any_script_travel_and_lines_stay_ascii(world: World) -> None:
    from screener.domain import ClientIdentity

    f1 = world["field1"]
    client = services.create_client(f1, ClientIdentity("José", "Pérez Núñez"))
    intake = services.start_intake(f1, client.id, "intake", 1)
    # (a tab or a right-to-left override in a name is refused or removed on the way in:
    # test_input_limits.py)
    values = {"last_name": "Pérez Núñez", "first_name": 'Zoë "Q" \\ 😀 ʻOkina 中文'}
    for field, value in values.items():
        services.save_answer(f1, intake.id, field, value)
    bundle = world.export("field1")
    services.import_bundle(world.office, bundle)
    got = services.answer_values(world.office, intake.id)
    assert {k: got[k] for k in values} == values
    assert _records(world.office) == _records(f1)


def test_lines_written_by_sqlite_decode_like_lines_written_by_python(world: World) -> None:
    import json

    from screener.store.sync_changes import change_lines, changes_since
    from screener.store.sync_records import RecordType
    from screener.sync.wire import JSON_FIELDS, SQL_ENCODED, ascii_line, decode_line, encode_record

    f1 = world["field1"]
    add_clients(f1, 3, answers_each=3)
    client = services.create_client(f1, services.ClientIdentity("Ñandú", 'O"Brien\\'))
    intake = services.start_intake(f1, client.id, "intake", 1)
    services.save_answer(f1, intake.id, "children", [{"child_first_name": "Zoë", "child_age": 3}])
    conn = f1.repos.db.conn
    for kind in SQL_ENCODED:
        by_sql = [ascii_line(t) for t in change_lines(conn, kind, 0, 10**9, JSON_FIELDS)]
        by_python = [encode_record(kind, r) for r in changes_since(conn, kind, 0, 10**9)]
        assert len(by_sql) == len(by_python), kind
        for a, b in zip(by_sql, by_python, strict=True):
            assert a.isascii() and a.endswith(b"\n")
            assert json.loads(a) == json.loads(b)
            assert decode_line(a.rstrip(b"\n"), 1) == decode_line(b.rstrip(b"\n"), 1)
    assert RecordType.ANSWER in SQL_ENCODED

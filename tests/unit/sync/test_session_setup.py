"""A session holds the forms and rules it screens with; installing or rolling back a content
pack replaces them (at the office that publishes it, and on a laptop that receives it)."""

from __future__ import annotations

from pathlib import Path

from screener import services
from tests.unit.sync.world import PASSWORD, World


def test_publishing_receiving_and_rolling_back_a_pack_replace_the_sessions_setup(
    world: World,
) -> None:
    with services.open_session(world.db("office"), "boss", PASSWORD, world.clock) as boss:
        built_in = boss.setup
        assert built_in.pack is None and boss.setup is built_in  # loaded once
        published = services.publish_content(boss, "Same rules, first pack")
        assert published.pack is not None
        assert boss.setup.pack == published.pack
        assert boss.setup.resources_dir == published.pack.folder / "resources"
        ana = world["field1"]
        assert ana.setup.pack is None
        services.import_bundle(ana, _sent_to(world, boss, "Laptop field1"))
        assert ana.setup.pack is not None and ana.setup.pack.version == published.pack.version
        services.rollback_content(boss)
        assert boss.setup.pack is None


def _sent_to(world: World, office: services.Session, laptop: str) -> Path:
    target = {d.peer.name: d.peer.device_id for d in services.list_devices(office)}[laptop]
    path = world.bundle_path()
    services.export_to_device(office, path, target, [])
    return path

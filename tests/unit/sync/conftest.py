"""Fixtures: the office-and-two-laptops world, built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.sync.world import World, build_template, copy_world


@pytest.fixture(scope="session")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("sync-template"))


@pytest.fixture
def world(world_template: Path, tmp_path: Path) -> Iterator[World]:
    w = World(copy_world(world_template, tmp_path / "world"))
    yield w
    w.close()

"""Fixtures of the reliability suite: its mode, its figures, and databases to torture."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reliability import figures as figure_log
from tests.reliability.harness import copy_database, new_database
from tests.reliability.scenarios import Templates

Record = Callable[[str], None]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/reliability carries the `reliability` marker."""
    for item in items:
        if "tests/reliability/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.reliability)


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Record:
    """`figures("500 kills: 0 corrupt ...")` notes a figure under this test's name."""
    name = request.node.name

    def record(text: str) -> None:
        figure_log.record(name, text)

    return record


@pytest.fixture(scope="session")
def reliability_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database with an admin, a client and a draft intake, built once."""
    return new_database(tmp_path_factory.mktemp("reliability-template") / "screener.db")


@pytest.fixture
def fresh_db(tmp_path: Path, reliability_template: Path) -> Path:
    """A private copy of the template database in this test's folder."""
    path = copy_database(reliability_template, tmp_path / "data" / "screener.db")
    intake = reliability_template.with_name(reliability_template.name + ".intake")
    path.with_name(path.name + ".intake").write_text(intake.read_text())
    return path


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    """The databases the operation tests start from (a plain one, a sync world), built once."""
    return Templates.build(tmp_path_factory.mktemp("templates"))

"""One loaded copy of the built-in forms and rules for a whole test run.

The app loads them once per session (`Session.setup`, about half a second); a test run opens
thousands of sessions, so tests share the built-in set, which never changes while they run.
A content pack installed by a test is still loaded from its own folder, as the app does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from screener import paths
from screener.services import screening
from screener.sync import content


def sharing_loader() -> Callable[[Path | None], screening.ScreeningSetup]:
    """`load_setup_in_force` that loads the built-in set only once."""
    built_in: list[screening.ScreeningSetup] = []

    def load(database: Path | None = None) -> screening.ScreeningSetup:
        if content.in_force(paths.content_dir(database)) is not None:
            return screening.load_setup_in_force(database)
        if not built_in:
            built_in.append(screening.load_setup())
        return built_in[0]

    return load

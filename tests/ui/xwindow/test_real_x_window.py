"""The keyboard paths of `keyboard_in_x.py`, in a real X server with a window manager."""

from __future__ import annotations

import pytest

from tests.databases import Templates
from tests.ui.xwindow.conftest import run_in_x


@pytest.mark.xwindow
def test_keyboard_paths_in_a_real_x_window(x_display: str, database_templates: Templates) -> None:
    result = run_in_x(x_display, database_templates)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]

"""Every text colour of the app is readable: WCAG AA, 4.5:1 against its background."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QPalette

from screener.ui import colors


@pytest.mark.parametrize(("text", "background"), colors.PAIRS)
def test_every_colour_pair_meets_wcag_aa(text: str, background: str) -> None:
    assert colors.contrast(text, background) >= 4.5, (text, background)


def test_the_application_palette_raises_hints_and_focus(qapp: Any) -> None:
    before = qapp.palette()
    colors.apply(qapp)  # what make_application does
    palette = qapp.palette()
    qapp.setPalette(before)
    base = palette.color(QPalette.ColorRole.Base).name()
    window = palette.color(QPalette.ColorRole.Window).name()
    for role in (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.WindowText):
        shown = palette.color(role).name()
        assert colors.contrast(shown, base) >= 4.5 and colors.contrast(shown, window) >= 4.5
    highlight = palette.color(QPalette.ColorRole.Highlight).name()
    assert colors.contrast(highlight, base) >= 3  # a focus ring stands out (WCAG 1.4.11)


def test_contrast_formula_matches_known_values() -> None:
    assert colors.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert colors.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)

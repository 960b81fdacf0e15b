"""The app's text colours, each at least 4.5:1 against the background it sits on (WCAG AA),
and a strong highlight colour for the keyboard focus ring. `tests/ui/test_contrast.py` checks every pair.

Qt's default "placeholder text" and "mid" roles are about 3.9:1 and 1.7:1 on white: hints
and the sign-in's database path were too faint to read; `apply(app)` raises them.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

#: Hints, help lines, the "saved" indicator, the database path: 7.0:1 on white.
HINT = "#595959"
#: Error lines: 6.6:1 on white.
ERROR = "#b00020"
#: "Verified" and the like: 7.9:1 on white.
OK = "#1b5e20"
#: Urgent text on the page (not the banner): 8.3:1 on white.
URGENT = "#a50016"
#: The keyboard focus ring and selections (white on it: 6.4:1).
FOCUS = "#0b57d0"

#: (text, background) pairs the app draws, for the contrast test.
PAIRS: tuple[tuple[str, str], ...] = (
    (HINT, "#ffffff"), (HINT, "#efefef"), (ERROR, "#ffffff"), (OK, "#ffffff"),
    (URGENT, "#ffffff"), ("#8a0000", "#ffffff"),  # answer messages (rows.py)
    ("#ffffff", "#a50016"),  # the urgent banner
    ("#3b2f00", "#fff4ce"),  # notes, "needs information"
    ("#0b4d1a", "#e3f4e6"),  # eligible
    ("#333333", "#f1f1f1"),  # not eligible
    ("#3e2723", "#fff8e1"),  # the demo sign-in box
    ("#ffffff", FOCUS),  # selected rows
)

def luminance(color: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(color)
    return (0.2126 * channel(q.redF()) + 0.7152 * channel(q.greenF())
            + 0.0722 * channel(q.blueF()))


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio, 1 to 21."""
    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def apply(app: QApplication) -> None:
    """Raise the faint palette roles to readable ones."""
    palette = app.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(HINT))
        # Fusion draws the focus ring (radio buttons in the PHQ grid too) in the highlight
        # colour: a strong blue instead of the pale default.
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(FOCUS))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    app.setPalette(palette)

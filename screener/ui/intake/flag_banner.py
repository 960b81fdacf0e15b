"""A banner for flags raised by the screening instruments (e.g. suicide risk).

Urgent flags are impossible to miss: a red band with white bold text that starts with the
word URGENT and a warning sign, so the meaning never depends on colour alone; assistive
technology is told with an alert event when an urgent flag first appears. Other flags show
below in a calm band starting with "Note".
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from screener.services.urgent import urgent_protocol

URGENT_STYLE = (
    "QLabel#urgent { background: #a50016; color: white; font-weight: bold;"
    " padding: 10px 12px; border: 3px solid #5c000c; border-radius: 4px; }"
)
NOTE_STYLE = (
    "QLabel#note { background: #fff4ce; color: #3b2f00; padding: 6px 12px;"
    " border: 1px solid #c8a600; border-radius: 4px; }"
)


def protocol_steps(flags: Iterable[tuple[str, bool]], lang: str) -> list[str]:
    """What to do about the urgent flags among `(flag id, urgent)`, in `lang`, in order."""
    steps: list[str] = []
    for flag_id, urgent in flags:
        if urgent:
            steps += [s.get(lang) for s in urgent_protocol(flag_id) if s.get(lang) not in steps]
    return steps


class FlagBanner(QFrame):
    """`set_flags([(text, urgent), ...])` shows them; no flags, no banner."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flag_banner")
        self.urgent = QLabel(self)
        self.urgent.setObjectName("urgent")
        self.urgent.setWordWrap(True)
        self.urgent.setTextFormat(Qt.TextFormat.RichText)
        self.urgent.setStyleSheet(URGENT_STYLE)
        self.note = QLabel(self)
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.setStyleSheet(NOTE_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(4)
        layout.addWidget(self.urgent)
        layout.addWidget(self.note)
        self._urgent_texts: tuple[str, ...] = ()
        self.set_flags([])

    def set_flags(self, flags: Sequence[tuple[str, bool]], steps: Sequence[str] = ()) -> None:
        """Show `(text, urgent)` flags; `steps` say what to do about the urgent ones."""
        urgent = tuple(text for text, is_urgent in flags if is_urgent)
        notes = [text for text, is_urgent in flags if not is_urgent]
        prefix = self.tr("⚠ URGENT:")
        # A label that already says it is urgent gets the sign only, not "URGENT: Urgent …".
        shown = [f"⚠ {html.escape(t)}" if "urgent" in t.lower()
                 else f"{html.escape(prefix)} {html.escape(t)}" for t in urgent]
        text = "<br>".join(shown)
        if urgent and steps:
            items = "".join(f"<li>{html.escape(step)}</li>" for step in steps)
            heading = html.escape(self.tr("What to do now:"))
            text += f"<br>{heading}<ol style='margin-top:2px'>{items}</ol>"
        self.urgent.setText(text)
        self.urgent.setAccessibleName(" ".join([f"{prefix} {t}" for t in urgent] + list(steps)))
        self.urgent.setVisible(bool(urgent))
        note_prefix = self.tr("Note:")
        self.note.setText("<br>".join(f"ℹ {html.escape(note_prefix)} {html.escape(t)}"
                                      for t in notes))
        self.note.setAccessibleName(" ".join(f"{note_prefix} {t}" for t in notes))
        self.note.setVisible(bool(notes))
        self.setVisible(bool(flags))
        if urgent and not set(urgent) <= set(self._urgent_texts):
            QAccessible.updateAccessibility(QAccessibleEvent(self.urgent, QAccessible.Event.Alert))
        self._urgent_texts = urgent

    def urgent_text(self) -> str:
        """The urgent band's text as read by assistive technology ('' when none)."""
        return self.urgent.accessibleName() if self.urgent.isVisibleTo(self) else ""

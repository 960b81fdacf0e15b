"""The quick screen's side panel: on/off, the question asked now, Skip, and every track
turning from ? to ✓ / ✗ as answers arrive (a sign and words, never colour alone)."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from screener.services.intake_draft import IntakeDraft
from screener.services.quick_screen import QuickStep
from screener.text import Text


class QuickPanel(QFrame):
    """`toggled(on)` switches the quick screen; `skip_requested` skips the question asked."""

    toggled = Signal(bool)
    skip_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quick_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.button = QPushButton(self.tr("&Quick screen"), self)
        self.button.setObjectName("quick_toggle")
        self.button.setCheckable(True)
        self.button.setToolTip(self.tr(
            "Ask only the questions that can still change a program's outcome, the most useful "
            "first. Turn it off to continue with the full intake: every answer stays."))
        self.button.toggled.connect(self.toggled)
        self.asking = QLabel(self)
        self.asking.setWordWrap(True)
        self.skip_button = QPushButton(self.tr("S&kip this question"), self)
        self.skip_button.setObjectName("quick_skip")
        self.skip_button.clicked.connect(self.skip_requested)
        self.tracks = QLabel(self)
        self.tracks.setObjectName("quick_tracks")
        self.tracks.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        for w in (self.button, self.asking, self.skip_button, self.tracks):
            layout.addWidget(w)
        #: questions the person chose not to answer during this quick screen
        self.skipped: set[str] = set()
        self.step: QuickStep | None = None
        self.show_step(None, {}, "en")

    @property
    def on(self) -> bool:
        return self.button.isChecked()

    def advance(self, draft: IntakeDraft, lang: str) -> QuickStep:
        """Screen the draft's answers as they stand and show the next question."""
        step = draft.quick_step(self.skipped)
        self.step = step
        titles = draft.track_titles()
        label = draft.question(step.next_field).label.get(lang) if step.next_field else None
        self.show_step(step, titles, lang, label)
        return step

    def skip(self) -> None:
        """Do not ask the current question again in this quick screen."""
        if self.step is not None and self.step.next_field is not None:
            self.skipped.add(self.step.next_field)

    def show_step(self, step: QuickStep | None, track_titles: dict[str, Text],
                  lang: str, question: str | None = None) -> None:
        """Show where the quick screen stands (None: it is off)."""
        if step is None:
            self.step = None
        on = step is not None
        for w in (self.asking, self.skip_button, self.tracks):
            w.setVisible(on)
        if step is None:
            return
        if step.done:
            text = (self.tr("Every program is decided. Finish, or turn the quick screen off "
                            "to continue with the full intake.") if not step.undecided else
                    self.tr("Nothing left to ask that could decide the rest (questions "
                            "skipped). Finish, or continue with the full intake."))
        else:
            text = self.tr("Asking: {question} (programs it may decide: {n})").format(
                question=question or "", n=len(step.settles))
        self.asking.setText(text)
        self.skip_button.setEnabled(not step.done)
        lines = []
        for t in step.tracks:
            title = html.escape((track_titles.get(t.track_id) or Text(t.track_id)).get(lang))
            if not t.decided:
                sign, words = "?", self.tr("{n} undecided").format(n=t.undecided)
            elif t.eligible:
                sign, words = "✓", self.tr("{n} eligible").format(n=t.eligible)
            else:
                sign, words = "✗", self.tr("not eligible")
            lines.append(f"<b>{sign}</b> {title}: {html.escape(words)}")
        self.tracks.setText("<br>".join(lines))
        self.tracks.setAccessibleName(" ".join(
            f"{line}" for line in (html.unescape(x.replace("<b>", "").replace("</b>", ""))
                                   for x in lines)))

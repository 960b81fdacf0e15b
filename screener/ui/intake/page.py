"""One section of the form as a page: its title, help, and a view per question.

The page shows what the form state says: which questions are visible (skip logic), which
are required, which messages stand. It decides nothing itself.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from screener.forms import FormState, Issue, Question, QuestionType, Section
from screener.ui.intake.choices import make_choice_editor
from screener.ui.intake.editors import AnswerEditor, make_text_editor
from screener.ui.intake.grid import InstrumentGrid, grid_key
from screener.ui.intake.group import RepeatGroupEditor
from screener.ui.intake.rows import Callback, FieldView, QuestionRow
from screener.ui.intake.signature import SignatureEditor


def make_row(question: Question, lang: str, on_commit: Callback, on_focus: Callback) -> QuestionRow:
    """The row for any question type (repeat groups get their entries' rows from here too)."""
    editor: AnswerEditor | None = None
    if question.type is QuestionType.GROUP and question.repeat:
        editor = RepeatGroupEditor(question, lang, make_row, on_focus)
    elif question.type is QuestionType.SIGNATURE:
        editor = SignatureEditor(question, lang)
    else:
        editor = make_text_editor(question, lang) or make_choice_editor(question, lang)
    return QuestionRow(question, lang, editor, on_commit, on_focus)


class SectionPage(QScrollArea):
    """A section's questions, scrollable."""

    def __init__(
        self, section: Section, lang: str, on_commit: Callback, on_focus: Callback,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.section = section
        self.lang = lang
        self.views: dict[str, FieldView] = {}
        self.order: list[str] = []
        self.setObjectName(f"page_{section.id}")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget(self)
        self._layout = QVBoxLayout(content)
        self._layout.setContentsMargins(16, 8, 16, 16)
        self.title = QLabel(content)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.intro = QLabel(content)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.intro)
        self._build(content, on_commit, on_focus)
        self._layout.addStretch(1)
        self.setWidget(content)
        self.set_language(lang)

    def _build(self, content: QWidget, on_commit: Callback, on_focus: Callback) -> None:
        questions = list(self.section.questions)
        i = 0
        while i < len(questions):
            q = questions[i]
            run = [q]
            key = grid_key(q) if self.section.instrument is not None else None
            while key is not None and i + len(run) < len(questions) \
                    and grid_key(questions[i + len(run)]) == key:
                run.append(questions[i + len(run)])
            if len(run) >= 2:
                grid = InstrumentGrid(run, self.lang, on_commit, on_focus, content)
                self._layout.addWidget(grid)
                for row in grid.rows:
                    self._add_view(row.question, row)
                i += len(run)
                continue
            question_row = make_row(q, self.lang, on_commit, on_focus)
            question_row.setParent(content)
            self._layout.addWidget(question_row)
            self._add_view(q, question_row)
            for child in _plain_group_children(q):
                child_row = make_row(child, self.lang, on_commit, on_focus)
                child_row.setParent(content)
                self._layout.addWidget(child_row)
                self._add_view(child, child_row)
            i += 1

    def _add_view(self, q: Question, view: FieldView) -> None:
        self.views[q.id] = view
        self.order.append(q.id)

    def repeat_editors(self) -> Iterator[RepeatGroupEditor]:
        for view in self.views.values():
            if isinstance(view, QuestionRow) and isinstance(view.editor, RepeatGroupEditor):
                yield view.editor

    # -- state ----------------------------------------------------------------------------

    def apply_state(self, state: FormState, show_missing: bool) -> None:
        """Visibility, required markers, messages and computed values from `state`."""
        messages = _by_field((*state.messages, *state.answer_problems))
        missing = _by_field(state.missing_required)
        for field_id, view in self.views.items():
            q = view.question
            view.set_shown(field_id in state.visible_fields)
            view.set_required(q.required or field_id in missing)
            shown = messages.get(field_id, []) + (missing.get(field_id, []) if show_missing else [])
            view.set_messages([i.message.get(self.lang) for i in shown])
            if q.type is QuestionType.COMPUTED and isinstance(view, QuestionRow):
                view.set_computed(state.computed_value(field_id))
        for editor in self.repeat_editors():
            editor.apply_state(state, show_missing)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        s = self.section
        self.title.setText(s.title.get(lang))
        texts = (s.help, s.instrument.instructions if s.instrument else None)
        parts = list(dict.fromkeys(t.get(lang) for t in texts if t is not None))
        self.intro.setText("<br><br>".join(html.escape(p) for p in parts))
        self.intro.setVisible(bool(parts))
        for view in self.views.values():
            view.set_language(lang)

    def input_errors(self) -> list[str]:
        """Field ids whose typed input could not be read (it stays on screen, unsaved)."""
        return [f for f in self.order if self.views[f].has_input_error()]

    # -- focus ----------------------------------------------------------------------------

    def focus_field(self, field_id: str) -> bool:
        view = self.views.get(field_id)
        if view is None or not _shown(view) or not view.takes_focus():
            return False
        view.focus()
        if isinstance(view, QWidget):
            self.ensureWidgetVisible(view)
        return True

    def focus_first(self) -> bool:
        return any(self.focus_field(f) for f in self.order)

    def focus_chain(self) -> list[QWidget]:
        """Every control of the page in reading order (for the tab order)."""
        return [w for f in self.order for w in self.views[f].focus_widgets()]


def _shown(view: FieldView) -> bool:
    if isinstance(view, QWidget):
        return not view.isHidden()
    return bool(getattr(view, "shown", True))


def _by_field(issues: tuple[Issue, ...]) -> dict[str, list[Issue]]:
    found: dict[str, list[Issue]] = {}
    for issue in issues:
        if issue.group_id is None:
            found.setdefault(issue.field_id, []).append(issue)
    return found


def _plain_group_children(q: Question) -> list[Question]:
    """A plain (non-repeat) group's questions follow its title on the page."""
    if q.type is not QuestionType.GROUP or q.repeat:
        return []
    found: list[Question] = []
    for child in q.questions:
        found.append(child)
        found.extend(_plain_group_children(child))
    return found

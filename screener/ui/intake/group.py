"""A repeat group (children, prior programs): a list of entries, each with the group's
questions, and buttons to add and remove entries.

The whole list is one answer: any child finished, an entry added or removed, and the list is
committed. Which child questions show in each entry, and their messages, come from the form
state (`FormState.is_visible(child, group, index)` and the issues located by index).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from screener.forms import FormState, Question
from screener.services import JsonValue
from screener.services.answering import ItemProblem
from screener.services.intake_draft import stored_items
from screener.services.stored_answers import answer_children
from screener.ui.intake.editors import AnswerEditor, keeps_answer
from screener.ui.intake.rows import Callback, QuestionRow

#: Builds the row of one child question: (question, lang, on_commit, on_focus) -> row.
RowFactory = Callable[[Question, str, Callback, Callback], QuestionRow]


class _Entry(QFrame):
    """One entry of the list: a header with its number and a Remove button, then the rows."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.rows: dict[str, QuestionRow] = {}
        self.layout_ = QVBoxLayout(self)
        header = QHBoxLayout()
        self.header = QLabel(self)
        self.remove = QPushButton(self)
        self.remove.setAutoDefault(True)  # Return on the focused button presses it
        header.addWidget(self.header, 1)
        header.addWidget(self.remove)
        self.layout_.addLayout(header)


class RepeatGroupEditor(AnswerEditor):
    """The entries of a repeat group. `structure_changed` fires when entries come or go."""

    structure_changed = Signal()

    def __init__(
        self,
        question: Question,
        lang: str,
        make_row: RowFactory,
        on_focus: Callback,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(question, lang, parent)
        self._make_row = make_row
        self._on_focus = on_focus
        self.children_ = answer_children(question)
        self.entries: list[_Entry] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName(f"add_{question.id}")
        self.add_button.setAutoDefault(True)
        self.add_button.clicked.connect(self._add)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        self._layout.addLayout(add_row)
        self.set_language(lang)

    # -- AnswerEditor ---------------------------------------------------------------------

    def raw_value(self) -> list[dict[str, object]]:
        """One {child id: what was entered} per entry."""
        items: list[dict[str, object]] = []
        for entry in self.entries:
            item: dict[str, object] = {}
            for child_id, row in entry.rows.items():
                raw = row.raw_value()
                if not keeps_answer(raw):
                    item[child_id] = raw
            items.append(item)
        return items

    def set_value(self, value: JsonValue) -> None:
        items = stored_items(value)
        if len(items) != len(self.entries):
            for entry in self.entries:
                self._discard(entry)
            self.entries = []
            for _ in items:
                self._new_entry()
            self.structure_changed.emit()
        for entry, item in zip(self.entries, items, strict=True):
            for child_id, row in entry.rows.items():
                if not row.has_input_error():
                    row.set_value(item.get(child_id))

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        self.add_button.setText(self.tr("Add an entry"))
        self.add_button.setAccessibleName(
            self.tr("Add an entry to: {list}").format(list=self.question.label.get(lang)))
        for index, entry in enumerate(self.entries):
            self._label_entry(entry, index)
            for row in entry.rows.values():
                row.set_language(lang)

    def focus_widgets(self) -> list[QWidget]:
        found: list[QWidget] = []
        for entry in self.entries:
            for row in entry.rows.values():
                if row.editor is not None:
                    found.extend(row.editor.focus_widgets())
            found.append(entry.remove)
        return [*found, self.add_button]

    def focus_first(self) -> None:
        if self.entries:
            self._focus_entry(self.entries[0])
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_accessible(self, name: str, description: str) -> None:
        self.add_button.setAccessibleDescription(description)

    # -- state ----------------------------------------------------------------------------

    def apply_state(self, state: FormState, shown_missing: bool) -> None:
        """Per entry: which questions show, which are required, their messages."""
        group_id = self.question.id
        for index, entry in enumerate(self.entries):
            for child in self.children_:
                row = entry.rows[child.id]
                row.set_shown(state.is_visible(child.id, group_id, index))
                here = [i for i in state.messages
                        if i.group_id == group_id and i.index == index and i.field_id == child.id]
                missing = [i for i in state.missing_required
                           if i.group_id == group_id and i.index == index
                           and i.field_id == child.id]
                row.set_required(child.required or bool(missing))
                shown = here + (missing if shown_missing else [])
                row.set_messages([i.message.get(self.lang) for i in shown])

    def show_problems(self, problems: Sequence[ItemProblem]) -> None:
        """Mark the children whose input could not be read (and clear the others)."""
        for index, entry in enumerate(self.entries):
            for child_id, row in entry.rows.items():
                found = next((p.text for p in problems
                              if p.index == index and p.field_id == child_id), None)
                row.set_input_error(found)

    # -- entries --------------------------------------------------------------------------

    def _new_entry(self) -> _Entry:
        entry = _Entry(self)
        entry.setObjectName(f"entry_{self.question.id}_{len(self.entries)}")
        for child in self.children_:
            row = self._make_row(child, self.lang, lambda _id: self.committed.emit(),
                                 lambda _id: self._on_focus(self.question.id))
            row.setParent(entry)
            entry.rows[child.id] = row
            entry.layout_.addWidget(row)
        entry.remove.clicked.connect(lambda: self._remove(entry))
        self.entries.append(entry)
        self._label_entry(entry, len(self.entries) - 1)
        self._layout.insertWidget(len(self.entries) - 1, entry)
        entry.show()  # a layout shows a new child only later (queued); Tab must reach it now
        return entry

    def _label_entry(self, entry: _Entry, index: int) -> None:
        title = self.question.label.get(self.lang)
        header = self.tr("Entry {n}").format(n=index + 1)
        entry.header.setText(f"<b>{html.escape(header)}</b>")
        entry.remove.setText(self.tr("Remove entry {n}").format(n=index + 1))
        entry.remove.setAccessibleName(
            self.tr("Remove entry {n} of: {list}").format(n=index + 1, list=title))

    def _add(self) -> None:
        entry = self._new_entry()
        self.structure_changed.emit()
        self.committed.emit()
        self._focus_entry(entry)

    def _remove(self, entry: _Entry) -> None:
        index = self.entries.index(entry)
        self.entries.remove(entry)
        self._discard(entry)
        for i, other in enumerate(self.entries):
            self._label_entry(other, i)
        self.structure_changed.emit()
        self.committed.emit()
        if self.entries:
            self._focus_entry(self.entries[min(index, len(self.entries) - 1)])
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _discard(self, entry: _Entry) -> None:
        """Take an entry off the screen; Qt deletes it later (it keeps its parent until then,
        so Python never owns it and it is deleted exactly once)."""
        self._layout.removeWidget(entry)
        entry.hide()
        entry.deleteLater()

    def _focus_entry(self, entry: _Entry) -> None:
        for row in entry.rows.values():
            if row.isVisibleTo(entry) and row.takes_focus():
                row.focus()
                return
        entry.remove.setFocus(Qt.FocusReason.OtherFocusReason)

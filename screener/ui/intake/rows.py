"""One question on a page: its label (with a "required" marker in words), help, editor and
messages. Notes and computed values are rows too, without an editor.

A row reports back through two callables given by the page: `on_commit(field_id)` when the
person finished an answer, and `on_focus(field_id)` when a control of the row gets focus
(the wizard remembers it to resume there).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from datetime import date
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from screener.expr import is_unknown
from screener.forms import Question, QuestionType
from screener.services import JsonValue
from screener.text import Text
from screener.ui import colors
from screener.ui.intake import wording
from screener.ui.intake.editors import AnswerEditor

Callback = Callable[[str], None]

MESSAGE_STYLE = "color: #8a0000;"


class FieldView(Protocol):
    """What a page needs of a question's view (a row, or a row of an instrument grid)."""

    question: Question

    def set_shown(self, shown: bool) -> None: ...
    def set_required(self, required: bool) -> None: ...
    def set_messages(self, messages: list[str]) -> None: ...
    def set_input_error(self, text: Text | None) -> None: ...
    def has_input_error(self) -> bool: ...
    def set_value(self, value: JsonValue) -> None: ...
    def raw_value(self) -> object: ...
    def set_language(self, lang: str) -> None: ...
    def focus(self) -> None: ...
    def takes_focus(self) -> bool: ...
    def focus_widgets(self) -> list[QWidget]: ...


def message_html(lines: Iterable[str]) -> str:
    """Messages as rich text, each marked with a warning sign (not colour alone)."""
    return "<br>".join(f"⚠ {html.escape(line)}" for line in lines)


def label_html(text: str, required: bool, lang: str, bold: bool = True) -> str:
    body = html.escape(text)
    if bold:
        body = f"<b>{body}</b>"
    if required:
        body += f" <i>{html.escape(wording.REQUIRED.get(lang))}</i>"
    return body


class FocusWatcher(QObject):
    """Calls `on_focus(field_id)` when any watched control gets keyboard focus."""

    def __init__(self, parent: QObject, field_id: str, on_focus: Callback) -> None:
        super().__init__(parent)
        self._field_id = field_id
        self._on_focus = on_focus

    def watch(self, widgets: Iterable[QWidget]) -> None:
        for w in widgets:
            w.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self._on_focus(self._field_id)
        return False


class QuestionRow(QWidget):
    """A question with its editor (None for notes and computed values)."""

    def __init__(
        self,
        question: Question,
        lang: str,
        editor: AnswerEditor | None,
        on_commit: Callback,
        on_focus: Callback,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.question = question
        self.lang = lang
        self.editor = editor
        self._required = question.required
        self._messages: list[str] = []
        self._input_error: Text | None = None
        self._computed: object = None
        self.setObjectName(f"row_{question.id}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(4)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.title)
        if question.type is QuestionType.NOTE:
            self.title.setFrameShape(QFrame.Shape.StyledPanel)
            self.title.setMargin(8)
            self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                               | Qt.TextInteractionFlag.TextSelectableByMouse)
            self.title.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.help = QLabel(self)
        self.help.setWordWrap(True)
        # Plain text: the YAML wording is shown as written (an escaped apostrophe in a label
        # Qt takes for plain text read "program&#x27;s").
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.setStyleSheet(f"color: {colors.HINT};")
        layout.addWidget(self.help)
        self.value_label = QLabel(self)  # computed values
        self.value_label.setTextFormat(Qt.TextFormat.PlainText)
        self.value_label.setVisible(question.type is QuestionType.COMPUTED)
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.value_label)
        if self.editor is not None:
            layout.addWidget(self.editor)
            self.editor.committed.connect(lambda: on_commit(question.id))
            watcher = FocusWatcher(self, question.id, on_focus)
            watcher.watch(self.editor.focus_widgets())
            if self.editor.focus_widgets():
                self.title.setBuddy(self.editor.focus_widgets()[0])
        elif question.type is QuestionType.NOTE:
            FocusWatcher(self, question.id, on_focus).watch([self.title])
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.set_language(lang)

    # -- FieldView ------------------------------------------------------------------------

    def set_shown(self, shown: bool) -> None:
        if self.isHidden() == shown:
            self.setVisible(shown)

    def set_required(self, required: bool) -> None:
        if required != self._required:
            self._required = required
            self._refresh_texts()

    def set_messages(self, messages: list[str]) -> None:
        if messages != self._messages:
            self._messages = messages
            self._refresh_messages()

    def set_input_error(self, text: Text | None) -> None:
        self._input_error = text
        self._refresh_messages()

    def has_input_error(self) -> bool:
        return self._input_error is not None

    def set_value(self, value: JsonValue) -> None:
        if self.editor is not None:
            self.editor.set_value(value)

    def raw_value(self) -> object:
        return self.editor.raw_value() if self.editor is not None else None

    def set_language(self, lang: str) -> None:
        self.lang = lang
        if self.editor is not None:
            self.editor.set_language(lang)
        self._refresh_texts()
        self._refresh_messages()
        self.set_computed(self._computed)

    def focus(self) -> None:
        if self.editor is not None:
            self.editor.focus_first()
        elif self.title.focusPolicy() != Qt.FocusPolicy.NoFocus:
            self.title.setFocus(Qt.FocusReason.OtherFocusReason)

    def takes_focus(self) -> bool:
        return self.editor is not None or self.question.type is QuestionType.NOTE

    def focus_widgets(self) -> list[QWidget]:
        if self.editor is not None:
            return self.editor.focus_widgets()
        return [self.title] if self.question.type is QuestionType.NOTE else []

    # -- computed values ------------------------------------------------------------------

    def set_computed(self, value: object) -> None:
        """Show a computed field's value (read-only)."""
        self._computed = value
        if self.question.type is QuestionType.COMPUTED:
            self.value_label.setText(format_computed(value, self.lang))
            self.value_label.setAccessibleName(
                f"{self.question.label.get(self.lang)}: {self.value_label.text()}")

    # -- texts ----------------------------------------------------------------------------

    def _all_messages(self) -> list[str]:
        lines = [self._input_error.get(self.lang)] if self._input_error is not None else []
        return lines + [m for m in self._messages if m not in lines]

    def _refresh_texts(self) -> None:
        q = self.question
        note = q.type is QuestionType.NOTE
        label = q.label.get(self.lang)
        self.title.setText(label_html(label, self._required and not note, self.lang, bold=not note))
        help_text = q.help.get(self.lang) if q.help is not None else ""
        self.help.setText(help_text)
        self.help.setVisible(bool(help_text))
        self._refresh_accessible()

    def _refresh_messages(self) -> None:
        lines = self._all_messages()
        self.message.setText(message_html(lines))
        self.message.setVisible(bool(lines))
        self._refresh_accessible()

    def _refresh_accessible(self) -> None:
        q = self.question
        name = q.label.get(self.lang)
        if self._required:
            name += " " + wording.REQUIRED.get(self.lang)
        parts = [q.help.get(self.lang)] if q.help is not None else []
        parts += self._all_messages()
        if self.editor is not None:
            self.editor.set_accessible(name, " ".join(parts))
        self.title.setAccessibleName(name)


def format_computed(value: object, lang: str) -> str:
    """A computed value as text; an unknown one says so."""
    if value is None or is_unknown(value):
        return wording.NOT_KNOWN_YET.get(lang)
    if isinstance(value, bool):
        return (wording.YES if value else wording.NO).get(lang)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)

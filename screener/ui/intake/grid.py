"""An instrument's items (PHQ-9, GAD-7, DAST-10, ...) as a compact grid: one row per item,
one column per answer option, the options named once in the header.

Each row is its own exclusive radio group: Tab moves from row to row, Left/Right pick the
option, Up/Down move to the same option in the row above or below (without picking it),
Delete clears the row. A digit picks the option of that value (0–3 on the PHQ-9 and GAD-7)
and moves on to the next item, so a whole instrument can be typed as its scores.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QRadioButton, QWidget

from screener.forms import Question, QuestionType
from screener.services import JsonValue
from screener.text import Text
from screener.ui.intake import wording
from screener.ui.intake.choices import Option, clear_group, options_of, same_value
from screener.ui.intake.rows import (
    MESSAGE_STYLE,
    Callback,
    FocusWatcher,
    label_html,
    message_html,
)


def grid_key(question: Question) -> tuple[object, ...] | None:
    """Items with the same key can share a grid (same options, same labels); None: no grid."""
    if question.type not in (QuestionType.CHOICE, QuestionType.YESNO):
        return None
    return tuple((v, t.en, t.es) for v, t in options_of(question))


class GridRow:
    """One item of the grid (a FieldView for the page)."""

    def __init__(self, grid: InstrumentGrid, question: Question, row: int) -> None:
        self.grid = grid
        self.question = question
        self.options: list[Option] = options_of(question)
        self._required = question.required
        self._messages: list[str] = []
        self._input_error: Text | None = None
        self.label = QLabel(grid)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.group = QButtonGroup(grid)
        self.buttons: list[QRadioButton] = []
        layout = grid.grid_layout
        layout.addWidget(self.label, row, 0)
        for col, (value, _) in enumerate(self.options):
            button = QRadioButton(grid)
            button.setObjectName(f"choice_{question.id}_{value}")
            button.installEventFilter(grid)
            self.group.addButton(button, col)
            self.buttons.append(button)
            layout.addWidget(button, row, col + 1, Qt.AlignmentFlag.AlignCenter)
        self.label.setBuddy(self.buttons[0])
        self.message = QLabel(grid)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setVisible(False)
        layout.addWidget(self.message, row + 1, 0, 1, len(self.options) + 1)
        self.shown = True

    # -- FieldView ------------------------------------------------------------------------

    def set_shown(self, shown: bool) -> None:
        if shown != self.shown:
            self.shown = shown
            self.label.setVisible(shown)
            for b in self.buttons:
                b.setVisible(shown)
            self._refresh()

    def set_required(self, required: bool) -> None:
        if required != self._required:
            self._required = required
            self._refresh()

    def set_messages(self, messages: list[str]) -> None:
        if messages != self._messages:
            self._messages = messages
            self._refresh()

    def set_input_error(self, text: Text | None) -> None:
        if text != self._input_error:
            self._input_error = text
            self._refresh()

    def has_input_error(self) -> bool:
        return self._input_error is not None

    def set_value(self, value: JsonValue) -> None:
        for col, (option, _) in enumerate(self.options):
            if same_value(option, value):
                self.buttons[col].setChecked(True)
                return
        clear_group(self.group)

    def raw_value(self) -> object:
        col = self.group.checkedId()
        return self.options[col][0] if col >= 0 else None

    def set_language(self, lang: str) -> None:
        # The page sets each field's language; the grid's headers follow its rows.
        if self.grid.lang != lang:
            self.grid.set_language(lang)
        else:
            self._refresh()

    def focus(self) -> None:
        (self.group.checkedButton() or self.buttons[0]).setFocus(Qt.FocusReason.OtherFocusReason)

    def takes_focus(self) -> bool:
        return True

    def focus_widgets(self) -> list[QWidget]:
        return list(self.buttons)

    def _refresh(self) -> None:
        lang = self.grid.lang
        text = self.question.label.get(lang)
        self.label.setText(label_html(text, self._required, lang, bold=False))
        lines = [self._input_error.get(lang)] if self._input_error is not None else []
        lines += self._messages
        self.message.setText(message_html(lines))
        self.message.setVisible(self.shown and bool(lines))
        name = text + (" " + wording.REQUIRED.get(lang) if self._required else "")
        for button, (_, option) in zip(self.buttons, self.options, strict=True):
            button.setAccessibleName(f"{name}: {option.get(lang)}")
            button.setAccessibleDescription(" ".join(lines))


class InstrumentGrid(QWidget):
    """Several items sharing the same options."""

    def __init__(
        self,
        questions: list[Question],
        lang: str,
        on_commit: Callback,
        on_focus: Callback,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lang = lang
        self.grid_layout = QGridLayout(self)
        self.grid_layout.setContentsMargins(0, 4, 0, 4)
        self.grid_layout.setHorizontalSpacing(12)
        self.grid_layout.setVerticalSpacing(6)
        self.grid_layout.setColumnStretch(0, 1)
        self.options = options_of(questions[0])
        self.headers: list[QLabel] = []
        for col in range(len(self.options)):
            header = QLabel(self)
            header.setWordWrap(True)
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            header.setMinimumWidth(72)
            header.setMaximumWidth(130)
            self.grid_layout.addWidget(header, 0, col + 1, Qt.AlignmentFlag.AlignBottom)
            self.headers.append(header)
        self.rows: list[GridRow] = []
        for index, q in enumerate(questions):
            row = GridRow(self, q, 1 + 2 * index)
            row.group.idClicked.connect(lambda _c, fid=q.id: on_commit(fid))
            FocusWatcher(self, q.id, on_focus).watch(row.buttons)
            self.rows.append(row)
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        for header, (_, label) in zip(self.headers, self.options, strict=True):
            header.setText(f"<b>{html.escape(label.get(lang))}</b>")
        for row in self.rows:
            row.set_language(lang)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        for index, row in enumerate(self.rows):
            for col, button in enumerate(row.buttons):
                if button is watched:
                    return self._key(index, col, event.key())
        return False

    def _key(self, index: int, col: int, key: int) -> bool:
        row = self.rows[index]
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and row.group.checkedButton():
            clear_group(row.group)
            row.group.idClicked.emit(-1)
            return True
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            return self._pick_digit(index, col, key - Qt.Key.Key_0)
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(key)  # type: ignore[call-overload]
        if step is None:
            return False
        self._move(index, col, step)
        return True

    def _pick_digit(self, index: int, col: int, digit: int) -> bool:
        row = self.rows[index]
        for option_col, (value, _) in enumerate(row.options):
            if not isinstance(value, bool) and value in (digit, str(digit)):
                row.buttons[option_col].click()  # saves through idClicked
                self._move(index, option_col, 1)
                return True
        return False

    def _move(self, index: int, col: int, step: int) -> None:
        """The focus to the same column of the next shown row in the direction of `step`."""
        target = index + step
        while 0 <= target < len(self.rows) and not self.rows[target].shown:
            target += step
        if 0 <= target < len(self.rows):
            self.rows[target].buttons[col].setFocus(Qt.FocusReason.TabFocusReason)

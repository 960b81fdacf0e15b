"""Answer editors for picking: choice (radio buttons), yes/no, multichoice (check boxes).

Radio buttons sit in one exclusive group per question, so Tab enters the question once and
the arrow keys move between the options (and pick them once one is picked, as everywhere
in Qt). Delete or Backspace on a picked option clears the answer. Check boxes honour
`exclusive` choices ("None of these"): picking one clears the others and vice versa.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from screener.forms import Question, QuestionType
from screener.services import JsonValue
from screener.text import Text
from screener.ui.intake import wording
from screener.ui.intake.editors import AnswerEditor

Option = tuple[object, Text]


def options_of(question: Question) -> list[Option]:
    """(value, label) per option: the choices, or Yes / No for a yes/no question."""
    if question.type is QuestionType.YESNO:
        return [(True, wording.YES), (False, wording.NO)]
    return [(c.value, c.label) for c in question.choices]


def same_value(a: object, b: object) -> bool:
    """Equal and of the same type (True is not 1, 1 is not "1")."""
    return a == b and type(a) is type(b)


def button_text(text: str) -> str:
    """Form text for a button: '&' is a mnemonic marker in Qt, so double it."""
    return text.replace("&", "&&")


class ChoiceEditor(AnswerEditor):
    """One of several options, as radio buttons (horizontal for yes/no)."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.options = options_of(question)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        horizontal = question.type is QuestionType.YESNO
        layout: QBoxLayout = QHBoxLayout(self) if horizontal else QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16 if horizontal else 2)
        for index, (value, _) in enumerate(self.options):
            button = QRadioButton(self)
            button.setObjectName(f"choice_{question.id}_{value}")
            button.installEventFilter(self)
            self.group.addButton(button, index)
            layout.addWidget(button)
        if horizontal:
            layout.addStretch(1)
        self.group.idClicked.connect(lambda _id: self.committed.emit())
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        for index, (_, label) in enumerate(self.options):
            button = self.group.button(index)
            button.setText(button_text(label.get(lang)))

    def buttons(self) -> list[QAbstractButton]:
        return list(self.group.buttons())

    def raw_value(self) -> object:
        index = self.group.checkedId()
        return self.options[index][0] if index >= 0 else None

    def set_value(self, value: JsonValue) -> None:
        for index, (option, _) in enumerate(self.options):
            if same_value(option, value):
                self.group.button(index).setChecked(True)
                return
        clear_group(self.group)

    def focus_widgets(self) -> list[QWidget]:
        return list(self.group.buttons())

    def focus_first(self) -> None:
        checked = self.group.checkedButton()
        (checked or self.group.buttons()[0]).setFocus(Qt.FocusReason.OtherFocusReason)

    def set_accessible(self, name: str, description: str) -> None:
        for index, (_, label) in enumerate(self.options):
            button = self.group.button(index)
            button.setAccessibleName(f"{name}: {label.get(self.lang)}")
            button.setAccessibleDescription(description)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.group.checkedButton():
            clear_group(self.group)
            self.committed.emit()
            return True
        step = _ARROWS.get(int(key))
        buttons = self.group.buttons()
        if step is None or watched not in buttons:
            return False
        # Both arrow directions work whatever the layout (yes/no is a row, others a column).
        target = buttons[(buttons.index(watched) + step) % len(buttons)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        if self.group.checkedButton() is not None:
            target.click()  # as Qt does: once an option is picked, arrows move the pick
        return True


_ARROWS: dict[int, int] = {Qt.Key.Key_Down.value: 1, Qt.Key.Key_Right.value: 1,
                           Qt.Key.Key_Up.value: -1, Qt.Key.Key_Left.value: -1}


def clear_group(group: QButtonGroup) -> None:
    """Uncheck every button of an exclusive group (Qt will not do it while exclusive)."""
    group.setExclusive(False)
    for button in group.buttons():
        button.setChecked(False)
    group.setExclusive(True)


class MultiChoiceEditor(AnswerEditor):
    """Any number of options, as check boxes; an `exclusive` option stands alone."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.boxes: list[QCheckBox] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for choice in question.choices:
            box = QCheckBox(self)
            box.setObjectName(f"choice_{question.id}_{choice.value}")
            box.clicked.connect(lambda checked, b=box: self._picked(b, checked))
            layout.addWidget(box)
            self.boxes.append(box)
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        for box, choice in zip(self.boxes, self.question.choices, strict=True):
            box.setText(button_text(choice.label.get(lang)))

    def _picked(self, box: QCheckBox, checked: bool) -> None:
        if checked:
            exclusive = self.question.choices[self.boxes.index(box)].exclusive
            for other, choice in zip(self.boxes, self.question.choices, strict=True):
                if other is not box and (exclusive or choice.exclusive):
                    other.setChecked(False)
        self.committed.emit()

    def raw_value(self) -> object:
        return [c.value for b, c in zip(self.boxes, self.question.choices, strict=True)
                if b.isChecked()]

    def set_value(self, value: JsonValue) -> None:
        picked = value if isinstance(value, list) else []
        for box, choice in zip(self.boxes, self.question.choices, strict=True):
            box.setChecked(any(same_value(choice.value, v) for v in picked))

    def focus_widgets(self) -> list[QWidget]:
        return list(self.boxes)

    def set_accessible(self, name: str, description: str) -> None:
        for box, choice in zip(self.boxes, self.question.choices, strict=True):
            box.setAccessibleName(f"{name}: {choice.label.get(self.lang)}")
            box.setAccessibleDescription(description)


def make_choice_editor(question: Question, lang: str) -> AnswerEditor | None:
    if question.type in (QuestionType.CHOICE, QuestionType.YESNO):
        return ChoiceEditor(question, lang)
    if question.type is QuestionType.MULTICHOICE:
        return MultiChoiceEditor(question, lang)
    return None

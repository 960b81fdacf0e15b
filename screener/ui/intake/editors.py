"""Answer editors for typed answers: text, numbers, dates, phone, email, SSN, address.

Every editor shows a stored answer (`set_value`, which never emits), hands back what the
person typed (`raw_value`) and emits `committed` when they finish with it (Return, focus
out). Reading the input is the form's job (`Form.parse_answer`), not the editor's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from screener.dates import NotADate, date_in_words, read_date
from screener.forms import Question, QuestionType, mask_ssn
from screener.forms.answers import ADDRESS_KEYS
from screener.services import JsonValue
from screener.ui.intake import wording


class AnswerEditor(QWidget):
    """Base class: one question's input controls."""

    committed = Signal()

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.lang = lang

    def raw_value(self) -> object:
        raise NotImplementedError

    def set_value(self, value: JsonValue) -> None:
        raise NotImplementedError

    def set_language(self, lang: str) -> None:
        self.lang = lang

    def focus_widgets(self) -> list[QWidget]:
        """The controls that take keyboard focus, in order."""
        return []

    def focus_first(self) -> None:
        widgets = [w for w in self.focus_widgets() if w.isVisibleTo(self)]
        if widgets:
            widgets[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def set_accessible(self, name: str, description: str) -> None:
        for w in self.focus_widgets():
            w.setAccessibleName(name)
            w.setAccessibleDescription(description)


class LineEditor(AnswerEditor):
    """One line of text: text, integer, decimal, phone, email and date questions."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"edit_{question.id}")
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.addWidget(self.edit)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self.edit.setMinimumWidth(240)
        self.edit.setMaximumWidth(560 if question.type in _WIDE else 240)
        if question.type in _WIDE:
            self.edit.setMinimumWidth(420)
        hints = {
            QuestionType.INTEGER: Qt.InputMethodHint.ImhDigitsOnly,
            QuestionType.DECIMAL: Qt.InputMethodHint.ImhFormattedNumbersOnly,
            QuestionType.PHONE: Qt.InputMethodHint.ImhDialableCharactersOnly,
            QuestionType.EMAIL: Qt.InputMethodHint.ImhEmailCharactersOnly,
            QuestionType.DATE: Qt.InputMethodHint.ImhDate,
        }
        self.edit.setInputMethodHints(hints.get(question.type, Qt.InputMethodHint.ImhNone))
        self.edit.editingFinished.connect(self.committed)
        self.set_language(lang)

    def raw_value(self) -> object:
        return self.edit.text()

    def set_value(self, value: JsonValue) -> None:
        self.edit.setText("" if value is None else _plain(value))

    def focus_widgets(self) -> list[QWidget]:
        return [self.edit]

    def set_accessible(self, name: str, description: str) -> None:
        hint = self.hint.text() if self.hint.isVisibleTo(self) else ""
        super().set_accessible(name, " ".join(p for p in (description, hint) if p))


_WIDE = (QuestionType.TEXT, QuestionType.EMAIL)


class DateEditor(LineEditor):
    """A date typed as MM/DD/YYYY, M/D/YY or YYYY-MM-DD, read back in words as it is typed
    ("April 12, 1988"), so a slip shows before it is saved."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.hint.setObjectName(f"date_words_{question.id}")
        self.hint.setVisible(True)
        self.edit.textChanged.connect(lambda _t: self._read_back())

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        self.edit.setPlaceholderText(wording.DATE_PLACEHOLDER.get(lang))
        self._read_back()

    def set_value(self, value: JsonValue) -> None:
        text = "" if value is None else str(value)
        try:  # stored as YYYY-MM-DD, shown the way staff type it
            text = read_date(text).strftime("%m/%d/%Y") if text else ""
        except NotADate:
            pass
        self.edit.setText(text)

    def _read_back(self) -> None:
        text = self.edit.text().strip()
        try:
            words = date_in_words(read_date(text), self.lang) if text else None
        except NotADate:
            words = None
        self.hint.setText(f"= {words}" if words else wording.DATE_HINT.get(self.lang))


class SsnEditor(LineEditor):
    """An SSN: typed in full, then shown as its last 4 digits only (DESIGN §4.1).

    The masked text stays in the box; leaving it unchanged keeps the stored number, clearing
    it removes the answer, and typing a new number replaces it.
    """

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self._masked: str | None = None
        self.edit.installEventFilter(self)
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        if self.question.help is None:  # the form usually says it already
            self.hint.setText(wording.SSN_HINT.get(lang))
            self.hint.setVisible(True)

    def raw_value(self) -> object:
        text = self.edit.text()
        if self._masked is not None and text == self._masked:
            return _KEEP
        return text

    def set_value(self, value: JsonValue) -> None:
        self._masked = mask_ssn(value) if value else None
        self.edit.setText(self._masked or "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.FocusIn and self._masked:
            self.edit.selectAll()
        return False


class _Keep:
    """The SSN box still shows the masked stored number: keep the answer as it is."""

    def __repr__(self) -> str:
        return "<keep>"


_KEEP = _Keep()


def keeps_answer(raw: object) -> bool:
    """True when the editor says "unchanged" without holding the value (the SSN)."""
    return raw is _KEEP


class LongTextEditor(AnswerEditor):
    """Several lines of text; Tab moves on (it does not type a tab), focus out commits."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName(f"edit_{question.id}")
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(96)
        self.edit.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self._shown = ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self.edit.toPlainText() != self._shown:
            self._shown = self.edit.toPlainText()
            self.committed.emit()
        return False

    def raw_value(self) -> object:
        return self.edit.toPlainText()

    def set_value(self, value: JsonValue) -> None:
        self._shown = "" if value is None else str(value)
        self.edit.setPlainText(self._shown)

    def focus_widgets(self) -> list[QWidget]:
        return [self.edit]


class AddressEditor(AnswerEditor):
    """Street, unit, city, state and ZIP; any part finished commits the whole address."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.parts: dict[str, QLineEdit] = {}
        self._labels: dict[str, QLabel] = {}
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key in ADDRESS_KEYS:
            edit = QLineEdit(self)
            edit.setObjectName(f"edit_{question.id}_{key}")
            edit.editingFinished.connect(self.committed)
            label = QLabel(self)
            label.setBuddy(edit)
            layout.addRow(label, edit)
            self.parts[key] = edit
            self._labels[key] = label
        self.parts["state"].setMaxLength(2)
        self.parts["zip"].setMaxLength(10)
        self.setMaximumWidth(640)
        for key in ("state", "zip"):
            self.parts[key].setMaximumWidth(120)
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        for key, label in self._labels.items():
            label.setText(wording.ADDRESS_PARTS[key].get(lang))

    def raw_value(self) -> object:
        value = {k: e.text() for k, e in self.parts.items() if e.text().strip()}
        return value or None

    def set_value(self, value: JsonValue) -> None:
        parts = value if isinstance(value, dict) else {}
        for key, edit in self.parts.items():
            part = parts.get(key)
            edit.setText("" if part is None else str(part))

    def focus_widgets(self) -> list[QWidget]:
        return list(self.parts.values())

    def set_accessible(self, name: str, description: str) -> None:
        for key, edit in self.parts.items():
            edit.setAccessibleName(f"{name}: {wording.ADDRESS_PARTS[key].get(self.lang)}")
            edit.setAccessibleDescription(description)


def _plain(value: JsonValue) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else str(value)
    return str(value)


def make_text_editor(question: Question, lang: str) -> AnswerEditor | None:
    """The editor for a typed-answer question, or None for other types."""
    if question.type is QuestionType.SSN:
        return SsnEditor(question, lang)
    if question.type is QuestionType.LONGTEXT:
        return LongTextEditor(question, lang)
    if question.type is QuestionType.ADDRESS:
        return AddressEditor(question, lang)
    if question.type in (QuestionType.TEXT, QuestionType.INTEGER, QuestionType.DECIMAL,
                         QuestionType.PHONE, QuestionType.EMAIL, QuestionType.DATE):
        if question.type is QuestionType.DATE:
            return DateEditor(question, lang)
        return LineEditor(question, lang)
    return None

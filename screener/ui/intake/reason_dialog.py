"""Asks why an answer of a completed intake is changed (DESIGN §6: answers are versioned,
with who, when and why). Opened window-modal with `open()`, never a nested event loop."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ReasonDialog(QDialog):
    """`reason()` is the text typed; OK stays disabled until there is some."""

    def __init__(self, question_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reason_dialog")
        self.setWindowTitle(self.tr("Why is this answer changed?"))
        self.setModal(True)
        intro = QLabel(self.tr(
            "This intake is already complete. The earlier answer is kept in the history; "
            "say briefly why it is changed."), self)
        intro.setWordWrap(True)
        question = QLabel(self)
        question.setWordWrap(True)
        question.setText(self.tr("Question: {label}").format(label=question_label))
        label = QLabel(self.tr("&Reason for the change:"), self)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("reason_edit")
        self.edit.setAccessibleName(self.tr("Reason for the change"))
        label.setBuddy(self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert isinstance(ok, QPushButton)
        ok.setText(self.tr("Save the change"))
        ok.setEnabled(False)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert isinstance(cancel, QPushButton)
        cancel.setText(self.tr("Keep the earlier answer"))
        self.edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(question)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def reason(self) -> str:
        return self.edit.text().strip()

"""The wizard's questions to the person: why an answer of a completed intake is changed
(DESIGN §6: answers are versioned, with who, when and why), and what keeps an intake from
being finished. Opened window-modal with `open()`, never a nested event loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
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


def not_finished(parent: QWidget, sections: str, go_to_first: Callable[[], None]) -> QMessageBox:
    """Say which sections keep the intake from being finished (the draft stays saved)."""
    title = QCoreApplication.translate("IntakeWizard", "Not finished yet")
    text = QCoreApplication.translate(
        "IntakeWizard",
        "Some answers are still missing or need a check in: {sections}.\n\nEverything "
        "entered is saved: you can come back to this intake later.").format(sections=sections)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    box.setObjectName("finish_blocked")
    go = box.addButton(QCoreApplication.translate("IntakeWizard", "&Go to the first one"),
                       QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("IntakeWizard", "&Stay here"),
                  QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.buttonClicked.connect(lambda b: go_to_first() if b is go else None)
    box.open()
    return box

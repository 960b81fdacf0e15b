"""The editor of `signature` questions: a signature pad, a Clear button, and a typed name.

Why a typed name: a person who cannot use a mouse, pen or touch screen (a motor disability,
a keyboard-only workstation, a screen reader user) must still be able to sign, and the app
has to work with the keyboard alone (ADA / Section 508 practice). Under the federal E-SIGN
Act (15 U.S.C. §7006(5)) and California's UETA (Civil Code §1633.2(h)) an electronic
signature is any sound, symbol or process adopted with the intent to sign, so a typed name
is a valid signature. The typed name is drawn into the same PNG a drawn signature produces,
so the database, the packet and the audit trail treat both alike; the person signs it in
front of the intake worker, who records who signed in the form's `consent_signed_by`.
"""

from __future__ import annotations

import base64
import binascii

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from screener.forms import Question
from screener.services import JsonValue
from screener.ui.intake import wording
from screener.ui.intake.editors import AnswerEditor
from screener.ui.intake.signature_pad import SignaturePad


class SignatureEditor(AnswerEditor):
    """Draw a signature (or type a name); each finished stroke commits the PNG."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.pad = SignaturePad(self)
        self.pad.setObjectName(f"pad_{question.id}")
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName(f"clear_{question.id}")
        self.clear_button.setAutoDefault(True)
        self.typed_label = QLabel(self)
        self.typed = QLineEdit(self)
        self.typed.setObjectName(f"typed_{question.id}")
        self.typed_label.setBuddy(self.typed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pad)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.typed_label)
        layout.addWidget(self.typed)
        self.pad.changed.connect(self.committed)
        self.clear_button.clicked.connect(self._clear)
        self.typed.editingFinished.connect(self._typed_done)
        self.setMaximumWidth(640)  # about the size of a signature line on paper
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        # In the language of the form the person signs, like the rest of the form's words.
        self.clear_button.setText(wording.CLEAR_SIGNATURE.get(lang))
        self.typed_label.setText(wording.SIGN_TYPED.get(lang))
        self.pad.set_hint(wording.SIGN_HERE.get(lang))

    def _clear(self) -> None:
        self.typed.clear()
        self.pad.clear()

    def _typed_done(self) -> None:
        name = self.typed.text().strip()
        if name:
            self.pad.set_typed_name(name)  # emits changed -> committed

    def raw_value(self) -> object:
        return self.pad.to_png()

    def set_value(self, value: JsonValue) -> None:
        data: bytes | None = None
        if isinstance(value, str) and value:
            try:
                data = base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError):
                data = None
        self.pad.load_png(data)

    def focus_widgets(self) -> list[QWidget]:
        return [self.clear_button, self.typed]

    def focus_first(self) -> None:
        self.typed.setFocus()

    def set_accessible(self, name: str, description: str) -> None:
        self.pad.setAccessibleName(name)
        self.pad.setAccessibleDescription(wording.SIGN_HERE.get(self.lang))
        self.clear_button.setAccessibleName(
            f"{wording.CLEAR_SIGNATURE.get(self.lang)}: {name}")
        self.typed.setAccessibleName(f"{name}: {wording.SIGN_TYPED.get(self.lang)}")
        self.typed.setAccessibleDescription(description)

"""The signature pad, and consent taken through the same wizard."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLineEdit, QPushButton

from screener import services
from screener.forms.answers import PNG_MAGIC
from screener.ui.intake.signature_pad import CANVAS_H, CANVAS_W, SignaturePad
from tests.ui.intake.conftest import focused, press, tab_to, type_text

Wizard = Any


def draw(qtbot: Any, pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def test_signature_pad_draws_strokes_and_exports_png(qtbot: Any) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(CANVAS_W, CANVAS_H)
    pad.show()
    assert pad.is_empty() and pad.to_png() is None
    with qtbot.waitSignal(pad.changed):
        draw(qtbot, pad, [(40, 120), (90, 60), (140, 130), (200, 50), (260, 120)])
    png = pad.to_png()
    assert png is not None and png.startswith(PNG_MAGIC)
    image = QImage.fromData(png, "PNG")
    assert (image.width(), image.height()) == (CANVAS_W, CANVAS_H)
    inked = sum(image.pixelColor(x, y).value() < 128
                for x in range(0, CANVAS_W, 4) for y in range(0, CANVAS_H, 4))
    assert inked > 10  # the stroke is in the picture, not a blank page
    pad.load_png(png)  # a stored signature shows again
    assert not pad.is_empty()
    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert pad.is_empty() and pad.to_png() is None


def test_consent_is_signed_in_the_wizard_and_stored_as_png(
    qtbot: Any, open_wizard: Callable[[str], Wizard], session: services.Session, client_id: str,
) -> None:
    consent = services.start_intake(session, client_id, "consent", 1)
    wizard = open_wizard(consent.id)
    wizard.go_to("consent_signature")
    pad = wizard.findChild(SignaturePad, "pad_consent_signature")
    assert pad.accessibleName().startswith("Signature")
    draw(qtbot, pad, [(30, 100), (120, 40), (220, 110)])
    stored = services.answer_values(session, consent.id)["consent_signature"]
    assert isinstance(stored, str) and base64.b64decode(stored).startswith(PNG_MAGIC)
    clear = wizard.findChild(QPushButton, "clear_consent_signature")
    tab_to(qtbot, clear)
    press(qtbot, Qt.Key.Key_Return)
    assert pad.is_empty()
    assert services.answer_values(session, consent.id)["consent_signature"] is None


def test_keyboard_users_sign_by_typing_their_name(
    qtbot: Any, open_wizard: Callable[[str], Wizard], session: services.Session, client_id: str,
) -> None:
    consent = services.start_intake(session, client_id, "consent", 1)
    wizard = open_wizard(consent.id)
    wizard.go_to("consent_signature")
    typed = wizard.findChild(QLineEdit, "typed_consent_signature")
    assert focused() is typed  # keyboard users land on the typed-name box
    type_text(qtbot, "Maria Lopez")
    press(qtbot, Qt.Key.Key_Tab)
    stored = services.answer_values(session, consent.id)["consent_signature"]
    assert isinstance(stored, str) and base64.b64decode(stored).startswith(PNG_MAGIC)
    assert not wizard.findChild(SignaturePad, "pad_consent_signature").is_empty()


def test_help_text_shows_apostrophes_as_written(
    qtbot: Any, open_wizard: Any, session: services.Session, client_id: str,
) -> None:
    from PySide6.QtWidgets import QLabel, QWidget

    consent = services.start_intake(session, client_id, "consent", 1)
    wizard = open_wizard(consent.id)
    wizard.go_to("consent_programs")
    help_label = wizard.findChild(QWidget, "row_consent_programs").help
    assert isinstance(help_label, QLabel)
    assert help_label.text().startswith("Each program's provider is named")
    assert help_label.textFormat() == Qt.TextFormat.PlainText


def test_a_long_typed_signature_is_drawn_whole_not_clipped(qtbot: Any) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.set_typed_name("Maria Guadalupe Villalobos-Hernández de la Cruz Quetzalcóatl")
    png = pad.to_png()
    assert png is not None
    image = QImage.fromData(png)
    inked = [x for x in range(image.width()) for y in range(0, image.height(), 3)
             if image.pixelColor(x, y).lightness() < 128]
    assert inked and max(inked) < CANVAS_W - 10  # the last letter ends inside the pad

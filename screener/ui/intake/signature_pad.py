"""A signature pad: draw with the mouse, a pen or a finger; exports PNG bytes.

Strokes are kept in a fixed logical canvas (CANVAS_W × CANVAS_H) and scaled to the widget,
so resizing the window never distorts a signature. Touch screens and pens reach the widget
as mouse events (Qt synthesises them for the primary touch point and for tablets), so one
code path handles all three. `to_png()` renders the strokes (on top of a signature loaded
with `load_png`) to a white PNG for the database and the packet's consent page.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from screener import platform

CANVAS_W = 600
CANVAS_H = 180
_INK = QColor(10, 20, 60)


class SignaturePad(QWidget):
    """A drawing surface for a signature. `changed` fires when a stroke ends or on clear."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[QPointF]] = []
        self._current: list[QPointF] | None = None
        self._background: QImage | None = None
        self._hint = ""
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(300, 90)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keyboard users sign by typing instead

    def sizeHint(self) -> QSize:
        return QSize(CANVAS_W, CANVAS_H)

    def heightForWidth(self, width: int) -> int:
        return max(90, width * CANVAS_H // CANVAS_W)

    def set_hint(self, text: str) -> None:
        """The grey line of text shown while the pad is empty."""
        self._hint = text
        self.update()

    def is_empty(self) -> bool:
        return not self._strokes and self._background is None

    def clear(self) -> None:
        """Wipe the pad and emit `changed`."""
        self._strokes.clear()
        self._current = None
        self._background = None
        self.update()
        self.changed.emit()

    def load_png(self, data: bytes | None) -> None:
        """Show a stored signature (no `changed`); None empties the pad."""
        self._strokes.clear()
        self._current = None
        image = QImage()
        self._background = image if data and image.loadFromData(data) else None
        self.update()

    def set_typed_name(self, name: str) -> None:
        """Replace the signature with `name` written in a handwriting-like font."""
        image = _blank()
        painter = QPainter(image)
        font = QFont()
        font.setFamilies([*platform.current().signature_fonts, "serif"])
        font.setStyleHint(QFont.StyleHint.Cursive)
        font.setItalic(True)
        font.setPixelSize(64)
        rect = QRectF(20, 0, CANVAS_W - 40, CANVAS_H)
        # A long name is drawn smaller, never cut off at the edge of the pad.
        while font.pixelSize() > 12 and \
                QFontMetricsF(font).horizontalAdvance(name) > rect.width():
            font.setPixelSize(font.pixelSize() - 4)
        painter.setFont(font)
        painter.setPen(_INK)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        painter.end()
        self._strokes.clear()
        self._background = image
        self.update()
        self.changed.emit()

    def to_png(self) -> bytes | None:
        """The signature as PNG bytes, or None when nothing is drawn."""
        if self.is_empty():
            return None
        image = _blank()
        painter = QPainter(image)
        self._paint_content(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 wants str
        buffer.close()
        return bytes(data.data())

    # -- drawing --------------------------------------------------------------------------

    def _scale(self) -> float:
        return min(self.width() / CANVAS_W, self.height() / CANVAS_H)

    def _to_canvas(self, pos: QPointF) -> QPointF:
        s = self._scale() or 1.0
        return QPointF(min(max(pos.x() / s, 0.0), CANVAS_W), min(max(pos.y() / s, 0.0), CANVAS_H))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._current = [self._to_canvas(event.position())]
            self._strokes.append(self._current)
            self.update()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._current is not None:
            self._current.append(self._to_canvas(event.position()))
            self.update()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._current is not None:
            self._current.append(self._to_canvas(event.position()))
            self._current = None
            self.update()
            self.changed.emit()
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        s = self._scale()
        canvas = QRectF(0, 0, CANVAS_W * s, CANVAS_H * s)
        # The line to sign on, as on paper.
        painter.setPen(QPen(QColor(120, 120, 120), 1, Qt.PenStyle.DashLine))
        base_y = canvas.height() * 0.78
        painter.drawLine(QPointF(12, base_y), QPointF(canvas.width() - 12, base_y))
        if self.is_empty() and self._hint:
            painter.setPen(QColor(90, 90, 90))
            painter.drawText(canvas.adjusted(12, 0, -12, -canvas.height() * 0.25),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._hint)
        painter.save()
        painter.scale(s, s)
        self._paint_content(painter)
        painter.restore()
        painter.setPen(QPen(QColor(110, 110, 110), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def _paint_content(self, painter: QPainter) -> None:
        """The loaded image and the strokes, in canvas coordinates."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._background is not None:
            painter.drawImage(QRectF(0, 0, CANVAS_W, CANVAS_H), self._background)
        pen = QPen(_INK, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0])
                continue
            path = QPainterPath(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
            painter.drawPath(path)


def _blank() -> QImage:
    image = QImage(CANVAS_W, CANVAS_H, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    return image

"""Fonts, colours and paragraph styles of the packet, made once per process.

DejaVu Sans ships under `resources/fonts/` and is embedded (subset) in every packet, so the
Spanish accents render and extract the same on any machine. Parsing the font files is the
costly part, so registration happens once; reportlab's font registry is process-wide.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from screener import paths
from screener.errors import PacketError

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}

# Colours as hex strings; reportlab colour objects are made in `styles()`.
INK = "#1A1A1A"
ACCENT = "#1F3A5F"
MUTED = "#5A6270"
RULE = "#B8BFC9"
SHADE = "#EEF1F5"
RED = "#B00020"
RED_SHADE = "#FDECEE"
AMBER = "#8A5300"
AMBER_SHADE = "#FFF4E0"
GREEN = "#1B6E35"
STATUS_COLOURS = {"met": GREEN, "not_met": RED, "unknown": AMBER}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register DejaVu Sans (and its bold/oblique faces as one family) with reportlab, once."""
    global _registered
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, filename in _FONT_FILES.items():
            path = paths.resource("fonts", filename)
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except (OSError, ValueError) as exc:
                raise PacketError(f"cannot load the packet font {path}: {exc}") from exc
        # <b>, <i> and <b><i> in paragraphs map to these faces (no bold-oblique shipped).
        addMapping(FONT, 0, 0, FONT)
        addMapping(FONT, 1, 0, FONT_BOLD)
        addMapping(FONT, 0, 1, FONT_ITALIC)
        addMapping(FONT, 1, 1, FONT_BOLD)
        _registered = True


@dataclass(frozen=True)
class Styles:
    """The paragraph styles the sections use (reportlab ParagraphStyle objects)."""

    title: Any
    subtitle: Any
    h1: Any
    h2: Any
    body: Any
    bullet: Any
    small: Any
    muted: Any
    cell: Any
    cell_bold: Any
    label: Any
    urgent: Any
    warning: Any
    legal: Any
    footer: Any


@lru_cache(maxsize=1)
def styles() -> Styles:
    """The packet's styles, built once (after the fonts are registered)."""
    register_fonts()
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=9.5,
        leading=12.5,
        textColor=HexColor(INK),
        spaceAfter=4,
    )

    def derive(name: str, **kw: Any) -> Any:
        return ParagraphStyle(name, parent=base, **kw)

    return Styles(
        title=derive(
            "title",
            fontName=FONT_BOLD,
            fontSize=20,
            leading=24,
            textColor=HexColor(ACCENT),
            spaceAfter=2,
        ),
        subtitle=derive("subtitle", fontSize=11, leading=14, textColor=HexColor(MUTED)),
        h1=derive(
            "h1",
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            spaceBefore=4,
            spaceAfter=8,
            textColor=HexColor(ACCENT),
            keepWithNext=1,
        ),
        h2=derive(
            "h2",
            fontName=FONT_BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=10,
            spaceAfter=4,
            textColor=HexColor(ACCENT),
            keepWithNext=1,
        ),
        body=base,
        bullet=derive("bullet", leftIndent=14, bulletIndent=3, spaceAfter=2),
        small=derive("small", fontSize=8.5, leading=11),
        muted=derive("muted", fontSize=8.5, leading=11, textColor=HexColor(MUTED)),
        cell=derive("cell", fontSize=9, leading=11.5, spaceAfter=0),
        cell_bold=derive("cell_bold", fontName=FONT_BOLD, fontSize=9, leading=11.5, spaceAfter=0),
        label=derive(
            "label",
            fontName=FONT_BOLD,
            fontSize=8.5,
            leading=11.5,
            spaceAfter=0,
            textColor=HexColor(MUTED),
        ),
        urgent=derive(
            "urgent",
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            spaceAfter=0,
            textColor=HexColor(RED),
        ),
        warning=derive(
            "warning",
            fontName=FONT_BOLD,
            fontSize=9.5,
            leading=12,
            spaceAfter=0,
            textColor=HexColor(RED),
        ),
        legal=derive("legal", fontSize=7.5, leading=9.5, spaceAfter=0),
        footer=derive("footer", fontSize=7.5, leading=9, textColor=HexColor(MUTED)),
    )


@lru_cache(maxsize=16)
def indented(depth: int) -> Any:
    """The table-cell style indented for a criterion `depth` levels down."""
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"cell_indent_{depth}", parent=styles().cell, leftIndent=12 * depth)

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
    h1: Any  # section heading
    h2: Any  # program or sub-section heading
    subhead: Any  # bold run-in heading inside a section ("Priority reasons")
    body: Any
    bullet: Any
    muted: Any
    rules: Any  # the rules version and hash under a program
    cell: Any
    cell_more: Any  # second and later paragraphs in one table cell
    cell_bold: Any
    label: Any
    urgent: Any
    warning: Any
    legal: Any


@lru_cache(maxsize=1)
def styles() -> Styles:
    """The packet's styles, built once (after the fonts are registered)."""
    register_fonts()
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    ink, accent, muted, red = HexColor(INK), HexColor(ACCENT), HexColor(MUTED), HexColor(RED)
    base = ParagraphStyle(
        "body",
        fontName=FONT,
        bulletFontName=FONT,
        fontSize=9.5,
        leading=12.5,
        textColor=ink,
        spaceAfter=4,
    )

    def derive(name: str, **kw: Any) -> Any:
        return ParagraphStyle(name, parent=base, **kw)

    cell = derive("cell", fontSize=9, leading=11.5, spaceAfter=0)
    bold = {"fontName": FONT_BOLD}
    return Styles(
        title=derive("title", **bold, fontSize=20, leading=24, textColor=accent, spaceAfter=2),
        subtitle=derive("subtitle", fontSize=11, leading=14, textColor=muted),
        h1=derive(
            "h1", **bold, fontSize=14, leading=18, spaceBefore=14, spaceAfter=8, textColor=accent
        ),
        h2=derive(
            "h2", **bold, fontSize=11, leading=14, spaceBefore=12, spaceAfter=4, textColor=accent
        ),
        subhead=derive("subhead", **bold, spaceBefore=8, spaceAfter=2),
        body=base,
        bullet=derive("bullet", leftIndent=14, bulletIndent=3, spaceAfter=2),
        muted=derive("muted", fontSize=8.5, leading=11, textColor=muted),
        rules=derive("rules", fontSize=8, leading=10.5, spaceBefore=6, textColor=muted),
        cell=cell,
        cell_more=ParagraphStyle("cell_more", parent=cell, spaceBefore=3),
        cell_bold=ParagraphStyle("cell_bold", parent=cell, **bold),
        label=ParagraphStyle("label", parent=cell, **bold, fontSize=8.5, textColor=muted),
        urgent=derive("urgent", **bold, fontSize=12, leading=15, spaceAfter=0, textColor=red),
        warning=derive("warning", **bold, leading=12, spaceAfter=0, textColor=red),
        legal=derive("legal", fontSize=7.5, leading=9.5, spaceAfter=0),
    )


@lru_cache(maxsize=16)
def indented(depth: int) -> Any:
    """The table-cell style indented for a criterion `depth` levels down."""
    from reportlab.lib.styles import ParagraphStyle

    depth = max(0, min(depth, 8))  # deeper trees would squeeze the text to nothing
    return ParagraphStyle(f"cell_indent_{depth}", parent=styles().cell, leftIndent=12 * depth)

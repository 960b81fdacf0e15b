"""Small rendering helpers the packet sections share: escaping, paragraphs, tables, boxes.

Imported only while a packet is being built (it imports reportlab.platypus).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.platypus import CondPageBreak, Paragraph, Table, TableStyle

from screener.packets import labels
from screener.packets import styles as st
from screener.packets.page import MARGIN, PAGE_WIDTH
from screener.packets.privacy import Redactor
from screener.packets.styles import Styles
from screener.text import Language, Text

#: Width of the text frame, in points.
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
LABEL_WIDTH = 150

#: Space a heading needs below it (heading, a line and the start of a table), in points.
_ROOM_BELOW = {"h1": 150.0, "h2": 110.0, "subhead": 50.0}

_GRID = HexColor(st.RULE)
_SHADE = HexColor(st.SHADE)

#: Every table names the packet font: reportlab's cell default (Helvetica) would otherwise be
#: referenced, unembedded, on every page with a table.
_FONT = ("FONTNAME", (0, 0), (-1, -1), st.FONT)
_BASE_TABLE = [
    _FONT,
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 5),
    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ("LINEBELOW", (0, 0), (-1, -1), 0.5, _GRID),
]
_KV_STYLE = [*_BASE_TABLE, ("BACKGROUND", (0, 0), (0, -1), _SHADE)]
_HEADED_STYLE = [
    *_BASE_TABLE,
    ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
    ("LINEBELOW", (0, 0), (-1, 0), 1, _GRID),
]


#: The most characters of one value a packet prints (the rest is in the client's record).
MAX_PRINTED_CHARS = 2_000


@dataclass(frozen=True)
class Ctx:
    """What every section needs: the language, the styles and the SSN redactor."""

    lang: Language
    styles: Styles
    redact: Redactor

    def t(self, text: Text, **data: str) -> str:
        """Packet wording in the packet's language, with `data` (already markup) filled in."""
        words = text.get(self.lang)
        return words.format(**data) if data else words

    def data(self, value: str | None) -> str:
        """A data string made safe for paragraph markup (escaped, SSN redacted, line breaks),
        cut at `MAX_PRINTED_CHARS` with a note (a packet is read at a glance, and a value
        stored before the input limits could be long enough to stall the layout)."""
        if value is None:
            return ""
        value = self.redact(value)  # before the cut, which could split an SSN
        more = len(value) - MAX_PRINTED_CHARS
        shown = escape(value[:MAX_PRINTED_CHARS] if more > 0 else value)
        if more > 0:
            shown += escape(self.t(labels.CUT_SHORT, more=f"{more:,}"))
        return shown.replace("\n", "<br/>")

    def para(self, markup: str, style: Any = None) -> Any:
        """A paragraph of `markup` (default: body style)."""
        return Paragraph(markup, style or self.styles.body)

    def heading(self, markup: str, level: str = "h2") -> list[Any]:
        """A heading (`h1`, `h2` or `subhead`) that starts a new page rather than sit at the
        foot of one with nothing of its section under it."""
        return [CondPageBreak(_ROOM_BELOW[level]), Paragraph(markup, getattr(self.styles, level))]

    def value(self, value: str | None, style: Any = None) -> Any:
        """A cell paragraph for a data value, or "Not given" in muted text."""
        if value is None or not value.strip():
            return Paragraph(self.t(labels.NOT_GIVEN), self.styles.muted)
        return Paragraph(self.data(value), style or self.styles.cell)

    def cell_paras(self, markups: Iterable[str]) -> list[Any]:
        """Several paragraphs for one table cell, a little space between them."""
        return [
            Paragraph(m, self.styles.cell_more if i else self.styles.cell)
            for i, m in enumerate(markups)
        ]

    def bullets(self, items: Iterable[str]) -> list[Any]:
        """One bulleted paragraph per data string."""
        return self.bullets_markup(self.data(item) for item in items)

    def bullets_markup(self, markups: Iterable[str]) -> list[Any]:
        """One bulleted paragraph per markup string."""
        return [Paragraph(m, self.styles.bullet, bulletText="•") for m in markups]


def table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    commands: Sequence[tuple[Any, ...]],
    **kw: Any,
) -> Any:
    """A left-aligned table in the packet font with `commands` as its TableStyle."""
    # splitInRow: a row too tall for one page (a very long value) continues on the next.
    made = Table([list(r) for r in rows], colWidths=list(widths), hAlign="LEFT", splitInRow=1, **kw)
    made.setStyle(TableStyle([_FONT, *commands]))
    return made


def kv_table(ctx: Ctx, rows: Sequence[tuple[Text, Any]]) -> Any:
    """A two-column label | value table; values are flowables (or lists of them)."""
    data = [[Paragraph(ctx.t(label), ctx.styles.label), val] for label, val in rows]
    return table(data, [LABEL_WIDTH, FRAME_WIDTH - LABEL_WIDTH], _KV_STYLE)


def headed_table(
    header: Sequence[Any], rows: Sequence[Sequence[Any]], widths: Sequence[float]
) -> Any:
    """A table with a shaded header row that repeats when the table breaks across pages."""
    return table([header, *rows], widths, _HEADED_STYLE, repeatRows=1)


def box(
    content: Any, border: str, fill: str, width: float = FRAME_WIDTH, weight: float = 1.2
) -> Any:
    """`content` (flowable or list) in a coloured, bordered box across the frame."""
    commands = [
        ("BOX", (0, 0), (-1, -1), weight, HexColor(border)),
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(fill)),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]
    return table([[content]], [width], commands)


def coloured(markup: str, colour: str) -> str:
    """`markup` in a colour."""
    return f'<font color="{colour}">{markup}</font>'
